package bench

import (
	"errors"
	"slices"
	"testing"
	"time"
)

func durations(ms ...int) []time.Duration {
	out := make([]time.Duration, len(ms))
	for i, m := range ms {
		out[i] = time.Duration(m) * time.Millisecond
	}
	return out
}

func TestPercentile(t *testing.T) {
	t.Parallel()
	hundred := make([]time.Duration, 100)
	for i := range hundred {
		hundred[i] = time.Duration(i+1) * time.Millisecond
	}
	tests := []struct {
		name   string
		sorted []time.Duration
		p      float64
		want   time.Duration
	}{
		{"empty", nil, 50, 0},
		{"one sample p50", durations(7), 50, 7 * time.Millisecond},
		{"one sample p99", durations(7), 99, 7 * time.Millisecond},
		{"two samples p50 is the lower", durations(1, 2), 50, time.Millisecond},
		{"two samples p51 is the upper", durations(1, 2), 51, 2 * time.Millisecond},
		{"hundred p50", hundred, 50, 50 * time.Millisecond},
		{"hundred p90", hundred, 90, 90 * time.Millisecond},
		{"hundred p99", hundred, 99, 99 * time.Millisecond},
		{"hundred p100", hundred, 100, 100 * time.Millisecond},
		{"ten p99 is the max", durations(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 99, 10 * time.Millisecond},
		{"ten p90", durations(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 90, 9 * time.Millisecond},
		{"p0 is the min", durations(3, 4, 5), 0, 3 * time.Millisecond},
		{"p above 100 is the max", durations(3, 4, 5), 150, 5 * time.Millisecond},
		{"negative p is the min", durations(3, 4, 5), -1, 3 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := Percentile(tt.sorted, tt.p); got != tt.want {
				t.Errorf("Percentile(%v, %v) = %v, want %v", tt.sorted, tt.p, got, tt.want)
			}
		})
	}
}

func TestSummarize(t *testing.T) {
	t.Parallel()
	if got := Summarize(nil); got != nil {
		t.Errorf("Summarize(nil) = %+v, want nil", got)
	}
	ds := durations(5, 1, 4, 2, 3)
	got := Summarize(ds)
	want := &Latency{N: 5, Mean: 3, P50: 3, P90: 5, P99: 5, Max: 5}
	if *got != *want {
		t.Errorf("Summarize = %+v, want %+v", got, want)
	}
	if !slices.IsSorted(ds) {
		t.Errorf("Summarize left %v unsorted", ds)
	}
	sub := Summarize([]time.Duration{1500 * time.Nanosecond, 2500 * time.Nanosecond})
	if sub.P50 != 0.002 || sub.Max != 0.003 || sub.Mean != 0.002 {
		t.Errorf("sub-millisecond summary = %+v, want microsecond-rounded milliseconds", sub)
	}
}

func TestPerSecond(t *testing.T) {
	t.Parallel()
	tests := []struct {
		n       int
		elapsed time.Duration
		want    float64
	}{
		{100, time.Second, 100},
		{100, 500 * time.Millisecond, 200},
		{5, 0, 0},
		{5, -time.Second, 0},
		{0, time.Second, 0},
	}
	for _, tt := range tests {
		if got := perSecond(tt.n, tt.elapsed); got != tt.want {
			t.Errorf("perSecond(%d, %v) = %v, want %v", tt.n, tt.elapsed, got, tt.want)
		}
	}
}

func TestSamplesMerge(t *testing.T) {
	t.Parallel()
	errA, errB := errors.New("a"), errors.New("b")
	a, b, c := &samples{}, &samples{}, &samples{}
	a.add(time.Millisecond, nil)
	b.add(0, errA)
	b.add(2*time.Millisecond, nil)
	b.add(0, errB)
	c.add(3*time.Millisecond, nil)
	m := merge([]*samples{a, b, c})
	if len(m.lat) != 3 || m.errs != 2 || !errors.Is(m.first, errA) {
		t.Errorf("merge = %d latencies, %d errors, first %v; want 3, 2, a", len(m.lat), m.errs, m.first)
	}
	if empty := merge(nil); len(empty.lat) != 0 || empty.errs != 0 || empty.first != nil {
		t.Errorf("merge(nil) = %+v", empty)
	}
}

func TestSpread(t *testing.T) {
	t.Parallel()
	items := []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}
	tests := []struct {
		items []string
		k     int
		want  []string
	}{
		{items, 0, nil},
		{nil, 3, nil},
		{items, 1, []string{"a"}},
		{items, 2, []string{"a", "j"}},
		{items, 4, []string{"a", "d", "g", "j"}},
		{items, 10, items},
		{items, 50, items},
	}
	for _, tt := range tests {
		if got := spread(tt.items, tt.k); !slices.Equal(got, tt.want) {
			t.Errorf("spread(%d items, %d) = %v, want %v", len(tt.items), tt.k, got, tt.want)
		}
	}
}
