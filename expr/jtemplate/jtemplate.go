// Package jtemplate compiles the JSONata fields of ASL states (Arguments,
// Output, Assign, Condition, Items, ...): JSON values in which a string of the
// form "{% expression %}" is a JSONata expression, evaluated with $states and
// the workflow variables bound. Other values are literals.
package jtemplate

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/stepwisehq/stepwise/expr"
	"github.com/stepwisehq/stepwise/expr/jsonata"
	"github.com/stepwisehq/stepwise/value"
)

// Template is a compiled JSONata field. It is immutable and safe for
// concurrent use.
type Template struct {
	field string
	raw   value.Value
	root  *node
}

type nodeKind uint8

const (
	literal nodeKind = iota
	expression
	object
	array
)

type node struct {
	kind nodeKind
	lit  value.Value
	ex   *jsonata.Expr
	src  string // the expression text, for messages
	path string // the field path, e.g. Output/result
	keys []string
	kids []*node
}

// IsExpr reports whether s is a "{% ... %}" expression string.
func IsExpr(s string) bool {
	return len(s) >= 4 && strings.HasPrefix(s, "{%") && strings.HasSuffix(s, "%}")
}

// CompileError is a JSONata expression of a field that does not compile.
type CompileError struct {
	Field string
	Src   string
	Err   error
}

func (e *CompileError) Error() string {
	return fmt.Sprintf("The JSONata expression '%s' specified for the field '%s' is invalid: %v", e.Src, e.Field, e.Err)
}

func (e *CompileError) Unwrap() error { return e.Err }

// Compile compiles the JSONata field named field holding v.
func Compile(field string, v value.Value) (*Template, error) {
	root, err := compile(field, v)
	if err != nil {
		return nil, err
	}
	return &Template{field: field, raw: v, root: root}, nil
}

func compile(path string, v value.Value) (*node, error) {
	switch x := v.(type) {
	case string:
		if !IsExpr(x) {
			return &node{kind: literal, lit: x}, nil
		}
		src := strings.TrimSpace(x[2 : len(x)-2])
		ex, err := jsonata.Compile(src)
		if err != nil {
			return nil, &CompileError{Field: path, Src: src, Err: err}
		}
		return &node{kind: expression, ex: ex, src: src, path: path}, nil
	case []value.Value:
		n := &node{kind: array, path: path}
		for i, e := range x {
			kid, err := compile(path+"["+strconv.Itoa(i)+"]", e)
			if err != nil {
				return nil, err
			}
			n.kids = append(n.kids, kid)
		}
		return n.foldConstant(v), nil
	case *value.Object:
		n := &node{kind: object, path: path}
		for _, m := range x.Members() {
			kid, err := compile(path+"/"+m.Key, m.Value)
			if err != nil {
				return nil, err
			}
			n.keys = append(n.keys, m.Key)
			n.kids = append(n.kids, kid)
		}
		return n.foldConstant(v), nil
	}
	return &node{kind: literal, lit: v}, nil
}

// foldConstant turns a container without expressions into a literal.
func (n *node) foldConstant(v value.Value) *node {
	for _, k := range n.kids {
		if k.kind != literal {
			return n
		}
	}
	return &node{kind: literal, lit: v}
}

// Source returns the expression text of a single-expression template, or
// the JSON text of the template.
func (t *Template) Source() string {
	if t.root.kind == expression {
		return t.root.src
	}
	return value.String(t.raw)
}

// IsExpression reports whether the template is one "{% %}" expression.
func (t *Template) IsExpression() bool { return t.root.kind == expression }

// Env is what a template reads.
type Env struct {
	// States is the value of $states: input, context, and result or
	// errorOutput where the field may read them.
	States value.Value
	// Var returns a workflow variable.
	Var func(name string) (value.Value, bool)
	// Now is the time $now() reports (zero: the current time).
	Now time.Time
	// Rand is the source of $random() and $uuid() (nil: math/rand).
	Rand func() float64
}

// Limits on one expression's evaluation: a hostile expression ends with
// States.QueryEvaluationError instead of hanging.
const (
	maxSteps = 10_000_000
	timeout  = 10 * time.Second
)

// Eval evaluates the template.
func (t *Template) Eval(env *Env) (value.Value, error) {
	opts := &jsonata.Options{
		Bindings: func(name string) (value.Value, bool) {
			if name == "states" {
				return env.States, true
			}
			if env.Var != nil {
				return env.Var(name)
			}
			return nil, false
		},
		Now: env.Now, Rand: env.Rand, MaxSteps: maxSteps, Timeout: timeout,
	}
	if env.States != nil {
		if in, ok := env.States.(*value.Object); ok {
			if v, ok := in.Get("input"); ok {
				return t.root.eval(v, opts)
			}
		}
	}
	return t.root.eval(nil, opts)
}

func (n *node) eval(input value.Value, opts *jsonata.Options) (value.Value, error) {
	switch n.kind {
	case literal:
		return n.lit, nil
	case expression:
		return n.evalExpr(input, opts)
	case array:
		out := make([]value.Value, len(n.kids))
		for i, k := range n.kids {
			v, err := k.eval(input, opts)
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		return out, nil
	}
	b := value.NewObjectBuilder(len(n.kids))
	for i, k := range n.kids {
		v, err := k.eval(input, opts)
		if err != nil {
			return nil, err
		}
		b.Add(n.keys[i], v)
	}
	return b.Build(), nil
}

func (n *node) evalExpr(input value.Value, opts *jsonata.Options) (value.Value, error) {
	v, defined, err := n.ex.Eval(input, opts)
	if err != nil {
		var je *jsonata.Error
		msg := err.Error()
		if errors.As(err, &je) {
			msg = je.Error()
		}
		return nil, n.fail("threw an error during evaluation. %s", msg)
	}
	if !defined {
		return nil, n.fail("returned nothing (undefined).")
	}
	if jsonata.IsFunction(v) {
		return nil, n.fail("returned an unsupported result type.")
	}
	return v, nil
}

func (n *node) fail(format string, args ...any) error {
	e := expr.Errorf(expr.ErrQueryEvaluation, "The JSONata expression '%s' specified for the field '%s' "+format, append([]any{n.src, n.path}, args...)...)
	e.Location = n.path
	return e
}
