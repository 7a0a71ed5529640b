package engine

import (
	"github.com/stepwisehq/stepwise/asl"
	"github.com/stepwisehq/stepwise/expr/jtemplate"
	"github.com/stepwisehq/stepwise/value"
)

// tolerance is a Map's ToleratedFailureCount and ToleratedFailurePercentage.
type tolerance struct {
	count, percent       float64
	hasCount, hasPercent bool
}

// allows reports whether failed failures out of total stay within the
// tolerance.
func (t tolerance) allows(failed, total int) bool {
	if t.hasCount && float64(failed) <= t.count {
		return true
	}
	if t.hasPercent && total > 0 && float64(failed)*100/float64(total) <= t.percent {
		return true
	}
	return false
}

func (f *frame) mapConcurrency(s *asl.Map, in value.Value) (int, error) {
	switch {
	case s.MaxConcPath != nil:
		n, err := f.intAt(s.MaxConcPath, in, "MaxConcurrencyPath")
		return int(n), err
	case s.MaxConcExpr != nil:
		n, err := f.secondsExpr(s.MaxConcExpr, f.statesVar(), 0, "MaxConcurrency")
		return int(n), err
	}
	return int(s.MaxConcurrency), nil
}

func (f *frame) mapTolerance(s *asl.Map, in value.Value) (tolerance, error) {
	t := tolerance{
		count: float64(s.ToleratedFailureCount), hasCount: s.HasToleratedFailureCount,
		percent: s.ToleratedFailurePercentage, hasPercent: s.HasToleratedFailurePercentage,
	}
	if s.ToleratedFailureCountPath != nil {
		n, err := f.intAt(s.ToleratedFailureCountPath, in, "ToleratedFailureCountPath")
		if err != nil {
			return t, err
		}
		t.count, t.hasCount = float64(n), true
	}
	if s.ToleratedFailurePercentagePath != nil {
		v, err := s.ToleratedFailurePercentagePath.Select(f.env(in))
		if err != nil {
			return t, err
		}
		n, ok := v.(value.Number)
		if !ok {
			return t, runtimeError("The ToleratedFailurePercentagePath field refers to value %s which is not a valid number", value.String(v))
		}
		t.percent, t.hasPercent = n.Float64(), true
	}
	return t, nil
}

// intAt reads a non-negative integer at a path.
func (f *frame) intAt(p pathSelector, in value.Value, field string) (int64, error) {
	v, err := p.Select(f.env(in))
	if err != nil {
		return 0, err
	}
	n, ok := v.(value.Number)
	i, isInt := n.Int64()
	if !ok || !isInt || i < 0 {
		return 0, runtimeError("The %s field refers to value %s which is not a valid integer", field, value.String(v))
	}
	return i, nil
}

func (f *frame) mapItemsJSONata(s *asl.Map) (value.Value, []value.Value, error) {
	if s.ItemsExpr == nil {
		arr, ok := f.input.([]value.Value)
		if !ok {
			return nil, nil, queryError("The Map state's input must be an array when Items is not set, but was: %s", value.String(f.input))
		}
		return f.input, arr, nil
	}
	v, err := s.ItemsExpr.Eval(f.statesVar())
	if err != nil {
		return nil, nil, err
	}
	arr, ok := v.([]value.Value)
	if !ok {
		return nil, nil, queryError("The JSONata expression '%s' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '%s' for value: %s", s.ItemsExpr.Source(), jsonType(v), value.String(v))
	}
	return f.input, arr, nil
}

var _ = jtemplate.IsExpr
