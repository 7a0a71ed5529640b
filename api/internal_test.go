package api

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stepwisehq/stepwise"
)

func TestErrorTypeAndStatus(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		code   stepwise.ErrorCode
		typ    string
		status int
	}{
		{stepwise.CodeStateMachineDoesNotExist, "com.amazonaws.swf.service.v2.model#StateMachineDoesNotExist", 400},
		{stepwise.CodeConflict, "com.amazonaws.swf.service.v2.model#ConflictException", 400},
		{stepwise.CodeValidation, "com.amazon.coral.validate#ValidationException", 400},
		{stepwise.CodeUnknownOperation, "com.amazon.coral.service#UnknownOperationException", 400},
		{stepwise.CodeInternal, "com.amazon.coral.service#InternalFailure", 500},
		{stepwise.CodeMissingAuthenticationToken, "com.amazon.coral.service#MissingAuthenticationTokenException", 403},
		{stepwise.CodeUnrecognizedClient, "com.amazon.coral.service#UnrecognizedClientException", 400},
		{stepwise.CodeRequestEntityTooLarge, "com.amazon.coral.service#RequestEntityTooLarge", 413},
		{codeIncompleteSignature, "com.amazon.coral.service#IncompleteSignatureException", 400},
	} {
		if got := errorType(tc.code); got != tc.typ {
			t.Errorf("errorType(%s) = %s, want %s", tc.code, got, tc.typ)
		}
		if got := statusOf(tc.code); got != tc.status {
			t.Errorf("statusOf(%s) = %d, want %d", tc.code, got, tc.status)
		}
	}
}

func TestUriEncode(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"":             "",
		"abc-_.~XYZ09": "abc-_.~XYZ09",
		"a b":          "a%20b",
		"a/b+c=d&é":    "a%2Fb%2Bc%3Dd%26%C3%A9",
		"%2F":          "%252F",
	} {
		if got := uriEncode(in); got != want {
			t.Errorf("uriEncode(%q) = %q, want %q", in, got, want)
		}
	}
	for raw, want := range map[string]string{"": "/", "/": "/", "/a b/c": "/a%2520b/c", "/x%2Fy": "/x%252Fy"} {
		u := &url.URL{Path: raw}
		if strings.Contains(raw, "%") {
			u, _ = url.Parse(raw)
		}
		if got := canonicalURI(u); got != want {
			t.Errorf("canonicalURI(%q) = %q, want %q", raw, got, want)
		}
	}
	u, _ := url.Parse("/?b=2&a=1&a=0&c&d=x%20y")
	if got := canonicalQuery(u); got != "a=0&a=1&b=2&c=&d=x%20y" {
		t.Errorf("canonicalQuery = %q", got)
	}
}

func TestParseAuthorization(t *testing.T) {
	t.Parallel()
	sig, err := parseAuthorization("AWS4-HMAC-SHA256 Credential=AKID/20240101/eu-west-1/states/aws4_request, SignedHeaders=host;x-amz-date, Signature=abcd")
	if err != nil || sig.accessKey != "AKID" || sig.date != "20240101" || sig.region != "eu-west-1" || sig.service != "states" ||
		strings.Join(sig.signedHeaders, ",") != "host,x-amz-date" || sig.signature != "abcd" {
		t.Fatalf("parseAuthorization = %+v, %v", sig, err)
	}
	for _, bad := range []string{"", "Bearer x", "AWS4-HMAC-SHA256", "AWS4-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=h, Signature=s",
		"AWS4-HMAC-SHA256 Credential=AKID/20240101/r/s/aws4_request, Signature=s"} {
		if _, err := parseAuthorization(bad); stepwise.ErrorCodeOf(err) != codeIncompleteSignature {
			t.Errorf("parseAuthorization(%q) = %v", bad, err)
		}
	}
}

func TestRequestDate(t *testing.T) {
	t.Parallel()
	now := time.Date(2024, 1, 2, 12, 0, 0, 0, time.UTC)
	sig := &sigV4{date: "20240102"}
	for _, tc := range []struct {
		date, want string
	}{
		{"20240102T120000Z", ""},
		{"20240102T114600Z", ""},
		{"20240102T114400Z", "Signature expired: 20240102T114400Z is now earlier than 20240102T114500Z (20240102T120000Z - 15 min.)"},
		{"20240102T121600Z", "Signature not yet current: 20240102T121600Z is still later than 20240102T121500Z (20240102T120000Z + 15 min.)"},
		{"20240103T000000Z", "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20240102' != '20240103', from '20240103T000000Z'."},
		{"yesterday", "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."},
	} {
		r, _ := http.NewRequest("POST", "http://x/", nil)
		r.Header.Set("X-Amz-Date", tc.date)
		_, err := requestDate(r, sig, now)
		got := ""
		var e *stepwise.Error
		if errors.As(err, &e) {
			got = e.Message
		}
		if got != tc.want {
			t.Errorf("requestDate(%s) = %q, want %q", tc.date, got, tc.want)
		}
	}
}

func TestDecode(t *testing.T) {
	t.Parallel()
	var in stepwise.ListStateMachinesInput
	for body, want := range map[string]string{
		"":                        "",
		" \n ":                    "",
		`{"maxResults":3}`:        "",
		`{"maxResults":3.5}`:      "NUMBER_VALUE can not be converted to an Integer",
		`{"maxResults":true}`:     "TRUE_VALUE or FALSE_VALUE can not be converted to an Integer",
		`{"nextToken":["a"]}`:     "Start of list found where not expected",
		`null`:                    "Expected a JSON object as the request body.",
		`{"maxResults":1}garbage`: "Malformed JSON in the request body.",
	} {
		err := decode([]byte(body), &in)
		got := ""
		if err != nil {
			got = err.(*stepwise.Error).Message
		}
		if got != want {
			t.Errorf("decode(%q) = %q, want %q", body, got, want)
		}
	}
}

func FuzzParseAuthorization(f *testing.F) {
	f.Add("AWS4-HMAC-SHA256 Credential=AKID/20240101/eu-west-1/states/aws4_request, SignedHeaders=host;x-amz-date, Signature=abcd")
	f.Add("AWS4-HMAC-SHA256 ,,,=,=")
	f.Add("")
	f.Fuzz(func(t *testing.T, auth string) {
		sig, err := parseAuthorization(auth)
		if err != nil {
			if stepwise.ErrorCodeOf(err) != codeIncompleteSignature {
				t.Fatalf("parseAuthorization(%q): %v", auth, err)
			}
			return
		}
		if sig.accessKey == "" || sig.signature == "" || len(sig.signedHeaders) == 0 {
			t.Fatalf("parseAuthorization(%q) = %+v", auth, sig)
		}
	})
}

func FuzzDecode(f *testing.F) {
	f.Add(`{"stateMachineArn":"a","maxResults":1,"nextToken":"t"}`)
	f.Add(`[`)
	f.Add(`{"maxResults":{}}`)
	f.Fuzz(func(t *testing.T, body string) {
		var in stepwise.ListStateMachineAliasesInput
		if err := decode([]byte(body), &in); err != nil && stepwise.ErrorCodeOf(err) != stepwise.CodeSerialization {
			t.Fatalf("decode(%q): %v", body, err)
		}
	})
}
