package jsonata_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/stepwisehq/stepwise/expr/jsonata"
	"github.com/stepwisehq/stepwise/value"
)

func ExampleCompile() {
	_, err := jsonata.Compile("Account.Order[0")
	var e *jsonata.Error
	if errors.As(err, &e) {
		fmt.Println(e.Code, e.Position, e.Message)
	}
	// Output: S0203 15 Expected "]" before end of expression
}

func ExampleOptions_bindings() {
	input := value.MustParse(`{"items": [{"price": 2.50, "qty": 4}, {"price": 10, "qty": 1}]}`)
	states := value.NewObject([]value.Member{{Key: "input", Value: input}})
	opts := &jsonata.Options{Bindings: func(name string) (value.Value, bool) {
		switch name {
		case "states":
			return states, true
		case "discount":
			return value.MustParse("0.1"), true
		}
		return nil, false
	}}
	e := jsonata.MustCompile("$sum($states.input.items.(price * qty)) * (1 - $discount)")
	v, _, _ := e.Eval(jsonata.Undefined, opts)
	fmt.Println(value.String(v))
	// Output: 18
}

func ExampleOptions_clock() {
	opts := &jsonata.Options{Now: time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)}
	v, _, _ := jsonata.MustCompile("$now('[FNn], [D1o] [MNn] [Y]')").Eval(jsonata.Undefined, opts)
	fmt.Println(value.String(v))
	// Output: "Wednesday, 1st May 2024"
}

func ExampleExpr_Eval_undefined() {
	input := value.MustParse(`{"a": 1}`)
	v, defined, err := jsonata.MustCompile("b").Eval(input, nil)
	fmt.Println(v, defined, err)
	// Output: <nil> false <nil>
}

func ExampleExpr_Eval_error() {
	_, _, err := jsonata.MustCompile(`"a" + 1`).Eval(jsonata.Undefined, nil)
	fmt.Println(err)
	// Output: T2001: The left side of the "+" operator must evaluate to a number
}

func ExampleIsFunction() {
	v, defined, _ := jsonata.MustCompile("function($x){$x * 2}").Eval(jsonata.Undefined, nil)
	fmt.Println(defined, jsonata.IsFunction(v))
	// Output: true true
}

func Example_stepFunctions() {
	for _, src := range []string{
		"$partition([1, 2, 3, 4, 5], 2)",
		"$range(0, 10, 5)",
		"$hash('abc', 'SHA-1')",
		`$parse('{"n": 1.50}')`,
	} {
		v, _, _ := jsonata.MustCompile(src).Eval(jsonata.Undefined, nil)
		fmt.Println(value.String(v))
	}
	// Output:
	// [[1,2],[3,4],[5]]
	// [0,5,10]
	// "a9993e364706816aba3e25717850c26c9cd0d89d"
	// {"n":1.5}
}
