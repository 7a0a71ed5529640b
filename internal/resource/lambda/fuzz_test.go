package lambda

import (
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"

	"github.com/stepwisehq/stepwise/internal/resource"
	"github.com/stepwisehq/stepwise/value"
)

func FuzzInvokeInput(f *testing.F) {
	for _, s := range []string{
		`{"FunctionName":"f","Payload":{"a":1}}`,
		`{"FunctionName":"f","Payload":"text","Qualifier":"1","LogType":"Tail","InvocationType":"Event","ClientContext":"e30="}`,
		`{"FunctionName":12,"Payload":null}`,
		`{"FunctionName":[]}`,
		`{}`, `null`, `"f"`, `[{"FunctionName":"f"}]`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, params string) {
		v, err := value.ParseString(params)
		if err != nil {
			return
		}
		in, fail := invokeInput(v)
		if fail != nil {
			if fail.Name != resource.ErrorRuntime || !strings.Contains(fail.Cause, "could not be used to start the Task") {
				t.Fatalf("invokeInput(%s) = %+v", params, fail)
			}
			return
		}
		if in.FunctionName == nil {
			t.Fatalf("invokeInput(%s): no FunctionName", params)
		}
		payload, _ := v.(*value.Object).Get("Payload")
		if s, ok := payload.(string); ok && string(in.Payload) != s {
			t.Fatalf("string Payload %q sent as %q", s, in.Payload)
		}
	})
}

func FuzzFunctionFailure(f *testing.F) {
	for _, s := range []string{
		`{"errorMessage": "boom", "errorType": "Exception", "stackTrace": []}`,
		`{"errorType":"E"}`, `{"errorMessage":"Task timed out"}`, `{"errorType":1}`, `[]`, `"x"`, `not json`, ``,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, payload []byte) {
		legacy := functionFailure(payload, true)
		if legacy.Cause != string(payload) && !strings.HasPrefix(legacy.Cause, unknownCause) {
			t.Fatalf("legacy cause %q is not the payload %q", legacy.Cause, payload)
		}
		compact := functionFailure(payload, false)
		if compact.Name != legacy.Name {
			t.Fatalf("names differ: %q %q", compact.Name, legacy.Name)
		}
		if v, err := value.Parse(payload); err == nil && compact.Name != ErrorUnknown && compact.Cause != value.String(v) {
			t.Fatalf("compact cause %q", compact.Cause)
		}
	})
}

// BenchmarkInvokeResult measures shaping an Invoke response into the
// lambda:invoke result, without the network.
func BenchmarkInvokeResult(b *testing.B) {
	out := &lambda.InvokeOutput{
		ExecutedVersion: aws.String("$LATEST"),
		Payload:         []byte(`{"orderId":"42","items":[{"sku":"a","qty":1},{"sku":"b","qty":2}],"total":12.50}`),
		StatusCode:      200,
	}
	resp := &http.Response{StatusCode: 200, Header: http.Header{}}
	for _, k := range recordedAllHeaders {
		resp.Header.Set(k, "value")
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = shapeInvokeResult(out, resp, "9f5a3c1e-2b7d-4e8f-a1c3-5d6e7f809a1b")
	}
}

// BenchmarkInvokeLoopback measures a whole lambda:invoke call against the
// fake Lambda on loopback (SDK, HTTP and result shaping).
func BenchmarkInvokeLoopback(b *testing.B) {
	fake := newFakeLambda(b)
	inv, err := New(b.Context(), Options{Config: &aws.Config{}, Endpoint: fake.URL()})
	if err != nil {
		b.Fatal(err)
	}
	req := &resource.Request{Resource: invokeARN,
		Input: value.MustParse(`{"FunctionName":"` + fakePrefix + `id_function","Payload":{"a":1}}`)}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := inv.Invoke(b.Context(), req); err != nil {
			b.Fatal(err)
		}
	}
}
