package storetest

import (
	"fmt"
	"slices"
	"testing"

	"github.com/stepwisehq/stepwise/history"
	"github.com/stepwisehq/stepwise/store"
	"github.com/stepwisehq/stepwise/value"
)

var historyTests = []test{
	{"Pages", testHistoryPages},
	{"PagesThrough", testHistoryPagesThrough},
	{"Windows", testHistoryWindows},
	{"EveryField", testHistoryEveryField},
	{"NotFound", testHistoryNotFound},
	{"Isolated", testHistoryIsolated},
}

func historyIDs(t *testing.T, b *bundle, p store.HistoryParams) []int64 {
	t.Helper()
	got, err := b.s.HistoryGet(b.ctx, &p)
	noErr(t, fmt.Sprintf("HistoryGet(%+v)", p), err)
	return ids(got)
}

func span(from, to int64) []int64 {
	var out []int64
	step := int64(1)
	if to < from {
		step = -1
	}
	for i := from; ; i += step {
		out = append(out, i)
		if i == to {
			return out
		}
	}
}

func testHistoryPages(t *testing.T, b *bundle) {
	x := execution("m", "x", at(1))
	create(t, b, x, 4)
	commit(t, b, &store.Step{Arn: x.Arn, Events: events(5, 6)})
	for _, tc := range []struct {
		p    store.HistoryParams
		want []int64
	}{
		{store.HistoryParams{}, span(1, 10)},
		{store.HistoryParams{Limit: 3}, span(1, 3)},
		{store.HistoryParams{After: 3, Limit: 3}, span(4, 6)},
		{store.HistoryParams{After: 8, Limit: 3}, span(9, 10)},
		{store.HistoryParams{After: 10}, nil},
		{store.HistoryParams{After: 99}, nil},
		{store.HistoryParams{Reverse: true}, span(10, 1)},
		{store.HistoryParams{Reverse: true, Limit: 4}, span(10, 7)},
		{store.HistoryParams{Reverse: true, After: 7, Limit: 4}, span(6, 3)},
		{store.HistoryParams{Reverse: true, After: 3, Limit: 4}, span(2, 1)},
		{store.HistoryParams{Reverse: true, After: 1}, nil},
		{store.HistoryParams{Limit: 100}, span(1, 10)},
	} {
		tc.p.Arn = x.Arn
		if got := historyIDs(t, b, tc.p); !slices.Equal(got, tc.want) {
			t.Errorf("HistoryGet(After %d, Limit %d, Reverse %v) = %v, want %v",
				tc.p.After, tc.p.Limit, tc.p.Reverse, got, tc.want)
		}
	}
}

// testHistoryPagesThrough walks a long history page by page both ways,
// with the last id of a page as the next page's After.
func testHistoryPagesThrough(t *testing.T, b *bundle) {
	x := execution("m", "x", at(1))
	create(t, b, x, 1)
	for id := int64(2); id <= 300; id += 23 {
		commit(t, b, &store.Step{Arn: x.Arn, Events: events(id, 23)})
	}
	for _, reverse := range []bool{false, true} {
		p := store.HistoryParams{Arn: x.Arn, Limit: 37, Reverse: reverse}
		var all []history.Event
		for {
			page, err := b.s.HistoryGet(b.ctx, &p)
			noErr(t, "HistoryGet", err)
			all = append(all, page...)
			if len(page) < p.Limit {
				break
			}
			p.After = page[len(page)-1].ID
		}
		want := events(1, 300)
		if reverse {
			slices.Reverse(want)
		}
		sameEvents(t, fmt.Sprintf("history paged (reverse %v)", reverse), all, want)
	}
}

// everyFieldEvent sets every field of an event.
func everyFieldEvent(id int64) history.Event {
	return history.Event{
		ID: id, PreviousID: id - 1, Timestamp: at(50), Type: history.TaskScheduled, Name: "task",
		Input: value.MustParse(`{"b":2,"a":1}`), Output: value.MustParse(`[1.0,"x",null]`),
		HasInput: true, HasOutput: true, Error: "E", Cause: "C", HasError: true, HasCause: true,
		Resource: "invoke", ResourceType: "lambda", Region: "eu-west-1",
		Parameters:     value.MustParse(`{"FunctionName":"f"}`),
		TimeoutSeconds: 30, HeartbeatSeconds: 10, Credentials: value.MustParse(`{"roleArn":"r"}`),
		Index: 4, Length: 9, Vars: []history.Var{{Name: "v", Value: value.MustParse(`{"q":1e2}`)}},
		RoleArn: roleArn, MapRunArn: "arn:mr", Worker: "w", Location: "Items", State: "S",
	}
}

func testHistoryEveryField(t *testing.T, b *bundle) {
	x := execution("m", "x", at(1))
	create(t, b, x, 1)
	want := everyFieldEvent(2)
	commit(t, b, &store.Step{Arn: x.Arn, Events: []history.Event{want}})
	got, err := b.s.HistoryGet(b.ctx, &store.HistoryParams{Arn: x.Arn, After: 1})
	noErr(t, "HistoryGet", err)
	if len(got) != 1 {
		t.Fatalf("HistoryGet = %d events, want 1", len(got))
	}
	wantJSON := string(want.AppendJSON(nil, true))
	if gotJSON := string(got[0].AppendJSON(nil, true)); gotJSON != wantJSON {
		t.Errorf("stored event:\n got %s\nwant %s", gotJSON, wantJSON)
	}
	g, w := got[0], want
	for _, e := range []*history.Event{&g, &w} {
		e.Input, e.Output, e.Parameters, e.Credentials, e.Vars = nil, nil, nil, nil, nil
		e.Timestamp = e.Timestamp.UTC()
	}
	sameRecord(t, "stored event", g, w)
	if value.String(got[0].Vars[0].Value) != `{"q":1e2}` || value.String(got[0].Credentials) != `{"roleArn":"r"}` {
		t.Errorf("stored payloads: %v %v", got[0].Vars, got[0].Credentials)
	}
}

func testHistoryNotFound(t *testing.T, b *bundle) {
	_, err := b.s.HistoryGet(b.ctx, &store.HistoryParams{Arn: executionArn("m", "nope")})
	wantErr(t, "HistoryGet", err, store.ErrNotFound)
}

func testHistoryIsolated(t *testing.T, b *bundle) {
	x, y := execution("m", "x", at(1)), execution("m", "y", at(1))
	create(t, b, x, 3)
	create(t, b, y, 5)
	if got := historyIDs(t, b, store.HistoryParams{Arn: x.Arn, Reverse: true}); !slices.Equal(got, span(3, 1)) {
		t.Errorf("history of x = %v", got)
	}
	if got := historyIDs(t, b, store.HistoryParams{Arn: y.Arn, After: 2}); !slices.Equal(got, span(3, 5)) {
		t.Errorf("history of y after 2 = %v", got)
	}
}

// testHistoryWindows reads every window of a long history, both ways.
func testHistoryWindows(t *testing.T, b *bundle) {
	x := execution("m", "x", at(1))
	create(t, b, x, 130)
	commit(t, b, &store.Step{Arn: x.Arn, Events: events(131, 140)})
	for _, after := range []int64{0, 1, 127, 128, 129, 255, 256, 269, 270, 271} {
		for _, limit := range []int{0, 1, 128, 129, 300} {
			fwd := historyIDs(t, b, store.HistoryParams{Arn: x.Arn, After: after, Limit: limit})
			if want := window(after+1, 270, limit, 1); !slices.Equal(fwd, want) {
				t.Errorf("HistoryGet(After %d, Limit %d) = %d ids from %v, want %d", after, limit, len(fwd), first(fwd), len(want))
			}
			rev := historyIDs(t, b, store.HistoryParams{Arn: x.Arn, After: after, Limit: limit, Reverse: true})
			from := after - 1
			if after == 0 {
				from = 270
			}
			if want := window(from, 1, limit, -1); !slices.Equal(rev, want) {
				t.Errorf("HistoryGet(After %d, Limit %d, Reverse) = %d ids from %v, want %d", after, limit, len(rev), first(rev), len(want))
			}
		}
	}
}

// window returns ids from from towards to (inclusive) by step, at most
// limit of them (0: all).
func window(from, to int64, limit int, step int64) []int64 {
	var out []int64
	for id := from; (step > 0 && id <= to) || (step < 0 && id >= to); id += step {
		if limit > 0 && len(out) == limit {
			break
		}
		out = append(out, id)
	}
	return out
}

func first(ids []int64) any {
	if len(ids) == 0 {
		return "none"
	}
	return ids[0]
}
