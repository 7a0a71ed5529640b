package sharedtest

import "github.com/stepwisehq/stepwise/value"

// Get returns the member of v at the path of keys, nil where a step is not
// an object or lacks the key.
func Get(v value.Value, keys ...string) value.Value {
	for _, k := range keys {
		obj, _ := v.(*value.Object)
		v, _ = obj.Get(k)
	}
	return v
}

// JSONText decodes recorded JSON text that the recorder left undecoded:
// a string that parses as JSON becomes that value; anything else is
// returned as it is.
func JSONText(v value.Value) value.Value {
	s, ok := v.(string)
	if !ok {
		return v
	}
	if parsed, err := value.ParseString(s); err == nil {
		return parsed
	}
	return v
}

// MapStrings returns v with every string in it (not object keys) replaced
// by fn of it.
func MapStrings(v value.Value, fn func(string) string) value.Value {
	switch x := v.(type) {
	case string:
		return fn(x)
	case []value.Value:
		out := make([]value.Value, len(x))
		for i, e := range x {
			out[i] = MapStrings(e, fn)
		}
		return out
	case *value.Object:
		ms := make([]value.Member, x.Len())
		for i, m := range x.Members() {
			ms[i] = value.Member{Key: m.Key, Value: MapStrings(m.Value, fn)}
		}
		return value.NewObject(ms)
	}
	return v
}
