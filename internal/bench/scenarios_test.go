package bench

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// testRunner is a runner for a test, cleaned up at its end.
func testRunner(t *testing.T, opts Options) *runner {
	t.Helper()
	if opts.Data == "" {
		opts.Data = t.TempDir()
	}
	r := &runner{opts: opts.withDefaults(), name: t.Name()}
	t.Cleanup(r.close)
	return r
}

func TestStartSyncReportsAFailedExecution(t *testing.T) {
	t.Parallel()
	tg := localTarget(t, 1)
	def := `{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Bench.Nope","Cause":"express failure"}}}`
	arn, err := tg.createMachine(t.Context(), "express-fail", def, "EXPRESS")
	if err != nil {
		t.Fatal(err)
	}
	err = startSync(t.Context(), tg.c, mustJSON(startIn{StateMachineArn: arn, Input: `{}`}))
	if err == nil || !strings.Contains(err.Error(), "FAILED: Bench.Nope: express failure") {
		t.Errorf("error = %v", err)
	}
	std, err := tg.createMachine(t.Context(), "standard", passChain(2), "STANDARD")
	if err != nil {
		t.Fatal(err)
	}
	err = startSync(t.Context(), tg.c, mustJSON(startIn{StateMachineArn: std, Input: `{}`}))
	if !IsAPIError(err, "StateMachineTypeNotSupported") {
		t.Errorf("StartSyncExecution of a STANDARD machine: %v", err)
	}
}

func TestSyncLoadFailsWhenTheWarmUpFails(t *testing.T) {
	t.Parallel()
	tg := localTarget(t, 1)
	r := testRunner(t, Options{Clients: 2, Count: 4})
	body := mustJSON(startIn{StateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:missing", Input: `{}`})
	_, err := r.syncLoad(t.Context(), tg.c, true, body)
	if err == nil || !strings.Contains(err.Error(), "warm-up") || !strings.Contains(err.Error(), "StateMachineDoesNotExist") {
		t.Errorf("error = %v", err)
	}
}

func TestRunDurableReadsTheHistories(t *testing.T) {
	t.Parallel()
	tg := localTarget(t, 0.01)
	r := testRunner(t, Options{Clients: 3, Count: 9})
	machine, err := tg.createMachine(t.Context(), "durable", waitMachine(1), "STANDARD")
	if err != nil {
		t.Fatal(err)
	}
	p := &durable{t: tg, machine: machine, body: mustJSON(startIn{StateMachineArn: machine, Input: `{}`}), spans: []span{
		{name: "wait", from: "WaitStateEntered", to: "WaitStateExited", minus: 10 * time.Millisecond},
		{name: "never", from: "MapStateEntered", to: "MapStateExited"},
	}}
	res, err := r.runDurable(t.Context(), p)
	if err != nil {
		t.Fatal(err)
	}
	if res.Ops != 9 || res.Unit != "execution" || res.AllocsPerOp <= 0 || res.Latency == nil {
		t.Errorf("result %+v", res)
	}
	if f, _ := res.Figure("state transitions per execution"); f.Value != 3 {
		t.Errorf("transitions per execution %v, want 3", f.Value)
	}
	if f, ok := res.Figure("wait p50"); !ok || f.Value < -1 {
		t.Errorf("wait lateness %+v: the timer fired before its time", f)
	}
	if _, ok := res.Figure("never p50"); ok {
		t.Error("a span whose events are not in the history")
	}
	if res.headline <= 0 {
		t.Error("no headline rate")
	}
}

func TestRunDurableReportsFailedExecutions(t *testing.T) {
	t.Parallel()
	tg := localTarget(t, 1)
	r := testRunner(t, Options{Clients: 2, Count: 2})
	def := `{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Bench.Failed"}}}`
	machine, err := tg.createMachine(t.Context(), "fails", def, "STANDARD")
	if err != nil {
		t.Fatal(err)
	}
	p := &durable{t: tg, machine: machine, body: mustJSON(startIn{StateMachineArn: machine})}
	if _, err := r.runDurable(t.Context(), p); err == nil || !strings.Contains(err.Error(), "Bench.Failed") {
		t.Errorf("error = %v", err)
	}
}

func TestCallbackRoundTrip(t *testing.T) {
	t.Parallel()
	tg := localTarget(t, 1)
	cb := &callbackRun{t: tg, delivery: make([][]time.Duration, 1), ack: make([][]time.Duration, 1)}
	var err error
	if cb.activity, err = tg.createActivity(t.Context(), "rt"); err != nil {
		t.Fatal(err)
	}
	if cb.machine, err = tg.createMachine(t.Context(), "rt", activityMachine(cb.activity), "STANDARD"); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		if err := cb.roundTrip(t.Context(), 0, i); err != nil {
			t.Fatal(err)
		}
	}
	if len(cb.delivery[0]) != 3 || len(cb.ack[0]) != 3 || len(cb.arns.all) != 3 {
		t.Errorf("%d deliveries, %d acks, %d executions", len(cb.delivery[0]), len(cb.ack[0]), len(cb.arns.all))
	}
	if err := tg.waitIdle(t.Context(), cb.machine, time.Millisecond); err != nil {
		t.Fatal(err)
	}
	if err := tg.checkNoneFailed(t.Context(), cb.machine); err != nil {
		t.Error(err)
	}
	res := &Result{}
	cb.addFigures(res)
	for _, name := range []string{"task delivery (start sent to task received) p50", "SendTaskSuccess p99"} {
		if _, ok := res.Figure(name); !ok {
			t.Errorf("no figure %q", name)
		}
	}
}

func TestCallbackTakeGivesUp(t *testing.T) {
	t.Parallel()
	tg := localTarget(t, 1)
	act, err := tg.createActivity(t.Context(), "idle")
	if err != nil {
		t.Fatal(err)
	}
	cb := &callbackRun{t: tg, activity: act}
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Millisecond)
	defer cancel()
	if _, err := cb.take(ctx, 0); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error = %v, want the deadline", err)
	}
	cb.activity = act + "-missing"
	if _, err := cb.take(t.Context(), 0); !IsAPIError(err, "ActivityDoesNotExist") {
		t.Errorf("missing activity: %v", err)
	}
}

func TestIdleCPU(t *testing.T) {
	t.Parallel()
	r := testRunner(t, Options{IdleWindow: 10 * time.Millisecond})
	res := &Result{Ops: 4}
	if err := r.idleCPU(t.Context(), res); err != nil {
		t.Fatal(err)
	}
	if _, ok := cpuTime(); ok {
		if f, ok := res.Figure("idle CPU over 10ms with 4 waiting"); !ok || f.Value < 0 {
			t.Errorf("figure %+v in %+v", f, res.Figures)
		}
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	r.opts.IdleWindow = time.Hour
	if err := r.idleCPU(ctx, &Result{}); err != nil && !errors.Is(err, context.Canceled) {
		t.Errorf("error = %v", err)
	}
}

func TestRestartAndSeed(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("starts servers")
	}
	r := testRunner(t, Options{Clients: 2})
	tg, err := r.target(t.Context(), 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.seed(t.Context(), tg, "seeded", passChain(2), 4, true); err != nil {
		t.Fatal(err)
	}
	res := &Result{}
	if err := r.restart(t.Context(), tg, res, "now"); err != nil {
		t.Fatal(err)
	}
	if f, ok := res.Figure("startup now"); !ok || f.Value <= 0 || res.Ops != 1 {
		t.Errorf("figure %+v, ops %d", f, res.Ops)
	}
	if err := r.seed(t.Context(), tg, "seeded", passChain(3), 1, true); !IsAPIError(err, "StateMachineAlreadyExists") {
		t.Errorf("seeding an existing machine: %v", err)
	}
}

func TestRunBaselineHTTP(t *testing.T) {
	t.Parallel()
	r := testRunner(t, Options{Clients: 2, Count: 5})
	res, err := runBaselineHTTP(t.Context(), r)
	if err != nil {
		t.Fatal(err)
	}
	if res.Ops != 5 || res.Errors != 0 || res.AllocsPerOp <= 0 || res.headline <= 0 {
		t.Errorf("result %+v", res)
	}
}

func TestServerCloseTwice(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("starts a server")
	}
	srv, err := StartServer(t.Context(), ServerConfig{Dir: t.TempDir(), TimeScale: 1})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 2)
	go func() { done <- srv.Close(); done <- srv.Close() }()
	for range 2 {
		select {
		case err := <-done:
			if err != nil {
				t.Error(err)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("Close blocked")
		}
	}
}
