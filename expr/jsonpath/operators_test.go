package jsonpath

import (
	"fmt"
	"testing"

	"github.com/stepwisehq/stepwise/value"
)

// operatorDoc holds one value of every kind under "v"; item 8 has none.
var operatorDoc = value.MustParse(`[{"v":1},{"v":1.5},{"v":"1"},{"v":"abc"},{"v":true},{"v":null},
	{"v":[1,2]},{"v":{"k":1}},{},{"v":""},{"v":[]}]`)

// TestFilterOperators lists, for each filter expression, the indexes of
// the items of operatorDoc it selects.
func TestFilterOperators(t *testing.T) {
	t.Parallel()
	tests := []struct {
		expr, items string
	}{
		// Jayway's == turns a string into a number when the number is on
		// the left, and a number into its text when the string is.
		{"@.v == 1", "[0 2]"},
		{"@.v == '1'", "[0 2]"},
		{"@.v == 1.0", "[0]"},
		{"@.v == true", "[4]"},
		{"@.v == null", "[5]"},
		{"@.v == [1,2]", "[6]"},
		{`@.v == {"k":1}`, "[7]"},
		{"@.v != 1", "[1 3 4 5 6 7 8 9 10]"},
		// < and friends compare numbers with numbers and strings with
		// strings, nothing else.
		{"@.v < 2", "[0 1]"},
		{"@.v <= 1.5", "[0 1]"},
		{"@.v > 'a'", "[3]"},
		{"@.v >= 'abc'", "[3]"},
		// =~ matches the whole text of a string, number or boolean, or any
		// item of a list.
		{"@.v =~ /1.*/", "[0 1 2 6]"},
		{"@.v =~ /ab./", "[3]"},
		{"@.v =~ /(?i)TRUE/", "[4]"},
		{"@.v in [1, 'abc', null]", "[0 2 3 5]"},
		{"@.v nin [1, 'abc', null]", "[1 4 6 7 8 9 10]"},
		{"@.v contains 1", "[6]"},
		{"@.v contains 'b'", "[3]"},
		{"@.v size 2", "[6]"},
		{"@.v size 3", "[3]"},
		{"@.v empty true", "[9 10]"},
		{"@.v empty false", "[2 3 6 7]"},
		{"@.v subsetof [1,2,3]", "[6 10]"},
		{"@.v anyof [2]", "[6]"},
		{"@.v noneof [2]", "[10]"},
		// A path alone tests that it selects something, null included.
		{"@.v", "[0 1 2 3 4 5 6 7 9 10]"},
		{"!@.v", "[8]"},
		{"@.v && @.v != null", "[0 1 2 3 4 6 7 9 10]"},
		{"@.v == 1 || @.v == 'abc'", "[0 2 3]"},
		{"@.v.k", "[7]"},
		{"@.v[0] == 1", "[6]"},
		{"@.v.length() == 2", "[6]"},
		{"@.v == $[0].v", "[0 2]"},
		{"@.v == @.v", "[0 1 2 3 4 5 6 7 9 10]"},
	}
	items := operatorDoc.([]value.Value)
	for _, tt := range tests {
		got, err := MustCompile("$[?(" + tt.expr + ")]").Eval(operatorDoc)
		if err != nil {
			t.Errorf("%s: %v", tt.expr, err)
			continue
		}
		var idx []int
		for _, r := range got.([]value.Value) {
			for i, it := range items {
				if it == r {
					idx = append(idx, i)
				}
			}
		}
		if s := fmt.Sprint(idx); s != tt.items {
			t.Errorf("[?(%s)] selects %s, want %s", tt.expr, s, tt.items)
		}
	}
}

// TestNormalizedRecompiles checks that a path's normalized form compiles to
// a path with the same normalized form and the same results.
func TestNormalizedRecompiles(t *testing.T) {
	t.Parallel()
	for _, src := range []string{
		"$.store.book[0].author", "$..author", "$.store.*", "$..book[-1:]", "$..book[0,1]",
		"$.nums[1:3]", "$.nums[:2]", "$['store']['bicycle']", "$.o.y.z", "$..*",
		"$.store.bicycle['color', 'price']", "$.nums.length()",
	} {
		p := MustCompile(src)
		q, err := Compile(p.Normalized())
		if err != nil {
			t.Errorf("Compile(%q) of the normalized %q: %v", src, p.Normalized(), err)
			continue
		}
		if q.Normalized() != p.Normalized() || q.Definite() != p.Definite() {
			t.Errorf("%q: normalized %q recompiles to %q", src, p.Normalized(), q.Normalized())
		}
		if a, b := evalString(p), evalString(q); a != b {
			t.Errorf("%q and %q select %s and %s", src, p.Normalized(), a, b)
		}
	}
}

// TestSetThenEval checks that what Set places, Eval finds, and that the
// rest of the document is kept.
func TestSetThenEval(t *testing.T) {
	t.Parallel()
	doc := value.MustParse(`{"a":{"b":[{"c":1},{"c":2}]},"d":"e"}`)
	for _, src := range []string{"$.x", "$.a.x", "$.a.b[1].c", "$.a.b[0].new.deep", "$.a.b[-1]", "$['a']['y z']", "$.d"} {
		p := MustCompile(src)
		out, err := p.Set(doc, "placed")
		if err != nil {
			t.Errorf("Set(%s): %v", src, err)
			continue
		}
		got, err := p.Eval(out)
		if err != nil || got != "placed" {
			t.Errorf("Eval(%s) after Set = %v, %v", src, got, err)
		}
		if src != "$.d" {
			if d, _ := MustCompile("$.d").Eval(out); d != "e" {
				t.Errorf("Set(%s) lost $.d: %s", src, value.String(out))
			}
		}
	}
}

func TestScanTargets(t *testing.T) {
	t.Parallel()
	doc := value.MustParse(`{"a":[{"k":1,"l":[5,6]},{"k":2}],"b":{"k":3,"l":[7]}}`)
	runEvalCases(t, doc, []evalCase{
		{path: "$..k", want: `[1,2,3]`},
		{path: "$..['k','l']", want: `[{"k":1,"l":[5,6]},{"k":3,"l":[7]}]`},
		{path: "$..l[0]", want: `[5,7]`},
		{path: "$..l[1:]", want: `[6]`},
		{path: "$..l[*]", want: `[5,6,7]`},
		{path: "$..[?(@.k > 1)].k", want: `[2,3]`},
		{path: "$.a..k", want: `[1,2]`},
		{path: "$..a..k", want: `[1,2]`},
		{path: "$..*.k", err: "Property ['k'] not found in path $['a']"},
	})
}

func TestEvalStrictLists(t *testing.T) {
	t.Parallel()
	// Only a definite path's last index past the end is "no result"; a list
	// keeps Jackson's null.
	doc := value.MustParse(`{"l":[1,2]}`)
	for src, want := range map[string]string{
		"$.l[0,5]": `[1,null]`,
		"$.l[*]":   `[1,2]`,
		"$.l[1]":   `2`,
	} {
		got, err := MustCompile(src).EvalStrict(doc)
		if err != nil || value.String(got) != want {
			t.Errorf("EvalStrict(%s) = %s, %v; want %s", src, value.String(got), err, want)
		}
	}
}
