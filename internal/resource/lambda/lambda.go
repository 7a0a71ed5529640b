// Package lambda runs Task states on AWS Lambda, in both of the forms Step
// Functions knows:
//
//   - a function ARN as the Resource (arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]):
//     the effective input is the payload and the function's JSON answer is the
//     result (history: LambdaFunctionScheduled/Started/Succeeded/Failed);
//   - the optimised integration arn:aws:states:::lambda:invoke (and
//     .waitForTaskToken): the parameters FunctionName, Payload, InvocationType,
//     Qualifier, ClientContext and LogType make the Invoke request, and the
//     result is the Invoke response as the AWS SDK for Java shapes it
//     (ExecutedVersion, Payload, SdkHttpMetadata, SdkResponseMetadata, StatusCode).
//
// Calls go through the AWS SDK for Go v2 with the standard configuration
// (AWS_ENDPOINT_URL_LAMBDA, AWS_ENDPOINT_URL, shared config files, the
// credential chain) and no SDK retries: Retry in the state machine decides.
// With no credentials configured, dummy static credentials sign the requests,
// which is what a local Lambda emulator wants.
package lambda

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"

	"github.com/stepwisehq/stepwise/internal/resource"
	"github.com/stepwisehq/stepwise/internal/resource/awsclient"
	"github.com/stepwisehq/stepwise/value"
)

// DefaultMaxResultBytes is AWS's limit on a task result: 256 KiB.
const DefaultMaxResultBytes = 256 * 1024

// Options configure an Invoker. The zero value loads the default AWS
// configuration.
type Options struct {
	// Config is the AWS configuration to use; nil loads it with
	// config.LoadDefaultConfig. Its Retryer is replaced: the Invoker never
	// retries on its own.
	Config *aws.Config
	// Endpoint overrides the Lambda endpoint URL (otherwise
	// AWS_ENDPOINT_URL_LAMBDA, AWS_ENDPOINT_URL or the shared config decide).
	Endpoint string
	// MaxResultBytes bounds the JSON size of a result; a larger one fails
	// with States.DataLimitExceeded. 0 means DefaultMaxResultBytes; a
	// negative value means no limit.
	MaxResultBytes int
}

// Invoker invokes Lambda functions for Task states. It is safe for
// concurrent use.
type Invoker struct {
	client    *lambda.Client
	maxResult int
}

var _ resource.Invoker = (*Invoker)(nil)

// New returns an Invoker configured by opts.
func New(ctx context.Context, opts Options) (*Invoker, error) {
	cfg, err := awsclient.LoadConfig(ctx, opts.Config, func(cfg aws.Config) string {
		return awsclient.Endpoint(opts.Endpoint, "LAMBDA", cfg)
	})
	if err != nil {
		return nil, fmt.Errorf("lambda: %w", err)
	}
	client := lambda.NewFromConfig(cfg, func(o *lambda.Options) {
		o.HTTPClient = awsclient.WithoutWriteTo(o.HTTPClient)
		if opts.Endpoint != "" {
			o.BaseEndpoint = aws.String(opts.Endpoint)
		}
		if o.Region == "" {
			o.Region = resource.DefaultRegion
		}
		o.Retryer = aws.NopRetryer{}
	})
	limit := opts.MaxResultBytes
	if limit == 0 {
		limit = DefaultMaxResultBytes
	}
	return &Invoker{client: client, maxResult: limit}, nil
}

// Invoke runs req.Resource, a Lambda function ARN or
// arn:aws:states:::lambda:invoke[.waitForTaskToken]. Task failures are
// *resource.Failure values named as AWS names them: the function's
// errorType, Lambda.Unknown, Lambda.<service exception>,
// Lambda.SdkClientException, States.Timeout (req.Timeout elapsed) or
// States.DataLimitExceeded. When ctx ends first, its error is returned.
func (inv *Invoker) Invoke(ctx context.Context, req *resource.Request) (value.Value, error) {
	target, err := resource.ParseTarget(req.Resource)
	if err != nil {
		return nil, resource.Fail(resource.ErrorRuntime, err.Error())
	}
	switch {
	case target.Legacy:
		return inv.invokeFunction(ctx, req)
	case isInvokeIntegration(target):
		return inv.invokeIntegration(ctx, req, target)
	}
	return nil, resource.Fail(resource.ErrorRuntime, resource.NotRecognizedMessage(req.Resource))
}

func isInvokeIntegration(t resource.Target) bool {
	return t.ResourceType == "lambda" && t.Action() == "invoke" &&
		(t.Pattern == resource.RequestResponse || t.Pattern == resource.WaitForTaskToken)
}

// invokeFunction runs the legacy form: the Resource is the function.
func (inv *Invoker) invokeFunction(ctx context.Context, req *resource.Request) (value.Value, error) {
	in := &lambda.InvokeInput{
		FunctionName: aws.String(req.Resource),
		Payload:      value.Append(nil, req.Input),
	}
	out, err := inv.call(ctx, req, in, regionOf(req.Resource, req))
	if err != nil {
		return nil, err
	}
	if out.FunctionError != nil {
		return nil, functionFailure(out.Payload, true)
	}
	result := functionResult(out.Payload)
	if inv.tooLarge(result) {
		return nil, dataLimitFailure(req.Resource)
	}
	return result, nil
}

// invokeIntegration runs arn:aws:states:::lambda:invoke.
func (inv *Invoker) invokeIntegration(ctx context.Context, req *resource.Request, t resource.Target) (value.Value, error) {
	in, f := invokeInput(req.Input)
	if f != nil {
		return nil, f
	}
	out, err := inv.call(ctx, req, in, regionOf(aws.ToString(in.FunctionName), req))
	if err != nil {
		return nil, err
	}
	if out.FunctionError != nil {
		return nil, functionFailure(out.Payload, false)
	}
	result := invokeResult(out)
	if inv.tooLarge(result) {
		return nil, dataLimitFailure(t.ResourceType)
	}
	return result, nil
}

// call invokes the function, bounded by req.Timeout, and turns errors into
// task failures, except for the error of ctx itself once it is done.
func (inv *Invoker) call(ctx context.Context, req *resource.Request, in *lambda.InvokeInput, region string) (*lambda.InvokeOutput, error) {
	callCtx := ctx
	if req.Timeout > 0 {
		var cancel context.CancelFunc
		callCtx, cancel = context.WithTimeout(ctx, req.Timeout)
		defer cancel()
	}
	out, err := inv.client.Invoke(callCtx, in, func(o *lambda.Options) { o.Region = region })
	switch {
	case err == nil:
		return out, nil
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case errors.Is(callCtx.Err(), context.DeadlineExceeded):
		return nil, resource.Fail(resource.ErrorTimeout, "")
	}
	return nil, serviceFailure(err)
}

// regionOf returns the region of a function ARN, else the execution's.
func regionOf(function string, req *resource.Request) string {
	if region := arnRegion(function); region != "" {
		return region
	}
	return req.RegionOrDefault()
}

// arnRegion returns the region field of "arn:PARTITION:lambda:REGION:...".
func arnRegion(s string) string {
	rest, ok := strings.CutPrefix(s, "arn:")
	if !ok {
		return ""
	}
	for range 2 { // partition, service
		if _, rest, ok = strings.Cut(rest, ":"); !ok {
			return ""
		}
	}
	region, _, ok := strings.Cut(rest, ":")
	if !ok {
		return ""
	}
	return region
}
