package jsonpath

import (
	"errors"
	"testing"

	"github.com/stepwisehq/stepwise/value"
)

// store is the book store document of Jayway's README, with a few extra
// members for edge cases.
var store = value.MustParse(`{
  "store": {
    "book": [
      {"category": "reference", "author": "Nigel Rees", "title": "Sayings of the Century", "price": 8.95},
      {"category": "fiction", "author": "Evelyn Waugh", "title": "Sword of Honour", "price": 12.99},
      {"category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553-21311-3", "price": 8.99},
      {"category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord of the Rings", "isbn": "0-395-19395-8", "price": 22.99}
    ],
    "bicycle": {"color": "red", "price": 19.95}
  },
  "expensive": 10,
  "nums": [1, 2, 3, 4, 5],
  "mixed": [1, "1", 1.0, true, null, {"a": 1}, [1]],
  "s": "text",
  "n": 1.5,
  "nul": null,
  "o": {"x": null, "y": {"z": 1}},
  "objs": [{"a": 1, "b": "x"}, {"a": 2}, {"b": "y"}, {"a": 3, "b": "x"}]
}`)

type evalCase struct {
	path string
	want string // JSON of the result; empty when err is set
	err  string // the error text
}

func runEvalCases(t *testing.T, doc value.Value, tests []evalCase) {
	t.Helper()
	for _, tt := range tests {
		p, err := Compile(tt.path)
		if err != nil {
			t.Errorf("Compile(%q): %v", tt.path, err)
			continue
		}
		got, err := p.Eval(doc)
		switch {
		case tt.err != "":
			if err == nil || err.Error() != tt.err {
				t.Errorf("Eval(%q) = %s, %v; want error %q", tt.path, value.String(got), err, tt.err)
			}
		case err != nil:
			t.Errorf("Eval(%q): %v", tt.path, err)
		case value.String(got) != tt.want:
			t.Errorf("Eval(%q) = %s, want %s", tt.path, value.String(got), tt.want)
		}
	}
}

func TestEvalDefinite(t *testing.T) {
	t.Parallel()
	runEvalCases(t, store, []evalCase{
		{path: "$.store.book[0].author", want: `"Nigel Rees"`},
		{path: "$['store']['bicycle']['color']", want: `"red"`},
		{path: "$.store.book[-1].title", want: `"The Lord of the Rings"`},
		{path: "$.nums[4]", want: `5`},
		{path: "$.nums[-5]", want: `1`},
		{path: "$.nul", want: `null`},
		{path: "$.o.x", want: `null`},
		{path: "$.o.y", want: `{"z":1}`},
		// An index past the end selects null: Jackson's ArrayNode answers null.
		{path: "$.nums[5]", want: `null`},
		{path: "$.nums[-6]", want: `null`},
		// Multiple names merge into one object of those present.
		{path: "$.store.bicycle['color', 'price']", want: `{"color":"red","price":19.95}`},
		{path: "$.store.bicycle['price', 'nope', 'color']", want: `{"price":19.95,"color":"red"}`},
		{path: "$.nums.length()", want: `5`},
		{path: "$.store.length()", want: `2`},
		{path: "$.s.length()", want: `null`},
		{path: "$.nums.min()", want: `1.0`},
		{path: "$.nums.max()", want: `5.0`},
		{path: "$.nums.avg()", want: `3.0`},
		{path: "$.nums.stddev()", want: `1.4142135623730951`},
		{path: "$.mixed.max()", want: `1.0`},
		{path: "$.s.min()", want: `1.7976931348623157E308`},
		{path: "$.s.max()", want: `4.9E-324`},
	})
}

func TestEvalDefiniteErrors(t *testing.T) {
	t.Parallel()
	runEvalCases(t, store, []evalCase{
		{path: "$.nope", err: "No results for path: $['nope']"},
		{path: "$.store.nope", err: "No results for path: $['store']['nope']"},
		{path: "$.store.book[0].nope", err: "No results for path: $['store']['book'][0]['nope']"},
		{path: "$.nope.x", err: "Missing property in path $['nope']"},
		{path: "$.store.nope.x.y", err: "Missing property in path $['store']['nope']"},
		{path: "$.s.x", err: "Property ['x'] not found in path $['s']"},
		{path: "$.nul.x", err: "Property ['x'] not found in path $['nul']"},
		{path: "$.nums[9].x", err: "Property ['x'] not found in path $['nums'][9]"},
		{path: "$.nums.x", err: "Property ['x'] not found in path $['nums']"},
		{path: "$.s[0]", err: "Filter: [0] can only be applied to arrays. Current context is: text"},
		{path: "$.n[0]", err: "Filter: [0] can only be applied to arrays. Current context is: 1.5"},
		{path: "$.expensive[0].a", err: "Filter: [0]['a'] can only be applied to arrays. Current context is: 10"},
		{path: "$.o[0]", err: `Filter: [0] can only be applied to arrays. Current context is: {"x":null,"y":{"z":1}}`},
		{path: "$.nul[0]", err: "The path $['nul'] is null"},
		{path: "$.nums[9][0]", err: "The path $['nums'][9] is null"},
		{path: "$.store.bicycle['color', 'price'].x", err: "Multi properties can only be used as path leafs: $['store']['bicycle']['color', 'price']"},
		{path: "$.nums.sum()", err: "Function with name: sum does not exists."},
		{path: "$.s.avg()", err: "Aggregation function attempted to calculate value using empty array"},
	})
}

func TestEvalRootScalars(t *testing.T) {
	t.Parallel()
	// The root document is a JsonNode in Jayway: printed as JSON.
	runEvalCases(t, "text", []evalCase{
		{path: "$", want: `"text"`},
		{path: "$[0]", err: `Filter: [0] can only be applied to arrays. Current context is: "text"`},
		{path: "$.a", err: "Property ['a'] not found in path $"},
		{path: "$[*]", want: `[]`},
		{path: "$..a", want: `[]`},
		{path: "$[?(@.a)]", err: `Filter: [?] can not be applied to primitives. Current context is: "text"`},
	})
	runEvalCases(t, nil, []evalCase{
		{path: "$[0]", err: "The path $ is null"},
		{path: "$[1:2]", err: "The path $ is null"},
	})
}

func TestEvalIndefinite(t *testing.T) {
	t.Parallel()
	runEvalCases(t, store, []evalCase{
		{path: "$.store.book[*].author", want: `["Nigel Rees","Evelyn Waugh","Herman Melville","J. R. R. Tolkien"]`},
		{path: "$..author", want: `["Nigel Rees","Evelyn Waugh","Herman Melville","J. R. R. Tolkien"]`},
		{path: "$.store..price", want: `[8.95,12.99,8.99,22.99,19.95]`},
		{path: "$..book[2].title", want: `["Moby Dick"]`},
		{path: "$..book[-1:].title", want: `["The Lord of the Rings"]`},
		{path: "$..book[0,1].title", want: `["Sayings of the Century","Sword of Honour"]`},
		{path: "$..book[:2].title", want: `["Sayings of the Century","Sword of Honour"]`},
		{path: "$..book[1:2].title", want: `["Sword of Honour"]`},
		{path: "$.store.*.color", err: "Property ['color'] not found in path $['store']['book']"},
		{path: "$.store.book.*.isbn", want: `["0-553-21311-3","0-395-19395-8"]`},
		{path: "$.store.bicycle.*", want: `["red",19.95]`},
		{path: "$.nums[*]", want: `[1,2,3,4,5]`},
		{path: "$.nums[1:3]", want: `[2,3]`},
		{path: "$.nums[1:]", want: `[2,3,4,5]`},
		{path: "$.nums[-2:]", want: `[4,5]`},
		{path: "$.nums[:-2]", want: `[1,2,3]`},
		{path: "$.nums[:9]", want: `[1,2,3,4,5]`},
		{path: "$.nums[9:]", want: `[]`},
		{path: "$.nums[3:1]", want: `[]`},
		{path: "$.nums[-2:4]", want: `[4,5,1,2,3,4]`},
		{path: "$.nums[1:5:2]", want: `[2,3,4,5]`},
		{path: "$.nums[0,4,9]", want: `[1,5,null]`},
		{path: "$.nums[-1,0]", want: `[5,1]`},
		{path: "$..nums[0]", want: `[1]`},
		{path: "$.objs[*].b", want: `["x","y","x"]`},
		{path: "$.mixed[*].a", want: `[1]`},
		{path: "$.o.*", want: `[null,{"z":1}]`},
		{path: "$.s.*", want: `[]`},
	})
}

func TestEvalMissingInIndefinite(t *testing.T) {
	t.Parallel()
	// Recorded against AWS: an indefinite path over missing members selects
	// an empty array rather than failing.
	runEvalCases(t, value.NewObject(nil), []evalCase{
		{path: "$[*]", want: `[]`},
		{path: "$.items[*]", want: `[]`},
		{path: "$.items[*].itemValue", want: `[]`},
		{path: "$.items[:1]", want: `[]`},
		{path: "$.items[:1].itemValue", want: `[]`},
		{path: "$.item.items[*]", want: `[]`},
		{path: "$.item.items[1:5]", want: `[]`},
		{path: "$.item.items[1:5].itemValue", want: `[]`},
		{path: "$..a.b", want: `[]`},
	})
}

func TestEvalScanQuirks(t *testing.T) {
	t.Parallel()
	doc := value.MustParse(`{"a":{"b":1,"c":{"b":2}},"l":[[10,11],[12]],"x":{"a":5}}`)
	runEvalCases(t, doc, []evalCase{
		{path: "$..b", want: `[1,2]`},
		{path: "$..[0]", want: `[[10,11],10,12]`},
		{path: "$..*", want: `[{"b":1,"c":{"b":2}},[[10,11],[12]],{"a":5},1,{"b":2},2,[10,11],[12],10,11,12,5]`},
		// A name after the scan only applies where it is present.
		{path: "$..c.b", want: `[2]`},
		// The token after an array match goes straight to the elements, so
		// Jayway 2.1 applies [1] to 10 here.
		{path: "$..[0][1]", err: "Filter: [1] can only be applied to arrays. Current context is: 10"},
		// Jayway 2.1 fails when a scanned name meets a scalar.
		{path: "$..a.b", err: "Property ['b'] not found in path $['x']['a']"},
	})
}

func TestEvalWildcardErrors(t *testing.T) {
	t.Parallel()
	runEvalCases(t, store, []evalCase{
		// Below an object member, a failure stops the evaluation...
		{path: "$.o.*.z.w", err: "Property ['z'] not found in path $['o']['x']"},
		{path: "$[*].x", err: "Property ['x'] not found in path $['expensive']"},
		// ...below an array element it is skipped, unless it is not a
		// PathNotFoundException.
		{path: "$.mixed[*].a.b", want: `[]`},
		{path: "$.objs[*][0]", err: `Filter: [0] can only be applied to arrays. Current context is: {"a":1,"b":"x"}`},
	})
}

func TestEvalFilters(t *testing.T) {
	t.Parallel()
	runEvalCases(t, store, []evalCase{
		{path: "$..book[?(@.isbn)].title", want: `["Moby Dick","The Lord of the Rings"]`},
		{path: "$..book[?(!@.isbn)].title", want: `["Sayings of the Century","Sword of Honour"]`},
		{path: "$.store.book[?(@.price < 10)].price", want: `[8.95,8.99]`},
		{path: "$.store.book[?(@.price <= 8.99)].price", want: `[8.95,8.99]`},
		{path: "$.store.book[?(@.price > 20)].price", want: `[22.99]`},
		{path: "$.store.book[?(@.price >= 22.99)].price", want: `[22.99]`},
		{path: "$..book[?(@.price <= $['expensive'])].price", want: `[8.95,8.99]`},
		{path: "$..book[?(@.price > $.expensive)].price", want: `[12.99,22.99]`},
		{path: "$..book[?(@.author =~ /.*REES/i)].author", want: `["Nigel Rees"]`},
		{path: "$..book[?(@.author =~ /Rees/)].author", want: `[]`},
		{path: "$..book[?(@.category == 'fiction' && @.price < 10)].title", want: `["Moby Dick"]`},
		{path: "$..book[?(@.category == 'reference' || @.price > 20)].title", want: `["Sayings of the Century","The Lord of the Rings"]`},
		{path: "$..book[?(!(@.category == 'fiction'))].title", want: `["Sayings of the Century"]`},
		{path: "$..book[?(@.category != 'fiction')].title", want: `["Sayings of the Century"]`},
		{path: `$..book[?(@.category in ['reference', "x"])].title`, want: `["Sayings of the Century"]`},
		{path: "$..book[?(@.category nin ['fiction'])].title", want: `["Sayings of the Century"]`},
		{path: "$..book[?(@.title contains 'Dick')].title", want: `["Moby Dick"]`},
		{path: "$..book[?(@.title size 9)].title", want: `["Moby Dick"]`},
		{path: "$.objs[?(@.a == 2)]", want: `[{"a":2}]`},
		{path: "$.objs[?(@.a)].a", want: `[1,2,3]`},
		{path: "$.objs[?(@.b == 'x')].a", want: `[1,3]`},
		{path: "$.objs[?(@.c != 1)].a", want: `[1,2,3]`},
		{path: "$.objs[?(@.a == '2')].a", want: `[2]`},
		{path: "$.objs[?(@.b empty false)].b", want: `["x","y","x"]`},
		// A filter on an object tests the object itself.
		{path: "$.store.bicycle[?(@.color == 'red')].price", want: `[19.95]`},
		// AWS: "@ does not match scalar values. It only matches objects."
		{path: "$.nums[?(@ > 2)]", want: `[]`},
		{path: "$.nums[?(@)]", want: `[1,2,3,4,5]`},
		{path: "$.objs[?(@.a in [1, 3])].b", want: `["x","x"]`},
		{path: "$.objs[?(@.a == 1.0)].b", want: `["x"]`},
		{path: "$.objs[?(@.x =~ /.*/)].a", want: `[1,2,3]`},
		{path: "$.objs[?(@.a == null)]", want: `[]`},
		{path: "$.objs[?(true)].a", want: `[1,2,3]`},
		{path: "$.objs[?(false)].a", want: `[]`},
	})
}

func TestEvalFilterValues(t *testing.T) {
	t.Parallel()
	doc := value.MustParse(`{"items":[
		{"n":1,"s":"1","t":true,"z":null,"l":[1,2],"o":{"k":"v"}},
		{"n":10,"s":"abc","t":false,"l":[3],"o":{}},
		{"n":1.50,"s":"ABC","l":[],"o":{"k":"w"}}]}`)
	runEvalCases(t, doc, []evalCase{
		{path: "$.items[?(@.n == 1.5)].s", want: `["ABC"]`},
		{path: "$.items[?(@.n == '1')].s", want: `["1"]`},
		{path: "$.items[?(@.s == 1)].n", want: `[1]`},
		{path: "$.items[?(@.t == true)].n", want: `[1]`},
		{path: "$.items[?(@.t)].n", want: `[1,10]`},
		{path: "$.items[?(@.z == null)].n", want: `[1]`},
		{path: "$.items[?(@.z)].n", want: `[1]`},
		{path: "$.items[?(@.s < 'b')].n", want: `[1,10,1.50]`},
		{path: "$.items[?(@.s > 'B')].n", want: `[10]`},
		{path: "$.items[?(@.l == [1,2])].n", want: `[1]`},
		{path: `$.items[?(@.o == {"k":"v"})].n`, want: `[1]`},
		{path: "$.items[?(@.l contains 2)].n", want: `[1]`},
		{path: "$.items[?(@.l size 1)].n", want: `[10]`},
		{path: "$.items[?(@.l empty true)].n", want: `[1.50]`},
		{path: "$.items[?(@.o empty true)].n", want: `[10]`},
		{path: "$.items[?(@.l subsetof [1,2,3])].n", want: `[1,10,1.50]`},
		{path: "$.items[?(@.l anyof [2,3])].n", want: `[1,10]`},
		{path: "$.items[?(@.l noneof [2,3])].n", want: `[1.50]`},
		{path: "$.items[?(@.n =~ /1.*/)].n", want: `[1,10,1.50]`},
		{path: "$.items[?(@.t =~ /tr.e/)].n", want: `[1]`},
		{path: "$.items[?(@.o.k =~ /V/i)].n", want: `[1]`},
		{path: "$.items[?(@.l.length() == 1)].n", want: `[10]`},
		{path: "$.items[?(@.s in ['abc', 'ABC'] && @.n > 2)].n", want: `[10]`},
		{path: "$.items[?(@.l[0] == 3)].n", want: `[10]`},
		{path: "$.items[?(@.l[*] == [3])].n", want: `[10]`},
		{path: "$.items[?(@.n == -1e0)].n", want: `[]`},
		{path: "$.items[?(@.n >= 1.500)].n", want: `[10,1.50]`},
	})
}

func TestEvalStrict(t *testing.T) {
	t.Parallel()
	tests := []struct {
		path string
		want string
		err  string
	}{
		{"$.nums[5]", "", "No results for path: $['nums'][5]"},
		{"$.nums[0]", "1", ""},
		{"$.nul", "null", ""},
		{"$.o['x', 'nope']", `{"x":null}`, ""},
		{"$.nums[*]", "[1,2,3,4,5]", ""},
	}
	for _, tt := range tests {
		got, err := MustCompile(tt.path).EvalStrict(store)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("EvalStrict(%q) = %s, %v; want %q", tt.path, value.String(got), err, tt.err)
			}
			continue
		}
		if err != nil || value.String(got) != tt.want {
			t.Errorf("EvalStrict(%q) = %s, %v; want %s", tt.path, value.String(got), err, tt.want)
		}
	}
}

func TestErrorTypes(t *testing.T) {
	t.Parallel()
	_, err := MustCompile("$.nope").Eval(store)
	var nr *NoResultError
	if !errors.As(err, &nr) || nr.Normalized != "$['nope']" {
		t.Errorf("error = %#v, want a *NoResultError for $['nope']", err)
	}
	_, err = MustCompile("$.s[0]").Eval(store)
	var ee *EvalError
	if !errors.As(err, &ee) {
		t.Errorf("error = %#v, want an *EvalError", err)
	}
}

func TestEvalDoesNotMutate(t *testing.T) {
	t.Parallel()
	doc := value.MustParse(`{"a":[{"b":1},{"b":2}],"c":{"d":1,"e":2}}`)
	before := value.String(doc)
	for _, src := range []string{"$..b", "$.c['d','e']", "$.a[?(@.b)]", "$.a[*]", "$.c.*"} {
		if _, err := MustCompile(src).Eval(doc); err != nil {
			t.Fatal(err)
		}
	}
	if value.String(doc) != before {
		t.Errorf("document changed to %s", value.String(doc))
	}
}
