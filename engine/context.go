package engine

import (
	"time"

	"github.com/stepwisehq/stepwise/asl"
	"github.com/stepwisehq/stepwise/value"
)

// FormatTime prints a time as the context object and AWS's JSON payloads
// do: UTC with milliseconds, e.g. 2024-03-26T20:14:13.192Z.
func FormatTime(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000Z")
}

// contextObject builds "$$" for the frame's current state. Execution and
// StateMachine describe the execution the state runs in: in a child
// execution of a distributed Map's run, the child (its ARN, name, input and
// start, and the labelled state machine STATEMACHINE/LABEL), not its parent.
func (f *frame) contextObject() value.Value {
	x := f.x
	if x.test != nil && x.test.cfg.Context != nil {
		return x.test.cfg.Context
	}
	execution, machine := f.executionContext()
	members := []value.Member{
		{Key: "Execution", Value: execution},
		{Key: "StateMachine", Value: machine},
		{Key: "State", Value: f.stateContext()},
	}
	if f.token != "" {
		members = append(members, value.Member{Key: "Task", Value: value.NewObject([]value.Member{
			{Key: "Token", Value: f.token},
		})})
	}
	if f.item != nil {
		members = append(members, value.Member{Key: "Map", Value: value.NewObject([]value.Member{
			{Key: "Item", Value: value.NewObject([]value.Member{
				{Key: "Index", Value: value.Int(int64(f.item.index))},
				{Key: "Value", Value: f.item.value},
			})},
		})})
	}
	return value.NewObject(members)
}

// executionContext returns the context object's Execution and
// StateMachine: the execution's, or those of the child execution f runs in.
func (f *frame) executionContext() (execution, machine value.Value) {
	x := f.x
	meta := &x.Meta
	var role value.Value = meta.RoleArn
	if x.test != nil && meta.RoleArn == "" {
		role = nil // TestState without a roleArn shows null, as recorded
	}
	id, name, input, start := meta.ExecutionArn, meta.Name, x.Input, meta.StartTime
	smID, smName, redrive := meta.StateMachineArn, meta.StateMachineName, meta.RedriveCount
	if c := f.child; c != nil { // a STANDARD child, which runs with its parent's role
		id, name, input, start = c.arn, c.name(), c.execInput, c.started
		smID, smName, redrive = c.stateMachineArn(), c.machineName(), c.redrives
	}
	ms := []value.Member{
		{Key: "Id", Value: id},
		{Key: "Input", Value: input},
		{Key: "StartTime", Value: FormatTime(start)},
		{Key: "Name", Value: name},
		{Key: "RoleArn", Value: role},
	}
	if !meta.Express || f.child != nil {
		ms = append(ms, value.Member{Key: "RedriveCount", Value: value.Int(int64(redrive))})
	}
	machine = value.NewObject([]value.Member{{Key: "Id", Value: smID}, {Key: "Name", Value: smName}})
	return value.NewObject(ms), machine
}

func (f *frame) stateContext() value.Value {
	name := f.base().Name
	if f.x.test != nil && f.parent == nil {
		name = asl.TestStateName // TestState names the state it runs so
	}
	ms := []value.Member{
		{Key: "Name", Value: name},
		{Key: "EnteredTime", Value: FormatTime(f.enteredTime)},
	}
	switch f.st.(type) {
	case *asl.Task, *asl.Map, *asl.Parallel:
		ms = append(ms, value.Member{Key: "RetryCount", Value: value.Int(int64(f.retryCount))})
	}
	return value.NewObject(ms)
}
