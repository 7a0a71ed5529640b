package stepwise

import (
	"testing"

	"github.com/stepwisehq/stepwise/asl"
)

func TestValidateStateMachineDefinition(t *testing.T) {
	t.Parallel()
	b := newControl(t)
	wftt := `{"StartAt":"SendMessageWithWait","States":{"SendMessageWithWait":{"Type":"Task",` +
		`"Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","End":true}}}`
	for _, tc := range []struct {
		name, def string
		typ       StateMachineType
		result    ValidationResultCode
		want      []ValidateStateMachineDefinitionDiagnostic
	}{
		{"valid", passDef, "", ValidationResultOK, nil},
		{"empty", "", "", ValidationResultFail, []ValidateStateMachineDefinitionDiagnostic{
			{Severity: "ERROR", Code: "SCHEMA_VALIDATION_FAILED", Message: "Definition must be a valid JSON object"}}},
		{"array", "[]", "", ValidationResultFail, []ValidateStateMachineDefinitionDiagnostic{
			{Severity: "ERROR", Code: "SCHEMA_VALIDATION_FAILED", Message: "Definition must be a valid JSON object"}}},
		{"no StartAt", `{"States":{"P":{"Type":"Pass","End":true}}}`, "", ValidationResultFail, []ValidateStateMachineDefinitionDiagnostic{
			{Severity: "ERROR", Code: "SCHEMA_VALIDATION_FAILED", Message: "These fields are required: [StartAt]", Location: "/"}}},
		{"express wftt", wftt, StateMachineTypeExpress, ValidationResultFail, []ValidateStateMachineDefinitionDiagnostic{
			{Severity: "ERROR", Code: "SCHEMA_VALIDATION_FAILED", Location: "/States/SendMessageWithWait/Resource",
				Message: "Express state machine does not support '.waitForTaskToken' service integration "}}},
		{"standard wftt", wftt, StateMachineTypeStandard, ValidationResultOK, nil},
	} {
		out, err := b.c.ValidateStateMachineDefinition(b.ctx, &ValidateStateMachineDefinitionInput{Definition: tc.def, Type: tc.typ})
		cpMust(t, tc.name, err)
		if out.Result != tc.result || out.Truncated || out.Diagnostics == nil || !sameDiagnostics(out.Diagnostics, tc.want) {
			t.Errorf("%s: %+v, want %s %+v", tc.name, out, tc.result, tc.want)
		}
	}
	out, err := b.c.ValidateStateMachineDefinition(b.ctx, &ValidateStateMachineDefinitionInput{Definition: "not a definition"})
	cpMust(t, "not JSON", err)
	if out.Result != ValidationResultFail || len(out.Diagnostics) != 1 || out.Diagnostics[0].Code != "INVALID_JSON_DESCRIPTION" {
		t.Errorf("not JSON: %+v", out)
	}
}

func sameDiagnostics(a, b []ValidateStateMachineDefinitionDiagnostic) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestValidateStateMachineDefinitionInput(t *testing.T) {
	t.Parallel()
	b := newControl(t)
	for _, tc := range []struct {
		in  ValidateStateMachineDefinitionInput
		msg string
	}{
		{ValidateStateMachineDefinitionInput{Definition: passDef, MaxResults: 101},
			"1 validation error detected: Value '101' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100"},
		{ValidateStateMachineDefinitionInput{Definition: passDef, Severity: "INFO"},
			"1 validation error detected: Value 'INFO' at 'severity' failed to satisfy constraint: Member must satisfy enum value set: [ERROR, WARNING]"},
		{ValidateStateMachineDefinitionInput{Definition: passDef, Type: "BOTH"},
			"1 validation error detected: Value 'BOTH' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]"},
	} {
		_, err := b.c.ValidateStateMachineDefinition(b.ctx, &tc.in)
		wantAPIError(t, "ValidateStateMachineDefinition", err, CodeValidation, tc.msg)
	}
}

func TestValidationResultSeverityAndTruncation(t *testing.T) {
	t.Parallel()
	diags := []asl.Diagnostic{
		{Severity: asl.SeverityWarning, Code: "W1", Message: "w1"},
		{Severity: asl.SeverityError, Code: "E1", Message: "e1", Location: "/a"},
		{Severity: asl.SeverityError, Code: "E2", Message: "e2"},
		{Severity: asl.SeverityWarning, Code: "W2", Message: "w2"},
	}
	codes := func(out *ValidateStateMachineDefinitionOutput) string {
		s := ""
		for _, d := range out.Diagnostics {
			s += d.Code + " "
		}
		return s
	}
	for _, tc := range []struct {
		sev       ValidationSeverity
		max       int
		want      string
		truncated bool
	}{
		{"", 0, "E1 E2 ", false},
		{ValidationSeverityError, 0, "E1 E2 ", false},
		{ValidationSeverityWarning, 0, "E1 E2 W1 W2 ", false},
		{ValidationSeverityWarning, 3, "E1 E2 W1 ", true},
		{ValidationSeverityError, 1, "E1 ", true},
	} {
		out := validationResult(diags, tc.sev, tc.max)
		if codes(out) != tc.want || out.Truncated != tc.truncated || out.Result != ValidationResultFail {
			t.Errorf("severity %q max %d: %s truncated %v, want %s %v", tc.sev, tc.max, codes(out), out.Truncated, tc.want, tc.truncated)
		}
	}
	warnOnly := validationResult(diags[:1], ValidationSeverityWarning, 0)
	if warnOnly.Result != ValidationResultOK || len(warnOnly.Diagnostics) != 1 {
		t.Errorf("warnings only: %+v", warnOnly)
	}
}
