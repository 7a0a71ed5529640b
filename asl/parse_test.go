package asl_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stepwisehq/stepwise/asl"
)

func TestParseValid(t *testing.T) {
	tests := []struct {
		name, src string
		check     func(t *testing.T, d *asl.Definition)
	}{
		{"pass with result", `{"StartAt":"A","States":{"A":{"Type":"Pass","Result":{"x":1},"End":true}}}`,
			func(t *testing.T, d *asl.Definition) {
				p := d.States["A"].(*asl.Pass)
				if !p.HasResult || !p.End {
					t.Errorf("pass %+v", p)
				}
			}},
		{"query language inherited", `{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Output":"{% $states.input %}","End":true}}}`,
			func(t *testing.T, d *asl.Definition) {
				if d.States["A"].Common().QueryLanguage != asl.JSONata || d.States["A"].Common().Output == nil {
					t.Error("JSONata not inherited")
				}
			}},
		{"retry defaults", `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Retry":[{"ErrorEquals":["States.ALL"]}],"End":true}}}`,
			func(t *testing.T, d *asl.Definition) {
				r := d.States["T"].Common().Retry[0]
				if r.IntervalSeconds != 1 || r.MaxAttempts != 3 || r.BackoffRate != 2 {
					t.Errorf("retrier %+v", r)
				}
			}},
		{"choice operators", `{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"And":[{"Variable":"$.a","NumericGreaterThanEqualsPath":"$.b"},{"Not":{"Variable":"$.s","StringMatches":"a*\\*"}}],"Next":"D"}],"Default":"D"},"D":{"Type":"Succeed"}}}`,
			func(t *testing.T, d *asl.Definition) {
				and := d.States["C"].(*asl.Choice).Choices[0].Condition.(*asl.And)
				cmp := and.Rules[0].(*asl.Comparison)
				if cmp.Op != asl.OpNumericGreaterThanEquals || cmp.ValuePath == nil {
					t.Errorf("comparison %+v", cmp)
				}
				m := and.Rules[1].(*asl.Not).Rule.(*asl.Comparison)
				if !m.Pattern.Match("abc*") || m.Pattern.Match("abc") {
					t.Error("StringMatches pattern")
				}
			}},
		{"map with legacy iterator and parameters", `{"StartAt":"M","States":{"M":{"Type":"Map","Parameters":{"v.$":"$$.Map.Item.Value"},"Iterator":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"End":true}}}`,
			func(t *testing.T, d *asl.Definition) {
				m := d.States["M"].(*asl.Map)
				if m.Processor == nil || m.ItemSelector == nil || m.Parameters != nil {
					t.Errorf("map %+v", m)
				}
			}},
		{"distributed map", `{"StartAt":"M","States":{"M":{"Type":"Map","Label":"L1","ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"End":true}}}`,
			func(t *testing.T, d *asl.Definition) {
				m := d.States["M"].(*asl.Map)
				if m.Mode != asl.Distributed || m.ExecutionType != "EXPRESS" {
					t.Errorf("map %+v", m)
				}
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := asl.Parse(tc.src, asl.Options{})
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			tc.check(t, d)
		})
	}
}

func TestParseInvalid(t *testing.T) {
	tests := []struct {
		name, src string
		express   bool
		want      string // the error text, as InvalidDefinition quotes it
	}{
		{"not an object", `[1]`, false, "SCHEMA_VALIDATION_FAILED: Definition must be a valid JSON object"},
		{"bad JSON", `not a definition`, false, "INVALID_JSON_DESCRIPTION: Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n at [Source: (String)\"not a definition\"; line: 1, column: 4]"},
		{"missing States", `{"StartAt":"A"}`, false, "SCHEMA_VALIDATION_FAILED: These fields are required: [States] at /"},
		{"missing target", `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"}}}`, false, "MISSING_TRANSITION_TARGET: Missing 'Next' target: B at /States/A/Next, NO_TERMINAL_STATE: No terminal state found in machine"},
		{"bad timestamp", `{"StartAt":"W","States":{"W":{"Type":"Wait","Timestamp":"yesterday","End":true}}}`, false, "SCHEMA_VALIDATION_FAILED: String does not match RFC3339 timestamp at /States/W/Timestamp"},
		{"credentials without role", `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Credentials":{},"End":true}}}`, false, "SCHEMA_VALIDATION_FAILED: The field 'RoleArn' is required but was missing at /States/T/Credentials"},
		{"bad intrinsic", `{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"x.$":"States.Nope("},"End":true}}}`, false, "SCHEMA_VALIDATION_FAILED: The value for the field 'x.$' must be a valid JSONPath or a valid intrinsic function call at /States/P/Parameters"},
		{"express callback", `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","End":true}}}`, true, "SCHEMA_VALIDATION_FAILED: Express state machine does not support '.waitForTaskToken' service integration  at /States/T/Resource"},
		{"JSONPath inside JSONata", `{"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","QueryLanguage":"JSONPath","End":true}}}`, false, "SCHEMA_VALIDATION_FAILED: 'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine at /States/P"},
		{"empty label", `{"StartAt":"M","States":{"M":{"Type":"Map","Label":"","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"End":true}}}`, false, "SCHEMA_VALIDATION_FAILED: Label cannot be empty at /States/M/Label"},
		{"unknown field", `{"StartAt":"P","States":{"P":{"Type":"Pass","Nope":1,"End":true}}}`, false, "SCHEMA_VALIDATION_FAILED: Field 'Nope' is not supported at /States/P"},
		{"empty StartAt and States", `{"StartAt":"","States":{}}`, false, "MISSING_TRANSITION_TARGET: Missing 'StartAt' target:  at /StartAt"},
		{"unreachable", `{"StartAt":"A","States":{"A":{"Type":"Succeed"},"B":{"Type":"Succeed"}}}`, false, "UNREACHABLE_STATE: State 'B' is not reachable at /States/B"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := asl.Parse(tc.src, asl.Options{Express: tc.express})
			var de *asl.DefinitionError
			if !errors.As(err, &de) {
				t.Fatalf("Parse = %v, want a DefinitionError", err)
			}
			if err.Error() != tc.want {
				t.Errorf("error:\n got %q\nwant %q", err.Error(), tc.want)
			}
		})
	}
}

func TestParseForTest(t *testing.T) {
	d, name, err := asl.ParseForTest(`{"Type":"Pass","Next":"Elsewhere"}`, "", asl.Options{})
	if err != nil || name != asl.TestStateName || d.States[name] == nil {
		t.Fatalf("single state: %v %q", err, name)
	}
	full := `{"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"Inner","States":{"Inner":{"Type":"Pass","End":true}}},"End":true}}}`
	d, name, err = asl.ParseForTest(full, "Inner", asl.Options{})
	if err != nil || d.States[name] == nil {
		t.Fatalf("nested state: %v", err)
	}
	if _, _, err := asl.ParseForTest(full, "Missing", asl.Options{}); !errors.Is(err, asl.ErrStateNotFound) {
		t.Fatalf("missing state: %v", err)
	}
}

func TestMatches(t *testing.T) {
	tests := []struct {
		list []string
		name string
		want bool
	}{
		{[]string{"States.ALL"}, "Custom", true},
		{[]string{"States.ALL"}, "States.Runtime", false},
		{[]string{"States.ALL"}, "States.DataLimitExceeded", true},
		{[]string{"States.TaskFailed"}, "Lambda.Unknown", true},
		{[]string{"States.TaskFailed"}, "States.Timeout", false},
		{[]string{"A", "B"}, "B", true},
		{[]string{"A"}, "a", false},
	}
	for _, tc := range tests {
		if got := asl.Matches(tc.list, tc.name); got != tc.want {
			t.Errorf("Matches(%v, %q) = %v", tc.list, tc.name, got)
		}
	}
}

func TestWildcard(t *testing.T) {
	tests := []struct {
		pattern, s string
		want       bool
	}{
		{"*", "", true}, {"a*", "abc", true}, {"*.log", "x.log", true}, {"*.log", "x.txt", false},
		{`a\*`, "a*", true}, {`a\*`, "ab", false}, {"a*b*c", "axxbyyc", true}, {"a*b*c", "acb", false},
		{`\\`, `\`, true}, {"exact", "exact", true},
	}
	for _, tc := range tests {
		if got := asl.CompileWildcard(tc.pattern).Match(tc.s); got != tc.want {
			t.Errorf("%q matches %q = %v", tc.pattern, tc.s, got)
		}
	}
}

func TestParseTimestamp(t *testing.T) {
	for _, ok := range []string{"2016-03-14T01:59:00Z", "2016-03-14T01:59:00.123Z", "2016-03-14T01:59:00+02:00"} {
		if _, err := asl.ParseTimestamp(ok); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
	for _, bad := range []string{"2016-03-14", "2016-03-14T01:59:00", "05-12-2016T21:29:29Z", "2016-03-14 01:59:00Z"} {
		if _, err := asl.ParseTimestamp(bad); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
}

// FuzzParse checks that no definition makes the parser panic, and that
// what it accepts it accepts again.
func FuzzParse(f *testing.F) {
	seeds := []string{
		`{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}`,
		`{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.a","IsPresent":true,"Next":"C"}],"Default":"D"},"D":{"Type":"Fail"}}}`,
		`{"QueryLanguage":"JSONata","StartAt":"M","States":{"M":{"Type":"Map","Items":"{% [1,2] %}","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"End":true}}}`,
		`{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"X","States":{"X":{"Type":"Wait","Seconds":1,"End":true}}}],"Catch":[{"ErrorEquals":["States.ALL"],"Next":"P"}],"End":true}}}`,
		`{}`, `[`, `{"StartAt":1}`,
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		d, err := asl.Parse(src, asl.Options{})
		if err != nil {
			if !strings.Contains(err.Error(), ":") {
				t.Errorf("error without a code: %v", err)
			}
			return
		}
		if _, err := asl.Parse(d.Source, asl.Options{}); err != nil {
			t.Errorf("accepted once, rejected again: %v", err)
		}
	})
}
