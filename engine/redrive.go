package engine

import (
	"errors"
	"time"

	"github.com/stepwisehq/stepwise/history"
)

// ErrNotRedrivable reports a Redrive of an execution that did not fail.
var ErrNotRedrivable = errors.New("engine: execution cannot be redriven")

// Redrive restarts a FAILED, TIMED_OUT or ABORTED execution (restored from
// the snapshot taken when it ended) from the state where it stopped, with
// that state's input, as RedriveExecution does. A Parallel or Map state that
// failed runs again as a whole.
func (x *Execution) Redrive(now time.Time) ([]history.Event, []Command, error) {
	switch x.Result.Status {
	case Failed, TimedOut, Aborted:
	default:
		return nil, nil, ErrNotRedrivable
	}
	f := x.root
	if f == nil || f.st == nil {
		return nil, nil, ErrNotRedrivable
	}
	x.begin(now)
	x.Result = Result{}
	x.Meta.RedriveCount++
	if e := x.emitRaw(history.ExecutionRedriven, x.lastEventID()); e != nil {
		e.RedriveCount = x.Meta.RedriveCount
	}
	f.last = x.lastEventID()
	f.par, f.run, f.caught = nil, nil, nil
	f.attempts, f.retryCount, f.token = nil, 0, ""
	f.phase = phEnter
	x.enqueue(f)
	x.run()
	return x.events, x.commands, nil
}
