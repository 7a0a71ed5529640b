package jsonata

func defineBooleans() {
	defineU("boolean", "<x-:b>", 1, fnBoolean)
	defineU("not", "<x-:b>", 1, fnNot)
	define("exists", "<x:b>", 1, fnExists)
}

func fnBoolean(_ *evaluator, _ callInfo, args []any) (any, error) {
	return truthy(args[0]), nil
}

func fnNot(_ *evaluator, _ callInfo, args []any) (any, error) {
	return !truthy(args[0]), nil
}

func fnExists(_ *evaluator, _ callInfo, args []any) (any, error) {
	return arg(args, 0) != undefined, nil
}

func defineHigherOrder() {
	defineU("map", "<af>", 2, fnMap)
	defineU("filter", "<af>", 2, fnFilter)
	defineU("single", "<af?>", 2, fnSingle)
	defineU("reduce", "<afj?:j>", 3, fnReduce)
	define("sift", "<o-f?:o>", 2, fnSift)
	define("each", "<o-f:a>", 2, fnEach)
	defineU("sort", "<af?:a>", 2, fnSort)
}

// hofArgs builds the arguments of a function passed to a higher-order
// function: the value, then the position and the whole, as far as the
// function declares parameters for them.
func hofArgs(fn, value, position, whole any) []any {
	n := arity(fn)
	args := []any{value}
	if n >= 2 {
		args = append(args, position)
	}
	if n >= 3 {
		args = append(args, whole)
	}
	return args
}

// callback calls a function argument the way the reference's wrapper does
// (no context value).
func (ev *evaluator) callback(fn any, args []any, c callInfo) (any, error) {
	return ev.apply(fn, args, nil, c.env, "")
}

func fnMap(ev *evaluator, c callInfo, args []any) (any, error) {
	xs, fn := list(args, 0), args[1]
	result := newSeq(len(xs))
	for i, x := range xs {
		v, err := ev.callback(fn, hofArgs(fn, x, float64(i), args[0]), c)
		if err != nil {
			return nil, err
		}
		if v != undefined {
			result.push(v)
		}
	}
	return result, nil
}

func fnFilter(ev *evaluator, c callInfo, args []any) (any, error) {
	xs, fn := list(args, 0), args[1]
	result := newSeq(0)
	for i, x := range xs {
		v, err := ev.callback(fn, hofArgs(fn, x, float64(i), args[0]), c)
		if err != nil {
			return nil, err
		}
		if truthy(v) {
			result.push(x)
		}
	}
	return result, nil
}

func fnSingle(ev *evaluator, c callInfo, args []any) (any, error) {
	xs, fn := list(args, 0), arg(args, 1)
	var result any = undefined
	found := false
	for i, x := range xs {
		ok := true
		if fn != undefined {
			v, err := ev.callback(fn, hofArgs(fn, x, float64(i), args[0]), c)
			if err != nil {
				return nil, err
			}
			ok = truthy(v)
		}
		if !ok {
			continue
		}
		if found {
			e := newError("D3138")
			e.index = i
			return nil, e
		}
		result, found = x, true
	}
	if !found {
		return nil, newError("D3139")
	}
	return result, nil
}

func fnReduce(ev *evaluator, c callInfo, args []any) (any, error) {
	xs, fn := list(args, 0), args[1]
	n := arity(fn)
	if n < 2 {
		e := newError("D3050")
		e.index = 1
		return nil, e
	}
	result, index := arg(args, 2), 0
	if result == undefined && len(xs) > 0 {
		result, index = xs[0], 1
	}
	for ; index < len(xs); index++ {
		fargs := []any{result, xs[index]}
		if n >= 3 {
			fargs = append(fargs, float64(index))
		}
		if n >= 4 {
			fargs = append(fargs, args[0])
		}
		var err error
		if result, err = ev.callback(fn, fargs, c); err != nil {
			return nil, err
		}
	}
	return result, nil
}

func fnSift(ev *evaluator, c callInfo, args []any) (any, error) {
	obj, fn := arg(args, 0), arg(args, 1)
	if !isFunction(fn) {
		return undefined, nil
	}
	result := newObject(0)
	var err error
	objEach(obj, func(k string, v any) bool {
		var keep any
		if keep, err = ev.callback(fn, hofArgs(fn, v, k, obj), c); err != nil {
			return false
		}
		if truthy(keep) {
			result.set(k, v)
		}
		return true
	})
	if err != nil {
		return nil, err
	}
	if len(result.keys) == 0 {
		return undefined, nil
	}
	return result, nil
}

func fnEach(ev *evaluator, c callInfo, args []any) (any, error) {
	obj, fn := arg(args, 0), args[1]
	result := newSeq(objLen(obj))
	var err error
	objEach(obj, func(k string, v any) bool {
		var r any
		if r, err = ev.callback(fn, hofArgs(fn, v, k, obj), c); err != nil {
			return false
		}
		if r != undefined {
			result.push(r)
		}
		return true
	})
	if err != nil {
		return nil, err
	}
	return result, nil
}

func fnSort(ev *evaluator, c callInfo, args []any) (any, error) {
	xs := list(args, 0)
	if len(xs) <= 1 {
		return args[0], nil
	}
	var swap swapFunc
	if fn := arg(args, 1); fn != undefined {
		swap = func(a, b any) (bool, error) {
			v, err := ev.callback(fn, []any{a, b}, c)
			return jsTruthy(v), err
		}
	} else {
		nums, err := allNumeric(xs)
		if err != nil {
			return nil, err
		}
		if !nums && !allStrings(xs) {
			e := newError("D3070")
			e.index = 1
			return nil, e
		}
		swap = func(a, b any) (bool, error) { return ordered(opGt, a, b), nil }
	}
	sorted, err := mergeSort(xs, swap)
	if err != nil {
		return nil, err
	}
	return &array{items: sorted}, nil
}

func allStrings(xs []any) bool {
	for _, x := range xs {
		if _, ok := x.(string); !ok {
			return false
		}
	}
	return true
}
