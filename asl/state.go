package asl

import (
	"github.com/stepwisehq/stepwise/value"
)

// stateReader reads one state's object.
type stateReader struct {
	p    *parser
	f    *fields
	loc  string
	base Base
}

func (p *parser) state(name string, obj *value.Object, loc string, ql QueryLanguage) State {
	if len(name) > 80 {
		p.ds.schema(loc, "State name '%s' exceeds the maximum length of 80 characters", name)
	}
	f := newFields(obj, loc, &p.ds)
	r := &stateReader{p: p, f: f, loc: loc}
	r.base.Name = name
	typ, ok := f.requiredStr("Type")
	if !ok {
		return nil
	}
	t, known := parseStateType(typ)
	if !known {
		p.ds.schema(loc+"/Type", "The value for the field 'Type' must be one of [Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map]")
		return nil
	}
	r.base.Type = t
	r.base.Comment, _ = f.str("Comment")
	r.base.QueryLanguage = p.queryLanguage(f, ql, loc)
	st := r.read(t)
	f.unsupported()
	return st
}

func (r *stateReader) read(t StateType) State {
	switch t {
	case TypePass:
		return r.pass()
	case TypeTask:
		return r.task()
	case TypeChoice:
		return r.choice()
	case TypeWait:
		return r.wait()
	case TypeSucceed:
		r.io(false)
		return &Succeed{Base: r.base}
	case TypeFail:
		return r.fail()
	case TypeParallel:
		return r.parallel()
	}
	return r.mapState()
}

func (r *stateReader) jsonata() bool { return r.base.QueryLanguage == JSONata }

// transition reads Next or End.
func (r *stateReader) transition() {
	next, hasNext := r.f.str("Next")
	end, hasEnd := r.f.boolean("End")
	switch {
	case hasNext && hasEnd && end:
		r.p.ds.schema(r.loc, "Only one of 'Next' or 'End' can be set")
	case hasNext:
		r.base.Next = next
	case hasEnd && end:
		r.base.End = true
	default:
		r.p.ds.schema(r.loc, "No Next or End field")
	}
}

// io reads the input/output fields of the state's query language: InputPath
// and OutputPath for JSONPath, Output for JSONata.
func (r *stateReader) io(assign bool) {
	if r.jsonata() {
		r.base.Output = r.template("Output")
	} else {
		r.base.InputPath = r.pathField("InputPath")
		r.base.OutputPath = r.pathField("OutputPath")
	}
	if assign {
		r.assign()
	}
}

func (r *stateReader) assign() {
	v, ok := r.f.get("Assign")
	if !ok {
		return
	}
	if _, isObj := v.(*value.Object); !isObj {
		r.p.ds.schema(r.loc+"/Assign", "The value for the field 'Assign' must be an OBJECT")
		return
	}
	if r.jsonata() {
		r.base.Assign = r.compileTemplate("Assign", v)
		return
	}
	r.base.AssignPath = r.payloadTemplate("Assign", v)
}

// result reads Parameters, ResultSelector and ResultPath (JSONPath), or
// Arguments (JSONata).
func (r *stateReader) result(selector bool) {
	if r.jsonata() {
		r.base.Arguments = r.template("Arguments")
		return
	}
	if v, ok := r.f.get("Parameters"); ok {
		r.base.Parameters = r.payloadTemplate("Parameters", v)
	}
	if selector {
		if v, ok := r.f.get("ResultSelector"); ok {
			r.base.ResultSelector = r.payloadTemplate("ResultSelector", v)
		}
	}
	r.base.ResultPath = r.resultPathField("ResultPath")
}

func (r *stateReader) errors() {
	r.base.Retry = r.retriers()
	r.base.Catch = r.catchers()
}

func (r *stateReader) pass() State {
	r.transition()
	r.io(true)
	s := &Pass{}
	if r.jsonata() {
		r.base.Output = r.template("Output")
	} else {
		if v, ok := r.f.get("Parameters"); ok {
			r.base.Parameters = r.payloadTemplate("Parameters", v)
		}
		r.base.ResultPath = r.resultPathField("ResultPath")
		s.Result, s.HasResult = r.f.get("Result")
	}
	s.Base = r.base
	return s
}

func (r *stateReader) fail() State {
	s := &Fail{}
	if r.jsonata() {
		s.ErrorExpr = r.stringExpr("Error", &s.Error)
		s.CauseExpr = r.stringExpr("Cause", &s.Cause)
	} else {
		s.Error, _ = r.f.str("Error")
		s.Cause, _ = r.f.str("Cause")
		s.ErrorPath = r.path("ErrorPath")
		s.CausePath = r.path("CausePath")
		if s.ErrorPath != nil && r.f.has("Error") {
			r.p.ds.schema(r.loc, "Only one of 'Error' or 'ErrorPath' can be set")
		}
		if s.CausePath != nil && r.f.has("Cause") {
			r.p.ds.schema(r.loc, "Only one of 'Cause' or 'CausePath' can be set")
		}
	}
	s.Base = r.base
	return s
}

func (r *stateReader) parallel() State {
	r.transition()
	r.io(true)
	r.result(true)
	r.errors()
	s := &Parallel{}
	branches, ok := r.f.array("Branches")
	if !ok && !r.f.has("Branches") {
		r.p.ds.schema(r.loc, "The field 'Branches' is required but was missing")
	}
	for i, b := range branches {
		loc := r.loc + "/Branches[" + itoa(i) + "]"
		s.Branches = append(s.Branches, r.subMachine(b, loc))
	}
	s.Base = r.base
	return s
}

// subMachine reads a Parallel branch or a Map item processor.
func (r *stateReader) subMachine(v value.Value, loc string) *Machine {
	obj, ok := v.(*value.Object)
	m := &Machine{}
	if !ok {
		r.p.ds.schema(loc, "The value must be an OBJECT")
		return m
	}
	f := newFields(obj, loc, &r.p.ds)
	f.ignore("Comment", "ProcessorConfig")
	ql := r.p.queryLanguage(f, r.base.QueryLanguage, loc)
	if !f.has("StartAt") || !f.has("States") {
		r.p.ds.schema(loc, "These fields are required: [%s]", missing(f, "StartAt", "States"))
	}
	r.p.machine(f, loc, ql, m)
	f.unsupported()
	return m
}

func itoa(i int) string { return value.String(value.Int(int64(i))) }
