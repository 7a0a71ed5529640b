package lambda

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/stepwisehq/stepwise/internal/resource"
	"github.com/stepwisehq/stepwise/internal/sharedtest"
	"github.com/stepwisehq/stepwise/value"
)

// recordedCall is one Lambda invocation recorded in a case's history and
// what AWS made of it.
type recordedCall struct {
	caseName string
	req      resource.Request
	output   value.Value // on success
	error    string      // on failure
	cause    value.Value
	causes   []string // the cause texts that Catch outputs of the case show
}

// TestCorpusInvocations replays every Lambda invocation recorded in the
// corpus (TaskScheduled of lambda:invoke, LambdaFunctionScheduled) against
// the fake Lambda and compares the result or failure with what AWS recorded.
func TestCorpusInvocations(t *testing.T) {
	t.Parallel()
	calls := corpusCalls(t)
	fake := newFakeLambda(t)
	replayCalls(t, fake.URL(), calls)
}

func replayCalls(t *testing.T, endpoint string, calls []recordedCall) {
	t.Helper()
	inv, err := New(context.Background(), Options{Config: &aws.Config{}, Endpoint: endpoint})
	if err != nil {
		t.Fatal(err)
	}
	if len(calls) < 20 {
		t.Fatalf("only %d recorded calls found", len(calls))
	}
	var failures, withText int
	for _, c := range calls {
		if c.error != "" {
			failures++
		}
		if len(c.causes) > 0 {
			withText++
		}
		out, err := inv.Invoke(context.Background(), &c.req)
		if diffs := compareCall(c, out, err); len(diffs) > 0 {
			t.Errorf("%s (%s %s):\n  %s", c.caseName, c.req.Resource, value.String(c.req.Input), strings.Join(diffs, "\n  "))
		}
	}
	t.Logf("replayed %d recorded calls: %d failures, %d with cause texts from Catch", len(calls), failures, withText)
}

func compareCall(c recordedCall, out value.Value, err error) []string {
	var f *resource.Failure
	if c.error == "" {
		if err != nil {
			return []string{"failed: " + err.Error()}
		}
		return recorded.Diff(c.output, out, "$")
	}
	if !errors.As(err, &f) {
		return []string{"got " + value.String(out) + ", want failure " + c.error}
	}
	diffs := recorded.Diff(c.error, f.Name, "error")
	diffs = append(diffs, recorded.Diff(c.cause, f.Cause, "cause")...)
	if len(c.causes) > 0 && !slices.ContainsFunc(c.causes, func(want string) bool { return sharedtest.MaskedMatch(sharedtest.Masks, want, f.Cause) }) {
		diffs = append(diffs, "cause text "+f.Cause+" is none of "+strings.Join(c.causes, " | "))
	}
	return diffs
}

// corpusCalls reads the recorded Lambda invocations of the execution cases
// whose functions the fake emulates.
func corpusCalls(t *testing.T) []recordedCall {
	t.Helper()
	var calls []recordedCall
	for _, file := range sharedtest.Cases(t, "*") {
		switch sharedtest.Category(file) {
		case "test_state_api", "invalid_definitions", "api_errors":
			continue
		}
		c := sharedtest.ReadValue(t, file)
		calls = append(calls, caseCalls(sharedtest.Name(file), c.(*value.Object))...)
	}
	return calls
}

func caseCalls(name string, c *value.Object) []recordedCall {
	repl := nameReplacer(c)
	if repl == nil {
		return nil
	}
	hist, _ := c.Get("recorded_history")
	events, _ := hist.([]value.Value)
	causes := catchCauses(hist)
	var calls []recordedCall
	var pending *recordedCall
	for _, e := range events {
		ev, _ := e.(*value.Object)
		typ, _ := sharedtest.Get(ev, "type").(string)
		if call, ok := scheduledCall(typ, ev, repl); ok {
			call.caseName = name
			pending = &call
			continue
		}
		if pending == nil {
			continue
		}
		switch typ {
		case "TaskSucceeded", "LambdaFunctionSucceeded":
			pending.output = sharedtest.JSONText(sharedtest.Get(details(ev, typ), "output"))
		case "TaskFailed", "LambdaFunctionFailed":
			d := details(ev, typ)
			pending.error, _ = sharedtest.Get(d, "error").(string)
			pending.cause = sharedtest.Get(d, "cause")
			pending.causes = causes[pending.error]
		case "TaskTimedOut", "LambdaFunctionTimedOut":
			pending = nil
			continue
		default:
			continue
		}
		calls = append(calls, *pending)
		pending = nil
	}
	return calls
}

// details returns the <type>EventDetails of an event.
func details(ev *value.Object, typ string) value.Value {
	return sharedtest.Get(ev, strings.ToLower(typ[:1])+typ[1:]+"EventDetails")
}

// nameReplacer maps the masked function names of a case to the fake's
// sfnconf_<handler> names, as the conformance harness does; nil when a
// handler is not emulated.
func nameReplacer(c *value.Object) *strings.Replacer {
	var pairs []string
	fns, _ := c.Get("lambda_functions")
	obj, _ := fns.(*value.Object)
	for _, m := range obj.Members() {
		spec, _ := m.Value.(*value.Object)
		file, _ := spec.Get("handler_file")
		s, _ := file.(string)
		handler := strings.TrimSuffix(filepath.Base(s), ".py")
		if fakeHandlers[handler] == nil || handler == "wait_60_seconds" {
			return nil
		}
		pairs = append(pairs, m.Key, fakePrefix+handler)
	}
	if len(pairs) == 0 {
		return nil
	}
	pairs = append(pairs, "<partition>", "aws", "<region>", "us-east-1")
	return strings.NewReplacer(longestFirst(pairs)...)
}

// longestFirst orders old/new pairs by the length of old, longest first, so
// that "<name>" is replaced before "name".
func longestFirst(pairs []string) []string {
	type pair struct{ old, new string }
	ps := make([]pair, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		ps = append(ps, pair{pairs[i], pairs[i+1]})
	}
	slices.SortStableFunc(ps, func(a, b pair) int { return len(b.old) - len(a.old) })
	out := make([]string, 0, len(pairs))
	for _, p := range ps {
		out = append(out, p.old, p.new)
	}
	return out
}

func scheduledCall(typ string, ev *value.Object, repl *strings.Replacer) (recordedCall, bool) {
	switch typ {
	case "TaskScheduled":
		d := sharedtest.Get(ev, "taskScheduledEventDetails")
		if sharedtest.Get(d, "resourceType") != "lambda" || sharedtest.Get(d, "resource") != "invoke" {
			return recordedCall{}, false
		}
		return recordedCall{req: resource.Request{Resource: "arn:aws:states:::lambda:invoke",
			Input: sharedtest.MapStrings(sharedtest.Get(d, "parameters"), repl.Replace)}}, true
	case "LambdaFunctionScheduled":
		d := sharedtest.Get(ev, "lambdaFunctionScheduledEventDetails")
		arn, _ := sharedtest.Get(d, "resource").(string)
		return recordedCall{req: resource.Request{Resource: repl.Replace(arn), Input: sharedtest.MapStrings(sharedtest.JSONText(sharedtest.Get(d, "input")), repl.Replace)}}, true
	}
	return recordedCall{}, false
}

// catchCauses collects, by error name, the cause texts of the {"Error",
// "Cause"} objects a case's history shows (what Catch handed on).
func catchCauses(v value.Value) map[string][]string {
	out := map[string][]string{}
	var walk func(value.Value)
	walk = func(v value.Value) {
		switch x := v.(type) {
		case []value.Value:
			for _, e := range x {
				walk(e)
			}
		case *value.Object:
			e, _ := x.Get("Error")
			c, _ := x.Get("Cause")
			if es, ok := e.(string); ok {
				if cs, ok := c.(string); ok && !slices.Contains(out[es], cs) {
					out[es] = append(out[es], cs)
				}
			}
			for _, m := range x.Members() {
				walk(m.Value)
			}
		}
	}
	walk(v)
	return out
}

// Placeholders the recorder wrote in place of volatile values (from the
// conformance harness's PLAIN_PLACEHOLDERS).
var placeholders = map[string]bool{
	"timestamp": true, "date": true, "RequestId": true, "x-amzn-RequestId": true, "x-amzn-requestid": true,
	"X-Amzn-Trace-Id": true, "x-amz-crc32": true, "lambda_function_name": true,
}

// recorded compares a recorded (masked) value with an actual one as the
// conformance harness does, and also requires the recorded key order of
// objects whose order AWS sets (AllHttpHeaders, HttpHeaders, the result).
var recorded = sharedtest.Matcher{
	Placeholders: placeholders,
	Ordered: func(path string) bool {
		return path == "$" || strings.HasSuffix(path, "AllHttpHeaders") || strings.HasSuffix(path, "HttpHeaders")
	},
	Skip: func(path, key string) bool {
		return key == "Content-Length" && strings.Contains(path, "Headers") // depends on the masked function names
	},
}
