package stepwise_test

import (
	"context"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stepwisehq/stepwise"
	"github.com/stepwisehq/stepwise/store/memory"
	"github.com/stepwisehq/stepwise/value"
)

func TestNestedSync2ReturnsChildOutput(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	child := b.machine(t, "child", "STANDARD", `{"StartAt":"A","States":{"A":{"Type":"Pass","Result":{"Arg1":"argument1"},"End":true}}}`)
	parent := b.machine(t, "parent", "STANDARD", `{"StartAt":"S","States":{"S":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2","Parameters":{"StateMachineArn":"`+child+`","Input":{"x":1},"Name":"kid"},"OutputPath":"$.Output","End":true}}}`)
	start, err := b.c.StartExecution(ctx, &stepwise.StartExecutionInput{StateMachineArn: parent})
	if err != nil {
		t.Fatal(err)
	}
	d := b.wait(t, start.ExecutionArn)
	if d.Status != stepwise.ExecutionStatusSucceeded || d.Output != `{"Arg1":"argument1"}` {
		t.Fatalf("parent %s %s %v", d.Status, d.Output, d.Cause)
	}
	types := historyTypes(t, b, start.ExecutionArn)
	if !strings.Contains(types, "TaskSubmitted TaskSucceeded") {
		t.Errorf("history %s", types)
	}
}

func historyTypes(t *testing.T, b *testBundle, arn string) string {
	t.Helper()
	h, err := b.c.GetExecutionHistory(context.Background(), &stepwise.GetExecutionHistoryInput{ExecutionArn: arn})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range h.Events {
		v := value.MustParse(string(e)).(*value.Object)
		typ, _ := v.Get("type")
		out = append(out, typ.(string))
	}
	return strings.Join(out, " ")
}

func TestWaitForTaskTokenUntilSendTaskSuccess(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	tokens := make(chan string, 1)
	b.sw.HandleFunc("arn:aws:states:::lambda:invoke.waitForTaskToken", func(_ context.Context, in value.Value) (value.Value, error) {
		tok, _ := in.(*value.Object).Get("token")
		tokens <- tok.(string)
		return value.NewObject(nil), nil
	})
	sm := b.machine(t, "cb", "STANDARD", `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken","Parameters":{"token.$":"$$.Task.Token"},"HeartbeatSeconds":600,"End":true}}}`)
	start, err := b.c.StartExecution(ctx, &stepwise.StartExecutionInput{StateMachineArn: sm})
	if err != nil {
		t.Fatal(err)
	}
	tok := <-tokens
	time.Sleep(20 * time.Millisecond)
	if d, _ := b.c.DescribeExecution(ctx, &stepwise.DescribeExecutionInput{ExecutionArn: start.ExecutionArn}); d.Status != stepwise.ExecutionStatusRunning {
		t.Fatalf("before the callback: %s", d.Status)
	}
	if _, err := b.c.SendTaskHeartbeat(ctx, &stepwise.SendTaskHeartbeatInput{TaskToken: tok}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.c.SendTaskSuccess(ctx, &stepwise.SendTaskSuccessInput{TaskToken: tok, Output: `{"ok":true}`}); err != nil {
		t.Fatal(err)
	}
	if d := b.wait(t, start.ExecutionArn); d.Output != `{"ok":true}` {
		t.Fatalf("after the callback: %s %s", d.Status, d.Output)
	}
	_, err = b.c.SendTaskSuccess(ctx, &stepwise.SendTaskSuccessInput{TaskToken: tok, Output: `{}`})
	if code := stepwise.ErrorCodeOf(err); code != stepwise.CodeTaskDoesNotExist && code != stepwise.CodeTaskTimedOut {
		t.Fatalf("stale token: %v", err)
	}
}

func TestActivityWorker(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	act, err := b.c.CreateActivity(ctx, &stepwise.CreateActivityInput{Name: "work"})
	if err != nil {
		t.Fatal(err)
	}
	sm := b.machine(t, "act", "STANDARD", `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"`+act.ActivityArn+`","End":true}}}`)
	start, err := b.c.StartExecution(ctx, &stepwise.StartExecutionInput{StateMachineArn: sm, Input: ptr(`{"job":7}`)})
	if err != nil {
		t.Fatal(err)
	}
	task, err := b.c.GetActivityTask(ctx, &stepwise.GetActivityTaskInput{ActivityArn: act.ActivityArn, WorkerName: "w1"})
	if err != nil || task.TaskToken == "" || task.Input != `{"job":7}` {
		t.Fatalf("GetActivityTask: %+v %v", task, err)
	}
	if _, err := b.c.SendTaskSuccess(ctx, &stepwise.SendTaskSuccessInput{TaskToken: task.TaskToken, Output: `{"done":7}`}); err != nil {
		t.Fatal(err)
	}
	if d := b.wait(t, start.ExecutionArn); d.Output != `{"done":7}` {
		t.Fatalf("activity result: %s %s", d.Status, d.Output)
	}
}

func TestMockConfigThrowThenReturn(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := dir + "/mocks.json"
	cfg := `{"StateMachines":{"order":{"TestCases":{"FlakyCharge":{"Charge":"ThrowThenReturn"}}}},
	 "MockedResponses":{"ThrowThenReturn":{"0":{"Throw":{"Error":"Lambda.ServiceException","Cause":"busy"}},
	  "1":{"Return":{"StatusCode":200,"Payload":{"charged":true}}}}}}`
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	sw, err := stepwise.New(stepwise.Config{Store: memory.New(), TimeScale: -1, MockConfigFile: path})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := sw.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer sw.Stop(ctx)
	b := &testBundle{sw: sw, c: sw.Client()}
	sm := b.machine(t, "order", "STANDARD", `{"StartAt":"Charge","States":{"Charge":{"Type":"Task",
	 "Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"charge","Payload.$":"$"},
	 "Retry":[{"ErrorEquals":["Lambda.ServiceException"],"MaxAttempts":2}],"OutputPath":"$.Payload","End":true}}}`)
	start, err := b.c.StartExecution(ctx, &stepwise.StartExecutionInput{StateMachineArn: sm + "#FlakyCharge"})
	if err != nil {
		t.Fatal(err)
	}
	d := b.wait(t, start.ExecutionArn)
	if d.Status != stepwise.ExecutionStatusSucceeded || d.Output != `{"charged":true}` {
		t.Fatalf("mocked execution: %s %s", d.Status, d.Output)
	}
	if types := historyTypes(t, b, start.ExecutionArn); strings.Count(types, "TaskFailed") != 1 || !strings.Contains(types, "TaskSucceeded") {
		t.Errorf("history %s", types)
	}
}

func TestRedriveFromFailedState(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	var fail atomic.Bool
	fail.Store(true)
	b.sw.HandleFunc("arn:aws:lambda:us-east-1:123456789012:function:flaky", func(context.Context, value.Value) (value.Value, error) {
		if fail.Load() {
			return nil, &stepwise.TaskError{Name: "Broken", Cause: "not yet"}
		}
		return "fixed", nil
	})
	sm := b.machine(t, "redrive", "STANDARD", `{"StartAt":"A","States":{"A":{"Type":"Pass","Result":1,"ResultPath":"$.a","Next":"T"},"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:flaky","ResultPath":"$.t","End":true}}}`)
	start, err := b.c.StartExecution(ctx, &stepwise.StartExecutionInput{StateMachineArn: sm})
	if err != nil {
		t.Fatal(err)
	}
	if d := b.wait(t, start.ExecutionArn); d.Status != stepwise.ExecutionStatusFailed {
		t.Fatalf("first run %s", d.Status)
	}
	fail.Store(false)
	if _, err := b.c.RedriveExecution(ctx, &stepwise.RedriveExecutionInput{ExecutionArn: start.ExecutionArn}); err != nil {
		t.Fatal(err)
	}
	d := b.wait(t, start.ExecutionArn)
	if d.Status != stepwise.ExecutionStatusSucceeded || d.Output != `{"a":1,"t":"fixed"}` || d.RedriveCount == nil || *d.RedriveCount != 1 {
		t.Fatalf("after redrive: %s %s %v", d.Status, d.Output, d.RedriveCount)
	}
	types := historyTypes(t, b, start.ExecutionArn)
	if !strings.Contains(types, "ExecutionFailed ExecutionRedriven TaskStateEntered") || strings.Count(types, "PassStateEntered") != 1 {
		t.Errorf("history %s", types)
	}
	if _, err := b.c.RedriveExecution(ctx, &stepwise.RedriveExecutionInput{ExecutionArn: start.ExecutionArn}); stepwise.ErrorCodeOf(err) != stepwise.CodeExecutionNotRedrivable {
		t.Fatalf("redrive of a succeeded execution: %v", err)
	}
}

func TestDistributedMapRuns(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	sm := b.machine(t, "dmap", "STANDARD", `{"StartAt":"M","States":{"M":{"Type":"Map","Label":"Items","MaxConcurrency":2,
	 "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}`)
	start, err := b.c.StartExecution(ctx, &stepwise.StartExecutionInput{StateMachineArn: sm, Input: ptr(`[1,2,3]`)})
	if err != nil {
		t.Fatal(err)
	}
	if d := b.wait(t, start.ExecutionArn); d.Output != `[1,2,3]` {
		t.Fatalf("map %s %s", d.Status, d.Output)
	}
	runs, err := b.c.ListMapRuns(ctx, &stepwise.ListMapRunsInput{ExecutionArn: start.ExecutionArn})
	if err != nil || len(runs.MapRuns) != 1 || !strings.Contains(runs.MapRuns[0].MapRunArn, ":mapRun:dmap/Items:") {
		t.Fatalf("ListMapRuns: %+v %v", runs, err)
	}
	d, err := b.c.DescribeMapRun(ctx, &stepwise.DescribeMapRunInput{MapRunArn: runs.MapRuns[0].MapRunArn})
	if err != nil || d.Status != stepwise.MapRunStatusSucceeded || d.ItemCounts.Total != 3 || d.ItemCounts.Succeeded != 3 || d.MaxConcurrency != 2 {
		t.Fatalf("DescribeMapRun: %+v %v", d, err)
	}
	_, err = b.c.UpdateMapRun(ctx, &stepwise.UpdateMapRunInput{MapRunArn: d.MapRunArn})
	if stepwise.ErrorCodeOf(err) != stepwise.CodeValidation {
		t.Fatalf("UpdateMapRun of a finished run: %v", err)
	}
}
