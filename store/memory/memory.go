// Package memory is the in-memory storage driver: maps behind one mutex.
// It runs EXPRESS executions and tests. Records are copied in and out, so
// callers never share the store's state; history payloads (value.Value)
// are immutable and shared as they are.
//
// Nothing is ever evicted: a long-running process that keeps a memory store
// keeps every execution it was given.
package memory

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/stepwisehq/stepwise/store"
)

// Store is an in-memory store.Store. The zero value is not usable: call New.
type Store struct {
	mu         sync.RWMutex
	machines   map[string]*machineRow
	executions map[string]*execRow
	byMachine  map[string][]*execRow // executions by StateMachineArn
	byMapRun   map[string][]*execRow // executions by MapRunArn
	tokens     map[string]*tokenRow
	queues     map[string]*queue // unclaimed activity tasks by activity ARN
	activities map[string]store.Activity
	tags       map[string]map[string]string
	mapRuns    map[string]*store.MapRun
	seq        uint64 // orders tokens added at the same time
	epoch      uint64 // numbers ExecutionCommit calls, for execRow.mark
}

var _ store.Store = (*Store)(nil)

// New returns an empty store.
func New() *Store {
	return &Store{
		machines:   map[string]*machineRow{},
		executions: map[string]*execRow{},
		byMachine:  map[string][]*execRow{},
		byMapRun:   map[string][]*execRow{},
		tokens:     map[string]*tokenRow{},
		queues:     map[string]*queue{},
		activities: map[string]store.Activity{},
		tags:       map[string]map[string]string{},
		mapRuns:    map[string]*store.MapRun{},
	}
}

// Close does nothing: memory is released with the store.
func (s *Store) Close() error { return nil }

type machineRow struct {
	sm          store.StateMachine
	lastVersion int
}

// StateMachineCreate implements store.StateMachines.
func (s *Store) StateMachineCreate(_ context.Context, sm *store.StateMachine) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.machines[sm.Arn]; ok {
		return fmt.Errorf("state machine create %s: %w", sm.Arn, store.ErrAlreadyExists)
	}
	s.machines[sm.Arn] = &machineRow{sm: *sm}
	return nil
}

// StateMachineGet implements store.StateMachines.
func (s *Store) StateMachineGet(_ context.Context, arn string) (*store.StateMachine, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	row, ok := s.machines[arn]
	if !ok {
		return nil, fmt.Errorf("state machine get %s: %w", arn, store.ErrNotFound)
	}
	sm := row.sm
	return &sm, nil
}

// StateMachineUpdate implements store.StateMachines.
func (s *Store) StateMachineUpdate(_ context.Context, sm *store.StateMachine) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	row, ok := s.machines[sm.Arn]
	if !ok {
		return fmt.Errorf("state machine update %s: %w", sm.Arn, store.ErrNotFound)
	}
	row.sm = *sm
	return nil
}

// StateMachineDelete implements store.StateMachines. It also removes the
// tags of what it deletes.
func (s *Store) StateMachineDelete(_ context.Context, arn string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	row, ok := s.machines[arn]
	if !ok {
		return fmt.Errorf("state machine delete %s: %w", arn, store.ErrNotFound)
	}
	if row.sm.Kind == store.MachineKind {
		for a, child := range s.machines {
			if child.sm.Parent == arn {
				delete(s.machines, a)
				delete(s.tags, a)
			}
		}
	}
	delete(s.machines, arn)
	delete(s.tags, arn)
	return nil
}

// StateMachineList implements store.StateMachines.
func (s *Store) StateMachineList(_ context.Context, p *store.ListParams) ([]*store.StateMachine, error) {
	afterVersion, err := versionAfter(p)
	if err != nil {
		return nil, err
	}
	s.mu.RLock()
	var out []*store.StateMachine
	for _, row := range s.machines {
		if listed(&row.sm, p, afterVersion) {
			sm := row.sm
			out = append(out, &sm)
		}
	}
	s.mu.RUnlock()
	slices.SortFunc(out, func(a, b *store.StateMachine) int {
		if p.Kind == store.VersionKind {
			return b.Version - a.Version
		}
		return strings.Compare(a.Arn, b.Arn)
	})
	return limit(out, p.Limit), nil
}

// listed tells whether sm belongs on the page p asks for.
func listed(sm *store.StateMachine, p *store.ListParams, afterVersion int) bool {
	if sm.Kind != p.Kind || (p.Kind != store.MachineKind && sm.Parent != p.Parent) {
		return false
	}
	if p.Kind == store.VersionKind {
		return sm.Version < afterVersion
	}
	return p.After == "" || sm.Arn > p.After
}

// versionAfter returns the version number below which a page of versions
// starts: the number at the end of p.After's ARN.
func versionAfter(p *store.ListParams) (int, error) {
	if p.Kind != store.VersionKind || p.After == "" {
		return int(^uint(0) >> 1), nil
	}
	n, err := strconv.Atoi(p.After[strings.LastIndexByte(p.After, ':')+1:])
	if err != nil {
		return 0, fmt.Errorf("state machine list: %q is not a version ARN", p.After)
	}
	return n, nil
}

func limit[T any](xs []T, n int) []T {
	if n > 0 && len(xs) > n {
		return xs[:n]
	}
	return xs
}

// StateMachineNextVersion implements store.StateMachines.
func (s *Store) StateMachineNextVersion(_ context.Context, arn string) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	row, ok := s.machines[arn]
	if !ok || row.sm.Kind != store.MachineKind {
		return 0, fmt.Errorf("state machine next version %s: %w", arn, store.ErrNotFound)
	}
	row.lastVersion++
	return row.lastVersion, nil
}

// TagsSet implements store.Tags.
func (s *Store) TagsSet(_ context.Context, arn string, tags map[string]string) error {
	if len(tags) == 0 {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.tags[arn]
	if m == nil {
		m = make(map[string]string, len(tags))
		s.tags[arn] = m
	}
	maps.Copy(m, tags)
	return nil
}

// TagsRemove implements store.Tags.
func (s *Store) TagsRemove(_ context.Context, arn string, keys []string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.tags[arn]
	for _, k := range keys {
		delete(m, k)
	}
	if len(m) == 0 {
		delete(s.tags, arn)
	}
	return nil
}

// TagsGet implements store.Tags.
func (s *Store) TagsGet(_ context.Context, arn string) (map[string]string, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make(map[string]string, len(s.tags[arn]))
	maps.Copy(out, s.tags[arn])
	return out, nil
}
