package bench

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// tinyOptions make a run that does very little: smoke tests, not
// measurements.
func tinyOptions(t *testing.T, scenarios ...string) Options {
	return Options{Scenarios: scenarios, Clients: 2, Count: 6, Data: t.TempDir(), TimeScale: 0.01,
		Waiting: 8, StartupWith: 5, IdleWindow: 20 * time.Millisecond}
}

// TestScenariosSmoke runs every scenario once with tiny counts against
// in-process servers; it checks that each runs to its end and reports its
// figures, never how fast.
func TestScenariosSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("starts servers")
	}
	rep, err := Run(t.Context(), tinyOptions(t, "all", "startup"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"baseline-http":  nil,
		"express-pass":   {"ratio to baseline-http"},
		"fsync-baseline": nil,
		"durable-pass":   {"state transitions per second", "start to first state p99", "ratio to fsync-baseline"},
		"wait-heavy":     {"timer lateness p99"},
		"map-fanout":     {"state transitions per execution", "Map state p50"},
		"callback":       {"SendTaskSuccess p99", "task delivery (start sent to task received) p50", "ActivityScheduled to ActivitySucceeded p99"},
		"idle-waiting":   {"live heap per waiting execution", "goroutines per waiting execution", "idle CPU over 20ms with 8 waiting"},
		"startup":        {"startup on an empty store", "startup with 5 finished executions", "startup with 5 finished and 5 waiting executions"},
	}
	if len(rep.Results) != len(want) {
		t.Errorf("%d results, want %d", len(rep.Results), len(want))
	}
	for _, res := range rep.Results {
		checkResult(t, res, want[res.Scenario])
	}
	checkTransitions(t, rep, map[string]float64{"durable-pass": 10, "wait-heavy": 3, "map-fanout": 101, "callback": 1})
	var buf bytes.Buffer
	if err := rep.WriteText(&buf); err != nil || !strings.Contains(buf.String(), "map-fanout") {
		t.Errorf("text report: %v\n%s", err, buf.String())
	}
}

func checkResult(t *testing.T, res *Result, figures []string) {
	t.Helper()
	if res.Failed != "" || res.Skipped != "" || res.Errors != 0 {
		t.Errorf("%s: failed %q, skipped %q, %d errors (first %q)", res.Scenario, res.Failed, res.Skipped, res.Errors, res.FirstError)
		return
	}
	if res.Ops == 0 || res.Unit == "" {
		t.Errorf("%s: %d ops of %q", res.Scenario, res.Ops, res.Unit)
	}
	if res.Scenario != "startup" && (res.Latency == nil || res.PerSecond <= 0) {
		t.Errorf("%s: no rate or latency: %+v", res.Scenario, res)
	}
	for _, f := range figures {
		if _, ok := res.Figure(f); !ok {
			t.Errorf("%s: no figure %q in %+v", res.Scenario, f, res.Figures)
		}
	}
}

func checkTransitions(t *testing.T, rep *Report, want map[string]float64) {
	t.Helper()
	for name, n := range want {
		res := rep.Result(name)
		if res == nil {
			continue
		}
		if f, _ := res.Figure("state transitions per execution"); f.Value != n {
			t.Errorf("%s: %v state transitions per execution, want %v", name, f.Value, n)
		}
	}
}

// TestRunAgainstAnEndpoint drives a server started apart, as --endpoint
// does; the in-process-only scenarios are skipped.
func TestRunAgainstAnEndpoint(t *testing.T) {
	if testing.Short() {
		t.Skip("starts servers")
	}
	srv, err := StartServer(t.Context(), ServerConfig{Dir: t.TempDir(), TimeScale: 0.01})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	opts := tinyOptions(t, "express-pass", "wait-heavy", "idle-waiting")
	opts.Endpoint = srv.URL
	rep, err := Run(t.Context(), opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"baseline-http", "express-pass", "wait-heavy"} {
		res := rep.Result(name)
		if res == nil || res.Failed != "" || res.Ops == 0 {
			t.Errorf("%s: %+v", name, res)
			continue
		}
		if name != "baseline-http" && res.AllocsPerOp != 0 {
			t.Errorf("%s: allocations measured for a server in another process", name)
		}
	}
	if res := rep.Result("idle-waiting"); res == nil || res.Skipped == "" {
		t.Errorf("idle-waiting with an endpoint: %+v", res)
	}
}

// TestRunReportsAFailingServer drives an endpoint that refuses everything.
func TestRunReportsAFailingServer(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(`{"__type":"com.amazon.coral.service#AccessDeniedException","message":"no"}`))
	}))
	defer srv.Close()
	opts := tinyOptions(t, "durable-pass", "callback")
	opts.Endpoint = srv.URL
	rep, err := Run(t.Context(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Failed() {
		t.Fatal("the report does not say that scenarios failed")
	}
	for _, name := range []string{"durable-pass", "callback"} {
		if res := rep.Result(name); res == nil || !strings.Contains(res.Failed, "AccessDeniedException") {
			t.Errorf("%s: %+v", name, res)
		}
	}
	if res := rep.Result("fsync-baseline"); res == nil || res.Failed != "" {
		t.Errorf("fsync-baseline needs no server: %+v", res)
	}
}

func TestRunRejectsUnknownScenarios(t *testing.T) {
	t.Parallel()
	if _, err := Run(t.Context(), Options{Scenarios: []string{"warp-speed"}}); err == nil {
		t.Error("no error for an unknown scenario")
	}
}

func TestRunWritesCPUProfiles(t *testing.T) {
	if testing.Short() {
		t.Skip("starts servers")
	}
	opts := tinyOptions(t, "fsync-baseline")
	opts.CPUProfile = t.TempDir() + "/cpu"
	opts.MemProfile = t.TempDir() + "/heap"
	var progress bytes.Buffer
	opts.Progress = &progress
	if _, err := Run(t.Context(), opts); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{opts.CPUProfile, opts.MemProfile} {
		if !strings.Contains(progress.String(), "wrote "+want+".fsync-baseline.pprof") {
			t.Errorf("progress:\n%s", progress.String())
		}
	}
}

func TestBaselineHandler(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, method, target, body string
		status                     int
		wantBody                   string
	}{
		{"success echoes the input", "POST", "AWSStepFunctions.StartSyncExecution",
			`{"stateMachineArn":"arn:aws:states:us-east-1:1:stateMachine:m","input":"{\"a\":1}"}`, 200, `"output":"{\"a\":1}"`},
		{"express ARN", "POST", "AWSStepFunctions.StartSyncExecution",
			`{"stateMachineArn":"arn:aws:states:us-east-1:1:stateMachine:m","input":"{}"}`, 200, `"executionArn":"arn:aws:states:us-east-1:1:express:m:`},
		{"no target", "POST", "", `{}`, 400, "UnknownOperationException"},
		{"GET", "GET", "AWSStepFunctions.StartSyncExecution", ``, 400, "UnknownOperationException"},
		{"malformed", "POST", "AWSStepFunctions.StartSyncExecution", `{`, 400, "SerializationException"},
		{"no input", "POST", "AWSStepFunctions.StartSyncExecution", `{"stateMachineArn":"x"}`, 400, "SerializationException"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := httptest.NewRequest(tt.method, "/", strings.NewReader(tt.body))
			req.Header.Set("X-Amz-Target", tt.target)
			rec := httptest.NewRecorder()
			baselineHandler(rec, req)
			if rec.Code != tt.status || !strings.Contains(rec.Body.String(), tt.wantBody) {
				t.Errorf("%d %s, want %d with %s", rec.Code, rec.Body.String(), tt.status, tt.wantBody)
			}
			if rec.Header().Get("x-amzn-RequestId") == "" {
				t.Error("no request id")
			}
		})
	}
}
