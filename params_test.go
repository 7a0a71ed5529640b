package stepwise

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestViolations(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		fill func(v *violations)
		want string
	}{
		{"none", func(v *violations) { v.str("name", "ok", 1, 80, false) }, ""},
		{"required", func(v *violations) { v.str("name", "", 1, 80, false) },
			"1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null"},
		{"optional absent", func(v *violations) { v.str("roleArn", "", 0, 5, false) }, ""},
		{"too long", func(v *violations) { v.str("name", "abcdef", 1, 5, false) },
			"1 validation error detected: Value 'abcdef' at 'name' failed to satisfy constraint: Member must have length less than or equal to 5"},
		{"sensitive", func(v *violations) { v.str("definition", "abcdef", 1, 5, true) },
			"1 validation error detected: Value at 'definition' failed to satisfy constraint: Member must have length less than or equal to 5"},
		{"too short", func(v *violations) { v.length("nextToken", "", 1, 5, false) },
			"1 validation error detected: Value '' at 'nextToken' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"utf-16 length", func(v *violations) { v.length("name", "😀😀😀", 1, 5, false) },
			"1 validation error detected: Value '😀😀😀' at 'name' failed to satisfy constraint: Member must have length less than or equal to 5"},
		{"utf-16 fits", func(v *violations) { v.length("name", "ééééé", 1, 5, false) }, ""},
		{"optional present empty", func(v *violations) { v.optStr("description", cpPtr(""), 0, 5, true) }, ""},
		{"range", func(v *violations) { v.intRange("maxResults", -1, 0, 1000) },
			"1 validation error detected: Value '-1' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 0"},
		{"enum", func(v *violations) { v.enum("type", "x", "STANDARD", "EXPRESS") },
			"1 validation error detected: Value 'x' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]"},
		{"enum absent", func(v *violations) { v.enum("type", "", "STANDARD") }, ""},
		{"two", func(v *violations) { v.intRange("maxResults", 1001, 0, 1000); v.str("name", "", 1, 2, false) },
			"2 validation errors detected: Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000; " +
				"Value null at 'name' failed to satisfy constraint: Member must not be null"},
		{"page token", func(v *violations) { v.page(0, strings.Repeat("t", 3097), 3096) },
			"1 validation error detected: Value '" + strings.Repeat("t", 3097) + "' at 'nextToken' failed to satisfy constraint: Member must have length less than or equal to 3096"},
		{"encryption type", func(v *violations) { v.encryption(&EncryptionConfiguration{KmsDataKeyReusePeriodSeconds: cpPtr(30)}) },
			"2 validation errors detected: Value null at 'encryptionConfiguration.type' failed to satisfy constraint: Member must not be null; " +
				"Value '30' at 'encryptionConfiguration.kmsDataKeyReusePeriodSeconds' failed to satisfy constraint: Member must have value greater than or equal to 60"},
	} {
		var v violations
		tc.fill(&v)
		err := v.err()
		got := ""
		if err != nil {
			if ErrorCodeOf(err) != CodeValidation {
				t.Errorf("%s: code %s", tc.name, ErrorCodeOf(err))
			}
			got = err.(*Error).Message
		}
		if got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, tc.want)
		}
	}
}

func TestTokens(t *testing.T) {
	t.Parallel()
	for _, key := range []string{machineArn("m"), "x", "a|b"} {
		got, err := decodeToken(encodeToken(key))
		if err != nil || got != key {
			t.Errorf("round trip %q = %q, %v", key, got, err)
		}
	}
	if got, err := decodeToken(""); got != "" || err != nil {
		t.Errorf("empty token = %q, %v", got, err)
	}
	for _, bad := range []string{"InvalidToken", "!!!", encodeToken("")[:4], "c3cxfA"} {
		_, err := decodeToken(bad)
		wantAPIError(t, "decodeToken("+bad+")", err, CodeInvalidToken, "Invalid Token: 'Invalid token'")
	}
	if pageSize(0) != 100 || pageSize(7) != 7 {
		t.Errorf("pageSize: %d %d", pageSize(0), pageSize(7))
	}
}

func FuzzDecodeToken(f *testing.F) {
	f.Add(encodeToken(machineArn("m")))
	f.Add("InvalidToken")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		key, err := decodeToken(s)
		if err != nil {
			if ErrorCodeOf(err) != CodeInvalidToken {
				t.Fatalf("decodeToken(%q): %v", s, err)
			}
			return
		}
		if s != "" && encodeToken(key) != s {
			t.Fatalf("decodeToken(%q) = %q does not re-encode", s, key)
		}
	})
}

func TestTimeJSON(t *testing.T) {
	t.Parallel()
	tm := NewTime(time.Date(2024, 5, 1, 12, 0, 0, 123_456_789, time.UTC))
	b, err := json.Marshal(tm)
	if err != nil || string(b) != "1714564800.123" {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	var back Time
	if err := json.Unmarshal(b, &back); err != nil || !back.Equal(tm.Truncate(time.Millisecond)) {
		t.Errorf("Unmarshal = %v, %v", back, err)
	}
	for in, want := range map[string]time.Time{
		"1714564800":        time.Unix(1714564800, 0),
		"1.714564800123E9":  time.Unix(1714564800, 123_000_000),
		" 1714564800.5 ":    time.Unix(1714564800, 500_000_000),
		"0":                 time.Unix(0, 0),
		"-1.5":              time.Unix(-1, -500_000_000),
		"1714564800.999999": time.Unix(1714564801, 0),
	} {
		var got Time
		if err := json.Unmarshal([]byte(in), &got); err != nil || !got.Equal(want) {
			t.Errorf("Unmarshal(%s) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{`"2024-01-01"`, `true`, `{}`} {
		var got Time
		if err := json.Unmarshal([]byte(bad), &got); err == nil {
			t.Errorf("Unmarshal(%s) succeeded", bad)
		}
	}
	var null Time
	if err := json.Unmarshal([]byte("null"), &null); err != nil || !null.IsZero() {
		t.Errorf("null = %v, %v", null, err)
	}
}

func TestOutputJSON(t *testing.T) {
	t.Parallel()
	at := NewTime(time.Unix(1700000000, 0))
	for _, tc := range []struct {
		v    any
		want string
	}{
		{&CreateStateMachineOutput{StateMachineArn: "a", CreationDate: at}, `{"stateMachineArn":"a","creationDate":1700000000.000}`},
		{&LoggingConfiguration{Level: LogLevelOff}, `{"level":"OFF","includeExecutionData":false}`},
		{&LoggingConfiguration{Level: LogLevelOff, Destinations: []LogDestination{}}, `{"level":"OFF","includeExecutionData":false,"destinations":[]}`},
		{&DescribeExecutionOutput{ExecutionArn: "x", StateMachineArn: "s", Status: ExecutionStatusRunning, StartDate: at,
			Cause: cpPtr(""), RedriveCount: cpPtr(0)},
			`{"executionArn":"x","stateMachineArn":"s","status":"RUNNING","startDate":1700000000.000,"cause":"","redriveCount":0}`},
		{&ListTagsForResourceOutput{Tags: []Tag{{Key: "k"}}}, `{"tags":[{"key":"k","value":""}]}`},
		{&ValidateStateMachineDefinitionOutput{Result: ValidationResultOK, Diagnostics: []ValidateStateMachineDefinitionDiagnostic{}},
			`{"result":"OK","diagnostics":[],"truncated":false}`},
		{&GetExecutionHistoryOutput{Events: []HistoryEvent{HistoryEvent(`{"id":1}`)}}, `{"events":[{"id":1}]}`},
		{&DescribeStateMachineAliasOutput{Name: "a"}, `{"name":"a"}`},
		{&DeleteActivityOutput{}, `{}`},
	} {
		b, err := json.Marshal(tc.v)
		if err != nil || string(b) != tc.want {
			t.Errorf("Marshal(%T) = %s, %v\nwant %s", tc.v, b, err, tc.want)
		}
	}
}

func TestInputJSON(t *testing.T) {
	t.Parallel()
	var in StartExecutionInput
	if err := json.Unmarshal([]byte(`{"stateMachineArn":"a","input":""}`), &in); err != nil || in.Input == nil || *in.Input != "" {
		t.Errorf("empty input: %+v, %v", in, err)
	}
	var absent StartExecutionInput
	if err := json.Unmarshal([]byte(`{"stateMachineArn":"a"}`), &absent); err != nil || absent.Input != nil {
		t.Errorf("absent input: %+v, %v", absent, err)
	}
	var alias UpdateStateMachineAliasInput
	if err := json.Unmarshal([]byte(`{"stateMachineAliasArn":"a","description":""}`), &alias); err != nil || alias.Description == nil {
		t.Errorf("empty description: %+v, %v", alias, err)
	}
}
