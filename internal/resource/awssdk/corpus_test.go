package awssdk

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
	"github.com/stepwisehq/stepwise/internal/resource/fakeaws"
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

// recordedCall is one service call recorded in a case's history (the
// parameters of TaskScheduled) and what AWS made of it (TaskSucceeded,
// TaskSubmitted for .waitForTaskToken, or TaskFailed).
type recordedCall struct {
	resource string
	params   value.Value
	output   value.Value // on success
	error    string      // on failure
	cause    value.Value
}

// recordedCase is a case's calls, which run in order against one fake.
type recordedCase struct {
	name  string
	calls []recordedCall
}

// replayedTypes are the resource types this package runs.
func replayedType(typ string) bool {
	switch typ {
	case "sqs", "sns", "dynamodb", "events":
		return true
	}
	return strings.HasPrefix(typ, "aws-sdk:")
}

// TestCorpusCalls replays every call to SQS, SNS, DynamoDB, EventBridge and
// the aws-sdk integrations recorded in the corpus against fakeaws and
// compares the result or failure with what AWS recorded.
func TestCorpusCalls(t *testing.T) {
	t.Parallel()
	cases := corpusCases(t, sharedDir(t))
	var calls, failures int
	for _, c := range cases {
		f := fakeaws.Start(t)
		f.CreateTable("table-name", "id")
		f.CreateBucket("bucket-name")
		inv, err := New(context.Background(), Options{Config: &aws.Config{}, Endpoint: f.URL})
		if err != nil {
			t.Fatal(err)
		}
		for _, call := range c.calls {
			calls++
			if call.error != "" {
				failures++
			}
			params := prepareFake(f, call)
			out, err := inv.Invoke(context.Background(), &resource.Request{Resource: call.resource, Input: params})
			if diffs := compareCall(call, out, err); len(diffs) > 0 {
				t.Errorf("%s (%s %s):\n  %s", c.name, call.resource, value.String(params), strings.Join(diffs, "\n  "))
			}
		}
	}
	if calls < 30 {
		t.Fatalf("only %d recorded calls found", calls)
	}
	t.Logf("replayed %d recorded calls of %d cases: %d failures", calls, len(cases), failures)
}

// prepareFake creates what a recorded call needs in the fake (its queue,
// topic, table, bucket, object or state machine) and returns its
// parameters with the recorder's masks replaced by the fake's names.
func prepareFake(f *fakeaws.Server, call recordedCall) value.Value {
	queueURL := f.CreateQueue("sfn-queue")
	repl := strings.NewReplacer("<sqs_queue_url>", queueURL, "sqs_queue_url", queueURL,
		"<partition>", "aws", "<region>", "us-east-1")
	params := replaceStrings(call.params, func(s string) string {
		return maskToken.ReplaceAllStringFunc(repl.Replace(s), unmask)
	})
	obj, _ := params.(*value.Object)
	if arn, ok := field(obj, "TopicArn").(string); ok {
		f.CreateTopic(arn)
	}
	if arn, ok := field(obj, "StateMachineArn").(string); ok {
		f.CreateStateMachine(arn)
	}
	if call.resource == "arn:aws:states:::aws-sdk:s3:getObject" && call.error == "" {
		bucket, _ := field(obj, "Bucket").(string)
		key, _ := field(obj, "Key").(string)
		body, _ := field(call.output, "Body").(string)
		f.PutObject(bucket, key, []byte(body))
	}
	return params
}

var maskToken = regexp.MustCompile(`<[A-Za-z][A-Za-z0-9_.:\-]*>`)

// unmask turns "<test-table>" into "test-table", "<resource:1>" into
// "resource1".
func unmask(tok string) string {
	return strings.NewReplacer("<", "", ">", "", ":", "").Replace(tok)
}

func replaceStrings(v value.Value, fn func(string) string) value.Value {
	switch x := v.(type) {
	case string:
		return fn(x)
	case []value.Value:
		out := make([]value.Value, len(x))
		for i, e := range x {
			out[i] = replaceStrings(e, fn)
		}
		return out
	case *value.Object:
		ms := make([]value.Member, x.Len())
		for i, m := range x.Members() {
			ms[i] = value.Member{Key: m.Key, Value: replaceStrings(m.Value, fn)}
		}
		return value.NewObject(ms)
	}
	return v
}

func compareCall(c recordedCall, out value.Value, err error) []string {
	if c.error == "" {
		if err != nil {
			return []string{"failed: " + err.Error()}
		}
		return match(c.output, out, "$")
	}
	var f *resource.Failure
	if !errors.As(err, &f) {
		return []string{"got " + value.String(out) + ", want failure " + c.error}
	}
	diffs := match(c.error, f.Name, "error")
	return append(diffs, match(c.cause, f.Cause, "cause")...)
}

// corpusCases reads the recorded calls of the execution cases. The
// local_mocking category is left out: its services were mocked.
func corpusCases(t *testing.T, shared string) []recordedCase {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(shared, "conformance", "cases", "*", "*.json"))
	var cases []recordedCase
	for _, file := range files {
		switch filepath.Base(filepath.Dir(file)) {
		case "test_state_api", "invalid_definitions", "api_errors", "local_mocking":
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
		calls := caseCalls(field(c, "recorded_history"))
		if len(calls) > 0 {
			cases = append(cases, recordedCase{name: strings.TrimSuffix(filepath.Base(file), ".json"), calls: calls})
		}
	}
	return cases
}

func caseCalls(hist value.Value) []recordedCall {
	events, _ := hist.([]value.Value)
	var calls []recordedCall
	var pending *recordedCall
	for _, e := range events {
		typ, _ := field(e, "type").(string)
		d := field(e, strings.ToLower(typ[:1])+typ[1:]+"EventDetails")
		switch typ {
		case "TaskScheduled":
			pending = scheduled(d)
			continue
		case "TaskSucceeded", "TaskSubmitted":
			if pending != nil {
				pending.output = jsonText(field(d, "output"))
			}
		case "TaskFailed":
			if pending != nil {
				pending.error, _ = field(d, "error").(string)
				pending.cause = field(d, "cause")
			}
		default:
			continue
		}
		if pending != nil {
			calls = append(calls, *pending)
		}
		pending = nil
	}
	return calls
}

func scheduled(d value.Value) *recordedCall {
	typ, _ := field(d, "resourceType").(string)
	res, _ := field(d, "resource").(string)
	if !replayedType(typ) {
		return nil
	}
	return &recordedCall{resource: "arn:aws:states:::" + typ + ":" + res, params: jsonText(field(d, "parameters"))}
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

// Placeholders the recorder wrote in place of volatile values (the
// conformance harness's PLAIN_PLACEHOLDERS, with the masks of a DynamoDB
// Server header and of SQS message IDs in the callback cases).
var placeholders = map[string]bool{
	"timestamp": true, "datetime": true, "date": true, "time": true, "RequestId": true, "x-amzn-RequestId": true,
	"x-amzn-requestid": true, "X-Amzn-Trace-Id": true, "x-amz-crc32": true, "Server": true, "a_message_id": true,
}

var maskRE = regexp.MustCompile(`<[A-Za-z][A-Za-z0-9_.:\-]*>|111111111111`)

// match compares a recorded (masked) value with an actual one as the
// conformance harness does, and also requires the recorded key order of
// the result and of AllHttpHeaders.
func match(want, got value.Value, path string) []string {
	if s, ok := want.(string); ok {
		if placeholders[s] || maskRE.FindString(s) == s {
			return nil
		}
		if _, isStr := got.(string); !isStr {
			return match(jsonText(want), jsonText(got), path)
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
	headers := strings.HasSuffix(path, "Headers")
	if !sameKeys(w.Keys(), g.Keys(), path == "$" || strings.HasSuffix(path, "AllHttpHeaders"), headers) {
		return []string{path + ": keys " + strings.Join(g.Keys(), ",") + ", want " + strings.Join(w.Keys(), ",")}
	}
	var diffs []string
	for _, m := range w.Members() {
		if headers && (m.Key == "Content-Length" || m.Key == "Date") {
			continue // the length depends on the fake's IDs; one recorded date is not masked
		}
		gv, ok := g.Get(m.Key)
		if !ok && headers {
			gv = headerFold(g, m.Key)
		}
		diffs = append(diffs, match(m.Value, gv, path+"."+m.Key)...)
	}
	return diffs
}

func headerFold(g *value.Object, key string) value.Value {
	for _, m := range g.Members() {
		if strings.EqualFold(m.Key, key) {
			return m.Value
		}
	}
	return nil
}

// sameKeys compares key lists, in order when inOrder; header names
// ignoring case (AWS spells x-amzn-RequestId either way).
func sameKeys(want, got []string, inOrder, foldCase bool) bool {
	norm := func(keys []string) []string {
		out := slices.Clone(keys)
		if foldCase {
			for i := range out {
				out[i] = strings.ToLower(out[i])
			}
		}
		return out
	}
	a, b := norm(want), norm(got)
	if !inOrder {
		slices.Sort(a)
		slices.Sort(b)
	}
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
