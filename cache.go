package stepwise

import (
	"context"
	"errors"
	"strings"
	"sync"
	"time"

	"github.com/stepwisehq/stepwise/store"
)

// machineCacheTTL is how long a state machine read is reused. AWS documents
// UpdateStateMachine as eventually consistent (executions started just
// after an update may run the previous definition), so a short cache keeps
// that behaviour while sparing every StartExecution a store read.
const machineCacheTTL = time.Second

// cachingStore is a store whose state machine reads are cached briefly.
type cachingStore struct {
	store.Store
	now func() time.Time
	mu  sync.Mutex
	m   map[string]cachedMachine
}

type cachedMachine struct {
	sm *store.StateMachine
	at time.Time
}

func newCachingStore(s store.Store, now func() time.Time) *cachingStore {
	return &cachingStore{Store: s, now: now, m: map[string]cachedMachine{}}
}

// StateMachineGet returns a copy of a cached record, or reads it.
func (c *cachingStore) StateMachineGet(ctx context.Context, arn string) (*store.StateMachine, error) {
	c.mu.Lock()
	e, ok := c.m[arn]
	c.mu.Unlock()
	if ok && c.now().Sub(e.at) < machineCacheTTL {
		cp := *e.sm
		return &cp, nil
	}
	sm, err := c.Store.StateMachineGet(ctx, arn)
	if err != nil {
		return nil, err
	}
	cp := *sm
	c.mu.Lock()
	c.m[arn] = cachedMachine{sm: &cp, at: c.now()}
	c.mu.Unlock()
	return sm, nil
}

func (c *cachingStore) forget(arn string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.m {
		if k == arn || strings.HasPrefix(k, arn+":") {
			delete(c.m, k)
		}
	}
}

// StateMachineCreate forgets a cached miss.
func (c *cachingStore) StateMachineCreate(ctx context.Context, sm *store.StateMachine) error {
	c.forget(sm.Arn)
	return c.Store.StateMachineCreate(ctx, sm)
}

// StateMachineUpdate forgets the record.
func (c *cachingStore) StateMachineUpdate(ctx context.Context, sm *store.StateMachine) error {
	defer c.forget(sm.Arn)
	return c.Store.StateMachineUpdate(ctx, sm)
}

// StateMachineDelete forgets the record, its versions and aliases.
func (c *cachingStore) StateMachineDelete(ctx context.Context, arn string) error {
	defer c.forget(arn)
	return c.Store.StateMachineDelete(ctx, arn)
}

var errNoMapRuns = errors.New("stepwise: the store keeps no Map Runs")

// MapRunGet passes through to a store that keeps Map Runs.
func (c *cachingStore) MapRunGet(ctx context.Context, arn string) (*store.MapRun, error) {
	if s, ok := c.Store.(store.MapRunStore); ok {
		return s.MapRunGet(ctx, arn)
	}
	return nil, errNoMapRuns
}

// MapRunList passes through to a store that keeps Map Runs.
func (c *cachingStore) MapRunList(ctx context.Context, executionArn, after string, limit int) ([]*store.MapRun, error) {
	if s, ok := c.Store.(store.MapRunStore); ok {
		return s.MapRunList(ctx, executionArn, after, limit)
	}
	return nil, errNoMapRuns
}

// MapRunUpdate passes through to a store that keeps Map Runs.
func (c *cachingStore) MapRunUpdate(ctx context.Context, run *store.MapRun) error {
	if s, ok := c.Store.(store.MapRunStore); ok {
		return s.MapRunUpdate(ctx, run)
	}
	return errNoMapRuns
}
