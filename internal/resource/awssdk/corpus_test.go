package awssdk

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/stepwisehq/stepwise/internal/resource"
	"github.com/stepwisehq/stepwise/internal/resource/fakeaws"
	"github.com/stepwisehq/stepwise/internal/sharedtest"
	"github.com/stepwisehq/stepwise/value"
)

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
	cases := corpusCases(t)
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
	params := sharedtest.MapStrings(call.params, func(s string) string {
		return maskToken.ReplaceAllStringFunc(repl.Replace(s), unmask)
	})
	obj, _ := params.(*value.Object)
	if arn, ok := sharedtest.Get(obj, "TopicArn").(string); ok {
		f.CreateTopic(arn)
	}
	if arn, ok := sharedtest.Get(obj, "StateMachineArn").(string); ok {
		f.CreateStateMachine(arn)
	}
	if call.resource == "arn:aws:states:::aws-sdk:s3:getObject" && call.error == "" {
		bucket, _ := sharedtest.Get(obj, "Bucket").(string)
		key, _ := sharedtest.Get(obj, "Key").(string)
		body, _ := sharedtest.Get(call.output, "Body").(string)
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

func compareCall(c recordedCall, out value.Value, err error) []string {
	if c.error == "" {
		if err != nil {
			return []string{"failed: " + err.Error()}
		}
		return recorded.Diff(c.output, out, "$")
	}
	var f *resource.Failure
	if !errors.As(err, &f) {
		return []string{"got " + value.String(out) + ", want failure " + c.error}
	}
	diffs := recorded.Diff(c.error, f.Name, "error")
	return append(diffs, recorded.Diff(c.cause, f.Cause, "cause")...)
}

// corpusCases reads the recorded calls of the execution cases. The
// local_mocking category is left out: its services were mocked.
func corpusCases(t *testing.T) []recordedCase {
	t.Helper()
	var cases []recordedCase
	for _, file := range sharedtest.Cases(t, "*") {
		switch sharedtest.Category(file) {
		case "test_state_api", "invalid_definitions", "api_errors", "local_mocking":
			continue
		}
		c := sharedtest.ReadValue(t, file)
		calls := caseCalls(sharedtest.Get(c, "recorded_history"))
		if len(calls) > 0 {
			cases = append(cases, recordedCase{name: sharedtest.Name(file), calls: calls})
		}
	}
	return cases
}

func caseCalls(hist value.Value) []recordedCall {
	events, _ := hist.([]value.Value)
	var calls []recordedCall
	var pending *recordedCall
	for _, e := range events {
		typ, _ := sharedtest.Get(e, "type").(string)
		d := sharedtest.Get(e, strings.ToLower(typ[:1])+typ[1:]+"EventDetails")
		switch typ {
		case "TaskScheduled":
			pending = scheduled(d)
			continue
		case "TaskSucceeded", "TaskSubmitted":
			if pending != nil {
				pending.output = sharedtest.JSONText(sharedtest.Get(d, "output"))
			}
		case "TaskFailed":
			if pending != nil {
				pending.error, _ = sharedtest.Get(d, "error").(string)
				pending.cause = sharedtest.Get(d, "cause")
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
	typ, _ := sharedtest.Get(d, "resourceType").(string)
	res, _ := sharedtest.Get(d, "resource").(string)
	if !replayedType(typ) {
		return nil
	}
	return &recordedCall{resource: "arn:aws:states:::" + typ + ":" + res, params: sharedtest.JSONText(sharedtest.Get(d, "parameters"))}
}

// Placeholders the recorder wrote in place of volatile values (the
// conformance harness's PLAIN_PLACEHOLDERS, with the masks of a DynamoDB
// Server header and of SQS message IDs in the callback cases).
var placeholders = map[string]bool{
	"timestamp": true, "datetime": true, "date": true, "time": true, "RequestId": true, "x-amzn-RequestId": true,
	"x-amzn-requestid": true, "X-Amzn-Trace-Id": true, "x-amz-crc32": true, "Server": true, "a_message_id": true,
}

// recorded compares a recorded (masked) value with an actual one as the
// conformance harness does, and also requires the recorded key order of
// the result and of AllHttpHeaders. Header names compare ignoring case (AWS
// spells x-amzn-RequestId either way); their Content-Length depends on the
// fake's IDs, and one recorded Date is not masked.
var recorded = sharedtest.Matcher{
	Placeholders: placeholders,
	Ordered: func(path string) bool {
		return path == "$" || strings.HasSuffix(path, "AllHttpHeaders")
	},
	FoldKeys: isHeaders,
	Skip: func(path, key string) bool {
		return isHeaders(path) && (key == "Content-Length" || key == "Date")
	},
}

func isHeaders(path string) bool { return strings.HasSuffix(path, "Headers") }
