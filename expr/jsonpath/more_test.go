package jsonpath

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stepwisehq/stepwise/value"
)

func TestJavaNumber(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"0", "0"},
		{"-0", "0"},
		{"7", "7"},
		{"-12", "-12"},
		{"9223372036854775808", "9223372036854775808"},
		{"0.5", "0.5"},
		{"-0.0", "-0.0"},
		{"2.50", "2.5"},
		{"1E3", "1000.0"},
		{"1e-4", "1.0E-4"},
		{"123e5", "1.23E7"},
		{"1e400", "Infinity"},
	}
	for _, tt := range tests {
		if got := JavaNumber(value.Number(tt.in)); got != tt.want {
			t.Errorf("JavaNumber(%s) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNestedFilters(t *testing.T) {
	t.Parallel()
	doc := value.MustParse(`{"groups":[
		{"name":"a","members":[{"age":10},{"age":40}]},
		{"name":"b","members":[{"age":20}]},
		{"name":"c","members":[]}],"limit":30}`)
	runEvalCases(t, doc, []evalCase{
		// An indefinite path alone tests that it selects at least one value.
		{path: "$.groups[?(@.members[?(@.age > 30)])].name", want: `["a"]`},
		{path: "$.groups[?(@.members[?(@.age > 30)] size 1)].name", want: `["a"]`},
		{path: "$.groups[?(@.members[?(@.age > $.limit)] empty false)].name", want: `["a"]`},
		{path: "$.groups[?(@.members[0].age < $['limit'])].name", want: `["a","b"]`},
		{path: "$.groups[?(@.members.length() > 0)].name", want: `["a","b"]`},
		{path: "$..members[?(@.age)].age", want: `[10,40,20]`},
		{path: "$.groups[?(@.name in $..name)].name", want: `["a","b","c"]`},
	})
}

func TestScanNeverMatches(t *testing.T) {
	t.Parallel()
	doc := value.MustParse(`{"a":[1,2],"b":{"c":[3]}}`)
	runEvalCases(t, doc, []evalCase{
		// A function is never a scan target.
		{path: "$..length()", want: `[]`},
		{path: "$..[1:]", want: `[2]`},
		{path: "$..c", want: `[[3]]`},
		{path: "$..['c']..[0]", want: `[3]`},
		{path: "$..nope", want: `[]`},
	})
}

func TestSetMore(t *testing.T) {
	t.Parallel()
	tests := []struct {
		path, root, v, want string
	}{
		{"$.a[0][1]", `{"a":[[1,2],[3]]}`, `9`, `{"a":[[1,9],[3]]}`},
		{"$.a[-2].b", `{"a":[{"b":1},{"b":2}]}`, `0`, `{"a":[{"b":0},{"b":2}]}`},
		{"$['x']['y']", `{"x":{"z":1}}`, `{}`, `{"x":{"z":1,"y":{}}}`},
		{"$.a.b.c.d", `{}`, `true`, `{"a":{"b":{"c":{"d":true}}}}`},
		{"$.k", `{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"j":10,"l":11,"m":12,"n":13}`, `0`,
			`{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"j":10,"l":11,"m":12,"n":13,"k":0}`},
	}
	for _, tt := range tests {
		got, err := MustCompile(tt.path).Set(value.MustParse(tt.root), value.MustParse(tt.v))
		if err != nil || value.String(got) != tt.want {
			t.Errorf("Set(%s, %s) = %s, %v; want %s", tt.path, tt.root, value.String(got), err, tt.want)
		}
	}
	_, err := MustCompile("$.a[-3]").Set(value.MustParse(`{"a":[1,2]}`), 0)
	var se *SetError
	if !errors.As(err, &se) || se.At != "$['a']" || se.Msg != "no array element [-3]" {
		t.Errorf("Set out of range = %v", err)
	}
}

func TestCompileOffsets(t *testing.T) {
	t.Parallel()
	tests := []struct {
		src    string
		offset int
	}{
		{"  $.a.", 5},
		{"$.a['b'][x]", 8},
		{"$.a[?(@.b == 'c' && @.d =~ /(/)]", 27},
		{"$.a[?(@.b == 'c' && @.d == @.e[)]", 27},
		{"$.a[?(@.b[?(@.c ==)])]", 18},
		{"$[0]..", 5},
	}
	for _, tt := range tests {
		_, err := Compile(tt.src)
		var se *SyntaxError
		if !errors.As(err, &se) || se.Offset != tt.offset {
			t.Errorf("Compile(%q) = %v, want an error at %d", tt.src, err, tt.offset)
		}
	}
}

func TestDefiniteAndReference(t *testing.T) {
	t.Parallel()
	tests := []struct {
		src                 string
		definite, reference bool
	}{
		{"$", true, true},
		{"$.a", true, true},
		{"$.a[0].b", true, true},
		{"$['a','b']", true, false},
		{"$.a.length()", true, false},
		{"$.a[0,1]", false, false},
		{"$.a[*]", false, false},
		{"$.a[1:]", false, false},
		{"$..a", false, false},
		{"$.a[?(@)]", false, false},
	}
	for _, tt := range tests {
		p := MustCompile(tt.src)
		if p.Definite() != tt.definite || p.IsReference() != tt.reference || p.IsRoot() != (tt.src == "$") {
			t.Errorf("%s: Definite %v IsReference %v IsRoot %v", tt.src, p.Definite(), p.IsReference(), p.IsRoot())
		}
	}
}

func ExamplePath_Normalized() {
	p := MustCompile(`$.store["book"][0]['a', 'b']`)
	fmt.Println(p.Normalized(), p.Definite())
	_, err := MustCompile("$.store.book").Eval(value.MustParse(`{"store":{}}`))
	fmt.Println(err)
	// Output:
	// $['store']['book'][0]['a', 'b'] true
	// No results for path: $['store']['book']
}

// TestErrorClasses checks which failures are Jayway's PathNotFoundException
// (*NoResultError) and which its InvalidPathException (*EvalError): AWS
// reports the first as "could not be found" in an intrinsic function
// argument and passes the second's message through.
func TestErrorClasses(t *testing.T) {
	t.Parallel()
	doc := value.MustParse(`{"s":"x","n":null,"l":[1],"o":{"a":1}}`)
	notFound := []string{"$.nope", "$.nope.x", "$.s.x", "$.n.x", "$.n[0]", "$.l[5].x", "$.l[5][0]", "$.l[5].x.y"}
	invalid := []string{"$.s[0]", "$.o[0]", "$.l[0][0]", "$.o['a','b'].c", "$.o.sum()", "$.s[?(@)]", "$.l[0].avg()"}
	for _, src := range notFound {
		_, err := MustCompile(src).Eval(doc)
		var nr *NoResultError
		if !errors.As(err, &nr) {
			t.Errorf("Eval(%s) = %v, want a *NoResultError", src, err)
		}
	}
	for _, src := range invalid {
		_, err := MustCompile(src).Eval(doc)
		var ee *EvalError
		if !errors.As(err, &ee) {
			t.Errorf("Eval(%s) = %v, want an *EvalError", src, err)
		}
	}
}
