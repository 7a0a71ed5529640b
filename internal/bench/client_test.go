package bench

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// echoServer answers each request with a JSON object that describes it.
func echoServer(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		out := map[string]any{
			"method": r.Method, "path": r.URL.Path, "target": r.Header.Get("X-Amz-Target"),
			"contentType": r.Header.Get("Content-Type"), "body": string(body),
		}
		w.Header().Set("Content-Type", "application/x-amz-json-1.0")
		_ = json.NewEncoder(w).Encode(out)
	}))
	t.Cleanup(srv.Close)
	return srv
}

type echoed struct {
	Method      string `json:"method"`
	Path        string `json:"path"`
	Target      string `json:"target"`
	ContentType string `json:"contentType"`
	Body        string `json:"body"`
}

func TestClientSendsTheAWSJSONProtocol(t *testing.T) {
	t.Parallel()
	srv := echoServer(t)
	c := NewClient(srv.URL+"/", 2)
	defer c.Close()
	tests := []struct {
		name     string
		action   string
		in       any
		wantBody string
	}{
		{"struct input", "StartExecution", startIn{StateMachineArn: "arn:sm", Input: `{"a":1}`}, `{"stateMachineArn":"arn:sm","input":"{\"a\":1}"}`},
		{"raw bytes are sent as they are", "StartSyncExecution", []byte(`{"stateMachineArn":"x"}`), `{"stateMachineArn":"x"}`},
		{"empty struct", "ListActivities", struct{}{}, `{}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got echoed
			if err := c.Call(t.Context(), tt.action, tt.in, &got); err != nil {
				t.Fatal(err)
			}
			want := echoed{Method: "POST", Path: "/", Target: "AWSStepFunctions." + tt.action,
				ContentType: "application/x-amz-json-1.0", Body: tt.wantBody}
			if got != want {
				t.Errorf("request = %+v, want %+v", got, want)
			}
		})
	}
}

func TestClientNilOutputDiscardsTheAnswer(t *testing.T) {
	t.Parallel()
	c := NewClient(echoServer(t).URL, 1)
	defer c.Close()
	if err := c.Call(t.Context(), "SendTaskSuccess", successIn{TaskToken: "t"}, nil); err != nil {
		t.Fatal(err)
	}
}

func TestClientErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		status int
		body   string
		want   APIError
	}{
		{"aws error with a namespace", 400, `{"__type":"com.amazonaws.swf.service.v2.model#ActivityDoesNotExist","message":"Activity Does Not Exist: 'x'"}`,
			APIError{Status: 400, Type: "ActivityDoesNotExist", Message: "Activity Does Not Exist: 'x'"}},
		{"aws error without a namespace", 400, `{"__type":"ValidationException","message":"bad"}`,
			APIError{Status: 400, Type: "ValidationException", Message: "bad"}},
		{"capitalised Message", 400, `{"__type":"a#UnrecognizedClientException","Message":"who"}`,
			APIError{Status: 400, Type: "UnrecognizedClientException", Message: "who"}},
		{"no message", 400, `{"__type":"com.amazon.coral.service#UnknownOperationException"}`,
			APIError{Status: 400, Type: "UnknownOperationException"}},
		{"not json", 502, "Bad Gateway\n", APIError{Status: 502, Type: "Bad Gateway", Message: "Bad Gateway"}},
		{"json without __type", 500, `{"oops":1}`, APIError{Status: 500, Type: "Internal Server Error", Message: `{"oops":1}`}},
		{"long body is shortened", 503, strings.Repeat("x", 300),
			APIError{Status: 503, Type: "Service Unavailable", Message: strings.Repeat("x", 200) + "..."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				w.WriteHeader(tt.status)
				_, _ = io.WriteString(w, tt.body)
			}))
			defer srv.Close()
			c := NewClient(srv.URL, 1)
			defer c.Close()
			err := c.Call(t.Context(), "DescribeActivity", struct{}{}, nil)
			var ae *APIError
			if !errors.As(err, &ae) {
				t.Fatalf("error %v is not an *APIError", err)
			}
			if *ae != tt.want {
				t.Errorf("error = %+v, want %+v", *ae, tt.want)
			}
			if !IsAPIError(err, tt.want.Type) || IsAPIError(err, "Other") {
				t.Errorf("IsAPIError does not match %q", tt.want.Type)
			}
			if !strings.Contains(err.Error(), tt.want.Type) {
				t.Errorf("Error() = %q does not name %q", err.Error(), tt.want.Type)
			}
		})
	}
}

func TestClientTransportErrors(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, "{not json")
	}))
	defer srv.Close()
	c := NewClient(srv.URL, 1)
	defer c.Close()
	var out startOut
	if err := c.Call(t.Context(), "StartExecution", struct{}{}, &out); err == nil || !strings.Contains(err.Error(), "decode answer") {
		t.Errorf("undecodable answer: error %v", err)
	}
	if err := c.Call(t.Context(), "StartExecution", func() {}, nil); err == nil {
		t.Error("an input that cannot be marshalled gave no error")
	}
	closed := NewClient("http://127.0.0.1:1", 1)
	if err := closed.Call(t.Context(), "StartExecution", struct{}{}, nil); err == nil || IsAPIError(err, "") {
		t.Errorf("unreachable endpoint: error %v", err)
	}
	bad := NewClient("http://bad host", 1)
	if err := bad.Call(t.Context(), "StartExecution", struct{}{}, nil); err == nil {
		t.Error("malformed endpoint gave no error")
	}
}

func TestClientHonoursTheContext(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	c := NewClient(srv.URL, 1)
	defer c.Close()
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	err := c.Call(ctx, "GetActivityTask", taskIn{ActivityArn: "a"}, nil)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error = %v, want the context's deadline", err)
	}
}

func TestClientIsSafeForConcurrentUse(t *testing.T) {
	t.Parallel()
	c := NewClient(echoServer(t).URL, 4)
	defer c.Close()
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := range 64 {
		wg.Go(func() {
			action := []string{"StartExecution", "DescribeExecution", "ListExecutions"}[i%3]
			var got echoed
			if err := c.Call(t.Context(), action, describeIn{ExecutionArn: "x"}, &got); err != nil {
				errs <- err
				return
			}
			if got.Target != targetPrefix+action {
				errs <- errors.New("wrong target " + got.Target)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestClientAllocations(t *testing.T) {
	c := NewClient(echoServer(t).URL, 1)
	defer c.Close()
	body := []byte(`{}`)
	ctx := context.Background()
	_ = c.Call(ctx, "StartExecution", body, nil)
	allocs := testing.AllocsPerRun(50, func() { _ = c.Call(ctx, "StartExecution", body, nil) })
	t.Logf("client allocations per call (with the test server's): %.0f", allocs)
}

func FuzzDecodeError(f *testing.F) {
	f.Add(400, `{"__type":"a#B","message":"m"}`)
	f.Add(500, `not json`)
	f.Add(0, ``)
	f.Add(400, `{"__type":"#","Message":""}`)
	f.Fuzz(func(t *testing.T, status int, body string) {
		err := decodeError(status, []byte(body))
		var ae *APIError
		if !errors.As(err, &ae) {
			t.Fatalf("decodeError gave %T", err)
		}
		if strings.Contains(ae.Type, "#") {
			t.Errorf("type %q keeps its namespace", ae.Type)
		}
		_ = ae.Error()
	})
}

// BenchmarkClientCall is the client's cost per call against a server that
// answers {} (the figures include that server's net/http work).
func BenchmarkClientCall(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/x-amz-json-1.0")
		_, _ = io.WriteString(w, `{"status":"SUCCEEDED"}`)
	}))
	defer srv.Close()
	c := NewClient(srv.URL, 1)
	defer c.Close()
	body := mustJSON(startIn{StateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:m", Input: passInput})
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if err := startSync(ctx, c, body); err != nil {
			b.Fatal(err)
		}
	}
}
