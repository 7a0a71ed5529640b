package history

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stepwisehq/stepwise/value"
)

var stamp = time.Date(2024, 5, 6, 7, 8, 9, 123456789, time.UTC)

// codecEvents are events that must survive MarshalBinary/UnmarshalBinary.
var codecEvents = []struct {
	name string
	e    Event
}{
	{"zero", Event{}},
	{"execution started", Event{ID: 1, Timestamp: stamp, Type: ExecutionStarted, HasInput: true,
		Input: value.MustParse(`{"b":1.50,"a":[1e3,-0,"x"],"c":{"z":null,"y":true}}`), RoleArn: "arn:aws:iam::123456789012:role/r"}},
	{"null input", Event{ID: 2, PreviousID: 1, Type: PassStateEntered, Name: "p", HasInput: true}},
	{"no input", Event{ID: 2, PreviousID: 1, Type: PassStateEntered, Name: "p"}},
	{"state exited with vars", Event{ID: 3, PreviousID: 2, Timestamp: stamp, Type: PassStateExited, Name: "p",
		HasOutput: true, Output: value.MustParse(`"out"`),
		Vars: []Var{{"x", value.MustParse(`{"k":[1,2]}`)}, {"y", nil}, {"", value.Number("7")}}}},
	{"empty vars", Event{ID: 3, Type: PassStateExited, Vars: []Var{}}},
	{"failed", Event{ID: 9, PreviousID: 8, Type: ExecutionFailed, Error: "States.Runtime",
		Cause: "An error occurred \"quoted\"\n\ttab", HasError: true, HasCause: true}},
	{"empty error and cause", Event{ID: 9, Type: TaskFailed, HasError: true, HasCause: true}},
	{"task scheduled", Event{ID: 4, PreviousID: 3, Type: TaskScheduled, Resource: "invoke",
		ResourceType: "lambda", Region: "us-east-1", Parameters: value.MustParse(`{"FunctionName":"f","Payload":{}}`),
		TimeoutSeconds: 60, HeartbeatSeconds: -5, Credentials: value.MustParse(`{"roleArn":"r"}`)}},
	{"map", Event{ID: 5, Type: MapIterationStarted, Name: "m", Index: 41, Length: -3, MapRunArn: "arn:mr"}},
	{"activity", Event{ID: 6, Type: ActivityStarted, Worker: "wörker ✓"}},
	{"evaluation failed", Event{ID: 7, Type: EvaluationFailed, Location: "Items", State: "s", Error: "e", HasError: true}},
	{"pre-epoch", Event{ID: 1 << 62, PreviousID: -1, Timestamp: time.Date(1900, 1, 1, 0, 0, 0, 1, time.UTC)}},
	{"far future", Event{Timestamp: time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC)}},
	{"last type", Event{Type: typeCount - 1}},
	{"deep payload", Event{Input: value.MustParse(strings.Repeat("[", 500) + strings.Repeat("]", 500))}},
	{"escapes", Event{Input: "a\"b\\c\u0001\u2028é", Name: "\x00"}},
	{"big", Event{Input: strings.Repeat("x", 5000), Name: "n", Cause: "c"}},
}

func TestCodecRoundTrip(t *testing.T) {
	for _, tc := range codecEvents {
		t.Run(tc.name, func(t *testing.T) {
			data, err := tc.e.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			var got Event
			if err := got.UnmarshalBinary(data); err != nil {
				t.Fatalf("UnmarshalBinary: %v", err)
			}
			assertSameEvent(t, &tc.e, &got)
		})
	}
}

// assertSameEvent compares every field; payloads by their JSON text, so
// that key order and number text count.
func assertSameEvent(t *testing.T, want, got *Event) {
	t.Helper()
	if !want.Timestamp.Equal(got.Timestamp) {
		t.Errorf("Timestamp = %v, want %v", got.Timestamp, want.Timestamp)
	}
	for _, p := range [][2]value.Value{{want.Input, got.Input}, {want.Output, got.Output},
		{want.Parameters, got.Parameters}, {want.Credentials, got.Credentials}} {
		if value.String(p[0]) != value.String(p[1]) {
			t.Errorf("payload = %s, want %s", value.String(p[1]), value.String(p[0]))
		}
	}
	if len(want.Vars) != len(got.Vars) || (want.Vars == nil) != (got.Vars == nil) {
		t.Fatalf("Vars = %#v, want %#v", got.Vars, want.Vars)
	}
	for i := range want.Vars {
		if want.Vars[i].Name != got.Vars[i].Name || value.String(want.Vars[i].Value) != value.String(got.Vars[i].Value) {
			t.Errorf("Vars[%d] = %#v, want %#v", i, got.Vars[i], want.Vars[i])
		}
	}
	w, g := *want, *got
	for _, e := range []*Event{&w, &g} {
		e.Timestamp, e.Input, e.Output, e.Parameters, e.Credentials, e.Vars = time.Time{}, nil, nil, nil, nil, nil
	}
	if !reflect.DeepEqual(w, g) {
		t.Errorf("got  %+v\nwant %+v", g, w)
	}
}

func TestCodecTimestampUTC(t *testing.T) {
	loc := time.FixedZone("X", 3600)
	e := Event{Timestamp: time.Date(2024, 1, 1, 1, 0, 0, 5, loc)}
	data, _ := e.MarshalBinary()
	var got Event
	if err := got.UnmarshalBinary(data); err != nil {
		t.Fatal(err)
	}
	if !got.Timestamp.Equal(e.Timestamp) || got.Timestamp.Location() != time.UTC {
		t.Errorf("Timestamp = %v, want %v in UTC", got.Timestamp, e.Timestamp)
	}
}

func TestCodecMarshalErrors(t *testing.T) {
	tests := []struct {
		name string
		e    Event
	}{
		{"go int", Event{Input: 1}},
		{"go map", Event{Output: map[string]any{}}},
		{"nested", Event{Parameters: value.NewObject([]value.Member{{Key: "a", Value: []value.Value{int8(1)}}})}},
		{"bad number", Event{Credentials: value.Number("1.")}},
		{"empty number", Event{Input: value.Number("")}},
		{"number with space", Event{Input: value.Number("1 ")}},
		{"var", Event{Vars: []Var{{"v", struct{}{}}}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := tc.e.MarshalBinary(); err == nil {
				t.Error("MarshalBinary succeeded, want an error")
			}
		})
	}
}

func TestIsNumber(t *testing.T) {
	for s, want := range map[string]bool{
		"0": true, "-0": true, "12": true, "1.5": true, "1e5": true, "1E+5": true, "-1.25e-7": true,
		"": false, "-": false, "01": false, "1.": false, ".5": false, "1e": false, "1e+": false,
		"+1": false, "0x1": false, "1 ": false, "NaN": false,
	} {
		if got := isNumber(s); got != want {
			t.Errorf("isNumber(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestCodecNilObject(t *testing.T) {
	e := Event{Input: (*value.Object)(nil)}
	data, err := e.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var got Event
	if err := got.UnmarshalBinary(data); err != nil || value.String(got.Input) != "{}" {
		t.Errorf("got %v, %v; want {}", value.String(got.Input), err)
	}
}

func TestCodecUnmarshalErrors(t *testing.T) {
	good, _ := codecEvents[1].e.MarshalBinary()
	tests := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"version 0", []byte{0, 0}},
		{"version 2", []byte{2, 0}},
		{"no mask", []byte{codecVersion}},
		{"bad varint", []byte{codecVersion, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}},
		{"unknown bit", append([]byte{codecVersion}, uvarint(bitEnd)...)},
		{"missing id", append([]byte{codecVersion}, uvarint(bitID)...)},
		{"bad type", []byte{codecVersion, byte(bitType), byte(typeCount)}},
		{"bad nanos", append(append([]byte{codecVersion}, uvarint(bitTimestamp)...), append([]byte{2}, uvarint(1e9)...)...)},
		{"string too long", append(append([]byte{codecVersion}, uvarint(bitName)...), 5, 'a')},
		{"bad payload", append(append([]byte{codecVersion}, uvarint(bitInput)...), 2, '{', '{')},
		{"empty payload", append(append([]byte{codecVersion}, uvarint(bitInput)...), 0)},
		{"huge vars", append(append([]byte{codecVersion}, uvarint(bitVars)...), uvarint(1<<60)...)},
		{"trailing", append(good[:len(good):len(good)], 0)},
		{"truncated", good[:len(good)-1]},
		{"index overflow", append(append([]byte{codecVersion}, uvarint(bitIndex)...), 0x80)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var e Event
			if err := e.UnmarshalBinary(tc.data); !errors.Is(err, ErrCorrupt) {
				t.Errorf("UnmarshalBinary(%x) = %v, want ErrCorrupt", tc.data, err)
			}
		})
	}
}

func uvarint(u uint64) []byte {
	var b []byte
	for u >= 0x80 {
		b = append(b, byte(u)|0x80)
		u >>= 7
	}
	return append(b, byte(u))
}

func TestCodecTruncatedEverywhere(t *testing.T) {
	for _, tc := range codecEvents {
		data, _ := tc.e.MarshalBinary()
		for n := range len(data) {
			var e Event
			if err := e.UnmarshalBinary(data[:n]); err == nil {
				t.Errorf("%s: UnmarshalBinary of %d/%d bytes succeeded", tc.name, n, len(data))
			}
		}
	}
}

func TestCodecDoesNotAlias(t *testing.T) {
	e := Event{Name: "name", Input: "in", Vars: []Var{{"v", "x"}}}
	data, _ := e.MarshalBinary()
	var got Event
	if err := got.UnmarshalBinary(data); err != nil {
		t.Fatal(err)
	}
	for i := range data {
		data[i] = 0
	}
	if got.Name != "name" || got.Input != "in" || got.Vars[0].Name != "v" {
		t.Errorf("decoded event changed with its buffer: %+v", got)
	}
}

func TestAppendDecodeEvents(t *testing.T) {
	tests := [][]Event{nil, {{ID: 1}}, {}}
	var all []Event
	for _, tc := range codecEvents {
		all = append(all, tc.e)
	}
	tests = append(tests, all)
	for _, events := range tests {
		data, err := AppendEvents([]byte("prefix"), events)
		if err != nil {
			t.Fatal(err)
		}
		got, err := DecodeEvents(bytes.TrimPrefix(data, []byte("prefix")))
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(events) {
			t.Fatalf("DecodeEvents returned %d events, want %d", len(got), len(events))
		}
		for i := range events {
			assertSameEvent(t, &events[i], &got[i])
		}
	}
}

func TestDecodeEventsErrors(t *testing.T) {
	two, _ := AppendEvents(nil, []Event{{ID: 1}, {ID: 2}})
	for name, data := range map[string][]byte{
		"empty":     nil,
		"huge":      uvarint(1 << 40),
		"truncated": two[:len(two)-1],
		"trailing":  append(two[:len(two):len(two)], 1),
		"bad event": {1, 9, 9},
	} {
		if _, err := DecodeEvents(data); !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: DecodeEvents = %v, want ErrCorrupt", name, err)
		}
	}
	if _, err := AppendEvents(nil, []Event{{}, {Input: 1}}); err == nil {
		t.Error("AppendEvents of a bad payload succeeded")
	}
}

func FuzzUnmarshalBinary(f *testing.F) {
	for _, tc := range codecEvents {
		data, _ := tc.e.MarshalBinary()
		f.Add(data)
	}
	f.Add([]byte{})
	f.Add([]byte{codecVersion, 0xff, 0xff, 0xff, 0x0f})
	f.Fuzz(func(t *testing.T, data []byte) {
		var e Event
		if err := e.UnmarshalBinary(data); err != nil {
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("error %v is not ErrCorrupt", err)
			}
			return
		}
		again, err := e.MarshalBinary()
		if err != nil {
			t.Fatalf("re-encoding a decoded event: %v", err)
		}
		var e2 Event
		if err := e2.UnmarshalBinary(again); err != nil {
			t.Fatalf("decoding a re-encoded event: %v", err)
		}
		assertSameEvent(t, &e, &e2)
		_, _ = DecodeEvents(data)
	})
}

// typicalEvent is a state-exited event with a small payload and a variable.
var typicalEvent = Event{ID: 12, PreviousID: 11, Timestamp: stamp, Type: TaskStateExited, Name: "Process order",
	HasOutput: true, Output: value.MustParse(`{"orderId":"o-123","total":42.50,"items":[{"sku":"A1","qty":2}],"ok":true}`),
	Vars: []Var{{"attempt", value.Number("1")}}}

func BenchmarkEventMarshalBinary(b *testing.B) {
	buf := make([]byte, 0, 256)
	b.ReportAllocs()
	for b.Loop() {
		var err error
		if buf, err = typicalEvent.AppendBinary(buf[:0]); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(len(buf)))
}

func BenchmarkEventUnmarshalBinary(b *testing.B) {
	data, _ := typicalEvent.MarshalBinary()
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		var e Event
		if err := e.UnmarshalBinary(data); err != nil {
			b.Fatal(err)
		}
	}
}

// TestCodecEveryField sets each field of Event alone and round-trips it, so
// that a field added to Event but not to the codec fails here.
func TestCodecEveryField(t *testing.T) {
	typ := reflect.TypeFor[Event]()
	for i := range typ.NumField() {
		f := typ.Field(i)
		t.Run(f.Name, func(t *testing.T) {
			var e Event
			setSample(t, reflect.ValueOf(&e).Elem().Field(i))
			data, err := e.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			var got Event
			if err := got.UnmarshalBinary(data); err != nil {
				t.Fatal(err)
			}
			if reflect.ValueOf(got).Field(i).IsZero() {
				t.Fatalf("field %s did not survive the codec", f.Name)
			}
			assertSameEvent(t, &e, &got)
		})
	}
}

func setSample(t *testing.T, v reflect.Value) {
	switch v.Interface().(type) {
	case time.Time:
		v.Set(reflect.ValueOf(stamp))
	case []Var:
		v.Set(reflect.ValueOf([]Var{{"v", value.Number("1")}}))
	case Type:
		v.Set(reflect.ValueOf(TaskScheduled))
	default:
		switch v.Kind() {
		case reflect.Int64, reflect.Int:
			v.SetInt(-42)
		case reflect.String:
			v.SetString("sample")
		case reflect.Bool:
			v.SetBool(true)
		case reflect.Interface:
			v.Set(reflect.ValueOf(value.MustParse(`{"z":1.0,"a":null}`)))
		default:
			t.Fatalf("no sample for a %s field", v.Type())
		}
	}
}
