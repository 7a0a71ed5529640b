package postgres_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stepwisehq/stepwise/history"
	"github.com/stepwisehq/stepwise/internal/pgtest"
	"github.com/stepwisehq/stepwise/store"
	"github.com/stepwisehq/stepwise/store/postgres"
	"github.com/stepwisehq/stepwise/value"
)

var t0 = time.Date(2024, 3, 4, 5, 6, 7, 123456789, time.UTC)

const (
	smArn  = "arn:aws:states:us-east-1:123456789012:stateMachine:m"
	xArn   = "arn:aws:states:us-east-1:123456789012:execution:m:x"
	actArn = "arn:aws:states:us-east-1:123456789012:activity:a"
)

func mustDo(t testing.TB, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func ev(id int64) history.Event {
	return history.Event{ID: id, PreviousID: id - 1, Timestamp: t0, Type: history.PassStateEntered,
		Name: "p", HasInput: true, Input: value.MustParse(`{"b":1.50,"a":[]}`)}
}

// fill writes one of everything.
func fill(t *testing.T, ctx context.Context, s store.Store) {
	t.Helper()
	sm := &store.StateMachine{Arn: smArn, Name: "m", Type: "STANDARD", Definition: "{}", Created: t0, Updated: t0}
	mustDo(t, "StateMachineCreate", s.StateMachineCreate(ctx, sm))
	_, err := s.StateMachineNextVersion(ctx, smArn)
	mustDo(t, "StateMachineNextVersion", err)
	v := *sm
	v.Arn, v.Kind, v.Version, v.Parent = smArn+":1", store.VersionKind, 1, smArn
	mustDo(t, "StateMachineCreate version", s.StateMachineCreate(ctx, &v))
	mustDo(t, "ActivityCreate", s.ActivityCreate(ctx, &store.Activity{Arn: actArn, Name: "a", Created: t0}))
	mustDo(t, "TagsSet", s.TagsSet(ctx, smArn, map[string]string{"team": "core"}))
	x := &store.Execution{Arn: xArn, StateMachineArn: smArn, Name: "x", Status: store.StatusRunning,
		Input: "{}", Started: t0, Snapshot: []byte("s1")}
	mustDo(t, "ExecutionCreate", s.ExecutionCreate(ctx, &store.ExecutionCreateParams{
		Execution: x, Events: []history.Event{ev(1)}}))
	mustDo(t, "ExecutionCommit", s.ExecutionCommit(ctx, []*store.Step{{
		Arn: xArn, Events: []history.Event{ev(2), ev(3)}, Snapshot: []byte("s3"),
		TokensAdded: []store.TaskToken{
			{Token: "t1", ExecutionArn: xArn, Op: 1, ActivityArn: actArn, Input: "1", Created: t0},
			{Token: "t2", ExecutionArn: xArn, Op: 2, ActivityArn: actArn, Input: "2", Created: t0.Add(time.Second)},
		},
	}}))
	_, err = s.ActivityTaskClaim(ctx, actArn, "w", t0)
	mustDo(t, "ActivityTaskClaim", err)
}

// check reads back what fill wrote, and commits one more step.
func check(t *testing.T, ctx context.Context, s store.Store) {
	t.Helper()
	if _, err := s.StateMachineGet(ctx, smArn+":1"); err != nil {
		t.Errorf("version: %v", err)
	}
	if n, err := s.StateMachineNextVersion(ctx, smArn); err != nil || n != 2 {
		t.Errorf("StateMachineNextVersion = %d, %v; want 2", n, err)
	}
	if tags, err := s.TagsGet(ctx, smArn); err != nil || tags["team"] != "core" {
		t.Errorf("tags = %v, %v", tags, err)
	}
	if _, err := s.ActivityGet(ctx, actArn); err != nil {
		t.Errorf("activity: %v", err)
	}
	x, err := s.ExecutionGet(ctx, xArn)
	if err != nil || x.LastEventID != 3 || string(x.Snapshot) != "s3" || !x.Started.Equal(t0) {
		t.Fatalf("execution = %+v, %v", x, err)
	}
	hist, err := s.HistoryGet(ctx, &store.HistoryParams{Arn: xArn})
	if err != nil || len(hist) != 3 || value.String(hist[2].Input) != `{"b":1.50,"a":[]}` {
		t.Errorf("history = %+v, %v", hist, err)
	}
	running, err := s.ExecutionListRunning(ctx)
	if err != nil || len(running) != 1 {
		t.Errorf("ExecutionListRunning = %d, %v", len(running), err)
	}
	tok, err := s.ActivityTaskClaim(ctx, actArn, "w2", t0)
	if err != nil || tok.Token != "t2" {
		t.Errorf("ActivityTaskClaim = %+v, %v; want t2 (t1 was claimed)", tok, err)
	}
	_, err = s.ActivityTaskClaim(ctx, actArn, "w2", t0)
	if !errors.Is(err, store.ErrNotFound) {
		t.Errorf("third ActivityTaskClaim = %v, want ErrNotFound", err)
	}
	mustDo(t, "ExecutionCommit", s.ExecutionCommit(ctx, []*store.Step{{Arn: xArn, Events: []history.Event{ev(4)}}}))
}

func TestReopen(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	dsn := pgtest.Start(t)
	s, err := postgres.Open(ctx, dsn, postgres.Options{})
	mustDo(t, "Open", err)
	fill(t, ctx, s)
	mustDo(t, "Close", s.Close())
	s, err = postgres.Open(ctx, dsn, postgres.Options{MaxConns: 1})
	mustDo(t, "reopen", err)
	check(t, ctx, s)
	mustDo(t, "Close", s.Close())
	s, err = postgres.Open(ctx, dsn, postgres.Options{})
	mustDo(t, "second reopen", err)
	defer s.Close()
	if x, err := s.ExecutionGet(ctx, xArn); err != nil || x.LastEventID != 4 {
		t.Errorf("execution after the second reopen = %+v, %v", x, err)
	}
}

// TestQueryExecModes runs the store with pgx's other ways of sending
// statements: those that work through a transaction-pooling proxy such as
// PgBouncer (no prepared statements kept), where bytea comes back as text
// in the simple protocol.
func TestQueryExecModes(t *testing.T) {
	t.Parallel()
	for _, mode := range []string{"simple_protocol", "exec", "describe_exec", "cache_describe"} {
		t.Run(mode, func(t *testing.T) {
			s, err := postgres.Open(t.Context(), pgtest.Start(t)+"&default_query_exec_mode="+mode, postgres.Options{})
			mustDo(t, "Open", err)
			defer s.Close()
			fill(t, t.Context(), s)
			check(t, t.Context(), s)
			hist, err := s.HistoryGet(t.Context(), &store.HistoryParams{Arn: xArn, Reverse: true, Limit: 2})
			if err != nil || len(hist) != 2 || hist[0].ID != 4 {
				t.Errorf("HistoryGet reverse = %v, %v", hist, err)
			}
		})
	}
}
