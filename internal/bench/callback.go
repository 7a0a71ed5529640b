package bench

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"time"
)

// taskWait bounds one GetActivityTask long poll (the server answers with
// no task after 60 s).
const taskWait = 30 * time.Second

// callbackRun is the callback scenario's state: per worker latencies of
// the two halves of a round trip.
type callbackRun struct {
	t        *target
	activity string
	machine  string
	delivery [][]time.Duration // StartExecution sent -> task received
	ack      [][]time.Duration // SendTaskSuccess's latency
	arns     collector
}

// runCallback measures activity task round trips: each client starts an
// execution whose Task state runs on an activity, takes a task with
// GetActivityTask (its own or another client's) and completes it with
// SendTaskSuccess. The latency is the whole round trip.
func runCallback(ctx context.Context, r *runner) (*Result, error) {
	t, err := r.target(ctx, 1)
	if err != nil {
		return nil, err
	}
	cb := &callbackRun{t: t, delivery: make([][]time.Duration, r.opts.Clients), ack: make([][]time.Duration, r.opts.Clients)}
	if cb.activity, err = t.createActivity(ctx, "callback"); err != nil {
		return nil, err
	}
	if cb.machine, err = t.createMachine(ctx, "callback", activityMachine(cb.activity), "STANDARD"); err != nil {
		return nil, err
	}
	res := &Result{Unit: "round trip"}
	m := startMeter(t.local())
	s, elapsed := drive(ctx, r.opts.Clients, r.budget(), cb.roundTrip)
	res.AllocsPerOp, res.BytesPerOp = m.stop(len(s.lat))
	if err := fill(res, s, elapsed); err != nil {
		return res, err
	}
	cb.addFigures(res)
	wctx, cancel := context.WithTimeout(ctx, finishWithin)
	defer cancel()
	if err := t.waitIdle(wctx, cb.machine, pollEvery); err != nil {
		return res, err
	}
	if err := t.checkNoneFailed(ctx, cb.machine); err != nil {
		return res, err
	}
	p := &durable{t: t, machine: cb.machine, spans: []span{
		{name: "ActivityScheduled to ActivitySucceeded", from: "ActivityScheduled", to: "ActivitySucceeded"},
	}}
	return res, r.historyFigures(ctx, p, res, cb.arns.all)
}

// roundTrip is one client's StartExecution, GetActivityTask and
// SendTaskSuccess.
func (cb *callbackRun) roundTrip(ctx context.Context, w, _ int) error {
	sent := time.Now()
	body := mustJSON(startIn{StateMachineArn: cb.machine, Input: `{"sent":` + strconv.FormatInt(sent.UnixNano(), 10) + `}`})
	arn, err := cb.t.start(ctx, body)
	if err != nil {
		return err
	}
	cb.arns.add(arn)
	task, err := cb.take(ctx, w)
	if err != nil {
		return err
	}
	if d, ok := sinceSent(task.Input); ok {
		cb.delivery[w] = append(cb.delivery[w], d)
	}
	t0 := time.Now()
	if err := cb.t.c.Call(ctx, "SendTaskSuccess", successIn{TaskToken: task.TaskToken, Output: `{"done":true}`}, nil); err != nil {
		return err
	}
	cb.ack[w] = append(cb.ack[w], time.Since(t0))
	return nil
}

// take waits for a task of the activity.
func (cb *callbackRun) take(ctx context.Context, w int) (*taskOut, error) {
	tctx, cancel := context.WithTimeout(ctx, taskWait)
	defer cancel()
	var task taskOut
	in := taskIn{ActivityArn: cb.activity, WorkerName: "bench-" + strconv.Itoa(w)}
	if err := cb.t.c.Call(tctx, "GetActivityTask", in, &task); err != nil {
		return nil, err
	}
	if task.TaskToken == "" {
		return nil, errors.New("GetActivityTask: no task")
	}
	return &task, nil
}

// sinceSent reads the start time a task's input carries and returns how
// long ago it was.
func sinceSent(input string) (time.Duration, bool) {
	var in struct {
		Sent int64 `json:"sent"`
	}
	if err := json.Unmarshal([]byte(input), &in); err != nil || in.Sent == 0 {
		return 0, false
	}
	return time.Since(time.Unix(0, in.Sent)), true
}

// addFigures adds the round trips' halves.
func (cb *callbackRun) addFigures(res *Result) {
	for _, part := range []struct {
		name string
		ds   [][]time.Duration
	}{{"task delivery (start sent to task received)", cb.delivery}, {"SendTaskSuccess", cb.ack}} {
		var all []time.Duration
		for _, d := range part.ds {
			all = append(all, d...)
		}
		if l := Summarize(all); l != nil {
			res.add(part.name+" p50", l.P50, "ms")
			res.add(part.name+" p99", l.P99, "ms")
		}
	}
}
