// Package payload moves data through JSONPath-era ASL states: the path
// fields (InputPath, OutputPath, ItemsPath, ErrorPath, ...), the payload
// templates (Parameters, ItemSelector, ResultSelector, and Assign, whose
// "x.$" keys hold a path or an intrinsic function call) and ResultPath.
// Everything is compiled once from the definition into immutable values
// that are safe for concurrent use, and fails with AWS's error names and
// causes, e.g. for an InputPath:
//
//	States.Runtime: Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']
//
// and for a template:
//
//	States.Runtime: The JSONPath '$.x' specified for the field 'x.$' could not be found in the input '{}'
package payload

import (
	"strings"

	"github.com/stepwisehq/stepwise/expr"
	"github.com/stepwisehq/stepwise/expr/intrinsic"
	"github.com/stepwisehq/stepwise/expr/jsonpath"
	"github.com/stepwisehq/stepwise/value"
)

// CompileError reports a definition field AWS rejects, with AWS's message,
// e.g. "The value for the field 'parsed.$' must be a valid JSONPath or a
// valid intrinsic function call". The validator adds the location.
type CompileError struct {
	Field string // the field named in Msg: an ASL field or a template key
	Msg   string // AWS's message
	Err   error  // the underlying syntax error
}

func (e *CompileError) Error() string { return e.Msg }

func (e *CompileError) Unwrap() error { return e.Err }

// Path is a compiled path field: "$..." (the input), "$$..." (the context
// object) or "$name..." (a variable). ErrorPath and CausePath may also hold
// an intrinsic function call.
type Path struct {
	field string
	ref   *jsonpath.Ref
	call  *intrinsic.Call
}

// CompilePath compiles the path src of the ASL field named field.
func CompilePath(field, src string) (*Path, error) {
	if allowsCall(field) && intrinsic.IsCall(src) {
		c, err := intrinsic.Compile(src)
		if err != nil {
			return nil, &CompileError{Field: field, Msg: "The value for the field '" + field + "' must be a valid JSONPath or a valid intrinsic function call", Err: err}
		}
		return &Path{field: field, call: c}, nil
	}
	ref, err := jsonpath.CompileRef(src)
	if err != nil {
		return nil, &CompileError{Field: field, Msg: "The value for the field '" + field + "' must be a valid JSONPath", Err: err}
	}
	return &Path{field: field, ref: ref}, nil
}

// CompileReferencePath compiles a field that takes a reference path, such
// as ItemsPath: names and single indexes only.
func CompileReferencePath(field, src string) (*Path, error) {
	ref, err := jsonpath.CompileRef(src)
	if err == nil && !ref.Path.IsReference() {
		err = &jsonpath.SyntaxError{Path: src, Msg: "not a reference path"}
	}
	if err != nil {
		return nil, &CompileError{Field: field, Msg: "The value for the field '" + field + "' must be a valid ReferencePath", Err: err}
	}
	return &Path{field: field, ref: ref}, nil
}

// allowsCall reports whether a path field may hold an intrinsic call.
func allowsCall(field string) bool { return field == "ErrorPath" || field == "CausePath" }

// String returns the source text.
func (p *Path) String() string {
	if p.call != nil {
		return p.call.String()
	}
	return p.ref.String()
}

// Ref returns the compiled path, or nil for an intrinsic call.
func (p *Path) Ref() *jsonpath.Ref { return p.ref }

// IsRoot reports whether the path is "$", which selects the input as is.
func (p *Path) IsRoot() bool {
	return p.ref != nil && p.ref.Root == jsonpath.RootInput && p.ref.Path.IsRoot()
}

// Select applies the path to env. Failures are *expr.Error with AWS's
// cause for the field.
func (p *Path) Select(env *expr.Env) (value.Value, error) {
	return p.SelectRand(env, nil)
}

// SelectRand is Select with r as the source of the randomness of an
// intrinsic function call (ErrorPath and CausePath may hold one); nil means
// the operating system's.
func (p *Path) SelectRand(env *expr.Env, r intrinsic.Rand) (value.Value, error) {
	if p.call != nil {
		return p.call.EvalRand(env, r)
	}
	root, ok := rootValue(env, p.ref)
	if !ok {
		return nil, p.fail(env, &jsonpath.NoResultError{Normalized: "$"})
	}
	v, err := p.ref.Path.Eval(root)
	if err != nil {
		return nil, p.fail(env, err)
	}
	return v, nil
}

func (p *Path) fail(env *expr.Env, err error) error {
	if allowsCall(p.field) {
		return notFound(env, p.ref.String(), p.field)
	}
	return &expr.Error{Name: expr.ErrRuntime, Cause: "Invalid path '" + p.ref.String() + "' : " + err.Error()}
}

// notFound is AWS's cause for a template path, ErrorPath or CausePath that
// selects nothing; it prints the state's input.
func notFound(env *expr.Env, src, field string) error {
	return &expr.Error{Name: expr.ErrRuntime, Cause: "The JSONPath '" + strings.TrimSpace(src) + "' specified for the field '" + field + "' could not be found in the input '" + value.String(input(env)) + "'"}
}

func input(env *expr.Env) value.Value {
	if env == nil {
		return nil
	}
	return env.Input
}

// rootValue is the value r's path applies to; ok is false for a variable
// that is not in scope.
func rootValue(env *expr.Env, r *jsonpath.Ref) (value.Value, bool) {
	switch r.Root {
	case jsonpath.RootContext:
		return env.ContextObject(), true
	case jsonpath.RootVariable:
		if env == nil || env.Var == nil {
			return nil, false
		}
		return env.Var(r.Var)
	}
	return input(env), true
}
