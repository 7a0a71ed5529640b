package postgres_test

import (
	"testing"

	"github.com/stepwisehq/stepwise/internal/pgtest"
	"github.com/stepwisehq/stepwise/store"
	"github.com/stepwisehq/stepwise/store/postgres"
	"github.com/stepwisehq/stepwise/store/storetest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// openFresh opens a store on a new database.
func openFresh(t testing.TB) *postgres.Store {
	t.Helper()
	s, err := postgres.Open(t.Context(), pgtest.Start(t), postgres.Options{})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return s
}

func TestStore(t *testing.T) {
	storetest.Exercise(t, func(t *testing.T) store.Store { return openFresh(t) })
}
