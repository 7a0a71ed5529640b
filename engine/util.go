package engine

import (
	"fmt"
	"time"

	"github.com/stepwisehq/stepwise/expr"
	"github.com/stepwisehq/stepwise/expr/payload"
	"github.com/stepwisehq/stepwise/value"
)

// pathSelector is a compiled path field.
type pathSelector = *payload.Path

// assignTemplate is a JSONPath Assign field.
type assignTemplate = *payload.Template

func secondsDuration(s int64) time.Duration { return time.Duration(s) * time.Second }

func queryError(format string, args ...any) error {
	return expr.Errorf(expr.ErrQueryEvaluation, format, args...)
}

// queryErrorAt is queryError for an expression of the named field.
func queryErrorAt(field, format string, args ...any) error {
	e := expr.Errorf(expr.ErrQueryEvaluation, format, args...)
	e.Location = field
	return e
}

// jsonType names a value's type the way AWS's JSONata messages do.
func jsonType(v value.Value) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case value.Number:
		return "number"
	case string:
		return "string"
	case []value.Value:
		return "array"
	case *value.Object:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

// assignPath evaluates a JSONPath state's Assign against the state result.
func (f *frame) assignPath(result value.Value) error {
	if t := f.base().AssignPath; t != nil {
		return f.assignWith(t, result)
	}
	return nil
}

// assignWith evaluates a JSONPath Assign with "$" as input and sets the
// variables.
func (f *frame) assignWith(t assignTemplate, input value.Value) error {
	v, err := t.Eval(f.env(input))
	if err != nil {
		return err
	}
	obj, _ := v.(*value.Object)
	f.commitAssign(obj)
	return nil
}
