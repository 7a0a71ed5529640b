package awssdk

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/stepwisehq/stepwise/internal/resource/awsclient"
)

func TestEndpoints(t *testing.T) {
	t.Setenv("AWS_ENDPOINT_URL", "http://global:1")
	t.Setenv("AWS_ENDPOINT_URL_SQS", "http://sqs:2")
	cfg := aws.Config{}
	tests := []struct {
		opts Options
		svc  string
		want string
	}{
		{Options{}, "sqs", "http://sqs:2"},
		{Options{}, "s3", "http://global:1"},
		{Options{Endpoint: "http://all:3"}, "sqs", "http://all:3"},
		{Options{Endpoint: "http://all:3", Endpoints: map[string]string{"sqs": "http://one:4"}}, "sqs", "http://one:4"},
	}
	for _, tt := range tests {
		if got := endpointOf(tt.opts, services[tt.svc], cfg); got != tt.want {
			t.Errorf("endpointOf(%+v, %s) = %s, want %s", tt.opts, tt.svc, got, tt.want)
		}
	}
	base := "http://base:5"
	if got := endpointOf(Options{}, services["s3"], aws.Config{BaseEndpoint: &base}); got != base {
		t.Errorf("config's BaseEndpoint: %s", got)
	}
}

func TestLoadConfigFromEnvironment(t *testing.T) {
	t.Setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:1")
	t.Setenv("AWS_REGION", "eu-central-1")
	t.Setenv("AWS_ACCESS_KEY_ID", "")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "")
	t.Setenv("AWS_CONFIG_FILE", t.TempDir()+"/none")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", t.TempDir()+"/none")
	inv, err := New(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	creds, err := inv.cfg.Credentials.Retrieve(context.Background())
	if err != nil || creds.AccessKeyID != awsclient.DummyAccessKeyID {
		t.Errorf("credentials: %+v, %v", creds, err)
	}
	if inv.cfg.Region != "eu-central-1" {
		t.Errorf("region %q", inv.cfg.Region)
	}
}

func TestLoadConfigError(t *testing.T) {
	t.Setenv("AWS_CONFIG_FILE", t.TempDir()+"/none")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", t.TempDir()+"/none")
	t.Setenv("AWS_PROFILE", "no-such-profile")
	if _, err := New(context.Background(), Options{}); err == nil || !strings.HasPrefix(err.Error(), "awssdk: load AWS config: ") {
		t.Errorf("New with a missing profile: %v", err)
	}
}

func TestClientOptions(t *testing.T) {
	t.Parallel()
	var s3o s3.Options
	clientOptions("eu-west-1", "http://127.0.0.1:9", true)(&s3o)
	if s3o.Region != "eu-west-1" || aws.ToString(s3o.BaseEndpoint) != "http://127.0.0.1:9" || !s3o.UsePathStyle ||
		len(s3o.APIOptions) != 1 || s3o.HTTPClient == nil {
		t.Errorf("s3 options: %+v", s3o)
	}
	var sqso sqs.Options
	clientOptions("us-east-1", "", false)(&sqso)
	if sqso.BaseEndpoint != nil || sqso.Region != "us-east-1" {
		t.Errorf("sqs options: %+v", sqso)
	}
}
