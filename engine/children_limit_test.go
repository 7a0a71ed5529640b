package engine_test

import (
	"fmt"
	"testing"

	"github.com/stepwisehq/stepwise/engine"
)

// TestChildHistoryLimit: a child execution that reaches the history limit
// fails alone, with AWS's cause; its Map counts a failed item.
func TestChildHistoryLimit(t *testing.T) {
	const def = `{"StartAt":"M","States":{"M":{"Type":"Map"%s,
	 "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"L",
	  "States":{"L":{"Type":"Choice","Choices":[{"Variable":"$.stop","IsPresent":true,"Next":"E"}],"Default":"L"},"E":{"Type":"Succeed"}}},
	 "End":true}}}`
	for _, tc := range []struct {
		tolerance string
		status    engine.Status
	}{{`,"ToleratedFailureCount":1`, engine.Succeeded}, {"", engine.Failed}} {
		r := startChildren(t, fmt.Sprintf(def, tc.tolerance), `[{"stop":1},{}]`, engine.Options{MaxHistoryEvents: 50})
		if r.x.Result.Status != tc.status {
			t.Errorf("%q: the execution %s %s %s, want %s", tc.tolerance, r.x.Result.Status, r.x.Result.Error, r.x.Result.Cause, tc.status)
		}
		var failed int
		for i := range r.book.order {
			c := r.book.child(i)
			if c.ended == nil {
				t.Fatalf("child %d did not end", i)
			}
			if c.ended.Status == engine.Failed {
				failed++
				if c.ended.Error != "States.Runtime" || c.ended.Cause != "The execution reached the maximum number of history events (50)." {
					t.Errorf("child %d: %s %q", i, c.ended.Error, c.ended.Cause)
				}
				if n := len(c.events); n > 52 {
					t.Errorf("child %d has %d events", i, n)
				}
			}
		}
		if failed != 1 {
			t.Errorf("%d children failed, want 1", failed)
		}
	}
}
