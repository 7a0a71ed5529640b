package main

import (
	"strings"
	"testing"
)

func TestEvalCommand(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args         []string
		code         int
		stdout, errs string
	}{
		{[]string{"1 + 2"}, 0, "3\n", ""},
		{[]string{"$states.input.n + $x", "--input", `{"n": 1}`, "--bindings", `{"x": 2}`}, 0, "3\n", ""},
		{[]string{"--input", `{"a":[1,2,3]}`, "a[$ > 1]"}, 0, "[2,3]\n", ""},
		{[]string{"nothing", "--input", `{}`}, 0, "", ""},
		{[]string{`"a" + 1`}, 1, "", "T2001"},
		{[]string{"1 +"}, 1, "", "S0207"},
		{[]string{"1", "--input", "{"}, 2, "", "--input"},
		{[]string{"1", "--bindings", "[]"}, 2, "", "--bindings"},
		{[]string{"--jsonpath", "$.a.b", "--input", `{"a":{"b":[1,2]}}`}, 0, "[1,2]\n", ""},
		{[]string{"--jsonpath", "States.Format('x{}', $.n)", "--input", `{"n":3}`}, 0, "\"x3\"\n", ""},
		{[]string{"--jsonpath", "$v", "--bindings", `{"v":"var"}`}, 0, "\"var\"\n", ""},
		{[]string{"--jsonpath", "$.missing", "--input", `{}`}, 1, "", "States.Runtime"},
		{[]string{}, 2, "", "usage"},
	}
	for _, tc := range tests {
		var out, errOut strings.Builder
		code := cmdEval(tc.args, &out, &errOut)
		if code != tc.code || out.String() != tc.stdout || !strings.Contains(errOut.String(), tc.errs) {
			t.Errorf("eval %q = %d %q %q, want %d %q containing %q", tc.args, code, out.String(), errOut.String(), tc.code, tc.stdout, tc.errs)
		}
	}
}
