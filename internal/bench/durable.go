package bench

import (
	"context"
	"fmt"
	"time"
)

const (
	// pollEvery is how often a durable phase asks whether executions are
	// still running (ListExecutions of one RUNNING execution).
	pollEvery = 25 * time.Millisecond
	// finishWithin bounds the wait for executions to finish after the last
	// one started.
	finishWithin = 5 * time.Minute
	// historySample is how many executions' histories a durable scenario
	// reads (after the measured phase) for the figures it derives from
	// event timestamps.
	historySample = 100
)

// runDurablePass measures STANDARD executions of the 10-state Pass chain:
// state transitions per second from the first start until all finished.
func runDurablePass(ctx context.Context, r *runner) (*Result, error) {
	t, err := r.target(ctx, 1)
	if err != nil {
		return nil, err
	}
	arn, err := t.createMachine(ctx, "durable-pass", passChain(10), "STANDARD")
	if err != nil {
		return nil, err
	}
	p := &durable{t: t, machine: arn, body: mustJSON(startIn{StateMachineArn: arn, Input: passInput}),
		spans: []span{{name: "start to first state", from: "ExecutionStarted", to: "*StateEntered"}}}
	return r.runDurable(ctx, p)
}

// runWaitHeavy measures executions that wait 1 s (at the time scale): how
// many the server carries through their waits, and how late the timers
// fire.
func runWaitHeavy(ctx context.Context, r *runner) (*Result, error) {
	t, err := r.target(ctx, r.opts.TimeScale)
	if err != nil {
		return nil, err
	}
	arn, err := t.createMachine(ctx, "wait-heavy", waitMachine(1), "STANDARD")
	if err != nil {
		return nil, err
	}
	wait := time.Duration(r.opts.TimeScale * float64(time.Second))
	p := &durable{t: t, machine: arn, body: mustJSON(startIn{StateMachineArn: arn, Input: `{}`}),
		spans: []span{{name: "timer lateness", from: "WaitStateEntered", to: "WaitStateExited", minus: wait}}}
	return r.runDurable(ctx, p)
}

// runMapFanout measures STANDARD executions of an inline Map over 100
// items of Pass.
func runMapFanout(ctx context.Context, r *runner) (*Result, error) {
	t, err := r.target(ctx, 1)
	if err != nil {
		return nil, err
	}
	arn, err := t.createMachine(ctx, "map-fanout", mapMachine, "STANDARD")
	if err != nil {
		return nil, err
	}
	p := &durable{t: t, machine: arn, body: mustJSON(startIn{StateMachineArn: arn, Input: mapInput(100)}),
		spans: []span{{name: "Map state", from: "MapStateEntered", to: "MapStateExited"}}}
	return r.runDurable(ctx, p)
}

// durable is a phase of STANDARD executions of one state machine.
type durable struct {
	t       *target
	machine string
	body    []byte // StartExecution's request
	spans   []span // figures to read from the histories
}

// runDurable has the clients start executions until the budget is spent,
// then waits until none is running. The rate is executions (and state
// transitions) per second from the first start to the end of the last
// execution; the latency is StartExecution's.
func (r *runner) runDurable(ctx context.Context, p *durable) (*Result, error) {
	var arns collector
	op := func(ctx context.Context, _, _ int) error {
		arn, err := p.t.start(ctx, p.body)
		if err == nil {
			arns.add(arn)
		}
		return err
	}
	res := &Result{Unit: "execution"}
	m := startMeter(p.t.local())
	began := time.Now()
	s, acked := drive(ctx, r.opts.Clients, r.budget(), op)
	r.progress("%d started in %.2fs; waiting for them to finish", len(s.lat), acked.Seconds())
	wctx, cancel := context.WithTimeout(ctx, finishWithin)
	defer cancel()
	werr := p.t.waitIdle(wctx, p.machine, pollEvery)
	elapsed := time.Since(began)
	res.AllocsPerOp, res.BytesPerOp = m.stop(len(s.lat))
	if err := fill(res, s, elapsed); err != nil || werr != nil {
		return res, firstErr(err, werr)
	}
	res.add("StartExecution acks per second", perSecond(res.Ops, acked), "/s")
	if err := p.t.checkNoneFailed(ctx, p.machine); err != nil {
		return res, err
	}
	return res, r.historyFigures(ctx, p, res, arns.all)
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// span is a figure read from history timestamps: the time from the first
// event of type from to the first of type to (a leading '*' matches a
// suffix), less minus.
type span struct {
	name     string
	from, to string
	minus    time.Duration
}

// historyFigures reads a sample of the executions' histories and adds the
// state transitions per execution and per second and the spans' p50 and
// p99. Timestamps have millisecond precision.
func (r *runner) historyFigures(ctx context.Context, p *durable, res *Result, arns []string) error {
	spans := make([][]time.Duration, len(p.spans))
	transitions := 0
	for i, arn := range spread(arns, historySample) {
		evs, err := p.t.history(ctx, arn)
		if err != nil {
			return fmt.Errorf("history: %w", err)
		}
		if i == 0 {
			transitions = countTransitions(evs)
		}
		for j, sp := range p.spans {
			if d, ok := sp.measure(evs); ok {
				spans[j] = append(spans[j], d)
			}
		}
	}
	res.add("state transitions per execution", float64(transitions), "")
	res.headline = res.PerSecond * float64(transitions)
	res.add("state transitions per second", res.headline, "/s")
	for j, sp := range p.spans {
		if l := Summarize(spans[j]); l != nil {
			res.add(sp.name+" p50", l.P50, "ms")
			res.add(sp.name+" p99", l.P99, "ms")
		}
	}
	return nil
}

// countTransitions counts the states entered in a history.
func countTransitions(evs []event) int {
	n := 0
	for _, e := range evs {
		if isStateEntered(e.Type) {
			n++
		}
	}
	return n
}

// measure returns the span in a history, if both its events are there.
func (sp span) measure(evs []event) (time.Duration, bool) {
	a, ok1 := firstOf(evs, sp.from)
	b, ok2 := firstOf(evs, sp.to)
	if !ok1 || !ok2 {
		return 0, false
	}
	return b.time().Sub(a.time()) - sp.minus, true
}
