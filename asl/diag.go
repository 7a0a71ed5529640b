package asl

import (
	"fmt"
	"strings"
)

// Code is a diagnostic code of ValidateStateMachineDefinition.
type Code string

// The diagnostic codes AWS reports.
const (
	CodeSchema             Code = "SCHEMA_VALIDATION_FAILED"
	CodeInvalidJSON        Code = "INVALID_JSON_DESCRIPTION"
	CodeMissingTarget      Code = "MISSING_TRANSITION_TARGET"
	CodeUnreachable        Code = "UNREACHABLE_STATE"
	CodeNoTerminalState    Code = "NO_TERMINAL_STATE"
	CodeDuplicateStateName Code = "DUPLICATE_STATE_NAME"
	CodeInvalidResource    Code = "INVALID_RESOURCE"
)

// Severity is ERROR or WARNING.
type Severity string

// The severities.
const (
	SeverityError   Severity = "ERROR"
	SeverityWarning Severity = "WARNING"
)

// Diagnostic is one problem found in a definition.
type Diagnostic struct {
	Severity Severity
	Code     Code
	Message  string
	Location string // a JSON pointer such as /States/Pass/InputPath; "" for the whole document
}

func (d Diagnostic) String() string {
	if d.Location == "" || strings.HasSuffix(d.Message, d.Location) {
		return fmt.Sprintf("%s: %s", d.Code, d.Message)
	}
	return fmt.Sprintf("%s: %s at %s", d.Code, d.Message, d.Location)
}

// DefinitionError is returned by Parse for a definition AWS would reject.
type DefinitionError struct {
	Diagnostics []Diagnostic // errors first; never empty
}

// Error prints the diagnostics the way CreateStateMachine's InvalidDefinition
// message quotes them.
func (e *DefinitionError) Error() string {
	parts := make([]string, 0, len(e.Diagnostics))
	for _, d := range e.Diagnostics {
		if d.Severity == SeverityError {
			parts = append(parts, d.String())
		}
	}
	return strings.Join(parts, ", ")
}

// diags collects diagnostics while a definition is read.
type diags struct {
	list []Diagnostic
}

func (ds *diags) schema(loc, format string, args ...any) {
	ds.add(CodeSchema, loc, format, args...)
}

func (ds *diags) add(code Code, loc, format string, args ...any) {
	ds.list = append(ds.list, Diagnostic{
		Severity: SeverityError, Code: code, Location: loc,
		Message: fmt.Sprintf(format, args...),
	})
}

func (ds *diags) err() error {
	if len(ds.list) == 0 {
		return nil
	}
	return &DefinitionError{Diagnostics: ds.list}
}
