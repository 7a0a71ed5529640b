package bench

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func sampleReport() *Report {
	base := &Result{Scenario: "baseline-http", Unit: "execution", Ops: 1000, Seconds: 1, PerSecond: 1000,
		Latency: &Latency{N: 1000, P50: 0.5, P90: 0.9, P99: 1.5, Max: 3}, AllocsPerOp: 120, BytesPerOp: 9000, headline: 1000}
	exp := &Result{Scenario: "express-pass", Unit: "execution", Ops: 600, Seconds: 1, PerSecond: 600,
		Latency: &Latency{N: 600, P50: 1, P90: 2, P99: 4, Max: 8}, AllocsPerOp: 260, BytesPerOp: 40000, headline: 600,
		FirstError: "ThrottlingException: slow down (HTTP 400)", Errors: 1}
	fs := &Result{Scenario: "fsync-baseline", Unit: "commit", Ops: 300, Seconds: 1, PerSecond: 300, headline: 300}
	dur := &Result{Scenario: "durable-pass", Unit: "execution", Ops: 100, Seconds: 1, PerSecond: 100, headline: 1000}
	idle := &Result{Scenario: "idle-waiting", Skipped: "it measures an in-process server; --endpoint is set"}
	bad := &Result{Scenario: "callback", Failed: "create activity: boom"}
	return &Report{Clients: 16, Duration: 5, TimeScale: 0.01, GoVersion: "go1.26", Platform: "linux/amd64", CPUs: 2,
		Results: []*Result{base, exp, fs, dur, idle, bad}}
}

func TestAddRatios(t *testing.T) {
	t.Parallel()
	rep := sampleReport()
	addRatios(rep)
	tests := []struct {
		scenario, figure string
		value, target    float64
	}{
		{"express-pass", "ratio to baseline-http", 0.6, 0.5},
		{"durable-pass", "ratio to fsync-baseline", 1000.0 / 300, 5},
	}
	for _, tt := range tests {
		f, ok := rep.Result(tt.scenario).Figure(tt.figure)
		if !ok || f.Value != tt.value || f.Target != tt.target {
			t.Errorf("%s %q = %+v (found %v), want %v with target %v", tt.scenario, tt.figure, f, ok, tt.value, tt.target)
		}
	}
	if _, ok := rep.Result("baseline-http").Figure("ratio to baseline-http"); ok {
		t.Error("a baseline is compared with itself")
	}
	lone := &Report{Results: []*Result{{Scenario: "express-pass", headline: 5}}}
	addRatios(lone)
	if len(lone.Results[0].Figures) != 0 {
		t.Error("a ratio without its baseline")
	}
}

func TestWriteText(t *testing.T) {
	t.Parallel()
	rep := sampleReport()
	addRatios(rep)
	var buf bytes.Buffer
	if err := rep.WriteText(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"16 clients, 5s per phase, in-process server (SQLite), time scale 0.01",
		"scenario", "p99 ms", "allocs/op",
		"express-pass", "600", "260", "40000",
		"ratio to baseline-http", "0.600 (target >= 0.500: met)",
		"ratio to fsync-baseline", "3.333 (target >= 5.000: NOT met)",
		"first error: ThrottlingException: slow down",
		"skipped: it measures an in-process server",
		"failed: create activity: boom",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text report lacks %q:\n%s", want, out)
		}
	}
	rep.Count, rep.Endpoint = 100, "http://127.0.0.1:8083"
	buf.Reset()
	_ = rep.WriteText(&buf)
	if !strings.Contains(buf.String(), "100 operations per phase, endpoint http://127.0.0.1:8083") {
		t.Errorf("header with count and endpoint:\n%s", buf.String())
	}
}

func TestWriteJSON(t *testing.T) {
	t.Parallel()
	rep := sampleReport()
	addRatios(rep)
	var buf bytes.Buffer
	if err := rep.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var back Report
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatalf("report JSON does not read back: %v", err)
	}
	exp := back.Result("express-pass")
	if exp == nil || exp.Latency == nil || exp.Latency.P99 != 4 || exp.AllocsPerOp != 260 || len(exp.Figures) != 1 {
		t.Errorf("express-pass read back as %+v", exp)
	}
	if !strings.Contains(buf.String(), `"latencyMs"`) || !strings.Contains(buf.String(), `"perSecond": 600`) {
		t.Errorf("JSON field names:\n%s", buf.String())
	}
	if !back.Failed() || sampleReportWithout("callback").Failed() {
		t.Error("Failed does not follow the failed results")
	}
}

func sampleReportWithout(name string) *Report {
	rep := sampleReport()
	var keep []*Result
	for _, r := range rep.Results {
		if r.Scenario != name {
			keep = append(keep, r)
		}
	}
	rep.Results = keep
	return rep
}

func TestNum(t *testing.T) {
	t.Parallel()
	tests := []struct {
		v    float64
		want string
	}{
		{0, "0.000"}, {0.12345, "0.123"}, {9.9999, "10.000"}, {12.34, "12.3"}, {123.6, "124"},
		{-5, "-5.000"}, {-50, "-50.0"}, {-500, "-500"}, {1e6, "1000000"},
	}
	for _, tt := range tests {
		if got := num(tt.v); got != tt.want {
			t.Errorf("num(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
	if orDash(0) != "-" || orDash(2) != "2.000" {
		t.Error("orDash")
	}
}
