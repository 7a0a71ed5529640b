package engine

import (
	"fmt"
	"time"

	"github.com/stepwisehq/stepwise/asl"
	"github.com/stepwisehq/stepwise/history"
	"github.com/stepwisehq/stepwise/value"
)

// Execution is the mutable state of one execution. Only the engine changes
// it; the caller keeps it between steps (in memory, or as a snapshot).
type Execution struct {
	Meta   Meta
	Input  value.Value
	Result Result

	prog   *Program
	ids    IDs
	nextID int64
	nextOp OpID
	root   *frame
	test   *testRun // set by StartTest
	ops    map[OpID]opRef
	queue  []*frame // runnable frames, round robin, from head
	head   int

	// per-step output
	now      time.Time
	events   []history.Event
	commands []Command
	mapRuns  []MapRunUpdate
	counted  []*frame // fan-outs whose Map Run counters the step changed
	childLog []*child // the child executions the step changed
	// childWanted: the caller keeps ChildUpdates; childTaken: it has taken
	// the last step's.
	childWanted, childTaken bool
}

// opRef says which frame an operation belongs to and why it exists.
type opRef struct {
	f    *frame
	kind opKind
	at   time.Time // a timer's deadline
}

type opKind uint8

const (
	opTask opKind = iota + 1
	opTaskTimeout
	opHeartbeat
	opWait
	opRetry
	opExecTimeout
	opReader // a distributed Map's ItemReader
	opWriter // a distributed Map's ResultWriter
)

// Done reports whether the execution has ended.
func (x *Execution) Done() bool { return x.Result.Status != Running }

// Start begins an execution of p: it records ExecutionStarted and runs the
// execution until it ends or waits for an operation.
func (p *Program) Start(meta Meta, input value.Value, ids IDs, now time.Time) (*Execution, []history.Event, []Command) {
	x := &Execution{Meta: meta, Input: input, prog: p, ids: ids, nextID: 1}
	x.begin(now)
	started := x.emitRaw(history.ExecutionStarted, 0)
	if started != nil {
		started.Input, started.HasInput = input, true
		started.RoleArn = meta.RoleArn
	}
	x.root = x.newFrame(&p.def.Machine, nil, input)
	x.root.last = 0
	if t := p.def.TimeoutSeconds; t > 0 {
		x.startTimer(x.root, opExecTimeout, now.Add(time.Duration(t)*time.Second))
	}
	x.run()
	return x, x.events, x.commands
}

// Apply feeds an input to a running execution and runs it until it ends or
// waits again. Inputs for operations that are no longer outstanding (a late
// task result, a cancelled timer) are ignored.
func (x *Execution) Apply(in Input, now time.Time) ([]history.Event, []Command) {
	x.begin(now)
	if x.Done() {
		return nil, nil
	}
	if in.Kind == Stop {
		x.abort(in.Error, in.Cause)
		return x.events, x.commands
	}
	ref, ok := x.ops[in.Op]
	if !ok {
		return nil, nil
	}
	if in.Kind != TaskHeartbeat && in.Kind != TaskSubmitted && in.Kind != ActivityStarted {
		delete(x.ops, in.Op)
	}
	ref.f.deliver(ref.kind, in)
	x.run()
	return x.events, x.commands
}

// Release drops what the last step returned (events, commands), once the
// caller has kept them: a waiting execution then holds only its state.
func (x *Execution) Release() {
	x.events, x.commands, x.mapRuns = nil, nil, nil
	x.resetChildren()
}

func (x *Execution) begin(now time.Time) {
	x.now = now
	x.events = nil
	x.commands = nil
	x.mapRuns = nil
	x.beginChildren()
}

// run steps runnable frames round robin until none is runnable.
func (x *Execution) run() {
	for x.head < len(x.queue) && !x.Done() {
		f := x.queue[x.head]
		x.queue[x.head] = nil
		x.head++
		if x.head == len(x.queue) {
			x.queue, x.head = x.queue[:0], 0
		}
		f.queued = false
		f.step()
		if x.nextID > int64(x.prog.opts.MaxHistoryEvents) && !x.Done() {
			x.fail(Failed, newFailure(asl.ErrRuntime, x.historyLimitCause()), x.lastEventID())
			break
		}
		if c := f.child; c != nil && c.open && c.nextID > int64(x.prog.opts.MaxHistoryEvents) {
			f.failHard(Failed, newFailure(asl.ErrRuntime, x.historyLimitCause())) // the child alone
		}
		if f.phase.runnable() && !f.queued {
			x.enqueue(f)
		}
	}
	x.countMapRuns()
	if x.Done() {
		x.queue, x.head = nil, 0
	}
}

func (x *Execution) enqueue(f *frame) {
	if !f.queued {
		f.queued = true
		x.queue = append(x.queue, f)
	}
}

func (x *Execution) newOp(ref opRef) OpID {
	x.nextOp++
	if x.ops == nil {
		x.ops = make(map[OpID]opRef)
	}
	x.ops[x.nextOp] = ref
	return x.nextOp
}

// cancelOps drops every outstanding operation of f and asks the caller to
// cancel them; the execution's timeout (the root frame's) stays until the
// execution ends.
func (x *Execution) cancelOps(f *frame) {
	for id, ref := range x.ops {
		if ref.f == f && ref.kind != opExecTimeout {
			delete(x.ops, id)
			x.command(Command{Kind: CancelOp, Op: id})
		}
	}
}

// startTimer creates a timer operation for f and asks the caller to start it.
func (x *Execution) startTimer(f *frame, kind opKind, at time.Time) OpID {
	op := x.newOp(opRef{f: f, kind: kind, at: at})
	x.command(Command{Kind: StartTimer, Op: op, At: at})
	return op
}

func (x *Execution) command(c Command) { x.commands = append(x.commands, c) }

// emitRaw appends an event with the given previous event id. It returns nil
// when the program keeps no history.
func (x *Execution) emitRaw(t history.Type, prev int64) *history.Event {
	id := x.nextID
	x.nextID++
	if x.prog.opts.NoHistory {
		return nil
	}
	x.events = append(x.events, history.Event{ID: id, PreviousID: prev, Timestamp: x.now, Type: t})
	return &x.events[len(x.events)-1]
}

// finish ends the execution.
func (x *Execution) finish(r Result, prev int64) {
	x.closeChildren()
	x.Result = r
	var t history.Type
	switch r.Status {
	case Succeeded:
		t = history.ExecutionSucceeded
	case Failed:
		t = history.ExecutionFailed
	case TimedOut:
		t = history.ExecutionTimedOut
	case Aborted:
		t = history.ExecutionAborted
	}
	if e := x.emitRaw(t, prev); e != nil {
		e.Output, e.HasOutput = r.Output, r.Status == Succeeded
		e.Error, e.HasError = r.Error, r.HasError
		e.Cause, e.HasCause = r.Cause, r.HasCause
	}
	for id := range x.ops {
		x.command(Command{Kind: CancelOp, Op: id})
	}
	x.ops = nil
}

// fail ends the execution with an error.
func (x *Execution) fail(status Status, e *Failure, prev int64) {
	// An empty cause is shown in error outputs but left out of the result.
	hasCause := e.HasCause && e.Cause != ""
	x.finish(Result{Status: status, Error: e.Error, Cause: e.Cause, HasError: e.HasError, HasCause: hasCause}, prev)
}

func (x *Execution) abort(errName, cause string) {
	r := Result{Status: Aborted, Error: errName, Cause: cause, HasError: errName != "", HasCause: cause != ""}
	x.finish(r, x.lastEventID())
}

func (x *Execution) lastEventID() int64 { return x.nextID - 1 }

// Failure is an ASL error: a name and a cause. HasCause is false only for a
// Fail state without Cause; task failures always carry one, maybe empty.
type Failure struct {
	Error, Cause       string
	HasError, HasCause bool
	// terminal failures (JSONata evaluation errors) skip Retry, Catch and
	// Map failure tolerance.
	terminal bool
}

func newFailure(name, cause string) *Failure {
	return &Failure{Error: name, Cause: cause, HasError: true, HasCause: true}
}

// output is the error output a Catch passes on: {"Error": ..., "Cause": ...}.
func (e *Failure) output() value.Value {
	ms := make([]value.Member, 0, 2)
	if e.HasError {
		ms = append(ms, value.Member{Key: "Error", Value: e.Error})
	}
	if e.HasCause {
		ms = append(ms, value.Member{Key: "Cause", Value: e.Cause})
	}
	return value.NewObject(ms)
}

func (x *Execution) historyLimitCause() string {
	return fmt.Sprintf("The execution reached the maximum number of history events (%d).", x.prog.opts.MaxHistoryEvents)
}
