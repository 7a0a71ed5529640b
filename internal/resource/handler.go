package resource

import (
	"context"
	"errors"
	"fmt"

	"github.com/stepwisehq/stepwise/value"
)

// HandlerFunc is a task implemented in Go: it gets the task's effective
// input and returns its result. Returning a *Failure fails the task with that
// error name and cause; any other error fails it with States.TaskFailed and
// the error's text as the cause. The result may also be built from Go's
// encoding/json types (map[string]any, []any, float64, json.Number, int);
// it is converted to a value.Value.
type HandlerFunc func(ctx context.Context, input value.Value) (value.Value, error)

// maxResultDepth bounds the nesting of a handler's result, as value.Parse
// bounds its input; it also stops a result that contains itself.
const maxResultDepth = 10000

// Invoke calls f with the request's input and turns its error into a
// *Failure, except for the context's own error once it is done.
func (f HandlerFunc) Invoke(ctx context.Context, req *Request) (out value.Value, err error) {
	defer func() {
		if p := recover(); p != nil {
			out, err = nil, Fail(ErrorTaskFailed, fmt.Sprintf("panic: %v", p))
		}
	}()
	out, err = f(ctx, req.Input)
	if err != nil {
		return nil, asFailure(ctx, err)
	}
	return checkResult(out)
}

func asFailure(ctx context.Context, err error) error {
	var f *Failure
	if errors.As(err, &f) {
		return f
	}
	if ctxErr := ctx.Err(); ctxErr != nil && errors.Is(err, ctxErr) {
		return err
	}
	return Fail(ErrorTaskFailed, err.Error())
}

// shape classifies a Go value as a result.
type shape uint8

const (
	shapeValue shape = iota // a value.Value all through
	shapeGo                 // value.FromGo can convert it
	shapeBad                // neither
)

// checkResult returns a handler's result as a value.Value, or fails with
// States.Runtime when it cannot be one.
func checkResult(out any) (value.Value, error) {
	switch shapeOf(out, 0) {
	case shapeValue:
		return out, nil
	case shapeGo:
		if v, err := value.FromGo(out); err == nil {
			return v, nil
		}
	}
	return nil, Fail(ErrorRuntime, fmt.Sprintf("The task's result of type %T is not a JSON value", out))
}

func shapeOf(v any, depth int) shape {
	if depth > maxResultDepth {
		return shapeBad
	}
	switch x := v.(type) {
	case nil, bool, string, value.Number:
		return shapeValue
	case []any:
		return shapeOfAll(len(x), func(i int) any { return x[i] }, depth)
	case *value.Object:
		ms := x.Members()
		if s := shapeOfAll(len(ms), func(i int) any { return ms[i].Value }, depth); s != shapeValue {
			return shapeBad // FromGo does not look inside objects
		}
		return shapeValue
	case map[string]any:
		for _, e := range x {
			if shapeOf(e, depth+1) == shapeBad {
				return shapeBad
			}
		}
		return shapeGo
	case float64, int, int64, fmt.Stringer:
		return shapeGo
	}
	return shapeBad
}

func shapeOfAll(n int, at func(int) any, depth int) shape {
	worst := shapeValue
	for i := range n {
		worst = max(worst, shapeOf(at(i), depth+1))
		if worst == shapeBad {
			break
		}
	}
	return worst
}
