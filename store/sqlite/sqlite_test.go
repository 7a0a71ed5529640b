package sqlite_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stepwisehq/stepwise/store"
	"github.com/stepwisehq/stepwise/store/sqlite"
	"github.com/stepwisehq/stepwise/store/storetest"
)

func openTemp(t testing.TB) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(filepath.Join(t.TempDir(), "sub", "dir", "stepwise.db"), sqlite.Options{})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return s
}

func TestStore(t *testing.T) {
	storetest.Exercise(t, func(t *testing.T) store.Store { return openTemp(t) })
}

func TestOpenErrors(t *testing.T) {
	if _, err := sqlite.Open(filepath.Join(t.TempDir(), "a?b.db"), sqlite.Options{}); err == nil {
		t.Error("Open of a path with '?' succeeded")
	}
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, bytes.Repeat([]byte("not a database "), 100), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := sqlite.Open(filepath.Join(file, "db"), sqlite.Options{}); err == nil {
		t.Error("Open under a regular file succeeded")
	}
	if _, err := sqlite.Open(file, sqlite.Options{}); err == nil {
		t.Error("Open of a file that is not a database succeeded")
	}
}

func TestCloseTwice(t *testing.T) {
	s := openTemp(t)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

func TestCanceledContext(t *testing.T) {
	s := openTemp(t)
	defer s.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	sm := &store.StateMachine{Arn: "arn:sm", Name: "sm"}
	if err := s.StateMachineCreate(ctx, sm); !errors.Is(err, context.Canceled) {
		t.Errorf("StateMachineCreate with a canceled context: %v", err)
	}
	if _, err := s.StateMachineGet(context.Background(), sm.Arn); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("StateMachineGet after a canceled create: %v", err)
	}
	if _, err := s.ExecutionGet(ctx, "arn:x"); !errors.Is(err, context.Canceled) {
		t.Errorf("ExecutionGet with a canceled context: %v", err)
	}
}
