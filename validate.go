package stepwise

import (
	"context"
	"errors"
	"strings"

	"github.com/stepwisehq/stepwise/asl"
)

// msgNotAnObject is AWS's diagnostic for a definition that is not a JSON
// object (including an empty one).
const msgNotAnObject = "Definition must be a valid JSON object"

// ValidateStateMachineDefinition checks a definition without creating a
// state machine, returning AWS's result and diagnostics.
func (c *Client) ValidateStateMachineDefinition(ctx context.Context, in *ValidateStateMachineDefinitionInput) (*ValidateStateMachineDefinitionOutput, error) {
	var v violations
	if in.Definition != "" {
		v.length("definition", in.Definition, 1, maxDefinition, true)
	}
	v.enum("type", string(in.Type), enumStateMachineType...)
	v.enum("severity", string(in.Severity), enumSeverity...)
	v.intRange("maxResults", in.MaxResults, 0, 100)
	if err := v.err(); err != nil {
		return nil, err
	}
	diags := definitionDiagnostics(in.Definition, machineType(in.Type))
	return validationResult(diags, in.Severity, in.MaxResults), nil
}

// definitionDiagnostics returns the problems asl.Parse finds in def.
func definitionDiagnostics(def string, t StateMachineType) []asl.Diagnostic {
	if blank(def) {
		return []asl.Diagnostic{{Severity: asl.SeverityError, Code: asl.CodeSchema, Message: msgNotAnObject}}
	}
	_, err := asl.Parse(def, asl.Options{Express: t == StateMachineTypeExpress})
	var de *asl.DefinitionError
	if errors.As(err, &de) {
		return de.Diagnostics
	}
	return nil
}

// validationResult renders diagnostics as ValidateStateMachineDefinition
// returns them: those of at least the requested severity (ERROR by
// default), at most maxResults (100 by default), errors first.
func validationResult(diags []asl.Diagnostic, severity ValidationSeverity, maxResults int) *ValidateStateMachineDefinitionOutput {
	out := &ValidateStateMachineDefinitionOutput{
		Result: ValidationResultOK, Diagnostics: []ValidateStateMachineDefinitionDiagnostic{},
	}
	if maxResults <= 0 {
		maxResults = 100
	}
	for _, d := range sortedDiagnostics(diags) {
		if d.Severity == asl.SeverityError {
			out.Result = ValidationResultFail
		}
		if d.Severity != asl.SeverityError && severity != ValidationSeverityWarning {
			continue
		}
		if len(out.Diagnostics) == maxResults {
			out.Truncated = true
			continue
		}
		out.Diagnostics = append(out.Diagnostics, ValidateStateMachineDefinitionDiagnostic{
			Severity: ValidationSeverity(d.Severity), Code: string(d.Code), Message: d.Message, Location: d.Location,
		})
	}
	return out
}

// sortedDiagnostics puts errors before warnings, keeping their order.
func sortedDiagnostics(diags []asl.Diagnostic) []asl.Diagnostic {
	out := make([]asl.Diagnostic, 0, len(diags))
	for _, sev := range []asl.Severity{asl.SeverityError, asl.SeverityWarning} {
		for _, d := range diags {
			if d.Severity == sev {
				out = append(out, d)
			}
		}
	}
	return out
}

// blank reports whether a definition is empty or only white space.
func blank(def string) bool {
	return strings.TrimSpace(def) == ""
}
