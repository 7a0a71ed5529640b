package asl

import (
	"github.com/stepwisehq/stepwise/value"
)

// fields reads the members of one JSON object of a definition, recording a
// diagnostic for every member of the wrong type, and remembers which members
// were read so that the rest can be reported as unsupported.
type fields struct {
	obj  *value.Object
	loc  string
	ds   *diags
	read map[string]bool
}

func newFields(obj *value.Object, loc string, ds *diags) *fields {
	return &fields{obj: obj, loc: loc, ds: ds, read: make(map[string]bool, obj.Len())}
}

// get returns the member's value, marking it read.
func (f *fields) get(name string) (value.Value, bool) {
	f.read[name] = true
	return f.obj.Get(name)
}

func (f *fields) has(name string) bool { return f.obj.Has(name) }

// str reads a string member.
func (f *fields) str(name string) (string, bool) {
	v, ok := f.get(name)
	if !ok {
		return "", false
	}
	s, isStr := v.(string)
	if !isStr {
		f.ds.schema(f.loc+"/"+name, "The value for the field '%s' must be a STRING", name)
		return "", false
	}
	return s, true
}

// requiredStr reads a string member that must be present.
func (f *fields) requiredStr(name string) (string, bool) {
	if !f.has(name) {
		f.ds.schema(f.loc, "The field '%s' is required but was missing", name)
		return "", false
	}
	return f.str(name)
}

// boolean reads a Boolean member.
func (f *fields) boolean(name string) (bool, bool) {
	v, ok := f.get(name)
	if !ok {
		return false, false
	}
	b, isBool := v.(bool)
	if !isBool {
		f.ds.schema(f.loc+"/"+name, "The value for the field '%s' must be a BOOLEAN", name)
		return false, false
	}
	return b, true
}

// integer reads an integral number member (AWS rejects 1.5 where it wants an
// integer).
func (f *fields) integer(name string) (int64, bool) {
	v, ok := f.get(name)
	if !ok {
		return 0, false
	}
	n, isNum := v.(value.Number)
	if !isNum {
		f.ds.schema(f.loc+"/"+name, "The value for the field '%s' must be an INTEGER", name)
		return 0, false
	}
	i, isInt := n.Int64()
	if !isInt {
		f.ds.schema(f.loc+"/"+name, "The value for the field '%s' must be an INTEGER", name)
		return 0, false
	}
	return i, true
}

// number reads a number member.
func (f *fields) number(name string) (float64, bool) {
	v, ok := f.get(name)
	if !ok {
		return 0, false
	}
	n, isNum := v.(value.Number)
	if !isNum {
		f.ds.schema(f.loc+"/"+name, "The value for the field '%s' must be a NUMBER", name)
		return 0, false
	}
	return n.Float64(), true
}

// object reads an object member.
func (f *fields) object(name string) (*value.Object, bool) {
	v, ok := f.get(name)
	if !ok {
		return nil, false
	}
	o, isObj := v.(*value.Object)
	if !isObj {
		f.ds.schema(f.loc+"/"+name, "The value for the field '%s' must be an OBJECT", name)
		return nil, false
	}
	return o, true
}

// array reads an array member.
func (f *fields) array(name string) ([]value.Value, bool) {
	v, ok := f.get(name)
	if !ok {
		return nil, false
	}
	a, isArr := v.([]value.Value)
	if !isArr {
		f.ds.schema(f.loc+"/"+name, "The value for the field '%s' must be an ARRAY", name)
		return nil, false
	}
	return a, true
}

// strings reads an array of strings.
func (f *fields) strings(name string) ([]string, bool) {
	a, ok := f.array(name)
	if !ok {
		return nil, false
	}
	out := make([]string, 0, len(a))
	for _, e := range a {
		s, isStr := e.(string)
		if !isStr {
			f.ds.schema(f.loc+"/"+name, "The value for the field '%s' must be an ARRAY of STRING", name)
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

// unsupported reports every member that was not read.
func (f *fields) unsupported() {
	for _, m := range f.obj.Members() {
		if !f.read[m.Key] {
			f.ds.schema(f.loc, "Field '%s' is not supported", m.Key)
		}
	}
}

// ignore marks members as read without looking at them.
func (f *fields) ignore(names ...string) {
	for _, n := range names {
		f.read[n] = true
	}
}
