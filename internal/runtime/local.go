// Package runtime drives executions: it feeds the engine's inputs, carries
// out its commands (task invocations, timers) and keeps what it returns.
package runtime

import (
	"context"
	"errors"
	"time"

	"github.com/stepwisehq/stepwise/engine"
	"github.com/stepwisehq/stepwise/history"
	"github.com/stepwisehq/stepwise/internal/mock"
	"github.com/stepwisehq/stepwise/internal/resource"
	"github.com/stepwisehq/stepwise/value"
)

// Clock tells the time. Tests and `stepwise run --time-scale` use a clock
// that skips idle waits.
type Clock interface {
	Now() time.Time
}

// Local runs one execution in memory, to its end.
type Local struct {
	Invoker resource.Invoker
	IDs     engine.IDs
	// TimeScale multiplies the real time spent waiting for timers (Wait
	// states, retry intervals, timeouts) while no task is running: 1 waits
	// as AWS does, 0 skips waits entirely.
	TimeScale float64
	// KeepHistory collects the history events.
	KeepHistory bool
	Region      string
	Account     string
	// Mocks, when set, answers the tasks it mocks.
	Mocks *mock.Session
}

// Outcome is a finished local execution.
type Outcome struct {
	Execution *engine.Execution
	Events    []history.Event
	StopTime  time.Time
}

// taskResult is a finished task invocation.
type taskResult struct {
	op  engine.OpID
	out value.Value
	err error
}

// Run starts an execution of prog and drives it until it ends or ctx is done.
func (l *Local) Run(ctx context.Context, prog *engine.Program, meta engine.Meta, input value.Value) (*Outcome, error) {
	clock := newSkipClock(meta.StartTime)
	meta.StartTime = clock.Now()
	x, evs, cmds := prog.Start(meta, input, l.IDs, meta.StartTime)
	return l.drive(ctx, x, evs, cmds, clock)
}

// Drive runs an execution that was started elsewhere (a TestState run)
// from its first commands to its end.
func (l *Local) Drive(ctx context.Context, x *engine.Execution, cmds []engine.Command) (*Outcome, error) {
	return l.drive(ctx, x, nil, cmds, newSkipClock(x.Meta.StartTime))
}

func (l *Local) drive(ctx context.Context, x *engine.Execution, evs []history.Event, cmds []engine.Command, clock *skipClock) (*Outcome, error) {
	d := &driver{l: l, ctx: ctx, results: make(chan taskResult, 16), timers: map[engine.OpID]time.Time{}, clock: clock, x: x}
	d.record(evs)
	d.dispatch(cmds)
	for !x.Done() {
		in, err := d.next()
		if errors.Is(err, errStuck) {
			break // AWS leaves such an execution RUNNING forever
		}
		if err != nil {
			return nil, err
		}
		evs, cmds := x.Apply(in, d.clock.Now())
		d.record(evs)
		d.dispatch(cmds)
	}
	return &Outcome{Execution: x, Events: d.events, StopTime: d.clock.Now()}, nil
}

type driver struct {
	l       *Local
	ctx     context.Context
	x       *engine.Execution
	clock   *skipClock
	events  []history.Event
	results chan taskResult
	running int
	timers  map[engine.OpID]time.Time
	cancels map[engine.OpID]context.CancelFunc
}

func (d *driver) record(evs []history.Event) {
	if d.l.KeepHistory {
		d.events = append(d.events, evs...)
	}
}

func (d *driver) dispatch(cmds []engine.Command) {
	for _, c := range cmds {
		switch c.Kind {
		case engine.StartTimer:
			d.timers[c.Op] = c.At
		case engine.CancelOp:
			delete(d.timers, c.Op)
			if cancel := d.cancels[c.Op]; cancel != nil {
				cancel()
				delete(d.cancels, c.Op)
			}
		case engine.InvokeTask:
			d.invoke(c)
		}
	}
}

func (d *driver) invoke(c engine.Command) {
	if d.l.Mocks != nil {
		if out, fail, ok := d.l.Mocks.Next(c.Task.StateName); ok {
			if d.cancels == nil {
				d.cancels = map[engine.OpID]context.CancelFunc{}
			}
			d.cancels[c.Op] = func() {}
			d.running++
			var err error
			if fail != nil {
				err = fail
			}
			go func() { d.results <- taskResult{op: c.Op, out: out, err: err} }()
			return
		}
	}
	ctx, cancel := context.WithCancel(d.ctx)
	if d.cancels == nil {
		d.cancels = map[engine.OpID]context.CancelFunc{}
	}
	d.cancels[c.Op] = cancel
	d.running++
	req := &resource.Request{
		Resource: c.Task.Resource, Input: c.Task.Input, TaskToken: c.Task.TaskToken,
		Region: d.l.Region, Account: d.l.Account,
		Timeout: time.Duration(c.Task.TimeoutSeconds) * time.Second,
	}
	go func() {
		out, err := d.l.Invoker.Invoke(ctx, req)
		d.results <- taskResult{op: c.Op, out: out, err: err}
	}()
}

// errStuck reports an execution that waits for nothing and can never end.
var errStuck = errors.New("runtime: execution is waiting for nothing")

// next waits for the next input: a task result or the earliest timer.
func (d *driver) next() (engine.Input, error) {
	for {
		op, at, ok := d.earliest()
		if !ok && d.running == 0 {
			return engine.Input{}, errStuck
		}
		in, done, err := d.waitOnce(op, at, ok)
		if done || err != nil {
			return in, err
		}
	}
}

// waitOnce waits for a task result or the timer op due at at (when
// hasTimer); done is false when what arrived was a cancelled task's result.
func (d *driver) waitOnce(op engine.OpID, at time.Time, hasTimer bool) (engine.Input, bool, error) {
	var wait <-chan time.Time
	if hasTimer {
		delay := at.Sub(d.clock.Now())
		if d.running == 0 {
			delay = d.clock.skip(delay, d.l.TimeScale)
		}
		t := time.NewTimer(max(delay, 0))
		defer t.Stop()
		wait = t.C
	}
	select {
	case r := <-d.results:
		d.running--
		if _, live := d.cancels[r.op]; !live {
			return engine.Input{}, false, nil // cancelled
		}
		delete(d.cancels, r.op)
		return taskInput(r), true, nil
	case <-wait:
		if d.clock.Now().Before(at) {
			d.clock.advanceTo(at)
		}
		delete(d.timers, op)
		return engine.Input{Kind: engine.TimerFired, Op: op}, true, nil
	case <-d.ctx.Done():
		return engine.Input{}, true, d.ctx.Err()
	}
}

func (d *driver) earliest() (engine.OpID, time.Time, bool) {
	var best engine.OpID
	var at time.Time
	for op, t := range d.timers {
		if best == 0 || t.Before(at) || t.Equal(at) && op < best {
			best, at = op, t
		}
	}
	return best, at, best != 0
}

func taskInput(r taskResult) engine.Input {
	if r.err == nil {
		return engine.Input{Kind: engine.TaskSucceeded, Op: r.op, Output: r.out}
	}
	var f *resource.Failure
	if errors.As(r.err, &f) {
		return engine.Input{Kind: engine.TaskFailed, Op: r.op, Error: f.Name, Cause: f.Cause}
	}
	return engine.Input{Kind: engine.TaskFailed, Op: r.op, Error: resource.ErrorTaskFailed, Cause: r.err.Error()}
}

// skipClock is real time plus the idle waits it has skipped.
type skipClock struct {
	start   time.Time
	real    time.Time
	skipped time.Duration
}

func newSkipClock(start time.Time) *skipClock {
	now := time.Now()
	if start.IsZero() {
		start = now
	}
	return &skipClock{start: start, real: now}
}

func (c *skipClock) Now() time.Time {
	return c.start.Add(time.Since(c.real) + c.skipped)
}

// skip accounts for an idle wait of d at the given scale and returns the
// real time to wait.
func (c *skipClock) skip(d time.Duration, scale float64) time.Duration {
	if d <= 0 || scale >= 1 {
		return d
	}
	realWait := time.Duration(float64(d) * scale)
	c.skipped += d - realWait
	return realWait
}

func (c *skipClock) advanceTo(t time.Time) {
	if gap := t.Sub(c.Now()); gap > 0 {
		c.skipped += gap
	}
}
