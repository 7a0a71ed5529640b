package runtime

import (
	"context"
	"errors"
	"time"

	"github.com/stepwisehq/stepwise/engine"
	"github.com/stepwisehq/stepwise/internal/resource"
	"github.com/stepwisehq/stepwise/value"
)

// dispatch carries out committed commands. The caller holds l.mu.
func (d *Durable) dispatch(l *live, cmds []engine.Command) {
	for _, c := range cmds {
		switch c.Kind {
		case engine.StartTimer:
			d.timers.add(l.arn, c.Op, d.scaled(c.At))
		case engine.CancelOp:
			d.timers.remove(l.arn, c.Op)
			if cancel := l.running[c.Op]; cancel != nil {
				cancel(resource.ErrTaskCancelled)
				delete(l.running, c.Op)
			}
		case engine.InvokeTask:
			d.invoke(l, c)
		}
	}
}

// scaled returns when a timer due at at should fire in real time.
func (d *Durable) scaled(at time.Time) time.Time {
	if d.cfg.TimeScale >= 1 {
		return at
	}
	now := d.cfg.Now()
	wait := at.Sub(now)
	if wait <= 0 {
		return now
	}
	return now.Add(time.Duration(float64(wait) * d.cfg.TimeScale))
}

func (d *Durable) invoke(l *live, c engine.Command) {
	target, err := resource.ParseTarget(c.Task.Resource)
	if err == nil && target.Activity {
		d.Activity.Notify(c.Task.Resource)
		return // the token is stored; a worker takes the task with GetActivityTask
	}
	if l.mocks != nil {
		if out, fail, ok := l.mocks.Next(c.Task.StateName); ok {
			d.deliverMock(l.arn, c.Op, out, fail)
			return
		}
	}
	callback := err == nil && target.Pattern == resource.WaitForTaskToken
	if callback && c.Task.Submitted != nil {
		return // submitted before a restart: the answer comes with SendTask*
	}
	ctx, cancel := context.WithCancelCause(d.ctx)
	l.running[c.Op] = cancel
	req := &resource.Request{
		Resource: c.Task.Resource, Input: c.Task.Input, TaskToken: c.Task.TaskToken,
		Region: d.cfg.Options.Region, Account: d.cfg.Options.Account,
		Timeout: time.Duration(c.Task.TimeoutSeconds) * time.Second, ExecutionArn: l.arn,
	}
	arn, op := l.arn, c.Op
	switch {
	case err != nil || (target.Pattern != resource.Sync && target.Pattern != resource.Sync2):
	case c.Task.Submitted != nil: // submitted before a restart: follow that job
		req.Resumed = c.Task.Submitted
	default:
		req.Submitted = func(out value.Value) {
			_ = d.Input(ctx, arn, engine.Input{Kind: engine.TaskSubmitted, Op: op, Output: out})
		}
	}
	d.wg.Add(1)
	go func() {
		defer d.wg.Done()
		defer cancel(nil)
		out, err := d.cfg.Invoker.Invoke(ctx, req)
		if ctx.Err() != nil {
			return // cancelled, or the runtime is stopping: the task is re-run on resume
		}
		in := resultInput(op, out, err, callback)
		if ierr := d.Input(d.ctx, arn, in); ierr != nil && !errors.Is(ierr, ErrNotRunning) {
			d.cfg.Logger.Error("cannot record a task result", "arn", arn, "err", ierr)
		}
	}()
}

// resultInput turns an invocation's outcome into an engine input. For a
// callback task the invocation's success only means the request was
// submitted; the result comes with SendTaskSuccess.
func resultInput(op engine.OpID, out value.Value, err error, callback bool) engine.Input {
	if err == nil {
		if callback {
			return engine.Input{Kind: engine.TaskSubmitted, Op: op, Output: out}
		}
		return engine.Input{Kind: engine.TaskSucceeded, Op: op, Output: out}
	}
	return taskInput(taskResult{op: op, err: err})
}

// fire delivers a due timer.
func (d *Durable) fire(arn string, op engine.OpID) {
	if err := d.Input(d.ctx, arn, engine.Input{Kind: engine.TimerFired, Op: op}); err != nil && !errors.Is(err, ErrNotRunning) {
		d.cfg.Logger.Error("cannot fire a timer", "arn", arn, "err", err)
	}
}

// TokenInput applies a SendTask* call for a task token of a running
// execution. It reports false when the token is not one of a live
// execution here; under a lease, an execution another node drives gets
// the input through that node's inbox.
func (d *Durable) TokenInput(ctx context.Context, arn, token string, in engine.Input) (bool, error) {
	l := d.lookup(arn)
	if l == nil && d.cl != nil {
		return d.post(ctx, arn, inboxOf(token, in))
	}
	if l == nil {
		l = d.load(ctx, arn)
	}
	if l == nil {
		return false, nil
	}
	l.mu.Lock()
	op, ok := l.tokens[token]
	l.mu.Unlock()
	if !ok {
		return false, nil
	}
	in.Op = op
	return true, d.Input(ctx, arn, in)
}

// deliverMock answers a task with its mocked response, after the step that
// scheduled it is committed.
func (d *Durable) deliverMock(arn string, op engine.OpID, out value.Value, fail *resource.Failure) {
	in := engine.Input{Kind: engine.TaskSucceeded, Op: op, Output: out}
	if fail != nil {
		in = engine.Input{Kind: engine.TaskFailed, Op: op, Error: fail.Name, Cause: fail.Cause}
	}
	d.wg.Add(1)
	go func() {
		defer d.wg.Done()
		if err := d.Input(d.ctx, arn, in); err != nil && !errors.Is(err, ErrNotRunning) {
			d.cfg.Logger.Error("cannot record a mocked result", "arn", arn, "err", err)
		}
	}()
}
