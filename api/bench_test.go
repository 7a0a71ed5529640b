package api_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/stepwisehq/stepwise"
	"github.com/stepwisehq/stepwise/api"
	"github.com/stepwisehq/stepwise/store/memory"
)

// benchHandler returns a handler over a store holding one state machine.
func benchHandler(b *testing.B, opts api.Options) (http.Handler, string) {
	b.Helper()
	sw, err := stepwise.New(stepwise.Config{Store: memory.New()})
	if err != nil {
		b.Fatal(err)
	}
	out, err := sw.Client().CreateStateMachine(context.Background(), &stepwise.CreateStateMachineInput{
		Name: "m", Definition: passDef, RoleArn: testRole})
	if err != nil {
		b.Fatal(err)
	}
	return api.NewHandler(sw.Client(), opts), `{"stateMachineArn":"` + out.StateMachineArn + `"}`
}

func serve(b *testing.B, h http.Handler, req *http.Request, body string) {
	req.Body = http.NoBody
	if body != "" {
		req.Body = readCloser{strings.NewReader(body)}
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != 200 {
		b.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
}

type readCloser struct{ *strings.Reader }

func (readCloser) Close() error { return nil }

func BenchmarkDescribeStateMachine(b *testing.B) {
	h, body := benchHandler(b, api.Options{})
	req := httptest.NewRequest("POST", "/", nil)
	req.Header.Set("X-Amz-Target", "AWSStepFunctions.DescribeStateMachine")
	b.ReportAllocs()
	for b.Loop() {
		serve(b, h, req, body)
	}
}

func BenchmarkDescribeStateMachineSigV4(b *testing.B) {
	h, body := benchHandler(b, api.Options{Credentials: map[string]string{"AKID": "secret"}})
	req := httptest.NewRequest("POST", "http://127.0.0.1:8083/", strings.NewReader(body))
	req.Header.Set("X-Amz-Target", "AWSStepFunctions.DescribeStateMachine")
	sum := sha256.Sum256([]byte(body))
	err := v4.NewSigner().SignHTTP(context.Background(), aws.Credentials{AccessKeyID: "AKID", SecretAccessKey: "secret"},
		req, hex.EncodeToString(sum[:]), "states", "us-east-1", time.Now())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		serve(b, h, req, body)
	}
}
