package value

import (
	"errors"
	"strings"
	"testing"
)

func TestParseValid(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string // want: the compact text written back
		kind           Kind
	}{
		{"null", `null`, `null`, KindNull},
		{"true", ` true `, `true`, KindBool},
		{"false", "\t\r\nfalse\n", `false`, KindBool},
		{"zero", `0`, `0`, KindNumber},
		{"negative zero", `-0`, `-0`, KindNumber},
		{"fraction text kept", `1.50`, `1.50`, KindNumber},
		{"exponent text kept", `1E+3`, `1E+3`, KindNumber},
		{"negative exponent", `-2.5e-7`, `-2.5e-7`, KindNumber},
		{"big integer kept", `123456789012345678901234567890`, `123456789012345678901234567890`, KindNumber},
		{"huge exponent kept", `1e400`, `1e400`, KindNumber},
		{"string", `"hello"`, `"hello"`, KindString},
		{"empty string", `""`, `""`, KindString},
		{"escapes", `"\"\\\/\b\f\n\r\t"`, `"\"\\/\b\f\n\r\t"`, KindString},
		{"unicode escape", `"\u0041\u00e9\u4e2d"`, `"Aé中"`, KindString},
		{"surrogate pair", `"\ud83d\ude00"`, `"😀"`, KindString},
		{"uppercase hex", `"\uD83D\uDE00"`, `"😀"`, KindString},
		{"lone high surrogate", `"\ud800"`, "\"\uFFFD\"", KindString},
		{"high surrogate then letter", `"\ud800\u0041"`, "\"\uFFFDA\"", KindString},
		{"high surrogate then text", `"\ud800ab"`, "\"\uFFFDab\"", KindString},
		{"lone low surrogate", `"\udc00"`, "\"\uFFFD\"", KindString},
		{"reversed pair", `"\udc00\ud800"`, "\"\uFFFD\uFFFD\"", KindString},
		{"raw non-ASCII", `"é中😀"`, `"é中😀"`, KindString},
		{"invalid UTF-8 replaced", "\"a\xffb\"", "\"a\uFFFDb\"", KindString},
		{"invalid UTF-8 after escape", "\"\\n\xff\"", "\"\\n\uFFFD\"", KindString},
		{"DEL is not a control character", "\"\x7f\"", "\"\x7f\"", KindString},
		{"escaped control character", `"\u0001"`, `"\u0001"`, KindString},
		{"empty array", `[ ]`, `[]`, KindArray},
		{"array", `[1, "a", [true, null], {}]`, `[1,"a",[true,null],{}]`, KindArray},
		{"empty object", `{ }`, `{}`, KindObject},
		{"key order kept", `{"b":1,"a":2,"c":{"z":0,"y":1}}`, `{"b":1,"a":2,"c":{"z":0,"y":1}}`, KindObject},
		{"duplicate key: last wins at first place", `{"a":1,"b":2,"a":3}`, `{"a":3,"b":2}`, KindObject},
		{"escaped key", `{"a\"b":1,"\u00e9":2}`, `{"a\"b":1,"é":2}`, KindObject},
		{"white space everywhere", " { \"a\" : [ 1 , 2 ] , \"b\" : { } } ", `{"a":[1,2],"b":{}}`, KindObject},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			v, err := ParseString(tt.in)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			if got := String(v); got != tt.want {
				t.Errorf("Parse(%q) written back = %q, want %q", tt.in, got, tt.want)
			}
			if got := KindOf(v); got != tt.kind {
				t.Errorf("KindOf = %v, want %v", got, tt.kind)
			}
		})
	}
}

func TestParseInvalid(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in     string
		offset int
		msg    string
	}{
		{``, 0, "unexpected end of input, expected a value"},
		{`   `, 3, "unexpected end of input, expected a value"},
		{`{`, 1, "unexpected end of input, expected a string key"},
		{`{"a"`, 4, "unexpected end of input, expected ':'"},
		{`{"a":`, 5, "unexpected end of input, expected a value"},
		{`{"a":1`, 6, "unexpected end of input, expected ',' or '}'"},
		{`{"a" 1}`, 5, "unexpected character '1', expected ':'"},
		{`{"a":1,}`, 7, "unexpected character '}', expected a string key"},
		{`{a:1}`, 1, "unexpected character 'a', expected a string key"},
		{`{"a":1 "b":2}`, 7, `unexpected character '"', expected ',' or '}'`},
		{`[1,]`, 3, "unexpected character ']', expected a value"},
		{`[1 2]`, 3, "unexpected character '2', expected ',' or ']'"},
		{`[1`, 2, "unexpected end of input, expected ',' or ']'"},
		{`01`, 0, "leading zero in a number"},
		{`-01`, 0, "leading zero in a number"},
		{`[00]`, 1, "leading zero in a number"},
		{`-`, 1, "unexpected end of input in a number"},
		{`-a`, 1, "unexpected character 'a' in a number"},
		{`1.`, 2, "unexpected end of input after a decimal point"},
		{`1.e3`, 2, "unexpected character 'e' after a decimal point"},
		{`1e`, 2, "unexpected end of input in an exponent"},
		{`1e+`, 3, "unexpected end of input in an exponent"},
		{`.5`, 0, "unexpected character '.', expected a value"},
		{`+1`, 0, "unexpected character '+', expected a value"},
		{`tru`, 0, `unexpected character 't', expected "true"`},
		{`nul`, 0, `unexpected character 'n', expected "null"`},
		{`False`, 0, "unexpected character 'F', expected a value"},
		{`"abc`, 4, "unexpected end of input in a string"},
		{`"a\`, 3, "unexpected end of input in an escape"},
		{"\"a\x01\"", 2, `control character '\x01' in a string`},
		{"\"a\\n\n\"", 4, `control character '\n' in a string`},
		{`"\x"`, 2, `invalid escape '\x' in a string`},
		{`"\u12G4"`, 3, `invalid \u escape "12G4"`},
		{`"\u12`, 3, `unexpected end of input in a \u escape`},
		{`1 2`, 2, "unexpected character '2' after the value"},
		{`{} {}`, 3, "unexpected character '{' after the value"},
		{"\ufeff1", 0, "unexpected character '\\ufeff', expected a value"},
		{`NaN`, 0, "unexpected character 'N', expected a value"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			v, err := ParseString(tt.in)
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Parse(%q) = %v, %v; want a *SyntaxError", tt.in, v, err)
			}
			if se.Offset != tt.offset || se.Msg != tt.msg {
				t.Errorf("Parse(%q) error at %d %q, want at %d %q", tt.in, se.Offset, se.Msg, tt.offset, tt.msg)
			}
			if want := "invalid JSON at offset "; !strings.HasPrefix(err.Error(), want) {
				t.Errorf("Error() = %q", err.Error())
			}
		})
	}
}

func TestParseNestingBound(t *testing.T) {
	t.Parallel()
	// A value may sit inside at most maxDepth containers.
	nest := func(n int, open, inner, close string) string {
		return strings.Repeat(open, n) + inner + strings.Repeat(close, n)
	}
	tests := []struct {
		open, inner, close string
		deepest            int // containers around inner that still parse
	}{
		{"[", "0", "]", maxDepth},
		{`{"a":`, "0", "}", maxDepth},
		{`[{"a":`, `"x"`, "}]", maxDepth / 2},
		{"[", "", "]", maxDepth + 1}, // the innermost empty array holds no value
	}
	for _, tt := range tests {
		if _, err := ParseString(nest(tt.deepest, tt.open, tt.inner, tt.close)); err != nil {
			t.Errorf("%d x %s: %v", tt.deepest, tt.open, err)
		}
		_, err := ParseString(nest(tt.deepest+1, tt.open, tt.inner, tt.close))
		var se *SyntaxError
		if !errors.As(err, &se) || se.Msg != "nesting deeper than 10000" {
			t.Errorf("%d x %s: %v, want the nesting bound", tt.deepest+1, tt.open, err)
		}
	}
	// Far deeper input fails the same way, without exhausting the stack.
	if _, err := ParseString(strings.Repeat("[", 1_000_000)); err == nil {
		t.Error("a million open brackets parsed")
	}
}

func TestParseDuplicateKeysManyMembers(t *testing.T) {
	t.Parallel()
	// More members than indexAbove: duplicates are found through a map.
	var b strings.Builder
	b.WriteString("{")
	for i := range 20 {
		b.WriteString(`"k` + string(rune('a'+i)) + `":` + string(rune('0'+i%10)) + ",")
	}
	b.WriteString(`"kc":"last","kt":true}`)
	v := MustParse(b.String()).(*Object)
	if v.Len() != 20 {
		t.Fatalf("Len = %d, want 20", v.Len())
	}
	if got, _ := v.Get("kc"); got != "last" {
		t.Errorf("kc = %v, want the last value", got)
	}
	if keys := v.Keys(); keys[2] != "kc" || keys[19] != "kt" {
		t.Errorf("keys = %v: a repeated key moved", keys)
	}
	if got, _ := v.Get("kt"); got != true {
		t.Errorf("kt = %v", got)
	}
}

func TestParseBytesNotRetained(t *testing.T) {
	t.Parallel()
	data := []byte(`{"key":"value","n":12}`)
	v, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	for i := range data {
		data[i] = 'x'
	}
	if got := String(v); got != `{"key":"value","n":12}` {
		t.Errorf("value changed with its input: %s", got)
	}
}

func TestMustParsePanics(t *testing.T) {
	t.Parallel()
	defer func() {
		if recover() == nil {
			t.Error("MustParse of bad JSON did not panic")
		}
	}()
	MustParse(`{`)
}
