package jsonata

// eval evaluates a node: the reference's evaluate(), including its
// treatment of predicates and groupings on non-path nodes and its
// collapsing of sequences (empty: undefined; one item: the item).
func (ev *evaluator) eval(n *node, input any, env *frame) (any, error) {
	ev.depth++
	if err := ev.guard(); err != nil {
		return nil, err
	}
	result, err := ev.evalKind(n, input, env)
	if err != nil {
		return nil, err
	}
	for _, p := range n.predicate {
		if result, err = ev.filter(p.filter, result, env); err != nil {
			return nil, err
		}
	}
	if n.kind != kindPath && n.group != nil {
		if result, err = ev.group(n.group, result, env); err != nil {
			return nil, err
		}
	}
	ev.depth--
	return collapse(result, n.keepArray), nil
}

// collapse applies the sequence rules to a node's value.
func collapse(result any, keepArray bool) any {
	a, ok := result.(*array)
	if !ok || !a.seq {
		return result
	}
	if keepArray {
		a.keep = true
	}
	switch len(a.items) {
	case 0:
		return undefined
	case 1:
		if !a.keep {
			return a.items[0]
		}
	}
	return a
}

func (ev *evaluator) evalKind(n *node, input any, env *frame) (any, error) {
	switch n.kind {
	case kindPath:
		return ev.path(n, input, env)
	case kindBinary:
		return ev.binary(n, input, env)
	case kindUnary:
		return ev.unary(n, input, env)
	case kindName:
		return lookupField(input, n.value), nil
	case kindString, kindNumber, kindValue:
		return n.lit, nil
	case kindWildcard:
		return wildcard(input), nil
	case kindDescendant:
		return descendants(input), nil
	case kindParent:
		return ev.lookup(env, n.slot.label), nil
	}
	return ev.evalKind2(n, input, env)
}

func (ev *evaluator) evalKind2(n *node, input any, env *frame) (any, error) {
	switch n.kind {
	case kindCondition:
		return ev.condition(n, input, env)
	case kindBlock:
		return ev.block(n, input, env)
	case kindBind:
		v, err := ev.eval(n.rhs, input, env)
		if err == nil {
			env.bind(n.lhs.value, v)
		}
		return v, err
	case kindRegex:
		return &regexFn{lit: n.re, pos: n.pos}, nil
	case kindFunction:
		return ev.call(n, input, env, nil)
	case kindVariable:
		return ev.variable(n, input, env), nil
	case kindLambda:
		return &lambdaFn{input: input, env: env, params: n.params, sig: n.sig, body: n.body, thunk: n.thunk, pos: n.pos}, nil
	case kindPartial:
		return ev.partial(n, input, env)
	case kindApply:
		return ev.applyOperator(n, input, env)
	case kindTransform:
		return &transformFn{node: n, env: env}, nil
	}
	return undefined, nil
}

func (ev *evaluator) variable(n *node, input any, env *frame) any {
	if n.value == "" {
		if a, ok := input.(*array); ok && a.outer {
			return a.items[0]
		}
		return input
	}
	return ev.lookupWith(env, n.value, n.fn)
}

func (ev *evaluator) condition(n *node, input any, env *frame) (any, error) {
	c, err := ev.eval(n.cond, input, env)
	if err != nil {
		return nil, err
	}
	if truthy(c) {
		return ev.eval(n.then, input, env)
	}
	if n.els != nil {
		return ev.eval(n.els, input, env)
	}
	return undefined, nil
}

func (ev *evaluator) block(n *node, input any, env *frame) (any, error) {
	f := newFrame(env)
	var result any = undefined
	for _, e := range n.items {
		var err error
		if result, err = ev.eval(e, input, f); err != nil {
			return nil, err
		}
	}
	return result, nil
}

// lookupField is the reference's lookup of a name in the input: in each
// item of an array (flattening array results), or in an object.
func lookupField(input any, key string) any { return lookupAt(input, key, 0) }

func lookupAt(input any, key string, depth int) any {
	switch x := input.(type) {
	case []any:
		return lookupItems(x, key, depth)
	case *array:
		return lookupItems(x.items, key, depth)
	}
	v, _ := objGet(input, key)
	return v
}

func lookupItems(xs []any, key string, depth int) any {
	result := newSeq(len(xs))
	if depth > maxNesting {
		return result
	}
	for _, x := range xs {
		v := lookupAt(x, key, depth+1)
		if v == undefined {
			continue
		}
		if ys, ok := items(v); ok {
			result.items = append(result.items, ys...)
		} else {
			result.push(v)
		}
	}
	return result
}

// wildcard returns the values of an object's members, flattening arrays.
func wildcard(input any) any {
	results := newSeq(0)
	if a, ok := input.(*array); ok && a.outer && len(a.items) > 0 {
		input = a.items[0]
	}
	add := func(_ string, v any) bool {
		if xs, ok := items(v); ok {
			// the reference appends with concat, which makes a plain array
			results.items = flattenInto(results.items, xs, 0)
			results.seq = false
		} else {
			results.push(v)
		}
		return true
	}
	if xs, ok := items(input); ok {
		// an array is an object whose keys are its indexes
		for _, x := range xs {
			add("", x)
		}
		return results
	}
	objEach(input, add)
	return results
}

func flattenInto(out, xs []any, depth int) []any {
	if depth > maxNesting {
		return out
	}
	for _, x := range xs {
		if ys, ok := items(x); ok {
			out = flattenInto(out, ys, depth+1)
		} else {
			out = append(out, x)
		}
	}
	return out
}

// descendants returns the input and all values nested in it.
func descendants(input any) any {
	if input == undefined {
		return undefined
	}
	results := newSeq(0)
	recurseDescendants(input, results, 0)
	if len(results.items) == 1 {
		return results.items[0]
	}
	return results
}

func recurseDescendants(input any, results *array, depth int) {
	if depth > maxNesting {
		return
	}
	if xs, ok := items(input); ok {
		for _, x := range xs {
			recurseDescendants(x, results, depth+1)
		}
		return
	}
	results.push(input)
	objEach(input, func(_ string, v any) bool {
		recurseDescendants(v, results, depth+1)
		return true
	})
}
