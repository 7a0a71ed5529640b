package jsonpath

import (
	"github.com/stepwisehq/stepwise/value"
)

// SetError reports that Set could not place a value.
type SetError struct {
	Path string // the path's source text
	At   string // the normalized position where it failed
	Msg  string // what is wrong there
}

func (e *SetError) Error() string {
	return "cannot set " + e.Path + " at " + e.At + ": " + e.Msg
}

// IsReference reports whether the path is a reference path, which Set
// accepts: property names and single array indexes only.
func (p *Path) IsReference() bool { return p.simple || len(p.toks) == 0 }

// Set returns a copy of root with v placed where the path points, creating
// the objects that are missing on the way; root is not changed. The path
// must be a reference path. It fails with a *SetError when the path meets a
// value that is not an object (for a name) or an array holding the index
// (for an index).
func (p *Path) Set(root, v value.Value) (value.Value, error) {
	if !p.IsReference() {
		return nil, &SetError{Path: p.src, At: "$", Msg: "not a reference path"}
	}
	return p.set(0, root, true, v)
}

func (p *Path) set(i int, cur value.Value, present bool, v value.Value) (value.Value, error) {
	if i == len(p.toks) {
		return v, nil
	}
	t := &p.toks[i]
	if t.kind == tokProp {
		return p.setProp(i, t.names[0], cur, present, v)
	}
	arr, ok := cur.([]value.Value)
	n := t.indexes[0]
	if n < 0 {
		n += len(arr)
	}
	if !ok || n < 0 || n >= len(arr) {
		return nil, &SetError{Path: p.src, At: p.prefix[i], Msg: "no array element " + t.fragment()}
	}
	child, err := p.set(i+1, arr[n], true, v)
	if err != nil {
		return nil, err
	}
	out := make([]value.Value, len(arr))
	copy(out, arr)
	out[n] = child
	return out, nil
}

func (p *Path) setProp(i int, name string, cur value.Value, present bool, v value.Value) (value.Value, error) {
	obj, ok := cur.(*value.Object)
	if !present {
		obj, ok = value.NewObject(nil), true
	}
	if !ok {
		return nil, &SetError{Path: p.src, At: p.prefix[i], Msg: "not an object"}
	}
	old, has := obj.Get(name)
	child, err := p.set(i+1, old, has, v)
	if err != nil {
		return nil, err
	}
	return obj.With(name, child), nil
}
