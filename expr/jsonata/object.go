package jsonata

import "github.com/stepwisehq/stepwise/value"

// object is an object built during evaluation: members in insertion order,
// changeable until it is returned (the transform operator changes copies).
type object struct {
	keys  []string
	vals  []any
	index map[string]int
}

const objectIndexAbove = 8

func newObject(n int) *object {
	return &object{keys: make([]string, 0, n), vals: make([]any, 0, n)}
}

func (o *object) find(k string) int {
	if o.index != nil {
		if i, ok := o.index[k]; ok {
			return i
		}
		return -1
	}
	for i := range o.keys {
		if o.keys[i] == k {
			return i
		}
	}
	return -1
}

func (o *object) get(k string) (any, bool) {
	if i := o.find(k); i >= 0 {
		return o.vals[i], true
	}
	return undefined, false
}

// set replaces the value of an existing key in place, or appends the key.
func (o *object) set(k string, v any) {
	if i := o.find(k); i >= 0 {
		o.vals[i] = v
		return
	}
	o.keys = append(o.keys, k)
	o.vals = append(o.vals, v)
	if o.index != nil {
		o.index[k] = len(o.keys) - 1
	} else if len(o.keys) > objectIndexAbove {
		o.reindex()
	}
}

func (o *object) reindex() {
	o.index = make(map[string]int, len(o.keys))
	for i, k := range o.keys {
		o.index[k] = i
	}
}

func (o *object) del(k string) {
	i := o.find(k)
	if i < 0 {
		return
	}
	o.keys = append(o.keys[:i], o.keys[i+1:]...)
	o.vals = append(o.vals[:i], o.vals[i+1:]...)
	if o.index != nil {
		o.reindex()
	}
}

// objGet looks a key up in either kind of object.
func objGet(v any, k string) (any, bool) {
	switch o := v.(type) {
	case *value.Object:
		x, ok := o.Get(k)
		if !ok {
			return undefined, false
		}
		return x, true
	case *object:
		return o.get(k)
	}
	return undefined, false
}

func objLen(v any) int {
	switch o := v.(type) {
	case *value.Object:
		return o.Len()
	case *object:
		return len(o.keys)
	}
	return 0
}

// objEach calls f for each member in order until f returns false.
func objEach(v any, f func(k string, v any) bool) {
	switch o := v.(type) {
	case *value.Object:
		for _, m := range o.Members() {
			if !f(m.Key, m.Value) {
				return
			}
		}
	case *object:
		for i, k := range o.keys {
			if !f(k, o.vals[i]) {
				return
			}
		}
	}
}

// objKeys returns the keys of either kind of object.
func objKeys(v any) []string {
	switch o := v.(type) {
	case *value.Object:
		return o.Keys()
	case *object:
		return append([]string(nil), o.keys...)
	}
	return nil
}
