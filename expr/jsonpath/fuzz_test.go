package jsonpath

import (
	"testing"

	"github.com/stepwisehq/stepwise/value"
)

var fuzzDocs = []value.Value{
	store,
	value.MustParse(`[1,[2,[3,{"a":[4]}]],{"a":{"a":null}},"s",null,true]`),
	"text",
	nil,
}

// FuzzCompile compiles arbitrary paths; whatever compiles must evaluate,
// set and compile as a reference without panicking.
func FuzzCompile(f *testing.F) {
	for _, s := range []string{
		"$", "$.a.b", "$['a','b']", "$..a[0]", "$[*]", "$.a[1:3]", "$.a[-1:]", "$[?(@.a > 1 && @.b =~ /x/i)]",
		"$..book[?(@.price <= $['expensive'])]", "$.a.length()", "$$.Execution", "$var.a", "$[?(!@.a || (@.b in [1,'2']))]",
		"$['a\\'b']", "$[?(@.a == {\"k\":[1]})]", "$.a[0,1,-1]", "$[?(@.l subsetof [1])]",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if r, err := CompileRef(src); err == nil {
			_ = r.String()
		}
		p, err := Compile(src)
		if err != nil {
			if _, ok := err.(*SyntaxError); !ok {
				t.Fatalf("Compile(%q) returned %T", src, err)
			}
			return
		}
		_ = p.Normalized()
		for _, doc := range fuzzDocs {
			_, _ = p.Eval(doc)
			_, _ = p.EvalStrict(doc)
			if p.IsReference() {
				_, _ = p.Set(doc, 1)
			}
		}
	})
}
