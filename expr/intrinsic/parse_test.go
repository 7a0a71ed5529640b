package intrinsic

import (
	"errors"
	"strings"
	"testing"
)

func TestCompile(t *testing.T) {
	t.Parallel()
	for _, src := range []string{
		"States.Array()",
		"States.Array( )",
		"  States.Array(1, 2)  ",
		"States.Format('x {}', $.a)",
		"States.Format('{}',$.a)",
		"States.Format($AnswerTemplate, $$.Map.Item.Value)",
		"States.Array('a', -1, 1.5, 2e3, true, false, null)",
		"States.Array($.a[0], $.b['x,y'], $.c[?(@.d == 'e,f)')])",
		"States.Array($..a, $.b[*], $.c[1:2])",
		`States.StringToJson('{"constant_in_literal": "false"}')`,
		`States.Format('He said "hi" \'{}\' \{\} \\', $.a)`,
		"States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), States.MathAdd(States.ArrayLength(States.StringSplit($$.StateMachine.Name, '-')), -1))",
		"States.MathRandom(1, 10)",
		"States.MathRandom(1, 10, 42)",
		"States.UUID()",
		"States.JsonMerge($.a, $.b, false)",
		"States.Array(" + strings.Repeat("States.Array(", 9) + strings.Repeat(")", 10),
	} {
		c, err := Compile(src)
		if err != nil {
			t.Errorf("Compile(%q): %v", src, err)
			continue
		}
		if c.String() != src {
			t.Errorf("String() = %q, want %q", c.String(), src)
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
		{"", "an intrinsic function call starts with 'States.'", 0},
		{"$.a", "an intrinsic function call starts with 'States.'", 0},
		{"States.Nope()", `unknown intrinsic function "States.Nope"`, 0},
		{"States.Format", "expected '(' after States.Format", 13},
		{"States.Array(1", "expected ',' or ')'", 14},
		{"States.Array(1 2)", "expected ',' or ')'", 15},
		{"States.Array(1,)", `unexpected ")"`, 15},
		{"States.Array(,)", `unexpected ",)"`, 13},
		{"States.Array(1) x", "unexpected text after the call", 15},
		{"States.Array('a)", "unterminated string literal", 13},
		{`States.Format('He said, \"Hello, {}!\"', 'x')`, "invalid escape in string literal", 24},
		{`States.Array('\n')`, "invalid escape in string literal", 14},
		{"States.Array(1.)", `invalid number "1."`, 13},
		{"States.Array(--1)", `invalid number "--1"`, 13},
		{"States.Array(truth)", `unexpected "truth)"`, 13},
		{"States.Array(x)", `unexpected "x)"`, 13},
		{"States.Array($.)", "Path must not end with a '.' or '..'", 14},
		{"States.Array($.a[)", "Could not parse token starting at position 3", 16},
		{"States.MathAdd(1)", "States.MathAdd takes 2 arguments, not 1", 0},
		{"States.MathAdd(1, 2, 3)", "States.MathAdd takes 2 arguments, not 3", 0},
		{"States.Format()", "States.Format takes at least 1 argument, not 0", 0},
		{"States.MathRandom(1)", "States.MathRandom takes 2 to 3 arguments, not 1", 0},
		{"States.UUID(1)", "States.UUID takes 0 arguments, not 1", 0},
		{"States.ArrayLength()", "States.ArrayLength takes 1 argument, not 0", 0},
		{"States.Array(" + strings.Repeat("States.Array(", 10) + strings.Repeat(")", 11), "intrinsic functions nest deeper than 10", 130},
	}
	for _, tt := range tests {
		_, err := Compile(tt.src)
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("Compile(%q) = %v, want a *SyntaxError", tt.src, err)
			continue
		}
		if !strings.Contains(se.Msg, tt.msg) || se.Offset != tt.offset || se.Src != tt.src {
			t.Errorf("Compile(%q) = %q at %d, want %q at %d", tt.src, se.Msg, se.Offset, tt.msg, tt.offset)
		}
	}
}

func TestSyntaxErrorText(t *testing.T) {
	t.Parallel()
	_, err := Compile("States.Nope()")
	want := `invalid intrinsic function call "States.Nope()" at offset 0: unknown intrinsic function "States.Nope"`
	if err == nil || err.Error() != want {
		t.Errorf("error = %v, want %s", err, want)
	}
}

func TestIsCall(t *testing.T) {
	t.Parallel()
	for s, want := range map[string]bool{
		"States.Array()": true, " States.X": true, "$.a": false, "States": false, "states.Array()": false,
	} {
		if IsCall(s) != want {
			t.Errorf("IsCall(%q) = %v", s, !want)
		}
	}
}
