// Package jsonata is a JSONata 2.x evaluator: the query and transformation
// language that Step Functions states use when their QueryLanguage is
// JSONata. It follows the reference implementation (the jsonata npm package)
// result for result and error code for error code, and adds the functions
// Step Functions provides ($partition, $range, $hash, $random with a seed,
// $uuid, $parse).
//
// An expression is compiled once into an immutable *Expr that is safe for
// concurrent use, then evaluated many times:
//
//	e, err := jsonata.Compile("Account.Order[Price > 30].Product.$sum(Price)")
//	v, defined, err := e.Eval(input, nil)
//
// Input values are value.Values; numbers that pass through unchanged keep
// their text, computed numbers are printed as JavaScript prints them.
// Undefined (no result) is reported by defined == false and is distinct
// from null.
//
// Where this implementation knowingly differs from the reference:
//
//   - Strings are UTF-8, not UTF-16: characters outside the Basic
//     Multilingual Plane are one character for regexes and $split("", ...)
//     (lengths, substrings and error positions count as the reference does).
//   - Regular expressions run on Go's RE2: lookaround and backreferences are
//     rejected with S0303.
//   - Object members keep their insertion order (JavaScript lists
//     integer-like keys first).
//   - $power rounds the exact power once for integer exponents (V8's
//     Math.pow is sometimes one unit in the last place away).
//   - Where the reference fails with a JavaScript TypeError (no code) this
//     implementation gives a result or a coded error.
//   - Recursion is bounded (Options.MaxDepth, DefaultMaxDepth) with D1011;
//     the reference relies on the JavaScript stack.
//
// Step Functions itself implements JSONata 2.0.6 without $eval; this
// package implements 2.x in full (including ?:, ?? and $eval).
package jsonata

import (
	"math/rand/v2"
	"sync"
	"time"

	"github.com/stepwisehq/stepwise/value"
)

// Expr is a compiled expression. It is immutable and safe for concurrent use.
type Expr struct {
	src  string
	root *node
}

// Options bound and parameterise one evaluation. A nil *Options is valid.
type Options struct {
	// Bindings resolves $name variables beyond those the expression binds
	// itself (for Step Functions, $states and workflow variables). They
	// shadow the built-in functions of the same name, as in the reference.
	Bindings func(name string) (value.Value, bool)
	// Now is the time $now() and $millis() report; zero means time.Now()
	// (taken once per evaluation).
	Now time.Time
	// Rand is the source of $random(), $shuffle() and $uuid(); nil means
	// math/rand.
	Rand func() float64
	// MaxSteps bounds the number of evaluation steps (0: no bound);
	// exceeding it fails with U1001.
	MaxSteps int
	// MaxDepth bounds the evaluation depth (0: DefaultMaxDepth); exceeding
	// it fails with D1011, the reference's stack overflow error.
	MaxDepth int
	// Timeout bounds the evaluation time (0: no bound); exceeding it fails
	// with D1012.
	Timeout time.Duration
}

// recoverPanics turns a panic (a bug) into an internal error; tests turn
// it off to see where the panic happened.
var recoverPanics = true

// DefaultMaxDepth is the evaluation depth allowed when Options.MaxDepth is 0.
const DefaultMaxDepth = 5000

// Compile parses an expression. Syntax errors are returned as *Error.
func Compile(src string) (e *Expr, err error) {
	defer func() {
		if r := recover(); r != nil {
			if !recoverPanics {
				panic(r)
			}
			e, err = nil, &Error{Code: "S0500", Message: "internal error while parsing the expression"}
		}
	}()
	root, err := parse(src)
	if err != nil {
		return nil, asError(err, src)
	}
	return &Expr{src: src, root: root}, nil
}

// MustCompile is Compile for expressions known to be valid; it panics on error.
func MustCompile(src string) *Expr {
	e, err := Compile(src)
	if err != nil {
		panic(err)
	}
	return e
}

// String returns the expression's source text.
func (e *Expr) String() string { return e.src }

// Eval evaluates the expression against input ($), which may be Undefined.
// It returns the result, whether there is one (false for undefined), and an
// *Error when evaluation fails. A function result is returned as a
// *Function (see IsFunction).
func (e *Expr) Eval(input value.Value, opts *Options) (v value.Value, defined bool, err error) {
	ev := getEvaluator(opts)
	defer func() {
		if r := recover(); r != nil {
			if !recoverPanics {
				panic(r)
			}
			v, defined, err = nil, false, &Error{Code: "D1000", Message: "internal error while evaluating the expression"}
		}
		putEvaluator(ev)
	}()
	out, err := ev.run(e.root, input)
	if err != nil {
		return nil, false, asError(err, e.src)
	}
	if out == undefined {
		return nil, false, nil
	}
	v, err = export(out)
	if err != nil {
		return nil, false, asError(err, e.src)
	}
	return v, true, nil
}

// asError completes an error for the caller: its message, and its
// position counted in UTF-16 code units as the reference counts it.
func asError(err error, src string) error {
	e, ok := err.(*Error)
	if !ok {
		return err
	}
	if e.Position > 0 && e.Position <= len(src) {
		e.Position = utf16Len(src[:e.Position])
	}
	return e.populate()
}

// evaluator holds the state of one evaluation. Evaluators are pooled.
type evaluator struct {
	opts     *Options
	stack    []any // arguments of the calls in progress
	depth    int
	maxDepth int
	steps    int
	maxSteps int
	deadline time.Time
	now      time.Time
	rand     func() float64
}

var (
	noOptions     = &Options{}
	evaluatorPool = sync.Pool{New: func() any { return &evaluator{stack: make([]any, 0, 32)} }}
)

func getEvaluator(opts *Options) *evaluator {
	if opts == nil {
		opts = noOptions
	}
	ev := evaluatorPool.Get().(*evaluator)
	ev.opts, ev.maxDepth, ev.maxSteps, ev.rand = opts, opts.MaxDepth, opts.MaxSteps, opts.Rand
	ev.depth, ev.steps = 0, 0
	if ev.maxDepth <= 0 {
		ev.maxDepth = DefaultMaxDepth
	}
	ev.now = opts.Now
	ev.deadline = time.Time{}
	if opts.Timeout > 0 {
		ev.deadline = time.Now().Add(opts.Timeout)
	}
	if ev.rand == nil {
		ev.rand = rand.Float64
	}
	return ev
}

func putEvaluator(ev *evaluator) {
	if cap(ev.stack) > 1024 {
		return
	}
	clear(ev.stack[:cap(ev.stack)])
	ev.stack = ev.stack[:0]
	ev.opts = nil
	evaluatorPool.Put(ev)
}

// clock returns the time of the evaluation ($now, $millis), taken once.
func (ev *evaluator) clock() time.Time {
	if ev.now.IsZero() {
		ev.now = time.Now()
	}
	return ev.now
}

// run evaluates the root expression against the input.
func (ev *evaluator) run(root *node, input value.Value) (any, error) {
	in := importValue(input)
	// the root scope lives as long as the lambdas that close over it
	rf := &rootFrame{}
	rf.names, rf.vals = rf.nameBuf[:0], rf.valBuf[:0]
	rf.bind("$", in)
	if xs, ok := in.([]any); ok {
		in = &array{items: []any{xs}, seq: true, outer: true}
	}
	return ev.eval(root, in, &rf.frame)
}

// frame is a scope of variable bindings.
type frame struct {
	parent *frame
	names  []string
	vals   []any
}

func newFrame(parent *frame) *frame { return &frame{parent: parent} }

// rootFrame is the evaluation's outermost scope, with room for a few
// bindings in the same allocation.
type rootFrame struct {
	frame
	nameBuf [2]string
	valBuf  [2]any
}

func (f *frame) bind(name string, v any) {
	for i, n := range f.names {
		if n == name {
			f.vals[i] = v
			return
		}
	}
	f.names = append(f.names, name)
	f.vals = append(f.vals, v)
}

// lookup resolves a variable: the frames, then the caller's bindings, then
// the built-in functions.
func (ev *evaluator) lookup(env *frame, name string) any {
	return ev.lookupWith(env, name, nil)
}

// lookupWith is lookup with the built-in of that name, when the caller
// already knows it.
func (ev *evaluator) lookupWith(env *frame, name string, fn *builtin) any {
	for f := env; f != nil; f = f.parent {
		for i := len(f.names) - 1; i >= 0; i-- {
			if f.names[i] == name {
				return f.vals[i]
			}
		}
	}
	if ev.opts.Bindings != nil {
		if v, ok := ev.opts.Bindings(name); ok {
			return importValue(v)
		}
	}
	if fn != nil {
		return fn
	}
	if b, ok := builtins[name]; ok {
		return b
	}
	return undefined
}

// guard counts a step and checks the depth, step and time bounds.
func (ev *evaluator) guard() error {
	ev.steps++
	if ev.depth > ev.maxDepth {
		return errorValue("D1011", float64(ev.maxDepth))
	}
	if ev.maxSteps > 0 && ev.steps > ev.maxSteps {
		return errorValue("U1001", float64(ev.maxSteps))
	}
	if !ev.deadline.IsZero() && ev.steps&255 == 0 && time.Now().After(ev.deadline) {
		return errorValue("D1012", float64(ev.opts.Timeout.Milliseconds()))
	}
	return nil
}
