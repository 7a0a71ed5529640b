package jsonpath

import (
	"testing"

	"github.com/stepwisehq/stepwise/value"
)

var benchDoc = value.MustParse(`{"order":{"id":"o-1","items":[{"sku":"a","qty":1},{"sku":"b","qty":2}],"customer":{"name":"Ada","tier":"gold"}},"flag":true}`)

func BenchmarkEvalReference(b *testing.B) {
	p := MustCompile("$.order.customer.name")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Eval(benchDoc); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEvalIndex(b *testing.B) {
	p := MustCompile("$.order.items[1].qty")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Eval(benchDoc); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEvalWildcard(b *testing.B) {
	p := MustCompile("$.order.items[*].sku")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Eval(benchDoc); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEvalFilter(b *testing.B) {
	p := MustCompile("$.order.items[?(@.qty > 1)].sku")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Eval(benchDoc); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSet(b *testing.B) {
	p := MustCompile("$.r")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Set(benchDoc, "result"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCompile(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compile("$.order.items[?(@.qty > 1)].sku"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEvalDeepScan(b *testing.B) {
	p := MustCompile("$..sku")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Eval(benchDoc); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEvalMissing(b *testing.B) {
	p := MustCompile("$.order.nope")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Eval(benchDoc); err == nil {
			b.Fatal("no error")
		}
	}
}

func BenchmarkCompileRef(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := CompileRef("$$.Execution.Input.order.id"); err != nil {
			b.Fatal(err)
		}
	}
}
