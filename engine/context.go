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

// contextObject builds "$$" for the frame's current state.
func (f *frame) contextObject() value.Value {
	x := f.x
	if x.test != nil && x.test.cfg.Context != nil {
		return x.test.cfg.Context
	}
	meta := &x.Meta
	var role value.Value = meta.RoleArn
	if x.test != nil && meta.RoleArn == "" {
		role = nil // TestState without a roleArn shows null, as recorded
	}
	execution := []value.Member{
		{Key: "Id", Value: meta.ExecutionArn},
		{Key: "Input", Value: x.Input},
		{Key: "StartTime", Value: FormatTime(meta.StartTime)},
		{Key: "Name", Value: meta.Name},
		{Key: "RoleArn", Value: role},
	}
	if !meta.Express {
		execution = append(execution, value.Member{Key: "RedriveCount", Value: value.Int(int64(meta.RedriveCount))})
	}
	members := []value.Member{
		{Key: "Execution", Value: value.NewObject(execution)},
		{Key: "StateMachine", Value: value.NewObject([]value.Member{
			{Key: "Id", Value: meta.StateMachineArn},
			{Key: "Name", Value: meta.StateMachineName},
		})},
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
