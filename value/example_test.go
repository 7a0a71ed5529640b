package value_test

import (
	"fmt"

	"github.com/stepwisehq/stepwise/value"
)

func Example() {
	v, err := value.ParseString(`{"zeta": 1.50, "alpha": [1e3, "a/b"], "zeta": 2.50}`)
	if err != nil {
		panic(err)
	}
	// Key order and number text are kept; a repeated key keeps its first place.
	fmt.Println(value.String(v))

	obj := v.(*value.Object)
	alpha, _ := obj.Get("alpha")
	fmt.Println(value.KindOf(alpha), value.String(alpha))

	// Values are immutable: With returns a new object.
	more := obj.With("total", value.Int(3)).Without("zeta")
	fmt.Println(value.String(more), value.String(obj))

	// Numbers compare by value; computed ones print as JavaScript does.
	fmt.Println(value.Equal(value.MustParse(`[1.0]`), value.MustParse(`[1]`)))
	tenth := 0.1
	n, _ := value.Float(tenth * 3)
	fmt.Println(n, value.FormatFloat(1e21), value.FormatFloat(1e-7))
	// Output:
	// {"zeta":2.50,"alpha":[1e3,"a/b"]}
	// array [1e3,"a/b"]
	// {"alpha":[1e3,"a/b"],"total":3} {"zeta":2.50,"alpha":[1e3,"a/b"]}
	// true
	// 0.30000000000000004 1e+21 1e-7
}

func ExampleIndent() {
	fmt.Println(value.Indent(value.MustParse(`{"a":[1,{}],"b":"é<&>"}`)))
	// Output:
	// {
	//   "a": [
	//     1,
	//     {}
	//   ],
	//   "b": "é<&>"
	// }
}

func ExampleSyntaxError() {
	_, err := value.ParseString(`{"a": [1, 2,]}`)
	fmt.Println(err)
	// Output:
	// invalid JSON at offset 12: unexpected character ']', expected a value
}
