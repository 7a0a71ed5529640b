package jsonata

import (
	"strings"
	"testing"
)

func TestTranslateRegex(t *testing.T) {
	t.Parallel()
	tests := []struct{ js, want string }{
		{`abc`, `abc`},
		{`a.c`, `a[^\n\r\x{2028}\x{2029}]c`},
		{`\d+\w*\W\D`, `\d+\w*\W\D`},
		{`\s`, `[` + jsSpace + `]`},
		{`\S`, `[^` + jsSpace + `]`},
		{`[\s,]`, `[` + jsSpace + `,]`},
		{`[^\S]`, `[^\S]`},
		{`\b\B`, `\b\B`},
		{`[\b]`, `[\x08]`},
		{`[\B]`, `[B]`},
		{`\/`, `\/`},
		{`\.\*\+\?\(\)\[\]\{\}\|\^\$\\`, `\.\*\+\?\(\)\[\]\{\}\|\^\$\\`},
		{`\-`, `\-`},
		{`\n\r\t\f\v`, `\n\r\t\f\v`},
		{`\0`, `\x00`},
		{`\x41`, `\x{41}`},
		{`\xZ`, `xZ`},
		{`\u00e9`, `\x{00e9}`},
		{`\u12`, `u12`},
		{`\cJ`, `\x{a}`},
		{`\c1`, `\\c1`},
		{`\a\e\g\q`, `aegq`},
		{`\é`, `é`},
		{`[^]`, `(?s:.)`},
		{`[]`, `[^\x00-\x{10FFFF}]`},
		{`[[]`, `[\[]`},
		{`[a-z]`, `[a-z]`},
		{`[^a-z]`, `[^a-z]`},
		{`(a)(?:b)(?<n>c)`, `(a)(?:b)(?<n>c)`},
		{`a{2,3}?`, `a{2,3}?`},
		{`^a|b$`, `^a|b$`},
		{`é+`, `é+`},
		{`[.]`, `[.]`},
	}
	for _, tt := range tests {
		got, ok := translateRegex(tt.js)
		if !ok || got != tt.want {
			t.Errorf("translateRegex(%q) = %q, %v; want %q", tt.js, got, ok, tt.want)
		}
	}
	for _, bad := range []string{`(?=a)`, `(?!a)`, `(?<=a)`, `(?<!a)`, `(a)\1`, `\9`, `a\`} {
		if got, ok := translateRegex(bad); ok {
			t.Errorf("translateRegex(%q) = %q, want a failure", bad, got)
		}
	}
}

func TestCompileRegexFlags(t *testing.T) {
	t.Parallel()
	tests := []struct {
		pattern, flags, subject string
		match                   bool
	}{
		{"abc", "", "xABCx", false},
		{"abc", "i", "xABCx", true},
		{"^b", "", "a\nb", false},
		{"^b", "m", "a\nb", true},
		{"a$", "m", "a\nb", true},
		{"a.b", "", "a\nb", false},
		{"a.b", "", "a\u2028b", false},
		{"a.b", "", "a\tb", true},
		{`\s`, "", "\u00a0", true},
		{`\s`, "", "\ufeff", true},
		{`\s`, "", "x", false},
		{`[^]`, "", "\n", true},
		{`[]`, "", "anything", false},
	}
	for _, tt := range tests {
		re, err := compileRegex(tt.pattern, tt.flags)
		if err != nil {
			t.Errorf("/%s/%s: %v", tt.pattern, tt.flags, err)
			continue
		}
		if got := re.re.MatchString(tt.subject); got != tt.match {
			t.Errorf("/%s/%s on %q = %v, want %v", tt.pattern, tt.flags, tt.subject, got, tt.match)
		}
	}
	if _, err := compileRegex("a{2000}", ""); err == nil || err.Code != "S0303" {
		t.Errorf("a repetition RE2 refuses: %v", err)
	}
}

// iterate collects the matches of a regex the way $match walks them.
func iterate(t *testing.T, pattern, subject string) (string, string) {
	t.Helper()
	lit, err := compileRegex(pattern, "")
	if err != nil {
		t.Fatal(err)
	}
	it := (&regexFn{lit: lit}).matches(subject)
	var out []string
	for {
		m, err := it.next()
		if err != nil {
			return strings.Join(out, "|"), err.(*Error).Code
		}
		if m == nil {
			return strings.Join(out, "|"), ""
		}
		out = append(out, m.text)
	}
}

func TestRegexIteration(t *testing.T) {
	t.Parallel()
	tests := []struct{ pattern, subject, want, code string }{
		{`b`, "abcabc", "b|b", ""},
		{`\d+`, "a1b22c333", "1|22|333", ""},
		{`x`, "abc", "", ""},
		{`a*`, "aaa", "aaa", ""},
		{`a*`, "aab", "aa", "D1004"},
		{`a*`, "aaba", "aa", "D1004"},
		{`x*`, "abc", "", "D1004"},
		{`x*`, "", "", ""},
		{`b*`, "abc", "", "D1004"},
		{`a|`, "ab", "a", "D1004"},
		{`^a`, "aaa", "a", ""},
		{`\ba`, "a a", "a|a", ""},
		{`$`, "abc", "", ""},
		{`c$`, "abc", "c", ""},
	}
	for _, tt := range tests {
		got, code := iterate(t, tt.pattern, tt.subject)
		if got != tt.want || code != tt.code {
			t.Errorf("/%s/ on %q: %q %s, want %q %s", tt.pattern, tt.subject, got, code, tt.want, tt.code)
		}
	}
}

func TestRegexAsFunction(t *testing.T) {
	t.Parallel()
	tests := []struct{ src, want string }{
		{`/b/("abc")`, `{"match":"b","start":1,"end":2,"groups":[]}`},
		{`/(b)(x)?/("abc").groups`, `["b",null]`},
		{`/b/("abcb").next()`, `{"match":"b","start":3,"end":4,"groups":[]}`},
		{`/b/("abcb").next().next()`, "undefined"},
		{`/x/("abc")`, "undefined"},
		{`/b/("😀b").start`, "2"},
		{`/b/(1)`, "undefined"},
		{`/b/("abcb", 2).start`, "3"},
		{`$type(/b/)`, `"function"`},
		// the regex takes the index as where to start: "cd" from 1 has no match
		{`$map(["ab", "cd"], /[bc]/).match`, `"b"`},
	}
	for _, tt := range tests {
		if got := evalText(tt.src, Undefined, nil); got != tt.want {
			t.Errorf("%s = %s, want %s", tt.src, got, tt.want)
		}
	}
}

func TestCustomMatcher(t *testing.T) {
	t.Parallel()
	// a function that behaves like a regex: the reference's matcher protocol
	matcher := `function($s){ $contains($s, "o") ? {"match": "o", "start": $length($substringBefore($s, "o")), "end": $length($substringBefore($s, "o")) + 1, "groups": [], "next": function(){undefined}} : undefined }`
	tests := []struct{ src, want string }{
		{`$match("hello", ` + matcher + `)`, `{"match":"o","index":4,"groups":[]}`},
		{`$contains("hello", ` + matcher + `)`, "true"},
		{`$contains("hell", ` + matcher + `)`, "false"},
		{`$replace("foo", ` + matcher + `, "0")`, `"f0o"`},
		{`$split("foo", ` + matcher + `)`, `["f","o"]`},
		{`$match("x", function($s){{"bad": 1}})`, `!T1010: The matcher function argument passed to function "match" does not return the correct object structure`},
	}
	for _, tt := range tests {
		if got := evalText(tt.src, Undefined, nil); got != tt.want {
			t.Errorf("%s\n     got %s\n    want %s", tt.src, got, tt.want)
		}
	}
}
