package main

import (
	"bytes"
	"encoding/json"
	"io"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestParseBenchFlags(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		args    []string
		check   func(t *testing.T, clients, count int, dur time.Duration, scale float64, scenarios []string, asJSON bool)
		wantErr string
	}{
		{name: "defaults", args: nil, check: func(t *testing.T, clients, count int, dur time.Duration, scale float64, sc []string, asJSON bool) {
			if clients != 16 || count != 0 || dur != 0 || scale != 0.01 || !slices.Equal(sc, []string{"all"}) || asJSON {
				t.Errorf("defaults: %d %d %v %v %v %v", clients, count, dur, scale, sc, asJSON)
			}
		}},
		{name: "everything", args: []string{"--clients", "4", "--count", "100", "--duration", "2s", "--time-scale", "0.5",
			"--scenario", "express-pass,callback", "--json"},
			check: func(t *testing.T, clients, count int, dur time.Duration, scale float64, sc []string, asJSON bool) {
				if clients != 4 || count != 100 || dur != 2*time.Second || scale != 0.5 || len(sc) != 2 || !asJSON {
					t.Errorf("parsed: %d %d %v %v %v %v", clients, count, dur, scale, sc, asJSON)
				}
			}},
		{name: "unknown scenario", args: []string{"--scenario", "warp"}, wantErr: `unknown scenario "warp"`},
		{name: "zero clients", args: []string{"--clients", "0"}, wantErr: "--clients and --rounds must be positive"},
		{name: "zero rounds", args: []string{"--rounds", "0"}, wantErr: "--clients and --rounds must be positive"},
		{name: "negative count", args: []string{"--count", "-1"}, wantErr: "must not be negative"},
		{name: "stray argument", args: []string{"extra"}, wantErr: `unexpected argument "extra"`},
		{name: "unknown flag", args: []string{"--warp"}, wantErr: "flag provided but not defined"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			opts, asJSON, err := parseBenchFlags(tt.args, io.Discard)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, opts.Clients, opts.Count, opts.Duration, opts.TimeScale, opts.Scenarios, asJSON)
		})
	}
}

func TestCmdBenchHelpListsScenarios(t *testing.T) {
	t.Parallel()
	var stderr bytes.Buffer
	if code := cmdBench([]string{"--help"}, io.Discard, &stderr); code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"express-pass", "durable-pass", "fsync-baseline", "--startup-with"} {
		if !strings.Contains(stderr.String(), strings.TrimPrefix(want, "-")) {
			t.Errorf("help lacks %q:\n%s", want, stderr.String())
		}
	}
	if code := cmdBench([]string{"--scenario", "nope"}, io.Discard, io.Discard); code != 2 {
		t.Errorf("unknown scenario: exit %d, want 2", code)
	}
}

// TestCmdBenchJSON runs a tiny express-pass (and its baseline) and reads
// the JSON figures.
func TestCmdBenchJSON(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server")
	}
	var stdout, stderr bytes.Buffer
	args := []string{"--scenario", "express-pass", "--count", "5", "--clients", "2", "--json", "--quiet", "--data", t.TempDir()}
	if code := cmdBench(args, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	var rep struct {
		Clients int `json:"clients"`
		Results []struct {
			Scenario  string  `json:"scenario"`
			Ops       int     `json:"ops"`
			PerSecond float64 `json:"perSecond"`
		} `json:"results"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, stdout.String())
	}
	if rep.Clients != 2 || len(rep.Results) != 2 || rep.Results[1].Scenario != "express-pass" || rep.Results[1].Ops != 5 {
		t.Errorf("report: %+v", rep)
	}
	if stderr.Len() != 0 {
		t.Errorf("--quiet printed progress: %s", stderr.String())
	}
}

// TestCmdBenchText runs a tiny fsync-baseline and reads the table.
func TestCmdBenchText(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	args := []string{"--scenario", "fsync-baseline", "--count", "3", "--data", t.TempDir()}
	if code := cmdBench(args, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, want := range []string{"stepwise bench: 16 clients, 3 operations per phase", "fsync-baseline", "commit", "p99 ms"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, stdout.String())
		}
	}
	if !strings.Contains(stderr.String(), "bench: fsync-baseline:") {
		t.Errorf("no progress line: %q", stderr.String())
	}
}

// TestCmdBenchExitsOneWhenAScenarioFails drives an endpoint where nothing
// listens.
func TestCmdBenchExitsOneWhenAScenarioFails(t *testing.T) {
	t.Parallel()
	var stdout bytes.Buffer
	args := []string{"--scenario", "express-pass", "--count", "2", "--clients", "1", "--quiet",
		"--endpoint", "http://127.0.0.1:1", "--data", t.TempDir()}
	if code := cmdBench(args, &stdout, io.Discard); code != 1 {
		t.Fatalf("exit %d, want 1:\n%s", code, stdout.String())
	}
	if !strings.Contains(stdout.String(), "failed: create state machine") {
		t.Errorf("output:\n%s", stdout.String())
	}
}
