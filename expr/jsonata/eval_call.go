package jsonata

// partial evaluates a partial application f(a, ?, c).
func (ev *evaluator) partial(n *node, input any, env *frame) (any, error) {
	args := make([]any, len(n.args))
	for i, a := range n.args {
		if a.kind == kindOperator && a.value == "?" {
			args[i] = placeholder
			continue
		}
		v, err := ev.eval(a, input, env)
		if err != nil {
			return nil, err
		}
		args[i] = v
	}
	proc, err := ev.eval(n.proc, input, env)
	if err != nil {
		return nil, err
	}
	if proc == undefined && n.proc.kind == kindPath && jsTruthy(ev.lookup(env, n.proc.steps[0].value)) {
		return nil, errorAt("T1007", n.pos, n.proc.steps[0].value)
	}
	switch f := proc.(type) {
	case *lambdaFn:
		return partialLambda(f, args), nil
	case *builtin, *partialFn, *chainFn, *transformFn, *regexFn, *nextFn:
		return partialNative(f, args, arity(f)), nil
	}
	return nil, errorAt("T1008", n.pos, procName(n.proc))
}

// partialLambda binds the supplied arguments of a lambda in a new scope;
// the result takes the remaining ones (and has no signature).
func partialLambda(f *lambdaFn, args []any) *lambdaFn {
	env := newFrame(f.env)
	var unbound []string
	for i, p := range f.params {
		var a any = undefined
		if i < len(args) {
			a = args[i]
		}
		if a == placeholder {
			unbound = append(unbound, p)
		} else {
			env.bind(p, a)
		}
	}
	return &lambdaFn{input: f.input, env: env, params: unbound, body: f.body, pos: f.pos}
}

func partialNative(f any, args []any, nparams int) *partialFn {
	p := &partialFn{fn: f, args: make([]any, nparams)}
	for i := range p.args {
		p.args[i] = undefined
		if i < len(args) {
			p.args[i] = args[i]
		}
		if p.args[i] == placeholder {
			p.holes++
		}
	}
	return p
}

// applyOperator evaluates lhs ~> rhs.
func (ev *evaluator) applyOperator(n *node, input any, env *frame) (any, error) {
	lhs, err := ev.eval(n.lhs, input, env)
	if err != nil {
		return nil, err
	}
	if n.rhs.kind == kindFunction {
		return ev.call(n.rhs, input, env, &lhs)
	}
	fn, err := ev.eval(n.rhs, input, env)
	if err != nil {
		return nil, err
	}
	if !isFunction(fn) {
		e := errorValue("T2006", fn)
		e.Position = n.pos
		return nil, e
	}
	if isFunction(lhs) {
		return &chainFn{f: lhs, g: fn}, nil
	}
	name := ""
	if n.rhs.kind == kindVariable {
		name = n.rhs.value
	}
	return ev.apply(fn, []any{lhs}, nil, env, name)
}

// applyTransform copies its argument and applies the transform's updates
// and deletions to the parts the pattern selects.
func (ev *evaluator) applyTransform(t *transformFn, args []any, input any, env *frame) (any, error) {
	if len(args) == 0 || args[0] == undefined {
		return undefined, nil
	}
	obj := args[0]
	if s := typeSymbol(obj); s != 'o' && s != 'a' {
		e := errorValue("T0410", obj)
		e.index = 1
		return nil, e
	}
	cloneFn := ev.lookup(t.env, "clone")
	if !isFunction(cloneFn) {
		e := newError("T2013")
		e.Position = t.node.pos
		return nil, e
	}
	result, err := ev.apply(cloneFn, []any{obj}, nil, t.env, "clone")
	if err != nil {
		return nil, err
	}
	matches, err := ev.eval(t.node.pattern, result, t.env)
	if err != nil || matches == undefined {
		return result, err
	}
	ms, ok := items(matches)
	if !ok {
		ms = []any{matches}
	}
	for _, m := range ms {
		if err := ev.transformMatch(t, m); err != nil {
			return nil, err
		}
	}
	return result, nil
}

func (ev *evaluator) transformMatch(t *transformFn, match any) error {
	update, err := ev.eval(t.node.update, match, t.env)
	if err != nil {
		return err
	}
	target, _ := match.(*object)
	if update != undefined {
		if !isObject(update) {
			e := errorValue("T2011", update)
			e.Position = t.node.update.pos
			return e
		}
		if target != nil {
			objEach(update, func(k string, v any) bool {
				target.set(k, v)
				return true
			})
		}
	}
	if t.node.delete == nil {
		return nil
	}
	return ev.transformDelete(t, match, target)
}

func (ev *evaluator) transformDelete(t *transformFn, match any, target *object) error {
	deletions, err := ev.eval(t.node.delete, match, t.env)
	if err != nil || deletions == undefined {
		return err
	}
	ds, ok := items(deletions)
	if !ok {
		ds = []any{deletions}
	}
	for _, d := range ds {
		if _, ok := d.(string); !ok {
			e := errorValue("T2012", deletions)
			e.Position = t.node.delete.pos
			return e
		}
	}
	if target != nil {
		for _, d := range ds {
			target.del(d.(string))
		}
	}
	return nil
}
