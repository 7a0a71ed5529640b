package engine

import (
	"github.com/stepwisehq/stepwise/asl"
	"github.com/stepwisehq/stepwise/expr/jtemplate"
	"github.com/stepwisehq/stepwise/history"
	"github.com/stepwisehq/stepwise/value"
)

func (f *frame) jsonata() bool { return f.base().QueryLanguage == asl.JSONata }

// statesVar builds $states for a JSONata expression of the current state.
func (f *frame) statesVar(extra ...value.Member) *jtemplate.Env {
	ms := make([]value.Member, 0, 2+len(extra))
	ms = append(ms, value.Member{Key: "input", Value: f.input})
	ms = append(ms, value.Member{Key: "context", Value: f.contextObject()})
	ms = append(ms, extra...)
	env := &jtemplate.Env{States: value.NewObject(ms), Var: f.vars.lookup, Now: f.x.now}
	if f.x.ids != nil {
		env.Rand = f.x.ids.Float
	}
	return env
}

func resultMember(v value.Value) value.Member { return value.Member{Key: "result", Value: v} }
func errorMember(v value.Value) value.Member  { return value.Member{Key: "errorOutput", Value: v} }
func evalOr(t *jtemplate.Template, env *jtemplate.Env, def value.Value) (value.Value, error) {
	if t == nil {
		return def, nil
	}
	return t.Eval(env)
}

// outputJSONata evaluates Assign and Output (default: def) and moves to
// next.
func (f *frame) outputJSONataWith(env *jtemplate.Env, def value.Value, next string, assign, output *jtemplate.Template) {
	vars, err := f.evalAssign(assign, env)
	if err != nil {
		f.evalFailed(err)
		return
	}
	out, err := evalOr(output, env, def)
	if err != nil {
		f.evalFailed(err)
		return
	}
	f.commitAssign(vars)
	f.done(out, next)
}

func (f *frame) outputJSONata(def value.Value, next string) {
	b := f.base()
	f.outputJSONataWith(f.statesVar(), def, next, b.Assign, b.Output)
}

func (f *frame) passJSONata(*asl.Pass) { f.outputJSONata(f.input, f.base().Next) }

func (f *frame) failJSONata(s *asl.Fail, fl *Failure) error {
	env := f.statesVar()
	if s.ErrorExpr != nil {
		v, err := s.ErrorExpr.Eval(env)
		if err != nil {
			return err
		}
		fl.Error, fl.HasError = stringOf(v), true
	}
	if s.CauseExpr != nil {
		v, err := s.CauseExpr.Eval(env)
		if err != nil {
			return err
		}
		fl.Cause, fl.HasCause = stringOf(v), true
	}
	return nil
}

func (f *frame) choiceJSONata(s *asl.Choice) {
	env := f.statesVar()
	for i := range s.Choices {
		rule := &s.Choices[i]
		v, err := rule.Expr.Eval(env)
		if err != nil {
			f.evalFailed(err)
			return
		}
		if b, ok := v.(bool); ok && b {
			f.outputJSONataWith(env, f.input, rule.Next, rule.Assign, rule.Output)
			return
		}
	}
	if s.Default == "" {
		f.raise(newFailure(asl.ErrNoChoiceMatched, "No Matches!"))
		return
	}
	f.outputJSONata(f.input, s.Default)
}

func (f *frame) waitJSONata(s *asl.Wait) {
	env := f.statesVar()
	until := f.x.now
	switch {
	case s.HasSeconds:
		until = until.Add(secondsDuration(s.Seconds))
	case s.Timestamp != "":
		until, _ = asl.ParseTimestamp(s.Timestamp)
	case s.SecondsExpr != nil:
		v, err := s.SecondsExpr.Eval(env)
		n, ok := v.(value.Number)
		secs, isInt := n.Int64()
		if err == nil && (!ok || !isInt || secs < 0) {
			err = queryErrorAt("Seconds", "The JSONata expression '%s' specified for the field 'Seconds' returned an unexpected result type. Expected 'integer', but was '%s' for value: %s", s.SecondsExpr.Source(), jsonType(v), value.String(v))
		}
		if err != nil {
			f.evalFailed(err)
			return
		}
		until = until.Add(secondsDuration(secs))
	case s.TimestampExpr != nil:
		v, err := s.TimestampExpr.Eval(env)
		str, _ := v.(string)
		t, perr := asl.ParseTimestamp(str)
		if err == nil && perr != nil {
			err = queryErrorAt("Timestamp", "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: %s", stringOf(v))
		}
		if err != nil {
			f.evalFailed(err)
			return
		}
		until = t
	}
	vars, err := f.evalAssign(f.base().Assign, env)
	if err == nil {
		var out value.Value
		if out, err = evalOr(f.base().Output, env, f.input); err == nil {
			f.commitAssign(vars)
			f.sleep(until, out)
			return
		}
	}
	f.evalFailed(err)
}

func (f *frame) catchJSONata(c *asl.Catcher, errOut value.Value) {
	env := f.statesVar(errorMember(errOut))
	vars, err := f.evalAssign(c.Assign, env)
	if err != nil {
		f.catchFailed(err)
		return
	}
	out, err := evalOr(c.Output, env, errOut)
	if err != nil {
		f.catchFailed(err)
		return
	}
	f.commitAssign(vars)
	f.done(out, c.Next)
}

func (f *frame) taskResultJSONata(out value.Value) {
	b := f.base()
	f.outputJSONataWith(f.statesVar(resultMember(out)), out, b.Next, b.Assign, b.Output)
}

// evalAssign evaluates an Assign template into the variables it sets,
// without setting them yet: Assign and Output both read the old values.
func (f *frame) evalAssign(t *jtemplate.Template, env *jtemplate.Env) (*value.Object, error) {
	if t == nil {
		return nil, nil
	}
	v, err := t.Eval(env)
	if err != nil {
		return nil, err
	}
	obj, _ := v.(*value.Object)
	return obj, nil
}

// commitAssign sets the variables of an evaluated Assign and records them
// for the state's exit event.
func (f *frame) commitAssign(vars *value.Object) {
	if vars == nil {
		return
	}
	for _, m := range vars.Members() {
		f.vars.set(m.Key, m.Value)
		f.assigned = append(f.assigned, history.Var{Name: m.Key, Value: m.Value})
	}
	if f.assigned == nil {
		f.assigned = []history.Var{}
	}
}

func (f *frame) taskResource(s *asl.Task) (string, bool) {
	if s.ResourceExpr == nil {
		return s.Resource, true
	}
	v, err := s.ResourceExpr.Eval(f.statesVar())
	if err != nil {
		f.evalFailed(err)
		return "", false
	}
	return stringOf(v), true
}

func (f *frame) taskArgumentsJSONata(s *asl.Task) (value.Value, int64, int64, error) {
	env := f.statesVar()
	args, err := evalOr(f.base().Arguments, env, f.input)
	if err != nil {
		return nil, 0, 0, err
	}
	f.x.test.record("afterArguments", args)
	timeout, err := f.secondsExpr(s.TimeoutExpr, env, s.TimeoutSeconds, "TimeoutSeconds")
	if err != nil {
		return nil, 0, 0, err
	}
	heartbeat, err := f.secondsExpr(s.HeartbeatExpr, env, s.HeartbeatSeconds, "HeartbeatSeconds")
	return args, timeout, heartbeat, err
}

func (f *frame) secondsExpr(t *jtemplate.Template, env *jtemplate.Env, def int64, field string) (int64, error) {
	return f.intExpr(t, env, def, field, 1)
}

// intExpr evaluates a JSONata field that must give an integer of at least min.
func (f *frame) intExpr(t *jtemplate.Template, env *jtemplate.Env, def int64, field string, min int64) (int64, error) {
	if t == nil {
		return def, nil
	}
	v, err := t.Eval(env)
	if err != nil {
		return 0, err
	}
	n, ok := v.(value.Number)
	i, isInt := n.Int64()
	if !ok || !isInt || i < min {
		return 0, queryError("The JSONata expression '%s' specified for the field '%s' returned an unexpected result type. Expected 'integer', but was '%s' for value: %s", t.Source(), field, jsonType(v), value.String(v))
	}
	return i, nil
}
