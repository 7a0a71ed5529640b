package runtime

import (
	"context"

	"github.com/stepwisehq/stepwise/engine"
	"github.com/stepwisehq/stepwise/store"
	"github.com/stepwisehq/stepwise/value"
)

// childSteps returns the store steps of the child executions a step of x
// started, advanced or ended (the iterations of a distributed Map), to be
// committed in the same transaction as x's own step.
func childSteps(x *engine.Execution) []*store.Step {
	ups := x.ChildUpdates()
	if len(ups) == 0 {
		return nil
	}
	steps := make([]*store.Step, len(ups))
	for i := range ups {
		steps[i] = childStep(x, &ups[i])
	}
	return steps
}

// childStep is one child execution's step: its row when it starts (it runs
// the parent's definition, in the parent's snapshot, so it keeps none of
// its own), its events, its redrive and its ending.
func childStep(x *engine.Execution, u *engine.ChildUpdate) *store.Step {
	st := &store.Step{Arn: u.Arn, Events: u.Events, MapRuns: childMapRuns(u)}
	if u.New {
		st.Create = &store.Execution{
			Arn: u.Arn, StateMachineArn: u.StateMachineArn, Name: u.Name, Type: "STANDARD",
			Status: store.StatusRunning, Input: value.String(u.Input), Started: u.Started,
			ParentArn: u.ParentArn, MapRunArn: u.MapRunArn, Definition: x.Source(),
		}
	}
	if !u.Redriven.IsZero() { // its parent's redrive redrove its Map Run
		st.Redrive = &store.Redrive{Count: u.RedriveCount, At: u.Redriven}
	}
	if r := u.Ended; r != nil {
		st.Ended = &store.Ending{Status: store.Status(r.Status.String()), Error: r.Error, Cause: r.Cause,
			HasError: r.HasError, HasCause: r.HasCause, Stopped: u.Stopped}
		if r.Status == engine.Succeeded {
			st.Ended.Output, st.Ended.HasOutput = value.String(r.Output), true
		}
	}
	return st
}

// childMapRuns converts the Map Runs of distributed Maps nested in a child
// execution to store records: they belong to the child.
func childMapRuns(u *engine.ChildUpdate) []store.MapRun {
	if len(u.MapRuns) == 0 {
		return nil
	}
	out := make([]store.MapRun, len(u.MapRuns))
	for i := range u.MapRuns {
		out[i] = mapRunRecord(&u.MapRuns[i], u.Arn, u.StateMachineArn)
	}
	return out
}

// StopChild stops a running child execution of a distributed Map as
// StopExecution does: the child ends ABORTED and its Map counts a failed
// item. The execution that runs it is the top of its chain of parents
// (distributed Maps nest). It returns ErrNotRunning when that execution
// does not run here or has no such running child.
func (d *Durable) StopChild(ctx context.Context, childArn, errName, cause string) error {
	top, err := d.topOf(ctx, childArn)
	if err != nil {
		return err
	}
	l := d.lookup(top)
	if l == nil && d.cl != nil { // another node drives it
		ok, err := d.post(ctx, top, inboxInput{Kind: engine.Stop, Child: childArn, Error: errName, Cause: cause})
		if err == nil && !ok {
			return ErrNotRunning
		}
		return err
	}
	if l == nil {
		l = d.load(ctx, top)
	}
	if l == nil {
		return ErrNotRunning
	}
	_, err = d.stopChild(ctx, l, childArn, errName, cause, nil)
	return err
}

// stopChild aborts a child of the live execution l and commits the step,
// with the inbox messages it consumes (done). It reports whether there was
// a step.
func (d *Durable) stopChild(ctx context.Context, l *live, childArn, errName, cause string, done []int64) (bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.dead || l.x.Done() {
		return false, ErrNotRunning
	}
	evs, cmds, ok := l.x.StopChild(childArn, errName, cause, d.cfg.Now().UTC())
	if !ok {
		return false, ErrNotRunning
	}
	if err := d.persist(ctx, l, evs, cmds, nil, done); err != nil {
		d.commitFailed(l.arn, err)
		return false, err
	}
	d.dispatch(l, cmds)
	return true, nil
}

// topOf returns the execution that runs a child execution: the first of
// its parents that is no Map Run's child.
func (d *Durable) topOf(ctx context.Context, arn string) (string, error) {
	for {
		row, err := d.cfg.Store.ExecutionGet(ctx, arn)
		if err != nil {
			return "", err
		}
		if row.MapRunArn == "" || row.ParentArn == "" {
			return row.Arn, nil
		}
		arn = row.ParentArn
	}
}
