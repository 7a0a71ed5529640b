package bench

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"
)

// The load generator's own view of the wire shapes it uses: it does not
// share the server's types, so that it checks the real protocol.

// roleArn is the role given to the state machines the benchmark creates.
const roleArn = "arn:aws:iam::123456789012:role/stepwise-bench"

type createMachineIn struct {
	Name       string `json:"name"`
	Definition string `json:"definition"`
	RoleArn    string `json:"roleArn"`
	Type       string `json:"type"`
}

type createMachineOut struct {
	StateMachineArn string `json:"stateMachineArn"`
}

type startIn struct {
	StateMachineArn string `json:"stateMachineArn"`
	Name            string `json:"name,omitempty"`
	Input           string `json:"input,omitempty"`
}

type startOut struct {
	ExecutionArn string `json:"executionArn"`
}

type syncOut struct {
	Status string `json:"status"`
	Error  string `json:"error"`
	Cause  string `json:"cause"`
}

type listIn struct {
	StateMachineArn string `json:"stateMachineArn"`
	StatusFilter    string `json:"statusFilter,omitempty"`
	MaxResults      int    `json:"maxResults,omitempty"`
}

type listOut struct {
	Executions []struct {
		ExecutionArn string `json:"executionArn"`
	} `json:"executions"`
}

type describeIn struct {
	ExecutionArn string `json:"executionArn"`
}

type describeOut struct {
	Status string `json:"status"`
	Error  string `json:"error"`
	Cause  string `json:"cause"`
}

type historyIn struct {
	ExecutionArn string `json:"executionArn"`
	MaxResults   int    `json:"maxResults,omitempty"`
	NextToken    string `json:"nextToken,omitempty"`
}

type historyOut struct {
	Events    []event `json:"events"`
	NextToken string  `json:"nextToken"`
}

// event is a history event: its timestamp is epoch seconds with
// millisecond decimals.
type event struct {
	Timestamp float64 `json:"timestamp"`
	Type      string  `json:"type"`
	ID        int64   `json:"id"`
}

// time returns the event's timestamp.
func (e event) time() time.Time {
	return time.UnixMilli(int64(math.Round(e.Timestamp * 1000)))
}

type activityIn struct {
	Name string `json:"name"`
}

type activityOut struct {
	ActivityArn string `json:"activityArn"`
}

type taskIn struct {
	ActivityArn string `json:"activityArn"`
	WorkerName  string `json:"workerName,omitempty"`
}

type taskOut struct {
	TaskToken string `json:"taskToken"`
	Input     string `json:"input"`
}

type successIn struct {
	TaskToken string `json:"taskToken"`
	Output    string `json:"output"`
}

// createMachine creates a state machine of type typ and returns its ARN.
func (t *target) createMachine(ctx context.Context, name, def, typ string) (string, error) {
	var out createMachineOut
	in := createMachineIn{Name: t.prefix + name, Definition: def, RoleArn: roleArn, Type: typ}
	if err := t.c.Call(ctx, "CreateStateMachine", in, &out); err != nil {
		return "", fmt.Errorf("create state machine: %w", err)
	}
	return out.StateMachineArn, nil
}

// createActivity creates an activity and returns its ARN.
func (t *target) createActivity(ctx context.Context, name string) (string, error) {
	var out activityOut
	if err := t.c.Call(ctx, "CreateActivity", activityIn{Name: t.prefix + name}, &out); err != nil {
		return "", fmt.Errorf("create activity: %w", err)
	}
	return out.ActivityArn, nil
}

// start starts an execution and returns its ARN.
func (t *target) start(ctx context.Context, body []byte) (string, error) {
	var out startOut
	if err := t.c.Call(ctx, "StartExecution", body, &out); err != nil {
		return "", err
	}
	return out.ExecutionArn, nil
}

// anyWith returns the ARN of an execution of machine with status, or "".
func (t *target) anyWith(ctx context.Context, machine, status string) (string, error) {
	var out listOut
	in := listIn{StateMachineArn: machine, StatusFilter: status, MaxResults: 1}
	if err := t.c.Call(ctx, "ListExecutions", in, &out); err != nil {
		return "", err
	}
	if len(out.Executions) == 0 {
		return "", nil
	}
	return out.Executions[0].ExecutionArn, nil
}

// waitIdle polls, every poll, until no execution of machine is RUNNING.
func (t *target) waitIdle(ctx context.Context, machine string, poll time.Duration) error {
	for {
		arn, err := t.anyWith(ctx, machine, "RUNNING")
		if err != nil || arn == "" {
			return err
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("waiting for the executions to finish: %w", ctx.Err())
		case <-time.After(poll):
		}
	}
}

// checkNoneFailed returns an error that describes a failed, timed out or
// aborted execution of machine, if there is one.
func (t *target) checkNoneFailed(ctx context.Context, machine string) error {
	for _, status := range []string{"FAILED", "TIMED_OUT", "ABORTED"} {
		arn, err := t.anyWith(ctx, machine, status)
		if err != nil {
			return err
		}
		if arn == "" {
			continue
		}
		var d describeOut
		if err := t.c.Call(ctx, "DescribeExecution", describeIn{ExecutionArn: arn}, &d); err != nil {
			return err
		}
		return fmt.Errorf("execution %s %s: %s: %s", arn, d.Status, d.Error, d.Cause)
	}
	return nil
}

// history reads an execution's whole history.
func (t *target) history(ctx context.Context, arn string) ([]event, error) {
	var all []event
	in := historyIn{ExecutionArn: arn, MaxResults: 1000}
	for {
		var out historyOut
		if err := t.c.Call(ctx, "GetExecutionHistory", in, &out); err != nil {
			return nil, err
		}
		all = append(all, out.Events...)
		if out.NextToken == "" {
			return all, nil
		}
		in.NextToken = out.NextToken
	}
}

// isStateEntered reports whether an event type is a state's entry (a
// state transition, as AWS counts them).
func isStateEntered(typ string) bool { return strings.HasSuffix(typ, "StateEntered") }

// firstOf returns the first event of type typ (or, with a leading '*',
// whose type ends with the rest) and whether there is one.
func firstOf(evs []event, typ string) (event, bool) {
	suffix, wild := strings.CutPrefix(typ, "*")
	for _, e := range evs {
		if e.Type == typ || wild && strings.HasSuffix(e.Type, suffix) {
			return e, true
		}
	}
	return event{}, false
}
