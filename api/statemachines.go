package api

import "github.com/stepwisehq/stepwise"

// addStateMachines registers the state machine actions.
func addStateMachines(ops map[string]operation, c *stepwise.Client) {
	ops["CreateStateMachine"] = op(c.CreateStateMachine)
	ops["DescribeStateMachine"] = op(c.DescribeStateMachine)
	ops["ListStateMachines"] = op(c.ListStateMachines)
	ops["UpdateStateMachine"] = op(c.UpdateStateMachine)
	ops["DeleteStateMachine"] = op(c.DeleteStateMachine)
	ops["ValidateStateMachineDefinition"] = op(c.ValidateStateMachineDefinition)
}
