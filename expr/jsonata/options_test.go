package jsonata

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stepwisehq/stepwise/value"
)

func mustEval(t *testing.T, src string, input value.Value, opts *Options) (value.Value, bool) {
	t.Helper()
	v, defined, err := MustCompile(src).Eval(input, opts)
	if err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	return v, defined
}

func evalError(t *testing.T, src string, input value.Value, opts *Options) *Error {
	t.Helper()
	e, err := Compile(src)
	if err == nil {
		_, _, err = e.Eval(input, opts)
	}
	var je *Error
	if !errors.As(err, &je) {
		t.Fatalf("%s: want an *Error, got %v", src, err)
	}
	return je
}

func TestNumbersKeepTheirText(t *testing.T) {
	t.Parallel()
	input := value.MustParse(`{"a": 1.50, "b": [1.0, 2e3, -0.0], "big": 12345678901234567890, "o": {"x": 1.10}}`)
	tests := []struct{ src, want string }{
		{"a", "1.50"},
		{"b", "[1.0,2e3,-0.0]"},
		{"b[0]", "1.0"},
		{"big", "12345678901234567890"},
		{"o", `{"x":1.10}`},
		{"$", `{"a":1.50,"b":[1.0,2e3,-0.0],"big":12345678901234567890,"o":{"x":1.10}}`},
		{"[a, o.x]", "[1.50,1.10]"},
		{"{'k': a}", `{"k":1.50}`},
		{"a + 0", "1.5"},
		{"a * 2", "3"},
		{"big + 1", "12345678901234567000"},
		{"$string(a)", `"1.5"`},
		{"$sum(b)", "2001"},
		{"-b[2]", "0"},
		{"$number('1.50')", "1.5"},
		{"1.50", "1.5"},
		{"b^(>$)", "[2e3,1.0,-0.0]"},
		{"$max(b)", "2000"},
		{"a = 1.5", "true"},
		{"a in [1.5]", "true"},
		{"$distinct([a, 1.5])", "[1.50]"},
	}
	for _, tt := range tests {
		v, _ := mustEval(t, tt.src, input, nil)
		if got := value.String(v); got != tt.want {
			t.Errorf("%s = %s, want %s", tt.src, got, tt.want)
		}
	}
}

func TestUndefinedInput(t *testing.T) {
	t.Parallel()
	tests := []struct{ src, want string }{
		{"$", "undefined"},
		{"a", "undefined"},
		{"$exists($)", "false"},
		{"1 + 1", "2"},
		{"[$]", "[]"},
		{"$type($)", "undefined"},
	}
	for _, tt := range tests {
		if got := evalText(tt.src, Undefined, nil); got != tt.want {
			t.Errorf("%s = %s, want %s", tt.src, got, tt.want)
		}
	}
	// null is a value, not undefined
	if got := evalText("$type($)", nil, nil); got != `"null"` {
		t.Errorf("$type($) on null = %s", got)
	}
}

func TestArrayInput(t *testing.T) {
	t.Parallel()
	input := value.MustParse(`[{"a": 1}, {"a": 2}]`)
	tests := []struct{ src, want string }{
		{"$", `[{"a":1},{"a":2}]`},
		{"a", "[1,2]"},
		{"$[0]", `{"a":1}`},
		{"$count($)", "2"},
		{"$$[1].a", "2"},
		{"$.a", "[1,2]"},
		{"*", `[{"a":1},{"a":2}]`},
	}
	for _, tt := range tests {
		if got := evalText(tt.src, input, nil); got != tt.want {
			t.Errorf("%s = %s, want %s", tt.src, got, tt.want)
		}
	}
}

func TestBindings(t *testing.T) {
	t.Parallel()
	vars := map[string]value.Value{
		"states": value.MustParse(`{"input": {"n": 3}, "context": {"Execution": {"Name": "x"}}}`),
		"total":  value.Int(10),
		"sum":    value.MustParse(`"shadowed"`),
		"null":   nil,
	}
	opts := &Options{Bindings: func(name string) (value.Value, bool) {
		v, ok := vars[name]
		return v, ok
	}}
	tests := []struct{ src, want string }{
		{"$states.input.n", "3"},
		{"$states.context.Execution.Name", `"x"`},
		{"$total * 2", "20"},
		{"$sum", `"shadowed"`},
		{"$sum([1])", "!T1006: Attempted to invoke a non-function"},
		{"$count([1, 2])", "2"},
		{"$null", "null"},
		{"$missing", "undefined"},
		{"($total := 1; $total)", "1"},
		{"($f := function(){$total}; $f())", "10"},
		{"$states.input.n + $states.input.n", "6"},
	}
	for _, tt := range tests {
		if got := evalText(tt.src, Undefined, opts); got != tt.want {
			t.Errorf("%s = %s, want %s", tt.src, got, tt.want)
		}
	}
}

func TestFunctionResults(t *testing.T) {
	t.Parallel()
	for _, src := range []string{"function($x){$x}", "$sum", "$substring(?, 1)", "/a/", "|a|{}|", "$uppercase ~> $trim"} {
		v, defined := mustEval(t, src, Undefined, nil)
		if !defined || !IsFunction(v) {
			t.Errorf("%s: got %v, %v; want a function", src, v, defined)
		}
	}
	// nested functions print as JSON.stringify prints them
	tests := []struct{ src, want string }{
		{"[1, function($x){$x}]", "[1,null]"},
		{`{"a": 1, "f": function($x){$x}}`, `{"a":1}`},
		{`{"f": $sum}`, `{}`},
	}
	for _, tt := range tests {
		if got := evalText(tt.src, Undefined, nil); got != tt.want {
			t.Errorf("%s = %s, want %s", tt.src, got, tt.want)
		}
	}
	if IsFunction(value.Int(1)) {
		t.Error("IsFunction(1)")
	}
}

func TestFunctionBindingRoundTrip(t *testing.T) {
	t.Parallel()
	fn, _ := mustEval(t, "function($x){$x * $k}", Undefined, nil)
	opts := &Options{Bindings: func(name string) (value.Value, bool) {
		switch name {
		case "double":
			return fn, true
		case "k":
			return value.Int(2), true
		}
		return nil, false
	}}
	// the lambda's scope is the evaluation that made it; names it does not
	// bind resolve through the current evaluation's bindings
	if got := evalText("$double(21)", Undefined, opts); got != "42" {
		t.Errorf("$double(21) = %s", got)
	}
	adder, _ := mustEval(t, "($k := 2; function($x){$x * $k})", Undefined, nil)
	opts.Bindings = func(name string) (value.Value, bool) { return adder, name == "double" }
	if got := evalText("$map([1, 2], $double)", Undefined, opts); got != "[2,4]" {
		t.Errorf("$map([1, 2], $double) = %s", got)
	}
}

func TestClock(t *testing.T) {
	t.Parallel()
	now := time.Date(2024, 2, 29, 13, 14, 15, 678_000_000, time.UTC)
	opts := &Options{Now: now}
	tests := []struct{ src, want string }{
		{"$millis()", "1709212455678"},
		{"$now()", `"2024-02-29T13:14:15.678Z"`},
		{"$now('[Y0001]-[M01]-[D01]')", `"2024-02-29"`},
		{"$now('[H01]:[m01]', '+0530')", `"18:44"`},
		{"$now() = $now()", "true"},
		{"$millis() = $millis()", "true"},
		{"$toMillis('10:33', '[H]:[m]')", "1709202780000"},
		{"$toMillis('10:33 pm', '[h]:[m] [P]')", "1709245980000"},
		{"$toMillis('10:33:36', '[H]:[m]:[s]')", "1709202816000"},
		{"$toMillis('March 5', '[MNn] [D]')", "1709596800000"},
		{"$toMillis('5', '[D]')", "1707091200000"},
		{"$fromMillis($toMillis('1999-12-31', '[Y]-[M]-[D]'))", `"1999-12-31T00:00:00.000Z"`},
	}
	for _, tt := range tests {
		if got := evalText(tt.src, Undefined, opts); got != tt.want {
			t.Errorf("%s = %s, want %s", tt.src, got, tt.want)
		}
	}
	// without Options.Now the clock is read once per evaluation
	v, _ := mustEval(t, "$millis()", Undefined, nil)
	ms, _ := v.(value.Number).Int64()
	if d := time.Since(time.UnixMilli(ms)); d < 0 || d > time.Minute {
		t.Errorf("$millis() is %v away from now", d)
	}
}

func TestRandomSource(t *testing.T) {
	t.Parallel()
	seq := []float64{0.5, 0.25, 0.75, 0.1, 0.9, 0.3}
	next := func() func() float64 {
		i := 0
		return func() float64 {
			v := seq[i%len(seq)]
			i++
			return v
		}
	}
	tests := []struct{ src, want string }{
		{"$random()", "0.5"},
		{"[$random(), $random()]", "[0.5,0.25]"},
		{"$shuffle([1, 2, 3, 4])", "[4,1,3,2]"},
		{"$uuid()", `"8040c019-e64c-4040-8019-e64c8040c019"`},
	}
	for _, tt := range tests {
		if got := evalText(tt.src, Undefined, &Options{Rand: next()}); got != tt.want {
			t.Errorf("%s = %s, want %s", tt.src, got, tt.want)
		}
	}
	for i := 0; i < 50; i++ {
		v, _ := mustEval(t, "$random()", Undefined, nil)
		f := v.(value.Number).Float64()
		if f < 0 || f >= 1 {
			t.Fatalf("$random() = %v", f)
		}
	}
}

func TestMaxSteps(t *testing.T) {
	t.Parallel()
	opts := &Options{MaxSteps: 1000}
	e := evalError(t, "($f := function($n){$f($n + 1)}; $f(0))", Undefined, opts)
	if e.Code != "U1001" || e.Message != "Evaluation exceeded the budget of 1000 steps" {
		t.Errorf("got %v", e)
	}
	if e := evalError(t, "[1..5000]", Undefined, opts); e.Code != "U1001" {
		t.Errorf("a large range: got %v", e)
	}
	if got := evalText("$sum([1..100])", Undefined, opts); got != "5050" {
		t.Errorf("within the budget: %s", got)
	}
}

func TestMaxDepth(t *testing.T) {
	t.Parallel()
	src := "($f := function($n){$n = 0 ? 0 : 1 + $f($n - 1)}; $f(100))"
	if got := evalText(src, Undefined, &Options{MaxDepth: 1000}); got != "100" {
		t.Errorf("deep enough: %s", got)
	}
	e := evalError(t, src, Undefined, &Options{MaxDepth: 100})
	if e.Code != "D1011" || !strings.HasPrefix(e.Message, "Stack overflow.") {
		t.Errorf("got %v", e)
	}
	// the default bound protects the stack
	e = evalError(t, "($f := function($n){1 + $f($n + 1)}; $f(0))", Undefined, nil)
	if e.Code != "D1011" {
		t.Errorf("unbounded recursion: got %v", e)
	}
	// tail calls do not grow the depth
	if got := evalText("($f := function($n){$n = 0 ? 'done' : $f($n - 1)}; $f(10000))", Undefined, &Options{MaxDepth: 100}); got != `"done"` {
		t.Errorf("tail recursion: %s", got)
	}
}

func TestTimeout(t *testing.T) {
	t.Parallel()
	start := time.Now()
	e := evalError(t, "($f := function(){$f()}; $f())", Undefined, &Options{Timeout: 50 * time.Millisecond})
	if e.Code != "D1012" || e.Message != "Evaluation timeout after 50 milliseconds. Check for infinite loop" {
		t.Errorf("got %v", e)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v", d)
	}
}

func TestConcurrentEvaluation(t *testing.T) {
	t.Parallel()
	input := diffInput(t)
	exprs := []string{
		"Account.Order.Product[Price > 30].$sum(Price)",
		"Account.Order#$i.Product.{'i': $i, 'sku': SKU}",
		"($f := function($n){$n < 2 ? $n : $f($n-1) + $f($n-2)}; $f(12))",
		"Account.Order.Product.%.OrderID",
		"$ ~> |Account.Order.Product|{'Price': Price * 2}|",
		"$map(nums, function($v, $i){$v * $i})",
	}
	compiled := make([]*Expr, len(exprs))
	want := make([]string, len(exprs))
	for i, s := range exprs {
		compiled[i] = MustCompile(s)
		want[i] = evalText(s, input, nil)
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; n < 50; n++ {
				i := (g + n) % len(exprs)
				v, _, err := compiled[i].Eval(input, nil)
				if err != nil || value.String(v) != want[i] {
					t.Errorf("%s: %v %v", exprs[i], value.String(v), err)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestErrorText(t *testing.T) {
	t.Parallel()
	e := evalError(t, `"a" + 1`, Undefined, nil)
	if e.Error() != `T2001: The left side of the "+" operator must evaluate to a number` {
		t.Errorf("Error() = %q", e.Error())
	}
	if e.Position != 5 || e.Token != "+" || e.Value != "a" {
		t.Errorf("fields: %+v", e)
	}
	e = evalError(t, `$sum("a")`, Undefined, nil)
	if e.Code != "T0412" || e.Token != "sum" || e.Message != `Argument 1 of function "sum" must be an array of "numbers"` {
		t.Errorf("T0412: %+v", e)
	}
	e = evalError(t, `$uppercase(1)`, Undefined, nil)
	if e.Code != "T0410" || e.Token != "uppercase" || e.Message != `Argument 1 of function "uppercase" does not match function signature` {
		t.Errorf("T0410: %+v", e)
	}
	e = evalError(t, `$error("boom")`, Undefined, nil)
	if e.Error() != "D3137: boom" {
		t.Errorf("$error: %q", e.Error())
	}
	e = evalError(t, `"😀" & $x("a")`, Undefined, nil)
	if e.Position != 10 {
		t.Errorf("positions count UTF-16 units: %d", e.Position)
	}
	_, err := Compile("1 +")
	if err == nil || err.Error() != "S0207: Unexpected end of expression" {
		t.Errorf("compile error %v", err)
	}
}

func TestMustCompilePanics(t *testing.T) {
	t.Parallel()
	defer func() {
		if recover() == nil {
			t.Error("MustCompile of a bad expression did not panic")
		}
	}()
	MustCompile("(")
}

func TestExprString(t *testing.T) {
	t.Parallel()
	if s := MustCompile(" a.b ").String(); s != " a.b " {
		t.Errorf("String() = %q", s)
	}
}
