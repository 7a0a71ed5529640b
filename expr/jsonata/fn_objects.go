package jsonata

import (
	"github.com/stepwisehq/stepwise/value"
)

func defineObjects() {
	define("keys", "<x-:a<s>>", 1, fnKeys)
	define("lookup", "<x-s:x>", 2, fnLookup)
	define("spread", "<x-:a<o>>", 1, fnSpread)
	defineU("merge", "<a<o>:o>", 1, fnMerge)
	defineU("type", "<x:s>", 1, fnType)
	defineU("clone", "<(oa)-:o>", 1, fnClone)
}

func fnKeys(_ *evaluator, _ callInfo, args []any) (any, error) {
	v := arg(args, 0)
	result := newSeq(0)
	seen := map[string]bool{}
	for _, k := range keysOf(v) {
		if !seen[k] {
			seen[k] = true
			result.push(k)
		}
	}
	return result, nil
}

// keysOf returns an object's keys, or the keys of an array's items.
func keysOf(v any) []string {
	xs, ok := items(v)
	if !ok {
		return objKeys(v)
	}
	var keys []string
	for _, x := range xs {
		keys = append(keys, keysOf(x)...)
	}
	return keys
}

func fnLookup(_ *evaluator, _ callInfo, args []any) (any, error) {
	return lookupField(arg(args, 0), str(args, 1)), nil
}

func fnSpread(_ *evaluator, _ callInfo, args []any) (any, error) {
	return spread(arg(args, 0)), nil
}

func spread(v any) any {
	if xs, ok := items(v); ok {
		var result any = newSeq(0)
		for _, x := range xs {
			result = appendValues(result, spread(x))
		}
		return result
	}
	if !isObject(v) {
		return v
	}
	result := newSeq(objLen(v))
	objEach(v, func(k string, x any) bool {
		o := newObject(1)
		o.set(k, x)
		result.push(o)
		return true
	})
	return result
}

func fnMerge(_ *evaluator, _ callInfo, args []any) (any, error) {
	result := newObject(0)
	for _, o := range list(args, 0) {
		objEach(o, func(k string, v any) bool {
			result.set(k, v)
			return true
		})
	}
	return result, nil
}

func fnType(_ *evaluator, _ callInfo, args []any) (any, error) {
	return typeName(args[0]), nil
}

func fnClone(_ *evaluator, _ callInfo, args []any) (any, error) {
	return deepClone(args[0], 0)
}

// deepClone copies a value into changeable arrays and objects, as the
// reference's JSON round trip does (functions become "", undefined members
// are dropped, undefined items become null).
func deepClone(v any, depth int) (any, error) {
	if depth > maxNesting {
		return nil, errorValue("D1011", float64(maxNesting))
	}
	if isFunction(v) {
		return "", nil
	}
	switch x := v.(type) {
	case []any:
		return cloneItems(x, depth)
	case *array:
		if x.outer && len(x.items) > 0 {
			return deepClone(x.items[0], depth)
		}
		return cloneItems(x.items, depth)
	case *value.Object, *object:
		return cloneObject(x, depth)
	case float64:
		return precision15(x), nil
	}
	return v, nil
}

func cloneObject(x any, depth int) (any, error) {
	o := newObject(objLen(x))
	var err error
	objEach(x, func(k string, m any) bool {
		if m == undefined {
			return true
		}
		var c any
		c, err = deepClone(m, depth+1)
		o.set(k, c)
		return err == nil
	})
	return o, err
}

func cloneItems(xs []any, depth int) (any, error) {
	out := &array{items: make([]any, len(xs))}
	for i, x := range xs {
		if x == undefined {
			out.items[i] = nil
			continue
		}
		c, err := deepClone(x, depth+1)
		if err != nil {
			return nil, err
		}
		out.items[i] = c
	}
	return out, nil
}

func defineArrays() {
	define("append", "<xx:a>", 2, fnAppend)
	defineU("reverse", "<a:a>", 1, fnReverse)
	defineU("shuffle", "<a:a>", 1, fnShuffle)
	define("distinct", "<x:x>", 1, fnDistinct)
	define("zip", "<a+>", 0, fnZip)
}

func fnAppend(_ *evaluator, _ callInfo, args []any) (any, error) {
	return appendValues(arg(args, 0), arg(args, 1)), nil
}

func fnReverse(_ *evaluator, _ callInfo, args []any) (any, error) {
	xs := list(args, 0)
	if len(xs) <= 1 {
		return args[0], nil
	}
	out := make([]any, len(xs))
	for i, x := range xs {
		out[len(xs)-1-i] = x
	}
	return &array{items: out}, nil
}

func fnShuffle(ev *evaluator, _ callInfo, args []any) (any, error) {
	xs := list(args, 0)
	if len(xs) <= 1 {
		return args[0], nil
	}
	out := make([]any, len(xs))
	for i, x := range xs {
		j := int(ev.rand() * float64(i+1))
		if j > i {
			j = i
		}
		if i != j {
			out[i] = out[j]
		}
		out[j] = x
	}
	return &array{items: out}, nil
}

func fnDistinct(_ *evaluator, _ callInfo, args []any) (any, error) {
	v := arg(args, 0)
	xs, ok := items(v)
	if !ok || len(xs) <= 1 {
		return v, nil
	}
	result := &array{seq: isSequence(v)}
	for _, x := range xs {
		dup := false
		for _, y := range result.items {
			if deepEqual(x, y) {
				dup = true
				break
			}
		}
		if !dup {
			result.push(x)
		}
	}
	return result, nil
}

func fnZip(_ *evaluator, _ callInfo, args []any) (any, error) {
	length := -1
	for _, a := range args {
		xs, _ := items(a)
		if length < 0 || len(xs) < length {
			length = len(xs)
		}
	}
	result := &array{items: make([]any, 0, max(length, 0))}
	for i := 0; i < length; i++ {
		t := &array{items: make([]any, len(args))}
		for j, a := range args {
			xs, _ := items(a)
			t.items[j] = xs[i]
		}
		result.push(t)
	}
	return result, nil
}
