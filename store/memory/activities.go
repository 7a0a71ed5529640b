package memory

import (
	"container/heap"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/stepwisehq/stepwise/store"
)

type tokenRow struct {
	tok     store.TaskToken
	seq     uint64 // order of addition, for tasks created at the same time
	claimed bool
	worker  string
	at      time.Time
	gone    bool // removed or replaced: dropped when it reaches a queue's head
}

// queue is an activity's unclaimed tasks, oldest first (a heap).
type queue []*tokenRow

func (q queue) Len() int { return len(q) }
func (q queue) Less(i, j int) bool {
	if c := q[i].tok.Created.Compare(q[j].tok.Created); c != 0 {
		return c < 0
	}
	return q[i].seq < q[j].seq
}
func (q queue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *queue) Push(x any)   { *q = append(*q, x.(*tokenRow)) }
func (q *queue) Pop() any {
	old := *q
	row := old[len(old)-1]
	old[len(old)-1] = nil
	*q = old[:len(old)-1]
	return row
}

// addToken adds or replaces a token; the caller holds the write lock.
func (s *Store) addToken(t *store.TaskToken) {
	if old, ok := s.tokens[t.Token]; ok {
		old.gone = true
	}
	s.seq++
	row := &tokenRow{tok: *t, seq: s.seq}
	s.tokens[t.Token] = row
	if t.ActivityArn == "" {
		return
	}
	q := s.queues[t.ActivityArn]
	if q == nil {
		q = &queue{}
		s.queues[t.ActivityArn] = q
	}
	heap.Push(q, row)
}

func (s *Store) removeToken(token string) {
	if row, ok := s.tokens[token]; ok {
		row.gone = true
		delete(s.tokens, token)
	}
}

// ActivityTaskClaim implements store.Activities.
func (s *Store) ActivityTaskClaim(_ context.Context, arn, worker string, now time.Time) (*store.TaskToken, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q := s.queues[arn]
	for q != nil && q.Len() > 0 {
		row := heap.Pop(q).(*tokenRow)
		if row.gone {
			continue
		}
		row.claimed, row.worker, row.at = true, worker, now
		if q.Len() == 0 {
			delete(s.queues, arn)
		}
		t := row.tok
		return &t, nil
	}
	delete(s.queues, arn)
	return nil, fmt.Errorf("activity task claim %s: %w", arn, store.ErrNotFound)
}

// ActivityCreate implements store.Activities.
func (s *Store) ActivityCreate(_ context.Context, a *store.Activity) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.activities[a.Arn]; ok {
		return fmt.Errorf("activity create %s: %w", a.Arn, store.ErrAlreadyExists)
	}
	s.activities[a.Arn] = *a
	return nil
}

// ActivityGet implements store.Activities.
func (s *Store) ActivityGet(_ context.Context, arn string) (*store.Activity, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	a, ok := s.activities[arn]
	if !ok {
		return nil, fmt.Errorf("activity get %s: %w", arn, store.ErrNotFound)
	}
	return &a, nil
}

// ActivityDelete implements store.Activities. It also removes the
// activity's tags; its queued tasks stay with their executions.
func (s *Store) ActivityDelete(_ context.Context, arn string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.activities[arn]; !ok {
		return fmt.Errorf("activity delete %s: %w", arn, store.ErrNotFound)
	}
	delete(s.activities, arn)
	delete(s.tags, arn)
	return nil
}

// ActivityList implements store.Activities, ordered by ARN.
func (s *Store) ActivityList(_ context.Context, p *store.ListParams) ([]*store.Activity, error) {
	s.mu.RLock()
	var out []*store.Activity
	for _, a := range s.activities {
		if p.After == "" || a.Arn > p.After {
			out = append(out, &a)
		}
	}
	s.mu.RUnlock()
	slices.SortFunc(out, func(a, b *store.Activity) int { return strings.Compare(a.Arn, b.Arn) })
	return limit(out, p.Limit), nil
}
