// Package storetest is the one conformance suite that every storage driver
// runs, in the manner of River's riverdrivertest: a driver's test calls
// Exercise with a function that opens a fresh, empty store, and every
// subtest runs in parallel on a store of its own.
//
//	func TestStore(t *testing.T) {
//		storetest.Exercise(t, func(t *testing.T) store.Store {
//			return memory.New()
//		})
//	}
package storetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"testing"
	"time"

	"github.com/stepwisehq/stepwise/history"
	"github.com/stepwisehq/stepwise/store"
	"github.com/stepwisehq/stepwise/value"
)

// bundle is what each test gets: a fresh store and a context.
type bundle struct {
	ctx context.Context
	s   store.Store
}

type test struct {
	name string
	fn   func(t *testing.T, b *bundle)
}

type group struct {
	name  string
	tests []test
}

// Exercise runs the suite against stores that newStore opens. Each test
// opens its own store, empty, and Exercise closes it when the test ends.
func Exercise(t *testing.T, newStore func(t *testing.T) store.Store) {
	groups := []group{
		{"StateMachine", machineTests},
		{"Execution", executionTests},
		{"Commit", commitTests},
		{"CommitCreate", createTests},
		{"History", historyTests},
		{"ExecutionList", listTests},
		{"Activity", activityTests},
		{"Tags", tagTests},
		{"MapRun", mapRunTests},
	}
	for _, g := range groups {
		t.Run(g.name, func(t *testing.T) {
			for _, tc := range g.tests {
				t.Run(tc.name, func(t *testing.T) {
					t.Parallel()
					s := newStore(t)
					t.Cleanup(func() {
						if err := s.Close(); err != nil {
							t.Errorf("Close: %v", err)
						}
					})
					tc.fn(t, &bundle{ctx: t.Context(), s: s})
				})
			}
		})
	}
}

// Times with nanoseconds, which every driver must keep.
var t0 = time.Date(2024, 3, 4, 5, 6, 7, 123456789, time.UTC)

var zeroTime time.Time

func at(seconds int) time.Time { return t0.Add(time.Duration(seconds) * time.Second) }

const (
	region  = "arn:aws:states:us-east-1:123456789012:"
	roleArn = "arn:aws:iam::123456789012:role/StepFunctions"
)

func machineArn(name string) string { return region + "stateMachine:" + name }

func executionArn(sm, name string) string { return region + "execution:" + sm + ":" + name }

func activityArn(name string) string { return region + "activity:" + name }

// machine returns a state machine record with every field set.
func machine(name string) *store.StateMachine {
	return &store.StateMachine{
		Arn: machineArn(name), Name: name, Kind: store.MachineKind, Type: "STANDARD",
		Definition: `{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}`,
		RoleArn:    roleArn, Created: at(0), Updated: at(1), RevisionID: "rev-1",
		LoggingConfig: `{"level":"OFF"}`, TracingConfig: `{"enabled":false}`,
		EncryptionConfig: `{"type":"AWS_OWNED_KEY"}`,
	}
}

func version(parent *store.StateMachine, n int) *store.StateMachine {
	v := *parent
	v.Arn = fmt.Sprintf("%s:%d", parent.Arn, n)
	v.Kind, v.Version, v.Parent = store.VersionKind, n, parent.Arn
	v.Description = fmt.Sprintf("version %d", n)
	return &v
}

func alias(parent *store.StateMachine, name string) *store.StateMachine {
	return &store.StateMachine{
		Arn: parent.Arn + ":" + name, Name: name, Kind: store.AliasKind, Created: at(2), Updated: at(3),
		Description: "alias " + name, Parent: parent.Arn,
		Routing: `[{"stateMachineVersionArn":"` + parent.Arn + `:1","weight":100}]`,
	}
}

// execution returns a running execution record with every field set.
func execution(sm, name string, started time.Time) *store.Execution {
	return &store.Execution{
		Arn: executionArn(sm, name), StateMachineArn: machineArn(sm), Name: name, Type: "STANDARD",
		Status: store.StatusRunning, Input: `{"b":1.50,"a":"x"}`, Started: started,
		TraceHeader: "Root=1-abc", Definition: `{"StartAt":"P"}`, Snapshot: []byte("snap-0"),
	}
}

// events returns n events with ids from, from+1, ... with payloads whose
// key order and number text must survive.
func events(from int64, n int) []history.Event {
	out := make([]history.Event, n)
	for i := range out {
		id := from + int64(i)
		out[i] = history.Event{
			ID: id, PreviousID: id - 1, Timestamp: at(int(id)), Type: history.PassStateEntered,
			Name: fmt.Sprintf("state %d", id), HasInput: true,
			Input: value.MustParse(fmt.Sprintf(`{"z":%d,"a":[1.50,1e3],"m":{"y":null,"x":true}}`, id)),
		}
	}
	return out
}

// create stores an execution with its first n events.
func create(t *testing.T, b *bundle, x *store.Execution, n int) {
	t.Helper()
	err := b.s.ExecutionCreate(b.ctx, &store.ExecutionCreateParams{Execution: x, Events: events(1, n)})
	if err != nil {
		t.Fatalf("ExecutionCreate %s: %v", x.Name, err)
	}
	x.LastEventID = int64(n)
}

func commit(t *testing.T, b *bundle, steps ...*store.Step) {
	t.Helper()
	if err := b.s.ExecutionCommit(b.ctx, steps); err != nil {
		t.Fatalf("ExecutionCommit: %v", err)
	}
}

func getExecution(t *testing.T, b *bundle, arn string) *store.Execution {
	t.Helper()
	x, err := b.s.ExecutionGet(b.ctx, arn)
	if err != nil {
		t.Fatalf("ExecutionGet %s: %v", arn, err)
	}
	return x
}

func wantErr(t *testing.T, what string, err, want error) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Fatalf("%s: error %v, want %v", what, err, want)
	}
}

func noErr(t testing.TB, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// sameRecord compares records field by field, times by the instant they
// stand for and byte slices by content (nil and empty alike).
func sameRecord(t *testing.T, what string, got, want any) {
	t.Helper()
	g, w := normalize(got), normalize(want)
	if !reflect.DeepEqual(g, w) {
		t.Errorf("%s:\n got %+v\nwant %+v", what, g, w)
	}
}

func normalize(rec any) any {
	v := reflect.ValueOf(rec)
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	c := reflect.New(v.Type()).Elem()
	c.Set(v)
	for i := range c.NumField() {
		switch f := c.Field(i); x := f.Interface().(type) {
		case time.Time:
			f.Set(reflect.ValueOf(x.UTC().Round(0)))
		case []byte:
			if len(x) == 0 {
				f.Set(reflect.ValueOf([]byte(nil)))
			}
		}
	}
	return c.Interface()
}

// sameEvents compares histories, payloads by their JSON text.
func sameEvents(t *testing.T, what string, got, want []history.Event) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d events %v, want %d %v", what, len(got), ids(got), len(want), ids(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if value.String(g.Input) != value.String(w.Input) || value.String(g.Output) != value.String(w.Output) {
			t.Errorf("%s: event %d payloads %s %s, want %s %s", what, w.ID,
				value.String(g.Input), value.String(g.Output), value.String(w.Input), value.String(w.Output))
		}
		g.Input, g.Output, w.Input, w.Output = nil, nil, nil, nil
		g.Timestamp, w.Timestamp = g.Timestamp.UTC(), w.Timestamp.UTC()
		if !reflect.DeepEqual(g, w) {
			t.Errorf("%s: event %d\n got %+v\nwant %+v", what, w.ID, g, w)
		}
	}
}

func ids(evs []history.Event) []int64 {
	out := make([]int64, len(evs))
	for i, e := range evs {
		out[i] = e.ID
	}
	return out
}

func sameBytes(t *testing.T, what string, got, want []byte) {
	t.Helper()
	if !bytes.Equal(got, want) {
		t.Errorf("%s = %q, want %q", what, got, want)
	}
}

func sortedArns(xs []*store.Execution) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = x.Arn
	}
	sort.Strings(out)
	return out
}

func isConflict(err error) bool { return errors.Is(err, store.ErrConflict) }
