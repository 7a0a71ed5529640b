package api

import (
	"context"

	"github.com/stepwisehq/stepwise"
)

// addTestState registers TestState once the Client has it.
func addTestState(ops map[string]operation, c *stepwise.Client) {
	if m, ok := any(c).(stateTester); ok {
		ops["TestState"] = op(m.TestState)
	}
}

// stateTester is a Client with TestState.
type stateTester interface {
	TestState(context.Context, *stepwise.TestStateInput) (*stepwise.TestStateOutput, error)
}
