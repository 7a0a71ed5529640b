package storetest

import (
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/stepwisehq/stepwise/store"
)

var machineTests = []test{
	{"CreateGet", testMachineCreateGet},
	{"CreateAlreadyExists", testMachineCreateAlreadyExists},
	{"GetNotFound", testMachineGetNotFound},
	{"Update", testMachineUpdate},
	{"UpdateNotFound", testMachineUpdateNotFound},
	{"DeleteCascades", testMachineDeleteCascades},
	{"DeleteVersion", testMachineDeleteVersion},
	{"DeleteNotFound", testMachineDeleteNotFound},
	{"ListMachines", testMachineList},
	{"ListVersions", testMachineListVersions},
	{"ListAliases", testMachineListAliases},
	{"NextVersion", testMachineNextVersion},
	{"NextVersionConcurrent", testMachineNextVersionConcurrent},
	{"RecordsAreCopied", testMachineRecordsAreCopied},
}

func createMachine(t *testing.T, b *bundle, sm *store.StateMachine) {
	t.Helper()
	noErr(t, "StateMachineCreate "+sm.Arn, b.s.StateMachineCreate(b.ctx, sm))
}

func testMachineCreateGet(t *testing.T, b *bundle) {
	sm := machine("m")
	createMachine(t, b, sm)
	v := version(sm, 1)
	createMachine(t, b, v)
	a := alias(sm, "prod")
	createMachine(t, b, a)
	for _, want := range []*store.StateMachine{sm, v, a} {
		got, err := b.s.StateMachineGet(b.ctx, want.Arn)
		noErr(t, "StateMachineGet", err)
		sameRecord(t, "StateMachineGet "+want.Arn, got, want)
	}
}

func testMachineCreateAlreadyExists(t *testing.T, b *bundle) {
	sm := machine("m")
	createMachine(t, b, sm)
	other := machine("m")
	other.Definition = "{}"
	wantErr(t, "second StateMachineCreate", b.s.StateMachineCreate(b.ctx, other), store.ErrAlreadyExists)
	got, err := b.s.StateMachineGet(b.ctx, sm.Arn)
	noErr(t, "StateMachineGet", err)
	sameRecord(t, "record after a failed create", got, sm)
}

func testMachineGetNotFound(t *testing.T, b *bundle) {
	_, err := b.s.StateMachineGet(b.ctx, machineArn("nope"))
	wantErr(t, "StateMachineGet", err, store.ErrNotFound)
}

func testMachineUpdate(t *testing.T, b *bundle) {
	sm := machine("m")
	createMachine(t, b, sm)
	up := *sm
	up.Definition, up.RoleArn, up.Updated, up.RevisionID = `{"StartAt":"Q"}`, roleArn+"2", at(99), "rev-2"
	up.LoggingConfig, up.TracingConfig = `{"level":"ALL"}`, `{"enabled":true}`
	noErr(t, "StateMachineUpdate", b.s.StateMachineUpdate(b.ctx, &up))
	got, err := b.s.StateMachineGet(b.ctx, sm.Arn)
	noErr(t, "StateMachineGet", err)
	sameRecord(t, "updated record", got, &up)
}

func testMachineUpdateNotFound(t *testing.T, b *bundle) {
	wantErr(t, "StateMachineUpdate", b.s.StateMachineUpdate(b.ctx, machine("nope")), store.ErrNotFound)
	_, err := b.s.StateMachineGet(b.ctx, machineArn("nope"))
	wantErr(t, "StateMachineGet after a failed update", err, store.ErrNotFound)
}

func testMachineDeleteCascades(t *testing.T, b *bundle) {
	sm, other := machine("m"), machine("m2")
	createMachine(t, b, sm)
	createMachine(t, b, other)
	children := []*store.StateMachine{version(sm, 1), version(sm, 2), alias(sm, "a")}
	for _, c := range children {
		createMachine(t, b, c)
	}
	otherVersion := version(other, 1)
	createMachine(t, b, otherVersion)
	x := execution("m", "x1", at(5))
	create(t, b, x, 1)
	noErr(t, "TagsSet", b.s.TagsSet(b.ctx, sm.Arn, map[string]string{"k": "v"}))

	noErr(t, "StateMachineDelete", b.s.StateMachineDelete(b.ctx, sm.Arn))
	for _, arn := range []string{sm.Arn, children[0].Arn, children[1].Arn, children[2].Arn} {
		_, err := b.s.StateMachineGet(b.ctx, arn)
		wantErr(t, "StateMachineGet after delete "+arn, err, store.ErrNotFound)
	}
	for _, kind := range []store.Kind{store.VersionKind, store.AliasKind} {
		got, err := b.s.StateMachineList(b.ctx, &store.ListParams{Kind: kind, Parent: sm.Arn})
		noErr(t, "StateMachineList", err)
		if len(got) != 0 {
			t.Errorf("kind %d of a deleted machine: %d records left", kind, len(got))
		}
	}
	for _, arn := range []string{other.Arn, otherVersion.Arn} {
		_, err := b.s.StateMachineGet(b.ctx, arn)
		noErr(t, "another machine's record after delete", err)
	}
	getExecution(t, b, x.Arn) // executions stay
	tags, err := b.s.TagsGet(b.ctx, sm.Arn)
	noErr(t, "TagsGet", err)
	if len(tags) != 0 {
		t.Errorf("tags of a deleted state machine: %v", tags)
	}
}

func testMachineDeleteVersion(t *testing.T, b *bundle) {
	sm := machine("m")
	createMachine(t, b, sm)
	v1, v2 := version(sm, 1), version(sm, 2)
	createMachine(t, b, v1)
	createMachine(t, b, v2)
	noErr(t, "StateMachineDelete version", b.s.StateMachineDelete(b.ctx, v1.Arn))
	got, err := b.s.StateMachineList(b.ctx, &store.ListParams{Kind: store.VersionKind, Parent: sm.Arn})
	noErr(t, "StateMachineList", err)
	if arns := machineArns(got); !slices.Equal(arns, []string{v2.Arn}) {
		t.Errorf("versions after deleting one: %v", arns)
	}
	_, err = b.s.StateMachineGet(b.ctx, sm.Arn)
	noErr(t, "the state machine after deleting a version", err)
	n, err := b.s.StateMachineNextVersion(b.ctx, sm.Arn)
	noErr(t, "StateMachineNextVersion", err)
	if n != 1 {
		t.Errorf("StateMachineNextVersion = %d; no version was reserved before, want 1", n)
	}
}

func testMachineDeleteNotFound(t *testing.T, b *bundle) {
	wantErr(t, "StateMachineDelete", b.s.StateMachineDelete(b.ctx, machineArn("nope")), store.ErrNotFound)
	sm := machine("m")
	createMachine(t, b, sm)
	noErr(t, "StateMachineDelete", b.s.StateMachineDelete(b.ctx, sm.Arn))
	wantErr(t, "second StateMachineDelete", b.s.StateMachineDelete(b.ctx, sm.Arn), store.ErrNotFound)
}

func machineArns(sms []*store.StateMachine) []string {
	out := make([]string, len(sms))
	for i, sm := range sms {
		out[i] = sm.Arn
	}
	return out
}

func listMachines(t *testing.T, b *bundle, p store.ListParams) []string {
	t.Helper()
	got, err := b.s.StateMachineList(b.ctx, &p)
	noErr(t, "StateMachineList", err)
	return machineArns(got)
}

func testMachineList(t *testing.T, b *bundle) {
	names := []string{"c", "a", "e", "b", "d"}
	for _, n := range names {
		sm := machine(n)
		createMachine(t, b, sm)
		createMachine(t, b, version(sm, 1))
		createMachine(t, b, alias(sm, "x"))
	}
	all := []string{machineArn("a"), machineArn("b"), machineArn("c"), machineArn("d"), machineArn("e")}
	for _, tc := range []struct {
		p    store.ListParams
		want []string
	}{
		{store.ListParams{}, all},
		{store.ListParams{Limit: 2}, all[:2]},
		{store.ListParams{After: all[1], Limit: 2}, all[2:4]},
		{store.ListParams{After: all[3], Limit: 2}, all[4:]},
		{store.ListParams{After: all[4]}, []string{}},
		{store.ListParams{After: machineArn("bb")}, all[2:]},
		{store.ListParams{Limit: 100}, all},
	} {
		if got := listMachines(t, b, tc.p); !slices.Equal(got, tc.want) {
			t.Errorf("StateMachineList(%+v) = %v, want %v", tc.p, got, tc.want)
		}
	}
	got, err := b.s.StateMachineList(b.ctx, &store.ListParams{Limit: 1})
	noErr(t, "StateMachineList", err)
	sameRecord(t, "listed record", got[0], machine("a"))
}

func testMachineListVersions(t *testing.T, b *bundle) {
	sm, other := machine("m"), machine("n")
	createMachine(t, b, sm)
	createMachine(t, b, other)
	var want []string
	for _, n := range []int{3, 1, 10, 2} {
		createMachine(t, b, version(sm, n))
	}
	for _, n := range []int{10, 3, 2, 1} {
		want = append(want, version(sm, n).Arn)
	}
	createMachine(t, b, version(other, 4))
	createMachine(t, b, alias(sm, "a"))
	p := store.ListParams{Kind: store.VersionKind, Parent: sm.Arn}
	if got := listMachines(t, b, p); !slices.Equal(got, want) {
		t.Errorf("versions = %v, want %v (descending version number)", got, want)
	}
	var paged []string
	p.Limit = 3
	for {
		page := listMachines(t, b, p)
		paged = append(paged, page...)
		if len(page) < p.Limit {
			break
		}
		p.After = page[len(page)-1]
	}
	if !slices.Equal(paged, want) {
		t.Errorf("versions paged by 3 = %v, want %v", paged, want)
	}
	got, err := b.s.StateMachineList(b.ctx, &store.ListParams{Kind: store.VersionKind, Parent: sm.Arn, Limit: 1})
	noErr(t, "StateMachineList", err)
	sameRecord(t, "listed version", got[0], version(sm, 10))
}

func testMachineListAliases(t *testing.T, b *bundle) {
	sm, other := machine("m"), machine("n")
	createMachine(t, b, sm)
	createMachine(t, b, other)
	for _, n := range []string{"prod", "beta", "dev"} {
		createMachine(t, b, alias(sm, n))
	}
	createMachine(t, b, alias(other, "zz"))
	createMachine(t, b, version(sm, 1))
	p := store.ListParams{Kind: store.AliasKind, Parent: sm.Arn}
	want := []string{sm.Arn + ":beta", sm.Arn + ":dev", sm.Arn + ":prod"}
	if got := listMachines(t, b, p); !slices.Equal(got, want) {
		t.Errorf("aliases = %v, want %v", got, want)
	}
	p.After, p.Limit = want[0], 1
	if got := listMachines(t, b, p); !slices.Equal(got, want[1:2]) {
		t.Errorf("aliases after %s = %v, want %v", p.After, got, want[1:2])
	}
}

func testMachineNextVersion(t *testing.T, b *bundle) {
	sm, other := machine("m"), machine("n")
	createMachine(t, b, sm)
	createMachine(t, b, other)
	next := func(arn string, want int) {
		t.Helper()
		n, err := b.s.StateMachineNextVersion(b.ctx, arn)
		noErr(t, "StateMachineNextVersion", err)
		if n != want {
			t.Errorf("StateMachineNextVersion(%s) = %d, want %d", arn, n, want)
		}
	}
	next(sm.Arn, 1)
	next(sm.Arn, 2)
	next(other.Arn, 1)
	up := *sm
	up.RevisionID = "rev-9"
	noErr(t, "StateMachineUpdate", b.s.StateMachineUpdate(b.ctx, &up))
	next(sm.Arn, 3)
	_, err := b.s.StateMachineNextVersion(b.ctx, machineArn("nope"))
	wantErr(t, "StateMachineNextVersion of an unknown machine", err, store.ErrNotFound)
	noErr(t, "StateMachineDelete", b.s.StateMachineDelete(b.ctx, sm.Arn))
	createMachine(t, b, sm)
	next(sm.Arn, 1) // a new state machine of the same name starts again
}

func testMachineNextVersionConcurrent(t *testing.T, b *bundle) {
	sm := machine("m")
	createMachine(t, b, sm)
	const workers, each = 8, 10
	var mu sync.Mutex
	seen := map[int]bool{}
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for range each {
				n, err := b.s.StateMachineNextVersion(b.ctx, sm.Arn)
				if err != nil {
					t.Errorf("StateMachineNextVersion: %v", err)
					return
				}
				mu.Lock()
				if seen[n] {
					t.Errorf("version %d reserved twice", n)
				}
				seen[n] = true
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	for n := 1; n <= workers*each; n++ {
		if !seen[n] {
			t.Errorf("version %d never reserved", n)
		}
	}
}

func testMachineRecordsAreCopied(t *testing.T, b *bundle) {
	sm := machine("m")
	createMachine(t, b, sm)
	sm.Definition = "changed after create"
	got, err := b.s.StateMachineGet(b.ctx, sm.Arn)
	noErr(t, "StateMachineGet", err)
	got.Definition = "changed after get"
	again, err := b.s.StateMachineGet(b.ctx, sm.Arn)
	noErr(t, "StateMachineGet", err)
	sameRecord(t, fmt.Sprintf("record after changing copies (%s)", sm.Arn), again, machine("m"))
}
