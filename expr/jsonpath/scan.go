package jsonpath

import (
	"math"

	"github.com/stepwisehq/stepwise/value"
)

// scan is the deep scan "..": it walks model and everything below it, in
// document order, and applies the token after the scan (token i+1) wherever
// Jayway's scan predicate for that token matches.
func (e *evaluator) scan(i int, model value.Value) error {
	return e.walk(i, model)
}

func (e *evaluator) walk(i int, model value.Value) error {
	switch m := model.(type) {
	case *value.Object:
		return e.walkObject(i, m)
	case []value.Value:
		return e.walkArray(i, m)
	}
	return nil
}

func (e *evaluator) walkObject(i int, obj *value.Object) error {
	if e.scanMatches(i, obj) {
		if err := e.run(i+1, obj); err != nil {
			return err
		}
	}
	for _, m := range obj.Members() {
		e.trail = append(e.trail, step{name: m.Key})
		err := e.walk(i, m.Value)
		e.trail = e.trail[:len(e.trail)-1]
		if err != nil {
			return err
		}
	}
	return nil
}

// walkArray applies the scanned token to an array that matches; when that
// token is not the last, Jayway hands each element straight to the token
// after it.
func (e *evaluator) walkArray(i int, arr []value.Value) error {
	if e.scanMatches(i, arr) {
		if err := e.scanArrayMatch(i, arr); err != nil {
			return err
		}
	}
	for n, v := range arr {
		e.trail = append(e.trail, step{index: n, isIdx: true})
		err := e.walk(i, v)
		e.trail = e.trail[:len(e.trail)-1]
		if err != nil {
			return err
		}
	}
	return nil
}

func (e *evaluator) scanArrayMatch(i int, arr []value.Value) error {
	if i+2 == len(e.p.toks) {
		return e.run(i+1, arr)
	}
	for n, v := range arr {
		e.trail = append(e.trail, step{index: n, isIdx: true})
		err := e.run(i+2, v)
		e.trail = e.trail[:len(e.trail)-1]
		if err != nil {
			return err
		}
	}
	return nil
}

// scanMatches is Jayway's scan predicate for the token after the scan.
func (e *evaluator) scanMatches(i int, model value.Value) bool {
	t := &e.p.toks[i+1]
	switch t.kind {
	case tokProp:
		obj, ok := model.(*value.Object)
		return ok && hasAll(obj, t.names)
	case tokIndex, tokSlice:
		_, ok := model.([]value.Value)
		return ok
	case tokWildcard:
		return true
	case tokFilter:
		return t.filter.accept(model, e.root)
	}
	return false
}

func hasAll(obj *value.Object, names []string) bool {
	for _, n := range names {
		if !obj.Has(n) {
			return false
		}
	}
	return true
}

// applyFunction runs a path function of Jayway 2.1 on model: length() of an
// array or object, and min(), max(), avg() and stddev() of the numbers in
// an array, as Java doubles.
func applyFunction(name string, model value.Value) (value.Value, error) {
	switch name {
	case "length":
		switch m := model.(type) {
		case []value.Value:
			return value.Int(int64(len(m))), nil
		case *value.Object:
			return value.Int(int64(m.Len())), nil
		}
		return nil, nil
	case "min", "max", "avg", "stddev":
		return aggregate(name, model)
	}
	return nil, &EvalError{Msg: "Function with name: " + name + " does not exists."}
}

func aggregate(name string, model value.Value) (value.Value, error) {
	var nums []float64
	if arr, ok := model.([]value.Value); ok {
		for _, v := range arr {
			if n, ok := v.(value.Number); ok {
				nums = append(nums, n.Float64())
			}
		}
	}
	f := fold(name, nums)
	if math.IsNaN(f) {
		return nil, &EvalError{Msg: "Aggregation function attempted to calculate value using empty array"}
	}
	return value.Number(javaDouble(f)), nil
}

// fold computes an aggregate the way Jayway's functions do, including
// their starting values (Java's Double.MAX_VALUE and Double.MIN_VALUE).
func fold(name string, nums []float64) float64 {
	switch name {
	case "min":
		m := math.MaxFloat64
		for _, n := range nums {
			m = math.Min(m, n)
		}
		return m
	case "max":
		m := math.SmallestNonzeroFloat64
		for _, n := range nums {
			m = math.Max(m, n)
		}
		return m
	}
	sum, sq := 0.0, 0.0
	for _, n := range nums {
		sum += n
		sq += n * n
	}
	count := float64(len(nums))
	if name == "avg" {
		return sum / count
	}
	avg := sum / count
	return math.Sqrt(sq/count - avg*avg)
}
