package awsclient

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
)

func TestIsLocal(t *testing.T) {
	t.Parallel()
	tests := map[string]bool{
		"http://127.0.0.1:9001":                  true,
		"http://127.1.2.3":                       true,
		"http://localhost:3001":                  true,
		"http://localhost:4566":                  true,
		"http://[::1]:9001":                      true,
		"https://lambda.us-east-1.amazonaws.com": false,
		"https://sqs.us-east-1.amazonaws.com":    false,
		"http://10.0.0.1:9001":                   false,
		"http://10.0.0.1":                        false,
		"http://192.168.1.10":                    false,
		"127.0.0.1:9001":                         false, // not a URL
		"":                                       false,
		"::":                                     false,
		"::bad":                                  false,
	}
	for in, want := range tests {
		if got := IsLocal(in); got != want {
			t.Errorf("IsLocal(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestEndpoint(t *testing.T) {
	t.Setenv("AWS_ENDPOINT_URL_LAMBDA", "")
	t.Setenv("AWS_ENDPOINT_URL", "http://generic")
	if got := Endpoint("", "LAMBDA", aws.Config{}); got != "http://generic" {
		t.Errorf("generic: %q", got)
	}
	if got := Endpoint("", "LAMBDA", aws.Config{BaseEndpoint: aws.String("http://config")}); got != "http://config" {
		t.Errorf("config: %q", got)
	}
	t.Setenv("AWS_ENDPOINT_URL_LAMBDA", "http://lambda")
	if got := Endpoint("", "LAMBDA", aws.Config{BaseEndpoint: aws.String("http://config")}); got != "http://lambda" {
		t.Errorf("service: %q", got)
	}
	if got := Endpoint("", "SQS", aws.Config{}); got != "http://generic" {
		t.Errorf("another service: %q", got)
	}
	if got := Endpoint("http://option", "LAMBDA", aws.Config{}); got != "http://option" {
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
		if err != nil || creds.AccessKeyID != DummyAccessKeyID {
			t.Fatalf("fallback: %+v, %v", creds, err)
		}
	}
	if n := failing.calls.Load(); n != 1 {
		t.Errorf("the failing chain was asked %d times, want once", n)
	}

	working := &provider{}
	f = &fallbackCredentials{chain: working}
	for range 2 {
		if creds, err := f.Retrieve(ctx); err != nil || creds.AccessKeyID != "REAL" {
			t.Fatalf("chain: %+v, %v", creds, err)
		}
	}
	working.err = errors.New("expired")
	if _, err := f.Retrieve(ctx); err == nil {
		t.Error("a later chain error was hidden")
	}

	if creds, err := (&fallbackCredentials{}).Retrieve(ctx); err != nil || creds.AccessKeyID != DummyAccessKeyID {
		t.Errorf("no chain: %+v, %v", creds, err)
	}
}

func TestFallbackCredentialsCancelled(t *testing.T) {
	t.Parallel()
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	undecided := &fallbackCredentials{chain: &provider{err: context.Canceled}}
	if _, err := undecided.Retrieve(cancelled); !errors.Is(err, context.Canceled) || undecided.decided {
		t.Errorf("a cancelled first call decided: %v", err)
	}
	failing := &fallbackCredentials{chain: &provider{err: errors.New("no credentials")}}
	if _, err := failing.Retrieve(cancelled); err == nil || failing.decided {
		t.Errorf("a cancelled first lookup decided on dummy credentials: %v", err)
	}
}

func TestLoadConfigBase(t *testing.T) {
	t.Parallel()
	base := &aws.Config{Region: "eu-west-1"}
	cfg, err := LoadConfig(context.Background(), base, func(aws.Config) string {
		t.Error("endpoint asked for with a base configuration")
		return ""
	})
	if err != nil || cfg.Region != "eu-west-1" || base.Credentials != nil || base.Retryer != nil {
		t.Fatalf("LoadConfig = %+v, %v; base %+v", cfg, err, base)
	}
	creds, err := cfg.Credentials.Retrieve(context.Background())
	if err != nil || creds.AccessKeyID != DummyAccessKeyID || creds.SecretAccessKey != DummySecretAccessKey {
		t.Errorf("credentials: %+v, %v", creds, err)
	}
	if _, ok := cfg.Retryer().(aws.NopRetryer); !ok {
		t.Errorf("retryer %T", cfg.Retryer())
	}
}

// isolateAWSEnv points the SDK's configuration at nothing, so that the test
// sees only what it sets.
func isolateAWSEnv(t *testing.T) {
	t.Helper()
	none := filepath.Join(t.TempDir(), "none")
	for _, k := range []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
		"AWS_DEFAULT_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL",
		"AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
		"AWS_CONTAINER_CREDENTIALS_FULL_URI"} {
		t.Setenv(k, "")
	}
	t.Setenv("AWS_CONFIG_FILE", none)
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", none)
}

func TestLoadConfigDefault(t *testing.T) {
	isolateAWSEnv(t)
	t.Setenv("AWS_REGION", "eu-central-1")
	t.Setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:1")
	var asked []string
	cfg, err := LoadConfig(context.Background(), nil, func(cfg aws.Config) string {
		asked = append(asked, aws.ToString(cfg.BaseEndpoint))
		return aws.ToString(cfg.BaseEndpoint)
	})
	if err != nil || cfg.Region != "eu-central-1" {
		t.Fatalf("LoadConfig = %+v, %v", cfg, err)
	}
	if len(asked) != 1 || asked[0] != "http://127.0.0.1:1" {
		t.Errorf("endpoint asked with %q", asked)
	}
	creds, err := cfg.Credentials.Retrieve(context.Background())
	if err != nil || creds.AccessKeyID != DummyAccessKeyID {
		t.Errorf("credentials: %+v, %v", creds, err)
	}
}

func TestLoadConfigError(t *testing.T) {
	isolateAWSEnv(t)
	t.Setenv("AWS_PROFILE", "no-such-profile")
	_, err := LoadConfig(context.Background(), nil, func(aws.Config) string { return "" })
	if err == nil || !strings.HasPrefix(err.Error(), "load AWS config: ") {
		t.Errorf("LoadConfig with a missing profile: %v", err)
	}
}
