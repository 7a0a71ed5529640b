package bench

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// budget says how long a load phase runs: count operations in all, or for
// dur when count is 0.
type budget struct {
	count int
	dur   time.Duration
}

// maxFailures is how many failures in a row stop a worker: a server that
// refuses everything should not be hammered for the whole duration.
const maxFailures = 20

// operation is one timed call of a worker; i numbers the operations of the
// phase from 0.
type operation func(ctx context.Context, worker, i int) error

// loader runs one load phase.
type loader struct {
	b        budget
	op       operation
	next     atomic.Int64
	deadline time.Time
}

// drive runs op on clients goroutines until the budget is spent or ctx is
// done, timing each call. It returns the samples and the phase's elapsed
// time.
func drive(ctx context.Context, clients int, b budget, op operation) (*samples, time.Duration) {
	clients = max(clients, 1)
	if b.count > 0 {
		clients = min(clients, b.count)
	}
	l := &loader{b: b, op: op}
	parts := make([]*samples, clients)
	began := time.Now()
	l.deadline = began.Add(b.dur)
	var wg sync.WaitGroup
	for w := range parts {
		parts[w] = &samples{}
		wg.Go(func() { l.work(ctx, w, parts[w]) })
	}
	wg.Wait()
	return merge(parts), time.Since(began)
}

// work is one worker's loop.
func (l *loader) work(ctx context.Context, w int, s *samples) {
	failures := 0
	for ctx.Err() == nil {
		i, ok := l.take()
		if !ok {
			return
		}
		t0 := time.Now()
		err := l.op(ctx, w, i)
		s.add(time.Since(t0), err)
		if err == nil {
			failures = 0
		} else if failures++; failures >= maxFailures {
			return
		}
	}
}

// take returns the number of the next operation, or false when the budget
// is spent.
func (l *loader) take() (int, bool) {
	i := int(l.next.Add(1) - 1)
	if l.b.count > 0 {
		return i, i < l.b.count
	}
	return i, time.Now().Before(l.deadline)
}

// collector gathers strings (execution ARNs) from many workers.
type collector struct {
	mu  sync.Mutex
	all []string
}

func (c *collector) add(s string) {
	c.mu.Lock()
	c.all = append(c.all, s)
	c.mu.Unlock()
}

// spread returns up to k of items, evenly spaced from the first to the
// last.
func spread(items []string, k int) []string {
	if k <= 0 || len(items) == 0 {
		return nil
	}
	if len(items) <= k {
		return items
	}
	out := make([]string, k)
	for i := range out {
		out[i] = items[i*(len(items)-1)/max(k-1, 1)]
	}
	return out
}
