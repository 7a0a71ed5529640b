package bench

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestDriveRunsExactlyCountOperations(t *testing.T) {
	t.Parallel()
	tests := []struct{ clients, count int }{{1, 1}, {4, 10}, {16, 3}, {3, 100}, {0, 5}}
	for _, tt := range tests {
		var mu sync.Mutex
		seen := map[int]bool{}
		workers := map[int]bool{}
		s, _ := drive(t.Context(), tt.clients, budget{count: tt.count}, func(_ context.Context, w, i int) error {
			mu.Lock()
			defer mu.Unlock()
			if seen[i] {
				t.Errorf("operation %d ran twice", i)
			}
			seen[i], workers[w] = true, true
			return nil
		})
		if len(s.lat) != tt.count || len(seen) != tt.count {
			t.Errorf("clients %d count %d: %d samples, %d operations", tt.clients, tt.count, len(s.lat), len(seen))
		}
		if len(workers) > max(tt.clients, 1) {
			t.Errorf("clients %d: %d workers ran", tt.clients, len(workers))
		}
	}
}

func TestDriveStopsAtTheDeadline(t *testing.T) {
	t.Parallel()
	s, elapsed := drive(t.Context(), 2, budget{dur: 30 * time.Millisecond}, func(context.Context, int, int) error {
		time.Sleep(time.Millisecond)
		return nil
	})
	if len(s.lat) == 0 || elapsed < 30*time.Millisecond {
		t.Errorf("%d operations in %v", len(s.lat), elapsed)
	}
}

func TestDriveStopsAWorkerThatOnlyFails(t *testing.T) {
	t.Parallel()
	var calls atomic.Int64
	boom := errors.New("boom")
	s, _ := drive(t.Context(), 3, budget{dur: time.Minute}, func(context.Context, int, int) error {
		calls.Add(1)
		return boom
	})
	if s.errs != 3*maxFailures || int(calls.Load()) != 3*maxFailures || !errors.Is(s.first, boom) {
		t.Errorf("%d errors in %d calls (first %v), want %d", s.errs, calls.Load(), s.first, 3*maxFailures)
	}
}

func TestDriveKeepsGoingAfterOccasionalFailures(t *testing.T) {
	t.Parallel()
	s, _ := drive(t.Context(), 1, budget{count: 100}, func(_ context.Context, _, i int) error {
		if i%(maxFailures-1) == 0 {
			return errors.New("now and then")
		}
		return nil
	})
	if len(s.lat)+s.errs != 100 {
		t.Errorf("%d successes and %d errors, want 100 operations", len(s.lat), s.errs)
	}
}

func TestDriveStopsWhenTheContextEnds(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	s, elapsed := drive(ctx, 4, budget{dur: time.Minute}, func(_ context.Context, _, i int) error {
		if i == 20 {
			cancel()
		}
		return nil
	})
	if elapsed > 10*time.Second || len(s.lat) < 21 {
		t.Errorf("%d operations in %v after cancel", len(s.lat), elapsed)
	}
}

func TestFill(t *testing.T) {
	t.Parallel()
	res := &Result{}
	s := &samples{lat: durations(1, 2, 3, 4)}
	s.add(0, errors.New("one failure"))
	if err := fill(res, s, 2*time.Second); err != nil {
		t.Fatal(err)
	}
	if res.Ops != 4 || res.Errors != 1 || res.PerSecond != 2 || res.headline != 2 || res.Seconds != 2 ||
		res.Latency.P50 != 2 || res.FirstError != "one failure" {
		t.Errorf("fill = %+v", res)
	}
	empty := &samples{}
	empty.add(0, errors.New("all failed"))
	if err := fill(&Result{}, empty, time.Second); !errors.Is(err, errNoOps) {
		t.Errorf("no successes: error %v", err)
	}
	if err := fill(&Result{}, &samples{}, time.Second); !errors.Is(err, errNoOps) {
		t.Errorf("no operations: error %v", err)
	}
}
