package stepwise_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stepwisehq/stepwise"
	"github.com/stepwisehq/stepwise/internal/pgtest"
	"github.com/stepwisehq/stepwise/store/postgres"
	"github.com/stepwisehq/stepwise/value"
)

const callbackARN = "arn:aws:states:::lambda:invoke.waitForTaskToken"

// twoNodes starts two engines on one new PostgreSQL database; each hands
// the task tokens of callbackARN's tasks to tokens.
func twoNodes(t *testing.T, tokens chan string) (a, b *testBundle) {
	t.Helper()
	dsn := pgtest.Start(t)
	node := func(name string) *testBundle {
		st, err := postgres.Open(t.Context(), dsn, postgres.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = st.Close() })
		sw, err := stepwise.New(stepwise.Config{Store: st, TimeScale: 0.001, DisableTaskIntegrations: true,
			Node: name, Lease: time.Second})
		if err != nil {
			t.Fatal(err)
		}
		sw.HandleFunc(callbackARN, func(_ context.Context, in value.Value) (value.Value, error) {
			tok, _ := in.(*value.Object).Get("token")
			tokens <- tok.(string)
			return value.NewObject(nil), nil
		})
		if err := sw.Start(context.Background()); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = sw.Stop(context.Background()) })
		return &testBundle{sw: sw, c: sw.Client()}
	}
	return node("a"), node("b")
}

func startVia(t *testing.T, n *testBundle, sm, input string) string {
	t.Helper()
	out, err := n.c.StartExecution(context.Background(), &stepwise.StartExecutionInput{StateMachineArn: sm, Input: &input})
	if err != nil {
		t.Fatal(err)
	}
	return out.ExecutionArn
}

// TestInputsReachTheOwningNode: SendTask*, StopExecution and
// GetActivityTask called on the node that does not drive an execution
// reach the one that does.
func TestInputsReachTheOwningNode(t *testing.T) {
	if testing.Short() {
		t.Skip("starts PostgreSQL")
	}
	tokens := make(chan string, 1)
	a, b := twoNodes(t, tokens)
	ctx := context.Background()
	cb := a.machine(t, "cb", "STANDARD", `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"`+callbackARN+`","Parameters":{"token.$":"$$.Task.Token"},"HeartbeatSeconds":600,"End":true}}}`)
	x := startVia(t, a, cb, `{}`)
	tok := <-tokens
	if _, err := b.c.SendTaskHeartbeat(ctx, &stepwise.SendTaskHeartbeatInput{TaskToken: tok}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.c.SendTaskSuccess(ctx, &stepwise.SendTaskSuccessInput{TaskToken: tok, Output: `{"ok":1}`}); err != nil {
		t.Fatal(err)
	}
	if d := b.wait(t, x); d.Status != stepwise.ExecutionStatusSucceeded || d.Output != `{"ok":1}` {
		t.Fatalf("callback answered through the other node: %s %s", d.Status, d.Output)
	}

	long := a.machine(t, "long", "STANDARD", `{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":86400,"End":true}}}`)
	x = startVia(t, a, long, `{}`)
	if _, err := b.c.StopExecution(ctx, &stepwise.StopExecutionInput{ExecutionArn: x}); err != nil {
		t.Fatal(err)
	}
	d, err := b.c.DescribeExecution(ctx, &stepwise.DescribeExecutionInput{ExecutionArn: x})
	if err != nil || d.Status != stepwise.ExecutionStatusAborted {
		t.Fatalf("after StopExecution through the other node: %+v, %v", d, err)
	}

	act, err := a.c.CreateActivity(ctx, &stepwise.CreateActivityInput{Name: "work"})
	if err != nil {
		t.Fatal(err)
	}
	polled := make(chan *stepwise.GetActivityTaskOutput, 1)
	go func() { // polls before the task exists: the signal must cross nodes
		task, _ := b.c.GetActivityTask(ctx, &stepwise.GetActivityTaskInput{ActivityArn: act.ActivityArn, WorkerName: "w"})
		polled <- task
	}()
	time.Sleep(50 * time.Millisecond)
	sm := a.machine(t, "act", "STANDARD", `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"`+act.ActivityArn+`","End":true}}}`)
	x = startVia(t, a, sm, `{"job":1}`)
	var task *stepwise.GetActivityTaskOutput
	select {
	case task = <-polled:
	case <-time.After(10 * time.Second):
		t.Fatal("GetActivityTask on the other node was not woken")
	}
	if task == nil || task.Input != `{"job":1}` {
		t.Fatalf("task %+v", task)
	}
	if _, err := b.c.SendTaskSuccess(ctx, &stepwise.SendTaskSuccessInput{TaskToken: task.TaskToken, Output: `{"done":1}`}); err != nil {
		t.Fatal(err)
	}
	if d := a.wait(t, x); d.Status != stepwise.ExecutionStatusSucceeded {
		t.Fatalf("activity: %s", d.Status)
	}
	h, err := a.c.GetExecutionHistory(ctx, &stepwise.GetExecutionHistoryInput{ExecutionArn: x})
	if err != nil {
		t.Fatal(err)
	}
	if got := eventTypes(h.Events); got != "ExecutionStarted TaskStateEntered ActivityScheduled ActivityStarted ActivitySucceeded TaskStateExited ExecutionSucceeded" {
		t.Fatalf("activity history: %s", got)
	}
}

// TestNodeStopHandsOver: a node that stops leaves its lease; the other
// takes its executions over and completes them.
func TestNodeStopHandsOver(t *testing.T) {
	if testing.Short() {
		t.Skip("starts PostgreSQL")
	}
	a, b := twoNodes(t, make(chan string, 1))
	sm := a.machine(t, "w", "STANDARD", `{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":1000,"Next":"P"},"P":{"Type":"Pass","End":true}}}`)
	var arns []string
	for range 5 {
		arns = append(arns, startVia(t, a, sm, `{}`))
	}
	if err := a.sw.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, x := range arns {
		if d := b.wait(t, x); d.Status != stepwise.ExecutionStatusSucceeded {
			t.Fatalf("%s: %s", x, d.Status)
		}
	}
}

func eventTypes(evs []stepwise.HistoryEvent) string {
	var out []string
	for _, raw := range evs {
		var e struct{ Type string }
		_ = json.Unmarshal(raw, &e)
		out = append(out, e.Type)
	}
	return strings.Join(out, " ")
}
