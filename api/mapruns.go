package api

import (
	"context"

	"github.com/stepwisehq/stepwise"
)

// addMapRuns registers the Map Run actions the Client has.
func addMapRuns(ops map[string]operation, c *stepwise.Client) {
	if m, ok := any(c).(mapRunLister); ok {
		ops["ListMapRuns"] = op(m.ListMapRuns)
	}
	if m, ok := any(c).(mapRunDescriber); ok {
		ops["DescribeMapRun"] = op(m.DescribeMapRun)
	}
	if m, ok := any(c).(mapRunUpdater); ok {
		ops["UpdateMapRun"] = op(m.UpdateMapRun)
	}
}

// The Map Run methods of the Client, wired once they exist.
type (
	mapRunLister interface {
		ListMapRuns(context.Context, *stepwise.ListMapRunsInput) (*stepwise.ListMapRunsOutput, error)
	}
	mapRunDescriber interface {
		DescribeMapRun(context.Context, *stepwise.DescribeMapRunInput) (*stepwise.DescribeMapRunOutput, error)
	}
	mapRunUpdater interface {
		UpdateMapRun(context.Context, *stepwise.UpdateMapRunInput) (*stepwise.UpdateMapRunOutput, error)
	}
)
