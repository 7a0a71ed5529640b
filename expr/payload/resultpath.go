package payload

import (
	"github.com/stepwisehq/stepwise/expr"
	"github.com/stepwisehq/stepwise/expr/jsonpath"
	"github.com/stepwisehq/stepwise/value"
)

// ErrReferencePathConflict is the error AWS raises when a ResultPath cannot
// be applied to the state's input.
const ErrReferencePathConflict = "States.ReferencePathConflict"

// ResultPath is a compiled ResultPath: a reference path into the input
// where the state's result goes.
type ResultPath struct {
	path *jsonpath.Path
}

// CompileResultPath compiles a ResultPath. It must be a reference path
// rooted at "$": property names and single array indexes. (A JSON null
// ResultPath, which discards the result, is the engine's to handle.)
func CompileResultPath(src string) (*ResultPath, error) {
	p, err := jsonpath.Compile(src)
	if err == nil && !p.IsReference() {
		err = &jsonpath.SyntaxError{Path: src, Msg: "not a reference path"}
	}
	if err != nil {
		return nil, &CompileError{Field: "ResultPath", Msg: "The value for the field 'ResultPath' must be a valid ReferencePath", Err: err}
	}
	return &ResultPath{path: p}, nil
}

// String returns the source text.
func (r *ResultPath) String() string { return r.path.String() }

// Apply returns the state's output: result itself for "$", otherwise a copy
// of input with result placed at the path, objects on the way created as
// needed. input is not changed. When the path crosses a value that is not an
// object, it fails as AWS does:
//
//	States.ReferencePathConflict: Unable to apply ReferencePath $.a to input "text"
func (r *ResultPath) Apply(input, result value.Value) (value.Value, error) {
	if r.path.IsRoot() {
		return result, nil
	}
	out, err := r.path.Set(input, result)
	if err != nil {
		return nil, &expr.Error{Name: ErrReferencePathConflict, Cause: "Unable to apply ReferencePath " + r.path.String() + " to input " + value.String(input)}
	}
	return out, nil
}
