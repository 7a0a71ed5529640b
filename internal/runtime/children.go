package runtime

import (
	"github.com/stepwisehq/stepwise/engine"
	"github.com/stepwisehq/stepwise/store"
)

// childSteps returns the store steps of the child executions a step of x
// started, advanced or ended (the iterations of a distributed Map), to be
// committed in the same transaction as x's own step.
func childSteps(x *engine.Execution) []*store.Step {
	return nil
}
