package postgres_test

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stepwisehq/stepwise/history"
	"github.com/stepwisehq/stepwise/store"
	"github.com/stepwisehq/stepwise/store/postgres"
)

const lease = 400 * time.Millisecond

// join makes ns[i] node "n"+(first+i), with a lease of ttl.
func join(t *testing.T, ns []*postgres.Store, first int, ttl time.Duration) {
	t.Helper()
	for i, s := range ns {
		_, err := s.NodeJoin(t.Context(), fmt.Sprint("n", first+i), ttl)
		mustDo(t, "NodeJoin", err)
	}
}

func create(t *testing.T, s *postgres.Store, name string) *store.Execution {
	t.Helper()
	x := execRow(name)
	mustDo(t, "ExecutionCreate", s.ExecutionCreate(t.Context(), &store.ExecutionCreateParams{Execution: x,
		Events: []history.Event{ev(1)}}))
	return x
}

func step(arn string, id int64) []*store.Step {
	return []*store.Step{{Arn: arn, Events: []history.Event{ev(id)}, Snapshot: []byte("s")}}
}

func TestLeaseEpochsGrow(t *testing.T) {
	t.Parallel()
	s := nodes(t, 1)[0]
	ctx := t.Context()
	a, err := s.NodeJoin(ctx, "n", time.Minute)
	mustDo(t, "NodeJoin", err)
	b, err := s.NodeJoin(ctx, "n", time.Minute)
	mustDo(t, "NodeJoin again", err)
	if a.Epoch != 1 || b.Epoch != 2 || !b.Until.After(time.Now().Add(50*time.Second)) {
		t.Fatalf("leases %+v then %+v", a, b)
	}
	r, err := s.NodeRenew(ctx, 2*time.Minute)
	mustDo(t, "NodeRenew", err)
	if r.Epoch != 2 || !r.Until.After(b.Until) {
		t.Fatalf("renewed %+v after %+v", r, b)
	}
	if _, err := s.NodeJoin(ctx, "", time.Minute); err == nil {
		t.Fatal("NodeJoin with no name: no error")
	}
}

// TestLeaseLost: a node whose lease ended (it stalled) cannot renew it nor
// commit, and another node claims its executions.
func TestLeaseLost(t *testing.T) {
	t.Parallel()
	ns := nodes(t, 2)
	ctx := t.Context()
	join(t, ns[:1], 0, lease)
	x := create(t, ns[0], "stalled")
	join(t, ns[1:], 1, time.Minute)
	if got, err := ns[1].ExecutionClaim(ctx, 10); err != nil || len(got) != 0 {
		t.Fatalf("claim while the owner lives: %d executions, %v", len(got), err)
	}
	time.Sleep(lease + 100*time.Millisecond)
	if _, err := ns[0].NodeRenew(ctx, lease); !errors.Is(err, store.ErrFenced) {
		t.Fatalf("renew after the lease ended: %v, want ErrFenced", err)
	}
	if err := ns[0].ExecutionCommit(ctx, step(x.Arn, 2)); !errors.Is(err, store.ErrFenced) {
		t.Fatalf("commit after the lease ended: %v, want ErrFenced", err)
	}
	got, err := ns[1].ExecutionClaim(ctx, 10)
	mustDo(t, "ExecutionClaim", err)
	if len(got) != 1 || got[0].Arn != x.Arn || got[0].LastEventID != 1 {
		t.Fatalf("claimed %v", got)
	}
	mustDo(t, "commit by the new owner", ns[1].ExecutionCommit(ctx, step(x.Arn, 2)))
	// The stalled node joins again (a new epoch) and finds nothing to claim.
	join(t, ns[:1], 0, time.Minute)
	if got, _ := ns[0].ExecutionClaim(ctx, 10); len(got) != 0 {
		t.Fatalf("rejoined node claimed %d executions owned by a live lease", len(got))
	}
	if err := ns[0].ExecutionCommit(ctx, step(x.Arn, 3)); !errors.Is(err, store.ErrConflict) {
		t.Fatalf("commit to an execution another node owns: %v, want ErrConflict", err)
	}
	if _, err := ns[0].ExecutionReclaim(ctx, x.Arn); !errors.Is(err, store.ErrConflict) {
		t.Fatalf("reclaim of an execution a live lease owns: %v, want ErrConflict", err)
	}
}

// TestRejoinFreesOldEpoch: a node that restarts (joins again) can claim at
// once what its earlier epoch owned.
func TestRejoinFreesOldEpoch(t *testing.T) {
	t.Parallel()
	s := nodes(t, 1)[0]
	ctx := t.Context()
	join(t, []*postgres.Store{s}, 0, time.Minute)
	x := create(t, s, "restarted")
	join(t, []*postgres.Store{s}, 0, time.Minute)
	got, err := s.ExecutionClaim(ctx, 10)
	mustDo(t, "ExecutionClaim", err)
	if len(got) != 1 || got[0].Arn != x.Arn {
		t.Fatalf("claimed %v", got)
	}
	r, err := s.ExecutionReclaim(ctx, x.Arn)
	mustDo(t, "ExecutionReclaim own", err)
	if r.Arn != x.Arn {
		t.Fatalf("reclaimed %s", r.Arn)
	}
	if _, err := s.ExecutionReclaim(ctx, xArn+"none"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("reclaim unknown: %v", err)
	}
}

// TestClaimsSplit: nodes claiming at once never take the same execution,
// and together take them all.
func TestClaimsSplit(t *testing.T) {
	t.Parallel()
	ns := nodes(t, 4)
	ctx := t.Context()
	join(t, ns[:1], 0, lease)
	for i := range 60 {
		create(t, ns[0], fmt.Sprint("x", i))
	}
	join(t, ns[1:], 1, time.Minute)
	time.Sleep(lease + 100*time.Millisecond)
	var mu sync.Mutex
	var all []string
	var wg sync.WaitGroup
	for _, s := range ns[1:] {
		wg.Go(func() {
			for {
				got, err := s.ExecutionClaim(ctx, 7)
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				for _, x := range got {
					all = append(all, x.Arn)
				}
				mu.Unlock()
				if len(got) == 0 {
					return
				}
			}
		})
	}
	wg.Wait()
	slices.Sort(all)
	if len(all) != 60 || len(slices.Compact(all)) != 60 {
		t.Fatalf("claimed %d executions, %d distinct; want 60", len(all), len(slices.Compact(all)))
	}
}

// TestInbox: an input queued on any node reaches the owner's list, with a
// signal; a step consumes it.
func TestInbox(t *testing.T) {
	t.Parallel()
	ns := nodes(t, 2)
	ctx := t.Context()
	join(t, ns, 0, time.Minute)
	x := create(t, ns[0], "owned")
	sigs := make(chan store.Signal, 16)
	go func() { _ = ns[0].Listen(ctx, func(s store.Signal) { sigs <- s }) }()
	time.Sleep(200 * time.Millisecond) // LISTEN in force
	mustDo(t, "InboxAdd", ns[1].InboxAdd(ctx, &store.InboxMessage{ExecutionArn: x.Arn, Body: []byte("stop")}))
	if err := ns[1].InboxAdd(ctx, &store.InboxMessage{ExecutionArn: xArn + "none", Body: []byte("x")}); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("InboxAdd for an unknown execution: %v", err)
	}
	select {
	case s := <-sigs:
		if s != (store.Signal{Kind: store.SignalInbox, Key: "n0"}) {
			t.Fatalf("signal %+v", s)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no signal")
	}
	if got, _ := ns[1].InboxList(ctx, 10); len(got) != 0 {
		t.Fatalf("a node that does not own the execution lists %d messages", len(got))
	}
	got, err := ns[0].InboxList(ctx, 10)
	mustDo(t, "InboxList", err)
	if len(got) != 1 || string(got[0].Body) != "stop" || got[0].ExecutionArn != x.Arn {
		t.Fatalf("inbox %+v", got)
	}
	st := step(x.Arn, 2)
	st[0].Ended = &store.Ending{Status: store.StatusAborted, Stopped: t0}
	st[0].InboxDone = []int64{got[0].ID}
	mustDo(t, "commit", ns[0].ExecutionCommit(ctx, st))
	if got, _ := ns[0].InboxList(ctx, 10); len(got) != 0 {
		t.Fatalf("consumed message listed again: %+v", got)
	}
	select {
	case s := <-sigs:
		if s != (store.Signal{Kind: store.SignalEnded, Key: x.Arn}) {
			t.Fatalf("signal %+v", s)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no end signal")
	}
}

// TestMapChildrenGoWithTheirParent: a distributed Map's children are never
// claimed on their own, and the node that took their parent over commits
// their steps with the parent's.
func TestMapChildrenGoWithTheirParent(t *testing.T) {
	t.Parallel()
	ns := nodes(t, 2)
	ctx := t.Context()
	join(t, ns[:1], 0, lease)
	parent := create(t, ns[0], "parent")
	child := execRow("parent/m:c1")
	child.ParentArn, child.MapRunArn = parent.Arn, smArn+"/m:run"
	mustDo(t, "create child", ns[0].ExecutionCommit(ctx, []*store.Step{
		{Arn: parent.Arn, Events: []history.Event{ev(2)}},
		{Arn: child.Arn, Create: child, Events: []history.Event{ev(1)}}}))
	join(t, ns[1:], 1, time.Minute)
	time.Sleep(lease + 100*time.Millisecond)
	got, err := ns[1].ExecutionClaim(ctx, 10)
	mustDo(t, "ExecutionClaim", err)
	if len(got) != 1 || got[0].Arn != parent.Arn {
		t.Fatalf("claimed %d executions (%v), want the parent alone", len(got), got)
	}
	mustDo(t, "commit parent and child", ns[1].ExecutionCommit(ctx, []*store.Step{
		{Arn: parent.Arn, Events: []history.Event{ev(3)}},
		{Arn: child.Arn, Events: []history.Event{ev(2)}}}))
}
