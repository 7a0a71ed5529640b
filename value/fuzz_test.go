package value

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"
)

// FuzzParse checks that whatever Parse accepts is written back as valid JSON
// that reads back equal and writes the same again, that it accepts exactly
// what encoding/json calls valid, and that errors point inside the input.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`null`, `true`, `-0.5e+3`, `"a\"\\\/\b\f\n\r\t\u0041\ud83d\ude00"`, `[1,[2,[3]]]`,
		`{"b":1,"a":{"c":[true,false,null]},"b":2}`, "\"\xff\u2028\"", `{"a":1,}`, `[01]`, `"\ud800"`,
		`1e400`, ` [ ] `, `{"":""}`, `[1.0, 2E-3, -0]`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := Parse(data)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) || se.Offset < 0 || se.Offset > len(data) {
				t.Fatalf("Parse(%q): error %v is not a *SyntaxError inside the input", data, err)
			}
			if shallow(data) && json.Valid(data) {
				t.Fatalf("Parse(%q) rejects what encoding/json accepts: %v", data, err)
			}
			return
		}
		if shallow(data) && !json.Valid(data) {
			t.Fatalf("Parse(%q) accepts what encoding/json rejects", data)
		}
		text := Append(nil, v)
		if n := EncodedLen(v); n != len(text) {
			t.Fatalf("EncodedLen(Parse(%q)) = %d, want %d", data, n, len(text))
		}
		if !json.Valid(text) {
			t.Fatalf("Append(Parse(%q)) = %q is not valid JSON", data, text)
		}
		w, err := Parse(text)
		if err != nil {
			t.Fatalf("Parse(Append(Parse(%q))) = %v", data, err)
		}
		if !Equal(v, w) {
			t.Fatalf("round trip of %q changed the value: %q", data, text)
		}
		if again := Append(nil, w); !bytes.Equal(again, text) {
			t.Fatalf("writing is not stable: %q then %q", text, again)
		}
		_ = Indent(v)
	})
}

// shallow reports whether data nests well within the depth bound, so that
// encoding/json's own bound does not decide.
func shallow(data []byte) bool {
	return bytes.Count(data, []byte("["))+bytes.Count(data, []byte("{")) < 1000
}
