package engine_test

import (
	"testing"
	"time"

	"github.com/stepwisehq/stepwise/asl"
	"github.com/stepwisehq/stepwise/engine"
	"github.com/stepwisehq/stepwise/history"
	"github.com/stepwisehq/stepwise/value"
)

// restartEveryStep runs an execution, snapshotting and restoring it after
// every step, as a durable runtime restarted between steps would.
func restartEveryStep(t *testing.T, def, input string) (*engine.Execution, []history.Event) {
	t.Helper()
	d, err := asl.Parse(def, asl.Options{})
	if err != nil {
		t.Fatal(err)
	}
	prog := engine.New(d, engine.Options{})
	now := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	meta := engine.Meta{Name: "exec", StartTime: now}
	ids := &seqIDs{}
	x, evs, cmds := prog.Start(meta, value.MustParse(input), ids, now)
	all := append([]history.Event(nil), evs...)
	timers := map[engine.OpID]time.Time{}
	for steps := 0; !x.Done(); steps++ {
		if steps > 1000 {
			t.Fatal("execution does not end")
		}
		snap := x.Snapshot()
		if x, err = prog.Restore(snap, ids); err != nil {
			t.Fatalf("restore: %v", err)
		}
		if len(cmds) == 0 {
			cmds = x.Pending() // what a restarted runtime re-establishes
		}
		var in engine.Input
		in, cmds = nextInput(t, cmds, timers, nil)
		if in.Kind == engine.TimerFired {
			now = timers[in.Op]
			delete(timers, in.Op)
		}
		evs, more := x.Apply(in, now)
		all = append(all, evs...)
		cmds = append(cmds, more...)
	}
	return x, all
}

func TestSnapshotRestoreEveryStep(t *testing.T) {
	defs := []struct{ name, def, input string }{
		{"task and wait", `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"a.$":"$.a"},"ResultPath":"$.r","Next":"W"},"W":{"Type":"Wait","Seconds":3,"Next":"P"},"P":{"Type":"Pass","End":true}}}`, `{"a":1}`},
		{"parallel with tasks", `{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}},{"StartAt":"B","States":{"B":{"Type":"Wait","Seconds":1,"End":true}}}],"End":true}}}`, `{"x":[1,2]}`},
		{"map of tasks", `{"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":2,"ItemsPath":"$.xs","ItemProcessor":{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}},"End":true}}}`, `{"xs":[1,2,3,4,5]}`},
		{"variables survive", `{"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"v":"kept"},"Next":"W"},"W":{"Type":"Wait","Seconds":1,"Next":"B"},"B":{"Type":"Pass","Parameters":{"v.$":"$v"},"End":true}}}`, `{}`},
	}
	for _, tc := range defs {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			want, wantEvs := run(t, tc.def, tc.input, nil)
			got, gotEvs := restartEveryStep(t, tc.def, tc.input)
			if got.Result.Status != want.Result.Status || value.String(got.Result.Output) != value.String(want.Result.Output) {
				t.Fatalf("after restarts: %s %s, want %s %s", got.Result.Status, value.String(got.Result.Output), want.Result.Status, value.String(want.Result.Output))
			}
			if types(gotEvs) != types(wantEvs) {
				t.Errorf("events after restarts:\n got %s\nwant %s", types(gotEvs), types(wantEvs))
			}
			checkEventIDs(t, gotEvs)
		})
	}
}
