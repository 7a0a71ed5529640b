package payload

import (
	"testing"

	"github.com/stepwisehq/stepwise/expr"
	"github.com/stepwisehq/stepwise/value"
)

var benchEnv = &expr.Env{
	Input:   value.MustParse(`{"order":{"id":"o-1","total":42,"customer":{"name":"Ada"}},"flag":true}`),
	Context: func() value.Value { return nil },
}

func BenchmarkTemplate(b *testing.B) {
	tmpl, err := CompileTemplate("Parameters", value.MustParse(`{"id.$":"$.order.id","name.$":"$.order.customer.name","kind":"order"}`))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := tmpl.Eval(benchEnv); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTemplateFormat(b *testing.B) {
	tmpl, err := CompileTemplate("Parameters", value.MustParse(`{"greeting.$":"States.Format('Hello {}, order {}', $.order.customer.name, $.order.id)"}`))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := tmpl.Eval(benchEnv); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSelect(b *testing.B) {
	p, err := CompilePath("InputPath", "$.order.customer")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Select(benchEnv); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkResultPath(b *testing.B) {
	rp, err := CompileResultPath("$.r")
	if err != nil {
		b.Fatal(err)
	}
	result := value.MustParse(`{"ok":true}`)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := rp.Apply(benchEnv.Input, result); err != nil {
			b.Fatal(err)
		}
	}
}
