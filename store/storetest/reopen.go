package storetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stepwisehq/stepwise/history"
	"github.com/stepwisehq/stepwise/store"
	"github.com/stepwisehq/stepwise/value"
)

// FilledExecution is the ARN of the execution Fill creates.
const FilledExecution = region + "execution:m:x"

var (
	filledMachine  = machineArn("m")
	filledActivity = activityArn("a")
)

// filledEvent is the event with the given id that Fill and CheckFilled
// write.
func filledEvent(id int64) history.Event {
	return history.Event{ID: id, PreviousID: id - 1, Timestamp: t0, Type: history.PassStateEntered,
		Name: "p", HasInput: true, Input: value.MustParse(`{"b":1.50,"a":[]}`)}
}

// Fill writes one of everything, for a driver's test that reopens a store
// (or reaches it another way) and reads it back with CheckFilled: a state
// machine with a version and tags, an activity with two tasks of which one
// is claimed, and the running execution FilledExecution with three events
// and a snapshot.
func Fill(t testing.TB, ctx context.Context, s store.Store) {
	t.Helper()
	sm := &store.StateMachine{Arn: filledMachine, Name: "m", Type: "STANDARD", Definition: "{}", Created: t0, Updated: t0}
	noErr(t, "StateMachineCreate", s.StateMachineCreate(ctx, sm))
	_, err := s.StateMachineNextVersion(ctx, filledMachine)
	noErr(t, "StateMachineNextVersion", err)
	v := *sm
	v.Arn, v.Kind, v.Version, v.Parent = filledMachine+":1", store.VersionKind, 1, filledMachine
	noErr(t, "StateMachineCreate version", s.StateMachineCreate(ctx, &v))
	noErr(t, "ActivityCreate", s.ActivityCreate(ctx, &store.Activity{Arn: filledActivity, Name: "a", Created: t0}))
	noErr(t, "TagsSet", s.TagsSet(ctx, filledMachine, map[string]string{"team": "core"}))
	x := &store.Execution{Arn: FilledExecution, StateMachineArn: filledMachine, Name: "x", Status: store.StatusRunning,
		Input: "{}", Started: t0, Snapshot: []byte("s1")}
	noErr(t, "ExecutionCreate", s.ExecutionCreate(ctx, &store.ExecutionCreateParams{
		Execution: x, Events: []history.Event{filledEvent(1)}}))
	noErr(t, "ExecutionCommit", s.ExecutionCommit(ctx, []*store.Step{{
		Arn: FilledExecution, Events: []history.Event{filledEvent(2), filledEvent(3)}, Snapshot: []byte("s3"),
		TokensAdded: []store.TaskToken{
			{Token: "t1", ExecutionArn: FilledExecution, Op: 1, ActivityArn: filledActivity, Input: "1", Created: t0},
			{Token: "t2", ExecutionArn: FilledExecution, Op: 2, ActivityArn: filledActivity, Input: "2", Created: t0.Add(time.Second)},
		},
	}}))
	_, err = s.ActivityTaskClaim(ctx, filledActivity, "w", t0)
	noErr(t, "ActivityTaskClaim", err)
}

// CheckFilled reads back what Fill wrote, claims the second task, and
// commits one more step (event 4) to FilledExecution.
func CheckFilled(t testing.TB, ctx context.Context, s store.Store) {
	t.Helper()
	checkFilledRecords(t, ctx, s)
	tok, err := s.ActivityTaskClaim(ctx, filledActivity, "w2", t0)
	if err != nil || tok.Token != "t2" {
		t.Errorf("ActivityTaskClaim = %+v, %v; want t2 (t1 was claimed)", tok, err)
	}
	_, err = s.ActivityTaskClaim(ctx, filledActivity, "w2", t0)
	if !errors.Is(err, store.ErrNotFound) {
		t.Errorf("third ActivityTaskClaim = %v, want ErrNotFound", err)
	}
	noErr(t, "ExecutionCommit", s.ExecutionCommit(ctx, []*store.Step{{Arn: FilledExecution,
		Events: []history.Event{filledEvent(4)}}}))
}

func checkFilledRecords(t testing.TB, ctx context.Context, s store.Store) {
	t.Helper()
	if _, err := s.StateMachineGet(ctx, filledMachine+":1"); err != nil {
		t.Errorf("version: %v", err)
	}
	if n, err := s.StateMachineNextVersion(ctx, filledMachine); err != nil || n != 2 {
		t.Errorf("StateMachineNextVersion = %d, %v; want 2", n, err)
	}
	if tags, err := s.TagsGet(ctx, filledMachine); err != nil || tags["team"] != "core" {
		t.Errorf("tags = %v, %v", tags, err)
	}
	if _, err := s.ActivityGet(ctx, filledActivity); err != nil {
		t.Errorf("activity: %v", err)
	}
	x, err := s.ExecutionGet(ctx, FilledExecution)
	if err != nil || x.LastEventID != 3 || string(x.Snapshot) != "s3" || !x.Started.Equal(t0) {
		t.Fatalf("execution = %+v, %v", x, err)
	}
	hist, err := s.HistoryGet(ctx, &store.HistoryParams{Arn: FilledExecution})
	if err != nil || len(hist) != 3 || value.String(hist[2].Input) != `{"b":1.50,"a":[]}` {
		t.Errorf("history = %+v, %v", hist, err)
	}
	running, err := s.ExecutionListRunning(ctx)
	if err != nil || len(running) != 1 {
		t.Errorf("ExecutionListRunning = %d, %v", len(running), err)
	}
}
