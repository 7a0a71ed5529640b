package awssdk

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/stepwisehq/stepwise/internal/resource"
	"github.com/stepwisehq/stepwise/internal/resource/awsclient"
	"github.com/stepwisehq/stepwise/value"
)

// DefaultPollInterval is how often a Run a Job (.sync) integration asks the
// service how its job is doing, unless Options.PollInterval says otherwise.
const DefaultPollInterval = 3 * time.Second

// stopTimeout bounds the stop action called for a job whose task was
// cancelled: the task's own context is done by then.
const stopTimeout = 10 * time.Second

// jobHeaders are the response headers of the services that run jobs, in
// the order they send them.
var jobHeaders = awsclient.NewWireNames("x-amzn-RequestId", "Content-Type", "Content-Length", "Date")

// jobStatus is where a job is in its life.
type jobStatus uint8

const (
	jobRunning jobStatus = iota
	jobSucceeded
	jobFailed
)

// call is one API action with its parameters.
type call struct {
	action string
	params *value.Object
}

// jobOp is an optimised integration that starts a job. Request Response
// (and .waitForTaskToken where AWS has it) returns the start action's
// output; Run a Job (.sync) reports that output as submitted, asks the
// describe action about the job until it ends, and returns the job's
// description, or fails with States.TaskFailed and the description as the
// cause. When its task is cancelled, it calls the stop action.
type jobOp struct {
	v1      v1Service
	service string // the key of services
	start   string // the start action ("runTask")
	token   bool   // .waitForTaskToken is supported
	// prepare adds what Step Functions adds to a .sync task's parameters.
	prepare func(params *value.Object) *value.Object
	// submitted reshapes the start action's output (nil: as it is).
	submitted func(params, out *value.Object) *value.Object
	// refuse fails a .sync or .waitForTaskToken task whose start action
	// answered with a failure inside a success (nil: none).
	refuse func(out *value.Object) *resource.Failure
	job    jobKind
}

// jobKind is how a Run a Job integration follows its job.
type jobKind struct {
	// ids returns the describe and stop calls for the job that the start
	// action started; false when its output names no job.
	ids func(params, started *value.Object) (describe, stop call, ok bool)
	// find returns the job's description in the describe action's output,
	// nil when it has none.
	find func(out *value.Object) *value.Object
	// status tells whether the described job has ended, and how.
	status func(job *value.Object) jobStatus
	// wrap, when set, is the member the task's result puts the job in
	// ({"Build": ...}); otherwise the result is the job itself.
	wrap string
}

func (o *jobOp) run(ctx context.Context, inv *Invoker, req *resource.Request, t resource.Target) (value.Value, error) {
	if t.Pattern == resource.WaitForTaskToken && !o.token {
		return nil, resource.Fail(resource.ErrorRuntime, resource.NotRecognizedMessage(req.Resource))
	}
	params, _ := req.Input.(*value.Object)
	if params == nil {
		params = value.NewObject(nil)
	}
	if t.Pattern == resource.Sync && o.prepare != nil {
		params = o.prepare(params)
	}
	if started, ok := req.Resumed.(*value.Object); ok && t.Pattern == resource.Sync {
		return o.await(ctx, inv, req, t, params, started) // started before a restart
	}
	started, tooLarge, err := o.startJob(ctx, inv, req, params)
	if err != nil {
		return nil, err
	}
	if t.Pattern != resource.RequestResponse && o.refuse != nil {
		if f := o.refuse(started); f != nil {
			return nil, f
		}
	}
	if t.Pattern != resource.Sync {
		if tooLarge || inv.tooLarge(started) {
			return nil, dataLimitFailure(t.ResourceType)
		}
		return started, nil
	}
	if req.Submitted != nil {
		req.Submitted(started)
	}
	return o.await(ctx, inv, req, t, params, started)
}

// startJob calls the start action and shapes its output as the AWS SDK for
// Java 1.x does, with the HTTP metadata.
func (o *jobOp) startJob(ctx context.Context, inv *Invoker, req *resource.Request, params *value.Object) (*value.Object, bool, error) {
	out, err := inv.call(ctx, req, services[o.service], o.start, params)
	if err != nil {
		return nil, false, o.failure(err)
	}
	enc := encoder{maps: hashMaps, millis: true, maxBody: int64(inv.maxResult)}
	result := enc.encodeOutput(out)
	if o.submitted != nil {
		result = o.submitted(params, result)
	}
	ms := append(slices.Clone(result.Members()), sdkMetadata(out, jobHeaders)...)
	sortMembers(ms)
	return value.NewObject(ms), enc.tooLarge, nil
}

// failure names a call's error: the service's as the AWS SDK for Java 1.x
// does, a *resource.Failure or ctx's error as it is.
func (o *jobOp) failure(err error) error {
	var f *callFailure
	if errors.As(err, &f) {
		return v1Failure(o.v1, f.err)
	}
	return err
}

// await polls the job until it ends or ctx is done; then it stops the job.
func (o *jobOp) await(ctx context.Context, inv *Invoker, req *resource.Request, t resource.Target, params, started *value.Object) (value.Value, error) {
	describe, stop, ok := o.job.ids(params, started)
	if !ok {
		return nil, resource.Fail(resource.ErrorTaskFailed, value.String(started))
	}
	tick := time.NewTicker(inv.pollInterval())
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			o.stopJob(ctx, inv, req, stop)
			return nil, ctx.Err()
		case <-tick.C:
		}
		job, status, err := o.poll(ctx, inv, req, describe)
		switch {
		case err != nil && ctx.Err() != nil:
			o.stopJob(ctx, inv, req, stop)
			return nil, ctx.Err()
		case err != nil:
			return nil, err
		case status == jobRunning:
			continue
		}
		return o.finish(inv, t, job, status)
	}
}

// poll describes the job once.
func (o *jobOp) poll(ctx context.Context, inv *Invoker, req *resource.Request, describe call) (*value.Object, jobStatus, error) {
	out, err := inv.call(ctx, req, services[o.service], describe.action, describe.params)
	if err != nil {
		return nil, jobRunning, o.failure(err)
	}
	enc := encoder{maps: hashMaps, millis: true, maxBody: -1}
	desc := enc.encodeOutput(out)
	job := o.job.find(desc)
	if job == nil {
		return nil, jobRunning, resource.Fail(resource.ErrorTaskFailed, value.String(desc))
	}
	return job, o.job.status(job), nil
}

// finish returns an ended job's result, or its failure.
func (o *jobOp) finish(inv *Invoker, t resource.Target, job *value.Object, status jobStatus) (value.Value, error) {
	result := job
	if o.job.wrap != "" {
		result = value.NewObject([]value.Member{{Key: o.job.wrap, Value: job}})
	}
	if status == jobFailed {
		return nil, resource.Fail(resource.ErrorTaskFailed, value.String(result))
	}
	if inv.tooLarge(result) {
		return nil, dataLimitFailure(t.ResourceType)
	}
	return result, nil
}

// stopJob calls the stop action, best effort, on a context of its own,
// when the workflow no longer wants the task (not when the runtime stops:
// the job is followed again after the restart).
func (o *jobOp) stopJob(ctx context.Context, inv *Invoker, req *resource.Request, stop call) {
	if stop.action == "" || !errors.Is(context.Cause(ctx), resource.ErrTaskCancelled) {
		return
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), stopTimeout)
	defer cancel()
	_, _ = inv.call(sctx, req, services[o.service], stop.action, stop.params)
}

// pollInterval is Options.PollInterval, or DefaultPollInterval.
func (inv *Invoker) pollInterval() time.Duration {
	if inv.opts.PollInterval > 0 {
		return inv.opts.PollInterval
	}
	return DefaultPollInterval
}

// member returns obj's member, nil when obj is nil or has none.
func member(obj *value.Object, key string) value.Value {
	if obj == nil {
		return nil
	}
	v, _ := obj.Get(key)
	return v
}

// object returns obj's member when it is an object.
func object(obj *value.Object, key string) *value.Object {
	o, _ := member(obj, key).(*value.Object)
	return o
}

// text returns obj's member when it is a string.
func text(obj *value.Object, key string) string {
	s, _ := member(obj, key).(string)
	return s
}

// first returns the first element of obj's member when it is a list of
// objects.
func first(obj *value.Object, key string) *value.Object {
	list, _ := member(obj, key).([]value.Value)
	if len(list) == 0 {
		return nil
	}
	o, _ := list[0].(*value.Object)
	return o
}

// pairs builds an object from keys and values, in turn.
func pairs(kv ...value.Value) *value.Object {
	ms := make([]value.Member, 0, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		k, _ := kv[i].(string)
		ms = append(ms, value.Member{Key: k, Value: kv[i+1]})
	}
	return value.NewObject(ms)
}
