package intrinsic

import (
	"math/rand"
	"testing"
)

// FuzzCompile compiles arbitrary calls; whatever compiles must evaluate
// without panicking.
func FuzzCompile(f *testing.F) {
	for _, s := range []string{
		"States.Format('x {}', $.a)", "States.Array()", "States.ArrayRange(1, 9, 2)",
		"States.MathRandom(1, 10, 42)", "States.JsonMerge($.o, $.o2, false)", "States.Hash('a', 'MD5')",
		`States.Format('\{\} {}', States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), 0))`,
		"States.StringToJson($.json)", "States.ArrayUnique($.objs)", "States.Base64Decode('SGk=')",
		"States.Array($.a[?(@ > 1)], $..x, $var, null, true, -1.5e3)", "States.UUID()",
	} {
		f.Add(s)
	}
	env := testEnv()
	f.Fuzz(func(t *testing.T, src string) {
		c, err := Compile(src)
		if err != nil {
			if _, ok := err.(*SyntaxError); !ok {
				t.Fatalf("Compile(%q) returned %T", src, err)
			}
			return
		}
		_, _ = c.EvalRand(env, rand.New(rand.NewSource(1)))
		_, _ = c.EvalRand(nil, rand.New(rand.NewSource(1)))
	})
}
