package stepwise

// runner drives executions; see internal/runtime.
type runner struct {
	sw *Stepwise
}

func newRunner(sw *Stepwise) *runner { return &runner{sw: sw} }
