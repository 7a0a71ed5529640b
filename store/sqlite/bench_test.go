package sqlite_test

import (
	"testing"

	"github.com/stepwisehq/stepwise/store"
	"github.com/stepwisehq/stepwise/store/storetest"
)

// openBench opens a store in a temporary directory, closed when b ends.
func openBench(b *testing.B) store.Store {
	s := openTemp(b)
	b.Cleanup(func() { _ = s.Close() })
	return s
}

// BenchmarkExecutionCommit commits steps of two events each, one step per
// transaction or 64 (the group commit); ns/step compares the two.
func BenchmarkExecutionCommit(b *testing.B) {
	storetest.BenchCommit(b, openBench)
}

func BenchmarkHistoryGet(b *testing.B) {
	storetest.BenchHistoryGet(b, openBench(b))
}
