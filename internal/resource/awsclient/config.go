package awsclient

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"os"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/feature/ec2/imds"
)

// Dummy credentials sign requests when none are configured; local
// emulators accept any.
const (
	DummyAccessKeyID     = "stepwise-local"
	DummySecretAccessKey = "stepwise-local"
)

// LoadConfig returns the AWS configuration for a client: a copy of base
// when it is set, otherwise the default configuration. When endpoint, given
// the default configuration, names a host on this machine (a local
// emulator), the configuration is loaded again without the EC2 instance
// metadata service, so that it is never asked for credentials. Either way
// the credentials fall back to dummy ones when the chain finds none, and
// the SDK does not retry (Retry in the state machine decides).
func LoadConfig(ctx context.Context, base *aws.Config, endpoint func(aws.Config) string) (aws.Config, error) {
	var cfg aws.Config
	if base != nil {
		cfg = base.Copy()
	} else {
		var err error
		if cfg, err = config.LoadDefaultConfig(ctx); err != nil {
			return aws.Config{}, fmt.Errorf("load AWS config: %w", err)
		}
		if IsLocal(endpoint(cfg)) {
			cfg, err = config.LoadDefaultConfig(ctx, config.WithEC2IMDSClientEnableState(imds.ClientDisabled))
			if err != nil {
				return aws.Config{}, fmt.Errorf("load AWS config: %w", err)
			}
		}
	}
	cfg.Credentials = &fallbackCredentials{chain: cfg.Credentials}
	cfg.Retryer = func() aws.Retryer { return aws.NopRetryer{} }
	return cfg, nil
}

// Endpoint returns the endpoint a service's client will use: explicit when
// it is set, else AWS_ENDPOINT_URL_<envName>, the configuration's
// BaseEndpoint or AWS_ENDPOINT_URL; "" when the SDK is to resolve AWS's own.
func Endpoint(explicit, envName string, cfg aws.Config) string {
	if explicit != "" {
		return explicit
	}
	if e := os.Getenv("AWS_ENDPOINT_URL_" + envName); e != "" {
		return e
	}
	if cfg.BaseEndpoint != nil {
		return *cfg.BaseEndpoint
	}
	return os.Getenv("AWS_ENDPOINT_URL")
}

// IsLocal reports whether an endpoint URL names a loopback host.
func IsLocal(endpoint string) bool {
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

var dummyProvider = credentials.NewStaticCredentialsProvider(DummyAccessKeyID, DummySecretAccessKey, "")

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
