package jsonata

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stepwisehq/stepwise/value"
)

// diffInput is testdata/differential_input.json.
func diffInput(t testing.TB) value.Value {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "differential_input.json"))
	if err != nil {
		t.Fatal(err)
	}
	return value.MustParse(string(data))
}

// evalText evaluates an expression and describes the outcome the way the
// case tables write it: JSON text, "undefined", "function" or "!CODE: message".
func evalText(src string, input value.Value, opts *Options) string {
	e, err := Compile(src)
	if err != nil {
		return "!" + err.Error()
	}
	v, defined, err := e.Eval(input, opts)
	switch {
	case err != nil:
		return "!" + err.Error()
	case !defined:
		return "undefined"
	case IsFunction(v):
		return "function"
	}
	return value.String(v)
}

// sameOutcome compares an outcome with the table's: values as JSON values
// (numbers by value, members in any order), the rest as text.
func sameOutcome(got, want string) bool {
	if got == want {
		return true
	}
	if strings.HasPrefix(want, "!") || want == "undefined" || want == "function" {
		return false
	}
	g, err1 := value.ParseString(got)
	w, err2 := value.ParseString(want)
	return err1 == nil && err2 == nil && value.Equal(g, w)
}

// evalCaseDifferences are the cases where this implementation knowingly
// differs from the reference's answer in evalCases, with the answer here.
var evalCaseDifferences = map[string]string{}

func TestEvalCases(t *testing.T) {
	t.Parallel()
	input := diffInput(t)
	opts := &Options{Now: oracleNow}
	for _, c := range evalCases {
		want := c.want
		if w, ok := evalCaseDifferences[c.expr]; ok {
			want = w
		}
		if got := evalText(c.expr, input, opts); !sameOutcome(got, want) {
			t.Errorf("%s\n     got %s\n    want %s", c.expr, got, want)
		}
	}
}

func ExampleExpr_Eval() {
	input := value.MustParse(`{"Order": [{"Price": 10.5, "Quantity": 2}, {"Price": 21, "Quantity": 1}]}`)
	e := MustCompile("$sum(Order.(Price * Quantity))")
	v, defined, err := e.Eval(input, nil)
	fmt.Println(value.String(v), defined, err)
	// Output: 42 true <nil>
}

func TestFunctionCases(t *testing.T) {
	t.Parallel()
	input := diffInput(t)
	opts := &Options{Now: oracleNow}
	for _, c := range functionCases {
		want := c.want
		if w, ok := functionCaseDifferences[c.expr]; ok {
			want = w
		}
		if got := evalText(c.expr, input, opts); !sameOutcome(got, want) {
			t.Errorf("%s\n     got %s\n    want %s", c.expr, got, want)
		}
	}
}

// functionCaseDifferences are the functionCases where this implementation
// knowingly differs from the reference, with the answer here.
// JavaScript strings are UTF-16: the reference splits characters outside
// the Basic Multilingual Plane into their surrogate halves where this
// implementation (on UTF-8 strings) keeps them whole.
var functionCaseDifferences = map[string]string{
	`$match("a😀b", /./)`: `[{"match":"a","index":0,"groups":[]},{"match":"😀","index":1,"groups":[]},{"match":"b","index":3,"groups":[]}]`,
	`$split("😀é", "")`:   `["😀","é"]`,
	// a zero digit outside the BMP: both give lone surrogates
	`$formatNumber(1234, "#,##0", {"zero-digit": "𝟎"})`: "\"\xed\xa0\xb6\xed\xa0\xb7,\xed\xa0\xb8\xed\xa0\xb90\"",
}

func TestPathCases(t *testing.T) {
	t.Parallel()
	input := diffInput(t)
	opts := &Options{Now: oracleNow}
	for _, c := range pathCases {
		want := c.want
		if w, ok := pathCaseDifferences[c.expr]; ok {
			want = w
		}
		if got := evalText(c.expr, input, opts); !sameOutcome(got, want) {
			t.Errorf("%s\n     got %s\n    want %s", c.expr, got, want)
		}
	}
}

// pathCaseDifferences: the reference crashes with a JavaScript TypeError
// when a transform's pattern selects numbers; they are left alone here.
var pathCaseDifferences = map[string]string{
	`(nums ~> |$|{"x": 1}|)`:          `[3,1,4,1,5,9,2,6]`,
	`({"a": [1, 2]} ~> |a|{"x": 1}|)`: `{"a":[1,2]}`,
}

func TestCorpusCases(t *testing.T) {
	t.Parallel()
	input := diffInput(t)
	opts := &Options{Now: oracleNow}
	for _, c := range corpusCases {
		if got := evalText(c.expr, input, opts); !sameOutcome(got, c.want) {
			t.Errorf("%s\n     got %s\n    want %s", c.expr, got, c.want)
		}
	}
}

func TestSignatureCases(t *testing.T) {
	t.Parallel()
	for _, c := range signatureCases {
		if got := evalText(c.expr, Undefined, nil); !sameOutcome(got, c.want) {
			t.Errorf("%s\n     got %s\n    want %s", c.expr, got, c.want)
		}
	}
}

func TestNumberCases(t *testing.T) {
	t.Parallel()
	for _, c := range numberCases {
		if got := evalText(c.expr, Undefined, nil); got != c.want {
			t.Errorf("%s\n     got %s\n    want %s", c.expr, got, c.want)
		}
	}
}
