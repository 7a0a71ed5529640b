package api_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/stepwisehq/stepwise"
	"github.com/stepwisehq/stepwise/api"
	"github.com/stepwisehq/stepwise/store/memory"
)

const (
	testRole = "arn:aws:iam::123456789012:role/test"
	passDef  = `{"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"ok":true},"End":true}}}`
)

// bundle is what an API test works with: a server and an SDK client.
type bundle struct {
	ctx    context.Context
	sw     *stepwise.Stepwise
	srv    *httptest.Server
	client *sfn.Client
}

// newBundle starts Stepwise on an in-memory store behind an httptest
// server, and an aws-sdk-go-v2 client pointed at it.
func newBundle(t *testing.T, opts api.Options) *bundle {
	t.Helper()
	ctx := context.Background()
	sw, err := stepwise.New(stepwise.Config{Store: memory.New(), TimeScale: 0})
	if err != nil {
		t.Fatalf("stepwise.New: %v", err)
	}
	if err := sw.Start(ctx); err != nil {
		t.Fatalf("Start: %v", err)
	}
	srv := httptest.NewServer(api.NewHandler(sw.Client(), opts))
	t.Cleanup(func() {
		srv.Close()
		stop, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = sw.Stop(stop)
	})
	return &bundle{ctx: ctx, sw: sw, srv: srv, client: sdkClient(srv.URL, "AKIDTEST", "secret")}
}

// sdkClient returns an SFN client for endpoint signing with the given keys.
func sdkClient(endpoint, id, secret string) *sfn.Client {
	return sfn.New(sfn.Options{
		BaseEndpoint:     aws.String(endpoint),
		Region:           "us-east-1",
		Credentials:      credentials.NewStaticCredentialsProvider(id, secret, ""),
		RetryMaxAttempts: 1,
		HTTPClient:       http.DefaultClient,
		APIOptions:       []func(*middleware.Stack) error{noHostPrefix},
	})
}

// noHostPrefix keeps the SDK from prefixing the endpoint's host name
// ("sync-" for StartSyncExecution and TestState), as a local endpoint
// needs (botocore: inject_host_prefix=False).
func noHostPrefix(stack *middleware.Stack) error {
	return stack.Initialize.Add(middleware.InitializeMiddlewareFunc("NoHostPrefix",
		func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
			return next.HandleInitialize(smithyhttp.DisableEndpointHostPrefix(ctx, true), in)
		}), middleware.Before)
}

// createMachine creates a state machine through the SDK.
func (b *bundle) createMachine(t *testing.T, name string, publish bool) *sfn.CreateStateMachineOutput {
	t.Helper()
	out, err := b.client.CreateStateMachine(b.ctx, &sfn.CreateStateMachineInput{
		Name: aws.String(name), Definition: aws.String(passDef), RoleArn: aws.String(testRole), Publish: publish,
	})
	if err != nil {
		t.Fatalf("CreateStateMachine(%s): %v", name, err)
	}
	return out
}

// wantAPIError checks an SDK error's code and message.
func wantAPIError(t *testing.T, what string, err error, code, message string) {
	t.Helper()
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("%s: error %v (%T), want %s", what, err, err, code)
	}
	if apiErr.ErrorCode() != code || message != "" && apiErr.ErrorMessage() != message {
		t.Errorf("%s:\n got %s: %s\nwant %s: %s", what, apiErr.ErrorCode(), apiErr.ErrorMessage(), code, message)
	}
}

func must(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}
