package engine

import (
	"strings"
	"time"

	"github.com/stepwisehq/stepwise/asl"
	"github.com/stepwisehq/stepwise/history"
	"github.com/stepwisehq/stepwise/value"
)

// resourceKind is how history names a Task's resource.
type resourceKind struct {
	legacyLambda bool // arn:aws:lambda:...:function:NAME
	activity     bool // arn:aws:states:...:activity:NAME
	typ, name    string
	callback     bool // .waitForTaskToken
	sync         bool // .sync or .sync:2 (Run a Job)
}

func classify(resource string) resourceKind {
	parts := strings.SplitN(resource, ":", 7)
	if len(parts) >= 6 && parts[2] == "lambda" && parts[5] == "function" {
		return resourceKind{legacyLambda: true}
	}
	if len(parts) >= 6 && parts[2] == "states" && parts[5] == "activity" {
		return resourceKind{activity: true}
	}
	if len(parts) >= 6 && parts[2] == "states" && parts[3] == "" && parts[4] == "" {
		rest := strings.Join(parts[5:], ":")
		// ".sync:2" is part of the name: states:startExecution.sync:2 is
		// of type "states", named "startExecution.sync:2".
		base := strings.TrimSuffix(rest, ".sync:2")
		if base != rest {
			base += ".sync"
		}
		i := strings.LastIndex(base, ":")
		k := resourceKind{typ: rest, name: rest}
		if i >= 0 {
			k.typ, k.name = rest[:i], rest[i+1:]
		}
		k.callback = strings.HasSuffix(k.name, ".waitForTaskToken")
		k.sync = strings.HasSuffix(k.name, ".sync") || strings.HasSuffix(k.name, ".sync:2")
		return k
	}
	return resourceKind{typ: "unknown", name: resource}
}

// taskRun is the state of the current Task attempt.
type taskRun struct {
	kind      resourceKind
	resource  string
	op        OpID
	heartbeat int64
	hbOp      OpID
	call      *TaskCall
}

func (f *frame) task(s *asl.Task) {
	resource, ok := f.taskResource(s)
	if !ok {
		return
	}
	kind := classify(resource)
	if kind.callback || kind.activity || kind.sync {
		f.token = f.x.ids.NewID()
	}
	args, timeout, heartbeat, err := f.taskArguments(s)
	if err != nil {
		f.evalFailed(err)
		return
	}
	run := &taskRun{kind: kind, resource: resource, heartbeat: heartbeat}
	if m := f.mocked(); m != nil {
		f.mockTask(run, m)
		return
	}
	if exists := f.x.prog.opts.ActivityExists; kind.activity && exists != nil && !exists(resource) {
		f.evalFailed(runtimeError("The activity %s does not exist.", resource))
		return
	}
	f.scheduleTask(s, run, args, timeout)
}

// taskArguments evaluates the effective input and the timeouts.
func (f *frame) taskArguments(s *asl.Task) (args value.Value, timeout, heartbeat int64, err error) {
	if f.jsonata() {
		return f.taskArgumentsJSONata(s)
	}
	if args, err = f.effectiveInput(); err != nil {
		return nil, 0, 0, err
	}
	if timeout, err = f.secondsField(s.TimeoutSeconds, s.TimeoutSecondsPath, "TimeoutSecondsPath"); err != nil {
		return nil, 0, 0, err
	}
	heartbeat, err = f.secondsField(s.HeartbeatSeconds, s.HeartbeatSecondsPath, "HeartbeatSecondsPath")
	return args, timeout, heartbeat, err
}

func (f *frame) secondsField(n int64, p pathSelector, field string) (int64, error) {
	if p == nil {
		return n, nil
	}
	v, err := p.Select(f.env(f.input))
	if err != nil {
		return 0, err
	}
	num, ok := v.(value.Number)
	i, isInt := num.Int64()
	if !ok || !isInt || i <= 0 {
		return 0, runtimeError("The %s parameter must reference a positive integer: %s == %s", field, p, value.String(v))
	}
	return i, nil
}

func (f *frame) scheduleTask(s *asl.Task, run *taskRun, args value.Value, timeout int64) {
	region := f.x.prog.opts.Region
	if run.kind.legacyLambda {
		if e := f.emit(history.LambdaFunctionScheduled); e != nil {
			e.Resource, e.Input, e.HasInput = run.resource, args, true
			e.TimeoutSeconds = timeout
		}
		f.emit(history.LambdaFunctionStarted)
	} else if run.kind.activity {
		if e := f.emit(history.ActivityScheduled); e != nil {
			e.Resource, e.Input, e.HasInput = run.resource, args, true
			e.TimeoutSeconds, e.HeartbeatSeconds = timeout, run.heartbeat
		}
	} else {
		if e := f.emit(history.TaskScheduled); e != nil {
			e.ResourceType, e.Resource, e.Region = run.kind.typ, run.kind.name, region
			e.Parameters, e.TimeoutSeconds, e.HeartbeatSeconds = args, timeout, run.heartbeat
			e.Credentials = s.Credentials
		}
		if e := f.emit(history.TaskStarted); e != nil {
			e.ResourceType, e.Resource = run.kind.typ, run.kind.name
		}
	}
	f.phase = phBlocked
	f.run = run
	run.op = f.x.newOp(opRef{f: f, kind: opTask})
	run.call = &TaskCall{
		Resource: run.resource, Input: args, TaskToken: f.token, StateName: f.base().Name,
		TimeoutSeconds: timeout, HeartbeatSeconds: run.heartbeat, Credentials: s.Credentials,
	}
	f.x.command(Command{Kind: InvokeTask, Op: run.op, Task: run.call})
	if timeout > 0 {
		f.timer(opTaskTimeout, time.Duration(timeout)*time.Second)
	}
	// Heartbeats come only from callback and activity workers.
	if run.heartbeat > 0 && (run.kind.callback || run.kind.activity) {
		run.hbOp = f.timer(opHeartbeat, time.Duration(run.heartbeat)*time.Second)
	}
}

// mockTask ends a tested task with its mock instead of running it.
func (f *frame) mockTask(run *taskRun, m *TestMock) {
	f.run = run
	if m.IsError {
		f.taskEnded(history.TaskFailed, newFailure(m.Error, m.Cause), nil)
		return
	}
	f.taskEnded(history.TaskSucceeded, nil, m.Result)
}

func (f *frame) timer(kind opKind, d time.Duration) OpID {
	return f.x.startTimer(f, kind, f.x.now.Add(d))
}

// taskInput handles an input for the running task.
func (f *frame) taskInput(kind opKind, in Input) {
	run := f.run
	if run == nil {
		return
	}
	switch {
	case kind == opTaskTimeout:
		f.taskEnded(history.TaskTimedOut, newFailure(asl.ErrTimeout, ""), nil)
	case kind == opHeartbeat:
		// AWS names a missed heartbeat States.Timeout in its events (not
		// States.HeartbeatTimeout, which its documentation lists).
		f.taskEnded(history.TaskTimedOut, newFailure(asl.ErrTimeout, ""), nil)
	case in.Kind == TaskHeartbeat:
		f.heartbeat(run)
	case in.Kind == TaskSubmitted:
		f.submitted(run, in.Output)
	case in.Kind == ActivityStarted:
		if e := f.emit(history.ActivityStarted); e != nil {
			e.Worker = in.Worker
		}
	case in.Kind == TaskSucceeded:
		f.taskEnded(history.TaskSucceeded, nil, in.Output)
	case in.Kind == TaskFailed:
		f.taskEnded(history.TaskFailed, newFailure(in.Error, in.Cause), nil)
	}
}

func (f *frame) heartbeat(run *taskRun) {
	if run.hbOp == 0 {
		return
	}
	delete(f.x.ops, run.hbOp)
	f.x.command(Command{Kind: CancelOp, Op: run.hbOp})
	run.hbOp = f.timer(opHeartbeat, time.Duration(run.heartbeat)*time.Second)
}

func (f *frame) submitted(run *taskRun, out value.Value) {
	run.call.Submitted = out
	if e := f.emit(history.TaskSubmitted); e != nil {
		e.ResourceType, e.Resource = run.kind.typ, run.kind.name
		e.Output, e.HasOutput = out, true
	}
}

// taskEnded records the task's outcome and continues the state.
func (f *frame) taskEnded(t history.Type, fl *Failure, out value.Value) {
	run := f.run
	f.run = nil
	f.x.cancelOps(f)
	f.token = ""
	f.recordTaskEnd(run, t, fl, out)
	if fl == nil {
		f.x.test.record("result", out)
	}
	if fl != nil {
		f.raise(fl)
		return
	}
	if f.jsonata() {
		f.taskResultJSONata(out)
		return
	}
	f.finishJSONPath(out, true)
}

func (f *frame) recordTaskEnd(run *taskRun, t history.Type, fl *Failure, out value.Value) {
	switch {
	case run.kind.legacyLambda:
		t = lambdaEvent[t]
	case run.kind.activity:
		t = activityEvent[t]
	}
	e := f.emit(t)
	if e == nil {
		return
	}
	if !run.kind.legacyLambda && !run.kind.activity {
		e.ResourceType, e.Resource = run.kind.typ, run.kind.name
	}
	if fl != nil {
		e.Error, e.HasError = fl.Error, fl.HasError
		e.Cause, e.HasCause = fl.Cause, fl.Cause != ""
		return
	}
	e.Output, e.HasOutput = out, true
}

var lambdaEvent = map[history.Type]history.Type{
	history.TaskSucceeded: history.LambdaFunctionSucceeded,
	history.TaskFailed:    history.LambdaFunctionFailed,
	history.TaskTimedOut:  history.LambdaFunctionTimedOut,
}

var activityEvent = map[history.Type]history.Type{
	history.TaskSucceeded: history.ActivitySucceeded,
	history.TaskFailed:    history.ActivityFailed,
	history.TaskTimedOut:  history.ActivityTimedOut,
}
