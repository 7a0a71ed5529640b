// Package awssdk runs Task states that call AWS services through the AWS
// SDK for Go v2, in the two forms Step Functions has:
//
//   - aws-sdk integrations, arn:aws:states:::aws-sdk:SERVICE:ACTION (and
//     .waitForTaskToken) for the services in Services(): the parameters are
//     the API's input with its member names (PascalCase), converted by
//     reflection onto the SDK's input struct; the result is the API's output
//     with the same names, members in alphabetical order; failures are named
//     and worded as the AWS SDK for Java 2.x that Step Functions uses names
//     them ("S3.NoSuchKeyException");
//   - the optimised integrations arn:aws:states:::sqs:sendMessage,
//     sns:publish, dynamodb:getItem/putItem/updateItem/deleteItem,
//     events:putEvents (and .waitForTaskToken where AWS has it), whose
//     results and failures are shaped as the AWS SDK for Java 1.x returns
//     them (SdkHttpMetadata, "SQS.AmazonSQSException"), and s3:getObject,
//     s3:listObjectsV2, s3:getInventory (an S3 Inventory manifest and its
//     data files, read in one call) and s3:putObject for a Map state's
//     ItemReader and ResultWriter;
//   - the optimised integrations that start jobs, ecs:runTask,
//     batch:submitJob, glue:startJobRun, codebuild:startBuild and
//     athena:startQueryExecution, with the Run a Job pattern (.sync): the
//     start action's output is reported through Request.Submitted, the
//     service is asked about the job every Options.PollInterval until it
//     ends, and the task returns the job's description (or fails with
//     States.TaskFailed and the description as the cause); a cancelled
//     task stops its job.
//
// Calls go to the endpoints the standard AWS configuration names
// (AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, shared config files) or
// Options.Endpoint, with the credential chain (dummy credentials when it
// finds none, and no instance metadata lookups for a loopback endpoint) and
// no SDK retries: Retry in the state machine decides.
package awssdk

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/stepwisehq/stepwise/internal/resource"
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
	// Endpoint overrides the endpoint URL of every service (a local
	// emulator such as fakeaws); otherwise AWS_ENDPOINT_URL_<SERVICE>,
	// AWS_ENDPOINT_URL or the shared config decide.
	Endpoint string
	// Endpoints overrides the endpoint of single services, by the name
	// aws-sdk integrations give them ("sqs", "s3", "eventbridge", ...).
	Endpoints map[string]string
	// MaxResultBytes bounds the JSON size of a result; a larger one fails
	// with States.DataLimitExceeded. 0 means DefaultMaxResultBytes; a
	// negative value means no limit.
	MaxResultBytes int
	// PollInterval is how often a Run a Job (.sync) task asks the service
	// about its job; 0 means DefaultPollInterval.
	PollInterval time.Duration
}

// Invoker calls AWS services for Task states. It is safe for concurrent
// use.
type Invoker struct {
	cfg       aws.Config
	opts      Options
	maxResult int
	clients   sync.Map // clientKey -> client
}

type clientKey struct {
	service *service
	region  string
}

var _ resource.Invoker = (*Invoker)(nil)

// New returns an Invoker configured by opts.
func New(ctx context.Context, opts Options) (*Invoker, error) {
	cfg, err := loadConfig(ctx, opts)
	if err != nil {
		return nil, err
	}
	limit := opts.MaxResultBytes
	if limit == 0 {
		limit = DefaultMaxResultBytes
	}
	return &Invoker{cfg: cfg, opts: opts, maxResult: limit}, nil
}

// Invoke runs req.Resource, an aws-sdk or optimised integration. Task
// failures are *resource.Failure values named as AWS names them; States.
// Runtime for parameters that do not fit the API, States.Timeout when
// req.Timeout elapses, States.DataLimitExceeded for a result over the
// limit. When ctx ends first, its error is returned.
func (inv *Invoker) Invoke(ctx context.Context, req *resource.Request) (out value.Value, err error) {
	defer func() {
		if p := recover(); p != nil {
			out, err = nil, resource.Fail(resource.ErrorTaskFailed, fmt.Sprintf("panic: %v", p))
		}
	}()
	target, perr := resource.ParseTarget(req.Resource)
	if perr != nil {
		return nil, resource.Fail(resource.ErrorRuntime, perr.Error())
	}
	key := target.ResourceType + ":" + target.Action()
	if job, ok := jobOps[key]; ok && target.Pattern != resource.Sync2 {
		return job.run(ctx, inv, req, target)
	}
	if target.Pattern != resource.RequestResponse && target.Pattern != resource.WaitForTaskToken {
		return nil, resource.Fail(resource.ErrorRuntime, resource.NotRecognizedMessage(req.Resource))
	}
	if name, ok := strings.CutPrefix(target.ResourceType, "aws-sdk:"); ok {
		return inv.invokeSDK(ctx, req, target, name)
	}
	if op, ok := optimizedOps[key]; ok {
		return op.run(ctx, inv, req, target)
	}
	return nil, resource.Fail(resource.ErrorRuntime, resource.NotRecognizedMessage(req.Resource))
}

// invokeSDK runs arn:aws:states:::aws-sdk:SERVICE:ACTION.
func (inv *Invoker) invokeSDK(ctx context.Context, req *resource.Request, t resource.Target, name string) (value.Value, error) {
	svc, ok := services[name]
	if !ok {
		return nil, resource.Fail(resource.ErrorRuntime, resource.NotRecognizedMessage(req.Resource))
	}
	out, err := inv.call(ctx, req, svc, t.Action(), req.Input)
	if err != nil {
		var f *callFailure
		if errors.As(err, &f) {
			return nil, sdkFailure(svc, f.err)
		}
		return nil, err
	}
	enc := encoder{maps: sortedMaps, maxBody: int64(inv.maxResult)}
	result := enc.encodeOutput(out)
	if enc.tooLarge || inv.tooLarge(result) {
		return nil, dataLimitFailure(t.ResourceType)
	}
	return result, nil
}

// callFailure wraps the error of an SDK call that the service refused or
// that never reached it, for the caller to name.
type callFailure struct{ err error }

func (f *callFailure) Error() string { return f.err.Error() }

// call runs one API action with the parameters params, bounded by
// req.Timeout. It returns the output struct (a pointer), a *resource.Failure
// for bad parameters or a timeout, a *callFailure for the service's error,
// or ctx's error once ctx is done.
func (inv *Invoker) call(ctx context.Context, req *resource.Request, svc *service, actionName string, params value.Value) (reflect.Value, error) {
	client := inv.client(svc, req.RegionOrDefault())
	act, ok := svc.lookup(client, actionName)
	if !ok {
		return reflect.Value{}, resource.Fail(resource.ErrorRuntime, resource.NotRecognizedMessage(req.Resource))
	}
	in := reflect.New(act.input)
	if err := decodeInto(params, in.Elem()); err != nil {
		return reflect.Value{}, parametersFailure(value.String(params), err)
	}
	callCtx := ctx
	if req.Timeout > 0 {
		var cancel context.CancelFunc
		callCtx, cancel = context.WithTimeout(ctx, req.Timeout)
		defer cancel()
	}
	results := reflect.ValueOf(client).Method(act.method).Call([]reflect.Value{reflect.ValueOf(callCtx), in})
	err, _ := results[1].Interface().(error)
	switch {
	case err == nil:
		return results[0], nil
	case ctx.Err() != nil:
		return reflect.Value{}, ctx.Err()
	case errors.Is(callCtx.Err(), context.DeadlineExceeded):
		return reflect.Value{}, resource.Fail(resource.ErrorTimeout, "")
	}
	return reflect.Value{}, &callFailure{err: err}
}

// client returns the service's client for a region, building it once.
func (inv *Invoker) client(svc *service, region string) any {
	key := clientKey{svc, region}
	if c, ok := inv.clients.Load(key); ok {
		return c
	}
	endpoint := endpointOf(inv.opts, svc, inv.cfg)
	explicit := inv.opts.Endpoints[svc.name] != "" || inv.opts.Endpoint != ""
	c := svc.newClient(inv.cfg, clientOptions(region, endpoint, explicit))
	actual, _ := inv.clients.LoadOrStore(key, c)
	return actual
}

// tooLarge reports whether v's JSON text exceeds the result limit.
func (inv *Invoker) tooLarge(v value.Value) bool {
	return inv.maxResult >= 0 && value.EncodedLen(v) > inv.maxResult
}

// dataLimitFailure is AWS's failure for a result over the limit.
func dataLimitFailure(resourceType string) *resource.Failure {
	return resource.Fail(resource.ErrorDataLimitExceeded,
		"The state/task '"+resourceType+"' returned a result with a size exceeding the maximum number of bytes service limit.")
}
