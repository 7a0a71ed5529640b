package stepwise_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stepwisehq/stepwise"
	"github.com/stepwisehq/stepwise/store/memory"
	"github.com/stepwisehq/stepwise/value"
)

const role = "arn:aws:iam::123456789012:role/test"

// testBundle is each test's own Stepwise.
type testBundle struct {
	sw *stepwise.Stepwise
	c  *stepwise.Client
}

func setup(t *testing.T) *testBundle {
	t.Helper()
	sw, err := stepwise.New(stepwise.Config{Store: memory.New(), TimeScale: 0.001, DisableTaskIntegrations: true})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := sw.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sw.Stop(context.Background()) })
	return &testBundle{sw: sw, c: sw.Client()}
}

func (b *testBundle) machine(t *testing.T, name, typ, def string) string {
	t.Helper()
	out, err := b.c.CreateStateMachine(context.Background(), &stepwise.CreateStateMachineInput{
		Name: name, Definition: def, RoleArn: role, Type: stepwise.StateMachineType(typ)})
	if err != nil {
		t.Fatalf("CreateStateMachine: %v", err)
	}
	return out.StateMachineArn
}

// wait polls DescribeExecution until the execution has ended.
func (b *testBundle) wait(t *testing.T, arn string) *stepwise.DescribeExecutionOutput {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		d, err := b.c.DescribeExecution(context.Background(), &stepwise.DescribeExecutionInput{ExecutionArn: arn})
		if err != nil {
			t.Fatalf("DescribeExecution: %v", err)
		}
		if d.Status != stepwise.ExecutionStatusRunning {
			return d
		}
	}
	t.Fatalf("execution %s did not end", arn)
	return nil
}

func ptr(s string) *string { return &s }

func TestStartDescribeHistory(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	sm := b.machine(t, "chain", "STANDARD", `{"StartAt":"A","States":{"A":{"Type":"Pass","Result":{"x":1},"ResultPath":"$.r","Next":"W"},"W":{"Type":"Wait","Seconds":2,"End":true}}}`)
	start, err := b.c.StartExecution(ctx, &stepwise.StartExecutionInput{StateMachineArn: sm, Name: "e1", Input: ptr(`{"in":true}`)})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(start.ExecutionArn, ":execution:chain:e1") {
		t.Fatalf("execution ARN %s", start.ExecutionArn)
	}
	d := b.wait(t, start.ExecutionArn)
	if d.Status != stepwise.ExecutionStatusSucceeded || d.Output != `{"in":true,"r":{"x":1}}` {
		t.Fatalf("described %s %s", d.Status, d.Output)
	}
	h, err := b.c.GetExecutionHistory(ctx, &stepwise.GetExecutionHistoryInput{ExecutionArn: start.ExecutionArn})
	if err != nil {
		t.Fatal(err)
	}
	var types []string
	for _, e := range h.Events {
		var ev struct{ Type string }
		if err := json.Unmarshal(e, &ev); err != nil {
			t.Fatal(err)
		}
		types = append(types, ev.Type)
	}
	want := "ExecutionStarted PassStateEntered PassStateExited WaitStateEntered WaitStateExited ExecutionSucceeded"
	if strings.Join(types, " ") != want {
		t.Errorf("history %v, want %s", types, want)
	}
}

func TestStartExecutionIdempotency(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	sm := b.machine(t, "slow", "STANDARD", `{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"End":true}}}`)
	first, err := b.c.StartExecution(ctx, &stepwise.StartExecutionInput{StateMachineArn: sm, Name: "same", Input: ptr(`{"a":1}`)})
	if err != nil {
		t.Fatal(err)
	}
	again, err := b.c.StartExecution(ctx, &stepwise.StartExecutionInput{StateMachineArn: sm, Name: "same", Input: ptr(`{"a":1}`)})
	if err != nil || again.ExecutionArn != first.ExecutionArn {
		t.Fatalf("same name and input: %v %v", again, err)
	}
	_, err = b.c.StartExecution(ctx, &stepwise.StartExecutionInput{StateMachineArn: sm, Name: "same", Input: ptr(`{"a":2}`)})
	if stepwise.ErrorCodeOf(err) != stepwise.CodeExecutionAlreadyExists {
		t.Fatalf("different input: %v", err)
	}
	if _, err := b.c.StopExecution(ctx, &stepwise.StopExecutionInput{ExecutionArn: first.ExecutionArn, Error: ptr("Stopped"), Cause: ptr("by test")}); err != nil {
		t.Fatal(err)
	}
	d := b.wait(t, first.ExecutionArn)
	if d.Status != stepwise.ExecutionStatusAborted || d.Error == nil || *d.Error != "Stopped" {
		t.Fatalf("after stop: %s %v", d.Status, d.Error)
	}
}

func TestStartExecutionErrors(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	sm := b.machine(t, "p", "STANDARD", `{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}`)
	tests := []struct {
		in   *stepwise.StartExecutionInput
		code stepwise.ErrorCode
		msg  string
	}{
		{&stepwise.StartExecutionInput{StateMachineArn: sm, Input: ptr("")}, stepwise.CodeInvalidExecutionInput, "Invalid State Machine Execution Input: 'Invalid execution input.'"},
		{&stepwise.StartExecutionInput{StateMachineArn: sm, Input: ptr("not some json")}, stepwise.CodeInvalidExecutionInput, "Invalid State Machine Execution Input: 'Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')'"},
		{&stepwise.StartExecutionInput{StateMachineArn: sm + "x"}, stepwise.CodeStateMachineDoesNotExist, "State Machine Does Not Exist: '" + sm + "x'"},
		{&stepwise.StartExecutionInput{StateMachineArn: "nope"}, stepwise.CodeInvalidArn, "Invalid Arn: 'Invalid ARN prefix: nope'"},
		{&stepwise.StartExecutionInput{StateMachineArn: sm, Name: "a/b"}, stepwise.CodeInvalidName, "Invalid Name: 'a/b'"},
	}
	for _, tc := range tests {
		_, err := b.c.StartExecution(ctx, tc.in)
		var e *stepwise.Error
		if !errors.As(err, &e) || e.Code != tc.code || e.Message != tc.msg {
			t.Errorf("StartExecution(%+v) = %v, want %s: %s", tc.in, err, tc.code, tc.msg)
		}
	}
}

func TestStartSyncExecution(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	sm := b.machine(t, "ex", "EXPRESS", `{"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":{"s.$":"States.Format('hi {}', $.n)"},"End":true}}}`)
	out, err := b.c.StartSyncExecution(ctx, &stepwise.StartSyncExecutionInput{StateMachineArn: sm, Input: ptr(`{"n":"you"}`)})
	if err != nil {
		t.Fatal(err)
	}
	if out.Status != "SUCCEEDED" || out.Output != `{"s":"hi you"}` || !strings.Contains(out.ExecutionArn, ":express:ex:") {
		t.Fatalf("sync: %+v", out)
	}
	std := b.machine(t, "std", "STANDARD", `{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}`)
	if _, err := b.c.StartSyncExecution(ctx, &stepwise.StartSyncExecutionInput{StateMachineArn: std}); stepwise.ErrorCodeOf(err) != stepwise.CodeStateMachineTypeNotSupported {
		t.Fatalf("sync on STANDARD: %v", err)
	}
}

func TestGoTaskHandlerAndCallback(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	b.sw.HandleFunc("arn:aws:lambda:us-east-1:123456789012:function:double", func(_ context.Context, in value.Value) (value.Value, error) {
		n := in.(*value.Object)
		v, _ := n.Get("n")
		f := v.(value.Number).Float64()
		out, _ := value.Float(f * 2)
		return value.NewObject([]value.Member{{Key: "n", Value: out}}), nil
	})
	sm := b.machine(t, "h", "STANDARD", `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:double","End":true}}}`)
	start, err := b.c.StartExecution(ctx, &stepwise.StartExecutionInput{StateMachineArn: sm, Input: ptr(`{"n":21}`)})
	if err != nil {
		t.Fatal(err)
	}
	if d := b.wait(t, start.ExecutionArn); d.Output != `{"n":42}` {
		t.Fatalf("handler output %s (%s)", d.Output, d.Status)
	}
}
