package jsonata

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stepwisehq/stepwise/value"
)

func TestFormatNumberJS(t *testing.T) {
	t.Parallel()
	tests := []struct {
		f    float64
		want string
	}{
		{0, "0"}, {math.Copysign(0, -1), "0"}, {1, "1"}, {-1, "-1"}, {0.1, "0.1"},
		{1e21, "1e+21"}, {1e20, "100000000000000000000"}, {1.5e-7, "1.5e-7"},
		{0.000001, "0.000001"}, {123456789.123, "123456789.123"}, {math.NaN(), "NaN"},
		{math.Inf(1), "Infinity"}, {math.Inf(-1), "-Infinity"}, {5e-324, "5e-324"},
		{1.7976931348623157e308, "1.7976931348623157e+308"}, {tenth + fifth, "0.30000000000000004"},
	}
	for _, tt := range tests {
		if got := formatNumberJS(tt.f); got != tt.want {
			t.Errorf("formatNumberJS(%v) = %q, want %q", tt.f, got, tt.want)
		}
	}
}

// tenth and fifth are variables so that tenth+fifth is computed in float64
// (constant expressions are exact in Go).
var tenth, fifth = 0.1, 0.2

func TestPrecision15(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want float64 }{
		{tenth + fifth, 0.3}, {1.0 / 3, 0.333333333333333}, {2, 2}, {1e21, 1e21},
		{123456.7890123456789, 123456.789012346}, {-tenth - fifth, -0.3},
	}
	for _, tt := range tests {
		if got := precision15(tt.in); got != tt.want {
			t.Errorf("precision15(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
	if !math.IsNaN(precision15(math.NaN())) {
		t.Error("precision15(NaN)")
	}
}

func TestStringify(t *testing.T) {
	t.Parallel()
	obj := value.MustParse(`{"a": [1, "x", null, true], "b": {}, "c": [], "d": {"e": 1.50}}`)
	tests := []struct {
		v                any
		pretty, replacer bool
		want             string
	}{
		{obj, false, false, `{"a":[1,"x",null,true],"b":{},"c":[],"d":{"e":1.5}}`},
		{obj, true, false, "{\n  \"a\": [\n    1,\n    \"x\",\n    null,\n    true\n  ],\n  \"b\": {},\n  \"c\": [],\n  \"d\": {\n    \"e\": 1.5\n  }\n}"},
		{"a\"b\\c\n\t\x01\x1f", false, false, `"a\"b\\c\n\t\u0001\u001f"`},
		{"é😀\u2028", false, false, "\"é😀\u2028\""},
		{string([]byte{0xED, 0xA0, 0x80}), false, false, `"\ud800"`},
		{tenth + fifth, false, true, "0.3"},
		{tenth + fifth, false, false, "0.30000000000000004"},
		{math.NaN(), false, false, "null"},
		{math.Inf(1), false, true, "null"},
		{&array{items: []any{undefined, builtins["sum"], 1.0}}, false, false, "[null,null,1]"},
		{&array{items: []any{undefined, builtins["sum"], 1.0}}, false, true, `[null,"",1]`},
		{objectOf("a", undefined, "f", builtins["sum"], "n", 2.0), false, false, `{"n":2}`},
		{objectOf("a", undefined, "f", builtins["sum"], "n", 2.0), false, true, `{"f":"","n":2}`},
		{objectOf(), true, false, "{}"},
		{&array{}, true, false, "[]"},
		{value.Number("1.0"), false, false, "1"},
		{value.Number("12345678901234567890"), false, false, "12345678901234567000"},
		{nil, false, false, "null"},
		{false, false, false, "false"},
	}
	for _, tt := range tests {
		got, err := stringify(tt.v, tt.pretty, tt.replacer)
		if err != nil || got != tt.want {
			t.Errorf("stringify(%v, %v, %v) = %q, %v; want %q", tt.v, tt.pretty, tt.replacer, got, err, tt.want)
		}
	}
}

// objectOf builds a run-time object from key, value pairs.
func objectOf(kv ...any) *object {
	o := newObject(len(kv) / 2)
	for i := 0; i+1 < len(kv); i += 2 {
		o.set(kv[i].(string), kv[i+1])
	}
	return o
}

func TestTruthy(t *testing.T) {
	t.Parallel()
	tests := []struct {
		v    any
		want bool
	}{
		{undefined, false}, {nil, false}, {true, true}, {false, false}, {"", false}, {"0", true},
		{0.0, false}, {math.NaN(), false}, {-1.0, true}, {value.Number("0"), false},
		{value.Number("0.5"), true}, {[]any{}, false}, {[]any{0.0}, false}, {[]any{0.0, 1.0}, true},
		{[]any{[]any{}}, false}, {[]any{[]any{true}}, true}, {&array{items: []any{false, false}}, false},
		{value.NewObject(nil), false}, {value.MustParse(`{"a":0}`), true}, {objectOf(), false},
		{objectOf("a", 1.0), true}, {builtins["sum"], false}, {&lambdaFn{}, false},
	}
	for _, tt := range tests {
		if got := truthy(tt.v); got != tt.want {
			t.Errorf("truthy(%#v) = %v, want %v", tt.v, got, tt.want)
		}
	}
}

func TestDeepEqual(t *testing.T) {
	t.Parallel()
	sum := builtins["sum"]
	tests := []struct {
		a, b any
		want bool
	}{
		{1.0, value.Number("1.0"), true}, {value.Number("1e2"), 100.0, true}, {1.0, "1", false},
		{"a", "a", true}, {nil, nil, true}, {nil, false, false}, {true, true, true},
		{undefined, undefined, true}, {undefined, nil, false},
		{[]any{1.0, "x"}, &array{items: []any{value.Number("1"), "x"}}, true},
		{[]any{1.0}, []any{1.0, 2.0}, false}, {[]any{}, value.NewObject(nil), false},
		{value.MustParse(`{"a":1,"b":[2]}`), objectOf("b", []any{2.0}, "a", 1.0), true},
		{value.MustParse(`{"a":1}`), objectOf("a", 2.0), false},
		{value.MustParse(`{"a":1}`), objectOf("a", 1.0, "b", 2.0), false},
		{sum, sum, true}, {sum, builtins["count"], false}, {sum, 1.0, false},
	}
	for _, tt := range tests {
		if got := deepEqual(tt.a, tt.b); got != tt.want {
			t.Errorf("deepEqual(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestStrictEqual(t *testing.T) {
	t.Parallel()
	xs := []any{1.0}
	o := value.MustParse(`{"a":1}`)
	a := &array{items: []any{1.0}}
	tests := []struct {
		a, b any
		want bool
	}{
		{1.0, value.Number("1"), true}, {"a", "a", true}, {nil, nil, true}, {true, false, false},
		{xs, xs, true}, {xs, []any{1.0}, false}, {[]any{}, []any{}, true}, {o, o, true},
		{o, value.MustParse(`{"a":1}`), false}, {a, a, true}, {a, &array{items: []any{1.0}}, false},
		{objectOf(), objectOf(), false},
	}
	for _, tt := range tests {
		if got := strictEqual(tt.a, tt.b); got != tt.want {
			t.Errorf("strictEqual(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestTypeSymbols(t *testing.T) {
	t.Parallel()
	tests := []struct {
		v          any
		sym        byte
		name, kind string
	}{
		{undefined, 'm', "", ""}, {nil, 'l', "null", ""}, {true, 'b', "boolean", ""},
		{1.0, 'n', "number", ""}, {value.Number("2"), 'n', "number", ""}, {"s", 's', "string", ""},
		{[]any{}, 'a', "array", ""}, {&array{}, 'a', "array", ""}, {value.NewObject(nil), 'o', "object", ""},
		{objectOf(), 'o', "object", ""}, {builtins["sum"], 'f', "function", ""},
		{&regexFn{}, 'f', "function", ""}, {&partialFn{}, 'f', "function", ""},
		{&chainFn{}, 'f', "function", ""}, {&transformFn{}, 'f', "function", ""},
	}
	for _, tt := range tests {
		if typeSymbol(tt.v) != tt.sym || typeName(tt.v) != tt.name {
			t.Errorf("%#v: symbol %c name %q", tt.v, typeSymbol(tt.v), typeName(tt.v))
		}
	}
}

func TestUTF16Offsets(t *testing.T) {
	t.Parallel()
	s := "aé😀b" + string([]byte{0xED, 0xA0, 0x80}) + "c"
	if n := utf16Len(s); n != 7 {
		t.Errorf("utf16Len = %d, want 7", n)
	}
	wantBytes := []int{0, 1, 3, 7, 7, 8, 11, 12} // an offset inside a pair rounds up
	for units, want := range wantBytes {
		if got := utf16ToByte(s, units); got != want {
			t.Errorf("utf16ToByte(%d) = %d, want %d", units, got, want)
		}
	}
	if got := utf16ToByte(s, 100); got != len(s) {
		t.Errorf("past the end: %d", got)
	}
	if cs := codePoints(s); len(cs) != 6 || cs[2] != "😀" || charCount(s) != 6 {
		t.Errorf("codePoints = %q", cs)
	}
	u := toU16(s)
	if u.String() != s || len(u) != 7 {
		t.Errorf("u16 round trip: %q (%d units)", u.String(), len(u))
	}
}

func TestU16(t *testing.T) {
	t.Parallel()
	s := toU16("a,b,,c")
	tests := []struct{ got, want int }{
		{s.index(toU16(",")), 1}, {s.lastIndex(toU16(",")), 4}, {s.indexFrom(toU16(","), 2), 3},
		{s.index(toU16(",,")), 3}, {s.index(toU16("x")), -1}, {s.indexFrom(toU16("a"), -5), 0},
		{s.lastIndex(toU16("")), 6},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("case %d: %d, want %d", i, tt.got, tt.want)
		}
	}
	if s.sub(4, 2).String() != "b," || s.sub(-1, 100).String() != "a,b,,c" {
		t.Error("sub")
	}
	if s.insert(-1, toU16("X")).String() != "a,b,,Xc" || s.insert(99, toU16("X")).String() != "a,b,,cX" {
		t.Error("insert")
	}
	if s.charAt(-1) != nil || s.charAt(6) != nil || s.charAt(0).String() != "a" {
		t.Error("charAt")
	}
	if !toU16("ab").equal(toU16("ab")) || toU16("ab").equal(toU16("a")) || !s.has(toU16("b,")) {
		t.Error("equal/has")
	}
	if repeatU16(toU16("ab"), 3).String() != "ababab" {
		t.Error("repeatU16")
	}
}

func TestURIEncoding(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, keep, want string
		ok             bool
	}{
		{"a b", uriUnreservedComponent, "a%20b", true},
		{"-_.!~*'()", uriUnreservedComponent, "-_.!~*'()", true},
		{";/?:@&=+$,#", uriUnreservedComponent, "%3B%2F%3F%3A%40%26%3D%2B%24%2C%23", true},
		{";/?:@&=+$,#", uriUnreservedFull, ";/?:@&=+$,#", true},
		{"é😀", uriUnreservedFull, "%C3%A9%F0%9F%98%80", true},
		{string([]byte{0xED, 0xA0, 0x80}), uriUnreservedFull, "", false},
		{string([]byte{0xFF}), uriUnreservedFull, "", false},
	}
	for _, tt := range tests {
		got, ok := encodeURI(tt.in, tt.keep)
		if got != tt.want || ok != tt.ok {
			t.Errorf("encodeURI(%q) = %q, %v", tt.in, got, ok)
		}
	}
	decodes := []struct {
		in, reserved, want string
		ok                 bool
	}{
		{"a%20b", "", "a b", true}, {"%2F%3f", "", "/?", true}, {"%2F%3f", uriReserved, "%2F%3f", true},
		{"%C3%A9", "", "é", true}, {"%F0%9F%98%80", "", "😀", true}, {"%", "", "", false},
		{"%2", "", "", false}, {"%ZZ", "", "", false}, {"%C3", "", "", false}, {"%C3%28", "", "", false},
		{"%FF", "", "", false}, {"%E0%A4%A", "", "", false}, {"%ED%A0%80", "", "", false}, {"plain", "", "plain", true},
	}
	for _, tt := range decodes {
		got, ok := decodeURI(tt.in, tt.reserved)
		if got != tt.want || ok != tt.ok {
			t.Errorf("decodeURI(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestBase64(t *testing.T) {
	t.Parallel()
	enc := []struct{ in, want string }{
		{"", ""}, {"a", "YQ=="}, {"ab", "YWI="}, {"abc", "YWJj"}, {"é", "6Q=="}, {"ÿ", "/w=="},
	}
	for _, tt := range enc {
		if got := base64Encode(tt.in); got != tt.want {
			t.Errorf("base64Encode(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	dec := []struct{ in, want string }{
		{"YQ==", "a"}, {"YQ", "a"}, {"YWJj", "abc"}, {"Y W J j", "abc"}, {"6Q==", "é"},
		{"-_8", "ûÿ"}, {"YQ==YQ==", "a"}, {"Y", ""}, {"", ""}, {"!!!", ""},
	}
	for _, tt := range dec {
		if got := base64Decode(tt.in); got != tt.want {
			t.Errorf("base64Decode(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNumberHelpers(t *testing.T) {
	t.Parallel()
	rounds := []struct{ v, p, want float64 }{
		{2.5, 0, 2}, {3.5, 0, 4}, {-2.5, 0, -2}, {0.5, 0, 0}, {-0.5, 0, 0}, {1.005, 2, 1},
		{2.675, 2, 2.68}, {1250, -2, 1200}, {1350, -2, 1400}, {0.49999999999999994, 0, 0},
		{1e300, 2, 1e300}, {123.456, 1, 123.5},
	}
	for _, tt := range rounds {
		if got := roundHalfEven(tt.v, tt.p); got != tt.want {
			t.Errorf("roundHalfEven(%v, %v) = %v, want %v", tt.v, tt.p, got, tt.want)
		}
	}
	if got := roundHalfEven(-0.4, 0); math.Signbit(got) {
		t.Error("round gives -0")
	}
	pows := []struct{ x, y, want float64 }{
		{2, 10, 1024}, {4.8, 3, 110.59199999999998}, {10, -2, 0.01}, {2, 0.5, math.Sqrt2},
		{1, math.Inf(1), math.NaN()}, {0, 0, 1}, {-2, 3, -8},
	}
	for _, tt := range pows {
		got := jsPow(tt.x, tt.y)
		if got != tt.want && !(math.IsNaN(got) && math.IsNaN(tt.want)) {
			t.Errorf("jsPow(%v, %v) = %v, want %v", tt.x, tt.y, got, tt.want)
		}
	}
	radix := []struct {
		v    float64
		base int
		want string
	}{{255, 16, "ff"}, {-255, 2, "-11111111"}, {0, 36, "0"}, {1e20, 16, "56bc75e2d63100000"}, {math.NaN(), 10, "NaN"}}
	for _, tt := range radix {
		if got := formatRadix(tt.v, tt.base); got != tt.want {
			t.Errorf("formatRadix(%v, %d) = %q, want %q", tt.v, tt.base, got, tt.want)
		}
	}
}

func TestJSParseInt(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want float64
	}{{"12", 12}, {"  12abc", 12}, {"-7", -7}, {"+3", 3}, {"1.9", 1}, {"0012", 12}}
	for _, tt := range tests {
		if got := jsParseInt(tt.in); got != tt.want {
			t.Errorf("jsParseInt(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
	for _, in := range []string{"", "abc", "-", " "} {
		if f, _ := jsParseInt(in).(float64); !math.IsNaN(f) {
			t.Errorf("jsParseInt(%q) = %v, want NaN", in, f)
		}
	}
}

func TestIntegerWordsRoundTrip(t *testing.T) {
	t.Parallel()
	roman := romanMatcher(true)
	letters := lettersMatcher(false)
	for v := 1.0; v <= 3000; v++ {
		words := numberToWords(v, false)
		if got := wordsToNumber(strings.ToLower(words)); got != v {
			t.Fatalf("words %d: %q parses as %v", int(v), words, got)
		}
		if got := roman.parse(strings.ToUpper(toRoman(v))); got != v {
			t.Fatalf("roman %d: %q parses as %v", int(v), toRoman(v), got)
		}
		if got := letters.parse(toLetters(v, false)); got != v {
			t.Fatalf("letters %d: %q parses as %v", int(v), toLetters(v, false), got)
		}
	}
	ordinals := map[float64]string{1: "First", 12: "Twelfth", 20: "Twentieth", 21: "Twenty-First",
		100: "One Hundredth", 101: "One Hundred and First", 1000: "One Thousandth"}
	for v, want := range ordinals {
		if got := numberToWords(v, true); got != want {
			t.Errorf("ordinal %v = %q, want %q", v, got, want)
		}
	}
}

func TestWeekNumbersAgreeWithISO(t *testing.T) {
	t.Parallel()
	start := time.Date(1999, 12, 20, 0, 0, 0, 0, time.UTC)
	for d := 0; d < 366*12; d++ {
		day := start.AddDate(0, 0, d)
		year, week := day.ISOWeek()
		if got := isoWeekYear(day); got != year {
			t.Fatalf("%s: week year %d, want %d", day.Format("2006-01-02"), got, year)
		}
		if got := weekInYear(day); got != week {
			t.Fatalf("%s: week %d, want %d", day.Format("2006-01-02"), got, week)
		}
	}
}

func TestParseISO(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want float64
	}{
		{"1970-01-01", 0}, {"1970", 0}, {"1970-02", 2678400000}, {"2018-02-01T09:42:13Z", 1517478133000},
		{"2018-02-01T09:42:13.5Z", 1517478133500}, {"2018-02-01T09:42:13.123456Z", 1517478133123},
		{"2018-02-01T09:42:13+01:00", 1517474533000}, {"2018-02-01T09:42:13-0130", 1517483533000},
		{"2018-02-30", 1519948800000}, {"2018-02-01T24:00:00", 1517529600000}, {"0000-01-01", -62167219200000},
	}
	for _, tt := range tests {
		if got := parseISO(tt.in); got != tt.want {
			t.Errorf("parseISO(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
	for _, in := range []string{"2018-13-01", "2018-00-01", "2018-01-00", "2018-01-32", "2018-01-01T25:00:00",
		"2018-01-01T24:00:01", "2018-01-01.5", "2018-01-01T10:00:00+25:00", "x"} {
		if got := parseISO(in); !math.IsNaN(got) {
			t.Errorf("parseISO(%q) = %v, want NaN", in, got)
		}
	}
}

func TestObjectOperations(t *testing.T) {
	t.Parallel()
	o := newObject(0)
	for i := 0; i < 20; i++ {
		o.set(string(rune('a'+i)), float64(i))
	}
	o.set("c", 100.0)
	o.del("b")
	o.del("missing")
	if len(o.keys) != 19 || o.keys[1] != "c" || o.index == nil {
		t.Fatalf("keys %v", o.keys)
	}
	if v, ok := o.get("c"); !ok || v != 100.0 {
		t.Errorf("get c = %v", v)
	}
	if v, ok := o.get("t"); !ok || v != 19.0 {
		t.Errorf("get t = %v after a delete", v)
	}
	if _, ok := o.get("b"); ok {
		t.Error("b was deleted")
	}
	if objLen(o) != 19 || len(objKeys(o)) != 19 || objLen(undefined) != 0 {
		t.Error("objLen/objKeys")
	}
	if _, ok := objGet("not an object", "x"); ok {
		t.Error("objGet on a string")
	}
}

func TestAppendValues(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a, b any
		want string
	}{
		{undefined, undefined, "undefined"}, {1.0, undefined, "1"}, {undefined, "x", `"x"`},
		{1.0, 2.0, "[1,2]"}, {[]any{1.0}, []any{2.0, 3.0}, "[1,2,3]"}, {[]any{1.0}, []any{[]any{2.0}}, "[1,[2]]"},
		{seqOf(1.0), 2.0, "[1,2]"},
	}
	for _, tt := range tests {
		got := appendValues(tt.a, tt.b)
		desc := "undefined"
		if got != undefined {
			desc, _ = stringify(got, false, false)
		}
		if desc != tt.want {
			t.Errorf("appendValues(%v, %v) = %s, want %s", tt.a, tt.b, desc, tt.want)
		}
		if a, ok := got.(*array); ok && a.seq {
			t.Errorf("appendValues makes a plain array, not a sequence")
		}
	}
}

func TestMergeSortIsStable(t *testing.T) {
	t.Parallel()
	type pair struct{ key, seq int }
	var xs []any
	for i := 0; i < 200; i++ {
		xs = append(xs, pair{key: (i * 7) % 5, seq: i})
	}
	sorted, err := mergeSort(xs, func(a, b any) (bool, error) { return a.(pair).key > b.(pair).key, nil })
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(sorted); i++ {
		a, b := sorted[i-1].(pair), sorted[i].(pair)
		if a.key > b.key || (a.key == b.key && a.seq > b.seq) {
			t.Fatalf("not sorted stably at %d: %v %v", i, a, b)
		}
	}
}

func TestCompareUTF16(t *testing.T) {
	t.Parallel()
	// U+FF5E sorts after U+1F600 in UTF-16 (surrogates are 0xD83D) but before it by code point
	if !lessUTF16("😀", "～") || lessUTF16("～", "😀") {
		t.Error("strings order by UTF-16 code units")
	}
	if !lessUTF16("a", "ab") || lessUTF16("b", "a") || lessUTF16("a", "a") {
		t.Error("basic order")
	}
}

func TestParseNumberFastPath(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 200000; i++ {
		var s string
		switch i % 4 {
		case 0:
			s = fmt.Sprintf("%d.%d", r.IntN(100000), r.IntN(1000000))
		case 1:
			s = strconv.FormatFloat(r.Float64()*1e6, 'f', r.IntN(9), 64)
		case 2:
			s = fmt.Sprintf("-%d", r.Int64N(1e15))
		default:
			s = fmt.Sprintf("0.%014d", r.Int64N(1e14))
		}
		want, _ := strconv.ParseFloat(s, 64)
		if got := parseNumber(value.Number(s)); got != want {
			t.Fatalf("%s: %v, want %v", s, got, want)
		}
	}
	for _, s := range []string{"1e3", "-", ".5", "5.", "1.2.3", "1234567890123456", "0x10", "1_000"} {
		if _, ok := parseSimpleDecimal(s); ok {
			t.Errorf("parseSimpleDecimal(%q) should leave it to strconv", s)
		}
	}
}
