package bench

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

const (
	hour = 3600
	year = 365 * 24 * hour
	mib  = 1 << 20
)

// runIdleWaiting starts Waiting executions that wait an hour and reads
// what they cost the in-process server: live heap, RSS and goroutines per
// waiting execution, and the CPU the process uses while they wait.
func runIdleWaiting(ctx context.Context, r *runner) (*Result, error) {
	t, err := r.target(ctx, 1)
	if err != nil {
		return nil, err
	}
	machine, err := t.createMachine(ctx, "idle-waiting", waitMachine(hour), "STANDARD")
	if err != nil {
		return nil, err
	}
	body := mustJSON(startIn{StateMachineArn: machine, Input: `{}`})
	op := func(ctx context.Context, _, _ int) error { _, err := t.start(ctx, body); return err }
	if err := r.warm(ctx, op); err != nil {
		return nil, err
	}
	before := readFootprint()
	res := &Result{Unit: "waiting execution"}
	s, elapsed := drive(ctx, r.opts.Clients, budget{count: r.opts.Waiting}, op)
	if err := fill(res, s, elapsed); err != nil {
		return res, err
	}
	after := readFootprint()
	after.addPerExecution(res, before)
	if arn, err := t.anyWith(ctx, machine, "RUNNING"); err != nil || arn == "" {
		return res, firstErr(err, errors.New("the executions are not waiting"))
	}
	return res, r.idleCPU(ctx, res)
}

// footprint is the process's memory and goroutines after a collection.
type footprint struct {
	heap       uint64
	rss        uint64 // 0 when unknown
	goroutines int
}

func readFootprint() footprint {
	heap, g := heapAfterGC()
	rss, _ := rssBytes()
	return footprint{heap: heap, rss: rss, goroutines: g}
}

// addPerExecution adds the growth from before to f per operation of res.
func (f footprint) addPerExecution(res *Result, before footprint) {
	n := float64(res.Ops)
	res.add("live heap per waiting execution", float64(int64(f.heap)-int64(before.heap))/n, "B")
	if f.rss > 0 && before.rss > 0 {
		res.add("RSS per waiting execution", float64(int64(f.rss)-int64(before.rss))/n, "B")
	}
	res.add("goroutines per waiting execution", float64(f.goroutines-before.goroutines)/n, "")
	res.add(fmt.Sprintf("live heap with %d waiting", res.Ops), float64(f.heap)/mib, "MiB")
	if f.rss > 0 {
		res.add(fmt.Sprintf("RSS with %d waiting", res.Ops), float64(f.rss)/mib, "MiB")
	}
}

// idleCPU measures the process's CPU use over the idle window, in percent
// of one core.
func (r *runner) idleCPU(ctx context.Context, res *Result) error {
	c0, ok := cpuTime()
	if !ok {
		return nil
	}
	began := time.Now()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(r.opts.IdleWindow):
	}
	c1, _ := cpuTime()
	pct := 100 * float64(c1-c0) / float64(time.Since(began))
	res.add(fmt.Sprintf("idle CPU over %s with %d waiting", r.opts.IdleWindow, res.Ops), pct, "% of a core")
	return nil
}

// rssBytes returns the process's resident set size (Linux only).
func rssBytes() (uint64, bool) {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0, false
	}
	fields := strings.Fields(string(b))
	if len(fields) < 2 {
		return 0, false
	}
	pages, err := strconv.ParseUint(fields[1], 10, 64)
	if err != nil {
		return 0, false
	}
	return pages * uint64(os.Getpagesize()), true
}

// runStartup measures how long the in-process server takes to start (to
// its first answer) on an empty store, with StartupWith finished
// executions, and with as many more waiting ones (which it resumes).
func runStartup(ctx context.Context, r *runner) (*Result, error) {
	n := cmp0(r.opts.StartupWith, 10000)
	t, err := r.target(ctx, 1)
	if err != nil {
		return nil, err
	}
	res := &Result{Unit: "restart"}
	if err := r.restart(ctx, t, res, "on an empty store"); err != nil {
		return res, err
	}
	if err := r.seed(ctx, t, "startup-done", passChain(10), n, true); err != nil {
		return res, err
	}
	if err := r.restart(ctx, t, res, fmt.Sprintf("with %d finished executions", n)); err != nil {
		return res, err
	}
	if err := r.seed(ctx, t, "startup-waiting", waitMachine(year), n, false); err != nil {
		return res, err
	}
	label := fmt.Sprintf("with %d finished and %d waiting executions", n, n)
	if err := r.restart(ctx, t, res, label); err != nil {
		return res, err
	}
	heap, _ := heapAfterGC()
	res.add("live heap after startup "+label, float64(heap)/mib, "MiB")
	return res, nil
}

// seed starts n executions of a new state machine; with settle it waits
// until they have ended.
func (r *runner) seed(ctx context.Context, t *target, name, def string, n int, settle bool) error {
	machine, err := t.createMachine(ctx, name, def, "STANDARD")
	if err != nil {
		return err
	}
	body := mustJSON(startIn{StateMachineArn: machine, Input: passInput})
	op := func(ctx context.Context, _, _ int) error { _, err := t.start(ctx, body); return err }
	s, elapsed := drive(ctx, r.opts.Clients, budget{count: n}, op)
	r.progress("seeded %d executions of %s in %.2fs", len(s.lat), name, elapsed.Seconds())
	if s.first != nil {
		return fmt.Errorf("seed: %w", s.first)
	}
	if settle {
		wctx, cancel := context.WithTimeout(ctx, finishWithin)
		defer cancel()
		return t.waitIdle(wctx, machine, pollEvery)
	}
	return nil
}

// restart stops t's server and starts it again on the same store, adding
// the time from opening the store to the first answer as a figure.
func (r *runner) restart(ctx context.Context, t *target, res *Result, label string) error {
	if err := t.stop(); err != nil {
		return err
	}
	began := time.Now()
	if err := r.startServer(ctx, t, 1); err != nil {
		return err
	}
	if err := t.c.Call(ctx, "ListActivities", struct{}{}, nil); err != nil {
		return fmt.Errorf("first call after startup: %w", err)
	}
	res.add("startup "+label, ms(time.Since(began)), "ms")
	res.Ops++
	return nil
}
