package sqlite

import (
	"strings"
	"testing"
	"time"

	"github.com/stepwisehq/stepwise/store"
)

func TestListQuery(t *testing.T) {
	tests := []struct {
		p     store.ExecutionListParams
		parts []string
		args  int
	}{
		{store.ExecutionListParams{StateMachineArn: "sm"}, []string{"state_machine_arn = ?", "LIMIT ?"}, 2},
		{store.ExecutionListParams{MapRunArn: "mr", Limit: 5}, []string{"map_run_arn = ? AND map_run_arn <> ''"}, 2},
		{store.ExecutionListParams{StateMachineArn: "sm", VersionArn: "v", AliasArn: "a", Status: "RUNNING"},
			[]string{"version_arn = ?", "alias_arn = ?", "status = ?"}, 5},
		{store.ExecutionListParams{StateMachineArn: "sm", RedriveFilter: "REDRIVEN"}, []string{"redrive_count > 0"}, 2},
		{store.ExecutionListParams{StateMachineArn: "sm", RedriveFilter: "NOT_REDRIVEN"}, []string{"redrive_count = 0"}, 2},
		{store.ExecutionListParams{StateMachineArn: "sm", After: "x"}, []string{"(started, arn) < (SELECT"}, 3},
	}
	for _, tc := range tests {
		q, args := listQuery(&tc.p)
		for _, part := range tc.parts {
			if !strings.Contains(q, part) {
				t.Errorf("listQuery(%+v) = %s; missing %q", tc.p, q, part)
			}
		}
		if len(args) != tc.args || strings.Count(q, "?") != len(args) {
			t.Errorf("listQuery(%+v): %d args for %d placeholders, want %d", tc.p, len(args), strings.Count(q, "?"), tc.args)
		}
		if !strings.HasSuffix(q, "ORDER BY started DESC, arn DESC LIMIT ?") {
			t.Errorf("listQuery(%+v) = %s; not newest first", tc.p, q)
		}
	}
}

func TestNanos(t *testing.T) {
	for _, tm := range []time.Time{{}, time.Unix(0, 0), time.Unix(0, 1), time.Date(2262, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(1700, 1, 1, 0, 0, 0, 5, time.UTC)} {
		if got := fromNanos(nanos(tm)); !got.Equal(tm) || got.IsZero() != tm.IsZero() {
			t.Errorf("fromNanos(nanos(%v)) = %v", tm, got)
		}
	}
}

func TestLimitArg(t *testing.T) {
	for n, want := range map[int]int{0: -1, -3: -1, 1: 1, 50: 50} {
		if got := limitArg(n); got != want {
			t.Errorf("limitArg(%d) = %d, want %d", n, got, want)
		}
	}
}
