package engine_test

import (
	"fmt"
	"testing"

	"github.com/stepwisehq/stepwise/engine"
	"github.com/stepwisehq/stepwise/value"
)

// TestTestStateMapFailuresAgainstDeclaredThreshold: TestState checks the
// failed iterations it is given only against a threshold the Map declares.
func TestTestStateMapFailuresAgainstDeclaredThreshold(t *testing.T) {
	const def = `{"StartAt":"M","States":{"M":{"Type":"Map"%s,"Items":[1,2,3],"QueryLanguage":"JSONata",
	 "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}`
	tests := []struct {
		tolerance string
		failures  int
		status    string
	}{
		{"", 2, engine.TestSucceeded},
		{`,"ToleratedFailureCount":1`, 2, engine.TestFailed},
		{`,"ToleratedFailureCount":2`, 2, engine.TestSucceeded},
		{`,"ToleratedFailurePercentage":50`, 2, engine.TestFailed},
		{`,"ToleratedFailureCount":1`, 0, engine.TestSucceeded},
	}
	for _, tc := range tests {
		o, _ := startTest(t, fmt.Sprintf(def, tc.tolerance), `{}`, &engine.TestConfig{
			Mock: &engine.TestMock{Result: value.MustParse(`[0,0,1]`)}, MapFailures: tc.failures})
		if o.Status != tc.status {
			t.Errorf("%q with %d failures: %s %s %s, want %s", tc.tolerance, tc.failures, o.Status, o.Error, o.Cause, tc.status)
		}
	}
}

// TestItemsPathNotAnArray: the error names the path, a context path from
// the context's root, as AWS does.
func TestItemsPathNotAnArray(t *testing.T) {
	const def = `{"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"%s",
	 "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}`
	for path, want := range map[string]string{
		"$.a":                `Reference path "$.a" must point to array.`,
		"$$":                 `Reference path "$" must point to array.`,
		"$$.Execution.Input": `Reference path "$.Execution.Input" must point to array.`,
	} {
		o, _ := startTest(t, fmt.Sprintf(def, path), `{"a":1}`, &engine.TestConfig{
			Mock: &engine.TestMock{Result: value.MustParse(`[]`)}})
		if o.Status != engine.TestFailed || o.Error != "States.Runtime" || o.Cause != want {
			t.Errorf("ItemsPath %s: %s %s %q, want %q", path, o.Status, o.Error, o.Cause, want)
		}
	}
}

// TestWaitPathSelectsNothing: a Wait state's SecondsPath or TimestampPath
// that selects nothing is reported as AWS words it.
func TestWaitPathSelectsNothing(t *testing.T) {
	for field, want := range map[string]string{
		"SecondsPath":   "The SecondsPath parameter does not reference an input value: $.input.wait",
		"TimestampPath": "The TimestampPath parameter does not reference an input value: $.input.wait",
	} {
		def := `{"StartAt":"M","States":{"M":{"Type":"Wait","` + field + `":"$.input.wait","End":true}}}`
		o, _ := startTest(t, def, `{"a":1}`, &engine.TestConfig{})
		if o.Status != engine.TestFailed || o.Error != "States.Runtime" || o.Cause != want {
			t.Errorf("%s: %s %s %q, want %q", field, o.Status, o.Error, o.Cause, want)
		}
	}
}
