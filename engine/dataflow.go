package engine

import (
	"errors"
	"fmt"
	"github.com/stepwisehq/stepwise/history"

	"github.com/stepwisehq/stepwise/asl"
	"github.com/stepwisehq/stepwise/expr"
	"github.com/stepwisehq/stepwise/value"
)

// env returns what JSONPath expressions of the current state read, with
// input as "$".
//
// The Env is the frame's own, reused for every evaluation (the engine runs
// one step at a time), so that evaluating a path allocates nothing.
func (f *frame) env(input value.Value) *expr.Env {
	if f.envBuf.Context == nil {
		f.envBuf.Context, f.envBuf.Var = f.contextObject, f.vars.lookup
	}
	f.envBuf.Input = input
	return &f.envBuf
}

// applyInputPath returns the state's input after InputPath.
func (f *frame) applyInputPath() (value.Value, error) {
	v, err := f.inputPath()
	if err == nil && f.x.test != nil {
		f.x.test.record("afterInputPath", v)
	}
	return v, err
}

func (f *frame) inputPath() (value.Value, error) {
	p := f.base().InputPath
	switch {
	case p == nil:
		return f.input, nil
	case p.Null:
		return value.NewObject(nil), nil
	}
	return p.Path.Select(f.env(f.input))
}

// applyParameters returns the effective input: InputPath, then Parameters.
func (f *frame) effectiveInput() (value.Value, error) {
	in, err := f.applyInputPath()
	if err != nil {
		return nil, err
	}
	if t := f.base().Parameters; t != nil {
		if in, err = t.Eval(f.env(in)); err != nil {
			return nil, err
		}
	}
	f.x.test.record("afterParameters", in)
	return in, nil
}

// applyResult combines a result with the state's raw input (ResultSelector,
// ResultPath) and applies OutputPath.
func (f *frame) applyResult(result value.Value, selector bool) (value.Value, error) {
	b := f.base()
	var err error
	if selector && b.ResultSelector != nil {
		if result, err = b.ResultSelector.Eval(f.env(result)); err != nil {
			return nil, err
		}
	}
	f.x.test.record("afterResultSelector", result)
	out, err := resultPath(b.ResultPath, f.input, result)
	if err != nil {
		return nil, err
	}
	f.x.test.record("afterResultPath", out)
	return f.applyOutputPath(out)
}

func resultPath(rp *asl.ResultPathField, input, result value.Value) (value.Value, error) {
	switch {
	case rp == nil:
		return result, nil
	case rp.Null:
		return input, nil
	}
	return rp.Path.Apply(input, result)
}

func (f *frame) applyOutputPath(out value.Value) (value.Value, error) {
	p := f.base().OutputPath
	switch {
	case p == nil:
		return out, nil
	case p.Null:
		return value.NewObject(nil), nil
	}
	return p.Path.Select(f.env(out))
}

// prefix is how AWS introduces an error raised while running a state; a
// state under TestState, which has no history, gets none.
func (f *frame) prefix() string {
	if f.x.test != nil && f.parent == nil {
		return ""
	}
	return fmt.Sprintf("An error occurred while executing the state '%s' (entered at the event id #%d). ",
		f.base().Name, f.enteredID)
}

// evalFailed turns an expression error into the state's failure. Runtime
// errors end the execution (the child execution, in a distributed Map's
// run); others go through Retry and Catch.
func (f *frame) evalFailed(err error) {
	fl, loc := f.evalFailure(err)
	switch fl.Error {
	case asl.ErrRuntime, asl.ErrDataLimitExceeded:
		f.failHard(Failed, fl)
	case asl.ErrQueryEvaluation:
		f.queryFailed(fl, loc)
	default:
		f.raise(fl)
	}
}

// queryFailed handles a JSONata evaluation failure as AWS does: an
// EvaluationFailed event, then the failure ends the frame and every
// enclosing Map or Parallel, with no Retry or Catch, up to the execution
// (or the child execution of a distributed Map's run) it happens in.
func (f *frame) queryFailed(fl *Failure, loc string) {
	prev := f.enteredPrev
	if _, isWait := f.st.(*asl.Wait); isWait {
		prev = f.enteredID
	}
	if e := f.emitAt(history.EvaluationFailed, prev); e != nil {
		e.Error, e.HasError, e.Cause, e.HasCause = fl.Error, true, fl.Cause, true
		e.Location, e.State = loc, f.base().Name
	}
	fl.terminal = true
	switch f.st.(type) {
	case *asl.Map:
		f.emit(history.MapStateFailed)
	case *asl.Parallel:
		f.emit(history.ParallelStateFailed)
	}
	f.propagate(fl)
}

// catchFailed handles an expression error raised while a Catcher passes an
// error on: it ends the execution (or the child execution), since catching
// it again would loop.
func (f *frame) catchFailed(err error) {
	fl, loc := f.evalFailure(err)
	if fl.Error == asl.ErrQueryEvaluation {
		f.queryFailed(fl, loc)
		return
	}
	f.failHard(Failed, fl)
}

func (f *frame) evalFailure(err error) (*Failure, string) {
	var ee *expr.Error
	if !errors.As(err, &ee) {
		ee = &expr.Error{Name: asl.ErrRuntime, Cause: err.Error()}
	}
	return newFailure(ee.Name, f.prefix()+ee.Cause), ee.Location
}
