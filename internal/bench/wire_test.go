package bench

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestEventTime(t *testing.T) {
	t.Parallel()
	var e event
	if err := json.Unmarshal([]byte(`{"timestamp":1795668092.801,"type":"PassStateEntered","id":2}`), &e); err != nil {
		t.Fatal(err)
	}
	want := time.UnixMilli(1795668092801)
	if !e.time().Equal(want) {
		t.Errorf("time = %v, want %v", e.time(), want)
	}
}

func history(pairs ...any) []event {
	var evs []event
	for i := 0; i < len(pairs); i += 2 {
		evs = append(evs, event{Type: pairs[i].(string), Timestamp: pairs[i+1].(float64), ID: int64(i/2 + 1)})
	}
	return evs
}

func TestSpanAndTransitions(t *testing.T) {
	t.Parallel()
	evs := history("ExecutionStarted", 100.0, "PassStateEntered", 100.002, "PassStateExited", 100.002,
		"WaitStateEntered", 100.003, "WaitStateExited", 100.015, "PassStateEntered", 100.016, "ExecutionSucceeded", 100.02)
	tests := []struct {
		sp     span
		want   time.Duration
		wantOK bool
	}{
		{span{from: "ExecutionStarted", to: "*StateEntered"}, 2 * time.Millisecond, true},
		{span{from: "WaitStateEntered", to: "WaitStateExited", minus: 10 * time.Millisecond}, 2 * time.Millisecond, true},
		{span{from: "WaitStateEntered", to: "WaitStateExited", minus: 20 * time.Millisecond}, -8 * time.Millisecond, true},
		{span{from: "ExecutionStarted", to: "ExecutionSucceeded"}, 20 * time.Millisecond, true},
		{span{from: "MapStateEntered", to: "MapStateExited"}, 0, false},
		{span{from: "ExecutionStarted", to: "*Nothing"}, 0, false},
	}
	for _, tt := range tests {
		got, ok := tt.sp.measure(evs)
		if ok != tt.wantOK || got != tt.want {
			t.Errorf("%s to %s: %v %v, want %v %v", tt.sp.from, tt.sp.to, got, ok, tt.want, tt.wantOK)
		}
	}
	if n := countTransitions(evs); n != 3 {
		t.Errorf("transitions = %d, want 3", n)
	}
}

func TestMachinesAreJSON(t *testing.T) {
	t.Parallel()
	defs := map[string]string{
		"pass chain": passChain(10), "wait": waitMachine(3600), "map": mapMachine,
		"activity":  activityMachine(`arn:aws:states:us-east-1:123456789012:activity:a"b`),
		"map input": mapInput(100), "pass input": passInput,
	}
	for name, def := range defs {
		var v map[string]any
		if err := json.Unmarshal([]byte(def), &v); err != nil {
			t.Errorf("%s is not a JSON object: %v\n%s", name, err, def)
		}
	}
	var chain struct {
		States map[string]any
	}
	_ = json.Unmarshal([]byte(passChain(10)), &chain)
	if len(chain.States) != 10 {
		t.Errorf("pass chain has %d states", len(chain.States))
	}
	var in struct{ Items []any }
	_ = json.Unmarshal([]byte(mapInput(100)), &in)
	if len(in.Items) != 100 {
		t.Errorf("map input has %d items", len(in.Items))
	}
	if !strings.Contains(waitMachine(7), `"Seconds":7`) {
		t.Error("wait machine's seconds")
	}
}

func TestRandomUUID(t *testing.T) {
	t.Parallel()
	a, b := randomUUID(), randomUUID()
	if a == b || len(a) != 36 || a[14] != '4' || !strings.ContainsRune("89ab", rune(a[19])) || strings.Count(a, "-") != 4 {
		t.Errorf("randomUUID = %q, %q", a, b)
	}
}

func TestEpochTime(t *testing.T) {
	t.Parallel()
	b, _ := epochTime(time.UnixMilli(1795668092801)).MarshalJSON()
	if string(b) != "1795668092.801" {
		t.Errorf("epochTime = %s", b)
	}
}
