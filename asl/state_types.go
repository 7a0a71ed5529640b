package asl

import (
	"errors"
	"strings"

	"github.com/stepwisehq/stepwise/expr/jtemplate"
	"github.com/stepwisehq/stepwise/expr/payload"
	"github.com/stepwisehq/stepwise/value"
)

func (r *stateReader) task() State {
	r.transition()
	r.io(true)
	r.result(true)
	r.errors()
	s := &Task{}
	res, ok := r.f.requiredStr("Resource")
	if ok && r.jsonata() && jtemplate.IsExpr(res) {
		s.ResourceExpr = r.compileTemplate("Resource", res)
	}
	s.Resource = res
	if r.p.opts.Express && strings.HasSuffix(res, ".waitForTaskToken") {
		r.p.ds.schema(r.loc+"/Resource", "Express state machine does not support '.waitForTaskToken' service integration ")
	}
	s.TimeoutSeconds, s.TimeoutSecondsPath, s.TimeoutExpr = r.seconds("TimeoutSeconds")
	s.HeartbeatSeconds, s.HeartbeatSecondsPath, s.HeartbeatExpr = r.seconds("HeartbeatSeconds")
	if cred, ok := r.f.object("Credentials"); ok {
		if !cred.Has("RoleArn") && !cred.Has("RoleArn.$") {
			r.p.ds.schema(r.loc+"/Credentials", "The field 'RoleArn' is required but was missing")
		}
		s.Credentials = cred
	}
	s.Base = r.base
	return s
}

// seconds reads a positive integer field that may also be given as
// NAMEPath (JSONPath) or as a JSONata expression.
func (r *stateReader) seconds(name string) (int64, *payload.Path, *jtemplate.Template) {
	path := r.path(name + "Path")
	v, ok := r.f.obj.Get(name)
	if !ok {
		return 0, path, nil
	}
	if s, isStr := v.(string); isStr && r.jsonata() && jtemplate.IsExpr(s) {
		r.f.get(name)
		return 0, path, r.compileTemplate(name, s)
	}
	n, ok := r.f.integer(name)
	if ok && n <= 0 {
		r.p.ds.schema(r.loc+"/"+name, "The value for the field '%s' must be greater than 0", name)
	}
	if path != nil {
		r.p.ds.schema(r.loc, "Only one of '%s' or '%sPath' can be set", name, name)
	}
	return n, path, nil
}

func (r *stateReader) wait() State {
	r.transition()
	r.io(true)
	s := &Wait{}
	set := 0
	if v, ok := r.f.obj.Get("Seconds"); ok {
		set++
		if str, isStr := v.(string); isStr && r.jsonata() && jtemplate.IsExpr(str) {
			r.f.get("Seconds")
			s.SecondsExpr = r.compileTemplate("Seconds", str)
		} else if s.Seconds, s.HasSeconds = r.f.integer("Seconds"); s.HasSeconds && s.Seconds < 0 {
			r.p.ds.schema(r.loc+"/Seconds", "The value for the field 'Seconds' must be greater than or equal to 0")
		}
	}
	if ts, ok := r.f.str("Timestamp"); ok {
		set++
		if r.jsonata() && jtemplate.IsExpr(ts) {
			s.TimestampExpr = r.compileTemplate("Timestamp", ts)
		} else if _, err := ParseTimestamp(ts); err != nil {
			r.p.ds.schema(r.loc+"/Timestamp", "String does not match RFC3339 timestamp")
		} else {
			s.Timestamp = ts
		}
	}
	if s.SecondsPath = r.path("SecondsPath"); s.SecondsPath != nil {
		set++
	}
	if s.TimestampPath = r.path("TimestampPath"); s.TimestampPath != nil {
		set++
	}
	if set != 1 {
		r.p.ds.schema(r.loc, "A Wait state must have exactly one of 'Seconds', 'Timestamp', 'SecondsPath', 'TimestampPath'")
	}
	s.Base = r.base
	return s
}

// stringExpr reads a JSONata string field that may be an expression.
func (r *stateReader) stringExpr(name string, literal *string) *jtemplate.Template {
	s, ok := r.f.str(name)
	if !ok {
		return nil
	}
	if jtemplate.IsExpr(s) {
		return r.compileTemplate(name, s)
	}
	*literal = s
	return nil
}

// template reads a JSONata template field.
func (r *stateReader) template(name string) *jtemplate.Template {
	v, ok := r.f.get(name)
	if !ok {
		return nil
	}
	return r.compileTemplate(name, v)
}

func (r *stateReader) compileTemplate(name string, v value.Value) *jtemplate.Template {
	t, err := jtemplate.Compile(name, v)
	if err != nil {
		r.p.ds.schema(r.loc+"/"+name, "%s", err.Error())
		return nil
	}
	return t
}

func (r *stateReader) payloadTemplate(name string, v value.Value) *payload.Template {
	t, err := payload.CompileTemplate(name, v)
	if err != nil {
		r.p.ds.schema(r.loc+"/"+name, "%s", compileMessage(err))
		return nil
	}
	return t
}

func compileMessage(err error) string {
	var ce *payload.CompileError
	if errors.As(err, &ce) {
		return ce.Msg
	}
	return err.Error()
}

// path reads a path field such as ItemsPath or SecondsPath.
func (r *stateReader) path(name string) *payload.Path {
	s, ok := r.f.str(name)
	if !ok {
		return nil
	}
	p, err := payload.CompilePath(name, s)
	if err != nil {
		r.p.ds.schema(r.loc+"/"+name, "%s", compileMessage(err))
		return nil
	}
	return p
}

// pathField reads InputPath or OutputPath, which may be null.
func (r *stateReader) pathField(name string) *PathField {
	v, ok := r.f.obj.Get(name)
	if !ok {
		return nil
	}
	if v == nil {
		r.f.get(name)
		return &PathField{Null: true}
	}
	p := r.path(name)
	if p == nil {
		return nil
	}
	return &PathField{Path: p}
}

// resultPathField reads a ResultPath, which may be null.
func (r *stateReader) resultPathField(name string) *ResultPathField {
	return readResultPath(r.f, r.loc, name)
}

func readResultPath(f *fields, loc, name string) *ResultPathField {
	v, ok := f.get(name)
	if !ok {
		return nil
	}
	if v == nil {
		return &ResultPathField{Null: true}
	}
	s, isStr := v.(string)
	if !isStr {
		f.ds.schema(loc+"/"+name, "The value for the field '%s' must be a STRING", name)
		return nil
	}
	p, err := payload.CompileResultPath(s)
	if err != nil {
		f.ds.schema(loc+"/"+name, "%s", compileMessage(err))
		return nil
	}
	return &ResultPathField{Path: p}
}
