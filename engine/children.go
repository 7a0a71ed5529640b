package engine

import (
	"strings"
	"time"

	"github.com/stepwisehq/stepwise/asl"
	"github.com/stepwisehq/stepwise/history"
	"github.com/stepwisehq/stepwise/value"
)

// child is a child execution of a distributed Map's run: one iteration (one
// batch, with an ItemBatcher), which AWS runs as an execution of its own
// with its own history. Its frames still run inside this execution; they
// record their events here instead of in the execution's history.
type child struct {
	arn     string
	started time.Time
	nextID  int64 // the id of the child's next history event
	open    bool  // it has not ended
	// execInput is the child's input, $$.Execution.Input in its states.
	execInput value.Value
	redrives  int // how many times it was redriven

	// Not kept in snapshots: set again from the frame that runs the Map.
	mapRun    string
	parentArn string

	// What the steps not yet kept by the caller did to it (ChildUpdates).
	stepped  bool
	isNew    bool
	input    value.Value
	events   []history.Event
	ended    *Result
	stopped  time.Time
	redriven time.Time
	mapRuns  []MapRunUpdate
}

// ChildUpdate is what a step did to a child execution of a distributed
// Map's run (an iteration with ExecutionType STANDARD).
type ChildUpdate struct {
	Arn, Name string
	// StateMachineArn is the labelled state machine the child runs, AWS's
	// arn:...:stateMachine:STATEMACHINE/LABEL.
	StateMachineArn string
	MapRunArn       string
	// ParentArn is the execution whose Map Run started the child (another
	// child when distributed Maps nest).
	ParentArn string
	Started   time.Time
	// New is set in the step that started the child; Input is its input.
	New   bool
	Input value.Value
	// Events continue the child's history (ids from 1 in its first step).
	Events []history.Event
	// Ended is set when the step ended the child, at Stopped.
	Ended   *Result
	Stopped time.Time
	// Redriven is set when the step redrove the child (its parent's
	// RedriveExecution redrove its Map Run): its history continues with
	// ExecutionRedriven, and RedriveCount is its redrive count since.
	Redriven     time.Time
	RedriveCount int
	// MapRuns are the Map Runs of distributed Maps that run inside the
	// child, started or ended in the step.
	MapRuns []MapRunUpdate
}

// ChildUpdates returns the child executions the last step started,
// advanced or ended. A caller that calls it once (or restores the
// execution) keeps them: a step whose child updates it did not ask for
// (one without events or commands of the execution's own, which a runtime
// may not commit) adds its updates to the next step's.
func (x *Execution) ChildUpdates() []ChildUpdate {
	x.childWanted, x.childTaken = true, true
	if len(x.childLog) == 0 {
		return nil
	}
	out := make([]ChildUpdate, len(x.childLog))
	for i, c := range x.childLog {
		out[i] = ChildUpdate{Arn: c.arn, Name: c.name(), StateMachineArn: c.stateMachineArn(),
			MapRunArn: c.mapRun, ParentArn: c.parentArn, Started: c.started, New: c.isNew,
			Input: c.input, Events: c.events, Ended: c.ended, Stopped: c.stopped, MapRuns: c.mapRuns,
			Redriven: c.redriven, RedriveCount: c.redrives}
	}
	return out
}

// beginChildren starts a step's child updates, unless the caller keeps
// them and has not taken the last ones.
func (x *Execution) beginChildren() {
	if !x.childWanted || x.childTaken {
		x.resetChildren()
	}
}

// resetChildren forgets the child updates of the last step.
func (x *Execution) resetChildren() {
	for i, c := range x.childLog {
		c.stepped, c.isNew, c.input, c.events, c.ended, c.mapRuns = false, false, nil, nil, nil, nil
		c.redriven = time.Time{}
		x.childLog[i] = nil
	}
	x.childLog = x.childLog[:0]
	x.childTaken = false
}

// touch lists c among the children the current step changed.
func (x *Execution) touch(c *child) {
	if !c.stepped {
		c.stepped = true
		x.childLog = append(x.childLog, c)
	}
}

// emitChild appends an event to a child execution's history.
func (x *Execution) emitChild(c *child, t history.Type, prev int64) *history.Event {
	id := c.nextID
	c.nextID++
	x.touch(c)
	if c.events == nil {
		c.events = make([]history.Event, 0, 4) // a child's step has a few events
	}
	c.events = append(c.events, history.Event{ID: id, PreviousID: prev, Timestamp: x.now, Type: t})
	return &c.events[len(c.events)-1]
}

func (c *child) name() string { return c.arn[strings.LastIndexByte(c.arn, ':')+1:] }

// machineName is the labelled state machine name, STATEMACHINE/LABEL.
func (c *child) machineName() string {
	rest := c.arn[strings.Index(c.arn, ":execution:")+len(":execution:"):]
	return rest[:strings.LastIndexByte(rest, ':')]
}

func (c *child) stateMachineArn() string {
	i := strings.Index(c.arn, ":execution:")
	return c.arn[:i] + ":stateMachine:" + c.machineName()
}

// childArn names a child execution of a Map Run as AWS does:
// arn:aws:states:REGION:ACCOUNT:execution:STATEMACHINE/LABEL:NAME.
func childArn(mapRun, name string) string {
	base := mapRun[:strings.LastIndexByte(mapRun, ':')]
	return strings.Replace(base, ":mapRun:", ":execution:", 1) + ":" + name
}

// ownsChild reports whether f is the top frame of a child execution.
func (f *frame) ownsChild() bool {
	return f.child != nil && (f.parent == nil || f.parent.child != f.child)
}

// executionArn is the ARN of the execution f's events go to.
func (f *frame) executionArn() string {
	if f.child != nil {
		return f.child.arn
	}
	return f.x.Meta.ExecutionArn
}

// startsChildren reports whether the running Map's iterations are child
// executions with histories: a distributed Map of STANDARD executions, in
// an execution that keeps a history.
func (f *frame) startsChildren(s *asl.Map) bool {
	return s.Mode == asl.Distributed && s.ExecutionType != "EXPRESS" &&
		!f.x.prog.opts.NoHistory && f.x.test == nil
}

// startChild makes the new iteration kid a child execution of the running
// Map's run, which starts with ExecutionStarted.
func (f *frame) startChild(kid *frame, input value.Value) {
	fo := f.par
	c := &child{arn: childArn(fo.mapRun, f.x.ids.NewID()), started: f.x.now, nextID: 1, open: true,
		execInput: input, mapRun: fo.mapRun, parentArn: f.executionArn(), isNew: true, input: input}
	kid.child, kid.quiet = c, false
	if e := kid.emitAt(history.ExecutionStarted, 0); e != nil {
		e.Input, e.HasInput = input, true
		e.RoleArn = f.x.Meta.RoleArn
	}
}

// endChild ends kid's child execution with r, once.
func (f *frame) endChild(kid *frame, r Result) {
	c := kid.child
	if !c.open {
		return
	}
	c.open = false
	prev := kid.last
	t := history.ExecutionSucceeded
	switch r.Status {
	case Failed:
		t = history.ExecutionFailed
	case Aborted:
		t, prev = history.ExecutionAborted, c.nextID-1
	}
	e := f.x.emitChild(c, t, prev)
	e.Output, e.HasOutput = r.Output, r.Status == Succeeded
	e.Error, e.HasError = r.Error, r.HasError
	e.Cause, e.HasCause = r.Cause, r.HasCause
	c.ended, c.stopped = &r, f.x.now
}

// redriveChild reopens the child execution f owns, as RedriveExecution
// does: its history continues with ExecutionRedriven.
func (f *frame) redriveChild() {
	c := f.child
	c.open, c.redrives, c.redriven = true, c.redrives+1, f.x.now
	if e := f.emitAt(history.ExecutionRedriven, c.nextID-1); e != nil {
		e.RedriveCount = c.redrives
	}
}

// failureResult is how a failure ends an execution (an empty cause is left
// out, as Execution.fail does).
func failureResult(status Status, fl *Failure) Result {
	return Result{Status: status, Error: fl.Error, Cause: fl.Cause, HasError: fl.HasError,
		HasCause: fl.HasCause && fl.Cause != ""}
}

// failHard ends f's execution with a failure that no Catcher takes (a
// States.Runtime error, a payload over the limit): in a child execution of
// a distributed Map's run, the child fails and its Map counts a failed item.
func (f *frame) failHard(status Status, fl *Failure) {
	top := f.childTop()
	if top == nil {
		f.x.fail(status, fl, f.last)
		return
	}
	top.stop()
	top.last = f.last
	if top.ownsChild() {
		top.parent.endChild(top, failureResult(status, fl))
	}
	top.parent.childFailed(top, fl)
}

// childTop returns the top frame of the child execution f runs in: the
// nearest iteration of a distributed Map at or above f (an EXPRESS child
// keeps no history, but it fails alone all the same), or nil when f runs
// in the execution itself.
func (f *frame) childTop() *frame {
	for g := f; g.parent != nil; g = g.parent {
		if g.kind == iterationFrame && g.parent.distributed() {
			return g
		}
	}
	return nil
}

// stop ends f and its descendants as an execution that stops does: no
// state records its end, the child executions among them end ABORTED, and
// so do the Map Runs of the distributed Maps they run.
func (f *frame) stop() {
	if f.par != nil {
		for _, k := range f.par.kids {
			if k.phase != phDone {
				k.stop()
				if k.ownsChild() {
					f.endChild(k, Result{Status: Aborted})
				}
			}
		}
		f.par.settleRedo()
		f.mapRunChanged(Aborted)
	}
	f.phase = phDone
	f.x.cancelOps(f)
}

// StopChild stops a running child execution of a distributed Map's run, as
// StopExecution does: the child ends ABORTED and its Map counts a failed
// item. It reports false when no running child has that ARN.
func (x *Execution) StopChild(arn, errName, cause string, now time.Time) ([]history.Event, []Command, bool) {
	x.begin(now)
	kid := x.findChild(x.root, arn)
	if x.Done() || kid == nil {
		return nil, nil, false
	}
	fl := &Failure{Error: errName, Cause: cause, HasError: errName != "", HasCause: cause != ""}
	kid.stop()
	kid.parent.endChild(kid, failureResult(Aborted, fl))
	kid.parent.childFailed(kid, fl)
	x.run()
	return x.events, x.commands, true
}

// findChild returns the running frame under f that owns the child arn.
func (x *Execution) findChild(f *frame, arn string) *frame {
	if f == nil || f.phase == phDone {
		return nil
	}
	if f.ownsChild() && f.child.arn == arn {
		return f
	}
	if f.par == nil {
		return nil
	}
	for _, k := range f.par.kids {
		if found := x.findChild(k, arn); found != nil {
			return found
		}
	}
	return nil
}

// closeChildren stops every frame when the execution ends: a stopped,
// timed-out or failed parent leaves no child execution or Map Run running.
func (x *Execution) closeChildren() {
	if x.root != nil {
		x.root.stop()
	}
}

// encodeChild keeps what continues a child's history after a restart.
func encodeChild(f *frame) value.Value {
	if !f.ownsChild() {
		return nil
	}
	c := f.child
	return []value.Value{c.arn, num(c.nextID), timeValue(c.started), c.execInput, num(int64(c.redrives))}
}

// restoreChild gives a restored frame its parent's child execution, or
// its own.
func restoreChild(f *frame, v value.Value) {
	if f.parent != nil {
		f.child = f.parent.child
	}
	a, _ := v.([]value.Value)
	if len(a) < 3 || f.parent == nil || f.parent.fanOut() == nil {
		return
	}
	fo := f.parent.fanOut()
	arn, _ := a[0].(string)
	f.child = &child{arn: arn, nextID: intOf(a[1]), started: timeOf(a[2]), open: f.phase != phDone,
		mapRun: fo.mapRun, parentArn: f.parent.executionArn()}
	if len(a) > 3 { // snapshots taken before the input was kept have none
		f.child.execInput = a[3]
	}
	if len(a) > 4 {
		f.child.redrives = int(intOf(a[4]))
	}
}

// Source returns the text of the definition the execution runs, which its
// child executions run too.
func (x *Execution) Source() string { return x.prog.def.Source }
