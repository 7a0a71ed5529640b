package api

import "github.com/stepwisehq/stepwise"

// addTasks registers the callback and activity task actions.
func addTasks(ops map[string]operation, c *stepwise.Client) {
	ops["SendTaskSuccess"] = op(c.SendTaskSuccess)
	ops["SendTaskFailure"] = op(c.SendTaskFailure)
	ops["SendTaskHeartbeat"] = op(c.SendTaskHeartbeat)
	ops["GetActivityTask"] = op(c.GetActivityTask)
}
