package storetest

import (
	"errors"
	"reflect"
	"testing"

	"github.com/stepwisehq/stepwise/store"
)

// Drivers that keep Map Runs (store.MapRunStore) run these; others skip.
var mapRunTests = []test{
	{"WrittenWithStep", testMapRunWrittenWithStep},
	{"UpdateAndList", testMapRunUpdateAndList},
}

func mapRunStore(t *testing.T, b *bundle) store.MapRunStore {
	t.Helper()
	m, ok := b.s.(store.MapRunStore)
	if !ok {
		t.Skip("the driver keeps no Map Runs")
	}
	return m
}

func mapRun(x *store.Execution, label string, started int) store.MapRun {
	return store.MapRun{Arn: region + "mapRun:m/" + label + ":1", ExecutionArn: x.Arn, StateMachineArn: x.StateMachineArn,
		Status: store.StatusRunning, Started: at(started), MaxConcurrency: 10, ToleratedFailureCount: 2,
		ToleratedFailurePercentage: 12.5, Total: 5, Running: 5}
}

func testMapRunWrittenWithStep(t *testing.T, b *bundle) {
	m := mapRunStore(t, b)
	x := execution("m", "x", at(1))
	create(t, b, x, 1)
	run := mapRun(x, "a", 2)
	commit(t, b, &store.Step{Arn: x.Arn, Events: events(2, 1), MapRuns: []store.MapRun{run}})
	got, err := m.MapRunGet(b.ctx, run.Arn)
	if err != nil || !reflect.DeepEqual(*got, run) {
		t.Fatalf("MapRunGet = %+v, %v; want %+v", got, err, run)
	}
	run.Status, run.Stopped, run.Running, run.Succeeded = store.StatusSucceeded, at(3), 0, 5
	commit(t, b, &store.Step{Arn: x.Arn, Events: events(3, 1), MapRuns: []store.MapRun{run}})
	if got, _ := m.MapRunGet(b.ctx, run.Arn); !reflect.DeepEqual(*got, run) {
		t.Fatalf("after the end: %+v; want %+v", got, run)
	}
	if _, err := m.MapRunGet(b.ctx, run.Arn+"x"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("MapRunGet unknown: %v", err)
	}
}

func testMapRunUpdateAndList(t *testing.T, b *bundle) {
	m := mapRunStore(t, b)
	x := execution("m", "x", at(1))
	create(t, b, x, 1)
	runs := []store.MapRun{mapRun(x, "b", 3), mapRun(x, "a", 2), mapRun(x, "c", 4)}
	commit(t, b, &store.Step{Arn: x.Arn, Events: events(2, 1), MapRuns: runs})
	list, err := m.MapRunList(b.ctx, x.Arn, "", 0)
	if err != nil || len(list) != 3 || list[0].Arn != runs[1].Arn || list[2].Arn != runs[2].Arn {
		t.Fatalf("MapRunList = %v, %v; want by start time", list, err)
	}
	page, err := m.MapRunList(b.ctx, x.Arn, runs[1].Arn, 1)
	if err != nil || len(page) != 1 || page[0].Arn != runs[0].Arn {
		t.Fatalf("MapRunList after %s = %v, %v", runs[1].Arn, page, err)
	}
	upd := runs[0]
	upd.MaxConcurrency, upd.ToleratedFailureCount = 3, 0
	if err := m.MapRunUpdate(b.ctx, &upd); err != nil {
		t.Fatal(err)
	}
	if got, _ := m.MapRunGet(b.ctx, upd.Arn); got.MaxConcurrency != 3 || got.ToleratedFailureCount != 0 {
		t.Fatalf("after MapRunUpdate: %+v", got)
	}
	upd.Arn += "x"
	if err := m.MapRunUpdate(b.ctx, &upd); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("MapRunUpdate unknown: %v", err)
	}
}
