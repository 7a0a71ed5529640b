// Package pgtest starts a real PostgreSQL server for tests: one server per
// test binary, started when a test first asks for it, and a fresh database
// per test.
//
//	func TestMain(m *testing.M) { pgtest.Main(m) }
//
//	func TestSomething(t *testing.T) {
//		dsn := pgtest.Start(t) // skips when PostgreSQL is not installed
//		...
//	}
//
// The server is initialised (initdb) into a temporary directory, listens on
// a free loopback port with its unix socket in that directory, runs with
// fsync on (so that benchmarks measure durable commits), trusts loopback
// connections and is run as a non-root user when the tests run as root
// (PostgreSQL refuses to run as root): the "postgres" system user, or
// "nobody". Main stops it when the tests end; should a binary end without
// Main (or be killed), the server gets SIGQUIT from the kernel when the test
// process dies, and the next run removes the directory it leaves behind.
package pgtest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// ErrNotInstalled is returned (and Start skips) when no PostgreSQL server
// binaries are found.
var ErrNotInstalled = errors.New("pgtest: PostgreSQL is not installed " +
	"(no initdb and postgres in /usr/lib/postgresql/*/bin or in PATH); run .ci/postgres.sh")

// Superuser is the role the DSNs of Start connect as.
const Superuser = "postgres"

// timeout bounds each administrative step: starting the server, creating or
// dropping a database.
const timeout = 2 * time.Minute

var (
	mu      sync.Mutex
	running *server
	dbSeq   atomic.Int64
)

// shared returns the test binary's server, starting it on first use.
func shared() (*server, error) {
	mu.Lock()
	defer mu.Unlock()
	if running != nil {
		return running, nil
	}
	bins, err := findBins(libRoot, lookPath)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	s, err := startServer(ctx, bins)
	if err != nil {
		return nil, err
	}
	running = s
	return s, nil
}

// Start returns the DSN of a new, empty database on the test binary's
// server, which it starts on first use; the database is dropped when the
// test ends. It skips the test when PostgreSQL is not installed.
func Start(t testing.TB) string {
	t.Helper()
	s, err := shared()
	if errors.Is(err, ErrNotInstalled) {
		t.Skip(err.Error())
	}
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	name := fmt.Sprintf("test_%d", dbSeq.Add(1))
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	if err := s.exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("pgtest: create database: %v", err)
	}
	t.Cleanup(func() {
		mu.Lock()
		stopped := running != s
		mu.Unlock()
		if stopped {
			return // the database went with the server
		}
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		if err := s.exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Logf("pgtest: drop database %s: %v", name, err)
		}
	})
	return s.dsn(name)
}

// Main runs the tests and stops the server (if a test started it), then
// exits with the tests' status. Call it from TestMain.
func Main(m *testing.M) {
	code := m.Run()
	if err := Stop(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		if code == 0 {
			code = 1
		}
	}
	os.Exit(code)
}

// Stop stops the server and removes its directory; a later Start starts a
// new one. It does nothing when no server runs.
func Stop() error {
	mu.Lock()
	defer mu.Unlock()
	if running == nil {
		return nil
	}
	err := running.stop()
	running = nil
	return err
}

// Tool returns the path of a PostgreSQL program (pgbench, psql, ...) of the
// installation that Start uses; ErrNotInstalled when there is none or it
// lacks the program.
func Tool(name string) (string, error) {
	bins, err := findBins(libRoot, lookPath)
	if err != nil {
		return "", err
	}
	return bins.tool(name)
}
