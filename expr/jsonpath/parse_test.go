package jsonpath

import (
	"errors"
	"strings"
	"testing"
)

func TestCompile(t *testing.T) {
	t.Parallel()
	tests := []struct {
		src      string
		norm     string
		definite bool
	}{
		{"$", "$", true},
		{"  $.a  ", "$['a']", true},
		{"$.a.b", "$['a']['b']", true},
		{"$['a']['b']", "$['a']['b']", true},
		{`$["a"]`, "$['a']", true},
		{"$.a[0]", "$['a'][0]", true},
		{"$.a[-1]", "$['a'][-1]", true},
		{"$[0][1]", "$[0][1]", true},
		{"$.[0]", "$[0]", true},
		{"$.['a']", "$['a']", true},
		{"$.delivery-partner", "$['delivery-partner']", true},
		{"$.a:b$c", "$['a:b$c']", true},
		{"$['a b']", "$['a b']", true},
		{`$['it\'s']`, "$['it's']", true},
		{`$['a\\b']`, `$['a\b']`, true},
		{`$['\u0041']`, "$['A']", true},
		{"$['']", "$['']", true},
		{"$['a', 'b']", "$['a', 'b']", true},
		{"$['a','b']", "$['a', 'b']", true},
		{"$[0,1]", "$[0,1]", false},
		{"$[ 0 , 1 ]", "$[0,1]", false},
		{"$.a[*]", "$['a'][*]", false},
		{"$.a[ * ]", "$['a'][*]", false},
		{"$.*", "$[*]", false},
		{"$.*.a", "$[*]['a']", false},
		{"$..a", "$..['a']", false},
		{"$..*", "$..[*]", false},
		{"$..[0]", "$..[0]", false},
		{"$.a[1:2]", "$['a'][1:2]", false},
		{"$.a[1:]", "$['a'][1:]", false},
		{"$.a[:2]", "$['a'][:2]", false},
		{"$.a[-2:]", "$['a'][-2:]", false},
		{"$.a[1:5:2]", "$['a'][1:5]", false},
		{"$.a[1::2]", "$['a'][1:]", false},
		{"$.a[?(@.b)]", "$['a'][?]", false},
		{"$.a[?(@.b == 'x')].c", "$['a'][?]['c']", false},
		{"$.a[ ?( @.b ) ]", "$['a'][?]", false},
		{"$.a.length()", "$['a'].length()", true},
		{"$.a.sum()", "$['a'].sum()", true},
		{"$[*]", "$[*]", false},
	}
	for _, tt := range tests {
		p, err := Compile(tt.src)
		if err != nil {
			t.Errorf("Compile(%q): %v", tt.src, err)
			continue
		}
		if p.Normalized() != tt.norm || p.Definite() != tt.definite || p.String() != tt.src {
			t.Errorf("Compile(%q) = %s definite=%v, want %s definite=%v", tt.src, p.Normalized(), p.Definite(), tt.norm, tt.definite)
		}
	}
}

func TestCompileErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		src    string
		msg    string
		offset int
	}{
		{"", "path must not be empty", 0},
		{"   ", "path must not be empty", 3},
		{"a.b", "Path must start with '$'", 0},
		{"@.a", "Path must start with '$'", 0},
		{"$a", "Illegal character at position 1 expected '.' or '['", 1},
		{"$.", "Path must not end with a '.' or '..'", 1},
		{"$..", "Path must not end with a '.' or '..'", 2},
		{"$.a.", "Path must not end with a '.' or '..'", 3},
		{"$...a", "Character '.' on position 3 is not valid.", 3},
		{"$.a b", "Use bracket notion ['my prop'] if your property contains blank characters. position: 2", 3},
		{"$.(", "Could not parse token starting at position 2", 2},
		{"$[a]", "Could not parse token starting at position 1. Expected ?, ', 0-9, * ", 1},
		{"$[", "Could not parse token starting at position 1. Expected ?, ', 0-9, * ", 1},
		{"$['a'", "Property must be separated by comma or Property must be terminated close square bracket at index 4", 4},
		{"$['a", "Property has not been closed - missing closing '", 4},
		{"$['a' 'b']", "Property must be separated by comma or Property must be terminated close square bracket at index 4", 4},
		{"$['a',]", "Found empty property at index 6", 6},
		{"$['a',,'b']", "Found empty property at index 6", 6},
		{"$[*", "Expected wildcard token to end with ']' on position 3", 3},
		{"$[*x]", "Expected wildcard token to end with ']' on position 3", 3},
		{"$[0", "Could not parse token starting at position 1", 1},
		{"$[0a]", "Could not parse token starting at position 1", 1},
		{"$[::]", "Failed to parse SliceOperation: ::", 1},
		{"$[:]", "Failed to parse SliceOperation: :", 1},
		{"$[1 :2]", "Failed to parse SliceOperation: 1 :2", 1},
		{"$[9999999999]", "Failed to parse token in ArrayIndexOperation: 9999999999", 1},
		{"$[1,]", "Failed to parse token in ArrayIndexOperation: ", 1},
		{"$[-]", "Failed to parse token in ArrayIndexOperation: -", 1},
		{"$.a(1)", "Arguments to function: 'a' are not supported", 3},
		{"$.a().b", "Function 'a' must be the last token of the path", 5},
		{"$[?(@.a)", "Could not parse token starting at position 1", 8},
		{"$[?@.a]", "Could not parse token starting at position 1", 1},
		{"$[?(@.a == )]", "expected a value in filter", 11},
		{"$[?(@.a == 'x)]", "Could not parse token starting at position 1", 3},
		{"$[?(@.a ==)]", "expected a value in filter", 10},
		{"$[?(@.a =~ /x(/)]", "invalid regular expression /x(/", 11},
		{"$[?(@.a =~ /x/q)]", "unsupported regular expression flag 'q'", 11},
		{"$[?(@.a == x)]", `unexpected "x" in filter`, 11},
		{"$[?(@.a && )]", "expected a value in filter", 11},
		{"$[?((@.a)]", "Could not parse token starting at position 1", 3},
		{"$[?((@.a @.b))]", "expected ')' in filter", 9},
		{"$[?(@.a == [1,)]", "expected a value in filter", 14},
		{"$[?(a)]", `unexpected "a" in filter`, 4},
		{"$[?(@.a 1)]", `unexpected "1" in filter`, 8},
		{"$[?(@['a')]", "Square brackets does not match in filter", 4},
	}
	for _, tt := range tests {
		_, err := Compile(tt.src)
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("Compile(%q) = %v, want a *SyntaxError", tt.src, err)
			continue
		}
		if !strings.Contains(se.Msg, tt.msg) || se.Offset != tt.offset || se.Path != tt.src {
			t.Errorf("Compile(%q) = %q at %d, want %q at %d", tt.src, se.Msg, se.Offset, tt.msg, tt.offset)
		}
	}
}

func TestMustCompilePanics(t *testing.T) {
	t.Parallel()
	defer func() {
		if recover() == nil {
			t.Error("MustCompile of a bad path did not panic")
		}
	}()
	MustCompile("$.")
}

func TestNestingLimit(t *testing.T) {
	t.Parallel()
	src := "$" + strings.Repeat("[?(@", maxNesting+2) + strings.Repeat(")]", maxNesting+2)
	if _, err := Compile(src); err == nil {
		t.Error("deeply nested filters compiled")
	}
	deep := "$[?(" + strings.Repeat("!", 2*maxNesting) + "@.a)]"
	if _, err := Compile(deep); err == nil {
		t.Error("deeply nested negation compiled")
	}
}

func TestSyntaxErrorText(t *testing.T) {
	t.Parallel()
	_, err := Compile("$.")
	want := `invalid JSONPath "$." at offset 1: Path must not end with a '.' or '..'`
	if err == nil || err.Error() != want {
		t.Errorf("error = %v, want %s", err, want)
	}
}
