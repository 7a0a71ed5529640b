package jsonata

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stepwisehq/stepwise/value"
)

// benchExprs are the benchmark expressions: paths with predicates and
// function calls over a ~1 KiB document (testdata/bench_input.json).
var benchExprs = []struct{ name, src string }{
	{"PathPredicateSum", "Account.Order.Product[Price > 30].$sum(Price)"},
	{"SumOfProducts", "$sum(Account.Order.Product[Price > 30].(Price * Quantity))"},
	{"PathPredicate", "Account.Order.Product[Price > 30].SKU"},
	{"ObjectConstructor", `Account.Order.Product{SKU: Price * Quantity}`},
	{"ObjectOnOneValue", "{'name': Account.`Account Name`, 'orders': $count(Account.Order), 'first': Account.Order[0].OrderID}"},
	{"StatesInput", `$states.input.Account.Order[0].OrderID & "-" & $string($count($states.input.Account.Order))`},
}

func benchInput(b testing.TB) value.Value {
	data, err := os.ReadFile(filepath.Join("testdata", "bench_input.json"))
	if err != nil {
		b.Fatal(err)
	}
	return value.MustParse(string(data))
}

func BenchmarkEval(b *testing.B) {
	input := benchInput(b)
	states := value.NewObject([]value.Member{{Key: "input", Value: input}})
	opts := &Options{Bindings: func(name string) (value.Value, bool) {
		if name == "states" {
			return states, true
		}
		return nil, false
	}}
	for _, bc := range benchExprs {
		e := MustCompile(bc.src)
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := e.Eval(input, opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkCompile(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compile(benchExprs[0].src); err != nil {
			b.Fatal(err)
		}
	}
}
