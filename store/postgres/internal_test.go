package postgres

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stepwisehq/stepwise/history"
	"github.com/stepwisehq/stepwise/store"
)

func TestListQuery(t *testing.T) {
	tests := []struct {
		p     store.ExecutionListParams
		parts []string
		args  int
	}{
		{store.ExecutionListParams{StateMachineArn: "sm"}, []string{"state_machine_arn = $1", "LIMIT $2"}, 2},
		{store.ExecutionListParams{MapRunArn: "mr", Limit: 5}, []string{"map_run_arn = $1 AND map_run_arn <> ''", "LIMIT $2"}, 2},
		{store.ExecutionListParams{StateMachineArn: "sm", VersionArn: "v", AliasArn: "a", Status: "RUNNING"},
			[]string{"version_arn = $2", "alias_arn = $3", "status = $4", "LIMIT $5"}, 5},
		{store.ExecutionListParams{StateMachineArn: "sm", RedriveFilter: "REDRIVEN"}, []string{"redrive_count > 0"}, 2},
		{store.ExecutionListParams{StateMachineArn: "sm", RedriveFilter: "NOT_REDRIVEN"}, []string{"redrive_count = 0"}, 2},
		{store.ExecutionListParams{StateMachineArn: "sm", RedriveFilter: "bogus"}, []string{"WHERE true AND state_machine_arn = $1 ORDER"}, 2},
		{store.ExecutionListParams{StateMachineArn: "sm", After: "x"}, []string{"(started, arn) < (SELECT started, arn FROM stepwise_executions WHERE arn = $2)"}, 3},
	}
	for _, tc := range tests {
		q, args := listQuery(&tc.p)
		for _, part := range tc.parts {
			if !strings.Contains(q, part) {
				t.Errorf("listQuery(%+v) = %s; missing %q", tc.p, q, part)
			}
		}
		if len(args) != tc.args || strings.Count(q, "$") != len(args) || strings.Contains(q, "$?") {
			t.Errorf("listQuery(%+v): %d args for %d placeholders, want %d", tc.p, len(args), strings.Count(q, "$"), tc.args)
		}
		if !strings.HasSuffix(q, fmt.Sprintf("ORDER BY started DESC, arn DESC LIMIT $%d", len(args))) {
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
	if nanos(time.Time{}) != math.MinInt64 {
		t.Error("the zero time is not stored as the smallest integer")
	}
}

func TestLimitArg(t *testing.T) {
	for n, want := range map[int]int64{0: -1, -3: -1, 1: 1, 50: 50} {
		got := limitArg(n)
		if (want < 0) != (got == nil) || (got != nil && *got != want) {
			t.Errorf("limitArg(%d) = %v, want %d (-1: NULL)", n, got, want)
		}
	}
}

func TestVersionBelow(t *testing.T) {
	for _, tc := range []struct {
		after string
		want  int64
		ok    bool
	}{
		{"", math.MaxInt64, true},
		{"arn:aws:states:us-east-1:1:stateMachine:m:12", 12, true},
		{"7", 7, true},
		{"arn:aws:states:us-east-1:1:stateMachine:m:9223372036854775807", math.MaxInt64, true},
		{"arn:aws:states:us-east-1:1:stateMachine:m:prod", 0, false},
		{"arn:aws:states:us-east-1:1:stateMachine:m:", 0, false},
		{"arn:m:99999999999999999999", 0, false},
	} {
		got, err := versionBelow(tc.after)
		if (err == nil) != tc.ok || (tc.ok && got != tc.want) {
			t.Errorf("versionBelow(%q) = %d, %v; want %d (ok %v)", tc.after, got, err, tc.want, tc.ok)
		}
	}
}

// FuzzVersionBelow: any text is read without a panic, and a version ARN
// gives back its number.
func FuzzVersionBelow(f *testing.F) {
	f.Add("arn:aws:states:us-east-1:1:stateMachine:m", int64(3))
	f.Add("", int64(-1))
	f.Add("a:b:", int64(math.MaxInt64))
	f.Fuzz(func(t *testing.T, prefix string, n int64) {
		_, _ = versionBelow(prefix)
		arn := prefix + ":" + strconv.FormatInt(n, 10)
		if got, err := versionBelow(arn); err != nil || got != n {
			t.Errorf("versionBelow(%q) = %d, %v; want %d", arn, got, err, n)
		}
	})
}

func TestLockOrder(t *testing.T) {
	mk := func(arns ...string) []*store.Step {
		out := make([]*store.Step, len(arns))
		for i, a := range arns {
			out[i] = &store.Step{Arn: a, Snapshot: []byte{byte(i)}}
		}
		return out
	}
	sorted := mk("a", "b", "b", "c")
	if got := lockOrder(sorted); &got[0] != &sorted[0] {
		t.Error("lockOrder copied a batch that is in order")
	}
	steps := mk("c", "a", "b", "a", "c")
	got := lockOrder(steps)
	var order []string
	for _, st := range got {
		order = append(order, fmt.Sprintf("%s%d", st.Arn, st.Snapshot[0]))
	}
	if want := []string{"a1", "a3", "b2", "c0", "c4"}; !slices.Equal(order, want) {
		t.Errorf("lockOrder = %v, want %v (stable: an execution's steps keep their order)", order, want)
	}
	if steps[0].Arn != "c" {
		t.Error("lockOrder changed the caller's slice")
	}
}

func TestEncoder(t *testing.T) {
	e := getEncoder()
	evs := []history.Event{{ID: 1, Type: history.PassStateEntered, Name: "a"}, {ID: 2, Type: history.PassStateExited, Name: "b"}}
	if err := e.add(evs[:1]); err != nil {
		t.Fatal(err)
	}
	if err := e.add(evs[1:]); err != nil {
		t.Fatal(err)
	}
	e.slice()
	if len(e.bodies) != 2 {
		t.Fatalf("%d bodies, want 2", len(e.bodies))
	}
	for i, body := range e.bodies {
		var got history.Event
		if err := got.UnmarshalBinary(body); err != nil || got.ID != evs[i].ID || got.Name != evs[i].Name {
			t.Errorf("body %d decodes to %+v, %v", i, got, err)
		}
		if cap(body) != len(body) {
			t.Errorf("body %d can grow into the next", i)
		}
	}
	putEncoder(e)
	if e := getEncoder(); len(e.buf) != 0 || len(e.ends) != 0 || len(e.bodies) != 0 {
		t.Error("a pooled encoder is not empty")
	}
}

func TestContinuous(t *testing.T) {
	ev := func(ids ...int64) []history.Event {
		out := make([]history.Event, len(ids))
		for i, id := range ids {
			out[i].ID = id
		}
		return out
	}
	for _, tc := range []struct {
		last int64
		evs  []history.Event
		want bool
	}{
		{0, nil, true},
		{0, ev(1, 2, 3), true},
		{4, ev(5), true},
		{4, ev(6), false},
		{0, ev(1, 3), false},
		{0, ev(1, 1), false},
		{2, ev(2), false},
	} {
		if got := continuous(tc.last, tc.evs); got != tc.want {
			t.Errorf("continuous(%d, %v) = %v", tc.last, tc.evs, got)
		}
	}
}

func TestPoolConfig(t *testing.T) {
	const dsn = "postgres://u@127.0.0.1:1/db?sslmode=disable"
	cfg, err := poolConfig(dsn, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := max(4, 2*runtime.GOMAXPROCS(0)); int(cfg.MaxConns) != want || DefaultMaxConns() != want {
		t.Errorf("default MaxConns = %d, want %d", cfg.MaxConns, want)
	}
	if cfg.ConnConfig.RuntimeParams["application_name"] != "stepwise" {
		t.Errorf("application_name = %q", cfg.ConnConfig.RuntimeParams["application_name"])
	}
	if cfg, _ := poolConfig(dsn, Options{MaxConns: 3}); cfg.MaxConns != 3 {
		t.Errorf("Options.MaxConns 3 gave %d", cfg.MaxConns)
	}
	if cfg, _ := poolConfig(dsn+"&pool_max_conns=7&pool_min_conns=9", Options{}); cfg.MaxConns != 7 || cfg.MinConns != 7 {
		t.Errorf("pool_max_conns=7 gave %d (min %d)", cfg.MaxConns, cfg.MinConns)
	}
	if cfg, _ := poolConfig(dsn+"&pool_max_conns=7", Options{MaxConns: 2}); cfg.MaxConns != 2 {
		t.Errorf("Options.MaxConns 2 over pool_max_conns=7 gave %d", cfg.MaxConns)
	}
	if cfg, _ := poolConfig(dsn+"&application_name=mine", Options{}); cfg.ConnConfig.RuntimeParams["application_name"] != "mine" {
		t.Errorf("the DSN's application_name was replaced")
	}
	if _, err := poolConfig("postgres://u@[bad", Options{}); err == nil {
		t.Error("poolConfig of a bad DSN succeeded")
	}
}

func TestMigrationsAreSQL(t *testing.T) {
	for i, m := range migrations {
		if len(m) == 0 {
			t.Errorf("migration %d is empty", i+1)
		}
		for _, stmt := range m {
			if strings.Contains(stmt, ";") {
				t.Errorf("migration %d holds more than one statement: %s", i+1, stmt)
			}
			if strings.Contains(stmt, "CREATE TABLE") && !strings.Contains(stmt, "CREATE TABLE stepwise_") {
				t.Errorf("migration %d creates a table without the stepwise_ prefix: %s", i+1, stmt)
			}
		}
	}
}
