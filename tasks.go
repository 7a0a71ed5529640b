package stepwise

import (
	"context"
	"errors"
	"time"

	"github.com/stepwisehq/stepwise/engine"
	"github.com/stepwisehq/stepwise/internal/runtime"
	"github.com/stepwisehq/stepwise/store"
	"github.com/stepwisehq/stepwise/value"
)

// StopExecution stops a running execution: it ends ABORTED with the given
// error and cause. Stopping an execution that has ended changes nothing.
func (c *Client) StopExecution(ctx context.Context, in *StopExecutionInput) (*StopExecutionOutput, error) {
	ex, err := c.getExecution(ctx, in.ExecutionArn)
	if err != nil {
		return nil, err
	}
	if ex.Status != store.StatusRunning {
		return &StopExecutionOutput{StopDate: NewTime(ex.Stopped)}, nil
	}
	stop := engine.Input{Kind: engine.Stop}
	if in.Error != nil {
		stop.Error = *in.Error
	}
	if in.Cause != nil {
		stop.Cause = *in.Cause
	}
	ended := c.sw.rt.durable.Ended.Wait(ex.Arn)
	if ex.MapRunArn != "" { // a distributed Map's child: its Map aborts it
		err = c.sw.rt.durable.StopChild(ctx, ex.Arn, stop.Error, stop.Cause)
	} else {
		err = c.sw.rt.durable.Send(ctx, ex.Arn, stop)
	}
	if err != nil && !errors.Is(err, runtime.ErrNotRunning) {
		return nil, c.internal("StopExecution", err)
	}
	stopped := func() (time.Time, bool) {
		got, err := c.sw.store.ExecutionGet(ctx, ex.Arn)
		if err != nil {
			return time.Time{}, false
		}
		return got.Stopped, !got.Stopped.IsZero()
	}
	at, ok := stopped()
	if !ok {
		select { // another node stops it, through its inbox
		case <-ended:
		case <-time.After(stopWait):
		case <-ctx.Done():
		}
		if at, ok = stopped(); !ok {
			at = c.now()
		}
	}
	return &StopExecutionOutput{StopDate: NewTime(at)}, nil
}

// stopWait bounds how long StopExecution waits for the node that drives
// an execution to stop it.
const stopWait = 5 * time.Second

// taskToken resolves a task token to its running execution.
func (c *Client) taskToken(ctx context.Context, token string) (*store.TaskToken, error) {
	if token == "" || len(token) > 1024 {
		return nil, errorf(CodeInvalidToken, "Invalid Token: '%s'", token)
	}
	tt, err := c.sw.store.TaskTokenGet(ctx, token)
	if errors.Is(err, store.ErrNotFound) {
		return nil, errorf(CodeTaskDoesNotExist, "Task Does Not Exist: '%s'", token)
	}
	if err != nil {
		return nil, c.internal("taskToken", err)
	}
	return tt, nil
}

// sendToken delivers a SendTask* call to the task's execution.
func (c *Client) sendToken(ctx context.Context, token string, in engine.Input) error {
	tt, err := c.taskToken(ctx, token)
	if err != nil {
		return err
	}
	ok, err := c.sw.rt.durable.TokenInput(ctx, tt.ExecutionArn, token, in)
	if err != nil && !errors.Is(err, runtime.ErrNotRunning) {
		return c.internal("sendToken", err)
	}
	if !ok || errors.Is(err, runtime.ErrNotRunning) {
		return errorf(CodeTaskTimedOut, "Task Timed Out: '%s'", token)
	}
	return nil
}

// SendTaskSuccess completes a callback or activity task with its output.
func (c *Client) SendTaskSuccess(ctx context.Context, in *SendTaskSuccessInput) (*SendTaskSuccessOutput, error) {
	out, err := value.ParseString(in.Output)
	if err != nil {
		return nil, errorf(CodeInvalidOutput, "Invalid Output: '%s'", jsonProblem(in.Output, err))
	}
	if len(in.Output) > c.sw.cfg.Limits.MaxPayloadBytes {
		return nil, errorf(CodeInvalidOutput, "Invalid Output: 'The output exceeds the maximum size of %d bytes.'", c.sw.cfg.Limits.MaxPayloadBytes)
	}
	if err := c.sendToken(ctx, in.TaskToken, engine.Input{Kind: engine.TaskSucceeded, Output: out}); err != nil {
		return nil, err
	}
	return &SendTaskSuccessOutput{}, nil
}

// SendTaskFailure fails a callback or activity task.
func (c *Client) SendTaskFailure(ctx context.Context, in *SendTaskFailureInput) (*SendTaskFailureOutput, error) {
	fail := engine.Input{Kind: engine.TaskFailed}
	if in.Error != nil {
		fail.Error = *in.Error
	}
	if in.Cause != nil {
		fail.Cause = *in.Cause
	}
	if err := c.sendToken(ctx, in.TaskToken, fail); err != nil {
		return nil, err
	}
	return &SendTaskFailureOutput{}, nil
}

// SendTaskHeartbeat reports that a callback or activity task is alive.
func (c *Client) SendTaskHeartbeat(ctx context.Context, in *SendTaskHeartbeatInput) (*SendTaskHeartbeatOutput, error) {
	if err := c.sendToken(ctx, in.TaskToken, engine.Input{Kind: engine.TaskHeartbeat}); err != nil {
		return nil, err
	}
	return &SendTaskHeartbeatOutput{}, nil
}

// activityPoll is how long GetActivityTask waits for a task, as AWS does;
// it looks at the queue again every activityRecheck.
const (
	activityPoll    = 60 * time.Second
	activityRecheck = time.Second
)

// GetActivityTask waits up to a minute for a task of an activity.
func (c *Client) GetActivityTask(ctx context.Context, in *GetActivityTaskInput) (*GetActivityTaskOutput, error) {
	if _, err := parseActivityARN(in.ActivityArn); err != nil {
		return nil, err
	}
	if _, err := c.sw.store.ActivityGet(ctx, in.ActivityArn); errors.Is(err, store.ErrNotFound) {
		return nil, errorf(CodeActivityDoesNotExist, "Activity Does Not Exist: '%s'", in.ActivityArn)
	}
	deadline := time.NewTimer(activityPoll)
	defer deadline.Stop()
	for {
		wake := c.sw.rt.durable.Activity.Wait(in.ActivityArn)
		tt, err := c.sw.store.ActivityTaskClaim(ctx, in.ActivityArn, in.WorkerName, c.now())
		if err == nil {
			started := engine.Input{Kind: engine.ActivityStarted, Worker: in.WorkerName}
			if _, err := c.sw.rt.durable.TokenInput(ctx, tt.ExecutionArn, tt.Token, started); err != nil {
				c.sw.cfg.Logger.Warn("cannot record ActivityStarted", "arn", tt.ExecutionArn, "err", err)
			}
			return &GetActivityTaskOutput{TaskToken: tt.Token, Input: tt.Input}, nil
		}
		if !errors.Is(err, store.ErrNotFound) {
			return nil, c.internal("GetActivityTask", err)
		}
		select {
		case <-wake:
		case <-time.After(activityRecheck): // a signal from another node may be lost
		case <-deadline.C:
			return &GetActivityTaskOutput{}, nil
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// redriveWindow is how long after it ended an execution may be redriven.
const redriveWindow = 14 * 24 * time.Hour

// RedriveExecution restarts a FAILED, TIMED_OUT or ABORTED STANDARD
// execution from the state where it stopped.
func (c *Client) RedriveExecution(ctx context.Context, in *RedriveExecutionInput) (*RedriveExecutionOutput, error) {
	ex, err := c.getExecution(ctx, in.ExecutionArn)
	if err != nil {
		return nil, err
	}
	switch status, reason := redriveStatus(ex); status {
	case ExecutionRedriveStatusRedrivableByMapRun:
		return nil, errorf(CodeExecutionNotRedrivable,
			"Execution is a child workflow execution of a Map Run: redrive its parent execution to redrive it")
	case ExecutionRedriveStatusNotRedrivable:
		return nil, errorf(CodeExecutionNotRedrivable, "%s", reason)
	}
	if c.now().Sub(ex.Stopped) > redriveWindow {
		return nil, errorf(CodeExecutionNotRedrivable, "Execution can not be redriven after 14 days")
	}
	if len(ex.Snapshot) == 0 {
		return nil, errorf(CodeExecutionNotRedrivable, "Execution cannot be redriven: its state was not kept")
	}
	if err := c.sw.rt.durable.Redrive(ctx, ex); err != nil {
		if errors.Is(err, store.ErrConflict) {
			return nil, errorf(CodeExecutionNotRedrivable, "Execution is RUNNING and cannot be redriven")
		}
		return nil, c.internal("RedriveExecution", err)
	}
	return &RedriveExecutionOutput{RedriveDate: NewTime(c.now())}, nil
}
