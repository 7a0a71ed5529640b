package api_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/stepwisehq/stepwise/api"
)

// rawCall posts body to the server with an X-Amz-Target of target.
func rawCall(t *testing.T, b *bundle, method, target, body string) (*http.Response, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(method, b.srv.URL+"/", strings.NewReader(body))
	must(t, "NewRequest", err)
	if target != "" {
		req.Header.Set("X-Amz-Target", target)
	}
	req.Header.Set("Content-Type", "application/x-amz-json-1.0")
	resp, err := http.DefaultClient.Do(req)
	must(t, "Do", err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	must(t, "ReadAll", err)
	var out map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("response %q is not a JSON object: %v", raw, err)
	}
	return resp, out
}

var requestIDPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestProtocolErrors(t *testing.T) {
	t.Parallel()
	b := newBundle(t, api.Options{MaxRequestBytes: 4096})
	big := `{"name":"` + strings.Repeat("x", 5000) + `"}`
	for _, tc := range []struct {
		name, method, target, body string
		status                     int
		typ, message               string
	}{
		{"unknown action", "POST", "AWSStepFunctions.FlyToTheMoon", "{}", 400, "com.amazon.coral.service#UnknownOperationException", ""},
		{"no target", "POST", "", "{}", 400, "com.amazon.coral.service#UnknownOperationException", ""},
		{"other service", "POST", "DynamoDB_20120810.ListTables", "{}", 400, "com.amazon.coral.service#UnknownOperationException", ""},
		{"GET", "GET", "AWSStepFunctions.ListStateMachines", "", 400, "com.amazon.coral.service#UnknownOperationException", ""},
		{"bad JSON", "POST", "AWSStepFunctions.ListStateMachines", "{", 400, "com.amazon.coral.service#SerializationException", ""},
		{"array body", "POST", "AWSStepFunctions.ListStateMachines", "[]", 400, "com.amazon.coral.service#SerializationException",
			"Start of list found where not expected"},
		{"string for int", "POST", "AWSStepFunctions.ListStateMachines", `{"maxResults":"10"}`, 400,
			"com.amazon.coral.service#SerializationException", "STRING_VALUE can not be converted to an Integer"},
		{"number for string", "POST", "AWSStepFunctions.DescribeActivity", `{"activityArn":1}`, 400,
			"com.amazon.coral.service#SerializationException", "NUMBER_VALUE can not be converted to a String"},
		{"object for string", "POST", "AWSStepFunctions.DescribeActivity", `{"activityArn":{}}`, 400,
			"com.amazon.coral.service#SerializationException", "Start of structure or map found where not expected."},
		{"too large", "POST", "AWSStepFunctions.CreateActivity", big, 413, "com.amazon.coral.service#RequestEntityTooLarge", ""},
		{"validation", "POST", "AWSStepFunctions.ListStateMachines", `{"maxResults":5000}`, 400, "com.amazon.coral.validate#ValidationException",
			"1 validation error detected: Value '5000' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000"},
		{"modeled", "POST", "AWSStepFunctions.DescribeStateMachine", `{"stateMachineArn":"x"}`, 400,
			"com.amazonaws.swf.service.v2.model#InvalidArn", "Invalid Arn: 'Invalid ARN prefix: x'"},
	} {
		resp, out := rawCall(t, b, tc.method, tc.target, tc.body)
		code := tc.typ[strings.Index(tc.typ, "#")+1:]
		if resp.StatusCode != tc.status || out["__type"] != tc.typ || resp.Header.Get("X-Amzn-ErrorType") != code {
			t.Errorf("%s: %d %v (X-Amzn-ErrorType %q), want %d %s", tc.name, resp.StatusCode, out, resp.Header.Get("X-Amzn-ErrorType"), tc.status, tc.typ)
		}
		if tc.message != "" && out["message"] != tc.message {
			t.Errorf("%s: message %q, want %q", tc.name, out["message"], tc.message)
		}
		if !requestIDPattern.MatchString(resp.Header.Get("x-amzn-RequestId")) {
			t.Errorf("%s: x-amzn-RequestId %q", tc.name, resp.Header.Get("x-amzn-RequestId"))
		}
	}
}

func TestProtocolSuccess(t *testing.T) {
	t.Parallel()
	b := newBundle(t, api.Options{})
	resp, out := rawCall(t, b, "POST", "AWSStepFunctions.ListStateMachines", "")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/x-amz-json-1.0" ||
		!requestIDPattern.MatchString(resp.Header.Get("x-amzn-RequestId")) {
		t.Errorf("empty body: %d %v %v", resp.StatusCode, resp.Header, out)
	}
	if list, ok := out["stateMachines"].([]any); !ok || len(list) != 0 {
		t.Errorf("stateMachines = %#v, want []", out["stateMachines"])
	}
	def := `{"Comment":"<a & b>","StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}`
	body, _ := json.Marshal(map[string]any{"name": "m", "definition": def, "roleArn": testRole, "unknownMember": 1})
	resp, out = rawCall(t, b, "POST", "AWSStepFunctions.CreateStateMachine", string(body))
	if resp.StatusCode != 200 {
		t.Fatalf("CreateStateMachine: %d %v", resp.StatusCode, out)
	}
	if _, ok := out["creationDate"].(float64); !ok {
		t.Errorf("creationDate = %#v, want a number", out["creationDate"])
	}
	req, _ := http.NewRequest("POST", b.srv.URL, strings.NewReader(`{"stateMachineArn":"`+out["stateMachineArn"].(string)+`"}`))
	req.Header.Set("X-Amz-Target", "AWSStepFunctions.DescribeStateMachine")
	r, err := http.DefaultClient.Do(req)
	must(t, "Do", err)
	raw, _ := io.ReadAll(r.Body)
	r.Body.Close()
	if !bytes.Contains(raw, []byte(`<a & b>`)) || bytes.HasSuffix(raw, []byte("\n")) {
		t.Errorf("the definition is escaped or the body ends in a newline: %s", raw)
	}
	resp, out = rawCall(t, b, "POST", "AWSStepFunctions.DeleteActivity",
		`{"activityArn":"arn:aws:states:us-east-1:123456789012:activity:none"}`)
	if resp.StatusCode != 200 || len(out) != 0 {
		t.Errorf("empty output: %d %v", resp.StatusCode, out)
	}
}
