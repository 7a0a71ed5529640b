package mock

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// docsConfig is the example of AWS's "Configuration file for mocked service
// integrations" page.
const docsConfig = `{
  "StateMachines": {
    "LambdaSQSIntegration": {
      "TestCases": {
        "HappyPath": {"LambdaState": "MockedLambdaSuccess", "SQSState": "MockedSQSSuccess"},
        "RetryPath": {"LambdaState": "MockedLambdaRetry", "SQSState": "MockedSQSSuccess"},
        "HybridPath": {"LambdaState": "MockedLambdaSuccess"}
      }
    }
  },
  "MockedResponses": {
    "MockedLambdaSuccess": {
      "0": {"Return": {"StatusCode": 200, "Payload": {"StatusCode": 200, "body": "Hello from Lambda!"}}}
    },
    "LambdaMockedResourceNotReady": {
      "0": {"Throw": {"Error": "Lambda.ResourceNotReadyException", "Cause": "Lambda resource is not ready."}}
    },
    "MockedSQSSuccess": {
      "0": {"Return": {"MD5OfMessageBody": "3bcb6e8e-7h85-4375-b0bc-1a59812c6e51", "MessageId": "3bcb6e8e-8b51-4375-b0bc-1a59812c6e51"}}
    },
    "MockedLambdaRetry": {
      "0": {"Throw": {"Error": "Lambda.ResourceNotReadyException", "Cause": "Lambda resource is not ready."}},
      "1-2": {"Throw": {"Error": "Lambda.TimeoutException", "Cause": "Lambda timed out."}},
      "3": {"Return": {"StatusCode": 200, "Payload": {"StatusCode": 200, "body": "Hello from Lambda!"}}}
    }
  }
}`

func TestParseValid(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		input string
		cases map[string][]string // state machine -> test cases
	}{
		{"docs example", docsConfig, map[string][]string{"LambdaSQSIntegration": {"HappyPath", "RetryPath", "HybridPath"}}},
		{"empty object", `{}`, nil},
		{"empty sections", `{"StateMachines": {}, "MockedResponses": {}}`, nil},
		{"only responses", `{"MockedResponses": {"R": {"0": {"Return": 1}}}}`, nil},
		{"empty test case", `{"StateMachines": {"SM": {"TestCases": {"T": {}}}}}`, map[string][]string{"SM": {"T"}}},
		{"dangling response name", `{"StateMachines": {"SM": {"TestCases": {"T": {"S": "Nope"}}}}}`, map[string][]string{"SM": {"T"}}},
		{"empty mocked response", `{"StateMachines": {"SM": {"TestCases": {"T": {"S": "R"}}}}, "MockedResponses": {"R": {}}}`, map[string][]string{"SM": {"T"}}},
		{"gap in invocations", `{"MockedResponses": {"R": {"0": {"Return": 1}, "2": {"Return": 2}}}}`, nil},
		{"starts after zero", `{"MockedResponses": {"R": {"1": {"Return": 1}}}}`, nil},
		{"keys out of order", `{"MockedResponses": {"R": {"3": {"Return": 1}, "0-2": {"Return": 2}}}}`, nil},
		{"leading zeros", `{"MockedResponses": {"R": {"00": {"Return": 1}, "01-02": {"Return": 2}}}}`, nil},
		{"return null", `{"MockedResponses": {"R": {"0": {"Return": null}}}}`, nil},
		{"return scalar", `{"MockedResponses": {"R": {"0": {"Return": "string-literal"}}}}`, nil},
		{"throw without cause", `{"MockedResponses": {"R": {"0": {"Throw": {"Error": "E"}}}}}`, nil},
		{"extra members ignored", `{"Comment": "x", "MockedResponses": {"R": {"0": {"Return": 1, "Note": 2}}}}`, nil},
		{"largest invocation", `{"MockedResponses": {"R": {"2147483647": {"Return": 1}}}}`, nil},
		{"single-number range", `{"MockedResponses": {"R": {"4-4": {"Return": 1}}}}`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, err := Parse([]byte(tt.input))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			for sm, tcs := range tt.cases {
				for _, tc := range tcs {
					if _, err := c.Session(sm, tc); err != nil {
						t.Errorf("Session(%q, %q): %v", sm, tc, err)
					}
				}
			}
		})
	}
}

func TestParseInvalid(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, input, want string
	}{
		{"not json", `{`, "invalid mock configuration: not valid JSON: invalid JSON at offset 1"},
		{"trailing comma (json5)", `{"MockedResponses": {},}`, "not valid JSON"},
		{"array root", `[]`, "the configuration: must be a JSON object"},
		{"state machines not object", `{"StateMachines": []}`, "StateMachines: must be an object"},
		{"state machine not object", `{"StateMachines": {"SM": 1}}`, `StateMachines["SM"]: must be an object`},
		{"test cases missing", `{"StateMachines": {"SM": {}}}`, `StateMachines["SM"].TestCases: is required`},
		{"test cases not object", `{"StateMachines": {"SM": {"TestCases": "x"}}}`, `StateMachines["SM"].TestCases: must be an object`},
		{"test case not object", `{"StateMachines": {"SM": {"TestCases": {"T": []}}}}`, `StateMachines["SM"].TestCases["T"]: must be an object`},
		{"state not string", `{"StateMachines": {"SM": {"TestCases": {"T": {"S": 3}}}}}`, `StateMachines["SM"].TestCases["T"]["S"]: must be a string naming a mocked response`},
		{"responses not object", `{"MockedResponses": "x"}`, "MockedResponses: must be an object"},
		{"response not object", `{"MockedResponses": {"R": [1]}}`, `MockedResponses["R"]: must be an object`},
		{"key not number", `{"MockedResponses": {"R": {"x": {"Return": 1}}}}`, `MockedResponses["R"]["x"]: invocation key must be a number like "0" or a range like "1-2"`},
		{"key negative", `{"MockedResponses": {"R": {"-1": {"Return": 1}}}}`, `["-1"]: invocation key must be`},
		{"key with spaces", `{"MockedResponses": {"R": {" 1": {"Return": 1}}}}`, `[" 1"]: invocation key must be`},
		{"key open range", `{"MockedResponses": {"R": {"1-": {"Return": 1}}}}`, `["1-"]: invocation key must be`},
		{"key three parts", `{"MockedResponses": {"R": {"1-2-3": {"Return": 1}}}}`, `["1-2-3"]: invocation key must be`},
		{"key empty", `{"MockedResponses": {"R": {"": {"Return": 1}}}}`, `[""]: invocation key must be`},
		{"key too large", `{"MockedResponses": {"R": {"2147483648": {"Return": 1}}}}`, `["2147483648"]: invocation key must be`},
		{"key float", `{"MockedResponses": {"R": {"1.5": {"Return": 1}}}}`, `["1.5"]: invocation key must be`},
		{"range backwards", `{"MockedResponses": {"R": {"3-1": {"Return": 1}}}}`, `MockedResponses["R"]["3-1"]: range ends before it starts`},
		{"overlap", `{"MockedResponses": {"R": {"0-2": {"Return": 1}, "2": {"Return": 2}}}}`, `MockedResponses["R"]["2"]: invocation 2 is already covered by "0-2"`},
		{"overlap ranges", `{"MockedResponses": {"R": {"5-9": {"Return": 1}, "0-5": {"Return": 2}}}}`, `MockedResponses["R"]["5-9"]: invocation 5 is already covered by "0-5"`},
		{"same number twice", `{"MockedResponses": {"R": {"1": {"Return": 1}, "01": {"Return": 2}}}}`, `invocation 1 is already covered by "1"`},
		{"entry not object", `{"MockedResponses": {"R": {"0": "x"}}}`, `MockedResponses["R"]["0"]: must be an object with Return or Throw`},
		{"entry empty", `{"MockedResponses": {"R": {"0": {}}}}`, `MockedResponses["R"]["0"]: must contain Return or Throw`},
		{"entry both", `{"MockedResponses": {"R": {"0": {"Return": 1, "Throw": {"Error": "E"}}}}}`, `must contain only one of Return and Throw`},
		{"throw not object", `{"MockedResponses": {"R": {"0": {"Throw": "E"}}}}`, `MockedResponses["R"]["0"].Throw: must be an object with Error and Cause`},
		{"throw without error", `{"MockedResponses": {"R": {"0": {"Throw": {"Cause": "c"}}}}}`, `MockedResponses["R"]["0"].Throw.Error: must be a string`},
		{"throw error number", `{"MockedResponses": {"R": {"0": {"Throw": {"Error": 1}}}}}`, `.Throw.Error: must be a string`},
		{"throw cause number", `{"MockedResponses": {"R": {"0": {"Throw": {"Error": "E", "Cause": 1}}}}}`, `MockedResponses["R"]["0"].Throw.Cause: must be a string`},
		{"throw cause null", `{"MockedResponses": {"R": {"0": {"Throw": {"Error": "E", "Cause": null}}}}}`, `.Throw.Cause: must be a string`},
		{"quoted names", `{"MockedResponses": {"a\"b": 1}}`, `MockedResponses["a\"b"]: must be an object`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, err := Parse([]byte(tt.input))
			if err == nil {
				t.Fatalf("Parse = %v, want error containing %q", c, tt.want)
			}
			if !errors.Is(err, ErrInvalidConfig) {
				t.Errorf("error %v does not wrap ErrInvalidConfig", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %q, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	good := filepath.Join(dir, "MockConfigFile.json")
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(good, []byte(docsConfig), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte(`{"MockedResponses": {"R": {"x": {}}}}`), 0o600); err != nil {
		t.Fatal(err)
	}

	c, err := Load(good)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if _, err := c.Session("LambdaSQSIntegration", "RetryPath"); err != nil {
		t.Errorf("Session: %v", err)
	}

	_, err = Load(bad)
	want := "mock: load " + bad + `: invalid mock configuration: MockedResponses["R"]["x"]: invocation key must be`
	if err == nil || !strings.HasPrefix(err.Error(), want) || !errors.Is(err, ErrInvalidConfig) {
		t.Errorf("Load(bad) error = %v, want prefix %q", err, want)
	}

	_, err = Load(filepath.Join(dir, "missing.json"))
	if !errors.Is(err, fs.ErrNotExist) || !strings.HasPrefix(err.Error(), "mock: open ") {
		t.Errorf("Load(missing) error = %v, want a wrapped fs.ErrNotExist", err)
	}
}

func TestSessionErrors(t *testing.T) {
	t.Parallel()
	c, err := Parse([]byte(docsConfig))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		cfg      *Config
		sm, tc   string
		wantText string
	}{
		{"unknown state machine", c, "Other", "HappyPath",
			`mock: unknown test case: state machine "Other" has no test cases in the mock configuration`},
		{"unknown test case", c, "LambdaSQSIntegration", "SadPath",
			`mock: unknown test case: test case "SadPath" is not defined for state machine "LambdaSQSIntegration" in the mock configuration`},
		{"no configuration", nil, "LambdaSQSIntegration", "HappyPath",
			"mock: unknown test case: no mock configuration is loaded"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, err := tt.cfg.Session(tt.sm, tt.tc)
			if s != nil || !errors.Is(err, ErrUnknownTestCase) || err.Error() != tt.wantText {
				t.Errorf("Session = %v, %v; want error %q", s, err, tt.wantText)
			}
		})
	}
}
