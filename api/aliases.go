package api

import "github.com/stepwisehq/stepwise"

// addAliases registers the state machine alias actions.
func addAliases(ops map[string]operation, c *stepwise.Client) {
	ops["CreateStateMachineAlias"] = op(c.CreateStateMachineAlias)
	ops["DescribeStateMachineAlias"] = op(c.DescribeStateMachineAlias)
	ops["ListStateMachineAliases"] = op(c.ListStateMachineAliases)
	ops["UpdateStateMachineAlias"] = op(c.UpdateStateMachineAlias)
	ops["DeleteStateMachineAlias"] = op(c.DeleteStateMachineAlias)
}
