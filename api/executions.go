package api

import (
	"context"

	"github.com/stepwisehq/stepwise"
)

// addExecutions registers the execution actions.
func addExecutions(ops map[string]operation, c *stepwise.Client) {
	ops["StartExecution"] = op(c.StartExecution)
	ops["StartSyncExecution"] = op(c.StartSyncExecution)
	ops["DescribeExecution"] = op(c.DescribeExecution)
	ops["ListExecutions"] = op(c.ListExecutions)
	ops["GetExecutionHistory"] = op(c.GetExecutionHistory)
	ops["StopExecution"] = op(c.StopExecution)
	ops["DescribeStateMachineForExecution"] = op(c.DescribeStateMachineForExecution)
	if m, ok := any(c).(redriver); ok {
		ops["RedriveExecution"] = op(m.RedriveExecution)
	}
}

// redriver is a Client with RedriveExecution (wired once it exists).
type redriver interface {
	RedriveExecution(context.Context, *stepwise.RedriveExecutionInput) (*stepwise.RedriveExecutionOutput, error)
}
