// Package intrinsic compiles and evaluates the States.* intrinsic functions
// of JSONPath-era ASL payload templates, such as
//
//	States.Format('Hello {}', States.ArrayGetItem($.names, 0))
//
// with AWS Step Functions' results: numbers keep their integer text,
// objects print in States.Format as Java maps do ({a=1}), States.StringSplit
// splits like java.util.StringTokenizer, and a failure is the *expr.Error
// AWS reports, named States.Runtime:
//
//	The function 'States.MathAdd($.a, 1)' had the following error: Invalid arguments in States.MathAdd
//
// A call is compiled once into an immutable *Call, safe for concurrent use.
// States.MathRandom without a seed and States.UUID draw on a Rand the caller
// passes to EvalRand, so that an engine can replay an execution exactly.
package intrinsic

import (
	"strings"

	"github.com/stepwisehq/stepwise/expr"
	"github.com/stepwisehq/stepwise/expr/jsonpath"
	"github.com/stepwisehq/stepwise/value"
)

// Call is a compiled intrinsic function call.
type Call struct {
	src  string
	root *call
}

// Compile compiles src, which must be one call such as
// States.Format('x {}', $.a). Errors are *SyntaxError.
func Compile(src string) (*Call, error) {
	trimmed := strings.TrimRight(src, " \t\r\n")
	p := &cparser{src: trimmed}
	p.skip()
	if !strings.HasPrefix(p.src[p.pos:], "States.") {
		return nil, p.errorf("an intrinsic function call starts with 'States.'")
	}
	c, err := p.call(1)
	if err != nil {
		if se, ok := err.(*SyntaxError); ok {
			se.Src = src
		}
		return nil, err
	}
	if p.pos != len(p.src) {
		return nil, &SyntaxError{Src: src, Offset: p.pos, Msg: "unexpected text after the call"}
	}
	return &Call{src: src, root: c}, nil
}

// IsCall reports whether s looks like an intrinsic function call rather
// than a path: it starts with "States.".
func IsCall(s string) bool {
	return strings.HasPrefix(strings.TrimLeft(s, " \t\r\n"), "States.")
}

// String returns the source text.
func (c *Call) String() string { return c.src }

// Eval evaluates the call, drawing any randomness from the operating
// system. Failures are *expr.Error.
func (c *Call) Eval(env *expr.Env) (value.Value, error) {
	return c.EvalRand(env, nil)
}

// EvalRand evaluates the call with r as the source of States.MathRandom's
// and States.UUID's randomness; nil means the operating system's.
func (c *Call) EvalRand(env *expr.Env, r Rand) (value.Value, error) {
	x := evalCtx{c: c, env: env, rand: r}
	return x.call(c.root)
}

// evalCtx is one evaluation of a Call.
type evalCtx struct {
	c    *Call
	env  *expr.Env
	rand Rand
}

func (x *evalCtx) call(c *call) (value.Value, error) {
	var buf [4]value.Value
	args := buf[:0]
	for i := range c.args {
		v, err := x.arg(&c.args[i])
		if err != nil {
			return nil, err
		}
		args = append(args, v)
	}
	v, err := c.fn.eval(x, c, args)
	if err != nil {
		return nil, x.fail(err.Error())
	}
	return v, nil
}

func (x *evalCtx) arg(a *arg) (value.Value, error) {
	switch a.kind {
	case argLiteral:
		return a.lit, nil
	case argCall:
		return x.call(a.call)
	}
	return x.path(a.ref)
}

// path reads a path argument. An argument that selects nothing fails the
// call; AWS names the path, rewritten from "$$" to "$" for the context
// object, and prints the state's input.
func (x *evalCtx) path(r *jsonpath.Ref) (value.Value, error) {
	root, ok := x.root(r)
	if !ok {
		return nil, x.missing(r)
	}
	v, err := r.Path.EvalStrict(root)
	if err == nil {
		return v, nil
	}
	if ev, ok := err.(*jsonpath.EvalError); ok {
		return nil, x.fail(ev.Msg)
	}
	return nil, x.missing(r)
}

func (x *evalCtx) root(r *jsonpath.Ref) (value.Value, bool) {
	switch r.Root {
	case jsonpath.RootContext:
		return x.env.ContextObject(), true
	case jsonpath.RootVariable:
		if x.env == nil || x.env.Var == nil {
			return nil, false
		}
		return x.env.Var(r.Var)
	}
	if x.env == nil {
		return nil, true
	}
	return x.env.Input, true
}

func (x *evalCtx) missing(r *jsonpath.Ref) error {
	field := r.Path.String()
	if r.Root == jsonpath.RootVariable {
		field = r.String()
	}
	var input value.Value
	if x.env != nil {
		input = x.env.Input
	}
	return x.fail("The JsonPath argument for the field '" + field + "' could not be found in the input '" + value.String(input) + "'")
}

func (x *evalCtx) fail(detail string) error {
	return &expr.Error{Name: expr.ErrRuntime, Cause: "The function '" + x.c.src + "' had the following error: " + detail}
}

// invalid is a function's answer to arguments it cannot use.
type invalid string

func (e invalid) Error() string { return "Invalid arguments in " + string(e) }

// function is one States.* function.
type function struct {
	name    string
	minArgs int
	maxArgs int // -1: any number
	eval    func(x *evalCtx, c *call, args []value.Value) (value.Value, error)
}

func (f *function) arity() string {
	switch {
	case f.maxArgs < 0:
		return plural(f.minArgs, "at least ", "argument")
	case f.minArgs == f.maxArgs:
		return plural(f.minArgs, "", "argument")
	}
	return plural(f.minArgs, "", "") + "to " + plural(f.maxArgs, "", "argument")
}

func plural(n int, prefix, noun string) string {
	s := prefix + string(rune('0'+n))
	switch {
	case noun == "":
		return s + " "
	case n == 1:
		return s + " " + noun
	}
	return s + " " + noun + "s"
}
