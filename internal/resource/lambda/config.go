package lambda

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/feature/ec2/imds"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
)

// Dummy credentials sign requests when none are configured; a local Lambda
// emulator accepts any.
const (
	dummyAccessKeyID     = "stepwise-local"
	dummySecretAccessKey = "stepwise-local"
)

// loadConfig returns the AWS configuration for the Lambda client. The
// default configuration is loaded unless opts.Config is set; when the Lambda
// endpoint is on this machine (a local emulator), the EC2 instance metadata
// service is never asked for credentials. Credentials fall back to dummy
// ones when the chain finds none.
func loadConfig(ctx context.Context, opts Options) (aws.Config, error) {
	var cfg aws.Config
	if opts.Config != nil {
		cfg = opts.Config.Copy()
	} else {
		var err error
		if cfg, err = config.LoadDefaultConfig(ctx); err != nil {
			return aws.Config{}, fmt.Errorf("lambda: load AWS config: %w", err)
		}
		if isLocalEndpoint(endpointOf(opts, cfg)) {
			cfg, err = config.LoadDefaultConfig(ctx, config.WithEC2IMDSClientEnableState(imds.ClientDisabled))
			if err != nil {
				return aws.Config{}, fmt.Errorf("lambda: load AWS config: %w", err)
			}
		}
	}
	cfg.Credentials = &fallbackCredentials{chain: cfg.Credentials}
	cfg.Retryer = func() aws.Retryer { return aws.NopRetryer{} }
	return cfg, nil
}

// endpointOf returns the Lambda endpoint the client will use, when one is
// configured.
func endpointOf(opts Options, cfg aws.Config) string {
	if opts.Endpoint != "" {
		return opts.Endpoint
	}
	if e := os.Getenv("AWS_ENDPOINT_URL_LAMBDA"); e != "" {
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

// fallbackCredentials asks the credential chain once; if it finds nothing,
// dummy static credentials are used from then on. Once the chain has
// answered, its later errors are returned as they are.
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

// bodyWithoutWriteTo sends requests with a body that only reads and closes.
//
// The SDK wraps a request payload in a reader whose WriteTo fails with
// io.EOF once the SDK has closed it, which it does as soon as the response
// headers arrive. When a fast server (a local emulator) answers before the
// transport has finished its last check of the body, that io.EOF fails the
// request write and the transport closes the connection under the response
// being read ("use of closed network connection"). Without WriteTo the
// transport reads the body, and a closed body is an ordinary end of input.
type bodyWithoutWriteTo struct {
	client lambda.HTTPClient
}

// readCloserOnly hides every method of its body but Read and Close.
type readCloserOnly struct{ io.ReadCloser }

// Do implements lambda.HTTPClient.
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

var defaultHTTPClient lambda.HTTPClient = awshttp.NewBuildableClient()
