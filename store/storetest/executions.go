package storetest

import (
	"slices"
	"testing"

	"github.com/stepwisehq/stepwise/store"
)

var executionTests = []test{
	{"CreateGet", testExecutionCreateGet},
	{"CreateWithoutEvents", testExecutionCreateWithoutEvents},
	{"CreateAlreadyExists", testExecutionCreateAlreadyExists},
	{"CreateEventsNotContinuous", testExecutionCreateEventsNotContinuous},
	{"GetNotFound", testExecutionGetNotFound},
	{"ListRunning", testExecutionListRunning},
	{"RecordsAreCopied", testExecutionRecordsAreCopied},
	{"TaskTokenGetNotFound", testTaskTokenGetNotFound},
}

// fullExecution returns an execution with every field set.
func fullExecution() *store.Execution {
	x := execution("m", "full", at(3))
	x.VersionArn, x.AliasArn = machineArn("m")+":4", machineArn("m")+":prod"
	x.Status, x.Output, x.HasOutput = store.StatusFailed, `{"o":1.0}`, true
	x.Error, x.Cause, x.HasError, x.HasCause = "States.Runtime", "it \"broke\"\n", true, true
	x.Stopped, x.ParentArn, x.MapRunArn = at(9), executionArn("p", "parent"), region+"mapRun:p/m:1"
	x.RedriveCount, x.Redriven = 2, at(7)
	x.Snapshot = []byte{0, 1, 2, 0xff}
	return x
}

func testExecutionCreateGet(t *testing.T, b *bundle) {
	for _, x := range []*store.Execution{fullExecution(), execution("m", "plain", at(1))} {
		create(t, b, x, 3)
		sameRecord(t, "ExecutionGet", getExecution(t, b, x.Arn), x)
		got, err := b.s.HistoryGet(b.ctx, &store.HistoryParams{Arn: x.Arn})
		noErr(t, "HistoryGet", err)
		sameEvents(t, "first events", got, events(1, 3))
	}
}

func testExecutionCreateWithoutEvents(t *testing.T, b *bundle) {
	x := execution("m", "x", at(1))
	noErr(t, "ExecutionCreate", b.s.ExecutionCreate(b.ctx, &store.ExecutionCreateParams{Execution: x}))
	sameRecord(t, "ExecutionGet", getExecution(t, b, x.Arn), x)
	commit(t, b, &store.Step{Arn: x.Arn, Events: events(1, 2), Snapshot: []byte("s")})
	if got := getExecution(t, b, x.Arn).LastEventID; got != 2 {
		t.Errorf("LastEventID = %d, want 2", got)
	}
}

func testExecutionCreateAlreadyExists(t *testing.T, b *bundle) {
	x := execution("m", "x", at(1))
	create(t, b, x, 2)
	dup := execution("m", "x", at(2))
	dup.Input = `"other"`
	err := b.s.ExecutionCreate(b.ctx, &store.ExecutionCreateParams{Execution: dup, Events: events(1, 5)})
	wantErr(t, "second ExecutionCreate", err, store.ErrAlreadyExists)
	sameRecord(t, "execution after a failed create", getExecution(t, b, x.Arn), x)
	got, err := b.s.HistoryGet(b.ctx, &store.HistoryParams{Arn: x.Arn})
	noErr(t, "HistoryGet", err)
	sameEvents(t, "history after a failed create", got, events(1, 2))
}

func testExecutionCreateEventsNotContinuous(t *testing.T, b *bundle) {
	x := execution("m", "x", at(1))
	evs := append(events(1, 2), events(4, 1)...)
	err := b.s.ExecutionCreate(b.ctx, &store.ExecutionCreateParams{Execution: x, Events: evs})
	wantErr(t, "ExecutionCreate with a gap", err, store.ErrConflict)
	_, err = b.s.ExecutionGet(b.ctx, x.Arn)
	wantErr(t, "ExecutionGet after a failed create", err, store.ErrNotFound)
}

func testExecutionGetNotFound(t *testing.T, b *bundle) {
	_, err := b.s.ExecutionGet(b.ctx, executionArn("m", "nope"))
	wantErr(t, "ExecutionGet", err, store.ErrNotFound)
}

func testExecutionListRunning(t *testing.T, b *bundle) {
	got, err := b.s.ExecutionListRunning(b.ctx)
	noErr(t, "ExecutionListRunning of an empty store", err)
	if len(got) != 0 {
		t.Fatalf("ExecutionListRunning of an empty store = %d executions", len(got))
	}
	r1, r2 := execution("m", "r1", at(1)), execution("n", "r2", at(2))
	done, ended := fullExecution(), execution("m", "ended", at(3))
	for _, x := range []*store.Execution{r1, r2, done, ended} {
		create(t, b, x, 1)
	}
	commit(t, b, &store.Step{Arn: ended.Arn, Events: events(2, 1), Ended: &store.Ending{
		Status: store.StatusSucceeded, Output: "{}", HasOutput: true, Stopped: at(4)}},
		&store.Step{Arn: r2.Arn, Events: events(2, 1), Snapshot: []byte("snap-2")})
	r2.Snapshot, r2.LastEventID = []byte("snap-2"), 2
	got, err = b.s.ExecutionListRunning(b.ctx)
	noErr(t, "ExecutionListRunning", err)
	want := []string{r1.Arn, r2.Arn}
	if arns := sortedArns(got); !slices.Equal(arns, want) {
		t.Fatalf("ExecutionListRunning = %v, want %v", arns, want)
	}
	for _, x := range got {
		if x.Arn == r2.Arn {
			sameRecord(t, "running execution", x, r2)
		} else {
			sameRecord(t, "running execution", x, r1)
		}
	}
}

func testExecutionRecordsAreCopied(t *testing.T, b *bundle) {
	x := execution("m", "x", at(1))
	evs := events(1, 1)
	err := b.s.ExecutionCreate(b.ctx, &store.ExecutionCreateParams{Execution: x, Events: evs})
	noErr(t, "ExecutionCreate", err)
	x.Snapshot[0], x.Input = 'X', "changed"
	evs[0].Name = "changed"
	got := getExecution(t, b, x.Arn)
	got.Snapshot[0] = 'Y'
	step := &store.Step{Arn: x.Arn, Events: events(2, 1), Snapshot: []byte("snap-1")}
	commit(t, b, step)
	step.Snapshot[0] = 'Z'
	want := execution("m", "x", at(1))
	want.Snapshot, want.LastEventID = []byte("snap-1"), 2
	sameRecord(t, "execution after changing copies", getExecution(t, b, x.Arn), want)
	running, err := b.s.ExecutionListRunning(b.ctx)
	noErr(t, "ExecutionListRunning", err)
	running[0].Snapshot[0] = 'W'
	sameRecord(t, "execution after changing a listed copy", getExecution(t, b, x.Arn), want)
	hist, err := b.s.HistoryGet(b.ctx, &store.HistoryParams{Arn: x.Arn})
	noErr(t, "HistoryGet", err)
	sameEvents(t, "history after changing copies", hist, events(1, 2))
}

func testTaskTokenGetNotFound(t *testing.T, b *bundle) {
	_, err := b.s.TaskTokenGet(b.ctx, "no-such-token")
	wantErr(t, "TaskTokenGet", err, store.ErrNotFound)
}
