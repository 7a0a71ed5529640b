package sqlite

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
)

func TestPragmas(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	for pragma, want := range map[string]string{
		"journal_mode": "wal", "synchronous": "2", "busy_timeout": "5000", "foreign_keys": "0", "temp_store": "2",
	} {
		var got string
		if err := s.w.conn.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("writer PRAGMA %s = %s, want %s", pragma, got, want)
		}
	}
	var ro int
	if err := s.rdb.QueryRowContext(ctx, "PRAGMA query_only").Scan(&ro); err != nil || ro != 1 {
		t.Errorf("reader PRAGMA query_only = %d, %v; want 1", ro, err)
	}
	if _, err := s.rdb.ExecContext(ctx, "DELETE FROM tags"); err == nil {
		t.Error("a read connection wrote")
	}
}

func TestSchemaVersion(t *testing.T) {
	path := filepath.Join(t.TempDir(), "db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var v int
	if err := s.w.conn.QueryRowContext(ctx, "SELECT version FROM schema_version").Scan(&v); err != nil {
		t.Fatal(err)
	}
	if v != len(migrations) {
		t.Errorf("schema version = %d, want %d", v, len(migrations))
	}
	if _, err := s.w.conn.ExecContext(ctx, "UPDATE schema_version SET version = ?", len(migrations)+1); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(path, Options{}); !errors.Is(err, ErrSchemaTooNew) {
		t.Errorf("Open of a newer schema = %v, want ErrSchemaTooNew", err)
	}
}

func TestMigrationsAreSQL(t *testing.T) {
	for i, m := range migrations {
		if len(m) == 0 {
			t.Errorf("migration %d is empty", i+1)
		}
	}
}
