// Package jtemplate compiles the JSONata fields of ASL states (Arguments,
// Output, Assign, Condition, Items, ...): JSON values in which a string of the
// form "{% expression %}" is a JSONata expression, evaluated with $states and
// the workflow variables bound.
package jtemplate

import (
	"strings"

	"github.com/stepwisehq/stepwise/expr"
	"github.com/stepwisehq/stepwise/value"
)

// Template is a compiled JSONata field.
type Template struct {
	field string
	raw   value.Value
}

// IsExpr reports whether s is a "{% ... %}" expression string.
func IsExpr(s string) bool {
	return len(s) >= 4 && strings.HasPrefix(s, "{%") && strings.HasSuffix(s, "%}")
}

// Compile compiles the JSONata field named field holding v.
func Compile(field string, v value.Value) (*Template, error) {
	return &Template{field: field, raw: v}, nil
}

// Source returns the expression text of a single-expression template, or
// the JSON text of the template.
func (t *Template) Source() string {
	if s, ok := t.raw.(string); ok && IsExpr(s) {
		return strings.TrimSpace(s[2 : len(s)-2])
	}
	return value.String(t.raw)
}

// Env is what a template reads.
type Env struct {
	States value.Value
	Var    func(name string) (value.Value, bool)
}

// Eval evaluates the template.
func (t *Template) Eval(env *Env) (value.Value, error) {
	return nil, expr.Errorf(expr.ErrQueryEvaluation, "JSONata is not available yet")
}
