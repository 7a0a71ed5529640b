package value

import (
	"encoding/json"
	"math"
	"math/big"
	"strings"
	"testing"
	"time"
)

func TestAppendRoundTrip(t *testing.T) {
	t.Parallel()
	docs := []string{
		`null`, `true`, `0`, `-0`, `1.50`, `1E3`, `1e-7`, `-12.000`, `"x"`,
		`[]`, `{}`, `[[],[{}]]`,
		`{"z":1,"a":2,"m":3}`,
		`{"b":[1,2.0,3e0],"a":{"y":null,"x":false}}`,
		`{"k":"\"quoted\" \\ back\\slash","e":"é/<>&` + "\u2028\u2029" + `😀"}`,
		`{"ctl":"\u0000\u001F\b\f\n\r\t","del":"` + "\x7f" + `"}`,
	}
	for _, doc := range docs {
		v := MustParse(doc)
		if got := String(v); got != doc {
			t.Errorf("round trip of %s = %s", doc, got)
		}
		prefix := []byte("prefix:")
		if got := string(Append(prefix, v)); got != "prefix:"+doc {
			t.Errorf("Append to a prefix = %s", got)
		}
	}
}

func TestAppendStringEscaping(t *testing.T) {
	t.Parallel()
	// Like Jackson: quote, backslash and control characters only, with
	// upper-case hex; '/', HTML characters, U+2028/9, DEL and non-ASCII as
	// they are.
	tests := []struct{ in, want string }{
		{``, `""`},
		{`plain`, `"plain"`},
		{`"`, `"\""`},
		{`\`, `"\\"`},
		{"/", `"/"`},
		{"<script>&amp;</script>", `"<script>&amp;</script>"`},
		{"\u2028\u2029", "\"\u2028\u2029\""},
		{"\x7f", "\"\x7f\""},
		{"é中😀", `"é中😀"`},
		{"\n\r\t\b\f", `"\n\r\t\b\f"`},
		{"\x00\x01\x1a\x1f", `"\u0000\u0001\u001A\u001F"`},
		{"a\x00b\"c", `"a\u0000b\"c"`},
	}
	for _, tt := range tests {
		if got := string(AppendString(nil, tt.in)); got != tt.want {
			t.Errorf("AppendString(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestIndent(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{`1`, `1`},
		{`[]`, `[]`},
		{`{}`, `{}`},
		{`[1,"a"]`, "[\n  1,\n  \"a\"\n]"},
		{`{"b":{"c":[true,{}]},"a":null}`,
			"{\n  \"b\": {\n    \"c\": [\n      true,\n      {}\n    ]\n  },\n  \"a\": null\n}"},
	}
	for _, tt := range tests {
		if got := Indent(MustParse(tt.in)); got != tt.want {
			t.Errorf("Indent(%s) =\n%s\nwant\n%s", tt.in, got, tt.want)
		}
		if got := String(MustParse(Indent(MustParse(tt.in)))); got != tt.in {
			t.Errorf("Indent(%s) does not read back: %s", tt.in, got)
		}
	}
}

func TestAppendBuiltValues(t *testing.T) {
	t.Parallel()
	v := NewObject([]Member{
		{Key: "n", Value: Int(-42)},
		{Key: "list", Value: []Value{nil, true, "s", NewObject(nil)}},
		{Key: "nil object", Value: (*Object)(nil)},
	})
	if got, want := String(v), `{"n":-42,"list":[null,true,"s",{}],"nil object":{}}`; got != want {
		t.Errorf("String = %s, want %s", got, want)
	}
}

type stringer string

func (s stringer) String() string { return string(s) }

func TestFromGo(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   any
		want string
	}{
		{nil, `null`},
		{true, `true`},
		{"s", `"s"`},
		{Number("1.50"), `1.50`},
		{1.5, `1.5`},
		{float64(3), `3`},
		{1e21, `1e+21`},
		{1e-7, `1e-7`},
		{int(-7), `-7`},
		{int64(math.MaxInt64), `9223372036854775807`},
		{json.Number("12.50"), `12.50`},
		{big.NewInt(12345), `12345`},
		{stringer("2e3"), `2e3`},
		{[]any{1, "a", []any{}}, `[1,"a",[]]`},
		{map[string]any{"b": 1, "a": map[string]any{"d": nil, "c": 2.5}}, `{"a":{"c":2.5,"d":null},"b":1}`},
		{map[string]any{}, `{}`},
		{MustParse(`{"z":1,"y":2}`), `{"z":1,"y":2}`},
		{[]Value{MustParse(`{"k":[1]}`), Number("0")}, `[{"k":[1]},0]`},
	}
	for _, tt := range tests {
		v, err := FromGo(tt.in)
		if err != nil {
			t.Errorf("FromGo(%#v): %v", tt.in, err)
			continue
		}
		if got := String(v); got != tt.want {
			t.Errorf("FromGo(%#v) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestFromGoDecodedJSON(t *testing.T) {
	t.Parallel()
	var decoded any
	dec := json.NewDecoder(strings.NewReader(`{"b":[1.0,{"x":"y"}],"a":12345678901234567890}`))
	dec.UseNumber()
	if err := dec.Decode(&decoded); err != nil {
		t.Fatal(err)
	}
	v, err := FromGo(decoded)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := String(v), `{"a":12345678901234567890,"b":[1.0,{"x":"y"}]}`; got != want {
		t.Errorf("FromGo(decoded) = %s, want %s", got, want)
	}
}

func TestFromGoErrors(t *testing.T) {
	t.Parallel()
	tests := []any{
		math.NaN(),
		math.Inf(1),
		json.Number("abc"),
		stringer("not a number"),
		time.Second, // a Stringer whose text is not a number
		struct{}{},
		map[string]string{"a": "b"},
		[]any{1, struct{}{}},
		map[string]any{"a": []any{math.Inf(-1)}},
	}
	for _, in := range tests {
		if v, err := FromGo(in); err == nil {
			t.Errorf("FromGo(%#v) = %s, want an error", in, String(v))
		}
	}
}

func TestEncodedLen(t *testing.T) {
	t.Parallel()
	docs := []string{
		`null`, `true`, `false`, `-1.50e3`, `""`, `"é😀"`, `"\"\\\n\r\t\b\f"`, `"\u0000\u001f\u007f"`,
		`[]`, `[1]`, `[1,[2,[]]]`, `{}`, `{"a":1}`, `{"a\"b":{"c":[null,{}]},"d":"x"}`,
	}
	for _, doc := range docs {
		v := MustParse(doc)
		if got, want := EncodedLen(v), len(Append(nil, v)); got != want {
			t.Errorf("EncodedLen(%s) = %d, want %d", doc, got, want)
		}
	}
	if got := EncodedLen(NewObject(nil)); got != 2 {
		t.Errorf("EncodedLen(empty object) = %d", got)
	}
}
