package engine_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stepwisehq/stepwise/asl"
	"github.com/stepwisehq/stepwise/engine"
	"github.com/stepwisehq/stepwise/history"
	"github.com/stepwisehq/stepwise/value"
)

// childRecord is what the ChildUpdates of every step said of one child
// execution.
type childRecord struct {
	first  engine.ChildUpdate // its first update
	events []history.Event
	ended  *engine.Result
	runs   []engine.MapRunUpdate
}

// childBook gathers ChildUpdates in the order children started.
type childBook struct {
	order []string
	by    map[string]*childRecord
}

func (b *childBook) add(t *testing.T, ups []engine.ChildUpdate) {
	t.Helper()
	if b.by == nil {
		b.by = map[string]*childRecord{}
	}
	for _, u := range ups {
		r := b.by[u.Arn]
		if r == nil {
			if !u.New {
				t.Fatalf("first update of %s is not New", u.Arn)
			}
			r = &childRecord{first: u}
			b.by[u.Arn] = r
			b.order = append(b.order, u.Arn)
		} else if u.New {
			t.Fatalf("%s started twice", u.Arn)
		}
		if r.ended != nil {
			t.Fatalf("%s changed after it ended", u.Arn)
		}
		r.events = append(r.events, u.Events...)
		r.ended = u.Ended
		r.runs = append(r.runs, u.MapRuns...)
	}
}

func (b *childBook) child(i int) *childRecord { return b.by[b.order[i]] }

// childRun is an execution under test with the child updates it made.
type childRun struct {
	prog *engine.Program
	ids  *seqIDs
	x    *engine.Execution
	evs  []history.Event
	cmds []engine.Command
	book *childBook
	now  time.Time
}

// startChildren starts an execution of def, keeping its child updates.
func startChildren(t *testing.T, def, input string, opts engine.Options) *childRun {
	t.Helper()
	d, err := asl.Parse(def, asl.Options{})
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	r := &childRun{prog: engine.New(d, opts), ids: &seqIDs{}, book: &childBook{},
		now: time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)}
	meta := engine.Meta{Name: "exec", ExecutionArn: "arn:aws:states:us-east-1:123456789012:execution:sm:exec",
		StateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:sm", StateMachineName: "sm",
		StartTime: r.now, RoleArn: "role"}
	r.x, r.evs, r.cmds = r.prog.Start(meta, value.MustParse(input), r.ids, r.now)
	r.book.add(t, r.x.ChildUpdates())
	return r
}

// driveChildren runs an execution to its end as run does, gathering its
// child executions; with restart it snapshots and restores the execution
// after every step, as a durable runtime restarted between steps would.
func driveChildren(t *testing.T, def, input string, restart bool, tasks taskFunc) (*engine.Execution, []history.Event, *childBook) {
	t.Helper()
	r := startChildren(t, def, input, engine.Options{})
	all := append([]history.Event(nil), r.evs...)
	timers := map[engine.OpID]time.Time{}
	for steps := 0; !r.x.Done(); steps++ {
		if steps > 1000 {
			t.Fatal("execution does not end")
		}
		r.x.Release()
		if restart {
			r.restore(t)
		}
		var in engine.Input
		in, r.cmds = nextInput(t, r.cmds, timers, tasks)
		if in.Kind == engine.TimerFired {
			r.now = timers[in.Op]
			delete(timers, in.Op)
		}
		evs, more := r.x.Apply(in, r.now)
		r.book.add(t, r.x.ChildUpdates())
		all = append(all, evs...)
		r.cmds = append(r.cmds, more...)
	}
	return r.x, all, r.book
}

// restore replaces the execution with one restored from its snapshot,
// which re-establishes its operations when no command is pending.
func (r *childRun) restore(t *testing.T) {
	t.Helper()
	x, err := r.prog.Restore(r.x.Snapshot(), r.ids)
	if err != nil {
		t.Fatalf("restore: %v", err)
	}
	r.x = x
	if len(r.cmds) == 0 {
		r.cmds = x.Pending()
	}
}

// childHistory checks a child's event ids and previous ids and returns
// its event types.
func childHistory(t *testing.T, r *childRecord) string {
	t.Helper()
	checkEventIDs(t, r.events)
	return types(r.events)
}

const dmapTasks = `{"StartAt":"M","States":{"M":{"Type":"Map","Label":"L","MaxConcurrency":2,"ToleratedFailureCount":1,
 "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"C","States":{
  "C":{"Type":"Choice","Choices":[{"Variable":"$.fail","IsPresent":true,"Next":"F"}],"Default":"T"},
  "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"v.$":"$.v"},"OutputPath":"$.v","End":true},
  "F":{"Type":"Fail","Error":"Boom","Cause":"item failed"}}},"End":true}}}`

func TestChildExecutionHistories(t *testing.T) {
	t.Parallel()
	x, evs, book := driveChildren(t, dmapTasks, `[{"v":1},{"v":2,"fail":true},{"v":3}]`, false, nil)
	checkResult(t, x, engine.Succeeded, `[1,{"Error":"Boom","Cause":"item failed"},3]`, "", "")
	if got := types(evs); got != "ExecutionStarted MapStateEntered MapStateStarted MapRunStarted MapRunSucceeded MapStateSucceeded MapStateExited ExecutionSucceeded" {
		t.Errorf("parent history %s", got)
	}
	mapRun := evs[3].MapRunArn
	if len(book.order) != 3 {
		t.Fatalf("%d children, want 3", len(book.order))
	}
	ok := "ExecutionStarted ChoiceStateEntered ChoiceStateExited TaskStateEntered TaskScheduled TaskStarted TaskSucceeded TaskStateExited ExecutionSucceeded"
	wants := []struct {
		input, history string
		status         engine.Status
	}{
		{`{"v":1}`, ok, engine.Succeeded},
		{`{"v":2,"fail":true}`, "ExecutionStarted ChoiceStateEntered ChoiceStateExited FailStateEntered ExecutionFailed", engine.Failed},
		{`{"v":3}`, ok, engine.Succeeded},
	}
	for i, w := range wants {
		r := book.child(i)
		u := r.first
		prefix := "arn:aws:states:us-east-1:123456789012:execution:sm/L:"
		if !strings.HasPrefix(u.Arn, prefix) || u.Name != strings.TrimPrefix(u.Arn, prefix) {
			t.Errorf("child %d: arn %s name %s", i, u.Arn, u.Name)
		}
		if u.StateMachineArn != "arn:aws:states:us-east-1:123456789012:stateMachine:sm/L" || u.MapRunArn != mapRun ||
			u.ParentArn != "arn:aws:states:us-east-1:123456789012:execution:sm:exec" {
			t.Errorf("child %d: %+v", i, u)
		}
		if value.String(u.Input) != w.input {
			t.Errorf("child %d: input %s, want %s", i, value.String(u.Input), w.input)
		}
		if got := childHistory(t, r); got != w.history {
			t.Errorf("child %d history\n got %s\nwant %s", i, got, w.history)
		}
		if r.ended == nil || r.ended.Status != w.status {
			t.Fatalf("child %d ended %+v, want %s", i, r.ended, w.status)
		}
		if e := r.events[0]; value.String(e.Input) != w.input || e.RoleArn != "role" {
			t.Errorf("child %d ExecutionStarted %+v", i, e)
		}
	}
	last := book.child(1).events[4]
	if last.Error != "Boom" || last.Cause != "item failed" || last.PreviousID != 4 {
		t.Errorf("ExecutionFailed %+v", last)
	}
	if r := book.child(0); value.String(r.ended.Output) != "1" || value.String(r.events[len(r.events)-1].Output) != "1" {
		t.Errorf("child 0 output %s", value.String(r.ended.Output))
	}
}

func TestChildExecutionsAfterRestarts(t *testing.T) {
	t.Parallel()
	input := `[{"v":1},{"v":2,"fail":true},{"v":3},{"v":4}]`
	_, wantEvs, want := driveChildren(t, dmapTasks, input, false, nil)
	_, gotEvs, got := driveChildren(t, dmapTasks, input, true, nil)
	if types(gotEvs) != types(wantEvs) {
		t.Errorf("parent after restarts\n got %s\nwant %s", types(gotEvs), types(wantEvs))
	}
	if len(got.order) != len(want.order) {
		t.Fatalf("%d children after restarts, want %d", len(got.order), len(want.order))
	}
	for i := range want.order {
		g, w := got.child(i), want.child(i)
		if g.first.Arn != w.first.Arn || !g.first.Started.Equal(w.first.Started) {
			t.Errorf("child %d: %s started %s, want %s %s", i, g.first.Arn, g.first.Started, w.first.Arn, w.first.Started)
		}
		if gh, wh := childHistory(t, g), childHistory(t, w); gh != wh {
			t.Errorf("child %d after restarts\n got %s\nwant %s", i, gh, wh)
		}
		for j := range w.events {
			if g.events[j].PreviousID != w.events[j].PreviousID {
				t.Errorf("child %d event %d: previous id %d, want %d", i, j+1, g.events[j].PreviousID, w.events[j].PreviousID)
			}
		}
	}
}

func TestChildExecutionKinds(t *testing.T) {
	t.Parallel()
	passMap := func(extra, processor string) string {
		return `{"StartAt":"M","States":{"M":{"Type":"Map","Label":"L",` + extra + `"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"` +
			processor + `"},"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}`
	}
	cases := []struct {
		name, def, input, output string
		children                 int
		inputs                   []string
	}{
		{"one child an item", passMap("", "STANDARD"), `[1,2,3]`, `[1,2,3]`, 3, []string{"1", "2", "3"}},
		{"one child a batch", passMap(`"ItemBatcher":{"MaxItemsPerBatch":2},`, "STANDARD"), `[1,2,3]`,
			`[{"Items":[1,2]},{"Items":[3]}]`, 2, []string{`{"Items":[1,2]}`, `{"Items":[3]}`}},
		{"express children keep no history", passMap("", "EXPRESS"), `[1,2,3]`, `[1,2,3]`, 0, nil},
		{"no items no children", passMap("", "STANDARD"), `[]`, `[]`, 0, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			x, _, book := driveChildren(t, tc.def, tc.input, false, nil)
			checkResult(t, x, engine.Succeeded, tc.output, "", "")
			if len(book.order) != tc.children {
				t.Fatalf("%d children, want %d", len(book.order), tc.children)
			}
			for i, in := range tc.inputs {
				r := book.child(i)
				if value.String(r.first.Input) != in || childHistory(t, r) != "ExecutionStarted PassStateEntered PassStateExited ExecutionSucceeded" {
					t.Errorf("child %d: input %s, history %s", i, value.String(r.first.Input), types(r.events))
				}
			}
		})
	}
}

func TestNestedChildExecutions(t *testing.T) {
	t.Parallel()
	def := `{"StartAt":"Outer","States":{"Outer":{"Type":"Map","Label":"O","ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
	 "StartAt":"Inner","States":{"Inner":{"Type":"Map","Label":"I","ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
	  "StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}},"End":true}}}`
	x, _, book := driveChildren(t, def, `[[1,2],[3]]`, false, nil)
	checkResult(t, x, engine.Succeeded, `[[1,2],[3]]`, "", "")
	if len(book.order) != 5 {
		t.Fatalf("%d children, want 2 outer and 3 inner", len(book.order))
	}
	outer := book.child(0)
	if got := childHistory(t, outer); got != "ExecutionStarted MapStateEntered MapStateStarted MapRunStarted MapRunSucceeded MapStateSucceeded MapStateExited ExecutionSucceeded" {
		t.Errorf("outer child history %s", got)
	}
	innerRun := outer.events[3].MapRunArn
	if !strings.Contains(innerRun, ":mapRun:sm/O/I:") {
		t.Errorf("inner Map Run %s", innerRun)
	}
	if len(outer.runs) != 2 || outer.runs[0].Arn != innerRun || outer.runs[1].Status != engine.Succeeded {
		t.Errorf("outer child's Map Runs %+v", outer.runs)
	}
	for _, u := range x.MapRunUpdates() {
		if strings.Contains(u.Arn, "/I:") {
			t.Errorf("the parent lists the inner Map Run %s", u.Arn)
		}
	}
	inner := book.child(2) // both outer children start first
	if book.child(1).first.ParentArn != x.Meta.ExecutionArn {
		t.Errorf("second outer child's parent %s", book.child(1).first.ParentArn)
	}
	if inner.first.ParentArn != outer.first.Arn || inner.first.MapRunArn != innerRun ||
		!strings.Contains(inner.first.Arn, ":execution:sm/O/I:") || childHistory(t, inner) != "ExecutionStarted PassStateEntered PassStateExited ExecutionSucceeded" {
		t.Errorf("inner child %+v %s", inner.first, types(inner.events))
	}
}

func TestStopChildExecution(t *testing.T) {
	t.Parallel()
	r := startChildren(t, dmapTasks, `[{"v":1},{"v":2}]`, engine.Options{})
	x, cmds, book := r.x, r.cmds, r.book
	if len(book.order) != 2 || len(cmds) != 2 {
		t.Fatalf("%d children, %d commands", len(book.order), len(cmds))
	}
	later := time.Date(2024, 1, 2, 3, 5, 0, 0, time.UTC)
	if _, _, ok := x.StopChild("arn:aws:states:us-east-1:123456789012:execution:sm/L:nope", "", "", later); ok {
		t.Fatal("stopped a child that does not exist")
	}
	evs, more, ok := x.StopChild(book.order[0], "MyError", "stopped by hand", later)
	if !ok || len(evs) != 0 || len(more) != 1 || more[0].Kind != engine.CancelOp || more[0].Op != cmds[0].Op {
		t.Fatalf("StopChild: %v %d events %+v", ok, len(evs), more)
	}
	book.add(t, x.ChildUpdates())
	stopped := book.child(0)
	end := stopped.events[len(stopped.events)-1]
	if childHistory(t, stopped) != "ExecutionStarted ChoiceStateEntered ChoiceStateExited TaskStateEntered TaskScheduled TaskStarted ExecutionAborted" ||
		end.Error != "MyError" || end.Cause != "stopped by hand" || !end.Timestamp.Equal(later) || stopped.ended.Status != engine.Aborted {
		t.Errorf("stopped child: %s, %+v", types(stopped.events), end)
	}
	if _, _, ok := x.StopChild(book.order[0], "", "", later); ok {
		t.Error("stopped a child twice")
	}
	evs, _ = x.Apply(answer(cmds[1], nil), later)
	book.add(t, x.ChildUpdates())
	checkResult(t, x, engine.Succeeded, `[{"Error":"MyError","Cause":"stopped by hand"},2]`, "", "")
	if types(evs) != "MapRunSucceeded MapStateSucceeded MapStateExited ExecutionSucceeded" || book.child(1).ended.Status != engine.Succeeded {
		t.Errorf("after the stop: %s, child %+v", types(evs), book.child(1).ended)
	}
}

func TestAbortedChildExecutions(t *testing.T) {
	t.Parallel()
	waitMap := `{"StartAt":"M","States":{"M":{"Type":"Map","Label":"L",
	 "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"C","States":{
	  "C":{"Type":"Choice","Choices":[{"Variable":"$.fail","IsPresent":true,"Next":"F"}],"Default":"W"},
	  "W":{"Type":"Wait","Seconds":10,"End":true},"F":{"Type":"Fail","Error":"Boom"}}},"End":true}}}`
	t.Run("the Map Run fails", func(t *testing.T) {
		t.Parallel()
		r := startChildren(t, waitMap, `[{"wait":1},{"fail":true},{"wait":2}]`, engine.Options{})
		x, book := r.x, r.book
		checkResult(t, x, engine.Failed, "", "States.ExceedToleratedFailureThreshold", "")
		checkAborted(t, book, 0, 2)
		if book.child(1).ended.Status != engine.Failed {
			t.Errorf("failed child %+v", book.child(1).ended)
		}
		runs := x.MapRunUpdates()
		if last := runs[len(runs)-1]; last.Status != engine.Failed || last.Failed != 1 || last.Succeeded != 0 {
			t.Errorf("Map Run %+v", last)
		}
	})
	t.Run("the parent is stopped", func(t *testing.T) {
		t.Parallel()
		r := startChildren(t, waitMap, `[{"wait":1},{"wait":2}]`, engine.Options{})
		x, book := r.x, r.book
		x.Release()
		x.Apply(engine.Input{Kind: engine.Stop, Error: "E"}, time.Date(2024, 1, 2, 3, 4, 6, 0, time.UTC))
		book.add(t, x.ChildUpdates())
		checkResult(t, x, engine.Aborted, "", "E", "")
		checkAborted(t, book, 0, 1)
		if runs := x.MapRunUpdates(); len(runs) != 1 || runs[0].Status != engine.Aborted {
			t.Errorf("Map Run %+v", runs)
		}
	})
}

// checkAborted checks that the children at indexes ended ABORTED, with no
// state recording its end, as a stopped execution.
func checkAborted(t *testing.T, book *childBook, indexes ...int) {
	t.Helper()
	for _, i := range indexes {
		r := book.child(i)
		h := childHistory(t, r)
		if r.ended == nil || r.ended.Status != engine.Aborted || !strings.HasSuffix(h, " ExecutionAborted") || strings.Count(h, "Aborted") != 1 {
			t.Errorf("child %d: %s %+v", i, h, r.ended)
		}
	}
}

func TestChildExecutionOverPayloadLimit(t *testing.T) {
	t.Parallel()
	def := `{"StartAt":"M","States":{"M":{"Type":"Map","Label":"L","ToleratedFailureCount":1,
	 "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}`
	big := strings.Repeat("b", 120)
	run := startChildren(t, def, `["s","`+big+`"]`, engine.Options{MaxPayloadBytes: 100})
	x, book := run.x, run.book
	r := book.child(1)
	end := r.events[len(r.events)-1]
	if childHistory(t, r) != "ExecutionStarted PassStateEntered ExecutionFailed" || end.Error != "States.DataLimitExceeded" ||
		end.PreviousID != 2 || book.child(0).ended.Status != engine.Succeeded {
		t.Errorf("child over the limit: %s %+v", types(r.events), end)
	}
	// the Map goes on (the failure is tolerated), then its own output is over the limit
	checkResult(t, x, engine.Failed, "", "States.DataLimitExceeded", "The state/task 'M' returned a result with a size exceeding the maximum number of bytes service limit.")
}
