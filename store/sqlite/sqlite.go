// Package sqlite is the embedded storage driver: one SQLite database file
// (modernc.org/sqlite, pure Go) in WAL mode with synchronous=FULL, so that a
// committed transaction survives a crash or a power cut.
//
// SQLite has one writer at a time. The store keeps one write connection and
// serialises every write through it; reads use a pool of read-only
// connections, which WAL lets run beside the writer. ExecutionCommit applies
// a whole batch of steps in one transaction, that is one fsync: the group
// commit that makes durable throughput independent of the fsync latency.
//
// Times are stored as nanoseconds since the epoch (the zero time as the
// smallest integer) and come back in UTC. History events are stored in
// their binary encoding (history.Event.AppendBinary), one row each, keyed
// by an integer surrogate key of the execution and the event id.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver

	"github.com/stepwisehq/stepwise/store"
)

// Options tune a Store; the zero value is sensible.
type Options struct {
	// BusyTimeout is how long a connection waits for a lock that another
	// process holds (default 5s).
	BusyTimeout time.Duration
	// ReadConns bounds the pool of read connections (default 4).
	ReadConns int
}

// Store is a store.Store in a SQLite database file. It is safe for
// concurrent use. Only one Store (one process) should use a file at a time:
// the store caches what never changes (execution ids).
type Store struct {
	path  string
	wdb   *sql.DB // one connection: the writer
	rdb   *sql.DB // read-only pool
	w     writer
	r     readStmts
	ids   idCache
	close sync.Once
}

var _ store.Store = (*Store)(nil)

// Open opens the database file at path, creating it and its parent
// directory when missing, and creates or migrates its schema.
func Open(path string, opts Options) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("sqlite open: %w", err)
	}
	if strings.ContainsRune(abs, '?') {
		return nil, fmt.Errorf("sqlite open %s: a path with '?' is not supported", path)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		return nil, fmt.Errorf("sqlite open: %w", err)
	}
	s := &Store{path: abs, ids: idCache{m: map[string]int64{}}}
	if err := s.open(context.Background(), opts); err != nil {
		_ = s.Close()
		return nil, fmt.Errorf("sqlite open %s: %w", path, err)
	}
	return s, nil
}

func (s *Store) open(ctx context.Context, opts Options) error {
	busy := opts.BusyTimeout
	if busy <= 0 {
		busy = 5 * time.Second
	}
	reads := opts.ReadConns
	if reads <= 0 {
		reads = 4
	}
	var err error
	if s.wdb, err = sql.Open("sqlite", dsn(s.path, busy, false)); err != nil {
		return err
	}
	s.wdb.SetMaxOpenConns(1)
	s.wdb.SetMaxIdleConns(1)
	s.wdb.SetConnMaxLifetime(0)
	s.wdb.SetConnMaxIdleTime(0)
	if err = s.w.open(ctx, s.wdb); err != nil {
		return err
	}
	if s.rdb, err = sql.Open("sqlite", dsn(s.path, busy, true)); err != nil {
		return err
	}
	s.rdb.SetMaxOpenConns(reads)
	s.rdb.SetMaxIdleConns(reads)
	return s.r.prepare(ctx, s.rdb)
}

// dsn builds the connection string: WAL, synchronous=FULL, a busy timeout,
// temporary storage in memory, and BEGIN IMMEDIATE for transactions, so
// that a writer takes the write lock up front instead of failing to
// upgrade a read lock.
func dsn(path string, busy time.Duration, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busy.Milliseconds()))
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(FULL)")
	q.Add("_pragma", "foreign_keys(OFF)")
	// Statement journals (an INSERT ... ON CONFLICT in a transaction keeps
	// one) in memory, not in temporary files: they only serve a rollback.
	q.Add("_pragma", "temp_store(MEMORY)")
	q.Set("_txlock", "immediate")
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	}
	return path + "?" + q.Encode()
}

// Close closes the database. It is safe to call more than once.
func (s *Store) Close() error {
	var err error
	s.close.Do(func() {
		err = errors.Join(s.w.close(), s.r.close())
		if s.rdb != nil {
			err = errors.Join(err, s.rdb.Close())
		}
		if s.wdb != nil {
			err = errors.Join(err, s.wdb.Close())
		}
	})
	return err
}

// Path returns the absolute path of the database file.
func (s *Store) Path() string { return s.path }

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

// idCache maps execution ARNs to their surrogate keys, which never change
// (executions are never deleted). It forgets everything when it grows
// large.
type idCache struct {
	mu sync.RWMutex
	m  map[string]int64
}

const idCacheMax = 1 << 16

func (c *idCache) get(arn string) (int64, bool) {
	c.mu.RLock()
	id, ok := c.m[arn]
	c.mu.RUnlock()
	return id, ok
}

func (c *idCache) put(arn string, id int64) {
	c.mu.Lock()
	if len(c.m) >= idCacheMax {
		clear(c.m)
	}
	c.m[arn] = id
	c.mu.Unlock()
}

// limitArg turns a page size into SQLite's LIMIT, where -1 is none.
func limitArg(n int) int {
	if n <= 0 {
		return -1
	}
	return n
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

// notFound turns sql.ErrNoRows into store.ErrNotFound.
func notFound(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return store.ErrNotFound
	}
	return err
}

var zeroTime time.Time
