package storetest

import (
	"fmt"
	"slices"
	"testing"

	"github.com/stepwisehq/stepwise/store"
)

var listTests = []test{
	{"NewestFirst", testListNewestFirst},
	{"Filters", testListFilters},
	{"Pages", testListPages},
	{"Record", testListRecord},
	{"NeedsMachineOrMapRun", testListNeedsMachineOrMapRun},
}

func listArns(t *testing.T, b *bundle, p store.ExecutionListParams) []string {
	t.Helper()
	got, err := b.s.ExecutionList(b.ctx, &p)
	noErr(t, fmt.Sprintf("ExecutionList(%+v)", p), err)
	out := make([]string, len(got))
	for i, x := range got {
		out[i] = x.Arn
	}
	return out
}

func xarns(sm string, names ...string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = executionArn(sm, n)
	}
	return out
}

func testListNewestFirst(t *testing.T, b *bundle) {
	// Started times out of name order; b and c start at the same time.
	for _, x := range []*store.Execution{
		execution("m", "a", at(3)), execution("m", "b", at(5)), execution("m", "c", at(5)),
		execution("m", "d", at(1)), execution("other", "e", at(4)),
	} {
		create(t, b, x, 1)
	}
	want := xarns("m", "c", "b", "a", "d")
	if got := listArns(t, b, store.ExecutionListParams{StateMachineArn: machineArn("m")}); !slices.Equal(got, want) {
		t.Errorf("ExecutionList = %v, want %v (newest first, then ARN descending)", got, want)
	}
}

// listFixture creates executions that differ in what the filters select.
func listFixture(t *testing.T, b *bundle) {
	t.Helper()
	mr := region + "mapRun:m/run:1"
	for i, x := range []*store.Execution{
		execution("m", "plain", at(1)),
		execution("m", "viaVersion", at(2)),
		execution("m", "viaAlias", at(3)),
		execution("m", "child1", at(4)),
		execution("m", "child2", at(5)),
		execution("m", "redriven", at(6)),
		execution("m", "succeeded", at(7)),
		execution("n", "otherMachine", at(8)),
	} {
		switch i {
		case 1:
			x.VersionArn = machineArn("m") + ":1"
		case 2:
			x.VersionArn, x.AliasArn = machineArn("m")+":1", machineArn("m")+":prod"
		case 3, 4:
			x.MapRunArn, x.ParentArn = mr, executionArn("m", "plain")
		}
		create(t, b, x, 1)
	}
	commit(t, b,
		&store.Step{Arn: executionArn("m", "redriven"), Redrive: &store.Redrive{Count: 1, At: at(9)}},
		&store.Step{Arn: executionArn("m", "succeeded"), Events: events(2, 1),
			Ended: &store.Ending{Status: store.StatusSucceeded, Output: "{}", HasOutput: true, Stopped: at(9)}},
		&store.Step{Arn: executionArn("m", "child2"), Events: events(2, 1),
			Ended: &store.Ending{Status: store.StatusFailed, HasError: true, Error: "E", Stopped: at(9)}})
}

func testListFilters(t *testing.T, b *bundle) {
	listFixture(t, b)
	m, mr := machineArn("m"), region+"mapRun:m/run:1"
	for _, tc := range []struct {
		p    store.ExecutionListParams
		want []string
	}{
		{store.ExecutionListParams{StateMachineArn: m},
			xarns("m", "succeeded", "redriven", "child2", "child1", "viaAlias", "viaVersion", "plain")},
		{store.ExecutionListParams{StateMachineArn: machineArn("n")}, xarns("n", "otherMachine")},
		{store.ExecutionListParams{StateMachineArn: machineArn("none")}, nil},
		{store.ExecutionListParams{StateMachineArn: m, Status: store.StatusSucceeded}, xarns("m", "succeeded")},
		{store.ExecutionListParams{StateMachineArn: m, Status: store.StatusFailed}, xarns("m", "child2")},
		{store.ExecutionListParams{StateMachineArn: m, Status: store.StatusAborted}, nil},
		{store.ExecutionListParams{StateMachineArn: m, Status: store.StatusRunning},
			xarns("m", "redriven", "child1", "viaAlias", "viaVersion", "plain")},
		{store.ExecutionListParams{StateMachineArn: m, VersionArn: m + ":1"}, xarns("m", "viaAlias", "viaVersion")},
		{store.ExecutionListParams{StateMachineArn: m, AliasArn: m + ":prod"}, xarns("m", "viaAlias")},
		{store.ExecutionListParams{MapRunArn: mr}, xarns("m", "child2", "child1")},
		{store.ExecutionListParams{MapRunArn: mr, Status: store.StatusRunning}, xarns("m", "child1")},
		{store.ExecutionListParams{StateMachineArn: m, MapRunArn: mr}, xarns("m", "child2", "child1")},
		{store.ExecutionListParams{StateMachineArn: m, RedriveFilter: "REDRIVEN"}, xarns("m", "redriven")},
		{store.ExecutionListParams{StateMachineArn: m, RedriveFilter: "NOT_REDRIVEN"},
			xarns("m", "succeeded", "child2", "child1", "viaAlias", "viaVersion", "plain")},
		{store.ExecutionListParams{StateMachineArn: m, Status: store.StatusRunning, RedriveFilter: "NOT_REDRIVEN",
			VersionArn: m + ":1"}, xarns("m", "viaAlias", "viaVersion")},
	} {
		if got := listArns(t, b, tc.p); !slices.Equal(got, tc.want) {
			t.Errorf("ExecutionList(%+v) =\n %v\nwant %v", tc.p, got, tc.want)
		}
	}
}

func testListPages(t *testing.T, b *bundle) {
	var want []string
	for i := range 23 {
		// Pairs start at the same time, so paging must order by ARN too.
		x := execution("m", fmt.Sprintf("x%02d", i), at(i/2))
		create(t, b, x, 1)
		want = append(want, x.Arn)
	}
	create(t, b, execution("n", "other", at(100)), 1)
	slices.Reverse(want)
	for _, limit := range []int{1, 2, 5, 23, 50} {
		var all []string
		p := store.ExecutionListParams{StateMachineArn: machineArn("m"), Limit: limit}
		for range 30 {
			page := listArns(t, b, p)
			all = append(all, page...)
			if len(page) < limit {
				break
			}
			p.After = page[len(page)-1]
		}
		if !slices.Equal(all, want) {
			t.Errorf("ExecutionList paged by %d =\n %v\nwant %v", limit, all, want)
		}
	}
	p := store.ExecutionListParams{StateMachineArn: machineArn("m"), After: want[len(want)-1]}
	if got := listArns(t, b, p); len(got) != 0 {
		t.Errorf("ExecutionList after the last = %v", got)
	}
}

func testListRecord(t *testing.T, b *bundle) {
	x := fullExecution()
	create(t, b, x, 2)
	got, err := b.s.ExecutionList(b.ctx, &store.ExecutionListParams{StateMachineArn: x.StateMachineArn})
	noErr(t, "ExecutionList", err)
	if len(got) != 1 {
		t.Fatalf("ExecutionList = %d executions, want 1", len(got))
	}
	// A listed execution may leave out its snapshot; everything else is there.
	if len(got[0].Snapshot) != 0 {
		sameBytes(t, "listed snapshot", got[0].Snapshot, x.Snapshot)
	}
	want := *x
	want.Snapshot = got[0].Snapshot
	sameRecord(t, "listed execution", got[0], &want)
}

func testListNeedsMachineOrMapRun(t *testing.T, b *bundle) {
	create(t, b, execution("m", "x", at(1)), 1)
	if _, err := b.s.ExecutionList(b.ctx, &store.ExecutionListParams{}); err == nil {
		t.Error("ExecutionList without a state machine or map run succeeded")
	}
}
