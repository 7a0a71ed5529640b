package lambda

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/stepwisehq/stepwise/internal/resource"
	"github.com/stepwisehq/stepwise/value"
)

// sharedDir returns ../shared beside the repository root, skipping the test
// when it is absent.
func sharedDir(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("repository root not found")
		}
		dir = parent
	}
	shared := filepath.Join(dir, "..", "shared")
	if _, err := os.Stat(filepath.Join(shared, "conformance", "cases")); err != nil {
		t.Skip("../shared/conformance/cases is absent")
	}
	return shared
}

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
	calls := corpusCalls(t, sharedDir(t))
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
		return match(c.output, out, "$")
	}
	if !errors.As(err, &f) {
		return []string{"got " + value.String(out) + ", want failure " + c.error}
	}
	diffs := match(c.error, f.Name, "error")
	diffs = append(diffs, match(c.cause, f.Cause, "cause")...)
	if len(c.causes) > 0 && !slices.ContainsFunc(c.causes, func(want string) bool { return stringMatches(want, f.Cause) }) {
		diffs = append(diffs, "cause text "+f.Cause+" is none of "+strings.Join(c.causes, " | "))
	}
	return diffs
}

// corpusCalls reads the recorded Lambda invocations of the execution cases
// whose functions the fake emulates.
func corpusCalls(t *testing.T, shared string) []recordedCall {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(shared, "conformance", "cases", "*", "*.json"))
	var calls []recordedCall
	for _, file := range files {
		switch filepath.Base(filepath.Dir(file)) {
		case "test_state_api", "invalid_definitions", "api_errors":
			continue
		}
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		c, err := value.Parse(data)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		calls = append(calls, caseCalls(strings.TrimSuffix(filepath.Base(file), ".json"), c.(*value.Object))...)
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
		typ, _ := field(ev, "type").(string)
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
			pending.output = jsonText(field(details(ev, typ), "output"))
		case "TaskFailed", "LambdaFunctionFailed":
			d := details(ev, typ)
			pending.error, _ = field(d, "error").(string)
			pending.cause = field(d, "cause")
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
	return field(ev, strings.ToLower(typ[:1])+typ[1:]+"EventDetails")
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
		d := field(ev, "taskScheduledEventDetails")
		if field(d, "resourceType") != "lambda" || field(d, "resource") != "invoke" {
			return recordedCall{}, false
		}
		return recordedCall{req: resource.Request{Resource: "arn:aws:states:::lambda:invoke",
			Input: replaceStrings(field(d, "parameters"), repl)}}, true
	case "LambdaFunctionScheduled":
		d := field(ev, "lambdaFunctionScheduledEventDetails")
		arn, _ := field(d, "resource").(string)
		return recordedCall{req: resource.Request{Resource: repl.Replace(arn), Input: replaceStrings(jsonText(field(d, "input")), repl)}}, true
	}
	return recordedCall{}, false
}

func field(v value.Value, key string) value.Value {
	obj, _ := v.(*value.Object)
	got, _ := obj.Get(key)
	return got
}

// jsonText decodes recorded JSON text that the recorder left undecoded.
func jsonText(v value.Value) value.Value {
	s, ok := v.(string)
	if !ok {
		return v
	}
	if parsed, err := value.ParseString(s); err == nil {
		return parsed
	}
	return v
}

func replaceStrings(v value.Value, repl *strings.Replacer) value.Value {
	switch x := v.(type) {
	case string:
		return repl.Replace(x)
	case []value.Value:
		out := make([]value.Value, len(x))
		for i, e := range x {
			out[i] = replaceStrings(e, repl)
		}
		return out
	case *value.Object:
		ms := make([]value.Member, x.Len())
		for i, m := range x.Members() {
			ms[i] = value.Member{Key: m.Key, Value: replaceStrings(m.Value, repl)}
		}
		return value.NewObject(ms)
	}
	return v
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

var maskRE = regexp.MustCompile(`<[A-Za-z][A-Za-z0-9_.:\-]*>|111111111111`)

// match compares a recorded (masked) value with an actual one as the
// conformance harness does, and also requires the recorded key order of
// objects whose order AWS sets (AllHttpHeaders, HttpHeaders, the result).
func match(want, got value.Value, path string) []string {
	if s, ok := want.(string); ok {
		if placeholders[s] || maskRE.FindString(s) == s {
			return nil
		}
		if _, isStr := got.(string); !isStr {
			return match(jsonText(want), jsonText(got), path) // recorded text vs value
		}
	}
	if _, ok := want.(*value.Object); ok {
		got = jsonText(got)
	}
	switch w := want.(type) {
	case *value.Object:
		return matchObject(w, got, path)
	case []value.Value:
		g, ok := got.([]value.Value)
		if !ok || len(g) != len(w) {
			return []string{path + ": want " + value.String(w) + ", got " + value.String(got)}
		}
		var diffs []string
		for i := range w {
			diffs = append(diffs, match(w[i], g[i], path+"[]")...)
		}
		return diffs
	case string:
		if g, ok := got.(string); !ok || !stringMatches(w, g) {
			return []string{path + ": want " + value.String(w) + ", got " + value.String(got)}
		}
		return nil
	}
	if !value.Equal(want, got) {
		return []string{path + ": want " + value.String(want) + ", got " + value.String(got)}
	}
	return nil
}

func matchObject(w *value.Object, got value.Value, path string) []string {
	g, ok := got.(*value.Object)
	if !ok {
		return []string{path + ": want an object, got " + value.String(got)}
	}
	if !sameKeys(w.Keys(), g.Keys(), ordered(path)) {
		return []string{path + ": keys " + strings.Join(g.Keys(), ",") + ", want " + strings.Join(w.Keys(), ",")}
	}
	var diffs []string
	for _, m := range w.Members() {
		if m.Key == "Content-Length" && strings.Contains(path, "Headers") {
			continue // depends on the masked function names
		}
		gv, _ := g.Get(m.Key)
		diffs = append(diffs, match(m.Value, gv, path+"."+m.Key)...)
	}
	return diffs
}

func ordered(path string) bool {
	return path == "$" || strings.HasSuffix(path, "AllHttpHeaders") || strings.HasSuffix(path, "HttpHeaders")
}

func sameKeys(want, got []string, inOrder bool) bool {
	if inOrder {
		return slices.Equal(want, got)
	}
	a, b := slices.Sorted(slices.Values(want)), slices.Sorted(slices.Values(got))
	return slices.Equal(a, b)
}

// stringMatches compares strings where masks stand for any text and the
// recorded account for any twelve digits.
func stringMatches(want, got string) bool {
	locs := maskRE.FindAllStringIndex(want, -1)
	if len(locs) == 0 {
		return want == got
	}
	var b strings.Builder
	b.WriteString("^")
	pos := 0
	for _, l := range locs {
		b.WriteString(regexp.QuoteMeta(want[pos:l[0]]))
		if want[l[0]:l[1]] == "111111111111" {
			b.WriteString(`\d{12}`)
		} else {
			b.WriteString(`(?s:.*?)`)
		}
		pos = l[1]
	}
	b.WriteString(regexp.QuoteMeta(want[pos:]) + "$")
	return regexp.MustCompile(b.String()).MatchString(got)
}
