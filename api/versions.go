package api

import "github.com/stepwisehq/stepwise"

// addVersions registers the state machine version actions.
func addVersions(ops map[string]operation, c *stepwise.Client) {
	ops["PublishStateMachineVersion"] = op(c.PublishStateMachineVersion)
	ops["ListStateMachineVersions"] = op(c.ListStateMachineVersions)
	ops["DeleteStateMachineVersion"] = op(c.DeleteStateMachineVersion)
}
