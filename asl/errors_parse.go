package asl

import (
	"github.com/stepwisehq/stepwise/value"
)

func (r *stateReader) elements(name string) []*fields {
	arr, ok := r.f.array(name)
	if !ok {
		return nil
	}
	out := make([]*fields, 0, len(arr))
	for i, e := range arr {
		loc := r.loc + "/" + name + "[" + itoa(i) + "]"
		obj, isObj := e.(*value.Object)
		if !isObj {
			r.p.ds.schema(loc, "The value must be an OBJECT")
			continue
		}
		out = append(out, newFields(obj, loc, &r.p.ds))
	}
	return out
}

func (r *stateReader) retriers() []Retrier {
	var out []Retrier
	for _, f := range r.elements("Retry") {
		rt := Retrier{IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2}
		rt.ErrorEquals = errorEquals(f)
		if n, ok := f.integer("IntervalSeconds"); ok {
			rt.IntervalSeconds = n
			if n < 1 {
				f.ds.schema(f.loc+"/IntervalSeconds", "The value for the field 'IntervalSeconds' must be greater than 0")
			}
		}
		if n, ok := f.integer("MaxAttempts"); ok {
			rt.MaxAttempts = n
			if n < 0 {
				f.ds.schema(f.loc+"/MaxAttempts", "The value for the field 'MaxAttempts' must be greater than or equal to 0")
			}
		}
		if b, ok := f.number("BackoffRate"); ok {
			rt.BackoffRate = b
			if b < 1 {
				f.ds.schema(f.loc+"/BackoffRate", "The value for the field 'BackoffRate' must be greater than or equal to 1.0")
			}
		}
		if n, ok := f.integer("MaxDelaySeconds"); ok {
			rt.MaxDelaySeconds = n
		}
		if s, ok := f.str("JitterStrategy"); ok {
			switch s {
			case "FULL":
				rt.Jitter = JitterFull
			case "NONE":
			default:
				f.ds.schema(f.loc+"/JitterStrategy", "The value for the field 'JitterStrategy' must be one of [FULL, NONE]")
			}
		}
		f.ignore("Comment")
		f.unsupported()
		out = append(out, rt)
	}
	checkAllLast(r, "Retry", retrierErrors(out))
	return out
}

func retrierErrors(rs []Retrier) [][]string {
	out := make([][]string, len(rs))
	for i, r := range rs {
		out[i] = r.ErrorEquals
	}
	return out
}

func (r *stateReader) catchers() []Catcher {
	var out []Catcher
	for _, f := range r.elements("Catch") {
		c := Catcher{ErrorEquals: errorEquals(f)}
		c.Next, _ = f.requiredStr("Next")
		if r.jsonata() {
			if v, ok := f.get("Output"); ok {
				c.Output = r.compileTemplate("Output", v)
			}
		} else {
			c.ResultPath = readResultPath(f, f.loc, "ResultPath")
		}
		if v, ok := f.get("Assign"); ok {
			if r.jsonata() {
				c.Assign = r.compileTemplate("Assign", v)
			} else {
				c.AssignPath = r.payloadTemplate("Assign", v)
			}
		}
		f.ignore("Comment")
		f.unsupported()
		out = append(out, c)
	}
	checkAllLast(r, "Catch", catcherErrors(out))
	return out
}

func catcherErrors(cs []Catcher) [][]string {
	out := make([][]string, len(cs))
	for i, c := range cs {
		out[i] = c.ErrorEquals
	}
	return out
}

func errorEquals(f *fields) []string {
	if !f.has("ErrorEquals") {
		f.ds.schema(f.loc, "The field 'ErrorEquals' is required but was missing")
		return nil
	}
	names, ok := f.strings("ErrorEquals")
	if ok && len(names) == 0 {
		f.ds.schema(f.loc+"/ErrorEquals", "The field 'ErrorEquals' must not be empty")
	}
	for _, n := range names {
		if n == ErrAll && len(names) > 1 {
			f.ds.schema(f.loc+"/ErrorEquals", "The value 'States.ALL' must appear alone in 'ErrorEquals'")
		}
	}
	return names
}

// checkAllLast reports a States.ALL that is not in the last element.
func checkAllLast(r *stateReader, field string, lists [][]string) {
	for i, l := range lists {
		for _, n := range l {
			if n == ErrAll && i != len(lists)-1 {
				r.p.ds.schema(r.loc+"/"+field, "States.ALL must be the last element in '%s'", field)
			}
		}
	}
}

// ASL's predefined error names.
const (
	ErrAll                  = "States.ALL"
	ErrHeartbeatTimeout     = "States.HeartbeatTimeout"
	ErrTimeout              = "States.Timeout"
	ErrTaskFailed           = "States.TaskFailed"
	ErrPermissions          = "States.Permissions"
	ErrResultPathMatch      = "States.ResultPathMatchFailure"
	ErrParameterPathFailure = "States.ParameterPathFailure"
	ErrBranchFailed         = "States.BranchFailed"
	ErrNoChoiceMatched      = "States.NoChoiceMatched"
	ErrIntrinsicFailure     = "States.IntrinsicFailure"
	ErrExceedToleratedFail  = "States.ExceedToleratedFailureThreshold"
	ErrItemReaderFailed     = "States.ItemReaderFailed"
	ErrResultWriterFailed   = "States.ResultWriterFailed"
	ErrRuntime              = "States.Runtime"
	ErrDataLimitExceeded    = "States.DataLimitExceeded"
	ErrQueryEvaluation      = "States.QueryEvaluationError"
)

// Matches reports whether an error name matches an ErrorEquals list:
// States.ALL matches every error but the terminal States.Runtime (a
// DataLimitExceeded that reaches a Catcher is a task's, which AWS lets
// States.ALL catch); States.TaskFailed matches every error but
// States.Timeout, States.Runtime and States.DataLimitExceeded.
func Matches(list []string, name string) bool {
	for _, want := range list {
		switch want {
		case name:
			return true
		case ErrAll:
			if name != ErrRuntime {
				return true
			}
		case ErrTaskFailed:
			if name != ErrTimeout && name != ErrRuntime && name != ErrDataLimitExceeded {
				return true
			}
		}
	}
	return false
}
