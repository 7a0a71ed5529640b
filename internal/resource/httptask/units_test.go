package httptask

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stepwisehq/stepwise/internal/resource"
	"github.com/stepwisehq/stepwise/value"
)

func TestResponseBody(t *testing.T) {
	t.Parallel()
	tests := []struct{ contentType, body, want string }{
		{"application/json", `{"a":1}`, `{"a":1}`},
		{"application/json; charset=utf-8", `[1, 2]`, `[1,2]`},
		{"application/vnd.api+json", `"s"`, `"s"`},
		{"application/json", `{bad`, `"{bad"`},
		{"application/json", ``, `""`},
		{"text/plain", `{"a":1}`, `"{\"a\":1}"`},
		{"", `x`, `"x"`},
		{"text/html; charset=", `<p>`, `"<p>"`},
	}
	for _, tt := range tests {
		if got := value.String(responseBody(tt.contentType, []byte(tt.body))); got != tt.want {
			t.Errorf("%s %q: got %s, want %s", tt.contentType, tt.body, got, tt.want)
		}
	}
}

func TestStatusText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		resp http.Response
		want string
	}{
		{http.Response{StatusCode: 200, Status: "200 OK"}, "OK"},
		{http.Response{StatusCode: 404, Status: "404 Nope Nope"}, "Nope Nope"},
		{http.Response{StatusCode: 503, Status: "weird"}, "Service Unavailable"},
		{http.Response{StatusCode: 299, Status: ""}, ""},
	}
	for _, tt := range tests {
		if got := statusText(&tt.resp); got != tt.want {
			t.Errorf("%q: got %q", tt.resp.Status, got)
		}
	}
}

func TestSocketFailure(t *testing.T) {
	t.Parallel()
	tests := []struct {
		err         error
		name, cause string
	}{
		{&url.Error{Op: "Get", URL: "http://x", Err: &net.OpError{Op: "dial", Err: &BlockedError{Address: "10.0.0.1", Reason: "private address"}}},
			ErrorSocket, "The address 10.0.0.1 is not allowed (private address)"},
		{fmt.Errorf("x: %w", context.DeadlineExceeded), ErrorSocket, "The HTTP request timed out"},
		{&tokenError{endpoint: "https://auth", problem: "status 500"}, resource.ErrorTaskFailed, "Failed to obtain an OAuth token from https://auth: status 500"},
		{errors.New("connection reset by peer"), ErrorSocket, "connection reset by peer"},
	}
	for _, tt := range tests {
		f := socketFailure(tt.err)
		if f.Name != tt.name || f.Cause != tt.cause {
			t.Errorf("%v: got %s: %s", tt.err, f.Name, f.Cause)
		}
	}
}

func TestRequestBody(t *testing.T) {
	t.Parallel()
	tests := []struct {
		params   string
		conn     Connection
		body, ct string
		err      bool
	}{
		{`{"RequestBody":{"a":1}}`, Connection{}, `{"a":1}`, "application/json; charset=UTF-8", false},
		{`{"RequestBody":"text"}`, Connection{}, `text`, "application/json; charset=UTF-8", false},
		{`{"RequestBody":7}`, Connection{}, `7`, "application/json; charset=UTF-8", false},
		{`{}`, Connection{}, ``, "", false},
		{`{}`, Connection{BodyParameters: map[string]string{"k": "v"}}, `{"k":"v"}`, "application/json; charset=UTF-8", false},
		{`{"RequestBody":{"k":"task","a":1}}`, Connection{BodyParameters: map[string]string{"k": "conn"}}, `{"k":"conn","a":1}`, "application/json; charset=UTF-8", false},
		{`{"RequestBody":"s"}`, Connection{BodyParameters: map[string]string{"k": "v"}}, ``, "", true},
		{`{"RequestBody":{"a":[1,2]},"Transform":{"RequestBodyEncoding":"URL_ENCODED","RequestEncodingOptions":{"ArrayFormat":"REPEAT"}}}`, Connection{}, `a=1&a=2`, "application/x-www-form-urlencoded", false},
		{`{"RequestBody":"a=1","Transform":{"RequestBodyEncoding":"URL_ENCODED"}}`, Connection{}, `a=1`, "application/x-www-form-urlencoded", false},
		{`{"RequestBody":true,"Transform":{"RequestBodyEncoding":"URL_ENCODED"}}`, Connection{}, ``, "", true},
	}
	for _, tt := range tests {
		params := value.MustParse(tt.params).(*value.Object).With("ApiEndpoint", "https://a/").With("Method", "POST")
		c, err := parseCall(params)
		if err != nil {
			t.Fatal(err)
		}
		body, ct, err := requestBody(c, tt.conn)
		if (err != nil) != tt.err || string(body) != tt.body || ct != tt.ct {
			t.Errorf("%s: got %q %q %v", tt.params, body, ct, err)
		}
	}
}

func TestBuildRequest(t *testing.T) {
	t.Parallel()
	c, err := parseCall(value.MustParse(`{"ApiEndpoint":"https://api.example.com/p?x=1&k=task","Method":"PUT","Headers":{"Content-Type":"text/csv","User-Agent":"mine","Range":"bytes=0-1"},"QueryParameters":{"y":"2"},"RequestBody":"a,b"}`))
	if err != nil {
		t.Fatal(err)
	}
	conn := Connection{Headers: map[string]string{"X-Conn": "1"}, QueryParameters: map[string]string{"k": "conn"}}
	req, err := buildRequest(context.Background(), &resource.Request{Region: "ap-south-1"}, c, conn)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(req.Body)
	if req.Method != "PUT" || req.URL.String() != "https://api.example.com/p?x=1&y=2&k=conn" || string(body) != "a,b" ||
		req.Header.Get("Content-Type") != "text/csv" || req.Header.Get("X-Conn") != "1" ||
		req.Header.Get("User-Agent") != "Amazon|StepFunctions|HttpInvoke|ap-south-1" || req.Header.Get("Range") != "bytes=0-262144" {
		t.Errorf("request: %s %s %q %v", req.Method, req.URL, body, req.Header)
	}
}

func TestTokenRequests(t *testing.T) {
	t.Parallel()
	o := &OAuth{AuthorizationEndpoint: "https://auth/token?a=1", HTTPMethod: "get", ClientID: "i d", ClientSecret: "s:x",
		Headers: map[string]string{"X-H": "h"}, QueryParameters: map[string]string{"q": "v"}, BodyParameters: map[string]string{"scope": "s"}}
	req, err := tokenRequest(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if req.Method != "GET" || req.Body != nil || req.URL.RawQuery != "a=1&grant_type=client_credentials&q=v&scope=s" || req.Header.Get("X-H") != "h" {
		t.Errorf("GET token request: %s %s %v", req.Method, req.URL, req.Header)
	}
	if user, pass, ok := req.BasicAuth(); !ok || user != "i+d" || pass != "s%3Ax" {
		t.Errorf("client credentials: %q %q", user, pass)
	}
	o.HTTPMethod = "PUT"
	req, _ = tokenRequest(context.Background(), o)
	body, _ := io.ReadAll(req.Body)
	if req.Method != "PUT" || string(body) != "grant_type=client_credentials&scope=s" || req.Header.Get("Content-Type") != "application/x-www-form-urlencoded" {
		t.Errorf("PUT token request: %s %q", req.Method, body)
	}
}

func TestTokenCacheExpiry(t *testing.T) {
	t.Parallel()
	now := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	var tc tokenCache
	if _, ok := tc.get("a", now); ok {
		t.Error("empty cache hit")
	}
	tc.put("a", token{value: "t", expires: now.Add(time.Minute)})
	if v, ok := tc.get("a", now); !ok || v != "t" {
		t.Error("cached token missed")
	}
	if _, ok := tc.get("a", now.Add(2*time.Minute)); ok {
		t.Error("expired token used")
	}
	tc.drop("a")
	if _, ok := tc.get("a", now); ok {
		t.Error("dropped token used")
	}
}

func TestHeaderNamesAllowed(t *testing.T) {
	t.Parallel()
	for name, ok := range map[string]bool{"Content-Type": true, "X-Custom_1": true, "": false, "a:b": false, "é": false,
		"Host": false, "x-amz-security-token": false, "X-Amzn-Trace-Id": false, "Transfer-Encoding": false} {
		if got := validHeaderName(name) && !reservedHeader(name); got != ok {
			t.Errorf("%q: allowed %v", name, got)
		}
	}
}

func TestNewDefaults(t *testing.T) {
	t.Parallel()
	inv, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	if inv.timeout != DefaultTimeout || inv.maxResult != DefaultMaxResultBytes || inv.now == nil || inv.policy.allowPrivate {
		t.Errorf("defaults: %+v", inv)
	}
	inv, _ = New(Options{MaxResultBytes: -1, Timeout: time.Second})
	resp := &http.Response{StatusCode: 200, Status: "200 OK", Header: http.Header{}, Body: io.NopCloser(strings.NewReader(strings.Repeat("x", 300000)))}
	if out, err := inv.shape(resp); err != nil || len(value.String(out)) < 300000 {
		t.Errorf("no limit: %v", err)
	}
}
