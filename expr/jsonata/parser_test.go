package jsonata

import (
	"strings"
	"testing"
)

// TestParse checks the processed syntax tree of expressions (see dump).
func TestParse(t *testing.T) {
	t.Parallel()
	tests := []struct{ src, want string }{
		{"a", "(path a)"},
		{"a.b", "(path a b)"},
		{"a.b.c", "(path a b c)"},
		{"$", "$"},
		{"$$", "$$"},
		{"$x", "$x"},
		{"$x.y", "(path $x y)"},
		{"$.a", "(path $ a)"},
		{"\"a\".b", "(path a b)"},
		{"a.\"b c\"", "(path a b c)"},
		{"`a b`.c", "(path a b c)"},
		{"1", "1"},
		{"-1", "-1"},
		{"- a", "(- (path a))"},
		{"--1", "1"},
		{"-(1)", "(- (block 1))"},
		{"1 + 2", "(+ 1 2)"},
		{"1 + 2 * 3", "(+ 1 (* 2 3))"},
		{"(1 + 2) * 3", "(* (block (+ 1 2)) 3)"},
		{"1 - 2 - 3", "(- (- 1 2) 3)"},
		{"2 * 3 / 4 % 5", "(% (/ (* 2 3) 4) 5)"},
		{"1 < 2 = true", "(= (< 1 2) true)"},
		{"a and b or c", "(or (and (path a) (path b)) (path c))"},
		{"a or b and c", "(or (path a) (and (path b) (path c)))"},
		{"a = 1 and b != 2", "(and (= (path a) 1) (!= (path b) 2))"},
		{"\"a\" & \"b\" & c", "(& (& \"a\" \"b\") (path c))"},
		{"a in [1, 2]", "(in (path a) [1 2])"},
		{"1..5", "!S0201"},
		{"[1..5]", "[(.. 1 5)]"},
		{"[1, 2..3, [4]]", "[1 (.. 2 3) [4]]"},
		{"[]", "[]"},
		{"{}", "{}"},
		{"{\"a\": 1, \"b\": [2]}", "{\"a\": 1, \"b\": [2]}"},
		{"a{b: c}", "(path a){group (path b): (path c)}"},
		{"a.b{c: d, e: f}", "(path a b){group (path c): (path d), (path e): (path f)}"},
		{"a[0]", "(path a{stages [0]})"},
		{"a[-1]", "(path a{stages [-1]})"},
		{"a[0][1]", "(path a{stages [0] [1]})"},
		{"a[b > 1]", "(path a{stages [(> (path b) 1)]})"},
		{"a[b][c]", "(path a{stages [(path b)] [(path c)]})"},
		{"a.b[0].c", "(path a b{stages [0]} c)"},
		{"a[]", "(path a!keep)!keep!single"},
		{"a.b[]", "(path a b!keep)!single"},
		{"a[][0]", "(path a{stages [0]}!keep)!keep!single"},
		{"a[0][]", "(path a{stages [0]}!keep)!keep!single"},
		{"a^(b)", "(path a (sort <(path b)))"},
		{"a^(>b, <c, d)", "(path a (sort >(path b) <(path c) <(path d)))"},
		{"a.b^(c).d", "(path a b (sort <(path c)) d)"},
		{"a#$i", "(path a#$i!tuple)"},
		{"a#$i.b", "(path a#$i!tuple b)"},
		{"a.b#$i[0]", "(path a b{stages [0]}#$i!tuple)"},
		{"a[0]#$i", "(path a{stages [0] #$i}!tuple)"},
		{"a@$v", "(path a@$v!tuple)"},
		{"a@$v.b@$w", "(path a@$v!tuple b@$w!tuple)"},
		{"a.b@$x.c", "(path a b@$x!tuple c)"},
		{"a.%", "(path a^!0!tuple %!0)"},
		{"a.b.%.c", "(path a b^!0!tuple %!0 c)"},
		{"a.b.%.%.c", "(path a^!1!tuple b^!0!tuple %!0 %!1 c)"},
		{"a.{\"p\": %.x}", "(path a^!0!tuple {\"p\": (path %!0 x)})"},
		{"a[%.x = 1]", "(path a{stages [(= (path %!0 x) 1)]}^!0!tuple)"},
		{"a.(b.%.c)", "(path a (block (path b^!0!tuple %!0 c)))"},
		{"*", "*"},
		{"a.*", "(path a *)"},
		{"a.*.b", "(path a * b)"},
		{"**", "**"},
		{"a.**.b", "(path a ** b)"},
		{"$f()", "(call $f)"},
		{"$f(1, 2)", "(call $f 1 2)"},
		{"$f(a.b)", "(call $f (path a b))"},
		{"$f(?, 1)", "(partial $f ? 1)"},
		{"$f(1)(2)", "(call (call $f 1) 2)"},
		{"a.$f()", "(path a (call $f))"},
		{"function($x){$x}", "(λ (x) $x)"},
		{"λ($x, $y){$x + $y}", "(λ (x y) (+ $x $y))"},
		{"function($x)<n:n>{$x}", "(λ (x)<n:n> $x)"},
		{"function($a, $b)<s-n?:s>{$a}", "(λ (a b)<s-n?:s> $a)"},
		{"function(){1}()", "(call (λ () 1))"},
		{"function($f){$f($f)}", "(λ (f) (thunk (call $f $f)))"},
		{"($x := 1; $x)", "(block (:= $x 1) $x)"},
		{"$x := $y := 1", "(:= $x (:= $y 1))"},
		{"()", "(block )"},
		{"(1)", "(block 1)"},
		{"(a; b; c)", "(block (path a) (path b) (path c))"},
		{"a ? b : c", "(? (path a) (path b) (path c))"},
		{"a ? b", "(? (path a) (path b) nil)"},
		{"a ? b : c ? d : e", "(? (path a) (path b) (? (path c) (path d) (path e)))"},
		{"a ?: b", "(? (path a) (path a) (path b))"},
		{"a ?? b", "(? (call $exists (path a)) (path a) (path b))"},
		{"a ~> $f", "(~> (path a) $f)"},
		{"a ~> $f()", "(~> (path a) (call $f))"},
		{"a ~> $f(1) ~> $g", "(~> (~> (path a) (call $f 1)) $g)"},
		{"$f ~> $g", "(~> $f $g)"},
		{"|a|{\"b\": 1}|", "(transform (path a) {\"b\": 1} nil)"},
		{"|a|{\"b\": 1}, \"c\"|", "(transform (path a) {\"b\": 1} \"c\")"},
		{"$ ~> |a|{}|", "(~> $ (transform (path a) {} nil))"},
		{"/ab+/", "/ab+/"},
		{"/ab+/i", "/ab+/"},
		{"$match(a, /x/)", "(call $match (path a) /x/)"},
		{"a.b.c{d: e}[0]", "(path a b c{stages [0]}){group (path d): (path e)}"},
		{"true", "true"},
		{"false", "false"},
		{"null", "<nil>"},
		{"a and", "!S0207"},
		{"and.or.in", "(path and or in)"},
		{"$string(a)[0]", "(call $string (path a))[0]"},
		{"[a][0]", "[(path a)][0]"},
		{"{\"a\": 1}.a", "(path {\"a\": 1} a)"},
		{"\"x\".y.z", "(path x y z)"},
		{"a.b.c.d.e.f", "(path a b c d e f)"},
		{"a[b[c]]", "(path a{stages [(path b{stages [(path c)]})]})"},
		{"a{b: c{d: e}}", "(path a){group (path b): (path c){group (path d): (path e)}}"},
	}
	for _, tt := range tests {
		n, err := parse(tt.src)
		got := ""
		if err != nil {
			got = "!" + err.(*Error).Code
		} else {
			got = dump(n)
		}
		if got != tt.want {
			t.Errorf("parse %q\n     got %s\n    want %s", tt.src, got, tt.want)
		}
	}
}

// TestCompileErrors checks syntax errors against the reference's code,
// position, token and message.
func TestCompileErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		src, code string
		pos       int
		token     string
		message   string
	}{
		{"1 +", "S0207", 3, "(end)", "Unexpected end of expression"},
		{"(1", "S0203", 2, "(end)", "Expected \")\" before end of expression"},
		{"[1, 2", "S0203", 5, "(end)", "Expected \"]\" before end of expression"},
		{"{\"a\": 1", "S0203", 7, "(end)", "Expected \"}\" before end of expression"},
		{"{\"a\" 1}", "S0202", 6, "1", "Expected \":\", got 1"},
		{"a.", "S0207", 2, "(end)", "Unexpected end of expression"},
		{"a[", "S0203", 2, "(end)", "Expected \"]\" before end of expression"},
		{"a[0", "S0203", 3, "(end)", "Expected \"]\" before end of expression"},
		{"$f(1", "S0203", 4, "(end)", "Expected \")\" before end of expression"},
		{"$f(1,", "S0203", 5, "(end)", "Expected \")\" before end of expression"},
		{"1 1", "S0201", 3, "1", "Syntax error: 1"},
		{"a b", "S0201", 3, "b", "Syntax error: \"b\""},
		{")", "S0211", 1, ")", "The symbol \")\" cannot be used as a unary operator"},
		{"]", "S0211", 1, "]", "The symbol \"]\" cannot be used as a unary operator"},
		{"}", "S0211", 1, "}", "The symbol \"}\" cannot be used as a unary operator"},
		{",", "S0211", 1, ",", "The symbol \",\" cannot be used as a unary operator"},
		{";", "S0211", 1, ";", "The symbol \";\" cannot be used as a unary operator"},
		{":", "S0211", 1, ":", "The symbol \":\" cannot be used as a unary operator"},
		{"a ! b", "S0204", 3, "!", "Unknown operator: \"!\""},
		{"a ~ b", "S0204", 3, "~", "Unknown operator: \"~\""},
		// and gives {"undefined":true}
		// or gives {"undefined":true}
		// in gives {"undefined":true}
		{"?", "S0211", 1, "?", "The symbol \"?\" cannot be used as a unary operator"},
		{"+", "S0211", 1, "+", "The symbol \"+\" cannot be used as a unary operator"},
		{"*a", "S0201", 2, "a", "Syntax error: \"a\""},
		{"-", "S0207", 1, "(end)", "Unexpected end of expression"},
		{"\"abc", "S0101", 4, "", "String literal must be terminated by a matching quote"},
		{"'abc", "S0101", 4, "", "String literal must be terminated by a matching quote"},
		{"`abc", "S0105", 4, "", "Quoted property name must be terminated with a backquote (`)"},
		{"\"\\q\"", "S0103", 2, "q", "Unsupported escape sequence: \\\"q\""},
		{"\"\\u12\"", "S0104", 2, "", "The escape sequence \\u must be followed by 4 hex digits"},
		{"1e999", "S0102", 0, "1e999", "Number out of range: \"1e999\""},
		{"/* open", "S0106", 0, "", "Comment has no closing tag"},
		{"//", "S0301", 1, "", "Empty regular expressions are not allowed"},
		{"/abc", "S0302", 4, "", "No terminating / in regular expression"},
		{"function(x){x}", "S0208", 10, "x", "Parameter 1 of function definition must be a variable name (start with $)"},
		{"function($x, 1){$x}", "S0208", 14, "1", "Parameter 2 of function definition must be a variable name (start with $)"},
		// function($x)<q>{$x} gives {"function":true}
		{"function($x)<s<s>>{$x}", "S0401", 15, "", "Type parameters can only be applied to functions and arrays"},
		{"function($x)<(s<s>)>{$x}", "S0402", 14, "", "Choice groups containing parameterized types are not supported"},
		{"function($x){$x", "S0203", 15, "(end)", "Expected \"}\" before end of expression"},
		{"function($x)", "S0203", 12, "(end)", "Expected \"{\" before end of expression"},
		{"1 := 2", "S0212", 1, "1", "The left side of := must be a variable name (start with $)"},
		{"a := 2", "S0212", 1, "a", "The left side of := must be a variable name (start with $)"},
		{"$x := ", "S0207", 6, "(end)", "Unexpected end of expression"},
		{"a@b", "S0214", 3, "@", "The right side of \"@\" must be a variable name (start with $)"},
		{"a#1", "S0214", 3, "#", "The right side of \"#\" must be a variable name (start with $)"},
		// a#$i@$v gives {"undefined":true}
		{"a[0]@$v", "S0215", 5, "", "A context variable binding must precede any predicates on a step"},
		{"a^(b)@$v", "S0216", 6, "", "A context variable binding must precede the 'order-by' clause on a step"},
		{"a{b: c}[0]{d: e}", "S0210", 11, "", "Each step can only have one grouping expression"},
		{"a{b: c}{d: e}", "S0210", 8, "", "Each step can only have one grouping expression"},
		{"a.b.1", "S0213", 5, "", "The literal value 1 cannot be used as a step within a path expression"},
		{"a.true", "S0213", 6, "", "The literal value true cannot be used as a step within a path expression"},
		{"a.null.b", "S0213", 6, "", "The literal value null cannot be used as a step within a path expression"},
		{"%", "S0217", 0, "parent", "The object representing the 'parent' cannot be derived from this expression"},
		{"%.a", "S0217", 0, "path", "The object representing the 'parent' cannot be derived from this expression"},
		// a.(%) gives {"undefined":true}
		{"$f(%)", "S0217", 3, "function", "The object representing the 'parent' cannot be derived from this expression"},
		{"[%]", "S0217", 1, "unary", "The object representing the 'parent' cannot be derived from this expression"},
		{"{\"a\": %}", "S0217", 1, "unary", "The object representing the 'parent' cannot be derived from this expression"},
		{"%[0]", "S0217", 0, "parent", "The object representing the 'parent' cannot be derived from this expression"},
		{"a ? b :", "S0207", 7, "(end)", "Unexpected end of expression"},
		{"a ?: ", "S0207", 5, "(end)", "Unexpected end of expression"},
		{"a ?? ", "S0207", 5, "(end)", "Unexpected end of expression"},
		{"|a|b", "S0203", 4, "(end)", "Expected \"|\" before end of expression"},
		{"|a|b|c|", "S0201", 6, "c", "Syntax error: \"c\""},
		{"|a", "S0203", 2, "(end)", "Expected \"|\" before end of expression"},
		{"$x(?", "S0203", 4, "(end)", "Expected \")\" before end of expression"},
		{"function($x){$x}(", "S0203", 17, "(end)", "Expected \")\" before end of expression"},
		{"(;", "S0211", 2, ";", "The symbol \";\" cannot be used as a unary operator"},
		// (1;) gives {"result":1}
		{"(1;;2)", "S0211", 4, ";", "The symbol \";\" cannot be used as a unary operator"},
		{"[,]", "S0211", 2, ",", "The symbol \",\" cannot be used as a unary operator"},
		{"{,}", "S0211", 2, ",", "The symbol \",\" cannot be used as a unary operator"},
		{"{\"a\": 1,}", "S0211", 9, "}", "The symbol \"}\" cannot be used as a unary operator"},
		{"[1,]", "S0211", 4, "]", "The symbol \"]\" cannot be used as a unary operator"},
		{"a..b", "S0201", 3, "..", "Syntax error: \"..\""},
		{"[1..]", "S0211", 5, "]", "The symbol \"]\" cannot be used as a unary operator"},
		{"[..1]", "S0211", 3, "..", "The symbol \"..\" cannot be used as a unary operator"},
		{"a.[", "S0203", 3, "(end)", "Expected \"]\" before end of expression"},
		{"a^(", "S0203", 3, "(end)", "Expected \")\" before end of expression"},
		{"a^()", "S0211", 4, ")", "The symbol \")\" cannot be used as a unary operator"},
		{"a^(>)", "S0211", 5, ")", "The symbol \")\" cannot be used as a unary operator"},
		{"\"a\" & ", "S0207", 6, "(end)", "Unexpected end of expression"},
		{"1 = = 2", "S0211", 5, "=", "The symbol \"=\" cannot be used as a unary operator"},
		{"1 < > 2", "S0211", 5, ">", "The symbol \">\" cannot be used as a unary operator"},
		{"a...b", "S0201", 3, "..", "Syntax error: \"..\""},
	}
	for _, tt := range tests {
		_, err := Compile(tt.src)
		e, ok := err.(*Error)
		if !ok {
			t.Errorf("%q: want %s, got %v", tt.src, tt.code, err)
			continue
		}
		if e.Code != tt.code || e.Position != tt.pos || e.Token != tt.token || e.Message != tt.message {
			t.Errorf("%q\n     got %s@%d %q %q\n    want %s@%d %q %q", tt.src,
				e.Code, e.Position, e.Token, e.Message, tt.code, tt.pos, tt.token, tt.message)
		}
		if !strings.HasPrefix(e.Error(), tt.code+": ") {
			t.Errorf("%q: Error() = %q", tt.src, e.Error())
		}
	}
}
