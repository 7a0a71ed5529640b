package api_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/sfn"

	"github.com/stepwisehq/stepwise/api"
)

var testCreds = map[string]string{"AKIDGOOD": "good/secret+key", "AKIDOTHER": "other"}

func TestSigV4(t *testing.T) {
	t.Parallel()
	b := newBundle(t, api.Options{Credentials: testCreds})
	for _, tc := range []struct {
		name, id, secret string
		code, message    string
	}{
		{"good", "AKIDGOOD", "good/secret+key", "", ""},
		{"other key", "AKIDOTHER", "other", "", ""},
		{"wrong secret", "AKIDGOOD", "bad", "InvalidSignatureException",
			"The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."},
		{"unknown key", "AKIDNOPE", "x", "UnrecognizedClientException", "The security token included in the request is invalid."},
	} {
		c := sdkClient(b.srv.URL, tc.id, tc.secret)
		_, err := c.ListStateMachines(b.ctx, &sfn.ListStateMachinesInput{})
		if tc.code == "" {
			must(t, tc.name, err)
			continue
		}
		wantAPIError(t, tc.name, err, tc.code, tc.message)
	}
	resp, out := rawCall(t, b, "POST", "AWSStepFunctions.ListStateMachines", "{}")
	if resp.StatusCode != http.StatusForbidden || out["__type"] != "com.amazon.coral.service#MissingAuthenticationTokenException" {
		t.Errorf("unsigned: %d %v", resp.StatusCode, out)
	}
}

func TestSigV4ClockSkew(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		offset time.Duration
		prefix string
	}{
		{20 * time.Minute, "Signature expired: "},
		{-20 * time.Minute, "Signature not yet current: "},
		{10 * time.Minute, ""},
	} {
		b := newBundle(t, api.Options{Credentials: testCreds, Now: func() time.Time { return time.Now().Add(tc.offset) }})
		c := sdkClient(b.srv.URL, "AKIDGOOD", "good/secret+key")
		_, err := c.ListStateMachines(b.ctx, &sfn.ListStateMachinesInput{})
		if tc.prefix == "" {
			must(t, "within 15 minutes", err)
			continue
		}
		wantAPIError(t, "skew "+tc.offset.String(), err, "InvalidSignatureException", "")
		if err == nil || !strings.Contains(err.Error(), tc.prefix) {
			t.Errorf("skew %s: %v, want %q", tc.offset, err, tc.prefix)
		}
	}
}

// signedRequest builds a request signed by the SDK's SigV4 signer.
func signedRequest(t *testing.T, url, body, secret string, at time.Time, edit func(*http.Request)) *http.Request {
	t.Helper()
	req, err := http.NewRequest("POST", url, strings.NewReader(body))
	must(t, "NewRequest", err)
	req.Header.Set("X-Amz-Target", "AWSStepFunctions.ListStateMachines")
	req.Header.Set("Content-Type", "application/x-amz-json-1.0")
	req.Header.Set("X-Custom", "  a   b  ")
	if edit != nil {
		edit(req)
	}
	sum := sha256.Sum256([]byte(body))
	creds := aws.Credentials{AccessKeyID: "AKIDGOOD", SecretAccessKey: secret}
	err = v4.NewSigner().SignHTTP(context.Background(), creds, req, hex.EncodeToString(sum[:]), "states", "eu-west-3", at)
	must(t, "SignHTTP", err)
	return req
}

func TestSigV4Canonicalization(t *testing.T) {
	t.Parallel()
	b := newBundle(t, api.Options{Credentials: testCreds})
	send := func(req *http.Request) (int, string) {
		t.Helper()
		resp, err := http.DefaultClient.Do(req)
		must(t, "Do", err)
		defer resp.Body.Close()
		raw, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(raw)
	}
	now := time.Now()
	for _, tc := range []struct {
		name   string
		url    string
		edit   func(*http.Request)
		status int
	}{
		{"plain", b.srv.URL + "/", nil, 200},
		{"query", b.srv.URL + "/?b=2&a=1&a=0&sp=x%20y", nil, 200},
		{"security token", b.srv.URL + "/", func(r *http.Request) { r.Header.Set("X-Amz-Security-Token", "session") }, 200},
	} {
		if status, body := send(signedRequest(t, tc.url, "{}", "good/secret+key", now, tc.edit)); status != tc.status {
			t.Errorf("%s: %d %s", tc.name, status, body)
		}
	}
	tampered := signedRequest(t, b.srv.URL+"/", "{}", "good/secret+key", now, nil)
	tampered.Body = io.NopCloser(strings.NewReader(`{"maxResults":1}`))
	tampered.ContentLength = 16
	if status, body := send(tampered); status != 400 || !strings.Contains(body, "InvalidSignatureException") {
		t.Errorf("tampered body: %d %s", status, body)
	}
	header := signedRequest(t, b.srv.URL+"/", "{}", "good/secret+key", now, nil)
	header.Header.Set("X-Amz-Target", "AWSStepFunctions.ListActivities")
	if status, body := send(header); status != 400 || !strings.Contains(body, "InvalidSignatureException") {
		t.Errorf("tampered signed header: %d %s", status, body)
	}
	for _, auth := range []string{"Basic dXNlcjpwYXNz", "AWS4-HMAC-SHA256 Credential=AKIDGOOD/20240101/us-east-1/states/aws4_request",
		"AWS4-HMAC-SHA256 Credential=AKIDGOOD, SignedHeaders=host, Signature=00"} {
		req := signedRequest(t, b.srv.URL+"/", "{}", "good/secret+key", now, nil)
		req.Header.Set("Authorization", auth)
		if status, body := send(req); status != 400 || !strings.Contains(body, "IncompleteSignatureException") {
			t.Errorf("Authorization %q: %d %s", auth, status, body)
		}
	}
}

func TestNoCredentialsAcceptsAnything(t *testing.T) {
	t.Parallel()
	b := newBundle(t, api.Options{})
	for _, id := range []string{"AKIDANY", "test"} {
		_, err := sdkClient(b.srv.URL, id, "whatever").ListStateMachines(b.ctx, &sfn.ListStateMachinesInput{})
		must(t, "any credentials", err)
	}
	resp, _ := rawCall(t, b, "POST", "AWSStepFunctions.ListStateMachines", "{}")
	if resp.StatusCode != 200 {
		t.Errorf("unsigned request: %d", resp.StatusCode)
	}
	req := signedRequest(t, b.srv.URL+"/", "{}", "wrong", time.Now().Add(-time.Hour), nil)
	r, err := http.DefaultClient.Do(req)
	must(t, "Do", err)
	r.Body.Close()
	if r.StatusCode != 200 {
		t.Errorf("badly signed request without credentials configured: %d", r.StatusCode)
	}
}
