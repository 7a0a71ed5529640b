package stepwise_test

import (
	"testing"

	"github.com/stepwisehq/stepwise/internal/pgtest"
)

// TestMain stops the PostgreSQL server that tests of this package may
// start (pgtest), once they are done.
func TestMain(m *testing.M) { pgtest.Main(m) }
