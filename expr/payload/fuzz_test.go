package payload

import (
	"math/rand"
	"testing"

	"github.com/stepwisehq/stepwise/value"
)

// FuzzCompile compiles arbitrary text as a path, a ResultPath, a template
// value and a template; whatever compiles must evaluate without panicking.
func FuzzCompile(f *testing.F) {
	for _, s := range []string{
		"$", "$.a.b[0]", "$$.Execution.Input", "$v.w", "$.list[?(@.id > 1)]", "States.Format('{}', $.s)",
		`{"x.$":"$.s","y":[{"z.$":"States.Array($.a, 1)"}]}`, `{"a.$":"$$"}`, `[1,{"b.$":"$str"}]`, "$.r.s",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		e := env()
		if p, err := CompilePath("CausePath", src); err == nil {
			_, _ = p.Select(e)
		}
		if p, err := CompileReferencePath("ItemsPath", src); err == nil {
			_, _ = p.Select(e)
		}
		if rp, err := CompileResultPath(src); err == nil {
			_, _ = rp.Apply(testInput, 1)
			_, _ = rp.Apply("text", 1)
		}
		for _, v := range []value.Value{src, value.NewObject([]value.Member{{Key: "k.$", Value: src}})} {
			if tmpl, err := CompileTemplate("Parameters", v); err == nil {
				_, _ = tmpl.EvalRand(e, rand.New(rand.NewSource(1)))
			}
		}
		if v, err := value.ParseString(src); err == nil {
			if tmpl, err := CompileTemplate("Parameters", v); err == nil {
				_, _ = tmpl.EvalRand(e, rand.New(rand.NewSource(1)))
			}
		}
	})
}
