package engine

import (
	"fmt"
	"strings"
	"time"

	"github.com/stepwisehq/stepwise/asl"
	"github.com/stepwisehq/stepwise/expr"
	"github.com/stepwisehq/stepwise/history"
	"github.com/stepwisehq/stepwise/value"
)

// fanOut tracks the child frames of a running Parallel or Map state.
type fanOut struct {
	kids    []*frame
	results []value.Value
	pending int // children started and not yet ended

	// Map only
	items     []value.Value
	input     value.Value // the Map's effective input, for ItemSelector
	nextItem  int
	window    int // MaxConcurrency; 0 means all at once
	failed    int
	tolerance tolerance

	mapRun      string // a distributed Map's run ARN
	mapRunStart time.Time
	maxItems    int       // ItemReader's MaxItems; 0 for all
	reader      *TaskCall // the ItemReader's read or ResultWriter's write, while it runs

	writerParams value.Value // ResultWriter's evaluated parameters
	writeStep    int         // 0: writing the results; 1: the manifest
	written      bool
	writerOut    value.Value // the Map's result once written

	length   int       // MapStateStarted's length: the items before batching
	redo     []*frame  // children a redrive runs again, waiting for room in the window
	redrives int       // how many times the Map Run was redriven
	redriven time.Time // when, the last time
	// counted is set while the Map Run's counters changed in the current
	// step and are to be recorded at its end (Execution.countMapRuns).
	counted bool
	// whole is set on a fan-out restored from a snapshot that did not keep
	// its failed children: a redrive runs its state again as a whole.
	whole bool
}

func (f *frame) parallel(s *asl.Parallel) {
	if fo := f.kept; fo != nil { // redriven: the branches that did not succeed run again
		f.emit(history.ParallelStateStarted)
		f.resumeParallel(fo)
		return
	}
	var in value.Value
	var err error
	if f.jsonata() {
		in, err = evalOr(f.base().Arguments, f.statesVar(), f.input)
	} else {
		in, err = f.parallelInput()
	}
	if err != nil {
		f.evalFailed(err)
		return
	}
	f.emit(history.ParallelStateStarted)
	if m := f.mocked(); m != nil {
		f.mockFanOut(m, len(s.Branches))
		return
	}
	fo := &fanOut{results: make([]value.Value, len(s.Branches)), pending: len(s.Branches)}
	f.par = fo
	f.phase = phBlocked
	for i, b := range s.Branches {
		kid := f.x.newFrame(b, f, in)
		kid.kind, kid.index, kid.last = branchFrame, i, f.last
		fo.kids = append(fo.kids, kid)
	}
	if len(s.Branches) == 0 {
		f.fanOutDone()
	}
}

// parallelInput is a Parallel's effective input (InputPath, Parameters),
// which TestState does not inspect.
func (f *frame) parallelInput() (value.Value, error) {
	in, err := f.inputPath()
	if err != nil {
		return nil, err
	}
	if t := f.base().Parameters; t != nil {
		return t.Eval(f.env(in))
	}
	return in, nil
}

// childDone is called when a child frame's machine succeeds.
func (f *frame) childDone(kid *frame) {
	fo := f.par
	fo.results[kid.index] = kid.output
	fo.pending--
	if kid.kind == iterationFrame {
		f.iterationEnded(kid, nil)
		f.startIterations(kid.last)
	} else {
		f.last = kid.last
	}
	f.maybeDone()
}

// maybeDone finishes the state once every child has ended.
func (f *frame) maybeDone() {
	if fo := f.par; fo != nil && fo.pending == 0 && fo.nextItem >= len(fo.items) && len(fo.redo) == 0 {
		f.fanOutDone()
	}
}

// fanOutDone finishes a Parallel or Map state whose children all succeeded.
func (f *frame) fanOutDone() {
	t := history.ParallelStateSucceeded
	if m, isMap := f.st.(*asl.Map); isMap {
		if f.startWriter(m) {
			return // the Map ends when its results are written
		}
		t = history.MapStateSucceeded
		if f.distributed() {
			f.emit(history.MapRunSucceeded)
			f.mapRunChanged(Succeeded)
		}
	}
	last := f.last
	f.emit(t)
	f.last = last // AWS chains the exit to the event before this one
	fo := f.par
	f.par = nil
	if fo.writerOut != nil {
		f.finishResult(fo.writerOut)
		return
	}
	f.finishChildren(fo.results)
}

func (f *frame) finishChildren(results []value.Value) { f.finishResult(results) }

// finishResult ends a Parallel or Map state with its result.
func (f *frame) finishResult(result value.Value) {
	if f.jsonata() {
		f.taskResultJSONata(result)
		return
	}
	f.finishJSONPath(result, true)
}

// childFailed is called when a child frame's machine fails. A Map within
// its failure tolerance goes on; otherwise the state fails: it is retried
// when a Retrier matches (AWS then records no state failure event), or else
// records its failure and goes to a Catcher or fails its own frame.
func (f *frame) childFailed(kid *frame, fl *Failure) {
	fo := f.par
	fo.pending--
	if !kid.ownsChild() {
		f.last = kid.last
	}
	if kid.kind == iterationFrame {
		fo.failed++
		f.iterationEnded(kid, fl)
		if !fl.terminal && fo.tolerance.allows(fo.failed, len(fo.items)) {
			fo.results[kid.index] = fl.output()
			f.startIterations(kid.last)
			f.maybeDone()
			return
		}
	}
	if f.distributed() && !fl.terminal {
		fl = newFailure(asl.ErrExceedToleratedFail, "The specified tolerated failure threshold was exceeded")
	}
	f.fanOutFailed(kid.kind, fl)
	if f.phase == phDone {
		f.kept = fo // the failure ended the frame: RedriveExecution resumes the state
	}
}

// fanOutFailed fails the running Parallel or Map state: it is retried when
// a Retrier matches (AWS then records no state failure event), or else
// records its failure and goes to a Catcher or fails its own frame.
func (f *frame) fanOutFailed(kind frameKind, fl *Failure) {
	f.abortChildren()
	f.par.settleRedo()
	f.mapRunChanged(Failed)
	f.par = nil
	if fl.terminal {
		f.recordFanOutFailure(kind, fl)
		f.propagate(fl)
		return
	}
	if f.retry(f.base().Retry, fl) {
		return
	}
	f.recordFanOutFailure(kind, fl)
	f.catchOrPropagate(fl)
}

func (f *frame) recordFanOutFailure(kind frameKind, fl *Failure) {
	if kind != iterationFrame {
		f.emit(history.ParallelStateFailed)
		return
	}
	if f.distributed() {
		if e := f.emit(history.MapRunFailed); e != nil {
			e.Error, e.HasError, e.Cause, e.HasCause = fl.Error, true, fl.Cause, true
		}
	}
	f.emit(history.MapStateFailed)
}

// abortChildren stops every child that is still running; a child
// execution of a distributed Map ends ABORTED, as a stopped execution.
func (f *frame) abortChildren() {
	for _, k := range f.par.kids {
		switch {
		case k.phase == phDone:
		case k.ownsChild():
			k.stop()
			f.endChild(k, Result{Status: Aborted})
		default:
			k.abort()
		}
	}
}

// abort stops a frame and its descendants, recording that the state it
// was running was aborted.
func (f *frame) abort() {
	if f.par != nil {
		f.abortChildren()
	}
	if f.phase == phBlocked {
		if t := abortedType[f.base().Type]; t != history.TypeInvalid {
			f.emit(t)
		}
	}
	f.phase = phDone
	f.x.cancelOps(f)
}

var abortedType = [...]history.Type{
	asl.TypeTask: history.TaskStateAborted, asl.TypeWait: history.WaitStateAborted,
	asl.TypeParallel: history.ParallelStateAborted, asl.TypeMap: history.MapStateAborted,
	asl.TypePass: history.TypeInvalid, asl.TypeChoice: history.TypeInvalid,
	asl.TypeSucceed: history.TypeInvalid, asl.TypeFail: history.TypeInvalid,
}

func (f *frame) mapState(s *asl.Map) {
	if fo := f.kept; fo != nil { // redriven: the iterations that did not succeed run again
		f.resumeMap(fo)
		return
	}
	in, items, err := f.mapItems(s)
	if err != nil {
		f.evalFailed(err)
		return
	}
	fo := &fanOut{items: items, input: in, results: make([]value.Value, len(items)), length: len(items)}
	if fo.window, err = f.mapConcurrency(s, in); err != nil {
		f.evalFailed(err)
		return
	}
	f.x.test.record("maxConcurrency", num(int64(fo.window)))
	if e := f.emit(history.MapStateStarted); e != nil {
		e.Length = len(items)
	}
	if fo.tolerance, err = f.mapTolerance(s, in); err != nil {
		f.evalFailed(err)
		return
	}
	f.par = fo
	if f.distributed() {
		fo.mapRun, fo.mapRunStart = f.mapRunArn(s), f.x.now
		if e := f.emit(history.MapRunStarted); e != nil {
			e.MapRunArn = fo.mapRun
		}
		f.mapRunChanged(Running)
	}
	f.phase = phBlocked
	if m := f.mocked(); m != nil {
		f.mockFanOut(m, len(items))
		return
	}
	if s.Reader != nil {
		f.startReader(s.Reader, in)
		return
	}
	if s.Batcher != nil {
		if fo.items, err = f.batchItems(s, items); err != nil {
			f.evalFailed(err)
			return
		}
		fo.results = make([]value.Value, len(fo.items))
	}
	f.startIterations(f.last)
	if len(items) == 0 {
		f.fanOutDone()
	}
}

// startIterations starts as many iterations as the concurrency window
// allows, chaining their first event to prev: in a redrive, first those
// that run again, then the items not yet started.
func (f *frame) startIterations(prev int64) {
	fo := f.par
	s := f.st.(*asl.Map)
	for fo.window == 0 || fo.pending < fo.window {
		var ok bool
		switch {
		case len(fo.redo) > 0:
			kid := fo.redo[0]
			fo.redo = fo.redo[1:]
			ok = f.redriveKid(kid, prev)
		case fo.nextItem < len(fo.items):
			fo.nextItem++
			ok = f.startIteration(s, fo.nextItem-1, prev)
		default:
			return
		}
		if !ok {
			return
		}
	}
}

// startIteration starts iteration i of the running Map. It reports false
// when the iteration's input could not be evaluated, which fails the Map.
func (f *frame) startIteration(s *asl.Map, i int, prev int64) bool {
	fo := f.par
	in, err := f.itemInput(s, i)
	if err != nil {
		f.iterationInputFailed(err)
		return false
	}
	kid := f.x.newFrame(s.Processor, f, in)
	kid.kind, kid.index, kid.last = iterationFrame, i, prev
	switch {
	case f.startsChildren(s):
		f.startChild(kid, in)
	case s.Mode == asl.Distributed:
		kid.quiet, kid.child = true, nil
	default:
		f.iterationStarted(kid)
	}
	fo.kids = append(fo.kids, kid)
	fo.pending++
	f.mapRunCounted()
	return true
}

// iterationStarted records the start of an inline Map's iteration.
func (f *frame) iterationStarted(kid *frame) {
	if e := kid.emit(history.MapIterationStarted); e != nil {
		e.Name, e.Index = f.base().Name, kid.index
	}
}

// iterationInputFailed fails the running Map whose iteration's input
// (ItemSelector) could not be evaluated.
func (f *frame) iterationInputFailed(err error) {
	f.abortChildren()
	f.par = nil
	f.evalFailed(err)
}

// iterationEnded records the end of an iteration (failed with fl, or
// succeeded when fl is nil), chained to its last event. AWS chains what
// follows a success to the success event, and what follows a failure to
// the iteration's last event. A child execution ends instead.
func (f *frame) iterationEnded(kid *frame, fl *Failure) {
	f.mapRunCounted()
	if kid.ownsChild() {
		r := Result{Status: Succeeded, Output: kid.output}
		if fl != nil {
			r = failureResult(Failed, fl)
		}
		f.endChild(kid, r)
		return
	}
	if kid.quiet {
		return
	}
	t := history.MapIterationSucceeded
	if fl != nil {
		t = history.MapIterationFailed
	}
	if e := f.emitAt(t, kid.last); e != nil {
		e.Name, e.Index = f.base().Name, kid.index
	}
	if fl != nil {
		f.last = kid.last
	}
}

// distributed reports whether the current state is a distributed Map, whose
// iterations run as child executions of its Map Run.
func (f *frame) distributed() bool {
	m, ok := f.st.(*asl.Map)
	return ok && m.Mode == asl.Distributed
}

// mapItems returns the Map's effective input and the items it iterates.
func (f *frame) mapItems(s *asl.Map) (value.Value, []value.Value, error) {
	if s.Reader != nil {
		return f.readerInput()
	}
	if f.jsonata() {
		return f.mapItemsJSONata(s)
	}
	in, err := f.applyInputPath()
	if err != nil {
		return nil, nil, err
	}
	items := in
	if s.ItemsPath != nil {
		if items, err = s.ItemsPath.Select(f.env(in)); err != nil {
			return nil, nil, err
		}
	}
	arr, ok := items.([]value.Value)
	if !ok {
		path := "$"
		if s.ItemsPath != nil {
			// AWS names a context path from the context's root: "$$.a" as "$.a".
			if path = s.ItemsPath.String(); strings.HasPrefix(path, "$$") {
				path = path[1:]
			}
		}
		return nil, nil, expr.Errorf(expr.ErrRuntime, "Reference path \"%s\" must point to array.", path)
	}
	if s.ItemsPath != nil {
		f.x.test.record("afterItemsPath", items)
	}
	return in, arr, nil
}

// readerInput is the effective input of a Map whose items an ItemReader
// reads: they come later, when the reader has run.
func (f *frame) readerInput() (value.Value, []value.Value, error) {
	if f.jsonata() {
		return f.input, nil, nil
	}
	in, err := f.applyInputPath()
	return in, nil, err
}

// itemInput is the input of iteration i: the item, or ItemSelector's
// result with $$.Map.Item set.
func (f *frame) itemInput(s *asl.Map, i int) (value.Value, error) {
	fo := f.par
	item := fo.items[i]
	if s.ItemSelector == nil && s.ItemSelectorJ == nil {
		return item, nil
	}
	saved := f.item
	f.item = &mapItem{index: i, value: item}
	defer func() { f.item = saved }()
	if s.ItemSelectorJ != nil {
		return s.ItemSelectorJ.Eval(f.statesVar())
	}
	return s.ItemSelector.Eval(f.env(fo.input))
}

// mapRunArn names a distributed Map's run as AWS does:
// arn:aws:states:REGION:ACCOUNT:mapRun:STATEMACHINE/LABEL:ID.
func (f *frame) mapRunArn(s *asl.Map) string {
	label := s.Label
	if label == "" {
		label = s.Name
	}
	o := f.x.prog.opts
	machine := f.x.Meta.StateMachineName
	if f.child != nil {
		machine = f.child.machineName() // a Map Run of a child execution
	}
	return fmt.Sprintf("arn:aws:states:%s:%s:mapRun:%s/%s:%s", o.Region, o.Account, machine, label, f.x.ids.NewID())
}
