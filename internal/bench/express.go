package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// runExpressPass measures StartSyncExecution of the 10-state Pass chain.
func runExpressPass(ctx context.Context, r *runner) (*Result, error) {
	t, err := r.target(ctx, 1)
	if err != nil {
		return nil, err
	}
	arn, err := t.createMachine(ctx, "express-pass", passChain(10), "EXPRESS")
	if err != nil {
		return nil, err
	}
	body := mustJSON(startIn{StateMachineArn: arn, Input: passInput})
	return r.syncLoad(ctx, t.c, t.local(), body)
}

// syncLoad drives StartSyncExecution calls of body that must succeed.
func (r *runner) syncLoad(ctx context.Context, c *Client, local bool, body []byte) (*Result, error) {
	op := func(ctx context.Context, _, _ int) error { return startSync(ctx, c, body) }
	if err := r.warm(ctx, op); err != nil {
		return nil, err
	}
	res := &Result{Unit: "execution"}
	m := startMeter(local)
	s, elapsed := drive(ctx, r.opts.Clients, r.budget(), op)
	res.AllocsPerOp, res.BytesPerOp = m.stop(len(s.lat) + s.errs)
	return res, fill(res, s, elapsed)
}

// warm runs a few operations before a measured phase (connections, caches),
// and fails when none succeeds.
func (r *runner) warm(ctx context.Context, op operation) error {
	s, _ := drive(ctx, r.opts.Clients, budget{count: 4 * r.opts.Clients}, op)
	if len(s.lat) == 0 && s.first != nil {
		return fmt.Errorf("warm-up: %w", s.first)
	}
	return nil
}

// startSync runs one execution with StartSyncExecution; it must succeed.
func startSync(ctx context.Context, c *Client, body []byte) error {
	var out syncOut
	if err := c.Call(ctx, "StartSyncExecution", body, &out); err != nil {
		return err
	}
	if out.Status != "SUCCEEDED" {
		return fmt.Errorf("execution %s: %s: %s", out.Status, out.Error, out.Cause)
	}
	return nil
}

// runBaselineHTTP drives a bare net/http server that decodes the same
// request as express-pass and encodes a reply of the same shape, with the
// same client and concurrency: the floor of any JSON API on this machine.
func runBaselineHTTP(ctx context.Context, r *runner) (*Result, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	hs := &http.Server{Handler: http.HandlerFunc(baselineHandler), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = hs.Serve(ln) }()
	r.cleanups = append(r.cleanups, func() { _ = hs.Close() })
	c := NewClient("http://"+ln.Addr().String(), r.opts.Clients)
	r.cleanups = append(r.cleanups, c.Close)
	arn := "arn:aws:states:us-east-1:123456789012:stateMachine:bench-baseline"
	return r.syncLoad(ctx, c, true, mustJSON(startIn{StateMachineArn: arn, Input: passInput}))
}

// baselineIn is StartSyncExecution's request as the baseline decodes it.
type baselineIn struct {
	StateMachineArn string  `json:"stateMachineArn"`
	Name            string  `json:"name,omitempty"`
	Input           *string `json:"input,omitempty"`
	TraceHeader     string  `json:"traceHeader,omitempty"`
}

// baselineOut is a reply shaped like StartSyncExecution's.
type baselineOut struct {
	ExecutionArn    string    `json:"executionArn"`
	StateMachineArn string    `json:"stateMachineArn"`
	Name            string    `json:"name"`
	StartDate       epochTime `json:"startDate"`
	StopDate        epochTime `json:"stopDate"`
	Status          string    `json:"status"`
	Input           string    `json:"input"`
	InputDetails    included  `json:"inputDetails"`
	Output          string    `json:"output"`
	OutputDetails   included  `json:"outputDetails"`
	BillingDetails  billing   `json:"billingDetails"`
}

type included struct {
	Included bool `json:"included"`
}

type billing struct {
	Duration int64 `json:"billedDurationInMilliseconds"`
	Memory   int64 `json:"billedMemoryUsedInMB"`
}

// epochTime marshals as the AWS JSON protocol's timestamps: epoch seconds
// with millisecond decimals.
type epochTime time.Time

func (t epochTime) MarshalJSON() ([]byte, error) {
	ms := time.Time(t).UnixMilli()
	return strconv.AppendFloat(nil, float64(ms)/1000, 'f', 3, 64), nil
}

// baselineHandler answers every request as a successful
// StartSyncExecution whose output is its input.
func baselineHandler(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("x-amzn-RequestId", randomUUID())
	if r.Method != http.MethodPost || !strings.HasPrefix(r.Header.Get("X-Amz-Target"), targetPrefix) {
		http.Error(w, `{"__type":"UnknownOperationException"}`, http.StatusBadRequest)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 1<<20))
	var in baselineIn
	if err == nil {
		err = json.Unmarshal(body, &in)
	}
	if err == nil && in.Input == nil {
		err = errors.New("no input")
	}
	if err != nil {
		http.Error(w, `{"__type":"SerializationException"}`, http.StatusBadRequest)
		return
	}
	writeBaseline(w, baselineReply(&in))
}

func baselineReply(in *baselineIn) *baselineOut {
	now := time.Now()
	name := randomUUID()
	return &baselineOut{
		ExecutionArn:    strings.Replace(in.StateMachineArn, ":stateMachine:", ":express:", 1) + ":" + name + ":" + randomUUID(),
		StateMachineArn: in.StateMachineArn, Name: name, StartDate: epochTime(now), StopDate: epochTime(now),
		Status: "SUCCEEDED", Input: *in.Input, InputDetails: included{true},
		Output: *in.Input, OutputDetails: included{true}, BillingDetails: billing{100, 64},
	}
}

func writeBaseline(w http.ResponseWriter, out *baselineOut) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		http.Error(w, `{"__type":"InternalFailure"}`, http.StatusInternalServerError)
		return
	}
	body := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	h := w.Header()
	h.Set("Content-Type", contentType[0])
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

// randomUUID returns a random version 4 UUID.
func randomUUID() string {
	s := randomHex(16)
	b := []byte(s)
	b[12] = '4'
	b[16] = "89ab"[b[16]%4]
	return string(b[:8]) + "-" + string(b[8:12]) + "-" + string(b[12:16]) + "-" + string(b[16:20]) + "-" + string(b[20:])
}
