package lambda

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/stepwisehq/stepwise/internal/resource"
	"github.com/stepwisehq/stepwise/internal/resource/awsclient"
	"github.com/stepwisehq/stepwise/value"
)

const (
	invokeARN = "arn:aws:states:::lambda:invoke"
	fnARN     = "arn:aws:lambda:us-east-1:123456789012:function:" + fakePrefix
)

// testBundle is what each test needs: a fake Lambda and an Invoker on it.
type testBundle struct {
	fake *fakeLambda
	inv  *Invoker
}

func setup(t *testing.T, opts ...func(*Options)) *testBundle {
	t.Helper()
	fake := newFakeLambda(t)
	o := Options{Config: &aws.Config{Region: "us-east-1"}, Endpoint: fake.URL()}
	for _, fn := range opts {
		fn(&o)
	}
	inv, err := New(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	return &testBundle{fake: fake, inv: inv}
}

func (b *testBundle) invoke(t *testing.T, resourceARN string, input string) (value.Value, error) {
	t.Helper()
	return b.inv.Invoke(context.Background(), &resource.Request{Resource: resourceARN, Input: value.MustParse(input)})
}

func wantFailure(t *testing.T, err error, name string, cause *regexp.Regexp) {
	t.Helper()
	var f *resource.Failure
	if !errors.As(err, &f) {
		t.Fatalf("err = %v, want a *resource.Failure %s", err, name)
	}
	if f.Name != name || !cause.MatchString(f.Cause) {
		t.Fatalf("failure = %s / %q, want %s / %s", f.Name, f.Cause, name, cause)
	}
}

func TestFunctionARNResults(t *testing.T) {
	t.Parallel()
	b := setup(t)
	tests := []struct {
		fn, input, want string
	}{
		{"id_function", `{"b":1.50,"a":[true,null,"x/y<\u2028>"],"c":{}}`, `{"b":1.50,"a":[true,null,"x/y<` + "\u2028" + `>"],"c":{}}`},
		{"id_function", `0`, `0`},
		{"id_function", `"HelloWorld"`, `"HelloWorld"`},
		{"id_function", `[]`, `[]`},
		{"id_function", `1.0e+2`, `1.0e+2`},
		{"echo_function", `{}`, `{"Return":"HelloWorld"}`},
		{"plain_text", `{}`, `"plain text"`},
		{"empty", `{}`, `null`},
	}
	for _, tt := range tests {
		got, err := b.invoke(t, fnARN+tt.fn, tt.input)
		if err != nil {
			t.Fatalf("%s(%s): %v", tt.fn, tt.input, err)
		}
		if s := value.String(got); s != tt.want {
			t.Errorf("%s(%s) = %s, want %s", tt.fn, tt.input, s, tt.want)
		}
	}
}

func TestFunctionARNRequest(t *testing.T) {
	t.Parallel()
	b := setup(t)
	arn := "arn:aws:lambda:eu-west-3:123456789012:function:" + fakePrefix + "id_function:live"
	if _, err := b.invoke(t, arn, `{"k":"v"}`); err != nil {
		t.Fatal(err)
	}
	reqs := b.fake.received()
	if len(reqs) != 1 {
		t.Fatalf("%d requests", len(reqs))
	}
	r := reqs[0]
	if r.Function != arn || string(r.Body) != `{"k":"v"}` {
		t.Errorf("request function %q body %q", r.Function, r.Body)
	}
	if auth := r.Header.Get("Authorization"); !strings.Contains(auth, "/eu-west-3/lambda/aws4_request") ||
		!strings.Contains(auth, "Credential="+awsclient.DummyAccessKeyID+"/") {
		t.Errorf("Authorization = %q, want dummy credentials scoped to eu-west-3", auth)
	}
}

func TestFunctionARNFailures(t *testing.T) {
	t.Parallel()
	b := setup(t)
	pyCause := func(typ, msg string, line int, code string) *regexp.Regexp {
		want := pyErrorPayload(typ, msg, line, code)
		return regexp.MustCompile("^" + regexp.QuoteMeta(want[:strings.Index(want, `"requestId": "`)]) +
			`"requestId": "[0-9a-f]{32}", "stackTrace": ` + regexp.QuoteMeta(want[strings.Index(want, `[`):]) + "$")
	}
	tests := []struct {
		fn, name string
		cause    *regexp.Regexp
	}{
		{"raise_exception", "Exception",
			pyCause("Exception", "Some exception was raised.", 2, `raise Exception("Some exception was raised.")`)},
		{"raise_custom_exception", "CustomException", pyCause("CustomException", "", 9, "raise CustomException()")},
		{"timeout_error", ErrorUnknown, regexp.MustCompile(`^` + regexp.QuoteMeta(unknownCause+
			`{"errorMessage":"2024-11-26T00:36:39.604Z 5b1c368c Task timed out after 3.00 seconds"}`) + `$`)},
		{"garbled_error", ErrorUnknown, regexp.MustCompile(`^` + regexp.QuoteMeta(unknownCause+"not json") + `$`)},
		{"large_output_string", resource.ErrorDataLimitExceeded, regexp.MustCompile(`^` + regexp.QuoteMeta(
			"The state/task '"+fnARN+"large_output_string' returned a result with a size exceeding the maximum number of bytes service limit.") + `$`)},
	}
	for _, tt := range tests {
		t.Run(tt.fn, func(t *testing.T) {
			t.Parallel()
			_, err := b.invoke(t, fnARN+tt.fn, `{}`)
			wantFailure(t, err, tt.name, tt.cause)
		})
	}
}

func TestServiceErrors(t *testing.T) {
	t.Parallel()
	b := setup(t)
	svc := func(msg string, status, code string) *regexp.Regexp {
		return regexp.MustCompile(`^` + regexp.QuoteMeta(msg+" (Service: AWSLambda; Status Code: "+status+"; Error Code: "+code+
			"; Request ID: ") + `[0-9a-f]{32}; Proxy: null\)$`)
	}
	tests := []struct {
		fn, name string
		cause    *regexp.Regexp
	}{
		{"nope", "Lambda.ResourceNotFoundException",
			svc("Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope", "404", "ResourceNotFoundException")},
		{fakePrefix + "throttled", "Lambda.TooManyRequestsException", svc("Rate Exceeded.", "429", "TooManyRequestsException")},
		{fakePrefix + "service_error", "Lambda.ServiceException", svc("Internal error", "500", "ServiceException")},
		{fakePrefix + "unmodelled_error", ErrorLambdaException,
			svc("1 validation error detected", "400", "ValidationException")},
	}
	for _, tt := range tests {
		t.Run(tt.fn, func(t *testing.T) {
			t.Parallel()
			_, err := b.invoke(t, invokeARN, `{"FunctionName":"`+tt.fn+`"}`)
			wantFailure(t, err, tt.name, tt.cause)
			_, err = b.invoke(t, "arn:aws:lambda:us-east-1:123456789012:function:"+tt.fn, `{}`)
			wantFailure(t, err, tt.name, tt.cause)
		})
	}
	_, err := b.invoke(t, invokeARN, `{"FunctionName":"`+fakePrefix+`wordless_error"}`)
	wantFailure(t, err, ErrorLambdaException,
		regexp.MustCompile(`^null \(Service: AWSLambda; Status Code: 502; Error Code: null; Request ID: [0-9a-f]{32}; Proxy: null\)$`))
}

func TestUnreachableEndpoint(t *testing.T) {
	t.Parallel()
	fake := newFakeLambda(t)
	url := fake.URL()
	fake.server.Close() // nothing listens there any more
	inv, err := New(context.Background(), Options{Config: &aws.Config{}, Endpoint: url})
	if err != nil {
		t.Fatal(err)
	}
	_, err = inv.Invoke(context.Background(), &resource.Request{Resource: invokeARN,
		Input: value.MustParse(`{"FunctionName":"f"}`)})
	wantFailure(t, err, ErrorSdkClientFailure, regexp.MustCompile(`^Unable to execute HTTP request: .*connection refused`))
}

func TestTimeoutAndCancel(t *testing.T) {
	t.Parallel()
	b := setup(t)
	input := value.MustParse(`{"FunctionName":"` + fakePrefix + `wait_60_seconds","Payload":{}}`)
	start := time.Now()
	_, err := b.inv.Invoke(context.Background(), &resource.Request{Resource: invokeARN, Input: input, Timeout: 50 * time.Millisecond})
	wantFailure(t, err, resource.ErrorTimeout, regexp.MustCompile(`^$`))
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("timeout took %v", d)
	}

	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	_, err = b.inv.Invoke(ctx, &resource.Request{Resource: fnARN + "wait_60_seconds", Input: input, Timeout: time.Minute})
	var f *resource.Failure
	if !errors.Is(err, context.Canceled) || errors.As(err, &f) {
		t.Errorf("cancelled: err = %v, want context.Canceled and no failure", err)
	}
}

func TestResourceErrors(t *testing.T) {
	t.Parallel()
	b := setup(t)
	notRecognized := func(arn string) *regexp.Regexp {
		return regexp.MustCompile(`^` + regexp.QuoteMeta(resource.NotRecognizedMessage(arn)) + `$`)
	}
	tests := []struct {
		arn   string
		cause *regexp.Regexp
	}{
		{"arn:aws:states:::lambda:invoke.sync", notRecognized("arn:aws:states:::lambda:invoke.sync")},
		{"arn:aws:states:::lambda:getFunction", notRecognized("arn:aws:states:::lambda:getFunction")},
		{"arn:aws:states:::sqs:sendMessage", notRecognized("arn:aws:states:::sqs:sendMessage")},
		{"lambda", regexp.MustCompile(`^Value is not a valid resource ARN$`)},
	}
	for _, tt := range tests {
		_, err := b.invoke(t, tt.arn, `{"FunctionName":"x"}`)
		wantFailure(t, err, resource.ErrorRuntime, tt.cause)
	}
	if n := len(b.fake.received()); n != 0 {
		t.Errorf("%d requests reached Lambda", n)
	}
}

func TestMaxResultBytes(t *testing.T) {
	t.Parallel()
	unlimited := setup(t, func(o *Options) { o.MaxResultBytes = -1 })
	got, err := unlimited.invoke(t, fnARN+"large_output_string", `{}`)
	if s, ok := got.(string); err != nil || !ok || len(s) != 257*1024 {
		t.Errorf("unlimited: %T, %v", got, err)
	}
	small := setup(t, func(o *Options) { o.MaxResultBytes = 11 })
	if _, err := small.invoke(t, fnARN+"id_function", `"123456789"`); err != nil {
		t.Errorf("11 bytes within a limit of 11: %v", err)
	}
	_, err = small.invoke(t, fnARN+"id_function", `"1234567890"`)
	wantFailure(t, err, resource.ErrorDataLimitExceeded, regexp.MustCompile(`^The state/task 'arn:aws:lambda:`))
}

func TestArnRegion(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"arn:aws:lambda:eu-west-1:123456789012:function:f": "eu-west-1",
		"arn:aws:lambda:eu-west-1:123456789012:function":   "eu-west-1",
		"arn:aws:lambda":           "",
		"arn:aws:lambda:eu-west-1": "",
		"function-name":            "",
		"123456789012:function:f":  "",
		"":                         "",
	}
	for in, want := range tests {
		if got := arnRegion(in); got != want {
			t.Errorf("arnRegion(%q) = %q, want %q", in, got, want)
		}
	}
	req := &resource.Request{Region: "ap-south-1"}
	if got := regionOf("my-function", req); got != "ap-south-1" {
		t.Errorf("regionOf(name) = %q", got)
	}
	if got := regionOf("my-function", &resource.Request{}); got != "us-east-1" {
		t.Errorf("regionOf(name) without region = %q", got)
	}
}
