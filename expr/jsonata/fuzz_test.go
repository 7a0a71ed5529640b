package jsonata

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stepwisehq/stepwise/value"
)

// fuzzSeeds are expressions that exercise most of the grammar.
var fuzzSeeds = []string{
	"Account.Order[0].Product.Price",
	"$sum(Account.Order.Product.(Price * Quantity))",
	`Account.Order.Product{SKU: Price}`,
	"Account.Order#$i.Product@$p[$p.Price > 30].{'i': $i}",
	"Account.Order.Product.%.OrderID",
	"**.Price^(>$)",
	"[1..5][$ % 2 = 0]",
	"($f := function($x){$x * 2}; $map([1, 2], $f))",
	"$substring(?, 1)('hello')",
	"'a' ~> $uppercase ~> $length",
	"$ ~> |Account.Order|{'n': 1}, ['OrderID']|",
	"$match('abc', /b(c)?/i)",
	"$replace('aaa', /a/, function($m){$m.match & '!'})",
	"true ? 1 : 2",
	"missing ?: 'x' ?? 'y'",
	"$formatNumber(1234.5, '#,##0.00')",
	"$fromMillis(0, '[Y0001]-[M01]-[D01]')",
	"$toMillis('2020-01-01T00:00:00Z')",
	"$eval('1 + 1')",
	"function($a, $b)<nn:n>{$a + $b}(1, 2)",
	"/* comment */ `quoted name`.\"x\"",
	"$string({'a': [1, null, true, 'x']}, true)",
	"{}[]",
	"$partition([1,2,3], 2)",
	"$range(1, 10, 3)",
	"$hash('a', 'SHA-256')",
	"$parse('{\"a\": [1.50]}')",
}

func FuzzCompile(f *testing.F) {
	recoverPanics = false
	f.Cleanup(func() { recoverPanics = true })
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		e, err := Compile(src)
		if err != nil {
			checkErrorShape(t, src, err)
			return
		}
		if e.String() != src {
			t.Fatalf("String() = %q, want %q", e.String(), src)
		}
	})
}

func FuzzEval(f *testing.F) {
	recoverPanics = false
	f.Cleanup(func() { recoverPanics = true })
	input := value.MustParse(`{"Account": {"Order": [{"OrderID": "o1", "Product": [{"SKU": "a", "Price": 34.45, "Quantity": 2}, {"SKU": "b", "Price": 21.67, "Quantity": 1}]}]}, "n": [3, 1, 2], "s": "text"}`)
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		e, err := Compile(src)
		if err != nil {
			return
		}
		opts := &Options{MaxSteps: 20000, MaxDepth: 200, Timeout: time.Second, Now: oracleNow}
		v, defined, err := e.Eval(input, opts)
		if err != nil {
			checkErrorShape(t, src, err)
			return
		}
		if defined && !IsFunction(v) {
			_ = value.String(v) // the result must be a printable value
		}
	})
}

// checkErrorShape checks that a failure is a JSONata error with a code and
// a message, and never the internal error a recovered panic gives.
func checkErrorShape(t *testing.T, src string, err error) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("%q: error %T is not an *Error", src, err)
	}
	if e.Code == "D1000" || (e.Code == "S0500" && strings.Contains(e.Message, "internal")) {
		t.Fatalf("%q: internal error (a recovered panic): %v", src, err)
	}
	if e.Code == "" || e.Message == "" {
		t.Fatalf("%q: error without code or message: %#v", src, e)
	}
}

func FuzzSignature(f *testing.F) {
	recoverPanics = false
	f.Cleanup(func() { recoverPanics = true })
	for _, b := range builtins {
		f.Add(b.sig.text)
	}
	f.Add("<s<s>>")
	f.Add("<(s<s>)>")
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) == 0 || text[0] != '<' {
			text = "<" + text
		}
		sig, err := parseSignature(text)
		if err != nil {
			if err.Code != "S0401" && err.Code != "S0402" {
				t.Fatalf("%q: unexpected error %v", text, err)
			}
			return
		}
		args := []any{1.0, "s", []any{1.0}, undefined, nil, true}
		for n := 0; n <= len(args); n++ {
			_, _ = sig.validate(args[:n], "ctx", nil)
		}
	})
}

func FuzzRegex(f *testing.F) {
	for _, s := range []string{`a.b`, `\s+\d*`, `[^]`, `(?<n>x)|y`, `\u00e9\x41\cJ`, `[\b\s]`, `(?=x)`, `\1`} {
		f.Add(s, "i", "subject a b\n12")
	}
	f.Fuzz(func(t *testing.T, pattern, flags, subject string) {
		if pattern == "" {
			return
		}
		lit, err := compileRegex(pattern, flags)
		if err != nil {
			if err.Code != "S0303" {
				t.Fatalf("%q: %v", pattern, err)
			}
			return
		}
		it := (&regexFn{lit: lit}).matches(subject)
		for i := 0; i < 1000; i++ {
			m, err := it.next()
			if err != nil || m == nil {
				return
			}
			if m.start < 0 || m.end > len(subject) || m.start > m.end {
				t.Fatalf("%q on %q: bad match %+v", pattern, subject, m)
			}
		}
	})
}

func FuzzPictures(f *testing.F) {
	recoverPanics = false
	f.Cleanup(func() { recoverPanics = true })
	for _, p := range []string{"[Y0001]-[M01]-[D01]", "[FNn], [D1o] [MNn]", "[h]:[m01] [P] [Z]", "#,##0.00", "0.0e0", "w", "I", "#;(#)"} {
		f.Add(p, 1521801216617.0)
	}
	f.Fuzz(func(t *testing.T, picture string, n float64) {
		opts := &Options{MaxSteps: 10000, Now: oracleNow}
		for _, fn := range []string{"$fromMillis($n, $p)", "$toMillis($s, $p)", "$formatNumber($n, $p)", "$formatInteger($n, $p)", "$parseInteger($s, $p)"} {
			opts.Bindings = func(name string) (value.Value, bool) {
				switch name {
				case "n":
					v, ok := value.Float(n)
					return v, ok
				case "p":
					return picture, true
				case "s":
					return "2018-03-23 10:33 one", true
				}
				return nil, false
			}
			_, _, err := MustCompile(fn).Eval(Undefined, opts)
			if err != nil {
				checkErrorShape(t, fn+" "+picture, err)
			}
		}
	})
}
