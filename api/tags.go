package api

import "github.com/stepwisehq/stepwise"

// addTags registers the tagging actions.
func addTags(ops map[string]operation, c *stepwise.Client) {
	ops["TagResource"] = op(c.TagResource)
	ops["UntagResource"] = op(c.UntagResource)
	ops["ListTagsForResource"] = op(c.ListTagsForResource)
}
