package storetest

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stepwisehq/stepwise/history"
	"github.com/stepwisehq/stepwise/store"
)

var commitTests = []test{
	{"AppendsAndReplacesSnapshot", testCommitAppends},
	{"EmptyBatch", testCommitEmptyBatch},
	{"StepWithoutEvents", testCommitStepWithoutEvents},
	{"SameExecutionTwice", testCommitSameExecutionTwice},
	{"ConflictAppliesNothing", testCommitConflictAppliesNothing},
	{"ConflictKinds", testCommitConflictKinds},
	{"NotFoundAppliesNothing", testCommitNotFoundAppliesNothing},
	{"Ending", testCommitEnding},
	{"Redrive", testCommitRedrive},
	{"Tokens", testCommitTokens},
	{"ConcurrentExecutions", testCommitConcurrentExecutions},
	{"ConcurrentSameExecution", testCommitConcurrentSameExecution},
	{"ReadsDuringCommits", testCommitReadsDuringCommits},
}

func testCommitAppends(t *testing.T, b *bundle) {
	x := execution("m", "x", at(1))
	create(t, b, x, 1)
	commit(t, b, &store.Step{Arn: x.Arn, Events: events(2, 3), Snapshot: []byte("snap-4")})
	x.Snapshot, x.LastEventID = []byte("snap-4"), 4
	sameRecord(t, "execution after a commit", getExecution(t, b, x.Arn), x)
	commit(t, b, &store.Step{Arn: x.Arn, Events: events(5, 1), Snapshot: []byte("snap-5")})
	got := getExecution(t, b, x.Arn)
	sameBytes(t, "Snapshot", got.Snapshot, []byte("snap-5"))
	if got.LastEventID != 5 || got.Status != store.StatusRunning {
		t.Errorf("LastEventID, Status = %d, %s; want 5, RUNNING", got.LastEventID, got.Status)
	}
	hist, err := b.s.HistoryGet(b.ctx, &store.HistoryParams{Arn: x.Arn})
	noErr(t, "HistoryGet", err)
	sameEvents(t, "history", hist, events(1, 5))
}

func testCommitEmptyBatch(t *testing.T, b *bundle) {
	noErr(t, "ExecutionCommit(nil)", b.s.ExecutionCommit(b.ctx, nil))
	noErr(t, "ExecutionCommit(empty)", b.s.ExecutionCommit(b.ctx, []*store.Step{}))
}

func testCommitStepWithoutEvents(t *testing.T, b *bundle) {
	x := execution("m", "x", at(1))
	create(t, b, x, 2)
	commit(t, b, &store.Step{Arn: x.Arn, Snapshot: []byte("snap-x"),
		TokensAdded: []store.TaskToken{{Token: "t1", ExecutionArn: x.Arn, Op: 7, Created: at(2)}}})
	got := getExecution(t, b, x.Arn)
	sameBytes(t, "Snapshot", got.Snapshot, []byte("snap-x"))
	if got.LastEventID != 2 {
		t.Errorf("LastEventID = %d, want 2", got.LastEventID)
	}
	_, err := b.s.TaskTokenGet(b.ctx, "t1")
	noErr(t, "TaskTokenGet", err)
	err = b.s.ExecutionCommit(b.ctx, []*store.Step{{Arn: executionArn("m", "nope")}})
	wantErr(t, "ExecutionCommit of an unknown execution without events", err, store.ErrNotFound)
}

func testCommitSameExecutionTwice(t *testing.T, b *bundle) {
	x, y := execution("m", "x", at(1)), execution("m", "y", at(2))
	create(t, b, x, 1)
	create(t, b, y, 1)
	commit(t, b,
		&store.Step{Arn: x.Arn, Events: events(2, 2), Snapshot: []byte("a")},
		&store.Step{Arn: y.Arn, Events: events(2, 1), Snapshot: []byte("y")},
		&store.Step{Arn: x.Arn, Events: events(4, 1), Snapshot: []byte("b")})
	got := getExecution(t, b, x.Arn)
	sameBytes(t, "Snapshot", got.Snapshot, []byte("b"))
	if got.LastEventID != 4 {
		t.Errorf("LastEventID = %d, want 4", got.LastEventID)
	}
	hist, err := b.s.HistoryGet(b.ctx, &store.HistoryParams{Arn: x.Arn})
	noErr(t, "HistoryGet", err)
	sameEvents(t, "history", hist, events(1, 4))
	err = b.s.ExecutionCommit(b.ctx, []*store.Step{
		{Arn: x.Arn, Events: events(5, 1)}, {Arn: x.Arn, Events: events(5, 1)}})
	wantErr(t, "two steps with the same event ids", err, store.ErrConflict)
}

// assertUnchanged checks that an execution, its history and a token are as
// they were before a failed commit.
func assertUnchanged(t *testing.T, b *bundle, x *store.Execution, token string) {
	t.Helper()
	sameRecord(t, "execution after a failed commit", getExecution(t, b, x.Arn), x)
	hist, err := b.s.HistoryGet(b.ctx, &store.HistoryParams{Arn: x.Arn})
	noErr(t, "HistoryGet", err)
	sameEvents(t, "history after a failed commit", hist, events(1, int(x.LastEventID)))
	_, err = b.s.TaskTokenGet(b.ctx, token)
	wantErr(t, "TaskTokenGet of a token added by a failed commit", err, store.ErrNotFound)
}

func goodStep(x *store.Execution, token string) *store.Step {
	return &store.Step{Arn: x.Arn, Events: events(x.LastEventID+1, 2), Snapshot: []byte("new"),
		TokensAdded: []store.TaskToken{{Token: token, ExecutionArn: x.Arn, Op: 1, Created: at(5)}}}
}

func testCommitConflictAppliesNothing(t *testing.T, b *bundle) {
	x, y, z := execution("m", "x", at(1)), execution("m", "y", at(2)), execution("m", "z", at(3))
	create(t, b, x, 2)
	create(t, b, y, 3)
	create(t, b, z, 1)
	gap := &store.Step{Arn: y.Arn, Events: events(5, 1), Snapshot: []byte("bad")}
	ending := goodStep(z, "tz")
	ending.Ended = &store.Ending{Status: store.StatusSucceeded, Output: "1", HasOutput: true, Stopped: at(9)}
	for i, batch := range [][]*store.Step{
		{goodStep(x, "tx"), ending, gap},
		{gap, goodStep(x, "tx"), ending},
		{goodStep(x, "tx"), gap, ending},
	} {
		err := b.s.ExecutionCommit(b.ctx, batch)
		wantErr(t, fmt.Sprintf("batch %d with a gap", i), err, store.ErrConflict)
		assertUnchanged(t, b, x, "tx")
		assertUnchanged(t, b, z, "tz")
		assertUnchanged(t, b, y, "ty")
	}
	running, err := b.s.ExecutionListRunning(b.ctx)
	noErr(t, "ExecutionListRunning", err)
	if len(running) != 3 {
		t.Errorf("ExecutionListRunning = %d executions, want 3", len(running))
	}
	commit(t, b, goodStep(x, "tx"), goodStep(y, "ty"))
}

func testCommitConflictKinds(t *testing.T, b *bundle) {
	x := execution("m", "x", at(1))
	create(t, b, x, 3)
	for name, evs := range map[string][]history.Event{
		"replayed id":        events(3, 1),
		"old id":             events(1, 2),
		"gap":                events(5, 1),
		"gap inside a step":  append(events(4, 1), events(6, 1)...),
		"repeat in a step":   append(events(4, 1), events(4, 1)...),
		"backwards in step":  append(events(4, 2), events(4, 1)...),
		"first id zero":      {{ID: 0, Type: history.PassStateEntered}},
		"first id too large": events(1<<40, 1),
	} {
		err := b.s.ExecutionCommit(b.ctx, []*store.Step{{Arn: x.Arn, Events: evs, Snapshot: []byte("bad")}})
		wantErr(t, "ExecutionCommit with "+name, err, store.ErrConflict)
		assertUnchanged(t, b, x, "none")
	}
}

func testCommitNotFoundAppliesNothing(t *testing.T, b *bundle) {
	x := execution("m", "x", at(1))
	create(t, b, x, 2)
	missing := &store.Step{Arn: executionArn("m", "nope"), Events: events(1, 1)}
	err := b.s.ExecutionCommit(b.ctx, []*store.Step{goodStep(x, "tx"), missing})
	wantErr(t, "ExecutionCommit with an unknown execution", err, store.ErrNotFound)
	assertUnchanged(t, b, x, "tx")
}

func testCommitEnding(t *testing.T, b *bundle) {
	ok, failed := execution("m", "ok", at(1)), execution("m", "failed", at(2))
	create(t, b, ok, 1)
	create(t, b, failed, 1)
	okEnd := &store.Ending{Status: store.StatusSucceeded, Output: `{"r":1.50}`, HasOutput: true, Stopped: at(10)}
	failEnd := &store.Ending{Status: store.StatusFailed, Error: "E", Cause: "", HasError: true, HasCause: true,
		Stopped: at(11)}
	commit(t, b,
		&store.Step{Arn: ok.Arn, Events: events(2, 2), Snapshot: []byte("kept"), Ended: okEnd},
		&store.Step{Arn: failed.Arn, Events: events(2, 1), Ended: failEnd})
	ok.Status, ok.Output, ok.HasOutput, ok.Stopped = okEnd.Status, okEnd.Output, true, okEnd.Stopped
	ok.Snapshot, ok.LastEventID = []byte("kept"), 3 // an ended execution may keep one, for redrive
	sameRecord(t, "succeeded execution", getExecution(t, b, ok.Arn), ok)
	failed.Status, failed.Error, failed.HasError, failed.HasCause = store.StatusFailed, "E", true, true
	failed.Stopped, failed.Snapshot, failed.LastEventID = failEnd.Stopped, nil, 2
	sameRecord(t, "failed execution", getExecution(t, b, failed.Arn), failed)
	running, err := b.s.ExecutionListRunning(b.ctx)
	noErr(t, "ExecutionListRunning", err)
	if len(running) != 0 {
		t.Errorf("ExecutionListRunning after both ended = %v", sortedArns(running))
	}
}

func testCommitRedrive(t *testing.T, b *bundle) {
	x := execution("m", "x", at(1))
	create(t, b, x, 1)
	end := &store.Ending{Status: store.StatusFailed, Error: "E", Cause: "C", HasError: true, HasCause: true,
		Stopped: at(5)}
	commit(t, b, &store.Step{Arn: x.Arn, Events: events(2, 1), Ended: end})
	commit(t, b, &store.Step{Arn: x.Arn, Events: events(3, 1), Snapshot: []byte("again"),
		Redrive: &store.Redrive{Count: 1, At: at(20)}})
	x.RedriveCount, x.Redriven, x.Snapshot, x.LastEventID = 1, at(20), []byte("again"), 3
	sameRecord(t, "redriven execution", getExecution(t, b, x.Arn), x)
	running, err := b.s.ExecutionListRunning(b.ctx)
	noErr(t, "ExecutionListRunning", err)
	if len(running) != 1 {
		t.Errorf("ExecutionListRunning after a redrive = %d executions, want 1", len(running))
	}
	end2 := &store.Ending{Status: store.StatusSucceeded, Output: "2", HasOutput: true, Stopped: at(30)}
	commit(t, b, &store.Step{Arn: x.Arn, Events: events(4, 1), Ended: end2})
	x.Status, x.Output, x.HasOutput, x.Stopped, x.Snapshot, x.LastEventID = end2.Status, "2", true, at(30), nil, 4
	sameRecord(t, "execution ended after a redrive", getExecution(t, b, x.Arn), x)
}

func testCommitTokens(t *testing.T, b *bundle) {
	x := execution("m", "x", at(1))
	create(t, b, x, 1)
	tok := store.TaskToken{Token: "cb-1", ExecutionArn: x.Arn, Op: 1<<64 - 1, Created: at(2)}
	act := store.TaskToken{Token: "act-1", ExecutionArn: x.Arn, Op: 3, ActivityArn: activityArn("a"),
		Input: `{"k":1.0}`, Created: at(3)}
	commit(t, b, &store.Step{Arn: x.Arn, Events: events(2, 1), TokensAdded: []store.TaskToken{tok, act}})
	for _, want := range []store.TaskToken{tok, act} {
		got, err := b.s.TaskTokenGet(b.ctx, want.Token)
		noErr(t, "TaskTokenGet "+want.Token, err)
		sameRecord(t, "task token", got, &want)
	}
	commit(t, b, &store.Step{Arn: x.Arn, Events: events(3, 1), TokensRemoved: []string{"cb-1", "never-added"}})
	_, err := b.s.TaskTokenGet(b.ctx, "cb-1")
	wantErr(t, "TaskTokenGet of a removed token", err, store.ErrNotFound)
	_, err = b.s.TaskTokenGet(b.ctx, "act-1")
	noErr(t, "TaskTokenGet of a token that stays", err)
	commit(t, b, &store.Step{Arn: x.Arn, TokensRemoved: []string{"act-1"}})
	_, err = b.s.ActivityTaskClaim(b.ctx, activityArn("a"), "w", at(4))
	wantErr(t, "ActivityTaskClaim of a removed task", err, store.ErrNotFound)
}

func testCommitConcurrentExecutions(t *testing.T, b *bundle) {
	const workers, steps = 8, 25
	xs := make([]*store.Execution, workers)
	for i := range xs {
		xs[i] = execution("m", fmt.Sprintf("x%d", i), at(i))
		create(t, b, xs[i], 1)
	}
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Go(func() {
			for i := range steps {
				id := int64(2 + 2*i)
				step := &store.Step{Arn: x.Arn, Events: events(id, 2), Snapshot: fmt.Appendf(nil, "s%d", i)}
				if err := b.s.ExecutionCommit(b.ctx, []*store.Step{step}); err != nil {
					t.Errorf("ExecutionCommit %s step %d: %v", x.Name, i, err)
					return
				}
			}
		})
	}
	wg.Wait()
	for _, x := range xs {
		got := getExecution(t, b, x.Arn)
		if got.LastEventID != 1+2*steps || string(got.Snapshot) != fmt.Sprintf("s%d", steps-1) {
			t.Errorf("%s: LastEventID %d snapshot %q", x.Name, got.LastEventID, got.Snapshot)
		}
		hist, err := b.s.HistoryGet(b.ctx, &store.HistoryParams{Arn: x.Arn})
		noErr(t, "HistoryGet", err)
		sameEvents(t, "history of "+x.Name, hist, events(1, 1+2*steps))
	}
}

func testCommitConcurrentSameExecution(t *testing.T, b *bundle) {
	x := execution("m", "x", at(1))
	create(t, b, x, 1)
	const racers = 8
	var wins, conflicts atomic.Int32
	var wg sync.WaitGroup
	for i := range racers {
		wg.Go(func() {
			step := &store.Step{Arn: x.Arn, Events: events(2, 1), Snapshot: fmt.Appendf(nil, "r%d", i)}
			switch err := b.s.ExecutionCommit(b.ctx, []*store.Step{step}); {
			case err == nil:
				wins.Add(1)
			case isConflict(err):
				conflicts.Add(1)
			default:
				t.Errorf("ExecutionCommit: %v", err)
			}
		})
	}
	wg.Wait()
	if wins.Load() != 1 || conflicts.Load() != racers-1 {
		t.Errorf("%d commits won and %d conflicted, want 1 and %d", wins.Load(), conflicts.Load(), racers-1)
	}
	if got := getExecution(t, b, x.Arn).LastEventID; got != 2 {
		t.Errorf("LastEventID = %d, want 2", got)
	}
}

// testCommitReadsDuringCommits reads while another goroutine commits: every
// read sees whole steps, never part of one.
func testCommitReadsDuringCommits(t *testing.T, b *bundle) {
	x := execution("m", "x", at(1))
	create(t, b, x, 1)
	const steps = 40
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range steps {
			step := &store.Step{Arn: x.Arn, Events: events(int64(2+3*i), 3), Snapshot: fmt.Appendf(nil, "%d", 4+3*i)}
			if err := b.s.ExecutionCommit(b.ctx, []*store.Step{step}); err != nil {
				t.Errorf("ExecutionCommit: %v", err)
				return
			}
		}
	}()
	defer func() { <-done }() // before the test ends, also on failure
	for reading := true; reading; {
		select {
		case <-done:
			reading = false
		default:
		}
		hist, err := b.s.HistoryGet(b.ctx, &store.HistoryParams{Arn: x.Arn})
		if n := len(hist); err != nil || n%3 != 1 || hist[n-1].ID != int64(n) {
			t.Errorf("HistoryGet during commits read %d events (%v): %v", n, err, ids(hist))
			return
		}
		got, err := b.s.ExecutionGet(b.ctx, x.Arn)
		if err != nil || got.LastEventID%3 != 1 || (got.LastEventID > 1 && string(got.Snapshot) != fmt.Sprint(got.LastEventID)) {
			t.Errorf("ExecutionGet during commits: %+v, %v", got, err)
			return
		}
	}
}
