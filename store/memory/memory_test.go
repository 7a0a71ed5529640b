package memory_test

import (
	"testing"

	"github.com/stepwisehq/stepwise/store"
	"github.com/stepwisehq/stepwise/store/memory"
	"github.com/stepwisehq/stepwise/store/storetest"
)

func TestStore(t *testing.T) {
	storetest.Exercise(t, func(t *testing.T) store.Store { return memory.New() })
}
