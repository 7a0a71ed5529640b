package bench

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// localTarget starts an in-process server for a test and connects to it.
func localTarget(t *testing.T, timeScale float64) *target {
	t.Helper()
	if testing.Short() {
		t.Skip("starts a server")
	}
	srv, err := StartServer(t.Context(), ServerConfig{Dir: t.TempDir(), TimeScale: timeScale})
	if err != nil {
		t.Fatal(err)
	}
	c := NewClient(srv.URL, 2)
	t.Cleanup(func() {
		c.Close()
		if err := srv.Close(); err != nil {
			t.Error(err)
		}
	})
	return &target{c: c, srv: srv, prefix: "t-"}
}

func TestStartServerKeepsStateAcrossRestarts(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("starts a server")
	}
	dir := t.TempDir()
	srv, err := StartServer(t.Context(), ServerConfig{Dir: dir, TimeScale: 1})
	if err != nil {
		t.Fatal(err)
	}
	if srv.Startup <= 0 || !strings.HasPrefix(srv.URL, "http://127.0.0.1:") {
		t.Errorf("server: startup %v, URL %q", srv.Startup, srv.URL)
	}
	tg := &target{c: NewClient(srv.URL, 1), srv: srv, prefix: "r-"}
	arn, err := tg.createActivity(t.Context(), "kept")
	if err != nil {
		t.Fatal(err)
	}
	if err := tg.stop(); err != nil {
		t.Fatal(err)
	}
	if err := tg.stop(); err != nil {
		t.Errorf("a second stop: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "stepwise.db")); err != nil {
		t.Errorf("no database file: %v", err)
	}
	srv2, err := StartServer(t.Context(), ServerConfig{Dir: dir, TimeScale: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer srv2.Close()
	c := NewClient(srv2.URL, 1)
	defer c.Close()
	if err := c.Call(t.Context(), "DescribeActivity", struct {
		ActivityArn string `json:"activityArn"`
	}{arn}, nil); err != nil {
		t.Errorf("the activity did not survive the restart: %v", err)
	}
}

func TestStartServerFailsOnABadDirectory(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := StartServer(t.Context(), ServerConfig{Dir: file}); err == nil || !strings.Contains(err.Error(), "start server") {
		t.Errorf("error = %v", err)
	}
}

func TestTargetHelpers(t *testing.T) {
	t.Parallel()
	tg := localTarget(t, 1)
	ctx := t.Context()
	machine, err := tg.createMachine(ctx, "helpers", passChain(3), "STANDARD")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(machine, ":stateMachine:t-helpers") {
		t.Errorf("machine ARN %q", machine)
	}
	arn, err := tg.start(ctx, mustJSON(startIn{StateMachineArn: machine, Input: passInput}))
	if err != nil {
		t.Fatal(err)
	}
	if err := tg.waitIdle(ctx, machine, time.Millisecond); err != nil {
		t.Fatal(err)
	}
	if err := tg.checkNoneFailed(ctx, machine); err != nil {
		t.Error(err)
	}
	evs, err := tg.history(ctx, arn)
	if err != nil {
		t.Fatal(err)
	}
	if n := countTransitions(evs); n != 3 || evs[0].Type != "ExecutionStarted" || evs[len(evs)-1].Type != "ExecutionSucceeded" {
		t.Errorf("history: %d transitions, %+v", n, evs)
	}
	if _, err := tg.createMachine(ctx, "helpers", passChain(4), "STANDARD"); !IsAPIError(err, "StateMachineAlreadyExists") {
		t.Errorf("a second machine of the same name: %v", err)
	}
	if _, err := tg.history(ctx, arn+"-nope"); !IsAPIError(err, "ExecutionDoesNotExist") {
		t.Errorf("history of no execution: %v", err)
	}
}

func TestCheckNoneFailedDescribesAFailure(t *testing.T) {
	t.Parallel()
	tg := localTarget(t, 1)
	ctx := t.Context()
	def := `{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Bench.Boom","Cause":"on purpose"}}}`
	machine, err := tg.createMachine(ctx, "fails", def, "STANDARD")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tg.start(ctx, mustJSON(startIn{StateMachineArn: machine})); err != nil {
		t.Fatal(err)
	}
	if err := tg.waitIdle(ctx, machine, time.Millisecond); err != nil {
		t.Fatal(err)
	}
	err = tg.checkNoneFailed(ctx, machine)
	if err == nil || !strings.Contains(err.Error(), "FAILED: Bench.Boom: on purpose") {
		t.Errorf("error = %v", err)
	}
}

func TestWaitIdleGivesUpWithItsContext(t *testing.T) {
	t.Parallel()
	tg := localTarget(t, 1)
	machine, err := tg.createMachine(t.Context(), "waits", waitMachine(hour), "STANDARD")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tg.start(t.Context(), mustJSON(startIn{StateMachineArn: machine})); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Millisecond)
	defer cancel()
	if err := tg.waitIdle(ctx, machine, 5*time.Millisecond); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error = %v, want the deadline", err)
	}
	if arn, err := tg.anyWith(t.Context(), machine, "RUNNING"); err != nil || arn == "" {
		t.Errorf("anyWith RUNNING = %q, %v", arn, err)
	}
	if arn, err := tg.anyWith(t.Context(), machine, "SUCCEEDED"); err != nil || arn != "" {
		t.Errorf("anyWith SUCCEEDED = %q, %v", arn, err)
	}
}

func TestMeter(t *testing.T) {
	off := startMeter(false)
	if a, b := off.stop(10); a != 0 || b != 0 {
		t.Errorf("an off meter measured %v, %v", a, b)
	}
	on := startMeter(true)
	keep := make([][]byte, 0, 100)
	for range 100 {
		keep = append(keep, make([]byte, 1024))
	}
	runtime.KeepAlive(keep)
	allocs, bytes := on.stop(10)
	if allocs < 10 || bytes < 10*1024 {
		t.Errorf("meter: %v allocs/op, %v B/op; want at least 10 and 10 KiB", allocs, bytes)
	}
	if a, _ := startMeter(true).stop(0); a != 0 {
		t.Error("no operations, yet allocations per operation")
	}
}

func TestFootprint(t *testing.T) {
	t.Parallel()
	f := readFootprint()
	if f.heap == 0 || f.goroutines == 0 {
		t.Errorf("footprint %+v", f)
	}
	if runtime.GOOS == "linux" && f.rss == 0 {
		t.Error("no RSS on Linux")
	}
	before := footprint{heap: 1000, rss: 4096, goroutines: 10}
	after := footprint{heap: 3000, rss: 2048, goroutines: 12}
	res := &Result{Ops: 2}
	after.addPerExecution(res, before)
	want := map[string]float64{
		"live heap per waiting execution": 1000, "RSS per waiting execution": -1024,
		"goroutines per waiting execution": 1, "live heap with 2 waiting": 3000.0 / mib,
	}
	for name, v := range want {
		if got, ok := res.Figure(name); !ok || got.Value != v {
			t.Errorf("%s = %+v, want %v", name, got, v)
		}
	}
	noRSS := &Result{Ops: 1}
	footprint{heap: 1}.addPerExecution(noRSS, footprint{})
	if _, ok := noRSS.Figure("RSS per waiting execution"); ok {
		t.Error("an RSS figure without an RSS")
	}
}

func TestCPUTime(t *testing.T) {
	t.Parallel()
	c0, ok := cpuTime()
	if !ok {
		t.Skip("no CPU time on this platform")
	}
	deadline := time.Now().Add(20 * time.Millisecond)
	n := 0
	for time.Now().Before(deadline) {
		n++
	}
	c1, _ := cpuTime()
	if c1 < c0 || n == 0 {
		t.Errorf("CPU time went from %v to %v", c0, c1)
	}
}
