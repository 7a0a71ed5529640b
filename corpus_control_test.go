package stepwise

import (
	"context"
	"encoding/json"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stepwisehq/stepwise/internal/sharedtest"
)

// The recorded AWS answers in ../shared/conformance (api_errors and
// invalid_definitions) replayed through the Client's control-plane
// methods: the error code must match; message matches are counted and the
// mismatches logged (definition messages come from package asl).

// corpusCase is the part of a recorded case these tests read.
type corpusCase struct {
	Name       string          `json:"name"`
	API        string          `json:"api"`
	Request    json.RawMessage `json:"request"`
	Definition json.RawMessage `json:"definition"`
	Expected   struct {
		Error          *string         `json:"error"`
		Message        *string         `json:"message"`
		Result         string          `json:"result"`
		Diagnostics    json.RawMessage `json:"diagnostics"`
		ValidationResp json.RawMessage `json:"validate_response"`
	} `json:"expected"`
}

func loadCases(t *testing.T, category string) []corpusCase {
	t.Helper()
	files := sharedtest.Cases(t, category)
	sort.Strings(files)
	var out []corpusCase
	for _, f := range files {
		var c corpusCase
		sharedtest.ReadJSON(t, f, &c)
		c.Name = sharedtest.Name(f)
		out = append(out, c)
	}
	if len(out) == 0 {
		t.Skip("no cases in " + category)
	}
	return out
}

// call decodes a recorded request into an action's input and calls it.
func call[I, O any](fn func(context.Context, *I) (*O, error), req json.RawMessage, edit func(*I)) error {
	in := new(I)
	if len(req) > 0 {
		if err := json.Unmarshal(req, in); err != nil {
			return err
		}
	}
	if edit != nil {
		edit(in)
	}
	_, err := fn(context.Background(), in)
	return err
}

// controlCall replays a recorded request of one of the control-plane
// actions; ok is false for actions this file does not cover.
func controlCall(c *Client, api string, req json.RawMessage, def string) (err error, ok bool) {
	createDefaults := func(in *CreateStateMachineInput) {
		if in.Definition == "" {
			in.Definition = def
		}
		if in.RoleArn == "" {
			in.RoleArn = testRole
		}
	}
	actions := map[string]func() error{
		"create_state_machine":          func() error { return call(c.CreateStateMachine, req, createDefaults) },
		"update_state_machine":          func() error { return call(c.UpdateStateMachine, req, nil) },
		"describe_state_machine":        func() error { return call(c.DescribeStateMachine, req, nil) },
		"publish_state_machine_version": func() error { return call(c.PublishStateMachineVersion, req, nil) },
		"create_state_machine_alias":    func() error { return call(c.CreateStateMachineAlias, req, nil) },
		"update_state_machine_alias":    func() error { return call(c.UpdateStateMachineAlias, req, nil) },
		"list_state_machine_aliases":    func() error { return call(c.ListStateMachineAliases, req, nil) },
		"create_activity":               func() error { return call(c.CreateActivity, req, nil) },
		"describe_activity":             func() error { return call(c.DescribeActivity, req, nil) },
		"tag_resource":                  func() error { return call(c.TagResource, req, nil) },
	}
	fn, ok := actions[api]
	if !ok {
		return nil, false
	}
	return fn(), true
}

var maskToken = regexp.MustCompile(`<[A-Za-z][A-Za-z0-9_.:\-]*>|111111111111|` +
	`snf_role_arn|sfn_role_arn|state_machine_alias_name|activity_arn|activity_name|state_machine_name|` +
	`invalid_execution_arn|ssm_nonexistent_arn`)

// maskedMatch compares a recorded (masked) message with an actual one.
func maskedMatch(expected, actual string) bool {
	return sharedtest.MaskedMatch(maskToken, expected, actual)
}

func TestCorpusAPIErrors(t *testing.T) {
	cases := loadCases(t, "api_errors")
	selfContained := map[string]bool{"InvalidName": true, "InvalidArn": true, "ValidationException": true,
		"InvalidLoggingConfiguration": true, "StateMachineDoesNotExist": true, "ExecutionDoesNotExist": true,
		"ActivityDoesNotExist": true, "ResourceNotFound": true}
	ran, messages := 0, 0
	for _, tc := range cases {
		exp := tc.Expected
		if exp.Error == nil || *exp.Error == "ParamValidationError" || strings.Contains(string(tc.Request), "resp.") ||
			strings.Contains(string(tc.Request), "u000") && !selfContained[*exp.Error] {
			continue
		}
		b := newControl(t)
		err, ok := controlCall(b.c, tc.API, tc.Request, passDef)
		if !ok {
			continue
		}
		ran++
		if got := string(ErrorCodeOf(err)); err == nil || got != *exp.Error {
			t.Errorf("%s: error %v, want %s", tc.Name, err, *exp.Error)
			continue
		}
		if e, isAPI := err.(*Error); isAPI && exp.Message != nil && maskedMatch(*exp.Message, e.Message) {
			messages++
		} else if exp.Message != nil {
			t.Logf("%s: message\n got %v\nwant %s", tc.Name, err, *exp.Message)
		}
	}
	t.Logf("api_errors: %d replayed, %d messages match", ran, messages)
	if ran < 30 {
		t.Errorf("only %d api_errors cases replayed", ran)
	}
}

func TestCorpusInvalidDefinitions(t *testing.T) {
	cases := loadCases(t, "invalid_definitions")
	ran, messages := 0, 0
	for _, tc := range cases {
		if tc.API != "create_state_machine" && tc.API != "update_state_machine" || tc.Expected.Error == nil {
			continue
		}
		def := definitionText(tc.Definition)
		b := newControl(t)
		var err error
		if tc.API == "create_state_machine" {
			err = call(b.c.CreateStateMachine, tc.Request, func(in *CreateStateMachineInput) {
				in.Name, in.Definition, in.RoleArn = "m", def, testRole
			})
		} else {
			arn := b.createMachine(t, "m", passDef, false).StateMachineArn
			err = call(b.c.UpdateStateMachine, tc.Request, func(in *UpdateStateMachineInput) {
				in.StateMachineArn, in.Definition = arn, def
			})
		}
		ran++
		if got := string(ErrorCodeOf(err)); err == nil || got != *tc.Expected.Error {
			t.Errorf("%s: error %v, want %s", tc.Name, err, *tc.Expected.Error)
			continue
		}
		if tc.Expected.Message != nil && maskedMatch(*tc.Expected.Message, err.(*Error).Message) {
			messages++
		} else if ran-messages <= 5 {
			t.Logf("%s: message\n got %v\nwant %v", tc.Name, err, *tc.Expected.Message)
		}
	}
	t.Logf("invalid_definitions: %d replayed, %d messages match", ran, messages)
}

// definitionText returns a case's definition as text (a JSON string holds
// the verbatim text of a definition that is not JSON).
func definitionText(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return string(raw)
}

func TestCorpusValidateDefinition(t *testing.T) {
	cases := loadCases(t, "invalid_definitions")
	b := newControl(t)
	for _, tc := range cases {
		if tc.API != "validate_state_machine_definition" {
			continue
		}
		var req struct {
			Type StateMachineType `json:"type"`
		}
		_ = json.Unmarshal(tc.Request, &req)
		out, err := b.c.ValidateStateMachineDefinition(b.ctx, &ValidateStateMachineDefinitionInput{
			Definition: definitionText(tc.Definition), Type: req.Type})
		cpMust(t, tc.Name, err)
		var want []ValidateStateMachineDefinitionDiagnostic
		cpMust(t, "diagnostics", json.Unmarshal(tc.Expected.Diagnostics, &want))
		if string(out.Result) != tc.Expected.Result || len(out.Diagnostics) != len(want) {
			t.Errorf("%s: %+v, want %s %+v", tc.Name, out, tc.Expected.Result, want)
			continue
		}
		for i := range want {
			if out.Diagnostics[i].Code != want[i].Code {
				t.Errorf("%s: diagnostic %d code %s, want %s", tc.Name, i, out.Diagnostics[i].Code, want[i].Code)
			} else if out.Diagnostics[i] != want[i] {
				t.Logf("%s: diagnostic\n got %+v\nwant %+v", tc.Name, out.Diagnostics[i], want[i])
			}
		}
	}
}

func TestMaskedMatch(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		exp, act string
		want     bool
	}{
		{"Activity Does Not Exist: 'activity_arn'", "Activity Does Not Exist: 'arn:aws:states:x'", true},
		{"'arn:<partition>:states:<region>:111111111111:stateMachine:<ArnPart_0idx>'", "'arn:aws:states:us-east-1:123456789012:stateMachine:m'", true},
		{"'arn:<partition>:states:<region>:111111111111:stateMachine:x'", "'arn:aws:states:us-east-1:12345:stateMachine:x'", false},
		{"exact (text)", "exact (text)", true},
		{"exact", "exact!", false},
	} {
		if got := maskedMatch(tc.exp, tc.act); got != tc.want {
			t.Errorf("maskedMatch(%q, %q) = %v", tc.exp, tc.act, got)
		}
	}
}
