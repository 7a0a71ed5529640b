package jsonata

import (
	"math"
	"sort"
	"strings"
	"testing"

	"github.com/stepwisehq/stepwise/value"
)

func TestEveryMessageExpands(t *testing.T) {
	t.Parallel()
	codes := make([]string, 0, len(messages))
	for c := range messages {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	for _, code := range codes {
		e := &Error{Code: code, Value: "v", value2: 2.0, index: 1, exp: 3.0, fnName: "fn", custom: "custom"}
		e.setToken("tok")
		e.populate()
		if e.Message == "" || strings.Contains(e.Message, "{{") || strings.Contains(e.Message, "}}") {
			t.Errorf("%s: %q", code, e.Message)
		}
		if !strings.HasPrefix(e.Error(), code+": ") {
			t.Errorf("%s: Error() = %q", code, e.Error())
		}
	}
}

func TestMessageValues(t *testing.T) {
	t.Parallel()
	tests := []struct {
		e    *Error
		want string
	}{
		{errorValue("D3030", "abc"), `Unable to cast value to a number: "abc"`},
		{errorValue("D3030", 1.5), "Unable to cast value to a number: 1.5"},
		{errorValue("D3030", nil), "Unable to cast value to a number: null"},
		{errorValue("D3030", undefined), "Unable to cast value to a number: undefined"},
		{errorValue("D3030", []any{1.0, "a"}), `Unable to cast value to a number: [1,"a"]`},
		{errorValue("D3030", value.MustParse(`{"a":{"b":true}}`)), `Unable to cast value to a number: {"a":{"b":true}}`},
		{errorValue("D3030", builtins["sum"]), "Unable to cast value to a number: undefined"},
		{errorValue("D1001", math.Inf(1)), "Number out of range: null"},
		{errorAt("T2001", 3, "+"), `The left side of the "+" operator must evaluate to a number`},
		{errorAt("S0201", 3, 1.0), "Syntax error: 1"},
		{errorAt("S0201", 3, nil), "Syntax error: null"},
		{errorAt("S0201", 3, true), "Syntax error: true"},
		{errorAt("T1005", 3, "sum"), "Attempted to invoke a non-function. Did you mean $sum?"},
		{&Error{Code: "D3137", custom: "my message"}, "my message"},
		{&Error{Code: "D3140", Value: "%", fnName: "decodeUrl"}, `Malformed URL passed to $decodeUrl(): "%"`},
		{&Error{Code: "X9999", custom: "unknown code"}, "unknown code"},
	}
	for _, tt := range tests {
		if got := tt.e.populate().Message; got != tt.want {
			t.Errorf("%s: %q, want %q", tt.e.Code, got, tt.want)
		}
	}
	e := errorValue("T2009", "a")
	e.value2 = 1.0
	e.setToken("<")
	if got := e.populate().Message; got != `The values "a" and 1 either side of operator "<" must be of the same data type` {
		t.Errorf("T2009: %q", got)
	}
	e = errorValue("T0412", []any{"x"})
	e.index, e.custom = 1, "numbers"
	e.setToken("sum")
	if got := e.populate().Message; got != `Argument 1 of function "sum" must be an array of "numbers"` {
		t.Errorf("T0412: %q", got)
	}
}

func TestPopulateExportsTheValue(t *testing.T) {
	t.Parallel()
	e := errorValue("D3030", &array{items: []any{1.5, "x"}}).populate()
	if got := value.String(e.Value); got != `[1.5,"x"]` {
		t.Errorf("Value = %s", got)
	}
	e = errorValue("D1001", math.Inf(-1)).populate()
	if e.Value != nil {
		t.Errorf("an infinite value is exported as null: %v", e.Value)
	}
	e = (&Error{Code: "T1006", noValue: true}).populate()
	if e.Value != nil {
		t.Errorf("no value: %v", e.Value)
	}
}

func TestEveryBuiltinIsExercised(t *testing.T) {
	t.Parallel()
	var all strings.Builder
	for _, cs := range [][]struct{ expr, want string }{evalCases, functionCases, pathCases} {
		for _, c := range cs {
			all.WriteString(c.expr)
			all.WriteByte('\n')
		}
	}
	text := all.String()
	for name := range builtins {
		if !strings.Contains(text, "$"+name+"(") {
			switch name {
			case "partition", "range", "hash", "uuid", "parse", "now", "clone", "random":
				continue // tested in aws_test.go and options_test.go
			}
			t.Errorf("no case table calls $%s", name)
		}
	}
}

func TestBuiltinArities(t *testing.T) {
	t.Parallel()
	// the number of parameters the reference declares (what $map and
	// friends use to decide which arguments to pass)
	want := map[string]int{"sum": 1, "string": 1, "substring": 3, "map": 2, "reduce": 3, "zip": 0,
		"random": 0, "millis": 0, "now": 2, "formatNumber": 3, "replace": 4, "eval": 2, "sort": 2}
	for name, n := range want {
		if got := builtins[name].arity; got != n {
			t.Errorf("$%s arity %d, want %d", name, got, n)
		}
	}
	tests := []struct{ src, want string }{
		{`$map([1, 2], $string)`, `["1","2"]`},
		// $substring takes (value, index, array): the array is not a number
		{`$map(["a", "b"], $substring)`, `!T0410: Argument 3 of function "map" does not match function signature`},
		// $round takes the index as its precision
		{`$map([3.14159, 2.5], $round)`, "[3,2.5]"},
		{`$filter([0, 1, 2], $boolean)`, "[1,2]"},
		{`$reduce([[1], [2]], $append)`, "[1,2]"},
	}
	for _, tt := range tests {
		if got := evalText(tt.src, Undefined, nil); got != tt.want {
			t.Errorf("%s = %s, want %s", tt.src, got, tt.want)
		}
	}
}
