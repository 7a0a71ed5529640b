package mock

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stepwisehq/stepwise/internal/sharedtest"
	"github.com/stepwisehq/stepwise/value"
)

// corpusCase holds the fields of a recorded case these tests read.
type corpusCase struct {
	Name       string          `json:"name"`
	API        string          `json:"api"`
	Definition json.RawMessage `json:"definition"`
	Request    struct {
		StateName string `json:"stateName"`
		Mock      *struct {
			Result              *string `json:"result"`
			FieldValidationMode string  `json:"fieldValidationMode"`
		} `json:"mock"`
	} `json:"request"`
	Expected struct {
		Status  string          `json:"status"`
		Error   *string         `json:"error"`
		Message string          `json:"message"`
		Output  json.RawMessage `json:"output"`
	} `json:"expected"`
}

// readCases reads the recorded cases of a category.
func readCases(t *testing.T, category string) []corpusCase {
	t.Helper()
	files := sharedtest.Cases(t, category)
	out := make([]corpusCase, 0, len(files))
	for _, f := range files {
		var c corpusCase
		sharedtest.ReadJSON(t, f, &c)
		out = append(out, c)
	}
	return out
}

// testedTask returns the Resource of the state a TestState case tests when
// it is a Task state.
func testedTask(t *testing.T, c corpusCase) (string, bool) {
	t.Helper()
	var state struct {
		Type     string                     `json:"Type"`
		Resource string                     `json:"Resource"`
		States   map[string]json.RawMessage `json:"States"`
	}
	if err := json.Unmarshal(c.Definition, &state); err != nil {
		t.Fatalf("%s: definition: %v", c.Name, err)
	}
	if raw, ok := state.States[c.Request.StateName]; ok && c.Request.StateName != "" {
		state.Type, state.Resource = "", ""
		if err := json.Unmarshal(raw, &state); err != nil {
			t.Fatalf("%s: state: %v", c.Name, err)
		}
	}
	return state.Resource, state.Type == "Task"
}

const schemaPrefix = "Mock result schema validation error: "

// TestCorpusMockResults replays every mocked Task result of the recorded
// TestState calls: the schema errors AWS gave, word for word, and no error
// for the results AWS accepted.
func TestCorpusMockResults(t *testing.T) {
	t.Parallel()
	cases := append(readCases(t, "invalid_definitions"), readCases(t, "test_state_api")...)
	var rejected, accepted int
	for _, c := range cases {
		if m := c.Request.Mock; c.API != "test_state" && c.API != "TestState" || m == nil || m.Result == nil {
			continue
		}
		res, isTask := testedTask(t, c)
		if !isTask {
			continue
		}
		result, err := value.ParseString(*c.Request.Mock.Result)
		if err != nil {
			t.Errorf("%s: mock result: %v", c.Name, err)
			continue
		}
		want, isSchemaError := strings.CutPrefix(c.Expected.Message, schemaPrefix)
		if !isSchemaError {
			want = ""
			accepted++
		} else {
			rejected++
		}
		if got := ValidateResult(res, result, c.Request.Mock.FieldValidationMode); got != want {
			t.Errorf("%s: ValidateResult(%s, %s, %q) = %q, want %q",
				c.Name, res, *c.Request.Mock.Result, c.Request.Mock.FieldValidationMode, got, want)
		}
	}
	if rejected < 17 || accepted < 18 {
		t.Errorf("replayed %d rejected and %d accepted results; the corpus has at least 17 and 18", rejected, accepted)
	}
}

// localCheck says where a mocked state's response shows in a recorded
// local_mocking case's expected output.
type localCheck struct {
	state   string
	calls   int    // invocations of the state in the execution
	outPath string // dotted path into the expected output ("" = all of it)
	retPath string // dotted path into the mocked Return ("" = all of it)
}

// localChecks covers every recorded local_mocking case. Its mock
// configuration, in testdata/local_mocking, is the equivalent of the one
// LocalStack's test uses with Step Functions Local.
var localChecks = map[string][]localCheck{
	"TestBaseScenarios__test_dynamodb_put_get_item": {
		{state: "PutItem", calls: 1, outPath: "putItemOutput"},
		{state: "GetItem", calls: 1, outPath: "getItemOutput"},
	},
	"TestBaseScenarios__test_events_put_events":                                    {{state: "PutEvents", calls: 1}},
	"TestBaseScenarios__test_lambda_invoke":                                        {{state: "step1", calls: 1, retPath: "Payload"}},
	"TestBaseScenarios__test_lambda_service_invoke_sync_execution":                 {{state: "Start", calls: 1}},
	"TestBaseScenarios__test_numbered_mock_responses_multiple_success_invocations": {{state: "LambdaState", calls: 2}},
	"TestBaseScenarios__test_sfn_start_execution_sync__SFN_SYNC":                   {{state: "StartExecution", calls: 1}},
	"TestBaseScenarios__test_sfn_start_execution_sync__SFN_SYNC2":                  {{state: "StartExecution", calls: 1}},
	"TestBaseScenarios__test_sns_publish_base":                                     {{state: "Publish", calls: 1}},
	"TestBaseScenarios__test_sqs_wait_for_task_token":                              {{state: "SendMessageWithWait", calls: 1}},
	"TestBaseScenarios__test_sqs_wait_for_task_token_task_failure": {
		{state: "SendMessageWithWait", calls: 1, outPath: "states_all_error"},
	},
}

func TestCorpusLocalMocking(t *testing.T) {
	t.Parallel()
	cases := readCases(t, "local_mocking")
	if len(cases) < len(localChecks) {
		t.Fatalf("found %d local_mocking cases, want at least %d", len(cases), len(localChecks))
	}
	for _, c := range cases {
		checks, ok := localChecks[c.Name]
		if !ok {
			t.Errorf("%s: no mock configuration in testdata/local_mocking", c.Name)
			continue
		}
		cfg, err := Load(filepath.Join("testdata", "local_mocking", c.Name+".json"))
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		s, err := cfg.Session(c.Name, "TestCaseName")
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		states := taskStates(t, c)
		for _, ch := range checks {
			checkLocal(t, c, s, states[ch.state], ch)
		}
	}
}

// taskStates maps the top-level Task states of a case's definition to their
// Resource.
func taskStates(t *testing.T, c corpusCase) map[string]string {
	t.Helper()
	var def struct {
		States map[string]struct{ Type, Resource string } `json:"States"`
	}
	if err := json.Unmarshal(c.Definition, &def); err != nil {
		t.Fatalf("%s: %v", c.Name, err)
	}
	out := map[string]string{}
	for name, st := range def.States {
		if st.Type == "Task" {
			out[name] = st.Resource
		}
	}
	return out
}

func checkLocal(t *testing.T, c corpusCase, s *Session, res string, ch localCheck) {
	t.Helper()
	if res == "" {
		t.Errorf("%s: %s is not a Task state of the definition", c.Name, ch.state)
		return
	}
	var got value.Value
	for range ch.calls {
		out, fail, mocked := s.Next(ch.state)
		if !mocked {
			t.Fatalf("%s: %s is not mocked", c.Name, ch.state)
		}
		got = out
		if fail != nil {
			got = value.MustParse(`{"Error":` + value.String(fail.Name) + `,"Cause":` + value.String(fail.Cause) + `}`)
		} else if msg := ValidateResult(res, out, ModeStrict); msg != "" {
			t.Errorf("%s: the mock of %s does not fit %s: %s", c.Name, ch.state, res, msg)
		}
	}
	expected := value.MustParse(string(c.Expected.Output))
	if !matches(at(got, ch.retPath), at(expected, ch.outPath)) {
		t.Errorf("%s: %s answered %s, the recorded output has %s", c.Name, ch.state,
			value.String(at(got, ch.retPath)), value.String(at(expected, ch.outPath)))
	}
}

// at follows a dotted path of object members.
func at(v value.Value, path string) value.Value {
	if path == "" {
		return v
	}
	for _, k := range strings.Split(path, ".") {
		o, _ := v.(*value.Object)
		if o == nil {
			return nil
		}
		v, _ = o.Get(k)
	}
	return v
}

// placeholder matches the recorder's masked values: <tokens> and the words
// the local_mocking snapshots substitute for ARNs and dates.
var placeholder = regexp.MustCompile(`^(<[^>]+>|execution-arn|state-machine-arn|start-date|stop-date)$`)

// matches reports whether every member of got appears in want with an equal
// value (a masked value in want matches any).
func matches(got, want value.Value) bool {
	if s, ok := want.(string); ok && placeholder.MatchString(s) {
		return true
	}
	switch g := got.(type) {
	case *value.Object:
		w, ok := want.(*value.Object)
		if !ok {
			return false
		}
		for _, m := range g.Members() {
			wv, present := w.Get(m.Key)
			if !present || !matches(m.Value, wv) {
				return false
			}
		}
		return true
	case []value.Value:
		w, ok := want.([]value.Value)
		if !ok || len(w) != len(g) {
			return false
		}
		for i := range g {
			if !matches(g[i], w[i]) {
				return false
			}
		}
		return true
	}
	return value.Equal(got, want)
}
