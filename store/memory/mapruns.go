package memory

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/stepwisehq/stepwise/store"
)

var _ store.MapRunStore = (*Store)(nil)

// MapRunGet implements store.MapRunStore.
func (s *Store) MapRunGet(_ context.Context, arn string) (*store.MapRun, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	r, ok := s.mapRuns[arn]
	if !ok {
		return nil, fmt.Errorf("map run get %s: %w", arn, store.ErrNotFound)
	}
	out := *r
	return &out, nil
}

// MapRunList implements store.MapRunStore.
func (s *Store) MapRunList(_ context.Context, executionArn, after string, limit int) ([]*store.MapRun, error) {
	s.mu.RLock()
	var runs []*store.MapRun
	for _, r := range s.mapRuns {
		if r.ExecutionArn == executionArn {
			c := *r
			runs = append(runs, &c)
		}
	}
	s.mu.RUnlock()
	slices.SortFunc(runs, func(a, b *store.MapRun) int {
		if c := a.Started.Compare(b.Started); c != 0 {
			return c
		}
		return strings.Compare(a.Arn, b.Arn)
	})
	if after != "" {
		i := slices.IndexFunc(runs, func(r *store.MapRun) bool { return r.Arn == after })
		runs = runs[i+1:]
	}
	if limit > 0 && len(runs) > limit {
		runs = runs[:limit]
	}
	return runs, nil
}

// MapRunUpdate implements store.MapRunStore.
func (s *Store) MapRunUpdate(_ context.Context, run *store.MapRun) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.mapRuns[run.Arn]; !ok {
		return fmt.Errorf("map run update %s: %w", run.Arn, store.ErrNotFound)
	}
	c := *run
	s.mapRuns[run.Arn] = &c
	return nil
}
