package jsonata

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stepwisehq/stepwise/value"
)

func describeSignature(s *signature) string {
	parts := make([]string, len(s.params))
	for i, p := range s.params {
		mods := ""
		if p.optional {
			mods += "?"
		}
		if p.variadic {
			mods += "+"
		}
		if p.context {
			mods += "-"
		}
		sub := ""
		if p.subtype != "" {
			sub = "<" + p.subtype + ">"
		}
		parts[i] = p.accept + sub + mods
	}
	return strings.Join(parts, " ")
}

func TestParseSignature(t *testing.T) {
	t.Parallel()
	tests := []struct{ sig, want string }{
		{"<s:s>", "sm"},
		{"<n-:n>", "nm?-"},
		{"<s-nn?:s>", "sm?- nm nm?"},
		{"<a<n>:n>", "asnblfom<n>"},
		{"<x-b?:s>", "asnblfom?- bm?"},
		{"<(sf)(sf)n?:s>", "sfm sfm nm?"},
		{"<af?>", "asnblfom f?"},
		{"<a+>", "asnblfom+"},
		{"<f<s:o>n?:a<o>>", "f<s:o> nm?"},
		{"<j-:j>", "asnblom?-"},
		{"<l>", "lm"},
		{"<o-f?:o>", "om?- f?"},
		{"<:n>", ""},
		{"<>", ""},
		{"<q>", ""},
		{"<s?s?:s>", "sm? sm?"},
		{"<(nsb)-:n>", "nsbm?-"},
		{"<a<a<n>>:n>", "asnblfom<a<n>>"},
	}
	for _, tt := range tests {
		s, err := parseSignature(tt.sig)
		if err != nil {
			t.Errorf("%s: %v", tt.sig, err)
			continue
		}
		if got := describeSignature(s); got != tt.want {
			t.Errorf("%s = %q, want %q", tt.sig, got, tt.want)
		}
	}
}

func TestParseSignatureErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		sig, code string
		offset    int
	}{
		{"<s<s>>", "S0401", 2},
		{"<n<n>:n>", "S0401", 2},
		{"<<n>>", "S0401", 1},
		{"<(s<s>)>", "S0402", 1},
		{"<a(a<n>)>", "S0402", 2},
	}
	for _, tt := range tests {
		_, err := parseSignature(tt.sig)
		if err == nil || err.Code != tt.code || err.index != tt.offset {
			t.Errorf("%s: got %v (offset %v), want %s at %d", tt.sig, err, errIndex(err), tt.code, tt.offset)
		}
	}
}

func errIndex(e *Error) int {
	if e == nil {
		return -1
	}
	return e.index
}

func TestValidateSignature(t *testing.T) {
	t.Parallel()
	obj := value.MustParse(`{"k": 1}`)
	tests := []struct {
		sig     string
		args    []any
		context any
		want    string
	}{
		{"<s:s>", []any{"a"}, undefined, `["a"]`},
		{"<s:s>", []any{}, undefined, "!T0410 1"},
		{"<s:s>", []any{undefined}, undefined, "[undefined]"},
		{"<s:s>", []any{1.0}, undefined, "!T0410 1"},
		{"<s:s>", []any{"a", "b"}, undefined, "!T0410 2"},
		{"<s-:s>", []any{}, "ctx", `["ctx"]`},
		{"<s-:s>", []any{}, 5.0, "!T0411 1"},
		{"<s-:s>", []any{}, undefined, "[undefined]"},
		{"<s-nn?:s>", []any{1.0}, "ctx", `["ctx",1,undefined]`},
		{"<s-nn?:s>", []any{"x", 1.0}, "ctx", `["x",1]`},
		{"<s-nn?:s>", []any{"x", 1.0, 2.0}, undefined, `["x",1,2]`},
		{"<a:a>", []any{1.0}, undefined, "[[1]]"},
		{"<a:a>", []any{[]any{1.0}}, undefined, "[[1]]"},
		{"<a:a>", []any{undefined}, undefined, "[undefined]"},
		{"<a<n>:n>", []any{[]any{1.0, "x"}}, undefined, "!T0412 1"},
		{"<a<n>:n>", []any{"x"}, undefined, "!T0412 1"},
		{"<a<n>:n>", []any{2.0}, undefined, "[[2]]"},
		{"<a<s>:n>", []any{[]any{}}, undefined, "[[]]"},
		{"<f:x>", []any{undefined}, undefined, "!T0410 1"},
		{"<f:x>", []any{builtins["sum"]}, undefined, "[function]"},
		{"<x:x>", []any{builtins["sum"]}, undefined, "[function]"},
		{"<j:x>", []any{builtins["sum"]}, undefined, "!T0410 1"},
		{"<o:x>", []any{obj}, undefined, `[{"k":1}]`},
		{"<o:x>", []any{[]any{}}, undefined, "!T0410 1"},
		{"<l:x>", []any{nil}, undefined, "[null]"},
		{"<b:x>", []any{true}, undefined, "[true]"},
		{"<(ns):x>", []any{"a"}, undefined, `["a"]`},
		{"<(ns):x>", []any{true}, undefined, "!T0410 1"},
		{"<a+>", []any{1.0, []any{2.0}}, undefined, "[[1],[2]]"},
		{"<a+>", []any{}, undefined, "!T0410 1"},
		{"<s?n+:a<n>>", []any{1.0, 2.0, 3.0}, undefined, "[1,2,3,undefined]"},
		{"<ss?s?:s>", []any{"a", "b"}, undefined, `["a","b"]`}, // unchanged: missing ones read as undefined
		{"<n-s?s?:s>", []any{}, 5.0, "[5,undefined,undefined]"},
		{"<xx:a>", []any{1.0}, undefined, "!T0410 2"},
		{"<afj?:j>", []any{[]any{}, builtins["sum"]}, undefined, "[[],function]"},
	}
	for _, tt := range tests {
		sig := mustSignature(tt.sig)
		got, err := sig.validate(tt.args, tt.context, nil)
		desc := ""
		if err != nil {
			desc = fmt.Sprintf("!%s %d", err.Code, err.index)
		} else {
			desc = describeArgs(got)
		}
		if desc != tt.want {
			t.Errorf("%s %v: got %s, want %s", tt.sig, tt.args, desc, tt.want)
		}
	}
}

func describeArgs(args []any) string {
	parts := make([]string, len(args))
	for i, a := range args {
		switch {
		case a == undefined:
			parts[i] = "undefined"
		case isFunction(a):
			parts[i] = "function"
		default:
			s, _ := stringify(a, false, false)
			parts[i] = s
		}
	}
	return "[" + strings.Join(parts, ",") + "]"
}

func TestValidateLeavesArgumentsAlone(t *testing.T) {
	t.Parallel()
	args := []any{"x", 1.0}
	got, err := mustSignature("<s-nn?:s>").validate(args, undefined, nil)
	if err != nil || &got[0] != &args[0] {
		t.Errorf("arguments that need no fixing should be returned as they are")
	}
	scratch := make([]any, 0, 8)
	got, err = mustSignature("<s-n:s>").validate([]any{1.0}, "ctx", &scratch)
	if err != nil || len(got) != 2 || len(scratch) != 2 || &got[0] != &scratch[0] {
		t.Errorf("fixed arguments should go to the scratch space: %v %v", got, err)
	}
}
