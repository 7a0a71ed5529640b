package jsonpath

import (
	"strings"
	"testing"

	"github.com/stepwisehq/stepwise/value"
)

func TestFilterLiterals(t *testing.T) {
	t.Parallel()
	tests := []struct {
		src  string
		want string // the literal on the right, as JSON
	}{
		{"@.a == 1", `1`},
		{"@.a == -1.5", `-1.5`},
		{"@.a == 1e-5", `1e-5`},
		{"@.a == 2E+3", `2E+3`},
		{"@.a == 'it\\'s'", `"it's"`},
		{`@.a == "say \"hi\""`, `"say \"hi\""`},
		{`@.a == '\u00e9'`, `"é"`},
		{"@.a == true", `true`},
		{"@.a == false", `false`},
		{"@.a == null", `null`},
		{"@.a == []", `[]`},
		{"@.a == [ 1 , 'x' , [true] ]", `[1,"x",[true]]`},
		{`@.a == {"k": [1, {"j": null}]}`, `{"k":[1,{"j":null}]}`},
		{`@.a == {"k": "}"}`, `{"k":"}"}`},
	}
	for _, tt := range tests {
		f, err := compileFilter(tt.src, 0, 0)
		if err != nil {
			t.Errorf("compileFilter(%q): %v", tt.src, err)
			continue
		}
		if got := value.String(f.root.right.lit); got != tt.want {
			t.Errorf("compileFilter(%q) literal = %s, want %s", tt.src, got, tt.want)
		}
	}
}

func TestFilterLiteralErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		src, msg string
	}{
		{"@.a == 1.", `invalid number "1."`},
		{"@.a == -", `invalid number "-"`},
		{"@.a == 'x", "unterminated string in filter"},
		{"@.a == [1 2]", "expected ',' or ']' in filter list"},
		{"@.a == [1,", "expected a value in filter"},
		{`@.a == {"k":}`, "invalid JSON object in filter"},
		{`@.a == {"k":1`, "unterminated object in filter"},
		{"@.a == truex", `unexpected "truex" in filter`},
		{"@.a == nul", `unexpected "nul" in filter`},
		{"@.a =~ /x", "unterminated regular expression in filter"},
		{"@.a =~ /x/x", "unsupported regular expression flag 'x'"},
		{"@.a ==", "expected a value in filter"},
		{"", "expected a value in filter"},
		{"@.a == 1 )", `unexpected ")" in filter`},
	}
	for _, tt := range tests {
		_, err := compileFilter(tt.src, 0, 0)
		if err == nil || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("compileFilter(%q) = %v, want %q", tt.src, err, tt.msg)
		}
	}
}

func TestRegexFlags(t *testing.T) {
	t.Parallel()
	for flags, want := range map[string]string{
		"": "", "i": "(?i)", "ims": "(?ims)", "du": "", "iU": "(?i)",
	} {
		got, err := regexFlags(flags)
		if err != nil || got != want {
			t.Errorf("regexFlags(%q) = %q, %v; want %q", flags, got, err, want)
		}
	}
	if _, err := regexFlags("ix"); err == nil {
		t.Error("regexFlags accepted x")
	}
	doc := value.MustParse(`[{"s":"a\nB"}]`)
	runEvalCases(t, doc, []evalCase{
		{path: "$[?(@.s =~ /a.b/)].s", want: `[]`},
		{path: "$[?(@.s =~ /a.b/si)].s", want: `["a\nB"]`},
		{path: "$[?(@.s =~ /^B$/m)].s", want: `[]`},
		{path: "$[?(@.s =~ /a$\\n^B/m)].s", want: `["a\nB"]`},
	})
}

// TestAWSDocumentationExamples evaluates the examples of AWS's "Paths" and
// "InputPath and Parameters" pages.
func TestAWSDocumentationExamples(t *testing.T) {
	t.Parallel()
	doc := value.MustParse(`{"foo": 123, "bar": ["a", "b", "c"], "car": {"cdr": true},
		"jar": [{"a": 1}, {"a": 5}, {"a": 2}, {"a": 7}, {"a": 3}], "abc": {"def ghi": 1}}`)
	runEvalCases(t, doc, []evalCase{
		{path: "$.foo", want: `123`},
		{path: "$.bar", want: `["a","b","c"]`},
		{path: "$.car.cdr", want: `true`},
		{path: "$.jar[?(@.a >= 5)]", want: `[{"a":5},{"a":7}]`},
		{path: "$.abc.['def ghi']", want: `1`},
	})
	runEvalCases(t, value.MustParse(`{"a": [1, 2, 3, 4]}`), []evalCase{
		{path: "$.a[0:2]", want: `[1,2]`},
	})
	params := value.MustParse(`{"comment": "Example for InputPath.",
		"dataset1": {"val1": 1, "val2": 2, "val3": 3}, "dataset2": {"val1": "a", "val2": "b", "val3": "c"}}`)
	runEvalCases(t, params, []evalCase{
		{path: "$.dataset2", want: `{"val1":"a","val2":"b","val3":"c"}`},
	})
}

// TestNumberTextIsKept checks that selected numbers keep their text, as
// AWS prints them back unchanged.
func TestNumberTextIsKept(t *testing.T) {
	t.Parallel()
	doc := value.MustParse(`{"n":[1.50, 1e3, -0, 12345678901234567890, 0.1]}`)
	runEvalCases(t, doc, []evalCase{
		{path: "$.n", want: `[1.50,1e3,-0,12345678901234567890,0.1]`},
		{path: "$.n[0]", want: `1.50`},
		{path: "$.n[1:3]", want: `[1e3,-0]`},
		{path: "$.n[?(@ > 1)]", want: `[]`},
		{path: "$.n.max()", want: `1.2345678901234567E19`},
	})
}

func TestUnicodeNames(t *testing.T) {
	t.Parallel()
	doc := value.MustParse(`{"ключ":{"名前":"値"},"a.b":1,"a":{"b":2},"it's":3,"q\"":4}`)
	runEvalCases(t, doc, []evalCase{
		{path: "$.ключ.名前", want: `"値"`},
		{path: "$['ключ']['名前']", want: `"値"`},
		{path: "$['a.b']", want: `1`},
		{path: "$.a.b", want: `2`},
		{path: `$['it\'s']`, want: `3`},
		{path: `$["it's"]`, want: `3`},
		{path: `$['q"']`, want: `4`},
		{path: `$["q\""]`, want: `4`},
		{path: "$.ключ.nope", err: "No results for path: $['ключ']['nope']"},
		{path: "$.nope.名前", err: "Missing property in path $['nope']"},
		{path: "$['a.b'].x", err: "Property ['x'] not found in path $['a.b']"},
		{path: "$[*].b", err: "Property ['b'] not found in path $['a.b']"},
	})
}
