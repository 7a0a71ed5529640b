package bench

import (
	"math"
	"slices"
	"time"
)

// Latency summarises a set of durations in milliseconds.
type Latency struct {
	N    int     `json:"n"`
	Mean float64 `json:"mean"`
	P50  float64 `json:"p50"`
	P90  float64 `json:"p90"`
	P99  float64 `json:"p99"`
	Max  float64 `json:"max"`
}

// Percentile returns the nearest-rank p-th percentile (0 < p <= 100) of
// sorted, which must be in ascending order: the smallest sample that at
// least p percent of the samples do not exceed. It is 0 for no samples.
func Percentile(sorted []time.Duration, p float64) time.Duration {
	n := len(sorted)
	if n == 0 {
		return 0
	}
	rank := int(math.Ceil(p / 100 * float64(n)))
	return sorted[min(max(rank, 1), n)-1]
}

// Summarize returns the summary of ds (which it sorts in place); nil when
// ds is empty.
func Summarize(ds []time.Duration) *Latency {
	if len(ds) == 0 {
		return nil
	}
	slices.Sort(ds)
	var sum time.Duration
	for _, d := range ds {
		sum += d
	}
	return &Latency{
		N:    len(ds),
		Mean: ms(sum / time.Duration(len(ds))),
		P50:  ms(Percentile(ds, 50)),
		P90:  ms(Percentile(ds, 90)),
		P99:  ms(Percentile(ds, 99)),
		Max:  ms(ds[len(ds)-1]),
	}
}

// ms converts a duration to milliseconds, rounded to the microsecond.
func ms(d time.Duration) float64 {
	return math.Round(float64(d)/float64(time.Microsecond)) / 1000
}

// perSecond is n per elapsed second; 0 when nothing elapsed.
func perSecond(n int, elapsed time.Duration) float64 {
	if elapsed <= 0 {
		return 0
	}
	return float64(n) / elapsed.Seconds()
}

// samples collects one worker's latencies and failures. It is used by one
// goroutine at a time; merge joins the workers' samples.
type samples struct {
	lat   []time.Duration
	errs  int
	first error
}

func (s *samples) add(d time.Duration, err error) {
	if err != nil {
		s.errs++
		if s.first == nil {
			s.first = err
		}
		return
	}
	s.lat = append(s.lat, d)
}

// merge returns all of parts in one samples; the first error is the first
// part's that has one.
func merge(parts []*samples) *samples {
	out := &samples{}
	n := 0
	for _, p := range parts {
		n += len(p.lat)
	}
	out.lat = make([]time.Duration, 0, n)
	for _, p := range parts {
		out.lat = append(out.lat, p.lat...)
		out.errs += p.errs
		if out.first == nil {
			out.first = p.first
		}
	}
	return out
}
