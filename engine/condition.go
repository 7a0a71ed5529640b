package engine

import (
	"strings"
	"time"

	"github.com/stepwisehq/stepwise/asl"
	"github.com/stepwisehq/stepwise/expr"
	"github.com/stepwisehq/stepwise/value"
)

// evalCondition evaluates a JSONPath Choice rule.
func evalCondition(c asl.Condition, env *expr.Env) (bool, error) {
	switch c := c.(type) {
	case *asl.Not:
		ok, err := evalCondition(c.Rule, env)
		return !ok, err
	case *asl.And:
		for _, r := range c.Rules {
			if ok, err := evalCondition(r, env); err != nil || !ok {
				return false, err
			}
		}
		return true, nil
	case *asl.Or:
		for _, r := range c.Rules {
			if ok, err := evalCondition(r, env); err != nil || ok {
				return ok, err
			}
		}
		return false, nil
	case *asl.Comparison:
		return evalComparison(c, env)
	}
	return false, nil
}

func evalComparison(c *asl.Comparison, env *expr.Env) (bool, error) {
	v, err := c.Variable.Select(env)
	present := err == nil
	if c.Op.IsTypeTest() {
		return typeTest(c.Op, v, present) == c.Value.(bool), nil
	}
	if !present {
		return false, runtimeError("Invalid path '%s': The choice state's condition path references an invalid value.", c.Variable)
	}
	want := c.Value
	if c.ValuePath != nil {
		if want, err = c.ValuePath.Select(env); err != nil {
			return false, err
		}
	}
	return compare(c, v, want), nil
}

func typeTest(op asl.Operator, v value.Value, present bool) bool {
	switch op {
	case asl.OpIsPresent:
		return present
	case asl.OpIsNull:
		return present && v == nil
	case asl.OpIsNumeric:
		_, ok := v.(value.Number)
		return present && ok
	case asl.OpIsString:
		_, ok := v.(string)
		return present && ok
	case asl.OpIsBoolean:
		_, ok := v.(bool)
		return present && ok
	case asl.OpIsTimestamp:
		s, ok := v.(string)
		if !ok || !present {
			return false
		}
		_, err := asl.ParseTimestamp(s)
		return err == nil
	}
	return false
}

// compare applies a comparison operator. Values of the wrong type never
// match.
func compare(c *asl.Comparison, v, want value.Value) bool {
	switch c.Op {
	case asl.OpStringMatches:
		s, ok := v.(string)
		return ok && c.Pattern.Match(s)
	case asl.OpBooleanEquals:
		a, ok1 := v.(bool)
		b, ok2 := want.(bool)
		return ok1 && ok2 && a == b
	case asl.OpStringEquals, asl.OpStringLessThan, asl.OpStringGreaterThan,
		asl.OpStringLessThanEquals, asl.OpStringGreaterThanEquals:
		a, ok1 := v.(string)
		b, ok2 := want.(string)
		return ok1 && ok2 && ordered(c.Op-asl.OpStringEquals, strings.Compare(a, b))
	case asl.OpNumericEquals, asl.OpNumericLessThan, asl.OpNumericGreaterThan,
		asl.OpNumericLessThanEquals, asl.OpNumericGreaterThanEquals:
		a, ok1 := v.(value.Number)
		b, ok2 := want.(value.Number)
		return ok1 && ok2 && ordered(c.Op-asl.OpNumericEquals, cmpFloat(a.Float64(), b.Float64()))
	}
	return compareTimestamps(c.Op-asl.OpTimestampEquals, v, want)
}

func compareTimestamps(rel asl.Operator, v, want value.Value) bool {
	a, ok1 := timestamp(v)
	b, ok2 := timestamp(want)
	return ok1 && ok2 && ordered(rel, a.Compare(b))
}

func timestamp(v value.Value) (time.Time, bool) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, false
	}
	t, err := asl.ParseTimestamp(s)
	return t, err == nil
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// ordered tells whether cmp satisfies the relation rel: 0 Equals,
// 1 LessThan, 2 GreaterThan, 3 LessThanEquals, 4 GreaterThanEquals (the
// order of each operator family).
func ordered(rel asl.Operator, cmp int) bool {
	switch rel {
	case 0:
		return cmp == 0
	case 1:
		return cmp < 0
	case 2:
		return cmp > 0
	case 3:
		return cmp <= 0
	}
	return cmp >= 0
}

func runtimeError(format string, args ...any) error {
	return expr.Errorf(expr.ErrRuntime, format, args...)
}
