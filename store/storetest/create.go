package storetest

import (
	"slices"
	"testing"

	"github.com/stepwisehq/stepwise/store"
)

// Tests of Step.Create: starting an execution inside a commit.
var createTests = []test{
	{"Create", testCreateInCommit},
	{"CreateAndEnd", testCreateAndEnd},
	{"ContinuedInBatch", testCreateContinuedInBatch},
	{"AlreadyExistsAppliesNothing", testCreateAlreadyExists},
	{"TwiceInBatch", testCreateTwiceInBatch},
	{"ConflictAppliesNothing", testCreateConflict},
}

// createStep returns a step that starts x with n events.
func createStep(x *store.Execution, n int) *store.Step {
	row := *x
	row.LastEventID, row.Snapshot = 0, nil
	return &store.Step{Arn: x.Arn, Create: &row, Events: events(1, n), Snapshot: []byte("first"),
		TokensAdded: []store.TaskToken{{Token: "tok-" + x.Name, ExecutionArn: x.Arn, Op: 2, Created: at(1)}}}
}

func testCreateInCommit(t *testing.T, b *bundle) {
	old := execution("m", "old", at(1))
	create(t, b, old, 1)
	x := fullExecution()
	x.Status, x.Stopped, x.Output, x.HasOutput = store.StatusRunning, zeroTime, "", false
	x.Error, x.Cause, x.HasError, x.HasCause = "", "", false, false
	commit(t, b, &store.Step{Arn: old.Arn, Events: events(2, 1)}, createStep(x, 3))
	x.Snapshot, x.LastEventID = []byte("first"), 3
	sameRecord(t, "execution created by a commit", getExecution(t, b, x.Arn), x)
	hist, err := b.s.HistoryGet(b.ctx, &store.HistoryParams{Arn: x.Arn})
	noErr(t, "HistoryGet", err)
	sameEvents(t, "history of an execution created by a commit", hist, events(1, 3))
	tok, err := b.s.TaskTokenGet(b.ctx, "tok-"+x.Name)
	noErr(t, "TaskTokenGet", err)
	if tok.ExecutionArn != x.Arn {
		t.Errorf("token's execution = %s, want %s", tok.ExecutionArn, x.Arn)
	}
	list := listArns(t, b, store.ExecutionListParams{StateMachineArn: machineArn("m")})
	if !slices.Equal(list, []string{x.Arn, old.Arn}) {
		t.Errorf("ExecutionList = %v", list)
	}
	list = listArns(t, b, store.ExecutionListParams{MapRunArn: x.MapRunArn})
	if !slices.Equal(list, []string{x.Arn}) {
		t.Errorf("ExecutionList by map run = %v", list)
	}
	commit(t, b, &store.Step{Arn: x.Arn, Events: events(4, 1), Snapshot: []byte("next")})
}

func testCreateAndEnd(t *testing.T, b *bundle) {
	x := execution("m", "x", at(1))
	st := createStep(x, 4)
	st.Snapshot, st.TokensAdded = nil, nil
	st.Ended = &store.Ending{Status: store.StatusSucceeded, Output: `{"a":1}`, HasOutput: true, Stopped: at(2)}
	commit(t, b, st)
	x.Status, x.Output, x.HasOutput, x.Stopped, x.Snapshot, x.LastEventID = store.StatusSucceeded, `{"a":1}`, true,
		at(2), nil, 4
	sameRecord(t, "execution created and ended by a commit", getExecution(t, b, x.Arn), x)
	running, err := b.s.ExecutionListRunning(b.ctx)
	noErr(t, "ExecutionListRunning", err)
	if len(running) != 0 {
		t.Errorf("ExecutionListRunning = %v", sortedArns(running))
	}
}

func testCreateContinuedInBatch(t *testing.T, b *bundle) {
	x := execution("m", "x", at(1))
	commit(t, b, createStep(x, 2), &store.Step{Arn: x.Arn, Events: events(3, 2), Snapshot: []byte("second"),
		TokensRemoved: []string{"tok-x"}})
	got := getExecution(t, b, x.Arn)
	if got.LastEventID != 4 || string(got.Snapshot) != "second" {
		t.Errorf("LastEventID, Snapshot = %d, %q; want 4, second", got.LastEventID, got.Snapshot)
	}
	_, err := b.s.TaskTokenGet(b.ctx, "tok-x")
	wantErr(t, "TaskTokenGet of a token removed in the batch", err, store.ErrNotFound)
}

func testCreateAlreadyExists(t *testing.T, b *bundle) {
	x, y := execution("m", "x", at(1)), execution("m", "y", at(2))
	create(t, b, x, 2)
	create(t, b, y, 1)
	dup := execution("m", "y", at(5))
	dup.Input = `"other"`
	err := b.s.ExecutionCommit(b.ctx, []*store.Step{goodStep(x, "tx"), createStep(dup, 1)})
	wantErr(t, "ExecutionCommit creating an existing execution", err, store.ErrAlreadyExists)
	assertUnchanged(t, b, x, "tx")
	assertUnchanged(t, b, y, "tok-y")
}

func testCreateTwiceInBatch(t *testing.T, b *bundle) {
	x := execution("m", "x", at(1))
	err := b.s.ExecutionCommit(b.ctx, []*store.Step{createStep(x, 1), createStep(x, 1)})
	wantErr(t, "ExecutionCommit creating an execution twice", err, store.ErrAlreadyExists)
	_, err = b.s.ExecutionGet(b.ctx, x.Arn)
	wantErr(t, "ExecutionGet after a failed batch", err, store.ErrNotFound)
	commit(t, b, createStep(x, 1))
}

func testCreateConflict(t *testing.T, b *bundle) {
	x, y := execution("m", "x", at(1)), execution("m", "y", at(2))
	create(t, b, y, 2)
	bad := createStep(x, 2)
	bad.Events = events(2, 2) // a new history starts at 1
	for _, batch := range [][]*store.Step{
		{createStep(x, 2), &store.Step{Arn: y.Arn, Events: events(9, 1)}},
		{bad},
	} {
		err := b.s.ExecutionCommit(b.ctx, batch)
		wantErr(t, "ExecutionCommit with a conflict", err, store.ErrConflict)
		_, err = b.s.ExecutionGet(b.ctx, x.Arn)
		wantErr(t, "ExecutionGet of an execution created by a failed batch", err, store.ErrNotFound)
		list := listArns(t, b, store.ExecutionListParams{StateMachineArn: machineArn("m")})
		if !slices.Equal(list, []string{y.Arn}) {
			t.Errorf("ExecutionList after a failed batch = %v", list)
		}
		_, err = b.s.TaskTokenGet(b.ctx, "tok-x")
		wantErr(t, "TaskTokenGet after a failed batch", err, store.ErrNotFound)
	}
	// Another execution takes the place a failed batch had: x stays unknown.
	z := execution("m", "z", at(3))
	commit(t, b, createStep(z, 3))
	_, err := b.s.HistoryGet(b.ctx, &store.HistoryParams{Arn: x.Arn})
	wantErr(t, "HistoryGet of an execution created by a failed batch", err, store.ErrNotFound)
	err = b.s.ExecutionCommit(b.ctx, []*store.Step{{Arn: x.Arn, Events: events(3, 1)}})
	wantErr(t, "ExecutionCommit to an execution created by a failed batch", err, store.ErrNotFound)
	// The ARN is free: the failed batches left nothing behind.
	commit(t, b, createStep(x, 2))
	sameBytes(t, "Snapshot", getExecution(t, b, x.Arn).Snapshot, []byte("first"))
}
