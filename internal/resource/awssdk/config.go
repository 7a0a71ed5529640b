package awssdk

import (
	"context"
	"fmt"
	"os"
	"reflect"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/smithy-go/middleware"

	"github.com/stepwisehq/stepwise/internal/resource/awsclient"
)

// loadConfig returns the AWS configuration for the clients (see
// awsclient.LoadConfig); the EC2 instance metadata service is left out when
// Options.Endpoint, or else AWS_ENDPOINT_URL, is on this machine.
func loadConfig(ctx context.Context, opts Options) (aws.Config, error) {
	cfg, err := awsclient.LoadConfig(ctx, opts.Config, func(aws.Config) string {
		if opts.Endpoint != "" {
			return opts.Endpoint
		}
		return os.Getenv("AWS_ENDPOINT_URL")
	})
	if err != nil {
		return aws.Config{}, fmt.Errorf("awssdk: %w", err)
	}
	return cfg, nil
}

// endpointOf returns the endpoint configured for a service, "" when the SDK
// is to resolve AWS's own.
func endpointOf(opts Options, svc *service, cfg aws.Config) string {
	explicit := opts.Endpoints[svc.name]
	if explicit == "" {
		explicit = opts.Endpoint
	}
	return awsclient.Endpoint(explicit, svc.envName, cfg)
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
		var inner awsclient.HTTPClient
		if !hc.IsNil() {
			inner = hc.Interface().(awsclient.HTTPClient)
		}
		hc.Set(reflect.ValueOf(awsclient.WithoutWriteTo(inner)))
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
