package jsonata

import (
	"fmt"
	"strings"
	"testing"
)

// lexAll returns the tokens of src as "kind:text@pos" (in infix position
// after a value, as the parser asks), or the error.
func lexAll(src string) string {
	l := &lexer{src: src}
	var out []string
	infix := false
	for {
		t, err := l.next(infix)
		if err != nil {
			e := err.(*Error).populate()
			out = append(out, fmt.Sprintf("!%s@%d", e.Code, e.Position))
			return strings.Join(out, " ")
		}
		if t.kind == tokEnd {
			return strings.Join(out, " ")
		}
		out = append(out, tokenString(t))
		infix = t.kind != tokOperator || t.text == ")" || t.text == "]" || t.text == "}"
	}
}

var tokenKindNames = map[tokenKind]string{
	tokName: "name", tokVariable: "var", tokOperator: "op", tokString: "str",
	tokNumber: "num", tokValue: "val", tokRegex: "re",
}

func tokenString(t token) string {
	text := t.text
	switch t.kind {
	case tokNumber:
		text = formatNumberJS(t.num)
	case tokValue:
		text = fmt.Sprint(t.val)
	case tokString:
		text = fmt.Sprintf("%q", t.text)
	}
	return fmt.Sprintf("%s:%s@%d", tokenKindNames[t.kind], text, t.pos)
}

func TestLexer(t *testing.T) {
	t.Parallel()
	tests := []struct{ src, want string }{
		{"", ""},
		{"   ", ""},
		{"a", "name:a@1"},
		{"Account.Order", "name:Account@7 op:.@8 name:Order@13"},
		{"  a  ", "name:a@3"},
		{"a\tb\nc\rd\ve", "name:a@1 name:b@3 name:c@5 name:d@7 name:e@9"},
		{"$", "var:@1"},
		{"$$", "var:$@2"},
		{"$x", "var:x@2"},
		{"$x.y", "var:x@2 op:.@3 name:y@4"},
		{"$states.input", "var:states@7 op:.@8 name:input@13"},
		{"`a b`", "name:a b@5"},
		{"`a.b`.c", "name:a.b@5 op:.@6 name:c@7"},
		{"``", "name:@2"},
		{`"x"`, `str:"x"@3`},
		{`'x'`, `str:"x"@3`},
		{`"it's"`, `str:"it's"@6`},
		{`'say "hi"'`, `str:"say \"hi\""@10`},
		{`"a\"b"`, `str:"a\"b"@6`},
		{`"\\ \/ \b \f \n \r \t"`, `str:"\\ / \b \f \n \r \t"@22`},
		{`"\u00e9"`, `str:"é"@8`},
		{`"\u00E9\u00e8"`, `str:"éè"@14`},
		{`"\uD83D\uDE00"`, `str:"😀"@14`},
		{`"héllo"`, `str:"héllo"@8`},
		{"0", "num:0@1"},
		{"42", "num:42@2"},
		{"3.14", "num:3.14@4"},
		{"1e3", "num:1000@3"},
		{"1E+3", "num:1000@4"},
		{"2.5e-3", "num:0.0025@6"},
		{"0.5", "num:0.5@3"},
		{"1.", "num:1@1 op:.@2"},
		{"1..5", "num:1@1 op:..@3 num:5@4"},
		{"007", "num:0@1 num:0@2 num:7@3"},
		{"1e", "num:1@1 name:e@2"},
		{"-1", "op:-@1 num:1@2"},
		{"true false null", "val:true@4 val:false@10 val:<nil>@15"},
		{"truex", "name:truex@5"},
		{"and or in", "op:and@3 op:or@6 op:in@9"},
		{"a and b", "name:a@1 op:and@5 name:b@7"},
		{"android", "name:android@7"},
		{"..", "op:..@2"},
		{":=", "op::=@2"},
		{"!=", "op:!=@2"},
		{">=<=", "op:>=@2 op:<=@4"},
		{"**", "op:**@2"},
		{"~>", "op:~>@2"},
		{"?:", "op:?:@2"},
		{"??", "op:??@2"},
		{"a?b:c", "name:a@1 op:?@2 name:b@3 op::@4 name:c@5"},
		{"( ) [ ] { } , ; @ # | ^ & % * + - = < > !", "op:(@1 op:)@3 op:[@5 op:]@7 op:{@9 op:}@11 op:,@13 op:;@15 op:@@17 op:#@19 op:|@21 op:^@23 op:&@25 op:%@27 op:*@29 op:+@31 op:-@33 op:=@35 op:<@37 op:>@39 op:!@41"},
		{"~", "op:~@1"},
		{"a/b", "name:a@1 op:/@2 name:b@3"},
		{"/ab/", "re:ab@4"},
		{"/ab/i", "re:ab@5"},
		{"/ab/im", "re:ab@6"},
		{"/ab/mi x", "re:ab@6 name:x@8"},
		{`/a\/b/`, `re:a\/b@6`},
		{`/a[/]b/`, "re:a[/]b@7"},
		{`/(a|/)/`, "re:(a|/)@7"},
		{`/a\\/`, `re:a\\@5`},
		{"/* c */ a", "name:a@9"},
		{"a /* c */ b", "name:a@1 name:b@11"},
		{"/**/1", "num:1@5"},
		{"/* a */ /* b */", ""},
		{"a.b[0]", "name:a@1 op:.@2 name:b@3 op:[@4 num:0@5 op:]@6"},
		{"λ($x){$x}", "name:λ@2 op:(@3 var:x@5 op:)@6 op:{@7 var:x@9 op:}@10"},
		{"Ünïcödé.名前", "name:Ünïcödé@11 op:.@12 name:名前@18"}, // byte offsets
		{`a"b"`, `name:a"b"@4`},
	}
	for _, tt := range tests {
		if got := lexAll(tt.src); got != tt.want {
			t.Errorf("lex %q\n     got %s\n    want %s", tt.src, got, tt.want)
		}
	}
}

func TestLexerErrors(t *testing.T) {
	t.Parallel()
	tests := []struct{ src, want string }{
		{`"abc`, "!S0101@4"},
		{`'abc`, "!S0101@4"},
		{`"abc\`, "!S0101@5"},
		{"1e999", "!S0102@0"},
		{`"\q"`, "!S0103@2"},
		{`"\é"`, "!S0103@2"},
		{`"\u00"`, "!S0104@2"},
		{`"\uXYZW"`, "!S0104@2"},
		{`"\u+123"`, "!S0104@2"},
		{"`abc", "!S0105@4"},
		{"/* abc", "!S0106@0"},
		{"a /* b", "name:a@1 !S0106@2"},
		{"//", "!S0301@1"},
		{"/abc", "!S0302@4"},
		{"/a(b/", "!S0302@5"},
		{`/(?=a)/`, "!S0303@7"},
		{`/(a)\1/`, "!S0303@7"},
	}
	for _, tt := range tests {
		if got := lexAll(tt.src); got != tt.want {
			t.Errorf("lex %q\n     got %s\n    want %s", tt.src, got, tt.want)
		}
	}
}

func TestLexerSlashAfterValue(t *testing.T) {
	t.Parallel()
	// After a value a slash divides; elsewhere it starts a regex.
	l := &lexer{src: "a /b/"}
	if tok, _ := l.next(false); tok.text != "a" {
		t.Fatalf("first token %q", tok.text)
	}
	if tok, _ := l.next(true); tok.kind != tokOperator || tok.text != "/" {
		t.Fatalf("infix slash: %+v", tok)
	}
	l = &lexer{src: "/b/"}
	if tok, _ := l.next(false); tok.kind != tokRegex {
		t.Fatalf("prefix slash: %+v", tok)
	}
}

func TestLexerLoneSurrogates(t *testing.T) {
	t.Parallel()
	tests := []struct {
		src   string
		units []uint16
	}{
		{`"\uD800"`, []uint16{0xD800}},
		{`"\uDC00"`, []uint16{0xDC00}},
		{`"\uD800x"`, []uint16{0xD800, 'x'}},
		{`"\uD800\u0041"`, []uint16{0xD800, 'A'}},
		{`"\uDBFF\uDFFF"`, []uint16{0xDBFF, 0xDFFF}},
		{`"\uDE00\uD83D"`, []uint16{0xDE00, 0xD83D}},
	}
	for _, tt := range tests {
		l := &lexer{src: tt.src}
		tok, err := l.next(false)
		if err != nil {
			t.Fatalf("%s: %v", tt.src, err)
		}
		got := utf16Units(tok.text)
		if fmt.Sprint(got) != fmt.Sprint(tt.units) {
			t.Errorf("%s: units %x, want %x", tt.src, got, tt.units)
		}
		if utf16Len(tok.text) != len(tt.units) {
			t.Errorf("%s: utf16Len %d, want %d", tt.src, utf16Len(tok.text), len(tt.units))
		}
	}
}
