package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/stepwisehq/stepwise/history"
	"github.com/stepwisehq/stepwise/internal/pgtest"
	"github.com/stepwisehq/stepwise/store"
	"github.com/stepwisehq/stepwise/store/postgres"
	"github.com/stepwisehq/stepwise/store/storetest"
)

// nodes opens n stores on one new database, as n Stepwise nodes would.
func nodes(t *testing.T, n int) []*postgres.Store {
	t.Helper()
	dsn := pgtest.Start(t)
	out := make([]*postgres.Store, n)
	for i := range out {
		s, err := postgres.Open(t.Context(), dsn, postgres.Options{})
		mustDo(t, "Open", err)
		t.Cleanup(func() { _ = s.Close() })
		out[i] = s
	}
	return out
}

func execRow(name string) *store.Execution {
	return &store.Execution{Arn: xArn + name, StateMachineArn: smArn, Name: name, Status: store.StatusRunning,
		Input: "{}", Started: t0}
}

// TestNodesRaceForAStep: nodes commit the same step of one execution at
// once; exactly one wins, and every node sees its history.
func TestNodesRaceForAStep(t *testing.T) {
	t.Parallel()
	ns := nodes(t, 2)
	ctx := t.Context()
	x := execRow("race")
	mustDo(t, "ExecutionCreate", ns[0].ExecutionCreate(ctx, &store.ExecutionCreateParams{Execution: x,
		Events: []history.Event{ev(1)}}))
	for round := int64(2); round < 6; round++ {
		var wins, conflicts atomic.Int32
		var wg sync.WaitGroup
		for i := range 8 {
			wg.Go(func() {
				step := &store.Step{Arn: x.Arn, Events: []history.Event{ev(round)}, Snapshot: fmt.Append(nil, i)}
				switch err := ns[i%2].ExecutionCommit(ctx, []*store.Step{step}); {
				case err == nil:
					wins.Add(1)
				case errors.Is(err, store.ErrConflict):
					conflicts.Add(1)
				default:
					t.Errorf("ExecutionCommit: %v", err)
				}
			})
		}
		wg.Wait()
		if wins.Load() != 1 || conflicts.Load() != 7 {
			t.Fatalf("round %d: %d commits won and %d conflicted, want 1 and 7", round, wins.Load(), conflicts.Load())
		}
	}
	for i, n := range ns {
		hist, err := n.HistoryGet(ctx, &store.HistoryParams{Arn: x.Arn})
		if err != nil || len(hist) != 5 {
			t.Errorf("node %d: history of %d events, %v; want 5", i, len(hist), err)
		}
	}
}

// TestNodesClaimTasks: workers on several nodes drain one activity's queue;
// each task goes to exactly one of them.
func TestNodesClaimTasks(t *testing.T) {
	t.Parallel()
	ns := nodes(t, 3)
	ctx := t.Context()
	x := execRow("tasks")
	const tasks = 120
	var queued []store.TaskToken
	for i := range tasks {
		queued = append(queued, store.TaskToken{Token: fmt.Sprint("task-", i), ExecutionArn: x.Arn, Op: uint64(i),
			ActivityArn: actArn, Input: "{}", Created: t0})
	}
	mustDo(t, "ExecutionCommit", ns[0].ExecutionCommit(ctx, []*store.Step{{Arn: x.Arn, Create: x, TokensAdded: queued}}))
	var mu sync.Mutex
	claimed := map[string]int{}
	perNode := make([]int, len(ns))
	var wg sync.WaitGroup
	for w := range 4 * len(ns) {
		wg.Go(func() {
			node := w % len(ns)
			for {
				tok, err := ns[node].ActivityTaskClaim(ctx, actArn, fmt.Sprint("w", w), t0)
				if errors.Is(err, store.ErrNotFound) {
					return
				}
				if err != nil {
					t.Errorf("ActivityTaskClaim: %v", err)
					return
				}
				mu.Lock()
				claimed[tok.Token]++
				perNode[node]++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	storetest.CheckClaimedOnce(t, claimed, tasks)
	t.Logf("tasks claimed per node: %v", perNode)
}

// TestCommitsDoNotDeadlock commits batches that name the same executions in
// opposite orders, at once: the store locks them in ARN order.
func TestCommitsDoNotDeadlock(t *testing.T) {
	t.Parallel()
	ns := nodes(t, 2)
	ctx := t.Context()
	x, y := execRow("x"), execRow("y")
	mustDo(t, "ExecutionCommit", ns[0].ExecutionCommit(ctx, []*store.Step{{Arn: x.Arn, Create: x}, {Arn: y.Arn, Create: y}}))
	var wg sync.WaitGroup
	for i, order := range [][]*store.Execution{{x, y}, {y, x}} {
		wg.Go(func() {
			for round := range 40 {
				batch := make([]*store.Step, len(order))
				for j, e := range order {
					batch[j] = &store.Step{Arn: e.Arn, Snapshot: fmt.Append(nil, i, round),
						TokensAdded: []store.TaskToken{{Token: fmt.Sprint(e.Name, i, round), ExecutionArn: e.Arn}}}
				}
				if err := ns[i].ExecutionCommit(ctx, batch); err != nil {
					t.Errorf("ExecutionCommit: %v", err)
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestCommitErrors checks what a failed batch says, and that the connection
// that carried it serves the next batch.
func TestCommitErrors(t *testing.T) {
	t.Parallel()
	s, err := postgres.Open(t.Context(), pgtest.Start(t), postgres.Options{MaxConns: 1})
	mustDo(t, "Open", err)
	defer s.Close()
	ctx := t.Context()
	x, y := execRow("x"), execRow("y")
	mustDo(t, "ExecutionCommit", s.ExecutionCommit(ctx, []*store.Step{
		{Arn: y.Arn, Create: y, Events: []history.Event{ev(1), ev(2), ev(3)}},
		{Arn: x.Arn, Create: x, Events: []history.Event{ev(1)}},
	}))
	for _, tc := range []struct {
		name  string
		batch []*store.Step
		want  error
		text  string
	}{
		{"gap", []*store.Step{{Arn: y.Arn, Events: []history.Event{ev(4)}}, {Arn: x.Arn, Events: []history.Event{ev(3)}}},
			store.ErrConflict, x.Arn + ": events from id 3 do not continue the history at event 1"},
		{"unknown", []*store.Step{{Arn: x.Arn, Events: []history.Event{ev(2)}}, {Arn: xArn + "zzz", Events: []history.Event{ev(1)}}},
			store.ErrNotFound, xArn + "zzz"},
		{"unknown without events", []*store.Step{{Arn: xArn + "zzz"}}, store.ErrNotFound, xArn + "zzz"},
		{"exists", []*store.Step{{Arn: x.Arn, Create: x}}, store.ErrAlreadyExists, x.Arn},
		{"not consecutive", []*store.Step{{Arn: x.Arn, Events: []history.Event{ev(2), ev(4)}}}, store.ErrConflict,
			"event ids not consecutive"},
		{"gap, then a statement that fails", []*store.Step{{Arn: x.Arn, Events: []history.Event{ev(9)}},
			{Arn: y.Arn, TokensAdded: []store.TaskToken{{Token: "nul", Input: "a\x00"}}}},
			store.ErrConflict, x.Arn + ": events from id 9 do not continue the history"},
		{"text with NUL", []*store.Step{{Arn: xArn + "nul", Create: &store.Execution{Input: "a\x00b"}}}, nil, "0x00"},
	} {
		err := s.ExecutionCommit(ctx, tc.batch)
		if err == nil || (tc.want != nil && !errors.Is(err, tc.want)) || !strings.Contains(err.Error(), tc.text) {
			t.Errorf("%s: ExecutionCommit = %v; want %v mentioning %q", tc.name, err, tc.want, tc.text)
		}
		// The one connection is back in the pool, outside a transaction.
		mustDo(t, tc.name+": ExecutionGet", func() error { _, err := s.ExecutionGet(ctx, x.Arn); return err }())
	}
	mustDo(t, "ExecutionCommit after the failures", s.ExecutionCommit(ctx, []*store.Step{
		{Arn: x.Arn, Events: []history.Event{ev(2)}}, {Arn: y.Arn, Events: []history.Event{ev(4)}}}))
	got, err := s.ExecutionGet(ctx, x.Arn)
	if err != nil || got.LastEventID != 2 {
		t.Errorf("execution after the failures = %+v, %v", got, err)
	}
}

// TestListOrderInLinguisticDatabase lists in a database whose default
// collation orders text as people do ("a" before "B"): pages stay in byte
// order, as with SQLite.
func TestListOrderInLinguisticDatabase(t *testing.T) {
	t.Parallel()
	dsn := pgtest.Start(t)
	db := dsn[strings.LastIndexByte(dsn, '/')+1:strings.IndexByte(dsn, '?')] + "_icu"
	psql(t, dsn, `CREATE DATABASE `+db+` TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C'`)
	t.Cleanup(func() { psql(t, dsn, `DROP DATABASE IF EXISTS `+db+` WITH (FORCE)`) })
	icu := strings.Replace(dsn, "/"+db[:len(db)-4]+"?", "/"+db+"?", 1)
	if got := queryText(t, icu, `SELECT string_agg(x, ',' ORDER BY x) FROM unnest(ARRAY['B', 'a', '_']) x`); got == "B,_,a" {
		t.Fatalf("the database orders bytewise (%s): the test shows nothing", got)
	}
	s, err := postgres.Open(t.Context(), icu, postgres.Options{})
	mustDo(t, "Open", err)
	defer s.Close()
	ctx := t.Context()
	names := []string{"b", "B", "a", "A", "_x", "a-b", "ab", "Z"}
	var arns []string
	for _, n := range names {
		arn := smArn + n
		arns = append(arns, arn)
		mustDo(t, "StateMachineCreate", s.StateMachineCreate(ctx, &store.StateMachine{Arn: arn, Name: n}))
		mustDo(t, "ActivityCreate", s.ActivityCreate(ctx, &store.Activity{Arn: arn, Name: n}))
		x := &store.Execution{Arn: arn, StateMachineArn: smArn, Status: store.StatusRunning, Started: t0}
		mustDo(t, "ExecutionCreate", s.ExecutionCreate(ctx, &store.ExecutionCreateParams{Execution: x}))
	}
	slices.Sort(arns)
	machines, err := s.StateMachineList(ctx, &store.ListParams{})
	mustDo(t, "StateMachineList", err)
	activities, err := s.ActivityList(ctx, &store.ListParams{After: arns[0]})
	mustDo(t, "ActivityList", err)
	executions, err := s.ExecutionList(ctx, &store.ExecutionListParams{StateMachineArn: smArn, After: arns[len(arns)-1]})
	mustDo(t, "ExecutionList", err)
	var got [3][]string
	for _, m := range machines {
		got[0] = append(got[0], m.Arn)
	}
	for _, a := range activities {
		got[1] = append(got[1], a.Arn)
	}
	for _, x := range executions {
		got[2] = append(got[2], x.Arn)
	}
	desc := slices.Clone(arns[:len(arns)-1])
	slices.Reverse(desc)
	for i, want := range [][]string{arns, arns[1:], desc} {
		if !slices.Equal(got[i], want) {
			t.Errorf("list %d =\n %v\nwant %v", i, got[i], want)
		}
	}
}

func queryText(t *testing.T, dsn, query string) string {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), dsn)
	mustDo(t, "connect", err)
	defer conn.Close(context.Background())
	var s string
	mustDo(t, query, conn.QueryRow(context.Background(), query).Scan(&s))
	return s
}
