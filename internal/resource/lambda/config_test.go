package lambda

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/stepwisehq/stepwise/internal/resource"
	"github.com/stepwisehq/stepwise/value"
)

func TestIsLocalEndpoint(t *testing.T) {
	t.Parallel()
	tests := map[string]bool{
		"http://127.0.0.1:9001":                  true,
		"http://127.1.2.3":                       true,
		"http://localhost:3001":                  true,
		"http://[::1]:9001":                      true,
		"https://lambda.us-east-1.amazonaws.com": false,
		"http://10.0.0.1:9001":                   false,
		"http://192.168.1.10":                    false,
		"127.0.0.1:9001":                         false, // not a URL
		"":                                       false,
		"::":                                     false,
	}
	for in, want := range tests {
		if got := isLocalEndpoint(in); got != want {
			t.Errorf("isLocalEndpoint(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestEndpointOf(t *testing.T) {
	t.Setenv("AWS_ENDPOINT_URL_LAMBDA", "")
	t.Setenv("AWS_ENDPOINT_URL", "http://generic")
	if got := endpointOf(Options{}, aws.Config{}); got != "http://generic" {
		t.Errorf("generic: %q", got)
	}
	if got := endpointOf(Options{}, aws.Config{BaseEndpoint: aws.String("http://config")}); got != "http://config" {
		t.Errorf("config: %q", got)
	}
	t.Setenv("AWS_ENDPOINT_URL_LAMBDA", "http://lambda")
	if got := endpointOf(Options{}, aws.Config{BaseEndpoint: aws.String("http://config")}); got != "http://lambda" {
		t.Errorf("service: %q", got)
	}
	if got := endpointOf(Options{Endpoint: "http://option"}, aws.Config{}); got != "http://option" {
		t.Errorf("option: %q", got)
	}
}

// provider is a credentials provider that counts its calls.
type provider struct {
	calls atomic.Int32
	err   error
}

func (p *provider) Retrieve(ctx context.Context) (aws.Credentials, error) {
	p.calls.Add(1)
	if p.err != nil {
		return aws.Credentials{}, p.err
	}
	return aws.Credentials{AccessKeyID: "REAL", SecretAccessKey: "secret"}, ctx.Err()
}

func TestFallbackCredentials(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	failing := &provider{err: errors.New("no credentials")}
	f := &fallbackCredentials{chain: failing}
	for range 3 {
		creds, err := f.Retrieve(ctx)
		if err != nil || creds.AccessKeyID != dummyAccessKeyID {
			t.Fatalf("fallback: %+v, %v", creds, err)
		}
	}
	if n := failing.calls.Load(); n != 1 {
		t.Errorf("the failing chain was asked %d times, want once", n)
	}

	working := &provider{}
	f = &fallbackCredentials{chain: working}
	if creds, err := f.Retrieve(ctx); err != nil || creds.AccessKeyID != "REAL" {
		t.Fatalf("chain: %+v, %v", creds, err)
	}
	working.err = errors.New("expired")
	if _, err := f.Retrieve(ctx); err == nil {
		t.Error("a later chain error was hidden")
	}

	if creds, err := (&fallbackCredentials{}).Retrieve(ctx); err != nil || creds.AccessKeyID != dummyAccessKeyID {
		t.Errorf("no chain: %+v, %v", creds, err)
	}

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	undecided := &fallbackCredentials{chain: &provider{err: context.Canceled}}
	if _, err := undecided.Retrieve(cancelled); !errors.Is(err, context.Canceled) || undecided.decided {
		t.Errorf("a cancelled first call decided: %v", err)
	}
}

// isolateAWSEnv points the SDK's configuration at nothing, so that the test
// sees only what it sets; the instance metadata service is off.
func isolateAWSEnv(t *testing.T) {
	t.Helper()
	none := filepath.Join(t.TempDir(), "none")
	for _, k := range []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
		"AWS_DEFAULT_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_LAMBDA",
		"AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
		"AWS_CONTAINER_CREDENTIALS_FULL_URI"} {
		t.Setenv(k, "")
	}
	t.Setenv("AWS_CONFIG_FILE", none)
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", none)
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
}

func TestNewWithDefaultConfig(t *testing.T) {
	isolateAWSEnv(t)
	fake := newFakeLambda(t)
	tests := []struct {
		name, env, keyID string
	}{
		{"dummy credentials, service endpoint", "AWS_ENDPOINT_URL_LAMBDA", dummyAccessKeyID},
		{"dummy credentials, generic endpoint", "AWS_ENDPOINT_URL", dummyAccessKeyID},
		{"configured credentials", "AWS_ENDPOINT_URL_LAMBDA", "AKIDEXAMPLE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(tt.env, fake.URL())
			if tt.keyID != dummyAccessKeyID {
				t.Setenv("AWS_ACCESS_KEY_ID", tt.keyID)
				t.Setenv("AWS_SECRET_ACCESS_KEY", "secret")
			}
			inv, err := New(context.Background(), Options{})
			if err != nil {
				t.Fatal(err)
			}
			out, err := inv.Invoke(context.Background(), &resource.Request{
				Resource: fnARN + "id_function", Input: value.MustParse(`{"ok":true}`)})
			if err != nil || value.String(out) != `{"ok":true}` {
				t.Fatalf("Invoke = %v, %v", out, err)
			}
			reqs := fake.received()
			auth := reqs[len(reqs)-1].Header.Get("Authorization")
			if !strings.Contains(auth, "Credential="+tt.keyID+"/") {
				t.Errorf("Authorization = %q, want key %s", auth, tt.keyID)
			}
		})
	}
}

func TestNewBadConfig(t *testing.T) {
	isolateAWSEnv(t)
	t.Setenv("AWS_PROFILE", "no-such-profile")
	if _, err := New(context.Background(), Options{}); err == nil || !strings.HasPrefix(err.Error(), "lambda: load AWS config: ") {
		t.Errorf("New with a missing profile: %v", err)
	}
}

// recordingClient keeps the request bodies it is given.
type recordingClient struct{ bodies []io.ReadCloser }

func (c *recordingClient) Do(req *http.Request) (*http.Response, error) {
	c.bodies = append(c.bodies, req.Body)
	return &http.Response{StatusCode: 200, Body: http.NoBody}, nil
}

func TestBodyWithoutWriteTo(t *testing.T) {
	t.Parallel()
	inner := &recordingClient{}
	c := bodyWithoutWriteTo{client: inner}
	body := io.NopCloser(bytes.NewReader([]byte("payload"))) // a WriterTo, like the SDK's
	if _, ok := body.(io.WriterTo); !ok {
		t.Fatal("test body is no WriterTo")
	}
	for _, b := range []io.ReadCloser{body, nil, http.NoBody} {
		req, _ := http.NewRequest(http.MethodPost, "http://127.0.0.1/", nil)
		req.Body = b
		if _, err := c.Do(req); err != nil {
			t.Fatal(err)
		}
	}
	if _, ok := inner.bodies[0].(io.WriterTo); ok {
		t.Error("the body still offers WriteTo")
	}
	if got, _ := io.ReadAll(inner.bodies[0]); string(got) != "payload" {
		t.Errorf("body reads %q", got)
	}
	if inner.bodies[1] != nil || inner.bodies[2] != http.NoBody {
		t.Errorf("empty bodies were wrapped: %v", inner.bodies[1:])
	}
	if (bodyWithoutWriteTo{}).client != nil || defaultHTTPClient == nil {
		t.Error("no default client")
	}
}
