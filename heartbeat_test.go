package stepwise_test

import (
	"context"
	"testing"

	"github.com/stepwisehq/stepwise"
	"github.com/stepwisehq/stepwise/value"
)

// TestMissedHeartbeat: a callback task whose heartbeat does not come times
// out with States.Timeout, as AWS records (TaskTimedOut, ExecutionFailed).
func TestMissedHeartbeat(t *testing.T) {
	t.Parallel()
	b := setup(t)
	b.sw.HandleFunc("arn:aws:states:::lambda:invoke.waitForTaskToken", func(context.Context, value.Value) (value.Value, error) {
		return value.NewObject(nil), nil
	})
	sm := b.machine(t, "hb", "STANDARD", `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken","Parameters":{"t.$":"$$.Task.Token"},"HeartbeatSeconds":5,"End":true}}}`)
	x := startVia(t, b, sm, `{}`)
	d := b.wait(t, x)
	if d.Status != stepwise.ExecutionStatusFailed || ptrText(d.Error) != "States.Timeout" || d.Cause != nil {
		t.Fatalf("%s %q %q", d.Status, ptrText(d.Error), ptrText(d.Cause))
	}
	if got := historyTypes(t, b, x); got != "ExecutionStarted TaskStateEntered TaskScheduled TaskStarted TaskSubmitted TaskTimedOut ExecutionFailed" {
		t.Fatalf("history %s", got)
	}
}

// TestTaskOnAMissingActivity: a Task state whose activity does not exist
// fails the execution at once, before scheduling, as AWS does.
func TestTaskOnAMissingActivity(t *testing.T) {
	t.Parallel()
	b := setup(t)
	act := "arn:aws:states:us-east-1:123456789012:activity:gone"
	sm := b.machine(t, "noact", "STANDARD", `{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"`+act+`","End":true}}}`)
	x := startVia(t, b, sm, `{}`)
	d := b.wait(t, x)
	want := "An error occurred while executing the state 'A' (entered at the event id #2). The activity " + act + " does not exist."
	if d.Status != stepwise.ExecutionStatusFailed || ptrText(d.Error) != "States.Runtime" || ptrText(d.Cause) != want {
		t.Fatalf("%s %q %q", d.Status, ptrText(d.Error), ptrText(d.Cause))
	}
	if got := historyTypes(t, b, x); got != "ExecutionStarted TaskStateEntered ExecutionFailed" {
		t.Fatalf("history %s", got)
	}
}
