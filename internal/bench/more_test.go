package bench

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestResultRow(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		res  Result
		want []string
	}{
		{"skipped", Result{Scenario: "idle-waiting", Skipped: "endpoint"}, []string{"idle-waiting", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-"}},
		{"failed before any operation", Result{Scenario: "callback", Failed: "boom"}, []string{"callback", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-"}},
		{"failed after some", Result{Scenario: "callback", Unit: "round trip", Ops: 3, PerSecond: 1.5, Failed: "late", Errors: 2},
			[]string{"callback", "round trip", "3", "1.500", "-", "-", "-", "-", "-", "-", "2"}},
		{"full", Result{Scenario: "express-pass", Unit: "execution", Ops: 1000, PerSecond: 2000,
			Latency: &Latency{P50: 0.5, P90: 1, P99: 12.26, Max: 150}, AllocsPerOp: 257.4, BytesPerOp: 43000},
			[]string{"express-pass", "execution", "1000", "2000", "0.500", "1.000", "12.3", "150", "257", "43000", "0"}},
		{"no rate", Result{Scenario: "startup", Unit: "restart", Ops: 3},
			[]string{"startup", "restart", "3", "-", "-", "-", "-", "-", "-", "-", "0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := strings.Split(strings.TrimSuffix(tt.res.row(), "\t"), "\t")
			if !slices.Equal(got, tt.want) {
				t.Errorf("row = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFigureSuffix(t *testing.T) {
	t.Parallel()
	tests := []struct {
		f    Figure
		want string
	}{
		{Figure{Value: 1}, ""},
		{Figure{Value: 1, Unit: "ms"}, " ms"},
		{Figure{Value: 0.6, Target: 0.5}, " (target >= 0.500: met)"},
		{Figure{Value: 0.5, Target: 0.5}, " (target >= 0.500: met)"},
		{Figure{Value: 4, Target: 5}, " (target >= 5.000: NOT met)"},
		{Figure{Value: 4, Target: 5, Low: 3, High: 9}, " (rounds: 3.000 to 9.000) (target >= 5.000: NOT met)"},
		{Figure{Value: 4, Low: 4, High: 4}, ""},
	}
	for _, tt := range tests {
		if got := tt.f.suffix(); got != tt.want {
			t.Errorf("suffix(%+v) = %q, want %q", tt.f, got, tt.want)
		}
	}
}

func TestWriteTextOfNothing(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := (&Report{Clients: 1, Duration: 5}).WriteText(&buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "scenario") || strings.Count(buf.String(), "\n") != 3 {
		t.Errorf("empty report:\n%s", buf.String())
	}
}

// TestSummarizeMatchesASortedIndex checks the percentiles of random data
// against a direct reading of the sorted samples.
func TestSummarizeMatchesASortedIndex(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	for range 50 {
		n := 1 + rng.IntN(500)
		ds := make([]time.Duration, n)
		for i := range ds {
			ds[i] = time.Duration(rng.Int64N(int64(time.Second)))
		}
		sorted := slices.Sorted(slices.Values(ds))
		l := Summarize(ds)
		for _, c := range []struct {
			p   float64
			got float64
		}{{50, l.P50}, {90, l.P90}, {99, l.P99}} {
			want := sorted[max(int((c.p*float64(n)+99)/100)-1, 0)]
			if c.got != ms(want) {
				t.Fatalf("n=%d p%v = %v, want %v", n, c.p, c.got, ms(want))
			}
		}
		if l.Max != ms(sorted[n-1]) || l.N != n || l.P50 > l.P90 || l.P90 > l.P99 || l.P99 > l.Max {
			t.Fatalf("n=%d summary %+v", n, l)
		}
	}
}

func FuzzPercentile(f *testing.F) {
	f.Add(int64(1), int64(2), int64(3), 50.0)
	f.Add(int64(-5), int64(0), int64(9), 99.9)
	f.Fuzz(func(t *testing.T, a, b, c int64, p float64) {
		ds := []time.Duration{time.Duration(a), time.Duration(b), time.Duration(c)}
		slices.Sort(ds)
		got := Percentile(ds, p)
		if !slices.Contains(ds, got) {
			t.Fatalf("Percentile(%v, %v) = %v, not a sample", ds, p, got)
		}
	})
}

func TestCollectorIsSafeForConcurrentUse(t *testing.T) {
	t.Parallel()
	var c collector
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for j := range 100 {
				c.add(strings.Repeat("x", i) + string(rune('a'+j%26)))
			}
		})
	}
	wg.Wait()
	if len(c.all) != 800 {
		t.Errorf("%d collected, want 800", len(c.all))
	}
}

func TestLoaderTakeAfterTheDeadline(t *testing.T) {
	t.Parallel()
	l := &loader{b: budget{dur: time.Second}, deadline: time.Now().Add(-time.Second)}
	if _, ok := l.take(); ok {
		t.Error("an operation after the deadline")
	}
	l = &loader{b: budget{count: 2}}
	got := []bool{}
	for range 3 {
		_, ok := l.take()
		got = append(got, ok)
	}
	if !slices.Equal(got, []bool{true, true, false}) {
		t.Errorf("take with count 2 = %v", got)
	}
}

func TestClientSharesOneHeaderPerAction(t *testing.T) {
	t.Parallel()
	c := NewClient("http://127.0.0.1:1/", 1)
	a, b := c.header("StartExecution"), c.header("StartExecution")
	if &a["X-Amz-Target"][0] != &b["X-Amz-Target"][0] {
		t.Error("the header of an action is built twice")
	}
	if c.header("DescribeExecution").Get("X-Amz-Target") != "AWSStepFunctions.DescribeExecution" {
		t.Error("header of another action")
	}
	if !slices.Equal(c.urls, []string{"http://127.0.0.1:1/"}) {
		t.Errorf("urls %q", c.urls)
	}
	if got := NewClient("http://h:2", 0).urls; !slices.Equal(got, []string{"http://h:2/"}) {
		t.Errorf("the endpoint without a slash: %q", got)
	}
	if got := NewClient("http://a:1, http://b:2/", 1).urls; !slices.Equal(got, []string{"http://a:1/", "http://b:2/"}) {
		t.Errorf("a list of endpoints: %q", got)
	}
}

func TestClientDropsLargeBuffers(t *testing.T) {
	t.Parallel()
	c := NewClient("http://127.0.0.1:1", 1)
	big := bytes.NewBuffer(make([]byte, 0, 2<<20))
	c.release(big)
	small := bytes.NewBufferString("left over")
	c.release(small)
	if small.Len() != 0 {
		t.Error("a released buffer keeps its bytes")
	}
}

func TestMachinesShapes(t *testing.T) {
	t.Parallel()
	one := passChain(1)
	if !strings.Contains(one, `"S0":{`) || !strings.Contains(one, `"End":true`) || strings.Contains(one, `"Next"`) {
		t.Errorf("passChain(1) = %s", one)
	}
	if got := activityMachine(`a"b`); !strings.Contains(got, `"Resource":"a\"b"`) {
		t.Errorf("activityMachine does not quote its ARN: %s", got)
	}
	if mapInput(0) != `{"items":[]}` {
		t.Errorf("mapInput(0) = %s", mapInput(0))
	}
}

func TestIsStateEntered(t *testing.T) {
	t.Parallel()
	for typ, want := range map[string]bool{
		"PassStateEntered": true, "MapStateEntered": true, "TaskStateEntered": true,
		"PassStateExited": false, "ExecutionStarted": false, "MapIterationStarted": false, "": false,
	} {
		if isStateEntered(typ) != want {
			t.Errorf("isStateEntered(%q) != %v", typ, want)
		}
	}
	evs := []event{{Type: "ExecutionStarted", ID: 1}, {Type: "WaitStateEntered", ID: 2}, {Type: "PassStateEntered", ID: 3}}
	if e, ok := firstOf(evs, "*StateEntered"); !ok || e.ID != 2 {
		t.Errorf("firstOf *StateEntered = %+v", e)
	}
	if e, ok := firstOf(evs, "PassStateEntered"); !ok || e.ID != 3 {
		t.Errorf("firstOf PassStateEntered = %+v", e)
	}
	if _, ok := firstOf(evs, "StateEntered"); ok {
		t.Error("an exact type matched a suffix")
	}
}

func TestRunReportFields(t *testing.T) {
	t.Parallel()
	rep, err := Run(t.Context(), Options{Scenarios: []string{"fsync-baseline"}, Count: 3, Data: t.TempDir(), Clients: 5})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Count != 3 || rep.Duration != 0 || rep.Rounds != 1 || rep.Clients != 5 || rep.CPUs <= 0 ||
		rep.GoVersion == "" || !strings.Contains(rep.Platform, "/") || len(rep.Results) != 1 {
		t.Errorf("report %+v", rep)
	}
	if res := rep.Results[0]; res.Ops != 3 || res.Unit != "commit" || res.Failed != "" {
		t.Errorf("fsync-baseline %+v", res)
	}
}

func TestBaselineReply(t *testing.T) {
	t.Parallel()
	in := "{}"
	out := baselineReply(&baselineIn{StateMachineArn: "arn:aws:states:r:1:stateMachine:m", Input: &in})
	if !strings.HasPrefix(out.ExecutionArn, "arn:aws:states:r:1:express:m:"+out.Name+":") || out.Output != in ||
		out.Status != "SUCCEEDED" || !out.InputDetails.Included {
		t.Errorf("reply %+v", out)
	}
}
