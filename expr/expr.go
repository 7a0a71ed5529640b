// Package expr holds what the expression packages below it share: the error
// they report when an expression fails at run time, named as ASL names it.
//
// The packages under expr compile an expression once, when a definition is
// loaded, into an immutable program that is safe for concurrent use, and
// evaluate it many times:
//
//	expr/jsonpath   reference paths and full JSONPath
//	expr/intrinsic  the States.* intrinsic functions
//	expr/payload    Parameters/ResultSelector/ItemSelector templates, ResultPath
//	expr/jsonata    JSONata 2.x
package expr

import "github.com/stepwisehq/stepwise/value"

// ASL's predefined error names that expressions raise.
const (
	ErrRuntime           = "States.Runtime"
	ErrIntrinsicFailure  = "States.IntrinsicFailure"
	ErrQueryEvaluation   = "States.QueryEvaluationError"
	ErrDataLimitExceeded = "States.DataLimitExceeded"
)

// Error is an expression failure at run time: an ASL error name and the
// cause text AWS reports, without the "An error occurred while executing
// the state ..." prefix, which the engine adds.
type Error struct {
	Name  string // e.g. States.Runtime
	Cause string // e.g. Invalid path '$.x' : No results for path: $['x']
	// Location is the field the failing expression is in, e.g.
	// Output/result, when known (AWS reports it in EvaluationFailed events).
	Location string
}

func (e *Error) Error() string { return e.Name + ": " + e.Cause }

// Errorf returns an *Error with the given name and cause.
func Errorf(name, format string, args ...any) *Error {
	return &Error{Name: name, Cause: sprintf(format, args...)}
}

// Env is what a JSONPath-era expression reads: the state's effective input
// ($), the context object ($$) and workflow variables ($name).
type Env struct {
	// Input is the value "$" refers to.
	Input value.Value
	// Context returns the context object "$$" refers to. It is a function so
	// that the object is built only when an expression reads it.
	Context func() value.Value
	// Var returns a workflow variable; nil when no variable is in scope.
	Var func(name string) (value.Value, bool)
}

// ContextObject returns the context object, or null when there is none.
func (e *Env) ContextObject() value.Value {
	if e == nil || e.Context == nil {
		return nil
	}
	return e.Context()
}
