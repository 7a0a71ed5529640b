package jsonpath

import (
	"fmt"
	"sync"
	"testing"

	"github.com/stepwisehq/stepwise/value"
)

func TestUnescape(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{`plain`, "plain"},
		{`it\'s`, "it's"},
		{`a\"b`, `a"b`},
		{`a\\b`, `a\b`},
		{`a\/b`, "a/b"},
		{`\b\f\n\r\t`, "\b\f\n\r\t"},
		{`\u00e9t\u00E9`, "été"},
		{`\u12`, "u12"},
		{`\uzzzz`, "uzzzz"},
		{`\q`, "q"},
		{`end\`, `end\`},
	}
	for _, tt := range tests {
		if got := unescape(tt.in); got != tt.want {
			t.Errorf("unescape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestClosingParen(t *testing.T) {
	t.Parallel()
	tests := []struct {
		s    string
		want int
	}{
		{"()", 1},
		{"(a(b)c)", 6},
		{"(')')", 4},
		{`(")")`, 4},
		{`('\')')`, 6},
		{"(@.a =~ /)/)", 11},
		{"(a / b)", 6},
		{"(", -1},
		{"((a)", -1},
		{"(')", -1},
		{"(@.a =~ /x", -1},
	}
	for _, tt := range tests {
		if got := closingParen(tt.s, 0); got != tt.want {
			t.Errorf("closingParen(%q) = %d, want %d", tt.s, got, tt.want)
		}
	}
}

func TestMatchingBracket(t *testing.T) {
	t.Parallel()
	tests := []struct {
		s    string
		want int
	}{
		{"[]", 1},
		{"[[a]]", 4},
		{"[']']", 4},
		{"[", -1},
		{"['", -1},
	}
	for _, tt := range tests {
		if got := matchingBracket(tt.s, 0); got != tt.want {
			t.Errorf("matchingBracket(%q) = %d, want %d", tt.s, got, tt.want)
		}
	}
	if got := matchingBrace(`{"a":{"b":"}"}}`, 0); got != 14 {
		t.Errorf("matchingBrace = %d, want 14", got)
	}
	if got := matchingBrace(`{"a"`, 0); got != -1 {
		t.Errorf("matchingBrace of an open object = %d", got)
	}
}

func TestSliceBounds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		src      string
		n        int
		from, to int
	}{
		{"$[1:3]", 5, 1, 3},
		{"$[1:9]", 5, 1, 5},
		{"$[-2:]", 5, 3, 5},
		{"$[-9:]", 5, 0, 5},
		{"$[:-1]", 5, 0, 4},
		{"$[:-9]", 5, 0, -4},
		{"$[:9]", 5, 0, 5},
		{"$[-3:4]", 5, -3, 4},
		{"$[2:]", 0, 2, 0},
	}
	for _, tt := range tests {
		p := MustCompile(tt.src)
		from, to := sliceBounds(&p.toks[0], tt.n)
		if from != tt.from || to != tt.to {
			t.Errorf("sliceBounds(%s, %d) = %d, %d; want %d, %d", tt.src, tt.n, from, to, tt.from, tt.to)
		}
	}
}

func TestCompareNumbers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a, b string
		want int
	}{
		{"1", "2", -1},
		{"2", "1", 1},
		{"1", "1.0", 0},
		{"1e2", "100", 0},
		{"0.1", "0.10", 0},
		{"9007199254740993", "9007199254740992", 1},
		{"-0", "0", 0},
		{"12345678901234567890123", "12345678901234567890124", -1},
	}
	for _, tt := range tests {
		if got := compareNumbers(value.Number(tt.a), value.Number(tt.b)); sign(got) != tt.want {
			t.Errorf("compareNumbers(%s, %s) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

func TestCompareUTF16(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a, b string
		want int
	}{
		{"a", "b", -1},
		{"b", "a", 1},
		{"a", "a", 0},
		{"a", "ab", -1},
		{"B", "a", -1},
		// U+FF61 sorts after U+1F600 in UTF-8 but before it in UTF-16,
		// whose surrogates start at 0xD800.
		{"\uff61", "\U0001f600", 1},
	}
	for _, tt := range tests {
		if got := compareUTF16(tt.a, tt.b); sign(got) != tt.want {
			t.Errorf("compareUTF16(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestContextString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		v      string
		isRoot bool
		want   string
	}{
		{`"s"`, false, "s"},
		{`"s"`, true, `"s"`},
		{`1.50`, false, "1.5"},
		{`1.50`, true, "1.50"},
		{`true`, false, "true"},
		{`{"a":"é"}`, false, `{"a":"é"}`},
		{`[1,2]`, true, `[1,2]`},
	}
	for _, tt := range tests {
		if got := contextString(value.MustParse(tt.v), tt.isRoot); got != tt.want {
			t.Errorf("contextString(%s, %v) = %q, want %q", tt.v, tt.isRoot, got, tt.want)
		}
	}
}

func TestTokenFragments(t *testing.T) {
	t.Parallel()
	for src, want := range map[string]string{
		"$.a":           "['a']",
		"$['a','b']":    "['a', 'b']",
		"$[0]":          "[0]",
		"$[0,-1]":       "[0,-1]",
		"$[1:2]":        "[1:2]",
		"$[:2]":         "[:2]",
		"$[1:]":         "[1:]",
		"$[*]":          "[*]",
		"$..a":          "..",
		"$[?(@.a)]":     "[?]",
		"$.length()":    ".length()",
		"$['it\\'s']":   "['it's']",
		"$['a\\\\b']":   `['a\b']`,
		"$['']":         "['']",
		"$[2147483647]": "[2147483647]",
	} {
		p := MustCompile(src)
		if got := p.toks[0].fragment(); got != want {
			t.Errorf("fragment(%s) = %q, want %q", src, got, want)
		}
	}
}

func TestUpstreamDefinite(t *testing.T) {
	t.Parallel()
	// Jayway 2.1 reports a missing property in the middle of a path only
	// when the path from the previous token on is definite.
	runEvalCases(t, value.MustParse(`{"a":{},"l":[{}],"o":{"p":{}}}`), []evalCase{
		{path: "$.x.y", err: "Missing property in path $['x']"},
		{path: "$.a.x.y", err: "Missing property in path $['a']['x']"},
		{path: "$.x.y[*]", want: `[]`},
		{path: "$.a.x[0:1]", want: `[]`},
		{path: "$.l[*].x.y", want: `[]`},
		{path: "$.l[0].x.y", err: "Missing property in path $['l'][0]['x']"},
		{path: "$..p.x.y", err: "Missing property in path $['o']['p']['x']"},
		{path: "$..p.x[*]", want: `[]`},
		{path: "$.l[?(@)].x.y", want: `[]`},
	})
}

func TestConcurrentEval(t *testing.T) {
	t.Parallel()
	paths := []*Path{
		MustCompile("$.store.book[*].author"),
		MustCompile("$..price"),
		MustCompile("$.store.book[?(@.price < 10)].title"),
		MustCompile("$.store.book[0].title"),
		MustCompile("$.nope.x"),
	}
	want := make([]string, len(paths))
	for i, p := range paths {
		want[i] = evalString(p)
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; n < 200; n++ {
				i := n % len(paths)
				if got := evalString(paths[i]); got != want[i] {
					t.Errorf("concurrent Eval(%s) = %s, want %s", paths[i], got, want[i])
					return
				}
			}
		}()
	}
	wg.Wait()
}

func evalString(p *Path) string {
	v, err := p.Eval(store)
	if err != nil {
		return err.Error()
	}
	return value.String(v)
}

func TestEvalTrailInMessages(t *testing.T) {
	t.Parallel()
	doc := value.MustParse(`{"a":[{"b":{"c":1}},{"b":{"c":[2]}}],"m":{"k":{"x":"s"}}}`)
	runEvalCases(t, doc, []evalCase{
		{path: "$.a[*].b.c[0]", err: "Filter: [0] can only be applied to arrays. Current context is: 1"},
		{path: "$.m.*.x.y", err: "Property ['y'] not found in path $['m']['k']['x']"},
		{path: "$..c[0]", err: "Filter: [0] can only be applied to arrays. Current context is: 1"},
		{path: "$.a[1:].b.c[0]", want: `[2]`},
		{path: "$.a[?(@.b)].b.c.d", err: "Property ['d'] not found in path $['a'][0]['b']['c']"},
		{path: "$.m[?(@.k)].k.x[0]", err: "Filter: [0] can only be applied to arrays. Current context is: s"},
		{path: "$.m[?(@.k)].k.x[?(@)]", err: "Filter: [?] can not be applied to primitives. Current context is: s"},
	})
}

func ExamplePath_Eval() {
	doc := value.MustParse(`{"order":{"items":[{"sku":"a","qty":1},{"sku":"b","qty":3}]}}`)
	for _, src := range []string{
		"$.order.items[0].sku",
		"$.order.items[*].sku",
		"$.order.items[?(@.qty > 2)].sku",
		"$.order.total",
		"$.order.items[5]",
	} {
		v, err := MustCompile(src).Eval(doc)
		if err != nil {
			fmt.Printf("%s: %v\n", src, err)
			continue
		}
		fmt.Printf("%s: %s\n", src, value.String(v))
	}
	// Output:
	// $.order.items[0].sku: "a"
	// $.order.items[*].sku: ["a","b"]
	// $.order.items[?(@.qty > 2)].sku: ["b"]
	// $.order.total: No results for path: $['order']['total']
	// $.order.items[5]: null
}

func ExamplePath_Set() {
	in := value.MustParse(`{"comment":"hi"}`)
	out, err := MustCompile("$.result.value").Set(in, value.MustParse(`[1,2]`))
	fmt.Println(value.String(out), err)
	// Output: {"comment":"hi","result":{"value":[1,2]}} <nil>
}

func ExampleCompileRef() {
	r, _ := CompileRef("$$.Execution.Input.id")
	fmt.Println(r.Root == RootContext, r.Path)
	// Output: true $.Execution.Input.id
}
