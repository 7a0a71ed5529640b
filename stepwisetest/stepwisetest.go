// Package stepwisetest helps users test their state machines with Stepwise
// in their own Go tests: an in-memory engine whose waits are skipped, and
// assertions on executions.
//
//	func TestOrder(t *testing.T) {
//		h := stepwisetest.New(t)
//		h.HandleFunc("arn:aws:lambda:us-east-1:123456789012:function:charge", charge)
//		sm := h.CreateStateMachine("order", definition)
//		ex := h.Run(sm, `{"id": 1}`)
//		stepwisetest.Succeeded(t, ex, `{"id":1,"charged":true}`)
//	}
package stepwisetest

import (
	"context"
	"encoding/json"
	"time"

	"github.com/stepwisehq/stepwise"
	"github.com/stepwisehq/stepwise/store/memory"
	"github.com/stepwisehq/stepwise/value"
)

// TB is the part of testing.TB the helpers use.
type TB interface {
	Helper()
	Fatalf(format string, args ...any)
	Errorf(format string, args ...any)
	Cleanup(func())
}

// Harness is an in-memory Stepwise for one test.
type Harness struct {
	t  TB
	SW *stepwise.Stepwise
	C  *stepwise.Client
	// Timeout bounds how long Run waits for an execution (default 30 s).
	Timeout time.Duration
}

// New starts an in-memory Stepwise that skips waits (Wait states, retry
// intervals) and stops it when the test ends. AWS task integrations are
// off: register Go handlers with HandleFunc.
func New(t TB) *Harness {
	t.Helper()
	sw, err := stepwise.New(stepwise.Config{Store: memory.New(), TimeScale: -1, DisableTaskIntegrations: true})
	if err != nil {
		t.Fatalf("stepwisetest: %v", err)
	}
	if err := sw.Start(context.Background()); err != nil {
		t.Fatalf("stepwisetest: %v", err)
	}
	t.Cleanup(func() { _ = sw.Stop(context.Background()) })
	return &Harness{t: t, SW: sw, C: sw.Client(), Timeout: 30 * time.Second}
}

// HandleFunc registers a Go function for the Task states whose Resource is
// resourceARN.
func (h *Harness) HandleFunc(resourceARN string, fn func(ctx context.Context, input value.Value) (value.Value, error)) {
	h.SW.HandleFunc(resourceARN, fn)
}

// CreateStateMachine creates a STANDARD state machine and returns its ARN.
func (h *Harness) CreateStateMachine(name, definition string) string {
	h.t.Helper()
	out, err := h.C.CreateStateMachine(context.Background(), &stepwise.CreateStateMachineInput{
		Name: name, Definition: definition, RoleArn: "arn:aws:iam::123456789012:role/stepwisetest"})
	if err != nil {
		h.t.Fatalf("CreateStateMachine %s: %v", name, err)
	}
	return out.StateMachineArn
}

// Run starts an execution and waits for it to end.
func (h *Harness) Run(stateMachineArn, input string) *stepwise.DescribeExecutionOutput {
	h.t.Helper()
	ctx := context.Background()
	start, err := h.C.StartExecution(ctx, &stepwise.StartExecutionInput{StateMachineArn: stateMachineArn, Input: &input})
	if err != nil {
		h.t.Fatalf("StartExecution: %v", err)
	}
	deadline := time.Now().Add(h.Timeout)
	for {
		d, err := h.C.DescribeExecution(ctx, &stepwise.DescribeExecutionInput{ExecutionArn: start.ExecutionArn})
		if err != nil {
			h.t.Fatalf("DescribeExecution: %v", err)
		}
		if d.Status != stepwise.ExecutionStatusRunning {
			return d
		}
		if time.Now().After(deadline) {
			h.t.Fatalf("execution %s still running after %s", start.ExecutionArn, h.Timeout)
		}
		time.Sleep(time.Millisecond)
	}
}

// EventTypes returns the types of an execution's history events, in order.
func (h *Harness) EventTypes(executionArn string) []string {
	h.t.Helper()
	out, err := h.C.GetExecutionHistory(context.Background(), &stepwise.GetExecutionHistoryInput{ExecutionArn: executionArn, MaxResults: 1000})
	if err != nil {
		h.t.Fatalf("GetExecutionHistory: %v", err)
	}
	types := make([]string, len(out.Events))
	for i, e := range out.Events {
		var ev struct{ Type string }
		if err := json.Unmarshal(e, &ev); err != nil {
			h.t.Fatalf("event %d: %v", i, err)
		}
		types[i] = ev.Type
	}
	return types
}

// Succeeded asserts that an execution succeeded with output equal to want
// (JSON, compared as values: key order and number spelling do not matter).
func Succeeded(t TB, d *stepwise.DescribeExecutionOutput, want string) {
	t.Helper()
	if d.Status != stepwise.ExecutionStatusSucceeded {
		t.Fatalf("execution %s: %s (error %s, cause %s), want SUCCEEDED", d.Name, d.Status, deref(d.Error), deref(d.Cause))
	}
	got, err1 := value.ParseString(d.Output)
	exp, err2 := value.ParseString(want)
	if err1 != nil || err2 != nil || !value.Equal(got, exp) {
		t.Errorf("execution %s output:\n got %s\nwant %s", d.Name, d.Output, want)
	}
}

// Failed asserts that an execution failed with the given error name.
func Failed(t TB, d *stepwise.DescribeExecutionOutput, errorName string) {
	t.Helper()
	if d.Status != stepwise.ExecutionStatusFailed || deref(d.Error) != errorName {
		t.Errorf("execution %s: %s with error %q, want FAILED with %q", d.Name, d.Status, deref(d.Error), errorName)
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
