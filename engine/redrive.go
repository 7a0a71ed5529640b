package engine

import (
	"errors"
	"time"

	"github.com/stepwisehq/stepwise/asl"
	"github.com/stepwisehq/stepwise/history"
	"github.com/stepwisehq/stepwise/value"
)

// ErrNotRedrivable reports a Redrive of an execution that did not fail.
var ErrNotRedrivable = errors.New("engine: execution cannot be redriven")

// Redrive restarts a FAILED, TIMED_OUT or ABORTED execution (restored from
// the snapshot taken when it ended) as RedriveExecution does: its history
// continues with ExecutionRedriven, and it runs again the state where it
// stopped, with that state's input. A Parallel or Map state that stopped
// runs again only its branches and iterations that failed or were aborted
// (each from the state where it stopped); the others keep their results.
// A distributed Map's run is redriven: its STANDARD child executions that
// did not succeed are redriven, its EXPRESS ones started again. The
// execution's TimeoutSeconds counts again from the redrive.
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
	if t := x.prog.def.TimeoutSeconds; t > 0 {
		x.startTimer(f, opExecTimeout, now.Add(time.Duration(t)*time.Second))
	}
	f.redrive(x.lastEventID())
	x.run()
	return x.events, x.commands, nil
}

// redrive makes a frame that ended without succeeding enter again the
// state where it stopped, its next event chained to prev. The fan-out of
// a Parallel or Map state it stopped in is kept for that state to resume,
// unless a Map's items were never read (its Map Run then starts anew).
func (f *frame) redrive(prev int64) {
	if f.par != nil { // stopped while the state ran
		f.kept, f.par = f.par, nil
	}
	if fo := f.kept; fo != nil && !fo.resumable(f.st) {
		f.kept = nil
	}
	f.last, f.succeeded, f.redo = prev, false, false
	f.run, f.caught, f.token = nil, nil, ""
	f.attempts, f.retryCount, f.assigned = nil, 0, nil
	f.phase = phEnter
	f.x.enqueue(f)
}

// resumable reports whether a redrive resumes the fan-out of st: not when
// it is a Map whose items were never read, nor when a snapshot did not keep
// its failed children.
func (fo *fanOut) resumable(st asl.State) bool {
	_, isMap := st.(*asl.Map)
	return !fo.whole && (!isMap || fo.items != nil)
}

// restart runs a frame's machine again from its first state with input,
// as a new execution would.
func (f *frame) restart(input value.Value, prev int64) {
	f.input, f.par, f.kept = input, nil, nil
	f.vars = newScope(f.parent.vars)
	f.setState(f.m.StartAt)
	f.last, f.succeeded, f.redo = prev, false, false
	f.run, f.caught, f.token = nil, nil, ""
	f.x.enqueue(f)
}

// resumeParallel continues a redriven Parallel state with the fan-out it
// stopped with: the branches that did not succeed run again.
func (f *frame) resumeParallel(fo *fanOut) {
	f.kept = nil
	f.par, f.phase = fo, phBlocked
	fo.requeue()
	for len(fo.redo) > 0 {
		kid := fo.redo[0]
		fo.redo = fo.redo[1:]
		f.redriveKid(kid, f.last)
	}
	f.maybeDone()
}

// resumeMap continues a redriven Map state with the fan-out it stopped
// with: its items, concurrency and tolerance are those it was entered
// with; the iterations that did not succeed run again, then those that
// had not started. A distributed Map's run is redriven (MapRunRedriven).
func (f *frame) resumeMap(fo *fanOut) {
	f.kept = nil
	if e := f.emit(history.MapStateStarted); e != nil {
		e.Length = fo.length
	}
	f.par, f.phase = fo, phBlocked
	fo.requeue()
	if fo.mapRun != "" {
		fo.redrives, fo.redriven = fo.redrives+1, f.x.now
		if e := f.emit(history.MapRunRedriven); e != nil {
			e.MapRunArn, e.RedriveCount = fo.mapRun, fo.redrives
		}
		f.mapRunChanged(Running)
	}
	f.startIterations(f.last)
	f.maybeDone()
}

// redriveKid runs again a child of the running Parallel or Map state that
// did not succeed, chaining its first event to prev. A child execution of
// a distributed Map's run is redriven when it is STANDARD, and started
// again (from the item processor's first state) when it is EXPRESS. It
// reports false when an EXPRESS child's input could not be evaluated,
// which fails the Map.
func (f *frame) redriveKid(kid *frame, prev int64) bool {
	f.par.pending++
	f.mapRunCounted()
	switch {
	case kid.ownsChild():
		kid.redriveChild()
		kid.redrive(kid.last)
	case kid.quiet && kid.kind == iterationFrame && f.distributed():
		in, err := f.itemInput(f.st.(*asl.Map), kid.index)
		if err != nil {
			f.iterationInputFailed(err)
			return false
		}
		kid.restart(in, prev)
	case kid.kind == iterationFrame:
		kid.last = prev
		f.iterationStarted(kid)
		kid.redrive(kid.last)
	default:
		kid.redrive(prev)
	}
	return true
}

// requeue readies a kept fan-out for a redrive: the children that did not
// succeed are queued to run again, in the order they started; those that
// succeeded are forgotten but for their results.
func (fo *fanOut) requeue() {
	var redo []*frame
	for _, k := range fo.kids {
		if !k.succeeded {
			k.redo = true
			redo = append(redo, k)
		}
	}
	fo.kids = redo
	fo.redo = append([]*frame(nil), redo...)
	fo.pending, fo.failed, fo.reader = 0, 0, nil
}

// settleRedo counts the children still queued to run again as failed:
// the fan-out ends before they ran (they run in the next redrive).
func (fo *fanOut) settleRedo() {
	if fo == nil {
		return
	}
	for _, k := range fo.redo {
		k.redo = false
	}
	fo.failed += len(fo.redo)
	fo.redo = nil
}
