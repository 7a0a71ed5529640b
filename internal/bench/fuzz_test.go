package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzBaselineHandler feeds the baseline server any request body: it
// answers 200 with a JSON reply or 400, and never panics.
func FuzzBaselineHandler(f *testing.F) {
	f.Add(`{"stateMachineArn":"arn:aws:states:us-east-1:1:stateMachine:m","input":"{}"}`)
	f.Add(`{"input":"\u2028<>&"}`)
	f.Add(`[]`)
	f.Add(`{"input":null}`)
	f.Fuzz(func(t *testing.T, body string) {
		req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
		req.Header.Set("X-Amz-Target", "AWSStepFunctions.StartSyncExecution")
		rec := httptest.NewRecorder()
		baselineHandler(rec, req)
		switch rec.Code {
		case http.StatusOK:
			var out map[string]any
			if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
				t.Fatalf("reply is not JSON: %v: %s", err, rec.Body.String())
			}
		case http.StatusBadRequest:
		default:
			t.Fatalf("status %d", rec.Code)
		}
	})
}

// FuzzSinceSent reads any task input without panicking.
func FuzzSinceSent(f *testing.F) {
	f.Add(`{"sent":1}`)
	f.Add(`{"sent":-9223372036854775808}`)
	f.Add(`null`)
	f.Fuzz(func(t *testing.T, input string) {
		if d, ok := sinceSent(input); ok && d == 0 && !strings.Contains(input, "sent") {
			t.Fatalf("sinceSent(%q) = %v without a sent field", input, d)
		}
	})
}

func TestReportHeader(t *testing.T) {
	t.Parallel()
	tests := []struct {
		rep  Report
		want string
	}{
		{Report{Clients: 16, Duration: 5, TimeScale: 0.01, Platform: "linux/amd64", CPUs: 2},
			"stepwise bench: 16 clients, 5s per phase, in-process server (SQLite), time scale 0.01, linux/amd64, 2 CPUs"},
		{Report{Clients: 1, Count: 10, Rounds: 3, Endpoint: "http://h:1", Platform: "p", CPUs: 8},
			"stepwise bench: 1 clients, 10 operations per phase, median of 3 rounds, endpoint http://h:1, p, 8 CPUs"},
		{Report{Clients: 2, Duration: 0.5, TimeScale: 1, Rounds: 1, Platform: "p", CPUs: 1},
			"stepwise bench: 2 clients, 0.5s per phase, in-process server (SQLite), time scale 1, p, 1 CPUs"},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		if err := tt.rep.WriteText(&buf); err != nil {
			t.Fatal(err)
		}
		if first, _, _ := strings.Cut(buf.String(), "\n"); first != tt.want {
			t.Errorf("header %q, want %q", first, tt.want)
		}
	}
}

func TestProgressLines(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	r := &runner{opts: Options{Progress: &buf}, name: "demo"}
	r.progress("%d started in %.1fs", 3, 1.25)
	if buf.String() != "bench: demo: 3 started in 1.2s\n" {
		t.Errorf("progress %q", buf.String())
	}
	buf.Reset()
	res := runOne(t.Context(), Options{Progress: &buf, Data: t.TempDir()}.withDefaults(),
		scenario{name: "quiet", about: "says what it does", run: func(_ context.Context, _ *runner) (*Result, error) {
			return &Result{Unit: "thing", Ops: 1}, nil
		}})
	if buf.String() != "bench: quiet: says what it does\n" || res.Scenario != "quiet" || res.Ops != 1 {
		t.Errorf("progress %q, result %+v", buf.String(), res)
	}
}

// TestJSONReportOfARealRun checks the machine-readable figures of a tiny
// run: the names a script reads.
func TestJSONReportOfARealRun(t *testing.T) {
	if testing.Short() {
		t.Skip("starts servers")
	}
	opts := tinyOptions(t, "durable-pass")
	rep, err := Run(t.Context(), opts)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := rep.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var raw struct {
		Results []map[string]any `json:"results"`
	}
	if err := json.Unmarshal(buf.Bytes(), &raw); err != nil {
		t.Fatal(err)
	}
	if len(raw.Results) != 2 {
		t.Fatalf("%d results", len(raw.Results))
	}
	for _, key := range []string{"scenario", "unit", "ops", "errors", "seconds", "perSecond", "latencyMs", "allocsPerOp", "bytesPerOp", "figures"} {
		if _, ok := raw.Results[1][key]; !ok {
			t.Errorf("durable-pass has no %q: %v", key, raw.Results[1])
		}
	}
	lat, _ := raw.Results[1]["latencyMs"].(map[string]any)
	for _, key := range []string{"n", "mean", "p50", "p90", "p99", "max"} {
		if _, ok := lat[key]; !ok {
			t.Errorf("latencyMs has no %q", key)
		}
	}
}
