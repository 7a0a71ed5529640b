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
