package postgres_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/stepwisehq/stepwise/history"
	"github.com/stepwisehq/stepwise/internal/pgtest"
	"github.com/stepwisehq/stepwise/store"
	"github.com/stepwisehq/stepwise/store/postgres"
	"github.com/stepwisehq/stepwise/value"
)

// Behaviour that the shared suite leaves open, held to what the SQLite
// driver does.

func task(token string, created int) store.TaskToken {
	return store.TaskToken{Token: token, ExecutionArn: xArn, ActivityArn: actArn, Input: "{}",
		Created: t0.Add(time.Duration(created) * time.Second)}
}

func claimAll(t *testing.T, s store.Store) []string {
	t.Helper()
	var out []string
	for {
		tok, err := s.ActivityTaskClaim(t.Context(), actArn, "w", t0)
		if errors.Is(err, store.ErrNotFound) {
			return out
		}
		mustDo(t, "ActivityTaskClaim", err)
		out = append(out, tok.Token)
	}
}

// TestTokenAddedAgainIsQueuedAgain: adding a token that exists replaces it,
// unclaimed, behind the tasks as old as it.
func TestTokenAddedAgainIsQueuedAgain(t *testing.T) {
	t.Parallel()
	s := openFresh(t)
	defer s.Close()
	ctx := t.Context()
	x := execRow("")
	mustDo(t, "create", s.ExecutionCommit(ctx, []*store.Step{{Arn: x.Arn, Create: x,
		TokensAdded: []store.TaskToken{task("t1", 1), task("t2", 1)}}}))
	tok, err := s.ActivityTaskClaim(ctx, actArn, "w", t0)
	if err != nil || tok.Token != "t1" {
		t.Fatalf("first claim = %v, %v", tok, err)
	}
	again := task("t1", 1)
	again.Input, again.Op = `{"again":true}`, 9
	mustDo(t, "add again", s.ExecutionCommit(ctx, []*store.Step{{Arn: x.Arn, TokensAdded: []store.TaskToken{again}}}))
	if got := claimAll(t, s); strings.Join(got, ",") != "t2,t1" {
		t.Errorf("claims after adding t1 again = %v, want [t2 t1]", got)
	}
	got, err := s.TaskTokenGet(ctx, "t1")
	if err != nil || got.Input != again.Input || got.Op != 9 {
		t.Errorf("TaskTokenGet of the token added again = %+v, %v", got, err)
	}
}

// TestClaimSkipsLockedTasks: a task that another transaction holds (a
// claim in flight on another node) is passed over at once, not waited for.
func TestClaimSkipsLockedTasks(t *testing.T) {
	t.Parallel()
	dsn := pgtest.Start(t)
	s, err := postgres.Open(t.Context(), dsn, postgres.Options{})
	mustDo(t, "Open", err)
	defer s.Close()
	ctx := t.Context()
	x := execRow("")
	mustDo(t, "create", s.ExecutionCommit(ctx, []*store.Step{{Arn: x.Arn, Create: x,
		TokensAdded: []store.TaskToken{task("old", 1), task("new", 2)}}}))
	conn, err := pgx.Connect(ctx, dsn)
	mustDo(t, "connect", err)
	defer conn.Close(context.Background())
	tx, err := conn.Begin(ctx)
	mustDo(t, "begin", err)
	defer tx.Rollback(context.Background())
	_, err = tx.Exec(ctx, `SELECT FROM stepwise_task_tokens WHERE token = 'old' FOR UPDATE`)
	mustDo(t, "lock the oldest task", err)
	quick, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	tok, err := s.ActivityTaskClaim(quick, actArn, "w", t0)
	if err != nil || tok.Token != "new" {
		t.Fatalf("claim beside a locked task = %v, %v; want the newer task", tok, err)
	}
	if _, err := s.ActivityTaskClaim(quick, actArn, "w", t0); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("claim with only a locked task left = %v, want ErrNotFound", err)
	}
	mustDo(t, "rollback", tx.Rollback(ctx))
	if got := claimAll(t, s); strings.Join(got, ",") != "old" {
		t.Errorf("claims once the lock is gone = %v, want [old]", got)
	}
}

// TestNodesCreateTheSameExecution: nodes start one execution at once; one
// wins and the others get ErrAlreadyExists, with nothing of theirs kept.
func TestNodesCreateTheSameExecution(t *testing.T) {
	t.Parallel()
	ns := nodes(t, 2)
	ctx := t.Context()
	const racers = 6
	errs := make([]error, racers)
	var wg sync.WaitGroup
	for i := range racers {
		wg.Go(func() {
			x := execRow("same")
			x.Input = fmt.Sprint(i)
			errs[i] = ns[i%2].ExecutionCommit(ctx, []*store.Step{{Arn: x.Arn, Create: x,
				Events: []history.Event{ev(1)}, TokensAdded: []store.TaskToken{{Token: fmt.Sprint("tok", i), ExecutionArn: x.Arn}}}})
		})
	}
	wg.Wait()
	winner := -1
	for i, err := range errs {
		switch {
		case err == nil && winner < 0:
			winner = i
		case !errors.Is(err, store.ErrAlreadyExists):
			t.Errorf("racer %d: %v", i, err)
		}
	}
	if winner < 0 {
		t.Fatal("no racer created the execution")
	}
	got, err := ns[1].ExecutionGet(ctx, xArn+"same")
	if err != nil || got.Input != fmt.Sprint(winner) || got.LastEventID != 1 {
		t.Errorf("execution = %+v, %v; want racer %d's", got, err, winner)
	}
	for i := range racers {
		_, err := ns[0].TaskTokenGet(ctx, fmt.Sprint("tok", i))
		if (i == winner) != (err == nil) {
			t.Errorf("token of racer %d: %v", i, err)
		}
	}
}

// TestExecutionCreateFromLaterEvent: the first events of a new execution
// need not start at 1; LastEventID is the last one's.
func TestExecutionCreateFromLaterEvent(t *testing.T) {
	t.Parallel()
	s := openFresh(t)
	defer s.Close()
	ctx := t.Context()
	x := execRow("later")
	mustDo(t, "ExecutionCreate", s.ExecutionCreate(ctx, &store.ExecutionCreateParams{Execution: x,
		Events: []history.Event{ev(5), ev(6)}}))
	got, err := s.ExecutionGet(ctx, x.Arn)
	if err != nil || got.LastEventID != 6 {
		t.Fatalf("LastEventID = %+v, %v; want 6", got, err)
	}
	mustDo(t, "ExecutionCommit", s.ExecutionCommit(ctx, []*store.Step{{Arn: x.Arn, Events: []history.Event{ev(7)}}}))
	hist, err := s.HistoryGet(ctx, &store.HistoryParams{Arn: x.Arn, After: 5})
	if err != nil || len(hist) != 2 || hist[0].ID != 6 || hist[1].ID != 7 {
		t.Errorf("history after 5 = %v, %v", hist, err)
	}
	y := execRow("empty")
	y.LastEventID = 3
	mustDo(t, "ExecutionCreate without events", s.ExecutionCreate(ctx, &store.ExecutionCreateParams{Execution: y}))
	err = s.ExecutionCommit(ctx, []*store.Step{{Arn: y.Arn, Events: []history.Event{ev(1)}}})
	if !errors.Is(err, store.ErrConflict) {
		t.Errorf("a commit from event 1 after LastEventID 3 = %v, want ErrConflict", err)
	}
	mustDo(t, "ExecutionCommit from 4", s.ExecutionCommit(ctx, []*store.Step{{Arn: y.Arn, Events: []history.Event{ev(4)}}}))
}

// TestLargePayloads stores a snapshot and events of AWS's payload size
// (256 KiB), which PostgreSQL keeps out of line (TOAST).
func TestLargePayloads(t *testing.T) {
	t.Parallel()
	s := openFresh(t)
	defer s.Close()
	ctx := t.Context()
	big := value.MustParse(`{"data":"` + strings.Repeat("abcdefgh", 32<<10) + `"}`)
	snapshot := bytes.Repeat([]byte{0, 1, 2, 0xff}, 256<<10)
	x := execRow("big")
	x.Input = value.String(big)
	e := ev(1)
	e.Input = big
	mustDo(t, "ExecutionCreate", s.ExecutionCreate(ctx, &store.ExecutionCreateParams{Execution: x, Events: []history.Event{e}}))
	step := &store.Step{Arn: x.Arn, Snapshot: snapshot, Events: []history.Event{ev(2), ev(3)}}
	step.Events[1].Output, step.Events[1].HasOutput = big, true
	mustDo(t, "ExecutionCommit", s.ExecutionCommit(ctx, []*store.Step{step}))
	got, err := s.ExecutionGet(ctx, x.Arn)
	if err != nil || got.Input != x.Input || !bytes.Equal(got.Snapshot, snapshot) {
		t.Fatalf("execution with large payloads: %v (input %d bytes, snapshot %d bytes)", err, len(got.Input), len(got.Snapshot))
	}
	hist, err := s.HistoryGet(ctx, &store.HistoryParams{Arn: x.Arn})
	if err != nil || len(hist) != 3 || value.String(hist[0].Input) != x.Input || value.String(hist[2].Output) != x.Input {
		t.Errorf("history with large payloads: %d events, %v", len(hist), err)
	}
}

// TestHistoryOfExecutionWithoutEvents: an empty page of a known execution
// is not ErrNotFound.
func TestHistoryOfExecutionWithoutEvents(t *testing.T) {
	t.Parallel()
	s := openFresh(t)
	defer s.Close()
	x := execRow("none")
	mustDo(t, "ExecutionCreate", s.ExecutionCreate(t.Context(), &store.ExecutionCreateParams{Execution: x}))
	for _, p := range []store.HistoryParams{{Arn: x.Arn}, {Arn: x.Arn, Reverse: true}, {Arn: x.Arn, After: 7, Limit: 2}} {
		hist, err := s.HistoryGet(t.Context(), &p)
		if err != nil || len(hist) != 0 {
			t.Errorf("HistoryGet(%+v) = %v, %v; want no events", p, hist, err)
		}
	}
}
