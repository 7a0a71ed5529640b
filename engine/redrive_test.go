package engine_test

import (
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stepwisehq/stepwise/asl"
	"github.com/stepwisehq/stepwise/engine"
	"github.com/stepwisehq/stepwise/history"
	"github.com/stepwisehq/stepwise/value"
)

// flaky answers tasks: a task whose state name and input are listed fails
// (Boom) until the test fixes it; every other task echoes its input. It
// counts the calls of each state and input.
type flaky struct {
	broken map[string]bool
	calls  map[string]int
}

func newFlaky(keys ...string) *flaky {
	f := &flaky{broken: map[string]bool{}, calls: map[string]int{}}
	for _, k := range keys {
		f.broken[k] = true
	}
	return f
}

func (f *flaky) answer(c *engine.TaskCall) (value.Value, string, string) {
	key := c.StateName + ":" + value.String(c.Input)
	f.calls[key]++
	if f.broken[key] {
		return nil, "Boom", "broken " + key
	}
	return c.Input, "", ""
}

func (f *flaky) fix() { f.broken = map[string]bool{} }

// childLog is what the steps said of one child execution of a Map Run.
type childLog struct {
	events   []history.Event
	ended    []engine.Status
	redrives int
}

// redriveRun is an execution under test that is redriven once it ends:
// its events, each of its child executions' and its Map Run updates.
type redriveRun struct {
	*childRun
	timers   map[engine.OpID]time.Time
	restart  bool
	all      []history.Event
	children map[string]*childLog
	order    []string
	runs     []engine.MapRunUpdate
}

func startRedrive(t *testing.T, def, input string, restart bool) *redriveRun {
	t.Helper()
	r := &redriveRun{childRun: startChildren(t, def, input, engine.Options{}), restart: restart,
		timers: map[engine.OpID]time.Time{}, children: map[string]*childLog{}}
	r.book = &childBook{}
	r.all = append(r.all, r.evs...)
	r.keep(t, r.x.ChildUpdates())
	r.runs = append(r.runs, r.x.MapRunUpdates()...)
	return r
}

// keep adds a step's child updates to the children's logs.
func (r *redriveRun) keep(t *testing.T, ups []engine.ChildUpdate) {
	t.Helper()
	for _, u := range ups {
		c := r.children[u.Arn]
		if c == nil {
			if !u.New {
				t.Fatalf("first update of %s is not New", u.Arn)
			}
			c = &childLog{}
			r.children[u.Arn] = c
			r.order = append(r.order, u.Arn)
		}
		if len(c.ended) > c.redrives && u.Redriven.IsZero() {
			t.Fatalf("%s changed after it ended", u.Arn)
		}
		if !u.Redriven.IsZero() {
			c.redrives++
			if u.RedriveCount != c.redrives {
				t.Errorf("%s: RedriveCount %d, want %d", u.Arn, u.RedriveCount, c.redrives)
			}
		}
		c.events = append(c.events, u.Events...)
		if u.Ended != nil {
			c.ended = append(c.ended, u.Ended.Status)
		}
	}
}

// drive runs the execution until it ends, answering tasks with tasks.
func (r *redriveRun) drive(t *testing.T, tasks taskFunc) {
	t.Helper()
	for steps := 0; !r.x.Done(); steps++ {
		if steps > 1000 {
			t.Fatal("execution does not end")
		}
		r.x.Release()
		if r.restart {
			r.restore(t)
		}
		var in engine.Input
		in, r.cmds = nextInput(t, r.cmds, r.timers, tasks)
		if in.Kind == engine.TimerFired {
			r.now = r.timers[in.Op]
			delete(r.timers, in.Op)
		}
		evs, more := r.x.Apply(in, r.now)
		r.keep(t, r.x.ChildUpdates())
		r.runs = append(r.runs, r.x.MapRunUpdates()...)
		r.all = append(r.all, evs...)
		r.cmds = append(r.cmds, more...)
	}
}

// redrive redrives the ended execution from its snapshot, an hour later.
// It returns the index in the events of the ExecutionRedriven event.
func (r *redriveRun) redrive(t *testing.T) int {
	t.Helper()
	x, err := r.prog.Restore(r.x.Snapshot(), r.ids)
	if err != nil {
		t.Fatalf("restore: %v", err)
	}
	r.now = r.now.Add(time.Hour)
	evs, cmds, err := x.Redrive(r.now)
	if err != nil {
		t.Fatalf("redrive: %v", err)
	}
	r.x, r.cmds, r.timers = x, cmds, map[engine.OpID]time.Time{}
	r.keep(t, x.ChildUpdates())
	r.runs = append(r.runs, x.MapRunUpdates()...)
	at := len(r.all)
	r.all = append(r.all, evs...)
	return at
}

// iterations lists the indexes of the MapIterationStarted events in evs.
func iterations(evs []history.Event) []int {
	var out []int
	for _, e := range evs {
		if e.Type == history.MapIterationStarted {
			out = append(out, e.Index)
		}
	}
	sort.Ints(out)
	return out
}

func intsString(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = value.String(value.Int(int64(x)))
	}
	return strings.Join(s, ",")
}

const lambda = `"Type":"Task","Resource":"arn:aws:states:::lambda:invoke"`

func TestRedriveReRunsOnlyWhatFailed(t *testing.T) {
	cases := []struct {
		name, def, input string
		broken           []string // state:input of the tasks that fail until the redrive
		first            engine.Status
		// after is the event types the redrive records.
		after, output string
		// iterations are the indexes of the Map iterations the redrive runs.
		iterations string
		// calls counts the calls of tasks over both runs.
		calls map[string]int
	}{
		{
			name: "parallel branch",
			def: `{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[
			 {"StartAt":"A","States":{"A":{"Type":"Pass","Result":"a","End":true}}},
			 {"StartAt":"B0","States":{"B0":{"Type":"Pass","Result":"b","Next":"B"},"B":{` + lambda + `,"End":true}}},
			 {"StartAt":"C","States":{"C":{` + lambda + `,"End":true}}}],"End":true}}}`,
			input: `"c"`, broken: []string{`B:"b"`}, first: engine.Failed,
			after:  "ExecutionRedriven ParallelStateEntered ParallelStateStarted TaskStateEntered TaskScheduled TaskStarted TaskSucceeded TaskStateExited ParallelStateSucceeded ParallelStateExited ExecutionSucceeded",
			output: `["a","b","c"]`, calls: map[string]int{`B:"b"`: 2, `C:"c"`: 1},
		},
		{
			name: "inline map iterations",
			def: `{"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":2,"ItemProcessor":{"StartAt":"T","States":{
			 "T":{` + lambda + `,"End":true}}},"End":true}}}`,
			input: `[1,2,3,4]`, broken: []string{"T:2"}, first: engine.Failed,
			output: `[1,2,3,4]`, iterations: "1,2,3", calls: map[string]int{"T:1": 1, "T:2": 2, "T:3": 1, "T:4": 1},
		},
		{
			name: "tolerated failures run again",
			def: `{"StartAt":"M","States":{"M":{"Type":"Map","ToleratedFailureCount":1,"ItemProcessor":{"StartAt":"T","States":{
			 "T":{` + lambda + `,"End":true}}},"End":true}}}`,
			input: `[1,2,3]`, broken: []string{"T:1", "T:3"}, first: engine.Failed,
			output: `[1,2,3]`, iterations: "0,2", calls: map[string]int{"T:1": 2, "T:2": 1, "T:3": 2},
		},
		{
			name: "parallel in a map",
			def: `{"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[
			 {"StartAt":"A","States":{"A":{` + lambda + `,"End":true}}},
			 {"StartAt":"B","States":{"B":{` + lambda + `,"End":true}}}],"End":true}}},"End":true}}}`,
			input: `[1,2]`, broken: []string{"B:2"}, first: engine.Failed,
			after:  "ExecutionRedriven MapStateEntered MapStateStarted MapIterationStarted ParallelStateEntered ParallelStateStarted TaskStateEntered TaskScheduled TaskStarted TaskSucceeded TaskStateExited ParallelStateSucceeded ParallelStateExited MapIterationSucceeded MapStateSucceeded MapStateExited ExecutionSucceeded",
			output: `[[1,1],[2,2]]`, iterations: "1", calls: map[string]int{"A:1": 1, "B:1": 1, "A:2": 1, "B:2": 2},
		},
		{
			name: "distributed map in a parallel",
			def: `{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[
			 {"StartAt":"A","States":{"A":{` + lambda + `,"End":true}}},
			 {"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
			  "StartAt":"T","States":{"T":{` + lambda + `,"End":true}}},"End":true}}}],"End":true}}}`,
			input: `[1,2]`, broken: []string{"T:2"}, first: engine.Failed,
			after:  "ExecutionRedriven ParallelStateEntered ParallelStateStarted MapStateEntered MapStateStarted MapRunRedriven MapRunSucceeded MapStateSucceeded MapStateExited ParallelStateSucceeded ParallelStateExited ExecutionSucceeded",
			output: `[[1,2],[1,2]]`, calls: map[string]int{"A:[1,2]": 1, "T:1": 1, "T:2": 2},
		},
		{
			name: "parallel in a child execution",
			def: `{"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
			 "StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[
			 {"StartAt":"A","States":{"A":{` + lambda + `,"End":true}}},
			 {"StartAt":"B","States":{"B":{` + lambda + `,"End":true}}}],"End":true}}},"End":true}}}`,
			input: `[1,2]`, broken: []string{"B:2"}, first: engine.Failed,
			after:  "ExecutionRedriven MapStateEntered MapStateStarted MapRunRedriven MapRunSucceeded MapStateSucceeded MapStateExited ExecutionSucceeded",
			output: `[[1,1],[2,2]]`, calls: map[string]int{"A:1": 1, "B:1": 1, "A:2": 1, "B:2": 2},
		},
		{
			name: "state after a parallel",
			def: `{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[
			 {"StartAt":"A","States":{"A":{` + lambda + `,"End":true}}}],"Next":"T"},"T":{` + lambda + `,"End":true}}}`,
			input: `1`, broken: []string{"T:[1]"}, first: engine.Failed,
			after:  "ExecutionRedriven TaskStateEntered TaskScheduled TaskStarted TaskSucceeded TaskStateExited ExecutionSucceeded",
			output: `[1]`, calls: map[string]int{"A:1": 1, "T:[1]": 2},
		},
	}
	for _, tc := range cases {
		for _, restart := range []bool{false, true} {
			t.Run(tc.name+map[bool]string{true: " with restarts"}[restart], func(t *testing.T) {
				t.Parallel()
				tasks := newFlaky(tc.broken...)
				r := startRedrive(t, tc.def, tc.input, restart)
				r.drive(t, tasks.answer)
				if r.x.Result.Status != tc.first {
					t.Fatalf("first run %s %s", r.x.Result.Status, r.x.Result.Cause)
				}
				tasks.fix()
				at := r.redrive(t)
				r.drive(t, tasks.answer)
				if r.x.Result.Status != engine.Succeeded || value.String(r.x.Result.Output) != tc.output {
					t.Fatalf("after the redrive: %s %s, want %s", r.x.Result.Status, value.String(r.x.Result.Output), tc.output)
				}
				checkEventIDs(t, r.all)
				after := r.all[at:]
				if want := tc.after; want != "" && types(after) != want {
					t.Errorf("the redrive recorded\n %s\nwant\n %s", types(after), want)
				}
				if got := intsString(iterations(after)); got != tc.iterations {
					t.Errorf("the redrive ran iterations %q, want %q", got, tc.iterations)
				}
				for k, n := range tc.calls {
					if tasks.calls[k] != n {
						t.Errorf("%s called %d times, want %d (%v)", k, tasks.calls[k], n, tasks.calls)
					}
				}
				if e := after[0]; e.Type != history.ExecutionRedriven || e.RedriveCount != 1 || e.PreviousID != e.ID-1 {
					t.Errorf("first event of the redrive: %+v", e)
				}
			})
		}
	}
}

// dmapRedrive is a distributed Map whose children wait 10 seconds, then
// run a task: %s is the ExecutionType.
const dmapRedrive = `{"StartAt":"M","States":{"M":{"Type":"Map","Label":"L","MaxConcurrency":2,
 "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"%s"},"StartAt":"W","States":{
  "W":{"Type":"Wait","Seconds":10,"Next":"T"},"T":{` + lambda + `,"End":true}}},"End":true}}}`

func TestRedriveMapRun(t *testing.T) {
	for _, restart := range []bool{false, true} {
		t.Run(map[bool]string{false: "standard", true: "standard with restarts"}[restart], func(t *testing.T) {
			t.Parallel()
			tasks := newFlaky("T:2")
			r := startRedrive(t, strings.Replace(dmapRedrive, "%s", "STANDARD", 1), `[1,2,3,4]`, restart)
			r.drive(t, tasks.answer)
			if r.x.Result.Status != engine.Failed || r.x.Result.Error != "States.ExceedToleratedFailureThreshold" {
				t.Fatalf("first run %s %s", r.x.Result.Status, r.x.Result.Error)
			}
			if len(r.order) != 3 {
				t.Fatalf("%d children started, want 3 (items 1 to 3, two at a time)", len(r.order))
			}
			tasks.fix()
			runsBefore := len(r.runs)
			at := r.redrive(t)
			redriven := r.now
			r.drive(t, tasks.answer)
			if r.x.Result.Status != engine.Succeeded || value.String(r.x.Result.Output) != `[1,2,3,4]` {
				t.Fatalf("after the redrive: %s %s", r.x.Result.Status, value.String(r.x.Result.Output))
			}
			checkEventIDs(t, r.all)
			want := "ExecutionRedriven MapStateEntered MapStateStarted MapRunRedriven MapRunSucceeded MapStateSucceeded MapStateExited ExecutionSucceeded"
			if got := types(r.all[at:]); got != want {
				t.Errorf("parent after the redrive:\n %s\nwant\n %s", got, want)
			}
			checkRedrivenChildren(t, r, redriven)
			// The redrive, the counters as children start and end, the end.
			runs := r.runs[runsBefore:]
			first, last := runs[0], runs[len(runs)-1]
			if len(runs) < 2 || first.Status != engine.Running || first.Arn != r.runs[0].Arn ||
				first.RedriveCount != 1 || !first.Redriven.Equal(redriven) ||
				last.Status != engine.Succeeded || last.Succeeded != 4 || last.Failed != 0 || last.Total != 4 {
				t.Errorf("Map Run updates of the redrive: %+v", runs)
			}
			for _, u := range runs {
				if u.Pending+u.Running+u.Succeeded+u.Failed != u.Total || u.Running > 2 {
					t.Errorf("Map Run counters %+v (MaxConcurrency 2)", u)
				}
			}
			if tasks.calls["T:1"] != 1 || tasks.calls["T:2"] != 2 || tasks.calls["T:4"] != 1 {
				t.Errorf("task calls %v", tasks.calls)
			}
		})
	}
	t.Run("express", func(t *testing.T) {
		t.Parallel()
		tasks := newFlaky("T:2")
		r := startRedrive(t, strings.Replace(dmapRedrive, "%s", "EXPRESS", 1), `[1,2,3]`, false)
		r.drive(t, tasks.answer)
		if r.x.Result.Status != engine.Failed || len(r.order) != 0 {
			t.Fatalf("first run %s, %d children with histories", r.x.Result.Status, len(r.order))
		}
		tasks.fix()
		r.redrive(t)
		redriven := r.now
		r.drive(t, tasks.answer)
		if r.x.Result.Status != engine.Succeeded || value.String(r.x.Result.Output) != `[1,2,3]` {
			t.Fatalf("after the redrive: %s %s", r.x.Result.Status, value.String(r.x.Result.Output))
		}
		// EXPRESS children start again from the first state: they wait again.
		if end := r.all[len(r.all)-1].Timestamp; !end.Equal(redriven.Add(10 * time.Second)) {
			t.Errorf("ended %v after the redrive, want 10s", end.Sub(redriven))
		}
		if tasks.calls["T:1"] != 1 || tasks.calls["T:2"] != 2 {
			t.Errorf("task calls %v", tasks.calls)
		}
	})
}

// checkRedrivenChildren checks the children of the redriven Map Run of
// dmapRedrive (items 1 to 4; item 2 failed, item 3 was aborted, item 4
// had not started): the failed and aborted ones are redriven from their
// Task state (they do not wait again); the succeeded one is left alone.
func checkRedrivenChildren(t *testing.T, r *redriveRun, redriven time.Time) {
	t.Helper()
	if len(r.order) != 4 {
		t.Fatalf("%d children, want 4", len(r.order))
	}
	wants := []struct {
		history, ended string
		redrives       int
	}{
		{"ExecutionStarted WaitStateEntered WaitStateExited TaskStateEntered TaskScheduled TaskStarted TaskSucceeded TaskStateExited ExecutionSucceeded", "SUCCEEDED", 0},
		{"ExecutionStarted WaitStateEntered WaitStateExited TaskStateEntered TaskScheduled TaskStarted TaskFailed ExecutionFailed ExecutionRedriven TaskStateEntered TaskScheduled TaskStarted TaskSucceeded TaskStateExited ExecutionSucceeded", "FAILED SUCCEEDED", 1},
		{"ExecutionStarted WaitStateEntered ExecutionAborted ExecutionRedriven WaitStateEntered WaitStateExited TaskStateEntered TaskScheduled TaskStarted TaskSucceeded TaskStateExited ExecutionSucceeded", "ABORTED SUCCEEDED", 1},
		{"ExecutionStarted WaitStateEntered WaitStateExited TaskStateEntered TaskScheduled TaskStarted TaskSucceeded TaskStateExited ExecutionSucceeded", "SUCCEEDED", 0},
	}
	for i, w := range wants {
		c := r.children[r.order[i]]
		checkEventIDs(t, c.events)
		var ended []string
		for _, s := range c.ended {
			ended = append(ended, s.String())
		}
		if got := types(c.events); got != w.history || strings.Join(ended, " ") != w.ended || c.redrives != w.redrives {
			t.Errorf("child %d: %s, ended %v, redriven %d times; want\n %s, %s, %d", i+1, got, ended, c.redrives, w.history, w.ended, w.redrives)
		}
		for _, e := range c.events {
			if e.Type == history.ExecutionRedriven && (e.RedriveCount != 1 || !e.Timestamp.Equal(redriven)) {
				t.Errorf("child %d: %+v", i+1, e)
			}
		}
	}
}

func TestRedriveStoppedParallel(t *testing.T) {
	const def = `{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[
	 {"StartAt":"A","States":{"A":{` + lambda + `,"End":true}}},
	 {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"Next":"B"},"B":{` + lambda + `,"End":true}}}],"End":true}}}`
	tasks := newFlaky()
	r := startRedrive(t, def, `1`, true)
	in, cmds := nextInput(t, r.cmds, r.timers, tasks.answer) // branch A's task
	r.x.Apply(in, r.now)
	r.x.Release()
	r.cmds = cmds
	r.restore(t)
	evs, _ := r.x.Apply(engine.Input{Kind: engine.Stop, Error: "E"}, r.now)
	r.all = append(r.all, evs...)
	if r.x.Result.Status != engine.Aborted {
		t.Fatalf("stopped: %s", r.x.Result.Status)
	}
	at := r.redrive(t)
	r.drive(t, tasks.answer)
	if r.x.Result.Status != engine.Succeeded || value.String(r.x.Result.Output) != `[1,1]` {
		t.Fatalf("after the redrive: %s %s", r.x.Result.Status, value.String(r.x.Result.Output))
	}
	want := "ExecutionRedriven ParallelStateEntered ParallelStateStarted WaitStateEntered WaitStateExited TaskStateEntered TaskScheduled TaskStarted TaskSucceeded TaskStateExited ParallelStateSucceeded ParallelStateExited ExecutionSucceeded"
	if got := types(r.all[at:]); got != want {
		t.Errorf("the redrive recorded\n %s\nwant\n %s", got, want)
	}
	if tasks.calls["A:1"] != 1 || tasks.calls["B:1"] != 1 {
		t.Errorf("task calls %v", tasks.calls)
	}
}

func TestRedriveRunsAgainAsAWhole(t *testing.T) {
	// A Parallel whose result is over the payload limit fails with
	// States.DataLimitExceeded after its branches succeeded: it runs again
	// as a whole. So does a Map whose ItemReader failed, with a new Map Run.
	t.Run("data limit", func(t *testing.T) {
		d, err := asl.Parse(`{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[
		 {"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}},{"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}],"End":true}}}`, asl.Options{})
		if err != nil {
			t.Fatal(err)
		}
		now := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
		x, _, _ := engine.New(d, engine.Options{MaxPayloadBytes: 100}).Start(engine.Meta{}, value.MustParse(`"`+strings.Repeat("x", 60)+`"`), &seqIDs{}, now)
		if x.Result.Status != engine.Failed || x.Result.Error != "States.DataLimitExceeded" {
			t.Fatalf("first run %s %s", x.Result.Status, x.Result.Error)
		}
		evs, _, err := x.Redrive(now.Add(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if got := types(evs); strings.Count(got, "PassStateEntered") != 2 || !strings.HasSuffix(got, "ExecutionFailed") {
			t.Errorf("the redrive recorded %s", got)
		}
	})
	t.Run("item reader", func(t *testing.T) {
		def := `{"StartAt":"M","States":{"M":{"Type":"Map","ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSON"},
		 "Parameters":{"Bucket":"b","Key":"k"}},"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
		 "StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}`
		broken := true
		read := func(*engine.TaskCall) (value.Value, string, string) {
			if broken {
				return nil, "S3.NoSuchKey", "no key"
			}
			return value.MustParse(`{"Body":"[1,2]"}`), "", ""
		}
		r := startRedrive(t, def, `{}`, false)
		r.drive(t, read)
		if r.x.Result.Status != engine.Failed {
			t.Fatalf("first run %s", r.x.Result.Status)
		}
		broken = false
		at := r.redrive(t)
		r.drive(t, read)
		if r.x.Result.Status != engine.Succeeded || value.String(r.x.Result.Output) != `[1,2]` {
			t.Fatalf("after the redrive: %s %s", r.x.Result.Status, value.String(r.x.Result.Output))
		}
		var arns []string
		for _, e := range r.all {
			if e.Type == history.MapRunStarted {
				arns = append(arns, e.MapRunArn)
			}
		}
		if got := types(r.all[at:]); len(arns) != 2 || arns[0] == arns[1] || !strings.Contains(got, "MapRunStarted") {
			t.Errorf("Map Runs %v; the redrive recorded %s", arns, got)
		}
	})
}

func TestRedriveTimeout(t *testing.T) {
	// The execution's TimeoutSeconds counts from the start, and again from
	// each redrive; a Task that ends does not end it.
	const def = `{"TimeoutSeconds":10,"StartAt":"T","States":{"T":{` + lambda + `,"Next":"W"},"W":{"Type":"Wait","SecondsPath":"$.wait","End":true}}}`
	cases := []struct {
		name, input string
		status      engine.Status
	}{
		{"within the timeout", `{"wait":8}`, engine.Succeeded},
		{"over the timeout", `{"wait":12}`, engine.TimedOut},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tasks := newFlaky("T:" + tc.input)
			r := startRedrive(t, def, tc.input, false)
			r.drive(t, tasks.answer)
			if r.x.Result.Status != engine.Failed {
				t.Fatalf("first run %s", r.x.Result.Status)
			}
			tasks.fix()
			r.redrive(t)
			r.drive(t, tasks.answer)
			if r.x.Result.Status != tc.status {
				t.Fatalf("after the redrive %s, want %s", r.x.Result.Status, tc.status)
			}
		})
	}
	x, _ := run(t, def, `{"wait":12}`, nil)
	if x.Result.Status != engine.TimedOut {
		t.Errorf("a run past its timeout: %s", x.Result.Status)
	}
}

func TestRedriveAgain(t *testing.T) {
	const def = `{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[
	 {"StartAt":"A","States":{"A":{` + lambda + `,"End":true}}},
	 {"StartAt":"B","States":{"B":{` + lambda + `,"End":true}}}],"End":true}}}`
	tasks := newFlaky("B:1")
	r := startRedrive(t, def, `1`, true)
	r.drive(t, tasks.answer)
	r.redrive(t)
	r.drive(t, tasks.answer)
	if r.x.Result.Status != engine.Failed {
		t.Fatalf("first redrive %s", r.x.Result.Status)
	}
	tasks.fix()
	at := r.redrive(t)
	r.drive(t, tasks.answer)
	if r.x.Result.Status != engine.Succeeded || r.x.Meta.RedriveCount != 2 || r.all[at].RedriveCount != 2 {
		t.Fatalf("second redrive %s, count %d", r.x.Result.Status, r.x.Meta.RedriveCount)
	}
	if tasks.calls["A:1"] != 1 || tasks.calls["B:1"] != 3 {
		t.Errorf("task calls %v", tasks.calls)
	}
	if _, _, err := r.x.Redrive(r.now); err != engine.ErrNotRedrivable {
		t.Errorf("redrive of a succeeded execution: %v", err)
	}
}

func TestRedriveOlderSnapshot(t *testing.T) {
	// A snapshot taken before failed children were kept (its fan-outs have
	// no length) redrives a stopped Parallel as a whole.
	const def = `{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[
	 {"StartAt":"A","States":{"A":{` + lambda + `,"End":true}}},
	 {"StartAt":"B","States":{"B":{` + lambda + `,"End":true}}}],"End":true}}}`
	tasks := newFlaky()
	r := startRedrive(t, def, `1`, false)
	in, _ := nextInput(t, r.cmds, r.timers, tasks.answer) // branch A's task
	r.x.Apply(in, r.now)
	r.x.Apply(engine.Input{Kind: engine.Stop}, r.now)
	snap := strings.Replace(string(r.x.Snapshot()), `"length":0,`, "", 1)
	x, err := r.prog.Restore([]byte(snap), r.ids)
	if err != nil {
		t.Fatal(err)
	}
	r.x = x
	r.redrive(t)
	r.drive(t, tasks.answer)
	if r.x.Result.Status != engine.Succeeded || tasks.calls["A:1"] != 2 || tasks.calls["B:1"] != 1 {
		t.Fatalf("after the redrive %s, calls %v", r.x.Result.Status, tasks.calls)
	}
}
