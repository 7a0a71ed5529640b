package engine

import (
	"errors"
	"fmt"
	"github.com/stepwisehq/stepwise/expr"
	"math"
	"time"

	"github.com/stepwisehq/stepwise/asl"
	"github.com/stepwisehq/stepwise/value"
)

func (f *frame) pass(s *asl.Pass) {
	if f.jsonata() {
		f.passJSONata(s)
		return
	}
	if s.HasResult {
		f.x.test.record("result", s.Result)
		f.finishJSONPath(s.Result, false)
		return
	}
	eff, err := f.effectiveInput()
	if err != nil {
		f.evalFailed(err)
		return
	}
	f.finishJSONPath(eff, false)
}

// finishJSONPath applies ResultSelector (when selector), ResultPath,
// OutputPath and Assign to a result, and moves to the exit.
func (f *frame) finishJSONPath(result value.Value, selector bool) {
	if err := f.assignPath(result); err != nil {
		f.evalFailed(err)
		return
	}
	out, err := f.applyResult(result, selector)
	if err != nil {
		f.evalFailed(err)
		return
	}
	f.done(out, f.base().Next)
}

// passThrough is the output of states that only filter their input:
// InputPath, then OutputPath.
func (f *frame) passThrough() (value.Value, error) {
	in, err := f.applyInputPath()
	if err != nil {
		return nil, err
	}
	return f.applyOutputPath(in)
}

func (f *frame) succeed(*asl.Succeed) {
	if f.jsonata() {
		f.outputJSONata(f.input, "")
		return
	}
	out, err := f.passThrough()
	if err != nil {
		f.evalFailed(err)
		return
	}
	f.done(out, "")
}

func (f *frame) failState(s *asl.Fail) {
	if !f.jsonata() {
		f.x.test.record("afterInputPath", f.input)
	}
	fl := &Failure{Error: s.Error, Cause: s.Cause, HasError: s.Error != "", HasCause: s.Cause != ""}
	if f.jsonata() {
		if err := f.failJSONata(s, fl); err != nil {
			f.evalFailed(err)
			return
		}
	} else if err := f.failPaths(s, fl); err != nil {
		f.evalFailed(err)
		return
	}
	f.propagate(fl)
}

func (f *frame) failPaths(s *asl.Fail, fl *Failure) error {
	env := f.env(f.input)
	if s.ErrorPath != nil {
		v, err := s.ErrorPath.Select(env)
		if err != nil {
			return err
		}
		fl.Error, fl.HasError = stringOf(v), true
	}
	if s.CausePath != nil {
		v, err := s.CausePath.Select(env)
		if err != nil {
			return err
		}
		fl.Cause, fl.HasCause = stringOf(v), true
	}
	return nil
}

func stringOf(v value.Value) string {
	if s, ok := v.(string); ok {
		return s
	}
	return value.String(v)
}

func (f *frame) choice(s *asl.Choice) {
	if f.jsonata() {
		f.choiceJSONata(s)
		return
	}
	in, err := f.applyInputPath()
	if err != nil {
		f.evalFailed(err)
		return
	}
	env := f.env(in)
	for i := range s.Choices {
		rule := &s.Choices[i]
		ok, err := evalCondition(rule.Condition, env)
		if err != nil {
			f.evalFailed(err)
			return
		}
		if ok {
			f.choose(rule.Next, in, rule.AssignPath)
			return
		}
	}
	if s.Default == "" {
		f.raise(newFailure(asl.ErrNoChoiceMatched, "No Matches!"))
		return
	}
	f.choose(s.Default, in, s.AssignPath)
}

func (f *frame) choose(next string, in value.Value, assign assignTemplate) {
	if assign != nil {
		if err := f.assignWith(assign, in); err != nil {
			f.evalFailed(err)
			return
		}
	}
	out, err := f.applyOutputPath(in)
	if err != nil {
		f.evalFailed(err)
		return
	}
	f.done(out, next)
}

// maxWait is the longest Wait AWS accepts: a year.
const maxWait = 366 * 24 * time.Hour

func (f *frame) wait(s *asl.Wait) {
	if f.jsonata() {
		f.waitJSONata(s)
		return
	}
	in, err := f.applyInputPath()
	if err != nil {
		f.evalFailed(err)
		return
	}
	until, err := f.waitUntil(s, in)
	if err != nil {
		f.evalFailed(err)
		return
	}
	out, err := f.applyOutputPath(in)
	if err != nil {
		f.evalFailed(err)
		return
	}
	f.sleep(until, out)
}

// sleep blocks the frame until the given time, then exits with out.
func (f *frame) sleep(until time.Time, out value.Value) {
	if until.Sub(f.x.now) > maxWait {
		f.failHard(Failed, newFailure(asl.ErrRuntime, f.prefix()+"Wait state delay is too long."))
		return
	}
	f.output, f.next = out, f.base().Next
	f.phase = phBlocked
	f.x.startTimer(f, opWait, until)
}

func (f *frame) waitUntil(s *asl.Wait, in value.Value) (time.Time, error) {
	switch {
	case s.HasSeconds:
		return f.x.now.Add(time.Duration(s.Seconds) * time.Second), nil
	case s.Timestamp != "":
		t, _ := asl.ParseTimestamp(s.Timestamp)
		return t, nil
	case s.SecondsPath != nil:
		return f.secondsPath(s, in)
	}
	return f.timestampPath(s, in)
}

func (f *frame) secondsPath(s *asl.Wait, in value.Value) (time.Time, error) {
	v, err := s.SecondsPath.Select(f.env(in))
	if err != nil {
		return time.Time{}, noInputValue(err, "SecondsPath", s.SecondsPath)
	}
	n, ok := v.(value.Number)
	secs, isInt := n.Int64()
	if !ok || !isInt || !n.IsIntegerText() && n.Float64() != math.Trunc(n.Float64()) {
		return time.Time{}, runtimeError("The SecondsPath parameter cannot be parsed as a long value: %s == %s", s.SecondsPath, value.String(v))
	}
	if secs < 0 {
		return time.Time{}, runtimeError("The SecondsPath parameter references a negative value: %s == %s", s.SecondsPath, value.String(v))
	}
	return f.x.now.Add(time.Duration(secs) * time.Second), nil
}

func (f *frame) timestampPath(s *asl.Wait, in value.Value) (time.Time, error) {
	v, err := s.TimestampPath.Select(f.env(in))
	if err != nil {
		return time.Time{}, noInputValue(err, "TimestampPath", s.TimestampPath)
	}
	str, ok := v.(string)
	t, perr := asl.ParseTimestamp(str)
	if !ok || perr != nil {
		return time.Time{}, runtimeError("The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: %s == %s", s.TimestampPath, stringOf(v))
	}
	return t, nil
}

// noInputValue is how AWS reports a Wait state's path that selects
// nothing: "The SecondsPath parameter does not reference an input value".
// Other errors stay as they are.
func noInputValue(err error, field string, path fmt.Stringer) error {
	var ee *expr.Error
	if errors.As(err, &ee) && ee.Name == asl.ErrRuntime {
		return runtimeError("The %s parameter does not reference an input value: %s", field, path)
	}
	return err
}
