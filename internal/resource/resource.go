// Package resource is the seam between the engine's "run this task" command
// and the integrations that run tasks: Lambda functions, AWS service
// integrations, activities and Go handlers, each behind one Invoker keyed by
// the Task state's Resource ARN.
//
// An Invoker returns the task's result, or a *Failure carrying the error name
// and cause that AWS Step Functions would report in TaskFailed or
// LambdaFunctionFailed events and hand to Retry and Catch. Any other error
// (a cancelled context, for one) is not a task failure: the runtime decides
// what it means.
package resource

import (
	"context"
	"errors"
	"time"

	"github.com/stepwisehq/stepwise/value"
)

// Error names that invokers report, as ASL names them.
const (
	ErrorTaskFailed        = "States.TaskFailed"
	ErrorTimeout           = "States.Timeout"
	ErrorRuntime           = "States.Runtime"
	ErrorDataLimitExceeded = "States.DataLimitExceeded"
)

// Defaults of an execution's region and account, as Step Functions Local has them.
const (
	DefaultRegion  = "us-east-1"
	DefaultAccount = "123456789012"
)

// Request is one invocation of a task.
type Request struct {
	Resource  string        // the Task state's Resource ARN as written
	Input     value.Value   // the effective parameters (Parameters/Arguments already applied)
	Region    string        // of the execution (default us-east-1)
	Account   string        // of the execution (default 123456789012)
	TaskToken string        // set for .waitForTaskToken
	Timeout   time.Duration // 0 = none; the runtime also enforces TimeoutSeconds itself
	// Submitted, when set, is called by a Run a Job (.sync) integration once
	// the job has started, with the service's response; Invoke then returns
	// when the job ends.
	Submitted func(value.Value)
	// Resumed, when set, is the response a Run a Job integration reported
	// through Submitted before the runtime restarted (or another node took
	// the execution over): the integration follows that job to its end
	// instead of starting another.
	Resumed value.Value
	// ExecutionArn is the execution that runs the task.
	ExecutionArn string
}

// ErrTaskCancelled is the cause (context.Cause) of a task's context when
// the workflow no longer wants the task: it timed out, its heartbeat
// stopped, its execution was stopped or failed elsewhere. A Run a Job
// integration stops its job then, and only then: a runtime that shuts down
// or loses an execution cancels with another cause, and the job runs on,
// to be followed after the restart.
var ErrTaskCancelled = errors.New("resource: the task is no longer wanted")

// RegionOrDefault returns the request's region, or DefaultRegion.
func (r *Request) RegionOrDefault() string {
	if r.Region == "" {
		return DefaultRegion
	}
	return r.Region
}

// AccountOrDefault returns the request's account, or DefaultAccount.
func (r *Request) AccountOrDefault() string {
	if r.Account == "" {
		return DefaultAccount
	}
	return r.Account
}

// Failure is a task failure exactly as AWS reports it in TaskFailed and
// LambdaFunctionFailed events and to Retry and Catch: an error name and a
// cause text.
type Failure struct {
	Name  string // e.g. Lambda.ResourceNotFoundException, States.Timeout, or a function's errorType
	Cause string // AWS's cause text, may be empty
}

// Error returns "Name: Cause".
func (f *Failure) Error() string {
	if f.Cause == "" {
		return f.Name
	}
	return f.Name + ": " + f.Cause
}

// Fail returns a *Failure with the given error name and cause.
func Fail(name, cause string) *Failure { return &Failure{Name: name, Cause: cause} }

// Invoker runs tasks. Invoke returns the task's result, a *Failure for a task
// failure, or another error (such as the context's) that is not one.
// Implementations must be safe for concurrent use.
type Invoker interface {
	Invoke(ctx context.Context, req *Request) (value.Value, error)
}

// InvokerFunc adapts a function to an Invoker.
type InvokerFunc func(ctx context.Context, req *Request) (value.Value, error)

// Invoke calls f.
func (f InvokerFunc) Invoke(ctx context.Context, req *Request) (value.Value, error) {
	return f(ctx, req)
}
