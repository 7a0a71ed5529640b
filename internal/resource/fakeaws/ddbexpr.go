package fakeaws

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/stepwisehq/stepwise/value"
)

// A small subset of DynamoDB's expressions, on top-level attributes:
// conditions with =, <>, <, <=, >, >=, BETWEEN, attribute_exists,
// attribute_not_exists, begins_with and contains joined by AND (and NOT),
// and updates with SET (operands, +, -, if_not_exists, list_append) and
// REMOVE.

// exprError is an expression error, worded as DynamoDB words it.
type exprError string

func (e exprError) Error() string { return string(e) }

func exprErrorf(format string, args ...any) error { return exprError(fmt.Sprintf(format, args...)) }

// exprEnv resolves #names and :values.
type exprEnv struct {
	names, values *value.Object
}

func newExprEnv(in *value.Object) exprEnv {
	return exprEnv{names: objectField(in, "ExpressionAttributeNames"), values: objectField(in, "ExpressionAttributeValues")}
}

func (env exprEnv) name(tok string) (string, error) {
	if strings.ContainsAny(tok, ".[") {
		return "", exprErrorf("fakeaws: nested path %s is not supported", tok)
	}
	if !strings.HasPrefix(tok, "#") {
		return tok, nil
	}
	if n, ok := text(env.names, tok); ok {
		return n, nil
	}
	return "", exprErrorf("An expression attribute name used in the document path is not defined; attribute name: %s", tok)
}

// operand is an attribute path or a :value.
type operand struct {
	path string
	val  value.Value
}

func (env exprEnv) operand(tok string) (operand, error) {
	if strings.HasPrefix(tok, ":") {
		v, ok := env.values.Get(tok)
		if env.values == nil || !ok {
			return operand{}, exprErrorf("An expression attribute value used in expression is not defined; attribute value: %s", tok)
		}
		return operand{val: v}, nil
	}
	n, err := env.name(tok)
	return operand{path: n}, err
}

func (o operand) eval(item *value.Object) value.Value {
	if o.path == "" {
		return o.val
	}
	return field(item, o.path)
}

// tokenize splits an expression into words and symbols.
func tokenize(s string) []string {
	var toks []string
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			i++
		case strings.HasPrefix(s[i:], "<>") || strings.HasPrefix(s[i:], "<=") || strings.HasPrefix(s[i:], ">="):
			toks, i = append(toks, s[i:i+2]), i+2
		case strings.IndexByte("()=<>,+-", c) >= 0:
			toks, i = append(toks, s[i:i+1]), i+1
		default:
			j := i
			for j < len(s) && strings.IndexByte(" \t\n()=<>,+-", s[j]) < 0 {
				j++
			}
			toks, i = append(toks, s[i:j]), j
		}
	}
	return toks
}

// condition is a parsed condition: a conjunction of tests.
type condition struct{ tests []func(*value.Object) bool }

func (c condition) match(item *value.Object) bool {
	for _, t := range c.tests {
		if !t(item) {
			return false
		}
	}
	return true
}

type parser struct {
	toks []string
	pos  int
	env  exprEnv
}

func (p *parser) next() string {
	if p.pos >= len(p.toks) {
		return ""
	}
	p.pos++
	return p.toks[p.pos-1]
}

func (p *parser) peek() string {
	if p.pos >= len(p.toks) {
		return ""
	}
	return p.toks[p.pos]
}

func (p *parser) expect(tok string) error {
	if got := p.next(); !strings.EqualFold(got, tok) {
		return exprErrorf("Syntax error; token: %q, near: %q", got, tok)
	}
	return nil
}

func parseCondition(expr string, env exprEnv) (condition, error) {
	p := &parser{toks: tokenize(expr), env: env}
	var c condition
	for {
		t, err := p.test()
		if err != nil {
			return condition{}, err
		}
		c.tests = append(c.tests, t)
		if p.peek() == "" {
			return c, nil
		}
		if err := p.expect("AND"); err != nil {
			return condition{}, err
		}
	}
}

func (p *parser) test() (func(*value.Object) bool, error) {
	tok := p.next()
	switch strings.ToLower(tok) {
	case "not":
		t, err := p.test()
		return func(i *value.Object) bool { return !t(i) }, err
	case "(":
		c, err := p.group()
		return c.match, err
	case "attribute_exists", "attribute_not_exists", "begins_with", "contains":
		return p.function(strings.ToLower(tok))
	case "":
		return nil, exprError("Syntax error; token: <EOF>")
	}
	left, err := p.env.operand(tok)
	if err != nil {
		return nil, err
	}
	return p.comparison(left)
}

func (p *parser) group() (condition, error) {
	var c condition
	for {
		t, err := p.test()
		if err != nil {
			return c, err
		}
		c.tests = append(c.tests, t)
		if p.peek() == ")" {
			p.next()
			return c, nil
		}
		if err := p.expect("AND"); err != nil {
			return c, err
		}
	}
}

func (p *parser) function(name string) (func(*value.Object) bool, error) {
	if err := p.expect("("); err != nil {
		return nil, err
	}
	path, err := p.env.operand(p.next())
	if err != nil {
		return nil, err
	}
	var arg operand
	if name == "begins_with" || name == "contains" {
		if err := p.expect(","); err != nil {
			return nil, err
		}
		if arg, err = p.env.operand(p.next()); err != nil {
			return nil, err
		}
	}
	if err := p.expect(")"); err != nil {
		return nil, err
	}
	return func(item *value.Object) bool {
		v := path.eval(item)
		switch name {
		case "attribute_exists":
			return v != nil
		case "attribute_not_exists":
			return v == nil
		case "begins_with":
			return strings.HasPrefix(scalarText(v), scalarText(arg.eval(item))) && v != nil
		}
		return v != nil && strings.Contains(value.String(v), scalarText(arg.eval(item)))
	}, nil
}

func (p *parser) comparison(left operand) (func(*value.Object) bool, error) {
	op := p.next()
	if strings.EqualFold(op, "BETWEEN") {
		lo, err := p.env.operand(p.next())
		if err != nil {
			return nil, err
		}
		if err := p.expect("AND"); err != nil {
			return nil, err
		}
		hi, err := p.env.operand(p.next())
		return func(i *value.Object) bool {
			v := left.eval(i)
			return v != nil && compareAttr(v, lo.eval(i)) >= 0 && compareAttr(v, hi.eval(i)) <= 0
		}, err
	}
	right, err := p.env.operand(p.next())
	if err != nil {
		return nil, err
	}
	cmp, ok := comparators[op]
	if !ok {
		return nil, exprErrorf("Syntax error; token: %q", op)
	}
	return func(i *value.Object) bool {
		a, b := left.eval(i), right.eval(i)
		return a != nil && b != nil && cmp(compareAttr(a, b), value.Equal(a, b))
	}, nil
}

var comparators = map[string]func(c int, eq bool) bool{
	"=": func(_ int, eq bool) bool { return eq }, "<>": func(_ int, eq bool) bool { return !eq },
	"<": func(c int, _ bool) bool { return c < 0 }, "<=": func(c int, _ bool) bool { return c <= 0 },
	">": func(c int, _ bool) bool { return c > 0 }, ">=": func(c int, _ bool) bool { return c >= 0 },
}

// scalarText returns the text of an S or N attribute value.
func scalarText(v value.Value) string {
	o, _ := v.(*value.Object)
	if s, ok := text(o, "S"); ok {
		return s
	}
	s, _ := text(o, "N")
	return s
}

// compareAttr orders attribute values: numbers by value, others by text.
func compareAttr(a, b value.Value) int {
	ao, _ := a.(*value.Object)
	bo, _ := b.(*value.Object)
	an, aok := text(ao, "N")
	bn, bok := text(bo, "N")
	if aok && bok {
		x, _ := strconv.ParseFloat(an, 64)
		y, _ := strconv.ParseFloat(bn, 64)
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	}
	return strings.Compare(scalarText(a), scalarText(b))
}

// applyUpdate applies an UpdateExpression, returning the new item and the
// names of the attributes it set or removed.
func applyUpdate(item *value.Object, expr string, env exprEnv) (*value.Object, []string, error) {
	p := &parser{toks: tokenize(expr), env: env}
	var changed []string
	for p.peek() != "" {
		clause := strings.ToUpper(p.next())
		var err error
		switch clause {
		case "SET":
			item, changed, err = p.setActions(item, changed)
		case "REMOVE":
			item, changed, err = p.removeActions(item, changed)
		default:
			err = exprErrorf("fakeaws: update clause %q is not supported", clause)
		}
		if err != nil {
			return nil, nil, err
		}
	}
	return item, changed, nil
}

func isClause(tok string) bool {
	return slices.Contains([]string{"SET", "REMOVE", "ADD", "DELETE"}, strings.ToUpper(tok))
}

func (p *parser) setActions(item *value.Object, changed []string) (*value.Object, []string, error) {
	for {
		name, err := p.env.name(p.next())
		if err != nil {
			return nil, nil, err
		}
		if err := p.expect("="); err != nil {
			return nil, nil, err
		}
		v, err := p.valueExpr(item)
		if err != nil {
			return nil, nil, err
		}
		item, changed = item.With(name, v), append(changed, name)
		if p.peek() != "," {
			return item, changed, nil
		}
		p.next()
	}
}

func (p *parser) removeActions(item *value.Object, changed []string) (*value.Object, []string, error) {
	for {
		name, err := p.env.name(p.next())
		if err != nil {
			return nil, nil, err
		}
		item, changed = item.Without(name), append(changed, name)
		if p.peek() != "," || isClause(p.peek()) {
			return item, changed, nil
		}
		p.next()
	}
}

func (p *parser) valueExpr(item *value.Object) (value.Value, error) {
	tok := p.next()
	switch strings.ToLower(tok) {
	case "if_not_exists", "list_append":
		return p.valueFunction(strings.ToLower(tok), item)
	}
	left, err := p.env.operand(tok)
	if err != nil {
		return nil, err
	}
	if op := p.peek(); op == "+" || op == "-" {
		p.next()
		right, err := p.env.operand(p.next())
		if err != nil {
			return nil, err
		}
		return arithmetic(left.eval(item), right.eval(item), op)
	}
	return left.eval(item), nil
}

func (p *parser) valueFunction(name string, item *value.Object) (value.Value, error) {
	if err := p.expect("("); err != nil {
		return nil, err
	}
	a, err := p.env.operand(p.next())
	if err != nil {
		return nil, err
	}
	if err := p.expect(","); err != nil {
		return nil, err
	}
	b, err := p.env.operand(p.next())
	if err != nil {
		return nil, err
	}
	if err := p.expect(")"); err != nil {
		return nil, err
	}
	if name == "if_not_exists" {
		if v := a.eval(item); v != nil {
			return v, nil
		}
		return b.eval(item), nil
	}
	la, _ := field(asObject(a.eval(item)), "L").([]value.Value)
	lb, _ := field(asObject(b.eval(item)), "L").([]value.Value)
	return obj(member("L", slices.Concat(la, lb))), nil
}

func asObject(v value.Value) *value.Object {
	o, _ := v.(*value.Object)
	return o
}

func arithmetic(a, b value.Value, op string) (value.Value, error) {
	an, aok := text(asObject(a), "N")
	bn, bok := text(asObject(b), "N")
	if !aok || !bok {
		return nil, exprError("An operand in the update expression has an incorrect data type")
	}
	x, _ := strconv.ParseFloat(an, 64)
	y, _ := strconv.ParseFloat(bn, 64)
	if op == "-" {
		y = -y
	}
	return obj(member("N", strconv.FormatFloat(x+y, 'f', -1, 64))), nil
}
