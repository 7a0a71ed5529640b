package awssdk

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"reflect"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/feature/ec2/imds"
	"github.com/aws/smithy-go/middleware"
)

// Dummy credentials sign requests when none are configured; local
// emulators accept any.
const (
	dummyAccessKeyID     = "stepwise-local"
	dummySecretAccessKey = "stepwise-local"
)

// loadConfig returns the AWS configuration for the clients: opts.Config, or
// the default configuration (without the EC2 instance metadata service when
// the endpoint is on this machine), with credentials that fall back to
// dummy ones and no SDK retries.
func loadConfig(ctx context.Context, opts Options) (aws.Config, error) {
	var cfg aws.Config
	if opts.Config != nil {
		cfg = opts.Config.Copy()
	} else {
		var loadOpts []func(*config.LoadOptions) error
		if isLocalEndpoint(opts.Endpoint) || (opts.Endpoint == "" && isLocalEndpoint(os.Getenv("AWS_ENDPOINT_URL"))) {
			loadOpts = append(loadOpts, config.WithEC2IMDSClientEnableState(imds.ClientDisabled))
		}
		var err error
		if cfg, err = config.LoadDefaultConfig(ctx, loadOpts...); err != nil {
			return aws.Config{}, fmt.Errorf("awssdk: load AWS config: %w", err)
		}
	}
	cfg.Credentials = &fallbackCredentials{chain: cfg.Credentials}
	cfg.Retryer = func() aws.Retryer { return aws.NopRetryer{} }
	return cfg, nil
}

// endpointOf returns the endpoint configured for a service, "" when the SDK
// is to resolve AWS's own.
func endpointOf(opts Options, svc *service, cfg aws.Config) string {
	if e := opts.Endpoints[svc.name]; e != "" {
		return e
	}
	if opts.Endpoint != "" {
		return opts.Endpoint
	}
	if e := os.Getenv("AWS_ENDPOINT_URL_" + svc.envName); e != "" {
		return e
	}
	if cfg.BaseEndpoint != nil {
		return *cfg.BaseEndpoint
	}
	return os.Getenv("AWS_ENDPOINT_URL")
}

// isLocalEndpoint reports whether an endpoint URL names a loopback host.
func isLocalEndpoint(endpoint string) bool {
	u, err := url.Parse(endpoint)
	if err != nil || u.Host == "" {
		return false
	}
	host := u.Hostname()
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// clientOptions sets, by reflection, the options every service's Options
// struct has: the region, the endpoint, no retries, no client-side
// validation of parameters (the service validates them, as AWS's SDK for
// Java lets it), and path-style S3 addressing for a custom endpoint.
func clientOptions(region, endpoint string, explicit bool) func(opts any) {
	return func(opts any) {
		v := reflect.ValueOf(opts).Elem()
		v.FieldByName("Region").SetString(region)
		if explicit {
			v.FieldByName("BaseEndpoint").Set(reflect.ValueOf(aws.String(endpoint)))
		}
		v.FieldByName("Retryer").Set(reflect.ValueOf(aws.Retryer(aws.NopRetryer{})))
		hc := v.FieldByName("HTTPClient")
		var inner httpDoer
		if !hc.IsNil() {
			inner = hc.Interface().(httpDoer)
		}
		hc.Set(reflect.ValueOf(bodyWithoutWriteTo{client: inner}))
		api := v.FieldByName("APIOptions")
		api.Set(reflect.Append(api, reflect.ValueOf(withoutInputValidation)))
		if f := v.FieldByName("UsePathStyle"); f.IsValid() && endpoint != "" {
			f.SetBool(true)
		}
	}
}

// withoutInputValidation removes the SDK's check of required parameters:
// AWS's SDK for Java sends what it is given and the service answers.
func withoutInputValidation(stack *middleware.Stack) error {
	_, _ = stack.Initialize.Remove("OperationInputValidation")
	return nil
}

// fallbackCredentials asks the credential chain once; if it finds nothing,
// dummy static credentials are used from then on.
type fallbackCredentials struct {
	chain aws.CredentialsProvider

	mu      sync.Mutex
	decided bool
	dummy   bool
}

var dummyProvider = credentials.NewStaticCredentialsProvider(dummyAccessKeyID, dummySecretAccessKey, "")

// Retrieve implements aws.CredentialsProvider.
func (f *fallbackCredentials) Retrieve(ctx context.Context) (aws.Credentials, error) {
	if f.chain == nil {
		return dummyProvider.Retrieve(ctx)
	}
	f.mu.Lock()
	if f.decided {
		dummy := f.dummy
		f.mu.Unlock()
		if dummy {
			return dummyProvider.Retrieve(ctx)
		}
		return f.chain.Retrieve(ctx)
	}
	defer f.mu.Unlock()
	creds, err := f.chain.Retrieve(ctx)
	if err != nil && ctx.Err() != nil {
		return creds, err // undecided: the caller gave up
	}
	f.decided, f.dummy = true, err != nil
	if f.dummy {
		return dummyProvider.Retrieve(ctx)
	}
	return creds, nil
}

// httpDoer is the HTTP client interface of every service's Options.
type httpDoer interface {
	Do(*http.Request) (*http.Response, error)
}

// bodyWithoutWriteTo sends requests with a body that only reads and closes,
// working around the SDK's request-body race with fast local servers (see
// the same type in internal/resource/lambda).
type bodyWithoutWriteTo struct {
	client httpDoer
}

type readCloserOnly struct{ io.ReadCloser }

// Do implements the services' HTTPClient interfaces.
func (c bodyWithoutWriteTo) Do(req *http.Request) (*http.Response, error) {
	if req.Body != nil && req.Body != http.NoBody {
		req.Body = readCloserOnly{req.Body}
	}
	client := c.client
	if client == nil {
		client = defaultHTTPClient
	}
	return client.Do(req)
}

var defaultHTTPClient httpDoer = awshttp.NewBuildableClient()
