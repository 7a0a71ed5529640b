package engine

import (
	"fmt"
	"github.com/stepwisehq/stepwise/expr"
	"time"

	"github.com/stepwisehq/stepwise/asl"
	"github.com/stepwisehq/stepwise/history"
	"github.com/stepwisehq/stepwise/value"
)

// phase is where a frame is in running its current state.
type phase uint8

const (
	phEnter   phase = iota // next step enters the current state
	phExit                 // next step exits it and moves on
	phResume               // next step runs the state's body again (after a retry wait)
	phBlocked              // waiting for an operation or for child frames
	phDone                 // the frame's machine has ended
)

func (p phase) runnable() bool { return p <= phResume }

type frameKind uint8

const (
	rootFrame frameKind = iota
	branchFrame
	iterationFrame
)

// frame runs one Machine: the execution's top level, a Parallel branch or a
// Map iteration. It is a cursor: the current state and where it is in it.
type frame struct {
	x      *Execution
	m      *asl.Machine
	parent *frame
	kind   frameKind
	index  int // branch or iteration index

	st    asl.State
	input value.Value // the state's raw input
	// output is what the state passes on when it exits.
	output   value.Value
	next     string
	assigned []history.Var

	phase  phase
	queued bool
	quiet  bool   // records no events: an iteration of an EXPRESS distributed Map
	child  *child // the child execution whose history the frame's events go to
	last   int64  // the frame's latest event id, the previous id of its next event

	enteredID   int64
	enteredPrev int64
	enteredTime time.Time
	attempts    []int64 // per retrier
	retryCount  int
	token       string

	item *mapItem // $$.Map.Item while a Map's ItemSelector is evaluated
	vars *scope

	envBuf expr.Env // see env

	par *fanOut  // the running Parallel or Map state's children
	run *taskRun // the running Task attempt
	// kept is the fan-out of the Parallel or Map state whose failure ended
	// the frame: what RedriveExecution resumes (see redrive.go).
	kept *fanOut

	succeeded bool // the frame's machine ended successfully
	redo      bool // queued in its parent's fan-out, to run again in a redrive

	caught *Failure // the failure a Catcher took, in a test
}

// fanOut returns the fan-out of the Parallel or Map state the frame runs,
// or of the one it stopped in (kept for a redrive), or nil.
func (f *frame) fanOut() *fanOut {
	if f.par != nil {
		return f.par
	}
	return f.kept
}

// mapItem is the context object's Map.Item.
type mapItem struct {
	index int
	value value.Value
}

func (x *Execution) newFrame(m *asl.Machine, parent *frame, input value.Value) *frame {
	f := &frame{x: x, m: m, parent: parent, input: input}
	var outer *scope
	if parent != nil {
		outer = parent.vars
		f.quiet, f.child = parent.quiet, parent.child
	}
	f.vars = newScope(outer)
	f.setState(m.StartAt)
	x.enqueue(f)
	return f
}

func (f *frame) setState(name string) {
	f.st = f.m.States[name]
	f.phase = phEnter
	f.attempts = nil
	f.retryCount = 0
	f.assigned = nil
	f.kept = nil
}

func (f *frame) base() *asl.Base { return f.st.Common() }

// emit appends an event on this frame's line of events.
func (f *frame) emit(t history.Type) *history.Event { return f.emitAt(t, f.last) }

// emitAt appends an event with the given previous event id to the frame's
// history (its child execution's, in a distributed Map); it becomes the
// frame's latest event.
func (f *frame) emitAt(t history.Type, prev int64) *history.Event {
	if f.child != nil {
		e := f.x.emitChild(f.child, t, prev)
		f.last = e.ID
		return e
	}
	if f.quiet {
		return nil
	}
	e := f.x.emitRaw(t, prev)
	f.last = f.x.lastEventID()
	return e
}

func (f *frame) step() {
	switch f.phase {
	case phEnter:
		f.enter()
	case phExit:
		f.exit()
	case phResume:
		f.body()
	}
}

func (f *frame) enter() {
	f.enteredTime = f.x.now
	f.enteredPrev = f.last
	if e := f.emit(enteredType[f.base().Type]); e != nil {
		e.Name, e.Input, e.HasInput = f.base().Name, f.input, true
	}
	f.enteredID = f.last
	f.x.test.record("input", f.input)
	f.body()
}

// body runs the current state from the start (or again, after a retry).
func (f *frame) body() {
	switch s := f.st.(type) {
	case *asl.Pass:
		f.pass(s)
	case *asl.Choice:
		f.choice(s)
	case *asl.Wait:
		f.wait(s)
	case *asl.Succeed:
		f.succeed(s)
	case *asl.Fail:
		f.failState(s)
	case *asl.Task:
		f.task(s)
	case *asl.Parallel:
		f.parallel(s)
	case *asl.Map:
		f.mapState(s)
	}
}

// exit records the state's exit and moves to the next state, or ends the
// frame.
func (f *frame) exit() {
	b := f.base()
	if t := exitedType[b.Type]; t != history.TypeInvalid {
		if e := f.emit(t); e != nil {
			e.Name, e.Output, e.HasOutput = b.Name, f.output, true
			e.Vars = f.assigned
		}
	}
	if f.x.test != nil && f.parent == nil {
		f.testExit()
		return
	}
	if f.next == "" {
		f.complete(f.output)
		return
	}
	f.input = f.output
	f.setState(f.next)
}

// done sets the output and the following state; the exit happens in the
// frame's next step.
func (f *frame) done(output value.Value, next string) {
	if value.EncodedLen(output) > f.x.prog.opts.MaxPayloadBytes {
		cause := fmt.Sprintf("The state/task '%s' returned a result with a size exceeding the maximum number of bytes service limit.", f.base().Name)
		f.failHard(Failed, newFailure(asl.ErrDataLimitExceeded, cause))
		return
	}
	f.output, f.next = output, next
	f.phase = phExit
	f.x.enqueue(f)
}

// complete ends the frame's machine with output.
func (f *frame) complete(output value.Value) {
	f.phase, f.succeeded = phDone, true
	f.output = output
	if f.parent == nil {
		f.x.finish(Result{Status: Succeeded, Output: output}, f.last)
		return
	}
	f.parent.childDone(f)
}

var enteredType = [...]history.Type{
	asl.TypePass: history.PassStateEntered, asl.TypeTask: history.TaskStateEntered,
	asl.TypeChoice: history.ChoiceStateEntered, asl.TypeWait: history.WaitStateEntered,
	asl.TypeSucceed: history.SucceedStateEntered, asl.TypeFail: history.FailStateEntered,
	asl.TypeParallel: history.ParallelStateEntered, asl.TypeMap: history.MapStateEntered,
}

var exitedType = [...]history.Type{
	asl.TypePass: history.PassStateExited, asl.TypeTask: history.TaskStateExited,
	asl.TypeChoice: history.ChoiceStateExited, asl.TypeWait: history.WaitStateExited,
	asl.TypeSucceed: history.SucceedStateExited, asl.TypeFail: history.TypeInvalid,
	asl.TypeParallel: history.ParallelStateExited, asl.TypeMap: history.MapStateExited,
}

// deliver hands an input for one of the frame's operations to its state.
func (f *frame) deliver(kind opKind, in Input) {
	switch kind {
	case opExecTimeout:
		f.x.fail(TimedOut, newFailure(asl.ErrTimeout, "Execution timed out."), f.x.lastEventID())
	case opWait:
		f.done(f.output, f.next)
	case opRetry:
		f.phase = phResume
		f.x.enqueue(f)
	case opReader:
		f.readerDone(in)
	case opWriter:
		f.writerDone(in)
	default:
		f.taskInput(kind, in)
	}
}
