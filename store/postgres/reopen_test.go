package postgres_test

import (
	"testing"
	"time"

	"github.com/stepwisehq/stepwise/history"
	"github.com/stepwisehq/stepwise/internal/pgtest"
	"github.com/stepwisehq/stepwise/store"
	"github.com/stepwisehq/stepwise/store/postgres"
	"github.com/stepwisehq/stepwise/store/storetest"
	"github.com/stepwisehq/stepwise/value"
)

// Fixtures of the tests in this package.
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

func TestReopen(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	dsn := pgtest.Start(t)
	s, err := postgres.Open(ctx, dsn, postgres.Options{})
	mustDo(t, "Open", err)
	storetest.Fill(t, ctx, s)
	mustDo(t, "Close", s.Close())
	s, err = postgres.Open(ctx, dsn, postgres.Options{MaxConns: 1})
	mustDo(t, "reopen", err)
	storetest.CheckFilled(t, ctx, s)
	mustDo(t, "Close", s.Close())
	s, err = postgres.Open(ctx, dsn, postgres.Options{})
	mustDo(t, "second reopen", err)
	defer s.Close()
	if x, err := s.ExecutionGet(ctx, storetest.FilledExecution); err != nil || x.LastEventID != 4 {
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
			storetest.Fill(t, t.Context(), s)
			storetest.CheckFilled(t, t.Context(), s)
			hist, err := s.HistoryGet(t.Context(), &store.HistoryParams{Arn: storetest.FilledExecution, Reverse: true, Limit: 2})
			if err != nil || len(hist) != 2 || hist[0].ID != 4 {
				t.Errorf("HistoryGet reverse = %v, %v", hist, err)
			}
		})
	}
}
