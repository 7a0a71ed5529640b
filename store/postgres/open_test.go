package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/stepwisehq/stepwise/internal/pgtest"
	"github.com/stepwisehq/stepwise/store"
	"github.com/stepwisehq/stepwise/store/postgres"
	"github.com/stepwisehq/stepwise/store/storetest"
)

// psql runs statements on the database at dsn, as its owner.
func psql(t testing.TB, dsn string, stmts ...string) {
	t.Helper()
	ctx := context.Background() // also in a cleanup, after the test's context ends
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	defer conn.Close(ctx)
	for _, stmt := range stmts {
		if _, err := conn.Exec(ctx, stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
}

func queryInt(t testing.TB, dsn, query string, args ...any) int {
	t.Helper()
	conn, err := pgx.Connect(t.Context(), dsn)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	defer conn.Close(context.Background())
	var n int
	if err := conn.QueryRow(t.Context(), query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func TestOpenErrors(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	if _, err := postgres.Open(ctx, "postgres://u@[bad", postgres.Options{}); err == nil {
		t.Error("Open of a bad DSN succeeded")
	}
	// Nothing listens on port 1.
	if _, err := postgres.Open(ctx, "postgres://u@127.0.0.1:1/db?connect_timeout=5", postgres.Options{}); err == nil {
		t.Error("Open of a server that is not there succeeded")
	}
	if err := postgres.Migrate(ctx, "postgres://u@127.0.0.1:1/db?connect_timeout=5"); err == nil {
		t.Error("Migrate of a server that is not there succeeded")
	}
	dsn := pgtest.Start(t)
	canceled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := postgres.Open(canceled, dsn, postgres.Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("Open with a canceled context = %v", err)
	}
	missing := dsn[:strings.LastIndexByte(dsn, '/')] + "/no_such_database?sslmode=disable"
	if _, err := postgres.Open(ctx, missing, postgres.Options{}); err == nil {
		t.Error("Open of a database that does not exist succeeded")
	}
}

func TestCloseTwice(t *testing.T) {
	t.Parallel()
	s := openFresh(t)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

func TestMaxConns(t *testing.T) {
	t.Parallel()
	dsn := pgtest.Start(t)
	s, err := postgres.Open(t.Context(), dsn, postgres.Options{MaxConns: 3})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.MaxConns() != 3 {
		t.Errorf("MaxConns() = %d, want 3", s.MaxConns())
	}
	d, err := postgres.Open(t.Context(), dsn, postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if d.MaxConns() != postgres.DefaultMaxConns() {
		t.Errorf("MaxConns() = %d, want the default %d", d.MaxConns(), postgres.DefaultMaxConns())
	}
}

func TestCanceledContext(t *testing.T) {
	t.Parallel()
	s := openFresh(t)
	defer s.Close()
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	bg := t.Context()
	sm := &store.StateMachine{Arn: "arn:sm", Name: "sm"}
	if err := s.StateMachineCreate(ctx, sm); !errors.Is(err, context.Canceled) {
		t.Errorf("StateMachineCreate with a canceled context: %v", err)
	}
	if _, err := s.StateMachineGet(bg, sm.Arn); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("StateMachineGet after a canceled create: %v", err)
	}
	x := &store.Execution{Arn: "arn:x", Status: store.StatusRunning}
	err := s.ExecutionCommit(ctx, []*store.Step{{Arn: x.Arn, Create: x}})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("ExecutionCommit with a canceled context: %v", err)
	}
	if _, err := s.ExecutionGet(bg, x.Arn); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("ExecutionGet after a canceled commit: %v", err)
	}
	for name, call := range map[string]func() error{
		"ExecutionGet": func() error { _, err := s.ExecutionGet(ctx, x.Arn); return err },
		"HistoryGet":   func() error { _, err := s.HistoryGet(ctx, &store.HistoryParams{Arn: x.Arn}); return err },
		"ExecutionList": func() error {
			_, err := s.ExecutionList(ctx, &store.ExecutionListParams{StateMachineArn: "m"})
			return err
		},
		"ExecutionListRunning":    func() error { _, err := s.ExecutionListRunning(ctx); return err },
		"TaskTokenGet":            func() error { _, err := s.TaskTokenGet(ctx, "t"); return err },
		"StateMachineUpdate":      func() error { return s.StateMachineUpdate(ctx, sm) },
		"StateMachineDelete":      func() error { return s.StateMachineDelete(ctx, sm.Arn) },
		"StateMachineList":        func() error { _, err := s.StateMachineList(ctx, &store.ListParams{}); return err },
		"StateMachineNextVersion": func() error { _, err := s.StateMachineNextVersion(ctx, sm.Arn); return err },
		"ActivityCreate":          func() error { return s.ActivityCreate(ctx, &store.Activity{Arn: "arn:a"}) },
		"ActivityGet":             func() error { _, err := s.ActivityGet(ctx, "arn:a"); return err },
		"ActivityDelete":          func() error { return s.ActivityDelete(ctx, "arn:a") },
		"ActivityList":            func() error { _, err := s.ActivityList(ctx, &store.ListParams{}); return err },
		"ActivityTaskClaim":       func() error { _, err := s.ActivityTaskClaim(ctx, "arn:a", "w", t0); return err },
		"TagsSet":                 func() error { return s.TagsSet(ctx, sm.Arn, map[string]string{"k": "v"}) },
		"TagsRemove":              func() error { return s.TagsRemove(ctx, sm.Arn, []string{"k"}) },
		"TagsGet":                 func() error { _, err := s.TagsGet(ctx, sm.Arn); return err },
	} {
		if err := call(); !errors.Is(err, context.Canceled) {
			t.Errorf("%s with a canceled context: %v", name, err)
		}
	}
}

func TestSchemaVersionTooNew(t *testing.T) {
	t.Parallel()
	dsn := pgtest.Start(t)
	if err := postgres.Migrate(t.Context(), dsn); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	if err := postgres.Migrate(t.Context(), dsn); err != nil {
		t.Fatalf("second Migrate: %v", err)
	}
	if n := queryInt(t, dsn, `SELECT count(*) FROM stepwise_schema_version`); n != 1 {
		t.Fatalf("%d schema_version rows, want 1", n)
	}
	v := queryInt(t, dsn, `SELECT version FROM stepwise_schema_version`)
	psql(t, dsn, fmt.Sprintf(`UPDATE stepwise_schema_version SET version = %d`, v+1))
	if _, err := postgres.Open(t.Context(), dsn, postgres.Options{}); !errors.Is(err, postgres.ErrSchemaTooNew) {
		t.Errorf("Open of a newer schema = %v, want ErrSchemaTooNew", err)
	}
	if err := postgres.Migrate(t.Context(), dsn); !errors.Is(err, postgres.ErrSchemaTooNew) {
		t.Errorf("Migrate of a newer schema = %v, want ErrSchemaTooNew", err)
	}
}

// TestOpenConcurrently starts many nodes on a new database at once: the
// advisory lock lets one migrate while the others wait, then find the
// schema current.
func TestOpenConcurrently(t *testing.T) {
	t.Parallel()
	dsn := pgtest.Start(t)
	const nodes = 8
	stores := make([]*postgres.Store, nodes)
	errs := make([]error, nodes)
	var wg sync.WaitGroup
	for i := range nodes {
		wg.Go(func() {
			stores[i], errs[i] = postgres.Open(t.Context(), dsn, postgres.Options{MaxConns: 2})
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("node %d: Open: %v", i, err)
			continue
		}
		defer stores[i].Close()
	}
	if n := queryInt(t, dsn, `SELECT count(*) FROM stepwise_schema_version`); n != 1 {
		t.Errorf("%d schema_version rows, want 1", n)
	}
}

// TestOpenWithoutCreatePrivilege opens a migrated database as a role that
// may read and write the tables but not create any, as nodes may run.
func TestOpenWithoutCreatePrivilege(t *testing.T) {
	t.Parallel()
	dsn := pgtest.Start(t)
	db := dsn[strings.LastIndexByte(dsn, '/')+1 : strings.IndexByte(dsn, '?')]
	role := "node_" + db
	psql(t, dsn, `CREATE ROLE `+role+` LOGIN`, `REVOKE CREATE ON SCHEMA public FROM PUBLIC`)
	t.Cleanup(func() {
		psql(t, strings.Replace(dsn, "/"+db+"?", "/postgres?", 1), `DROP DATABASE IF EXISTS `+db+` WITH (FORCE)`,
			`DROP ROLE IF EXISTS `+role)
	})
	nodeDSN := strings.Replace(dsn, "//"+pgtest.Superuser+"@", "//"+role+"@", 1)
	if _, err := postgres.Open(t.Context(), nodeDSN, postgres.Options{}); err == nil {
		t.Fatal("Open of an empty database by a role that may not create tables succeeded")
	}
	if err := postgres.Migrate(t.Context(), dsn); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	psql(t, dsn, `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO `+role,
		`GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO `+role)
	s, err := postgres.Open(t.Context(), nodeDSN, postgres.Options{})
	if err != nil {
		t.Fatalf("Open of a migrated database by a role that may not create tables: %v", err)
	}
	defer s.Close()
	storetest.Fill(t, t.Context(), s)
	storetest.CheckFilled(t, t.Context(), s)
}

// TestSearchPath keeps Stepwise's tables in a schema of their own, named by
// the DSN.
func TestSearchPath(t *testing.T) {
	t.Parallel()
	dsn := pgtest.Start(t)
	psql(t, dsn, `CREATE SCHEMA sw`)
	s, err := postgres.Open(t.Context(), dsn+"&search_path=sw", postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	storetest.Fill(t, t.Context(), s)
	if n := queryInt(t, dsn, `SELECT count(*) FROM pg_tables WHERE schemaname = 'sw' AND tablename LIKE 'stepwise_%'`); n != 11 {
		t.Errorf("%d stepwise tables in schema sw, want 11", n)
	}
	if n := queryInt(t, dsn, `SELECT count(*) FROM pg_tables WHERE schemaname = 'public'`); n != 0 {
		t.Errorf("%d tables in schema public, want 0", n)
	}
}

// TestOrderedTextIsBytewise: every column that lists are ordered by, or
// that a page starts after, has the "C" collation.
func TestOrderedTextIsBytewise(t *testing.T) {
	t.Parallel()
	dsn := pgtest.Start(t)
	if err := postgres.Migrate(t.Context(), dsn); err != nil {
		t.Fatal(err)
	}
	n := queryInt(t, dsn, `SELECT count(*) FROM information_schema.columns
		WHERE table_name LIKE 'stepwise_%' AND (column_name LIKE '%arn' OR column_name IN ('key', 'token'))
			AND collation_name IS DISTINCT FROM 'C'`)
	if n != 0 {
		t.Errorf("%d ARN, key or token columns do not have the C collation", n)
	}
}
