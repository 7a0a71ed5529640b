// Package bench is the load generator behind `stepwise bench`: it drives a
// Stepwise server over its real API (HTTP and the AWS JSON 1.0 protocol,
// with a lean client of its own) with concurrent clients and reports
// throughput, latency percentiles and allocations per operation.
//
// Each scenario runs against a fresh in-process server (a SQLite store in
// a temporary directory, the API on a loopback port) or against a running
// server at an endpoint. Scenarios that are compared with a baseline
// (express-pass with baseline-http, durable-pass with fsync-baseline) run
// their baseline in the same run, so that the ratio, not the raw figure,
// is what compares across machines.
package bench

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"time"
)

// Options configure a run. The zero value runs every scenario for 5 s
// each with 16 clients against in-process servers.
type Options struct {
	Scenarios   []string      // scenario names (see Names); empty or "all": all of them
	Clients     int           // concurrent clients (default 16)
	Duration    time.Duration // length of each load phase (default 5 s when Count is 0)
	Count       int           // operations per load phase, instead of Duration
	Rounds      int           // times the scenarios run, one after the other (default 1); the median round is reported
	Endpoint    string        // a running server (http://host:port); empty: in-process servers
	Data        string        // where temporary data directories go (default os.TempDir())
	TimeScale   float64       // the in-process server's scale of idle waits in wait-heavy (default 0.01)
	Waiting     int           // executions that idle-waiting leaves waiting (default 10000)
	StartupWith int           // stored executions of the startup scenario; > 0 adds it to "all" (default 10000)
	IdleWindow  time.Duration // how long idle-waiting measures idle CPU (default 5 s)
	CPUProfile  string        // when set, a CPU profile per scenario: <CPUProfile>.<scenario>.pprof
	MemProfile  string        // when set, the live heap at each scenario's end: <MemProfile>.<scenario>.pprof
	Progress    io.Writer     // progress lines (default: none)
	Logger      *slog.Logger  // the in-process servers' logs (default: discarded)
}

func (o Options) withDefaults() Options {
	if o.Clients <= 0 {
		o.Clients = 16
	}
	if o.Count <= 0 && o.Duration <= 0 {
		o.Duration = 5 * time.Second
	}
	o.Rounds = cmp0(o.Rounds, 1)
	if o.Data == "" {
		o.Data = os.TempDir()
	}
	if o.TimeScale < 0 {
		o.TimeScale = 0
	}
	o.Waiting = cmp0(o.Waiting, 10000)
	if o.IdleWindow <= 0 {
		o.IdleWindow = 5 * time.Second
	}
	if o.Progress == nil {
		o.Progress = io.Discard
	}
	return o
}

// cmp0 returns v, or def when v is not positive.
func cmp0(v, def int) int {
	if v <= 0 {
		return def
	}
	return v
}

// scenario is one benchmark.
type scenario struct {
	name  string
	about string
	base  string  // the baseline its headline rate is compared with
	goal  float64 // the ratio to the baseline it should reach
	local bool    // it needs an in-process server
	extra bool    // "all" leaves it out unless asked for
	run   func(ctx context.Context, r *runner) (*Result, error)
}

func scenarios() []scenario {
	return []scenario{
		{name: "baseline-http", about: "a bare net/http server that decodes the request and encodes a reply: the floor of a JSON API", run: runBaselineHTTP},
		{name: "express-pass", about: "StartSyncExecution of a 10-state Pass chain (EXPRESS)", base: "baseline-http", goal: 0.5, run: runExpressPass},
		{name: "fsync-baseline", about: "single-row INSERT transactions on SQLite (WAL, synchronous=FULL): one fsync each", run: runFsyncBaseline},
		{name: "durable-pass", about: "STANDARD executions of the 10-state Pass chain, until all finished", base: "fsync-baseline", goal: 5, run: runDurablePass},
		{name: "wait-heavy", about: "STANDARD executions with a 1 s Wait (scaled by --time-scale)", run: runWaitHeavy},
		{name: "map-fanout", about: "STANDARD executions of an inline Map over 100 items of Pass", run: runMapFanout},
		{name: "callback", about: "activity task round trips: StartExecution, GetActivityTask, SendTaskSuccess", run: runCallback},
		{name: "idle-waiting", about: "memory per waiting execution and idle CPU (in-process only)", local: true, run: runIdleWaiting},
		{name: "startup", about: "server startup with many stored executions (in-process only)", local: true, extra: true, run: runStartup},
	}
}

// Names returns every scenario's name and description.
func Names() [][2]string {
	var out [][2]string
	for _, s := range scenarios() {
		out = append(out, [2]string{s.name, s.about})
	}
	return out
}

// Select resolves scenario names ("all" is every scenario but those run
// only on request, which withExtras adds): it adds the baselines that the
// chosen ones are compared with and returns them in the order they run.
func Select(names []string, withExtras bool) ([]string, error) {
	all := scenarios()
	want := map[string]bool{}
	for _, n := range names {
		n = strings.TrimSpace(n)
		if n == "" {
			continue
		}
		if n != "all" && !slices.ContainsFunc(all, func(s scenario) bool { return s.name == n }) {
			return nil, fmt.Errorf("unknown scenario %q (want all or one of %s)", n, strings.Join(scenarioNames(all), ", "))
		}
		want[n] = true
	}
	if len(want) == 0 {
		want["all"] = true
	}
	var out []string
	for _, s := range all {
		if want[s.name] || want["all"] && (!s.extra || withExtras) || needed(s.name, all, want) {
			out = append(out, s.name)
		}
	}
	return out, nil
}

// needed reports whether a chosen scenario is compared with base.
func needed(base string, all []scenario, want map[string]bool) bool {
	for _, s := range all {
		if s.base == base && (want[s.name] || want["all"]) {
			return true
		}
	}
	return false
}

func scenarioNames(all []scenario) []string {
	out := make([]string, len(all))
	for i, s := range all {
		out[i] = s.name
	}
	return out
}

// Run runs the chosen scenarios one after the other, Rounds times. A
// scenario that fails is reported as failed in its Result; Run returns an
// error only for options it cannot run with. When ctx ends, Run stops and
// reports the rounds it completed (or the part of the first).
func Run(ctx context.Context, opts Options) (*Report, error) {
	names, err := Select(opts.Scenarios, opts.StartupWith > 0)
	if err != nil {
		return nil, err
	}
	opts = opts.withDefaults()
	rep := newReport(opts)
	var rounds []*Report
	for range opts.Rounds {
		round := runRound(ctx, opts, names)
		if len(rounds) > 0 && len(round.Results) < len(names) {
			break
		}
		rounds = append(rounds, round)
		if ctx.Err() != nil {
			break
		}
	}
	rep.Results = combine(rounds)
	return rep, nil
}

func newReport(opts Options) *Report {
	rep := &Report{Clients: opts.Clients, Duration: opts.Duration.Seconds(), Count: opts.Count, Rounds: opts.Rounds,
		Endpoint: opts.Endpoint, TimeScale: opts.TimeScale, GoVersion: runtime.Version(),
		Platform: runtime.GOOS + "/" + runtime.GOARCH, CPUs: runtime.NumCPU()}
	if opts.Count > 0 {
		rep.Duration = 0
	}
	return rep
}

// runRound runs the named scenarios once each, until ctx ends.
func runRound(ctx context.Context, opts Options, names []string) *Report {
	round := &Report{}
	for _, s := range scenarios() {
		if ctx.Err() != nil {
			break
		}
		if slices.Contains(names, s.name) {
			round.Results = append(round.Results, runOne(ctx, opts, s))
		}
	}
	addRatios(round)
	return round
}

// runOne runs a scenario and turns a failure into its Result.
func runOne(ctx context.Context, opts Options, s scenario) *Result {
	if s.local && opts.Endpoint != "" {
		return &Result{Scenario: s.name, Skipped: "it measures an in-process server; --endpoint is set"}
	}
	fmt.Fprintf(opts.Progress, "bench: %s: %s\n", s.name, s.about)
	stopProfile := startProfile(opts.CPUProfile, s.name, opts.Progress)
	r := &runner{opts: opts, name: s.name}
	res, err := s.run(ctx, r)
	stopProfile()
	writeHeapProfile(opts.MemProfile, s.name, opts.Progress)
	r.close()
	if res == nil {
		res = &Result{}
	}
	res.Scenario = s.name
	if err != nil {
		res.Failed = err.Error()
	}
	return res
}

// startProfile starts a CPU profile of a scenario when prefix is set; the
// returned function stops it.
func startProfile(prefix, name string, progress io.Writer) func() {
	if prefix == "" {
		return func() {}
	}
	path := prefix + "." + name + ".pprof"
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintf(progress, "bench: cpu profile: %v\n", err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintf(progress, "bench: cpu profile: %v\n", err)
		_ = f.Close()
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		_ = f.Close()
		fmt.Fprintf(progress, "bench: wrote %s\n", path)
	}
}

// writeHeapProfile writes the live heap (while the scenario's server still
// runs) when prefix is set.
func writeHeapProfile(prefix, name string, progress io.Writer) {
	if prefix == "" {
		return
	}
	path := prefix + "." + name + ".pprof"
	f, err := os.Create(path)
	if err == nil {
		runtime.GC()
		err = errors.Join(pprof.Lookup("heap").WriteTo(f, 0), f.Close())
	}
	if err != nil {
		fmt.Fprintf(progress, "bench: heap profile: %v\n", err)
		return
	}
	fmt.Fprintf(progress, "bench: wrote %s\n", path)
}

// addRatios compares each scenario that has a baseline with it.
func addRatios(rep *Report) {
	for _, s := range scenarios() {
		res, base := rep.Result(s.name), rep.Result(s.base)
		if s.base == "" || res == nil || base == nil || base.headline <= 0 || res.headline <= 0 {
			continue
		}
		res.Figures = append(res.Figures, Figure{Name: "ratio to " + s.base, Value: res.headline / base.headline,
			Target: s.goal})
	}
}

// runner is what a scenario runs with: the options, and the servers and
// directories to clean up after it.
type runner struct {
	opts     Options
	name     string
	cleanups []func()
}

// budget is the load phase's budget.
func (r *runner) budget() budget { return budget{count: r.opts.Count, dur: r.opts.Duration} }

// progress writes a progress line.
func (r *runner) progress(format string, args ...any) {
	fmt.Fprintf(r.opts.Progress, "bench: %s: %s\n", r.name, fmt.Sprintf(format, args...))
}

func (r *runner) close() {
	for i := len(r.cleanups) - 1; i >= 0; i-- {
		r.cleanups[i]()
	}
	r.cleanups = nil
}

// tempDir makes a temporary directory that is removed after the scenario.
func (r *runner) tempDir() (string, error) {
	dir, err := os.MkdirTemp(r.opts.Data, "stepwise-bench-")
	if err != nil {
		return "", fmt.Errorf("temp dir: %w", err)
	}
	r.cleanups = append(r.cleanups, func() { _ = os.RemoveAll(dir) })
	return dir, nil
}

// target is the server a scenario drives.
type target struct {
	c      *Client
	srv    *Server // nil for an endpoint
	prefix string  // makes the names of what the scenario creates unique
	dir    string  // the in-process server's data directory
}

// target starts an in-process server with the given time scale in a new
// directory, or connects to the endpoint.
func (r *runner) target(ctx context.Context, timeScale float64) (*target, error) {
	t := &target{prefix: "bench-" + randomHex(4) + "-"}
	if r.opts.Endpoint != "" {
		t.c = NewClient(r.opts.Endpoint, r.opts.Clients)
		r.cleanups = append(r.cleanups, t.c.Close)
		return t, nil
	}
	dir, err := r.tempDir()
	if err != nil {
		return nil, err
	}
	t.dir = dir
	if err := r.startServer(ctx, t, timeScale); err != nil {
		return nil, err
	}
	return t, nil
}

// startServer (re)starts t's in-process server and connects t to it.
func (r *runner) startServer(ctx context.Context, t *target, timeScale float64) error {
	srv, err := StartServer(ctx, ServerConfig{Dir: t.dir, TimeScale: timeScale, Logger: r.opts.Logger})
	if err != nil {
		return err
	}
	t.srv, t.c = srv, NewClient(srv.URL, r.opts.Clients)
	r.cleanups = append(r.cleanups, t.c.Close, func() { _ = t.stop() })
	return nil
}

// stop stops t's in-process server (once).
func (t *target) stop() error {
	if t.srv == nil {
		return nil
	}
	t.c.Close()
	srv := t.srv
	t.srv = nil
	return srv.Close()
}

// local reports whether the server runs in this process.
func (t *target) local() bool { return t.srv != nil }

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// errNoOps is a load phase in which nothing succeeded.
var errNoOps = errors.New("no operation succeeded")

// fill sets a result's rate, latency and errors from a load phase.
func fill(res *Result, s *samples, elapsed time.Duration) error {
	res.Ops, res.Errors = len(s.lat), s.errs
	res.Seconds = elapsed.Seconds()
	res.PerSecond = perSecond(res.Ops, elapsed)
	res.headline = res.PerSecond
	res.Latency = Summarize(s.lat)
	if s.first != nil {
		res.FirstError = s.first.Error()
	}
	if res.Ops == 0 {
		if s.first != nil {
			return fmt.Errorf("%w: %w", errNoOps, s.first)
		}
		return errNoOps
	}
	return nil
}
