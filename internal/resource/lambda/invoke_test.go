package lambda

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stepwisehq/stepwise/internal/resource"
	"github.com/stepwisehq/stepwise/value"
)

// get walks an object by keys.
func get(t *testing.T, v value.Value, keys ...string) value.Value {
	t.Helper()
	for _, k := range keys {
		obj, ok := v.(*value.Object)
		if !ok {
			t.Fatalf("%s: not an object at %q", value.String(v), k)
		}
		if v, ok = obj.Get(k); !ok {
			t.Fatalf("%s: no key %q", value.String(obj), k)
		}
	}
	return v
}

func keys(t *testing.T, v value.Value) []string {
	t.Helper()
	obj, ok := v.(*value.Object)
	if !ok {
		t.Fatalf("%s is not an object", value.String(v))
	}
	return obj.Keys()
}

// The orders recorded from AWS (services/TestTaskServiceLambda__test_invoke*).
var (
	recordedAllHeaders = []string{"X-Amz-Executed-Version", "x-amzn-Remapped-Content-Length", "Connection",
		"x-amzn-RequestId", "Content-Length", "Date", "X-Amzn-Trace-Id", "Content-Type"}
	recordedHeaders = []string{"Connection", "Content-Length", "Content-Type", "Date", "X-Amz-Executed-Version",
		"x-amzn-Remapped-Content-Length", "x-amzn-RequestId", "X-Amzn-Trace-Id"}
)

func TestInvokeResultShape(t *testing.T) {
	t.Parallel()
	b := setup(t)
	out, err := b.invoke(t, invokeARN, `{"FunctionName":"`+fakePrefix+`id_function","Payload":null}`)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := keys(t, out), []string{"ExecutedVersion", "Payload", "SdkHttpMetadata", "SdkResponseMetadata", "StatusCode"}; !slices.Equal(got, want) {
		t.Errorf("keys = %v, want %v", got, want)
	}
	checks := []struct {
		path []string
		want string
	}{
		{[]string{"ExecutedVersion"}, `"$LATEST"`},
		{[]string{"Payload"}, `{}`},
		{[]string{"StatusCode"}, `200`},
		{[]string{"SdkHttpMetadata", "HttpStatusCode"}, `200`},
		{[]string{"SdkHttpMetadata", "AllHttpHeaders", "Content-Length"}, `["2"]`},
		{[]string{"SdkHttpMetadata", "AllHttpHeaders", "Connection"}, `["keep-alive"]`},
		{[]string{"SdkHttpMetadata", "AllHttpHeaders", "Content-Type"}, `["application/json"]`},
		{[]string{"SdkHttpMetadata", "HttpHeaders", "x-amzn-Remapped-Content-Length"}, `"0"`},
		{[]string{"SdkHttpMetadata", "HttpHeaders", "X-Amz-Executed-Version"}, `"$LATEST"`},
	}
	for _, c := range checks {
		if got := value.String(get(t, out, c.path...)); got != c.want {
			t.Errorf("%v = %s, want %s", c.path, got, c.want)
		}
	}
	if got := keys(t, get(t, out, "SdkHttpMetadata")); !slices.Equal(got, []string{"AllHttpHeaders", "HttpHeaders", "HttpStatusCode"}) {
		t.Errorf("SdkHttpMetadata keys = %v", got)
	}
	if got := keys(t, get(t, out, "SdkHttpMetadata", "AllHttpHeaders")); !slices.Equal(got, recordedAllHeaders) {
		t.Errorf("AllHttpHeaders order = %v, want %v", got, recordedAllHeaders)
	}
	if got := keys(t, get(t, out, "SdkHttpMetadata", "HttpHeaders")); !slices.Equal(got, recordedHeaders) {
		t.Errorf("HttpHeaders order = %v, want %v", got, recordedHeaders)
	}
	id := get(t, out, "SdkResponseMetadata", "RequestId")
	if got := value.String(get(t, out, "SdkHttpMetadata", "HttpHeaders", "x-amzn-RequestId")); got != value.String(id) || len(got) != 34 {
		t.Errorf("RequestId %s, header %s", value.String(id), got)
	}
}

func TestInvokeLogTail(t *testing.T) {
	t.Parallel()
	b := setup(t)
	out, err := b.invoke(t, invokeARN, `{"FunctionName":"`+fakePrefix+`id_function","Payload":null,"LogType":"Tail"}`)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := keys(t, out), []string{"ExecutedVersion", "LogResult", "Payload", "SdkHttpMetadata", "SdkResponseMetadata", "StatusCode"}; !slices.Equal(got, want) {
		t.Errorf("keys = %v, want %v", got, want)
	}
	all := append([]string{"X-Amz-Log-Result"}, recordedAllHeaders...)
	if got := keys(t, get(t, out, "SdkHttpMetadata", "AllHttpHeaders")); !slices.Equal(got, all) {
		t.Errorf("AllHttpHeaders order = %v, want %v", got, all)
	}
	want := slices.Insert(slices.Clone(recordedHeaders), 5, "X-Amz-Log-Result")
	if got := keys(t, get(t, out, "SdkHttpMetadata", "HttpHeaders")); !slices.Equal(got, want) {
		t.Errorf("HttpHeaders order = %v, want %v", got, want)
	}
}

func TestInvokePayloads(t *testing.T) {
	t.Parallel()
	b := setup(t)
	tests := []struct {
		fn, payload string // payload: the JSON of the Payload parameter, "" for none
		sent        string // the request body Lambda received
		want        string // the result's Payload
		length      string // its Content-Length
	}{
		{"id_function", ``, ``, `{}`, "2"},
		{"id_function", `null`, ``, `{}`, "2"},
		{"id_function", `"0.0"`, `0.0`, `0.0`, "3"},
		{"id_function", `"0"`, `0`, `0`, "1"},
		{"id_function", `"{}"`, `{}`, `{}`, "2"},
		{"id_function", `{"b":[1,2.50],"a":"é"}`, `{"b":[1,2.50],"a":"é"}`, `{"b":[1,2.50],"a":"é"}`, "23"},
		{"id_function", `[true]`, `[true]`, `[true]`, "6"},
		{"id_function", `7`, `7`, `7`, "1"},
		{"return_bytes_str", `"\"'{'Hello':'World'}'\""`, `"'{'Hello':'World'}'"`, `"HelloWorld!"`, "13"},
		{"plain_text", `{}`, `{}`, `"plain text"`, "10"},
	}
	for _, tt := range tests {
		params := `{"FunctionName":"` + fakePrefix + tt.fn + `"`
		if tt.payload != "" {
			params += `,"Payload":` + tt.payload
		}
		out, err := b.invoke(t, invokeARN, params+"}")
		if err != nil {
			t.Fatalf("%s: %v", params, err)
		}
		if got := value.String(get(t, out, "Payload")); got != tt.want {
			t.Errorf("%s: Payload = %s, want %s", params, got, tt.want)
		}
		if got := value.String(get(t, out, "SdkHttpMetadata", "HttpHeaders", "Content-Length")); got != `"`+tt.length+`"` {
			t.Errorf("%s: Content-Length = %s, want %s", params, got, tt.length)
		}
		reqs := b.fake.received()
		if got := string(reqs[len(reqs)-1].Body); got != tt.sent {
			t.Errorf("%s: sent %q, want %q", params, got, tt.sent)
		}
	}
}

func TestInvokeRequestParameters(t *testing.T) {
	t.Parallel()
	b := setup(t)
	name := "arn:aws:lambda:ca-central-1:123456789012:function:" + fakePrefix + "id_function"
	_, err := b.invoke(t, invokeARN, `{"FunctionName":"`+name+`","Payload":{"a":1},"Qualifier":"7",
		"ClientContext":"eyJhIjoxfQ==","LogType":"None","InvocationType":"RequestResponse"}`)
	if err != nil {
		t.Fatal(err)
	}
	r := b.fake.received()[0]
	checks := map[string][2]string{
		"function":              {r.Function, name},
		"Qualifier":             {r.Query.Get("Qualifier"), "7"},
		"X-Amz-Client-Context":  {r.Header.Get("X-Amz-Client-Context"), "eyJhIjoxfQ=="},
		"X-Amz-Log-Type":        {r.Header.Get("X-Amz-Log-Type"), "None"},
		"X-Amz-Invocation-Type": {r.Header.Get("X-Amz-Invocation-Type"), "RequestResponse"},
	}
	for what, c := range checks {
		if c[0] != c[1] {
			t.Errorf("%s = %q, want %q", what, c[0], c[1])
		}
	}
	if auth := r.Header.Get("Authorization"); !strings.Contains(auth, "/ca-central-1/lambda/aws4_request") {
		t.Errorf("signed for the wrong region: %q", auth)
	}

	// A plain name goes to the execution's region; numbers are sent as text.
	_, err = b.inv.Invoke(t.Context(), &resource.Request{Resource: invokeARN, Region: "sa-east-1",
		Input: value.MustParse(`{"FunctionName":"` + fakePrefix + `id_function","Qualifier":12}`)})
	if err != nil {
		t.Fatal(err)
	}
	r = b.fake.received()[1]
	if auth := r.Header.Get("Authorization"); !strings.Contains(auth, "/sa-east-1/lambda/aws4_request") {
		t.Errorf("signed for the wrong region: %q", auth)
	}
	if got := r.Query.Get("Qualifier"); got != "12" {
		t.Errorf("Qualifier = %q", got)
	}
}

func TestInvokeEvent(t *testing.T) {
	t.Parallel()
	b := setup(t)
	out, err := b.invoke(t, invokeARN+".waitForTaskToken",
		`{"FunctionName":"`+fakePrefix+`id_function","InvocationType":"Event","Payload":{"token":"t"}}`)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := keys(t, out), []string{"Payload", "SdkHttpMetadata", "SdkResponseMetadata", "StatusCode"}; !slices.Equal(got, want) {
		t.Errorf("keys = %v, want %v", got, want)
	}
	if got := value.String(get(t, out, "Payload")) + value.String(get(t, out, "StatusCode")); got != `""202` {
		t.Errorf("Payload+StatusCode = %s", got)
	}
}

func TestInvokeFunctionErrors(t *testing.T) {
	t.Parallel()
	b := setup(t)
	_, err := b.invoke(t, invokeARN, `{"FunctionName":"`+fakePrefix+`raise_exception","Payload":null}`)
	wantFailure(t, err, "Exception", regexp.MustCompile(`^\{"errorMessage":"Some exception was raised\.","errorType":"Exception",`+
		`"requestId":"[0-9a-f]{32}","stackTrace":\["  File \\"/var/task/handler\.py\\", line 2, in handler\\n    `+
		`raise Exception\(\\"Some exception was raised\.\\"\)\\n"\]\}$`))
	_, err = b.invoke(t, invokeARN, `{"FunctionName":"`+fakePrefix+`raise_custom_exception"}`)
	wantFailure(t, err, "CustomException", regexp.MustCompile(`^\{"errorMessage":"","errorType":"CustomException",`))
	_, err = b.invoke(t, invokeARN, `{"FunctionName":"`+fakePrefix+`timeout_error"}`)
	wantFailure(t, err, ErrorUnknown, regexp.MustCompile(`^`+regexp.QuoteMeta(unknownCause)+`\{"errorMessage":"[^"]+ Task timed out after 3\.00 seconds"\}$`))
	_, err = b.invoke(t, invokeARN, `{"FunctionName":"`+fakePrefix+`large_output_string"}`)
	wantFailure(t, err, resource.ErrorDataLimitExceeded, regexp.MustCompile(`^`+regexp.QuoteMeta(
		"The state/task 'lambda' returned a result with a size exceeding the maximum number of bytes service limit.")+`$`))
}

func TestInvokeParameterErrors(t *testing.T) {
	t.Parallel()
	b := setup(t)
	tests := []struct {
		params, cause string
	}{
		{`{"Payload":{}}`, `The Parameters '{"Payload":{}}' could not be used to start the Task: [The field 'FunctionName' is required but was missing]`},
		{`{"FunctionName":null}`, `The Parameters '{"FunctionName":null}' could not be used to start the Task: [The value for the field 'FunctionName' must be a STRING]`},
		{`{"FunctionName":{"a":1}}`, `The Parameters '{"FunctionName":{"a":1}}' could not be used to start the Task: [The value for the field 'FunctionName' must be a STRING]`},
		{`{"FunctionName":"f","Qualifier":[1]}`, `The Parameters '{"FunctionName":"f","Qualifier":[1]}' could not be used to start the Task: [The value for the field 'Qualifier' must be a STRING]`},
		{`"f"`, `The Parameters '"f"' could not be used to start the Task: [The field 'FunctionName' is required but was missing]`},
	}
	for _, tt := range tests {
		_, err := b.invoke(t, invokeARN, tt.params)
		wantFailure(t, err, resource.ErrorRuntime, regexp.MustCompile(`^`+regexp.QuoteMeta(tt.cause)+`$`))
	}
	if n := len(b.fake.received()); n != 0 {
		t.Errorf("%d requests reached Lambda", n)
	}
}
