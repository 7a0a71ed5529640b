package intrinsic

import (
	"math/rand"
	"testing"

	"github.com/stepwisehq/stepwise/expr"
	"github.com/stepwisehq/stepwise/value"
)

var benchEnv = &expr.Env{Input: value.MustParse(`{"name":"Ada","place":"London","a":1,"b":2}`)}

func BenchmarkFormat(b *testing.B) {
	c, err := Compile("States.Format('Hello {}, welcome to {}!', $.name, $.place)")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Eval(benchEnv); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMathAdd(b *testing.B) {
	c, err := Compile("States.MathAdd($.a, $.b)")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Eval(benchEnv); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNested(b *testing.B) {
	c, err := Compile("States.ArrayGetItem(States.StringSplit(States.Format('{}-{}', $.name, $.place), '-'), 1)")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Eval(benchEnv); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkUUID(b *testing.B) {
	c, err := Compile("States.UUID()")
	if err != nil {
		b.Fatal(err)
	}
	r := rand.New(rand.NewSource(1))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.EvalRand(benchEnv, r); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCompileFormat(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compile("States.Format('Hello {}, welcome to {}!', $.name, $.place)"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkArrayUnique(b *testing.B) {
	items := make([]value.Value, 1000)
	for i := range items {
		items[i] = value.Int(int64(i % 100))
	}
	env := &expr.Env{Input: value.NewObject([]value.Member{{Key: "items", Value: items}})}
	c, err := Compile("States.ArrayUnique($.items)")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Eval(env); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkJSONMerge(b *testing.B) {
	env := &expr.Env{Input: value.MustParse(`{"a":{"x":1,"y":2,"z":3},"b":{"y":20,"w":4}}`)}
	c, err := Compile("States.JsonMerge($.a, $.b, false)")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Eval(env); err != nil {
			b.Fatal(err)
		}
	}
}
