package asl

import (
	"strings"

	"github.com/stepwisehq/stepwise/expr/payload"
	"github.com/stepwisehq/stepwise/value"
)

func (r *stateReader) choice() State {
	r.io(true)
	s := &Choice{}
	s.Default, _ = r.f.str("Default")
	if !r.f.has("Choices") {
		r.p.ds.schema(r.loc, "The field 'Choices' is required but was missing")
	}
	for _, f := range r.elements("Choices") {
		rule := ChoiceRule{}
		rule.Next, _ = f.requiredStr("Next")
		if r.jsonata() {
			rule.Expr = r.condition(f)
			if v, ok := f.get("Output"); ok {
				rule.Output = r.compileTemplate("Output", v)
			}
		} else {
			rule.Condition = r.rule(f)
		}
		if v, ok := f.get("Assign"); ok {
			if r.jsonata() {
				rule.Assign = r.compileTemplate("Assign", v)
			} else {
				rule.AssignPath = r.payloadTemplate("Assign", v)
			}
		}
		f.ignore("Comment")
		f.unsupported()
		s.Choices = append(s.Choices, rule)
	}
	s.Base = r.base
	return s
}

func (r *stateReader) condition(f *fields) *Template {
	v, ok := f.get("Condition")
	if !ok {
		r.p.ds.schema(f.loc, "The field 'Condition' is required but was missing")
		return nil
	}
	if s, isStr := v.(string); !isStr || !strings.HasPrefix(s, "{%") {
		if _, isBool := v.(bool); !isBool {
			r.p.ds.schema(f.loc+"/Condition", "The value for the field 'Condition' must be a JSONata expression or a BOOLEAN")
			return nil
		}
	}
	return r.compileTemplate("Condition", v)
}

// rule reads a JSONPath choice rule (or a nested rule inside And/Or/Not).
func (r *stateReader) rule(f *fields) Condition {
	f.ignore("Comment")
	switch {
	case f.has("And"), f.has("Or"):
		name := "And"
		if f.has("Or") {
			name = "Or"
		}
		rules := r.subRules(f, name)
		if name == "And" {
			return &And{Rules: rules}
		}
		return &Or{Rules: rules}
	case f.has("Not"):
		obj, ok := f.object("Not")
		if !ok {
			return nil
		}
		sub := newFields(obj, f.loc+"/Not", f.ds)
		c := r.rule(sub)
		sub.unsupported()
		return &Not{Rule: c}
	}
	return r.comparison(f)
}

func (r *stateReader) subRules(f *fields, name string) []Condition {
	arr, _ := f.array(name)
	out := make([]Condition, 0, len(arr))
	for i, e := range arr {
		loc := f.loc + "/" + name + "[" + itoa(i) + "]"
		obj, ok := e.(*value.Object)
		if !ok {
			f.ds.schema(loc, "The value must be an OBJECT")
			continue
		}
		sub := newFields(obj, loc, f.ds)
		out = append(out, r.rule(sub))
		sub.unsupported()
	}
	return out
}

// comparison reads Variable and exactly one operator.
func (r *stateReader) comparison(f *fields) Condition {
	c := &Comparison{}
	vs, ok := f.requiredStr("Variable")
	if ok {
		p, err := payload.CompilePath("Variable", vs)
		if err != nil {
			f.ds.schema(f.loc+"/Variable", "%s", compileMessage(err))
		}
		c.Variable = p
	}
	found := 0
	for _, m := range f.obj.Members() {
		op, isPath := parseOperator(m.Key)
		if op == 0 {
			continue
		}
		found++
		f.get(m.Key)
		c.Op = op
		r.operand(f, c, m, isPath)
	}
	if found != 1 {
		f.ds.schema(f.loc, "A choice rule must have exactly one comparison operator")
	}
	return c
}

func (r *stateReader) operand(f *fields, c *Comparison, m value.Member, isPath bool) {
	loc := f.loc + "/" + m.Key
	if isPath {
		s, ok := m.Value.(string)
		if !ok {
			f.ds.schema(loc, "The value for the field '%s' must be a STRING", m.Key)
			return
		}
		p, err := payload.CompilePath(m.Key, s)
		if err != nil {
			f.ds.schema(loc, "%s", compileMessage(err))
		}
		c.ValuePath = p
		return
	}
	if value.KindOf(m.Value) != c.Op.operand() {
		f.ds.schema(loc, "The value for the field '%s' must be a %s", m.Key, strings.ToUpper(c.Op.operand().String()))
		return
	}
	c.Value = m.Value
	switch c.Op {
	case OpStringMatches:
		c.Pattern = CompileWildcard(m.Value.(string))
	case OpTimestampEquals, OpTimestampLessThan, OpTimestampGreaterThan,
		OpTimestampLessThanEquals, OpTimestampGreaterThanEquals:
		if _, err := ParseTimestamp(m.Value.(string)); err != nil {
			f.ds.schema(loc, "The value for the field '%s' must be a valid timestamp", m.Key)
		}
	}
}

// parseOperator recognises an operator field name, with or without its
// Path suffix.
func parseOperator(name string) (op Operator, isPath bool) {
	base, isPath := strings.CutSuffix(name, "Path")
	for i := 1; i < len(operatorNames); i++ {
		if operatorNames[i] == name {
			return Operator(i), false
		}
		if isPath && operatorNames[i] == base && Operator(i).HasPathVariant() {
			return Operator(i), true
		}
	}
	return 0, false
}
