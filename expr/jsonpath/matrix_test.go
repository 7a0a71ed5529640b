package jsonpath

import (
	"testing"

	"github.com/stepwisehq/stepwise/value"
)

// matrixModels are the kinds of value a token can meet.
var matrixModels = map[string]string{
	"object": `{"k":1,"j":[2]}`,
	"array":  `[1,{"k":2}]`,
	"string": `"s"`,
	"number": `3`,
	"bool":   `true`,
	"null":   `null`,
}

// matrix is what each kind of token does with each kind of value, the
// value being $.m of {"m": value}: Jayway 2.1's answers and messages.
var matrix = []struct {
	model, path, want, err string
}{
	{"object", "$.m.k", "1", ""},
	{"object", "$.m.k.z", "", "Property ['z'] not found in path $['m']['k']"},
	{"object", "$.m[0]", "", "Filter: [0] can only be applied to arrays. Current context is: {\"k\":1,\"j\":[2]}"},
	{"object", "$.m[0].k", "", "Filter: [0]['k'] can only be applied to arrays. Current context is: {\"k\":1,\"j\":[2]}"},
	{"object", "$.m[*]", "[1,[2]]", ""},
	{"object", "$.m[*].k", "", "Property ['k'] not found in path $['m']['k']"},
	{"object", "$.m[0:1]", "", "Filter: [0:1] can only be applied to arrays. Current context is: {\"k\":1,\"j\":[2]}"},
	{"object", "$.m..k", "[1]", ""},
	{"object", "$.m[?(@.k)]", "[{\"k\":1,\"j\":[2]}]", ""},
	{"object", "$.m.length()", "2", ""},
	{"object", "$.m['k','j']", "{\"k\":1,\"j\":[2]}", ""},
	{"object", "$.x.m[*]", "[]", ""},
	{"object", "$.m[5].k", "", "Filter: [5]['k'] can only be applied to arrays. Current context is: {\"k\":1,\"j\":[2]}"},
	{"array", "$.m.k", "", "Property ['k'] not found in path $['m']"},
	{"array", "$.m.k.z", "", "Property ['k'] not found in path $['m']"},
	{"array", "$.m[0]", "1", ""},
	{"array", "$.m[0].k", "", "Property ['k'] not found in path $['m'][0]"},
	{"array", "$.m[*]", "[1,{\"k\":2}]", ""},
	{"array", "$.m[*].k", "[2]", ""},
	{"array", "$.m[0:1]", "[1]", ""},
	{"array", "$.m..k", "[2]", ""},
	{"array", "$.m[?(@.k)]", "[{\"k\":2}]", ""},
	{"array", "$.m.length()", "2", ""},
	{"array", "$.m['k','j']", "", "Property ['k', 'j'] not found in path $['m']"},
	{"array", "$.x.m[*]", "[]", ""},
	{"array", "$.m[5].k", "", "Property ['k'] not found in path $['m'][5]"},
	{"string", "$.m.k", "", "Property ['k'] not found in path $['m']"},
	{"string", "$.m.k.z", "", "Property ['k'] not found in path $['m']"},
	{"string", "$.m[0]", "", "Filter: [0] can only be applied to arrays. Current context is: s"},
	{"string", "$.m[0].k", "", "Filter: [0]['k'] can only be applied to arrays. Current context is: s"},
	{"string", "$.m[*]", "[]", ""},
	{"string", "$.m[*].k", "[]", ""},
	{"string", "$.m[0:1]", "", "Filter: [0:1] can only be applied to arrays. Current context is: s"},
	{"string", "$.m..k", "[]", ""},
	{"string", "$.m[?(@.k)]", "", "Filter: [?] can not be applied to primitives. Current context is: s"},
	{"string", "$.m.length()", "null", ""},
	{"string", "$.m['k','j']", "", "Property ['k', 'j'] not found in path $['m']"},
	{"string", "$.x.m[*]", "[]", ""},
	{"string", "$.m[5].k", "", "Filter: [5]['k'] can only be applied to arrays. Current context is: s"},
	{"number", "$.m.k", "", "Property ['k'] not found in path $['m']"},
	{"number", "$.m.k.z", "", "Property ['k'] not found in path $['m']"},
	{"number", "$.m[0]", "", "Filter: [0] can only be applied to arrays. Current context is: 3"},
	{"number", "$.m[0].k", "", "Filter: [0]['k'] can only be applied to arrays. Current context is: 3"},
	{"number", "$.m[*]", "[]", ""},
	{"number", "$.m[*].k", "[]", ""},
	{"number", "$.m[0:1]", "", "Filter: [0:1] can only be applied to arrays. Current context is: 3"},
	{"number", "$.m..k", "[]", ""},
	{"number", "$.m[?(@.k)]", "", "Filter: [?] can not be applied to primitives. Current context is: 3"},
	{"number", "$.m.length()", "null", ""},
	{"number", "$.m['k','j']", "", "Property ['k', 'j'] not found in path $['m']"},
	{"number", "$.x.m[*]", "[]", ""},
	{"number", "$.m[5].k", "", "Filter: [5]['k'] can only be applied to arrays. Current context is: 3"},
	{"bool", "$.m.k", "", "Property ['k'] not found in path $['m']"},
	{"bool", "$.m.k.z", "", "Property ['k'] not found in path $['m']"},
	{"bool", "$.m[0]", "", "Filter: [0] can only be applied to arrays. Current context is: true"},
	{"bool", "$.m[0].k", "", "Filter: [0]['k'] can only be applied to arrays. Current context is: true"},
	{"bool", "$.m[*]", "[]", ""},
	{"bool", "$.m[*].k", "[]", ""},
	{"bool", "$.m[0:1]", "", "Filter: [0:1] can only be applied to arrays. Current context is: true"},
	{"bool", "$.m..k", "[]", ""},
	{"bool", "$.m[?(@.k)]", "", "Filter: [?] can not be applied to primitives. Current context is: true"},
	{"bool", "$.m.length()", "null", ""},
	{"bool", "$.m['k','j']", "", "Property ['k', 'j'] not found in path $['m']"},
	{"bool", "$.x.m[*]", "[]", ""},
	{"bool", "$.m[5].k", "", "Filter: [5]['k'] can only be applied to arrays. Current context is: true"},
	{"null", "$.m.k", "", "Property ['k'] not found in path $['m']"},
	{"null", "$.m.k.z", "", "Property ['k'] not found in path $['m']"},
	{"null", "$.m[0]", "", "The path $['m'] is null"},
	{"null", "$.m[0].k", "", "The path $['m'] is null"},
	{"null", "$.m[*]", "[]", ""},
	{"null", "$.m[*].k", "[]", ""},
	{"null", "$.m[0:1]", "", "The path $['m'] is null"},
	{"null", "$.m..k", "[]", ""},
	{"null", "$.m[?(@.k)]", "", "Filter: [?] can not be applied to primitives. Current context is: null"},
	{"null", "$.m.length()", "null", ""},
	{"null", "$.m['k','j']", "", "Property ['k', 'j'] not found in path $['m']"},
	{"null", "$.x.m[*]", "[]", ""},
	{"null", "$.m[5].k", "", "The path $['m'] is null"},
}

func TestTokenModelMatrix(t *testing.T) {
	t.Parallel()
	for _, m := range matrix {
		doc := value.MustParse(`{"m":` + matrixModels[m.model] + `}`)
		got, err := MustCompile(m.path).Eval(doc)
		switch {
		case m.err != "":
			if err == nil || err.Error() != m.err {
				t.Errorf("%s on %s = %s, %v; want error %q", m.path, m.model, value.String(got), err, m.err)
			}
		case err != nil || value.String(got) != m.want:
			t.Errorf("%s on %s = %s, %v; want %s", m.path, m.model, value.String(got), err, m.want)
		}
	}
}
