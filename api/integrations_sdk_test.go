package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"

	"github.com/stepwisehq/stepwise"
	"github.com/stepwisehq/stepwise/api"
	"github.com/stepwisehq/stepwise/store/memory"
	"github.com/stepwisehq/stepwise/value"
)

const testConnection = "arn:aws:events:us-east-1:123456789012:connection/c/1"

// integrationBundle is a server whose executions run integrations: waits
// are skipped, HTTP tasks may call loopback, and a mock file may be given.
func integrationBundle(t *testing.T, mockFile string) *bundle {
	t.Helper()
	ctx := context.Background()
	sw, err := stepwise.New(stepwise.Config{Store: memory.New(), TimeScale: -1, AllowPrivateHTTP: true, MockConfigFile: mockFile,
		HTTPConnections: map[string]stepwise.HTTPConnection{testConnection: {APIKeyName: "X-Key", APIKeyValue: "k1"}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := sw.Start(ctx); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(api.NewHandler(sw.Client(), api.Options{}))
	t.Cleanup(func() { srv.Close(); _ = sw.Stop(context.Background()) })
	return &bundle{ctx: ctx, sw: sw, srv: srv, client: sdkClient(srv.URL, "AKIDTEST", "secret")}
}

func (b *bundle) machineFor(t *testing.T, name, def string) string {
	t.Helper()
	out, err := b.client.CreateStateMachine(b.ctx, &sfn.CreateStateMachineInput{
		Name: aws.String(name), Definition: aws.String(def), RoleArn: aws.String(testRole)})
	if err != nil {
		t.Fatalf("CreateStateMachine(%s): %v", name, err)
	}
	return *out.StateMachineArn
}

func (b *bundle) start(t *testing.T, sm, input string) string {
	t.Helper()
	out, err := b.client.StartExecution(b.ctx, &sfn.StartExecutionInput{StateMachineArn: aws.String(sm), Input: aws.String(input)})
	if err != nil {
		t.Fatalf("StartExecution: %v", err)
	}
	return *out.ExecutionArn
}

// finish polls DescribeExecution until the execution ends.
func (b *bundle) finish(t *testing.T, arn string) *sfn.DescribeExecutionOutput {
	t.Helper()
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		d, err := b.client.DescribeExecution(b.ctx, &sfn.DescribeExecutionInput{ExecutionArn: aws.String(arn)})
		if err != nil {
			t.Fatal(err)
		}
		if d.Status != types.ExecutionStatusRunning {
			return d
		}
	}
	t.Fatalf("%s did not end", arn)
	return nil
}

func TestSDKActivityWorker(t *testing.T) {
	t.Parallel()
	b := integrationBundle(t, "")
	act, err := b.client.CreateActivity(b.ctx, &sfn.CreateActivityInput{Name: aws.String("worker")})
	if err != nil {
		t.Fatal(err)
	}
	sm := b.machineFor(t, "activity", `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"`+*act.ActivityArn+`","End":true}}}`)
	arn := b.start(t, sm, `{"n":1}`)
	task, err := b.client.GetActivityTask(b.ctx, &sfn.GetActivityTaskInput{ActivityArn: act.ActivityArn, WorkerName: aws.String("w")})
	if err != nil || task.TaskToken == nil || *task.Input != `{"n":1}` {
		t.Fatalf("GetActivityTask: %+v %v", task, err)
	}
	if _, err := b.client.SendTaskSuccess(b.ctx, &sfn.SendTaskSuccessInput{TaskToken: task.TaskToken, Output: aws.String(`{"n":2}`)}); err != nil {
		t.Fatal(err)
	}
	if d := b.finish(t, arn); *d.Output != `{"n":2}` {
		t.Fatalf("output %s", *d.Output)
	}
}

func TestSDKWaitForTaskToken(t *testing.T) {
	t.Parallel()
	b := integrationBundle(t, "")
	tokens := make(chan string, 1)
	b.sw.HandleFunc("arn:aws:states:::sqs:sendMessage.waitForTaskToken", func(_ context.Context, in value.Value) (value.Value, error) {
		body, _ := in.(*value.Object).Get("MessageBody")
		tok, _ := body.(*value.Object).Get("token")
		tokens <- tok.(string)
		return value.MustParse(`{"MessageId":"m-1"}`), nil
	})
	sm := b.machineFor(t, "callback", `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","Parameters":{"QueueUrl":"q","MessageBody":{"token.$":"$$.Task.Token"}},"End":true}}}`)
	arn := b.start(t, sm, `{}`)
	tok := <-tokens
	if _, err := b.client.SendTaskSuccess(b.ctx, &sfn.SendTaskSuccessInput{TaskToken: aws.String(tok), Output: aws.String(`"done"`)}); err != nil {
		t.Fatal(err)
	}
	if d := b.finish(t, arn); *d.Output != `"done"` {
		t.Fatalf("output %s", *d.Output)
	}
	_, err := b.client.SendTaskSuccess(b.ctx, &sfn.SendTaskSuccessInput{TaskToken: aws.String("unknown"), Output: aws.String(`{}`)})
	wantAPIError(t, "SendTaskSuccess with an unknown token", err, "TaskDoesNotExist", "")
}

func TestSDKNestedSync2(t *testing.T) {
	t.Parallel()
	b := integrationBundle(t, "")
	child := b.machineFor(t, "child", `{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"got.$":"$.x"},"End":true}}}`)
	parent := b.machineFor(t, "parent", `{"StartAt":"S","States":{"S":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2","Parameters":{"StateMachineArn":"`+child+`","Input":{"x.$":"$.x"}},"OutputPath":"$.Output","End":true}}}`)
	if d := b.finish(t, b.start(t, parent, `{"x":7}`)); *d.Output != `{"got":7}` {
		t.Fatalf("output %s", *d.Output)
	}
}

func TestSDKHTTPInvoke(t *testing.T) {
	t.Parallel()
	b := integrationBundle(t, "")
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"path":"` + r.URL.Path + `","q":"` + r.URL.Query().Get("q") + `","key":"` + r.Header.Get("X-Key") + `"}`))
	}))
	defer backend.Close()
	sm := b.machineFor(t, "http", `{"StartAt":"H","States":{"H":{"Type":"Task","Resource":"arn:aws:states:::http:invoke","Parameters":{"ApiEndpoint":"`+backend.URL+`/items","Method":"GET","QueryParameters":{"q":"x"},"Authentication":{"ConnectionArn":"arn:aws:events:us-east-1:123456789012:connection/c/1"}},"End":true}}}`)
	d := b.finish(t, b.start(t, sm, `{}`))
	if d.Status != types.ExecutionStatusSucceeded {
		t.Fatalf("http task: %s %v %v", d.Status, aws.ToString(d.Error), aws.ToString(d.Cause))
	}
	var out struct {
		ResponseBody map[string]string
		StatusCode   int
		StatusText   string
		Headers      map[string]any
	}
	if err := json.Unmarshal([]byte(*d.Output), &out); err != nil {
		t.Fatal(err)
	}
	if out.StatusCode != 200 || out.ResponseBody["path"] != "/items" || out.ResponseBody["q"] != "x" || out.ResponseBody["key"] != "k1" || out.Headers == nil {
		t.Fatalf("response %s", *d.Output)
	}
}

func TestSDKMockedLambdaThrowThenReturn(t *testing.T) {
	t.Parallel()
	mocks := filepath.Join(t.TempDir(), "mocks.json")
	cfg := `{"StateMachines":{"flaky":{"TestCases":{"RetryPath":{"Call":"ThenWorks"}}}},
	 "MockedResponses":{"ThenWorks":{"0":{"Throw":{"Error":"Lambda.TooManyRequestsException","Cause":"slow down"}},"1":{"Return":{"StatusCode":200,"Payload":{"ok":true}}}}}}`
	if err := os.WriteFile(mocks, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	b := integrationBundle(t, mocks)
	sm := b.machineFor(t, "flaky", `{"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},"Retry":[{"ErrorEquals":["Lambda.TooManyRequestsException"],"MaxAttempts":3}],"OutputPath":"$.Payload","End":true}}}`)
	arn := b.start(t, sm+"#RetryPath", `{}`)
	if d := b.finish(t, arn); *d.Output != `{"ok":true}` {
		t.Fatalf("output %s", aws.ToString(d.Output))
	}
	h, err := b.client.GetExecutionHistory(b.ctx, &sfn.GetExecutionHistoryInput{ExecutionArn: aws.String(arn)})
	if err != nil {
		t.Fatal(err)
	}
	var seen []string
	for _, e := range h.Events {
		seen = append(seen, string(e.Type))
	}
	if got := strings.Join(seen, " "); strings.Count(got, "TaskFailed") != 1 || strings.Count(got, "TaskScheduled") != 2 {
		t.Errorf("history %s", got)
	}
}
