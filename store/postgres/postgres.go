// Package postgres is the scale-out storage driver: a PostgreSQL database
// that many Stepwise nodes share, through pgx and its connection pool.
//
// ExecutionCommit applies a whole batch of steps in one transaction, sent
// with the transaction's BEGIN as one pipelined pgx.Batch: one round trip
// for the statements and one for the COMMIT, whatever the batch's size, and
// one WAL flush. An execution's events continue its history only through a
// conditional update of its last event id, so that two nodes committing the
// same execution cannot both win (store.ErrConflict). Activity tasks are
// claimed with FOR UPDATE SKIP LOCKED: many nodes can poll one queue.
//
// The schema is migrated when a store opens (and by Migrate), under an
// advisory lock, so that many nodes may start at once. Tables are named
// stepwise_*, and Stepwise may share a database with other programs; a
// search_path in the DSN puts them in a schema of their own. Text that is
// ordered (ARNs) has the "C" collation: pages are in byte order, as with
// SQLite, whatever the database's locale. Times are stored as nanoseconds
// since the epoch (the zero time as the smallest bigint) and come back in
// UTC; history events are stored in their binary encoding
// (history.Event.AppendBinary), one bytea row each, keyed by the execution's
// surrogate key and the event id.
//
// The connection pool holds max(4, 2×GOMAXPROCS) connections unless
// Options or the DSN (pool_max_conns) say otherwise. Statements are
// prepared once per connection; through a transaction-pooling proxy such as
// PgBouncer, add default_query_exec_mode=exec to the DSN so that none is
// kept prepared on the server.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/stepwisehq/stepwise/store"
)

// Options tune a Store; the zero value is sensible.
type Options struct {
	// MaxConns bounds the connection pool. The default is
	// max(4, 2×GOMAXPROCS), unless the DSN sets pool_max_conns.
	MaxConns int
}

// DefaultMaxConns is the default size of the connection pool:
// max(4, 2×GOMAXPROCS).
func DefaultMaxConns() int { return max(4, 2*runtime.GOMAXPROCS(0)) }

// Store is a store.Store in a PostgreSQL database. It is safe for
// concurrent use, and many Stores (many nodes) may share a database.
type Store struct {
	pool  *pgxpool.Pool
	close sync.Once
	// lease is the node's lease once NodeJoin has run (store.Cluster).
	lease atomic.Pointer[store.Lease]
}

var _ store.Store = (*Store)(nil)

// Open connects to the database at dsn (a postgres:// URL or key=value
// pairs, as libpq and pgx read them), checks that it answers, and creates or
// migrates the schema.
func Open(ctx context.Context, dsn string, opts Options) (*Store, error) {
	cfg, err := poolConfig(dsn, opts)
	if err != nil {
		return nil, fmt.Errorf("postgres open: %w", err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres open: %w", err)
	}
	err = pool.AcquireFunc(ctx, func(c *pgxpool.Conn) error { return migrate(ctx, c.Conn()) })
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres open: %w", err)
	}
	return &Store{pool: pool}, nil
}

// poolConfig parses dsn and applies opts.
func poolConfig(dsn string, opts Options) (*pgxpool.Config, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, err
	}
	switch {
	case opts.MaxConns > 0:
		cfg.MaxConns = int32(min(opts.MaxConns, math.MaxInt32))
	case !strings.Contains(dsn, "pool_max_conns"):
		cfg.MaxConns = int32(DefaultMaxConns())
	}
	cfg.MinConns = min(cfg.MinConns, cfg.MaxConns)
	if _, ok := cfg.ConnConfig.RuntimeParams["application_name"]; !ok {
		cfg.ConnConfig.RuntimeParams["application_name"] = "stepwise"
	}
	return cfg, nil
}

// Close closes the connection pool, waiting for connections in use. It is
// safe to call more than once.
func (s *Store) Close() error {
	s.close.Do(s.pool.Close)
	return nil
}

// MaxConns returns the size of the store's connection pool.
func (s *Store) MaxConns() int { return int(s.pool.Config().MaxConns) }

// nanos stores a time: nanoseconds since the epoch, the zero time as the
// smallest int64 (so that it sorts first and never meets a real time).
func nanos(t time.Time) int64 {
	if t.IsZero() {
		return math.MinInt64
	}
	return t.UnixNano()
}

func fromNanos(n int64) time.Time {
	if n == math.MinInt64 {
		return time.Time{}
	}
	return time.Unix(0, n).UTC()
}

// limitArg turns a page size into PostgreSQL's LIMIT, where NULL is none.
func limitArg(n int) *int64 {
	if n <= 0 {
		return nil
	}
	l := int64(n)
	return &l
}

// notFound turns pgx.ErrNoRows into store.ErrNotFound.
func notFound(err error) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return store.ErrNotFound
	}
	return err
}

// wrap adds the operation and the ARN to an error.
func wrap(op, arn string, err error) error {
	switch {
	case err == nil:
		return nil
	case arn == "":
		return fmt.Errorf("%s: %w", op, err)
	}
	return fmt.Errorf("%s %s: %w", op, arn, err)
}

var zeroTime time.Time
