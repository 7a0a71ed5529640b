package api

import "github.com/stepwisehq/stepwise"

// addActivities registers the activity actions.
func addActivities(ops map[string]operation, c *stepwise.Client) {
	ops["CreateActivity"] = op(c.CreateActivity)
	ops["DescribeActivity"] = op(c.DescribeActivity)
	ops["ListActivities"] = op(c.ListActivities)
	ops["DeleteActivity"] = op(c.DeleteActivity)
}
