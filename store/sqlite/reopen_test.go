package sqlite_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/stepwisehq/stepwise/store/sqlite"
	"github.com/stepwisehq/stepwise/store/storetest"
)

func mustDo(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func TestReopen(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "stepwise.db")
	s, err := sqlite.Open(path, sqlite.Options{})
	mustDo(t, "Open", err)
	storetest.Fill(t, ctx, s)
	mustDo(t, "Close", s.Close())
	s, err = sqlite.Open(path, sqlite.Options{BusyTimeout: time.Second, ReadConns: 1})
	mustDo(t, "reopen", err)
	if s.Path() != path {
		t.Errorf("Path() = %q, want %q", s.Path(), path)
	}
	storetest.CheckFilled(t, ctx, s)
	mustDo(t, "Close", s.Close())
	// The second reopen finds the schema current and the last commit there.
	s, err = sqlite.Open(path, sqlite.Options{})
	mustDo(t, "second reopen", err)
	defer s.Close()
	if x, err := s.ExecutionGet(ctx, storetest.FilledExecution); err != nil || x.LastEventID != 4 {
		t.Errorf("execution after the second reopen = %+v, %v", x, err)
	}
}

// TestReopenRelative opens a relative path, which the store makes absolute.
func TestReopenRelative(t *testing.T) {
	t.Chdir(t.TempDir())
	s, err := sqlite.Open(filepath.Join("data", "db"), sqlite.Options{})
	mustDo(t, "Open", err)
	storetest.Fill(t, t.Context(), s)
	mustDo(t, "Close", s.Close())
	s, err = sqlite.Open("data/db", sqlite.Options{})
	mustDo(t, "reopen", err)
	defer s.Close()
	storetest.CheckFilled(t, t.Context(), s)
}
