package httptask

import (
	"context"
	"encoding/base64"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stepwisehq/stepwise/internal/resource"
	"github.com/stepwisehq/stepwise/value"
)

const invokeARN = "arn:aws:states:::http:invoke"

// seen is a request an API server received.
type seen struct {
	method, path, query, body string
	header                    http.Header
}

// apiServer is a loopback API that records requests and answers with a
// handler's answer.
type apiServer struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []seen
}

func newAPI(t *testing.T, handler http.HandlerFunc) *apiServer {
	t.Helper()
	a := &apiServer{}
	a.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		a.mu.Lock()
		a.reqs = append(a.reqs, seen{r.Method, r.URL.Path, r.URL.RawQuery, string(body), r.Header.Clone()})
		a.mu.Unlock()
		handler(w, r)
	}))
	t.Cleanup(a.Close)
	return a
}

func (a *apiServer) last() seen {
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.reqs) == 0 {
		return seen{}
	}
	return a.reqs[len(a.reqs)-1]
}

func jsonHandler(status int, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("X-Custom", "a")
		w.Header().Add("X-Custom", "b")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}
}

func newInvoker(t *testing.T, opts Options) *Invoker {
	t.Helper()
	opts.AllowPrivate = true
	inv, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return inv
}

func invoke(inv *Invoker, params string) (value.Value, error) {
	return inv.Invoke(context.Background(), &resource.Request{Resource: invokeARN, Input: value.MustParse(params), Region: "eu-west-1"})
}

func TestInvokeResponses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		handler http.HandlerFunc
		want    string // the result without Headers
	}{
		{"JSON body", jsonHandler(200, `{"b":1,"a":[true]}`), `{"ResponseBody":{"b":1,"a":[true]},"StatusCode":200,"StatusText":"OK"}`},
		{"text body", func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "plain") },
			`{"ResponseBody":"plain","StatusCode":200,"StatusText":"OK"}`},
		{"JSON type, not JSON", jsonHandler(201, `{oops`), `{"ResponseBody":"{oops","StatusCode":201,"StatusText":"Created"}`},
		{"problem+json", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/problem+json")
			w.WriteHeader(202)
			_, _ = io.WriteString(w, `[1]`)
		}, `{"ResponseBody":[1],"StatusCode":202,"StatusText":"Accepted"}`},
		{"no content", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(204) },
			`{"ResponseBody":"","StatusCode":204,"StatusText":"No Content"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			api := newAPI(t, tt.handler)
			out, err := invoke(newInvoker(t, Options{}), `{"ApiEndpoint":"`+api.URL+`/x","Method":"GET"}`)
			if err != nil {
				t.Fatal(err)
			}
			obj := out.(*value.Object)
			if got := value.String(obj.Without("Headers")); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
			if keys := obj.Keys(); strings.Join(keys, ",") != "Headers,ResponseBody,StatusCode,StatusText" {
				t.Errorf("keys %v", keys)
			}
		})
	}
}

func TestInvokeHeadersOfTheAnswer(t *testing.T) {
	t.Parallel()
	api := newAPI(t, jsonHandler(200, `{}`))
	out, err := invoke(newInvoker(t, Options{}), `{"ApiEndpoint":"`+api.URL+`","Method":"GET"}`)
	if err != nil {
		t.Fatal(err)
	}
	h, _ := out.(*value.Object).Get("Headers")
	custom, _ := h.(*value.Object).Get("X-Custom")
	ct, _ := h.(*value.Object).Get("Content-Type")
	if value.String(custom) != `["a","b"]` || value.String(ct) != `["application/json; charset=utf-8"]` {
		t.Errorf("headers %s", value.String(h))
	}
}

func TestInvokeRequests(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, params string
		check        func(s seen) string // "" when fine
	}{
		{"GET with query", `{"ApiEndpoint":"$URL/v1/customers?limit=3","Method":"get","QueryParameters":{"q":"a b","n":2,"tag":["x","y"]}}`,
			func(s seen) string {
				return want(s.method+" "+s.path+"?"+s.query, "GET /v1/customers?limit=3&q=a+b&n=2&tag=x&tag=y")
			}},
		{"JSON body and default headers", `{"ApiEndpoint":"$URL","Method":"POST","RequestBody":{"b":[1,{"c":null}]}}`,
			func(s seen) string {
				return want(s.body+" | "+s.header.Get("Content-Type")+" | "+s.header.Get("User-Agent")+" | "+s.header.Get("Range"),
					`{"b":[1,{"c":null}]} | application/json; charset=UTF-8 | Amazon|StepFunctions|HttpInvoke|eu-west-1 | bytes=0-262144`)
			}},
		{"string body as it is", `{"ApiEndpoint":"$URL","Method":"PUT","RequestBody":"raw text","Headers":{"Content-Type":"text/plain","X-Num":1}}`,
			func(s seen) string {
				return want(s.body+" | "+s.header.Get("Content-Type")+" | "+s.header.Get("X-Num"), "raw text | text/plain | 1")
			}},
		{"URL-encoded, indices", `{"ApiEndpoint":"$URL","Method":"POST","RequestBody":{"a":["x","y"],"o":{"k":"v"}},"Transform":{"RequestBodyEncoding":"URL_ENCODED"}}`,
			func(s seen) string {
				return want(s.body+" | "+s.header.Get("Content-Type"), "a%5B0%5D=x&a%5B1%5D=y&o%5Bk%5D=v | application/x-www-form-urlencoded")
			}},
		{"URL-encoded, commas", `{"ApiEndpoint":"$URL","Method":"POST","RequestBody":{"a":["x","y"]},"Transform":{"RequestBodyEncoding":"URL_ENCODED","RequestEncodingOptions":{"ArrayFormat":"COMMAS"}}}`,
			func(s seen) string { return want(s.body, "a=x%2Cy") }},
		{"no body for GET", `{"ApiEndpoint":"$URL","Method":"DELETE"}`,
			func(s seen) string { return want(s.method+" "+s.body+s.header.Get("Content-Type"), "DELETE ") }},
	}
	api := newAPI(t, jsonHandler(200, `{}`))
	inv := newInvoker(t, Options{})
	for _, tt := range tests {
		if _, err := invoke(inv, strings.ReplaceAll(tt.params, "$URL", api.URL)); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if problem := tt.check(api.last()); problem != "" {
			t.Errorf("%s: %s", tt.name, problem)
		}
	}
}

func want(got, expected string) string {
	if got != expected {
		return "got " + got + ", want " + expected
	}
	return ""
}

func TestInvokeFailures(t *testing.T) {
	t.Parallel()
	api := newAPI(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/missing":
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(404)
			_, _ = io.WriteString(w, `{"message":"no"}`)
		case "/teapot":
			w.WriteHeader(418)
		case "/big":
			_, _ = io.WriteString(w, strings.Repeat("x", 300))
		}
	})
	inv := newInvoker(t, Options{MaxResultBytes: 200, Connections: map[string]Connection{}})
	tests := []struct {
		name, params, error, cause string // cause: a prefix
	}{
		{"404", `{"ApiEndpoint":"$URL/missing","Method":"GET"}`, "States.Http.StatusCode.404", `{"Headers":{"Content-Length":["16"],"Content-Type":["application/json"],"Date":[`},
		{"418", `{"ApiEndpoint":"$URL/teapot","Method":"GET"}`, "States.Http.StatusCode.418", `{"Headers":{"Content-Length":["0"],`},
		{"too big", `{"ApiEndpoint":"$URL/big","Method":"GET"}`, "States.DataLimitExceeded", "The state/task 'http' returned a result with a size exceeding"},
		{"no endpoint", `{"Method":"GET"}`, "States.Runtime", `The Parameters '{"Method":"GET"}' could not be used to start the Task: [The field 'ApiEndpoint' is required but was missing]`},
		{"no method", `{"ApiEndpoint":"$URL"}`, "States.Runtime", "The Parameters '{\"ApiEndpoint\":"},
		{"bad method", `{"ApiEndpoint":"$URL","Method":"BREW"}`, "States.Runtime", "The Parameters"},
		{"bad scheme", `{"ApiEndpoint":"ftp://x/","Method":"GET"}`, "States.Runtime", "The Parameters"},
		{"unknown field", `{"ApiEndpoint":"$URL","Method":"GET","Nope":1}`, "States.Runtime", "The Parameters"},
		{"reserved header", `{"ApiEndpoint":"$URL","Method":"GET","Headers":{"Host":"x"}}`, "States.Runtime", "The Parameters"},
		{"unknown connection", `{"ApiEndpoint":"$URL","Method":"GET","Authentication":{"ConnectionArn":"arn:aws:events:us-east-1:1:connection/x"}}`,
			"States.Runtime", "The connection 'arn:aws:events:us-east-1:1:connection/x' is not configured"},
		{"url-encoded non-object", `{"ApiEndpoint":"$URL","Method":"POST","RequestBody":[1],"Transform":{"RequestBodyEncoding":"URL_ENCODED"}}`, "States.Runtime", "The Parameters"},
		{"metadata service", `{"ApiEndpoint":"http://169.254.169.254/latest/meta-data","Method":"GET"}`, "States.Http.Socket", "The address 169.254.169.254 is not allowed"},
		{"metadata host", `{"ApiEndpoint":"http://metadata.google.internal/computeMetadata/v1","Method":"GET"}`, "States.Http.Socket", "The address metadata.google.internal is not allowed"},
		{"not a task", ``, "", ""},
	}
	for _, tt := range tests {
		if tt.params == "" {
			continue
		}
		_, err := invoke(inv, strings.ReplaceAll(tt.params, "$URL", api.URL))
		var f *resource.Failure
		if !errors.As(err, &f) || f.Name != tt.error || !strings.HasPrefix(f.Cause, tt.cause) {
			t.Errorf("%s: got %v, want %s: %s...", tt.name, err, tt.error, tt.cause)
		}
	}
	_, err := inv.Invoke(context.Background(), &resource.Request{Resource: "arn:aws:states:::http:get", Input: value.MustParse(`{}`)})
	var f *resource.Failure
	if !errors.As(err, &f) || f.Name != resource.ErrorRuntime {
		t.Errorf("other resource: %v", err)
	}
}

func TestInvokeTimeouts(t *testing.T) {
	t.Parallel()
	api := newAPI(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	params := value.MustParse(`{"ApiEndpoint":"` + api.URL + `","Method":"GET"}`)
	var f *resource.Failure
	inv := newInvoker(t, Options{Timeout: 50 * time.Millisecond})
	if _, err := inv.Invoke(context.Background(), &resource.Request{Resource: invokeARN, Input: params}); !errors.As(err, &f) ||
		f.Name != ErrorSocket || f.Cause != "The HTTP request timed out" {
		t.Errorf("HTTP timeout: %v", err)
	}
	inv = newInvoker(t, Options{})
	if _, err := inv.Invoke(context.Background(), &resource.Request{Resource: invokeARN, Input: params, Timeout: 50 * time.Millisecond}); !errors.As(err, &f) ||
		f.Name != resource.ErrorTimeout {
		t.Errorf("task timeout: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := inv.Invoke(ctx, &resource.Request{Resource: invokeARN, Input: params}); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("context: %v", err)
	}
}

func TestInvokeRefusesPrivateAddresses(t *testing.T) {
	t.Parallel()
	api := newAPI(t, jsonHandler(200, `{}`))
	inv, err := New(Options{}) // AllowPrivate unset
	if err != nil {
		t.Fatal(err)
	}
	port := api.URL[strings.LastIndexByte(api.URL, ':'):]
	for _, endpoint := range []string{api.URL, "http://localhost" + port, "http://[::1]" + port, "http://0.0.0.0" + port} {
		_, err := invoke(inv, `{"ApiEndpoint":"`+endpoint+`","Method":"GET"}`)
		var f *resource.Failure
		if !errors.As(err, &f) || f.Name != ErrorSocket || !strings.Contains(f.Cause, "is not allowed") {
			t.Errorf("%s: %v", endpoint, err)
		}
	}
	if len(api.reqs) != 0 {
		t.Errorf("%d requests reached the server", len(api.reqs))
	}
}

func TestInvokeChecksRedirects(t *testing.T) {
	t.Parallel()
	target := newAPI(t, jsonHandler(200, `{"landed":true}`))
	api := newAPI(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/metadata":
			http.Redirect(w, r, "http://169.254.169.254/latest/meta-data/", http.StatusFound)
		case "/named":
			http.Redirect(w, r, "http://metadata.google.internal/", http.StatusFound)
		case "/ok":
			http.Redirect(w, r, target.URL+"/there", http.StatusFound)
		case "/file":
			http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
		}
	})
	inv := newInvoker(t, Options{})
	for path, wantCause := range map[string]string{"/metadata": "169.254.169.254 is not allowed", "/named": "metadata.google.internal is not allowed", "/file": "redirect to a file URL"} {
		_, err := invoke(inv, `{"ApiEndpoint":"`+api.URL+path+`","Method":"GET"}`)
		var f *resource.Failure
		if !errors.As(err, &f) || f.Name != ErrorSocket || !strings.Contains(f.Cause, wantCause) {
			t.Errorf("%s: %v", path, err)
		}
	}
	out, err := invoke(inv, `{"ApiEndpoint":"`+api.URL+`/ok","Method":"GET"}`)
	if body, _ := out.(*value.Object).Get("ResponseBody"); err != nil || value.String(body) != `{"landed":true}` {
		t.Errorf("allowed redirect: %v %v", out, err)
	}
}

func TestConnections(t *testing.T) {
	t.Parallel()
	var tokenCalls atomic.Int32
	var tokenAuth atomic.Value
	auth := newAPI(t, func(w http.ResponseWriter, r *http.Request) {
		tokenCalls.Add(1)
		tokenAuth.Store(r.Header.Get("Authorization"))
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"access_token":"tok-`+string(rune('0'+tokenCalls.Load()))+`","token_type":"Bearer","expires_in":3600}`)
	})
	api := newAPI(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("fail") == "401" {
			w.WriteHeader(401)
			return
		}
		w.WriteHeader(200)
	})
	conns := map[string]Connection{
		"key":   {APIKey: &APIKey{Name: "X-Api-Key", Value: "secret"}, Headers: map[string]string{"X-From": "connection"}, QueryParameters: map[string]string{"v": "2"}},
		"basic": {Basic: &Basic{Username: "u", Password: "p"}, BodyParameters: map[string]string{"extra": "1"}},
		"oauth": {OAuth: &OAuth{AuthorizationEndpoint: auth.URL + "/token", ClientID: "id", ClientSecret: "s3", BodyParameters: map[string]string{"scope": "all"}}},
	}
	inv := newInvoker(t, Options{Connections: conns})
	call := func(conn, extra string) seen {
		t.Helper()
		_, err := invoke(inv, `{"ApiEndpoint":"`+api.URL+`/r`+extra+`","Method":"POST","RequestBody":{"a":1},"Headers":{"X-From":"task"},"Authentication":{"ConnectionArn":"`+conn+`"}}`)
		var f *resource.Failure
		if err != nil && !(errors.As(err, &f) && strings.HasSuffix(f.Name, ".401")) {
			t.Fatalf("%s: %v", conn, err)
		}
		return api.last()
	}
	s := call("key", "?v=1")
	if s.header.Get("X-Api-Key") != "secret" || s.header.Get("X-From") != "connection" || s.query != "v=2" {
		t.Errorf("API key: %v %s", s.header, s.query)
	}
	s = call("basic", "")
	if s.header.Get("Authorization") != "Basic "+base64.StdEncoding.EncodeToString([]byte("u:p")) || s.body != `{"a":1,"extra":"1"}` {
		t.Errorf("basic: %v %s", s.header, s.body)
	}
	s = call("oauth", "")
	s2 := call("oauth", "")
	if s.header.Get("Authorization") != "Bearer tok-1" || s2.header.Get("Authorization") != "Bearer tok-1" || tokenCalls.Load() != 1 {
		t.Errorf("OAuth: %s, %s after %d token calls", s.header.Get("Authorization"), s2.header.Get("Authorization"), tokenCalls.Load())
	}
	if tr := auth.last(); tr.body != "grant_type=client_credentials&scope=all" || tr.method != "POST" ||
		tokenAuth.Load() != "Basic "+base64.StdEncoding.EncodeToString([]byte("id:s3")) {
		t.Errorf("token request: %+v %v", tr, tokenAuth.Load())
	}
	call("oauth", "?fail=401") // drops the token
	if s = call("oauth", ""); s.header.Get("Authorization") != "Bearer tok-2" {
		t.Errorf("after a 401: %s", s.header.Get("Authorization"))
	}
}

func TestOAuthFailures(t *testing.T) {
	t.Parallel()
	auth := newAPI(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/bad" {
			w.WriteHeader(400)
			return
		}
		_, _ = io.WriteString(w, `{"token_type":"Bearer"}`)
	})
	conns := map[string]Connection{
		"bad":     {OAuth: &OAuth{AuthorizationEndpoint: auth.URL + "/bad", HTTPMethod: "GET"}},
		"noToken": {OAuth: &OAuth{AuthorizationEndpoint: auth.URL + "/none", HTTPMethod: "PUT"}},
	}
	inv := newInvoker(t, Options{Connections: conns})
	for arn, want := range map[string]string{"bad": "status 400 Bad Request", "noToken": "the token response has no access_token"} {
		_, err := invoke(inv, `{"ApiEndpoint":"`+auth.URL+`","Method":"GET","Authentication":{"ConnectionArn":"`+arn+`"}}`)
		var f *resource.Failure
		if !errors.As(err, &f) || f.Name != resource.ErrorTaskFailed || !strings.HasSuffix(f.Cause, want) {
			t.Errorf("%s: %v", arn, err)
		}
	}
}

func TestNewRejectsBadConnections(t *testing.T) {
	t.Parallel()
	for name, c := range map[string]Connection{
		"none":        {},
		"two":         {APIKey: &APIKey{Name: "K"}, Basic: &Basic{}},
		"header name": {APIKey: &APIKey{Name: "bad name"}},
		"endpoint":    {OAuth: &OAuth{AuthorizationEndpoint: "ftp://x"}},
		"method":      {OAuth: &OAuth{AuthorizationEndpoint: "https://x", HTTPMethod: "DELETE"}},
	} {
		if _, err := New(Options{Connections: map[string]Connection{name: c}}); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
