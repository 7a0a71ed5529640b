package memory

import (
	"testing"

	"github.com/stepwisehq/stepwise/history"
)

func seq(from int64, n int) []history.Event {
	out := make([]history.Event, n)
	for i := range out {
		out[i].ID = from + int64(i)
	}
	return out
}

func TestChunks(t *testing.T) {
	for _, batch := range []int{1, 3, 127, 128, 129, 300} {
		var r execRow
		total := 0
		for total < 700 {
			r.append(seq(int64(total+1), batch))
			total += batch
		}
		if r.count() != total {
			t.Fatalf("batch %d: count = %d, want %d", batch, r.count(), total)
		}
		for i, c := range r.events[:len(r.events)-1] {
			if len(c) != chunkLen {
				t.Fatalf("batch %d: chunk %d holds %d events", batch, i, len(c))
			}
		}
		for _, w := range [][2]int{{0, 0}, {0, 1}, {127, 129}, {0, total}, {250, 520}, {total - 1, total}} {
			got := r.copyRange(w[0], w[1])
			if len(got) != w[1]-w[0] {
				t.Fatalf("batch %d: copyRange%v = %d events", batch, w, len(got))
			}
			for i, e := range got {
				if e.ID != int64(w[0]+i+1) {
					t.Fatalf("batch %d: copyRange%v[%d].ID = %d", batch, w, i, e.ID)
				}
			}
		}
	}
}

func TestAppendCopiesVars(t *testing.T) {
	var r execRow
	evs := []history.Event{{ID: 1, Vars: []history.Var{{Name: "a"}}}}
	r.append(evs)
	evs[0].Vars[0].Name = "changed"
	if got := r.copyRange(0, 1); got[0].Vars[0].Name != "a" {
		t.Errorf("stored Vars changed with the caller's: %q", got[0].Vars[0].Name)
	}
}
