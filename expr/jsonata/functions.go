package jsonata

// Function values.

// lambdaFn is a function defined in the expression (function($x){...}),
// or a partial application of one, or a tail-call thunk.
type lambdaFn struct {
	input  any
	env    *frame
	params []string
	sig    *signature
	body   *node
	thunk  bool
	pos    int
}

// builtin is a built-in function.
type builtin struct {
	name  string
	sig   *signature
	arity int // the number of parameters the reference declares
	fn    func(ev *evaluator, c callInfo, args []any) (any, error)
}

// callInfo is what a built-in knows about its call.
type callInfo struct {
	input any    // the context value
	env   *frame // the caller's scope
	name  string // the name the function was called by
}

// partialFn is a partial application of a built-in (or of another
// function that is not a lambda): bound arguments and holes.
type partialFn struct {
	fn    any
	args  []any // bound values; holes hold placeholder
	holes int
}

// chainFn is f ~> g for two functions: x -> g(f(x)).
type chainFn struct{ f, g any }

// transformFn is a transform expression |pattern|update,delete|.
type transformFn struct {
	node *node
	env  *frame
}

// regexFn is a regular expression used as a value (a matcher).
type regexFn struct {
	lit *regexLiteral
	pos int
}

// nextFn is the next() member of a match object.
type nextFn struct {
	re   *regexFn
	str  string
	from int // byte offset to search from
}

type placeholderType struct{}

// placeholder marks a ? argument of a partial application.
var placeholder any = placeholderType{}

func isFunction(v any) bool {
	switch v.(type) {
	case *lambdaFn, *builtin, *partialFn, *chainFn, *transformFn, *regexFn, *nextFn:
		return true
	}
	return false
}

// arity is the number of arguments a function declares, which the
// higher-order functions use to decide what to pass.
func arity(v any) int {
	switch f := v.(type) {
	case *lambdaFn:
		return len(f.params)
	case *builtin:
		return f.arity
	case *partialFn:
		return f.holes
	case *chainFn, *transformFn:
		return 1
	case *regexFn:
		return 2
	}
	return 0
}

func sameFunction(a, b any) bool {
	if !isFunction(a) || !isFunction(b) {
		return false
	}
	return a == b
}

// jsTruthy is JavaScript's truthiness (used where the reference tests a
// value with a plain if).
func jsTruthy(v any) bool {
	switch x := v.(type) {
	case undefinedType, nil:
		return false
	case bool:
		return x
	case string:
		return x != ""
	case float64:
		return x != 0 && x == x
	}
	if f, ok := number(v); ok {
		return f != 0 && f == f
	}
	return true
}

// procName is the name a call's error messages use for the callee.
func procName(proc *node) string {
	if proc.kind == kindPath {
		return proc.steps[0].value
	}
	switch proc.kind {
	case kindLambda, kindBlock, kindCondition, kindTransform:
		return "" // nodes without a value in the reference
	}
	return proc.value
}

// call evaluates a function call; applyTo, when given, is the value the
// ~> operator passes as the first argument.
func (ev *evaluator) call(n *node, input any, env *frame, applyTo *any) (any, error) {
	proc, err := ev.eval(n.proc, input, env)
	if err != nil {
		return nil, err
	}
	if proc == undefined && n.proc.kind == kindPath && jsTruthy(ev.lookup(env, n.proc.steps[0].value)) {
		return nil, errorAt("T1005", n.pos, n.proc.steps[0].value)
	}
	base := len(ev.stack)
	defer ev.popTo(base)
	if applyTo != nil {
		ev.stack = append(ev.stack, *applyTo)
	}
	for _, a := range n.args {
		v, err := ev.eval(a, input, env)
		if err != nil {
			return nil, err
		}
		ev.stack = append(ev.stack, v)
	}
	name := procName(n.proc)
	result, err := ev.apply(proc, ev.stack[base:len(ev.stack):len(ev.stack)], input, env, name)
	if err != nil {
		if e, ok := err.(*Error); ok && isObjectFunction(proc) {
			// the reference stamps the call's position on any error
			// that comes out of a lambda or built-in it calls
			e.Position = n.pos
		}
		return nil, annotate(err, n.pos, name)
	}
	return result, nil
}

// isObjectFunction reports whether the reference represents the function
// as an object (lambdas and built-ins) rather than a JavaScript function.
func isObjectFunction(v any) bool {
	switch v.(type) {
	case *lambdaFn, *builtin, *partialFn, *chainFn, *transformFn:
		return true
	}
	return false
}

// annotate gives an error a position and a token when it has none.
func annotate(err error, pos int, name string) error {
	e, ok := err.(*Error)
	if !ok {
		return err
	}
	if e.Position == 0 {
		e.Position = pos
	}
	if !e.hasTok && name != "" {
		e.setToken(name)
	}
	return e
}

// apply calls a function, running the trampoline for tail calls.
func (ev *evaluator) apply(proc any, args []any, input any, env *frame, name string) (any, error) {
	result, err := ev.applyInner(proc, args, input, env, name)
	for err == nil {
		thunk, ok := result.(*lambdaFn)
		if !ok || !thunk.thunk {
			break
		}
		body := thunk.body
		next, err2 := ev.eval(body.proc, thunk.input, thunk.env)
		if err2 != nil {
			return nil, err2
		}
		nextArgs := make([]any, len(body.args))
		for i, a := range body.args {
			if nextArgs[i], err2 = ev.eval(a, thunk.input, thunk.env); err2 != nil {
				return nil, err2
			}
		}
		result, err = ev.applyInner(next, nextArgs, input, env, procName(body.proc))
	}
	return result, err
}

func (ev *evaluator) applyInner(proc any, args []any, input any, env *frame, name string) (any, error) {
	result, err := ev.invoke(proc, args, input, env, name)
	if err != nil && proc != undefined {
		return nil, annotate(err, 0, name)
	}
	return result, err
}

func (ev *evaluator) invoke(proc any, args []any, input any, env *frame, name string) (any, error) {
	switch f := proc.(type) {
	case *lambdaFn:
		return ev.applyLambda(f, args, input)
	case *builtin:
		if f.sig != nil {
			base := len(ev.stack)
			defer ev.popTo(base)
			validated, err := f.sig.validate(args, input, &ev.stack)
			if err != nil {
				return nil, err
			}
			args = validated
		}
		if name == "" {
			name = f.name
		}
		return f.fn(ev, callInfo{input: input, env: env, name: name}, args)
	case *partialFn:
		return ev.applyPartial(f, args, input, env, name)
	case *chainFn:
		return ev.applyChain(f, args, env)
	case *transformFn:
		validated, err := transformSignature.validate(args, input, nil)
		if err != nil {
			return nil, err
		}
		return ev.applyTransform(f, validated, input, env)
	case *regexFn:
		return f.call(args), nil
	case *nextFn:
		return f.call(), nil
	}
	return nil, newError("T1006")
}

func (ev *evaluator) applyLambda(f *lambdaFn, args []any, input any) (any, error) {
	if f.sig != nil {
		validated, err := f.sig.validate(args, input, nil)
		if err != nil {
			return nil, err
		}
		args = validated
	}
	n := len(f.params)
	env := &frame{parent: f.env, names: f.params[:n:n], vals: make([]any, n)}
	for i := range env.vals {
		if i < len(args) {
			env.vals[i] = args[i]
		} else {
			env.vals[i] = undefined
		}
	}
	return ev.eval(f.body, f.input, env)
}

func (ev *evaluator) applyPartial(f *partialFn, args []any, input any, env *frame, name string) (any, error) {
	full := make([]any, len(f.args))
	next := 0
	for i, a := range f.args {
		if a != placeholder {
			full[i] = a
			continue
		}
		full[i] = undefined
		if next < len(args) {
			full[i] = args[next]
		}
		next++
	}
	// the reference calls the native directly: no context value
	return ev.apply(f.fn, full, undefined, env, name)
}

func (ev *evaluator) applyChain(f *chainFn, args []any, env *frame) (any, error) {
	var x any = undefined
	if len(args) > 0 {
		x = args[0]
	}
	r, err := ev.apply(f.f, []any{x}, nil, env, "")
	if err != nil {
		return nil, err
	}
	return ev.apply(f.g, []any{r}, nil, env, "")
}

// popTo drops the call arguments above base.
func (ev *evaluator) popTo(base int) {
	clear(ev.stack[base:])
	ev.stack = ev.stack[:base]
}
