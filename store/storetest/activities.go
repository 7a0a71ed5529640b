package storetest

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/stepwisehq/stepwise/store"
)

var activityTests = []test{
	{"CreateGetDelete", testActivityCreateGetDelete},
	{"List", testActivityList},
	{"ClaimFIFO", testActivityClaimFIFO},
	{"ClaimConcurrent", testActivityClaimConcurrent},
}

func testActivityCreateGetDelete(t *testing.T, b *bundle) {
	a := &store.Activity{Arn: activityArn("a"), Name: "a", Created: at(1)}
	noErr(t, "ActivityCreate", b.s.ActivityCreate(b.ctx, a))
	dup := &store.Activity{Arn: a.Arn, Name: "dup", Created: at(2)}
	wantErr(t, "second ActivityCreate", b.s.ActivityCreate(b.ctx, dup), store.ErrAlreadyExists)
	got, err := b.s.ActivityGet(b.ctx, a.Arn)
	noErr(t, "ActivityGet", err)
	sameRecord(t, "activity", got, a)
	got.Name = "changed"
	again, err := b.s.ActivityGet(b.ctx, a.Arn)
	noErr(t, "ActivityGet", err)
	sameRecord(t, "activity after changing a copy", again, a)
	noErr(t, "TagsSet", b.s.TagsSet(b.ctx, a.Arn, map[string]string{"k": "v"}))

	noErr(t, "ActivityDelete", b.s.ActivityDelete(b.ctx, a.Arn))
	_, err = b.s.ActivityGet(b.ctx, a.Arn)
	wantErr(t, "ActivityGet after delete", err, store.ErrNotFound)
	wantErr(t, "second ActivityDelete", b.s.ActivityDelete(b.ctx, a.Arn), store.ErrNotFound)
	tags, err := b.s.TagsGet(b.ctx, a.Arn)
	noErr(t, "TagsGet", err)
	if len(tags) != 0 {
		t.Errorf("tags of a deleted activity: %v", tags)
	}
	noErr(t, "ActivityCreate after delete", b.s.ActivityCreate(b.ctx, a))
}

func testActivityList(t *testing.T, b *bundle) {
	var want []string
	for _, n := range []string{"d", "b", "a", "e", "c"} {
		a := &store.Activity{Arn: activityArn(n), Name: n, Created: at(1)}
		noErr(t, "ActivityCreate", b.s.ActivityCreate(b.ctx, a))
	}
	for _, n := range []string{"a", "b", "c", "d", "e"} {
		want = append(want, activityArn(n))
	}
	list := func(p store.ListParams) []string {
		got, err := b.s.ActivityList(b.ctx, &p)
		noErr(t, "ActivityList", err)
		out := make([]string, len(got))
		for i, a := range got {
			out[i] = a.Arn
		}
		return out
	}
	for _, tc := range []struct {
		p    store.ListParams
		want []string
	}{
		{store.ListParams{}, want},
		{store.ListParams{Limit: 2}, want[:2]},
		{store.ListParams{After: want[1], Limit: 2}, want[2:4]},
		{store.ListParams{After: want[4]}, nil},
	} {
		if got := list(tc.p); !slices.Equal(got, tc.want) {
			t.Errorf("ActivityList(%+v) = %v, want %v", tc.p, got, tc.want)
		}
	}
}

// queueTasks adds activity tasks through a commit of execution x.
func queueTasks(t *testing.T, b *bundle, x *store.Execution, tasks ...store.TaskToken) {
	t.Helper()
	commit(t, b, &store.Step{Arn: x.Arn, Snapshot: x.Snapshot, TokensAdded: tasks})
}

func task(x *store.Execution, act string, n int, created int) store.TaskToken {
	return store.TaskToken{Token: fmt.Sprintf("%s-task-%d", act, n), ExecutionArn: x.Arn, Op: uint64(n),
		ActivityArn: activityArn(act), Input: fmt.Sprintf(`{"n":%d}`, n), Created: at(created)}
}

func testActivityClaimFIFO(t *testing.T, b *bundle) {
	x := execution("m", "x", at(1))
	create(t, b, x, 1)
	_, err := b.s.ActivityTaskClaim(b.ctx, activityArn("a"), "w", at(2))
	wantErr(t, "ActivityTaskClaim of an empty queue", err, store.ErrNotFound)
	// Task 2 is older than task 1; tasks 3 and 4 are as old as each other
	// and keep the order they were added in.
	queueTasks(t, b, x, task(x, "a", 1, 5), task(x, "a", 2, 4), task(x, "b", 9, 1))
	queueTasks(t, b, x, task(x, "a", 3, 6))
	queueTasks(t, b, x, task(x, "a", 4, 6),
		store.TaskToken{Token: "callback", ExecutionArn: x.Arn, Op: 5, Created: at(0)})
	for _, want := range [][2]int{{2, 4}, {1, 5}, {3, 6}, {4, 6}} {
		got, err := b.s.ActivityTaskClaim(b.ctx, activityArn("a"), "worker-1", at(10))
		noErr(t, "ActivityTaskClaim", err)
		sameRecord(t, "claimed task", got, ptr(task(x, "a", want[0], want[1])))
		_, err = b.s.TaskTokenGet(b.ctx, got.Token)
		noErr(t, "TaskTokenGet of a claimed task", err)
	}
	_, err = b.s.ActivityTaskClaim(b.ctx, activityArn("a"), "w", at(11))
	wantErr(t, "ActivityTaskClaim of a drained queue", err, store.ErrNotFound)
	got, err := b.s.ActivityTaskClaim(b.ctx, activityArn("b"), "w", at(11))
	noErr(t, "ActivityTaskClaim of another activity", err)
	sameRecord(t, "claimed task", got, ptr(task(x, "b", 9, 1)))
}

func ptr[T any](v T) *T { return &v }

func testActivityClaimConcurrent(t *testing.T, b *bundle) {
	x := execution("m", "x", at(1))
	create(t, b, x, 1)
	const tasks, workers = 60, 6
	var queued []store.TaskToken
	for i := range tasks {
		queued = append(queued, task(x, "a", i, i))
	}
	queueTasks(t, b, x, queued...)
	var mu sync.Mutex
	claimed := map[string]int{}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for {
				tok, err := b.s.ActivityTaskClaim(b.ctx, activityArn("a"), fmt.Sprint("w", w), at(100))
				if errors.Is(err, store.ErrNotFound) {
					return
				}
				if err != nil {
					t.Errorf("ActivityTaskClaim: %v", err)
					return
				}
				mu.Lock()
				claimed[tok.Token]++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	CheckClaimedOnce(t, claimed, tasks)
}

// CheckClaimedOnce checks that concurrent ActivityTaskClaim calls, which
// counted the claims of each task token in claimed, claimed each of the
// tasks queued exactly once.
func CheckClaimedOnce(t testing.TB, claimed map[string]int, tasks int) {
	t.Helper()
	if len(claimed) != tasks {
		t.Errorf("%d distinct tasks claimed, want %d", len(claimed), tasks)
	}
	for tok, n := range claimed {
		if n != 1 {
			t.Errorf("task %s claimed %d times", tok, n)
		}
	}
}
