package jsonpath

import (
	"errors"
	"math"
	"testing"

	"github.com/stepwisehq/stepwise/value"
)

func TestSet(t *testing.T) {
	t.Parallel()
	tests := []struct {
		path, root, v, want string
	}{
		{"$", `{"a":1}`, `"r"`, `"r"`},
		{"$.a", `{"a":1,"b":2}`, `"r"`, `{"a":"r","b":2}`},
		{"$.c", `{"a":1,"b":2}`, `"r"`, `{"a":1,"b":2,"c":"r"}`},
		{"$.x.y.z", `{"a":1}`, `[1]`, `{"a":1,"x":{"y":{"z":[1]}}}`},
		{"$.a.b", `{"a":{"c":1}}`, `2`, `{"a":{"c":1,"b":2}}`},
		{"$['a b'].c", `{}`, `null`, `{"a b":{"c":null}}`},
		{"$.l[1]", `{"l":[1,2,3]}`, `"r"`, `{"l":[1,"r",3]}`},
		{"$.l[-1].x", `{"l":[{},{"y":1}]}`, `1`, `{"l":[{},{"y":1,"x":1}]}`},
		{"$[0]", `[1,2]`, `0`, `[0,2]`},
	}
	for _, tt := range tests {
		root := value.MustParse(tt.root)
		before := value.String(root)
		got, err := MustCompile(tt.path).Set(root, value.MustParse(tt.v))
		if err != nil {
			t.Errorf("Set(%s, %s): %v", tt.path, tt.root, err)
			continue
		}
		if value.String(got) != tt.want {
			t.Errorf("Set(%s, %s) = %s, want %s", tt.path, tt.root, value.String(got), tt.want)
		}
		if value.String(root) != before {
			t.Errorf("Set(%s) changed its input to %s", tt.path, value.String(root))
		}
	}
}

func TestSetErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		path, root, at string
	}{
		{"$.a", `"text"`, "$"},
		{"$.a", `[1]`, "$"},
		{"$.a", `null`, "$"},
		{"$.a.b", `{"a":1}`, "$['a']"},
		{"$.a.b", `{"a":null}`, "$['a']"},
		{"$.l[5]", `{"l":[1]}`, "$['l']"},
		{"$.l[0]", `{"l":{}}`, "$['l']"},
		{"$.m[0]", `{}`, "$['m']"},
		{"$[*]", `{}`, "$"},
		{"$..a", `{}`, "$"},
	}
	for _, tt := range tests {
		_, err := MustCompile(tt.path).Set(value.MustParse(tt.root), 1)
		var se *SetError
		if !errors.As(err, &se) || se.At != tt.at || se.Path != tt.path {
			t.Errorf("Set(%s, %s) = %v, want a *SetError at %s", tt.path, tt.root, err, tt.at)
		}
	}
	if _, err := MustCompile("$.a.b").Set(value.MustParse(`{"a":1}`), 1); err == nil || err.Error() != "cannot set $.a.b at $['a']: not an object" {
		t.Errorf("error text = %v", err)
	}
}

func TestIsReference(t *testing.T) {
	t.Parallel()
	for src, want := range map[string]bool{
		"$": true, "$.a.b": true, "$['a'][0]": true, "$.a[-1]": true,
		"$.a[*]": false, "$..a": false, "$.a[0,1]": false, "$.a[1:]": false,
		"$.a[?(@.b)]": false, "$['a','b']": false, "$.a.length()": false,
	} {
		if got := MustCompile(src).IsReference(); got != want {
			t.Errorf("IsReference(%s) = %v, want %v", src, got, want)
		}
	}
}

func TestCompileRef(t *testing.T) {
	t.Parallel()
	tests := []struct {
		src  string
		root Root
		name string
		path string
	}{
		{"$", RootInput, "", "$"},
		{"$.a", RootInput, "", "$.a"},
		{"$[0]", RootInput, "", "$[0]"},
		{"$$", RootContext, "", "$"},
		{"$$.Execution.Input", RootContext, "", "$.Execution.Input"},
		{"$$['Map']", RootContext, "", "$['Map']"},
		{"$x", RootVariable, "x", "$"},
		{"$theAnswer.a[0]", RootVariable, "theAnswer", "$.a[0]"},
		{"$_v1['k']", RootVariable, "_v1", "$['k']"},
		{"$変数.a", RootVariable, "変数", "$.a"},
		{"  $.a ", RootInput, "", "$.a"},
	}
	for _, tt := range tests {
		r, err := CompileRef(tt.src)
		if err != nil {
			t.Errorf("CompileRef(%q): %v", tt.src, err)
			continue
		}
		if r.Root != tt.root || r.Var != tt.name || r.Path.String() != tt.path || r.String() != tt.src {
			t.Errorf("CompileRef(%q) = %v %q %q", tt.src, r.Root, r.Var, r.Path.String())
		}
	}
}

func TestCompileRefErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		src    string
		offset int
	}{
		{"", 0},
		{"a", 0},
		{"$1", 1},
		{"$$.", 2},
		{"$x.", 2},
		{"$abc[", 4},
		{" $$[", 3},
	}
	for _, tt := range tests {
		_, err := CompileRef(tt.src)
		var se *SyntaxError
		if !errors.As(err, &se) || se.Offset != tt.offset || se.Path != tt.src {
			t.Errorf("CompileRef(%q) = %v, want a *SyntaxError at %d", tt.src, err, tt.offset)
		}
	}
}

func TestJavaString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, want string
	}{
		{`null`, "null"},
		{`true`, "true"},
		{`"a b"`, "a b"},
		{`1`, "1"},
		{`-0`, "0"},
		{`123456789012345678901234567890`, "123456789012345678901234567890"},
		{`1.0`, "1.0"},
		{`1.10`, "1.1"},
		{`1e2`, "100.0"},
		{`{"a":1,"b":["x",2.0,null],"c":{}}`, "{a=1, b=[x, 2.0, null], c={}}"},
		{`[]`, "[]"},
	}
	for _, tt := range tests {
		if got := JavaString(value.MustParse(tt.in)); got != tt.want {
			t.Errorf("JavaString(%s) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestJavaDouble checks against what java.lang.Double.toString printed for
// the same doubles (OpenJDK).
func TestJavaDouble(t *testing.T) {
	t.Parallel()
	tests := []struct {
		f    float64
		want string
	}{
		{1.0, "1.0"}, {1.1, "1.1"}, {100.0, "100.0"}, {1e7, "1.0E7"}, {9999999.0, "9999999.0"},
		{1e-3, "0.001"}, {0.001234, "0.001234"}, {9.99e-4, "9.99E-4"}, {1e21, "1.0E21"},
		{1.5e300, "1.5E300"}, {-2.5, "-2.5"}, {123456.789, "123456.789"},
		{sum(0.1, 0.2), "0.30000000000000004"}, {1e-10, "1.0E-10"}, {math.Copysign(0, -1), "-0.0"},
		{0, "0.0"}, {12345678.9, "1.23456789E7"}, {4.9e-324, "4.9E-324"},
		{math.MaxFloat64, "1.7976931348623157E308"}, {3.0, "3.0"}, {2.5e-5, "2.5E-5"},
		{math.NaN(), "NaN"}, {math.Inf(1), "Infinity"}, {math.Inf(-1), "-Infinity"},
		{1e-5, "1.0E-5"}, {123456789.0, "1.23456789E8"}, {0.5, "0.5"}, {1e100, "1.0E100"},
		{-1e-300, "-1.0E-300"}, {2.0e-3, "0.002"}, {1234567.0, "1234567.0"},
	}
	for _, tt := range tests {
		if got := javaDouble(tt.f); got != tt.want {
			t.Errorf("javaDouble(%v) = %q, want %q", tt.f, got, tt.want)
		}
	}
}

// sum adds at run time, where 0.1 + 0.2 is not 0.3.
func sum(a, b float64) float64 { return a + b }
