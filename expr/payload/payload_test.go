package payload

import (
	"errors"
	"math/rand"
	"strings"
	"testing"

	"github.com/stepwisehq/stepwise/expr"
	"github.com/stepwisehq/stepwise/value"
)

var testInput = value.MustParse(`{"a":{"b":[1,2,3]},"s":"text","n":null,"list":[{"id":1},{"id":2}],"flag":true}`)

func env() *expr.Env {
	ctx := value.MustParse(`{"Execution":{"Id":"exec-1","Input":{"k":"v"}},"State":{"Name":"S"},"Map":{"Item":{"Index":1,"Value":"x"}}}`)
	vars := map[string]value.Value{"v": value.MustParse(`{"w":[7]}`), "str": "hello"}
	return &expr.Env{
		Input:   testInput,
		Context: func() value.Value { return ctx },
		Var: func(name string) (value.Value, bool) {
			v, ok := vars[name]
			return v, ok
		},
	}
}

func TestSelect(t *testing.T) {
	t.Parallel()
	tests := []struct {
		field, src, want string
	}{
		{"InputPath", "$", value.String(testInput)},
		{"InputPath", "$.a.b[1]", `2`},
		{"InputPath", "$.a.b[5]", `null`},
		{"InputPath", "$.n", `null`},
		{"InputPath", "$.list[*].id", `[1,2]`},
		{"InputPath", "$.list[?(@.id > 1)]", `[{"id":2}]`},
		{"InputPath", "$['a','s']", `{"a":{"b":[1,2,3]},"s":"text"}`},
		{"OutputPath", "$$.Execution.Input", `{"k":"v"}`},
		{"OutputPath", "$$", `{"Execution":{"Id":"exec-1","Input":{"k":"v"}},"State":{"Name":"S"},"Map":{"Item":{"Index":1,"Value":"x"}}}`},
		{"ItemsPath", "$v.w", `[7]`},
		{"ItemsPath", "$str", `"hello"`},
		{"ErrorPath", "$.s", `"text"`},
		{"CausePath", "States.Format('{}!', $.s)", `"text!"`},
		{"CausePath", "States.Format('{}', States.MathRandom(1, 100, 42))", `"63"`},
	}
	for _, tt := range tests {
		p, err := CompilePath(tt.field, tt.src)
		if err != nil {
			t.Errorf("CompilePath(%s, %q): %v", tt.field, tt.src, err)
			continue
		}
		got, err := p.Select(env())
		if err != nil || value.String(got) != tt.want {
			t.Errorf("Select(%s %q) = %s, %v; want %s", tt.field, tt.src, value.String(got), err, tt.want)
		}
		if p.String() != tt.src {
			t.Errorf("String() = %q, want %q", p.String(), tt.src)
		}
	}
}

func TestSelectErrors(t *testing.T) {
	t.Parallel()
	in := value.String(testInput)
	tests := []struct {
		field, src, cause string
	}{
		{"InputPath", "$.NoSuchInputPath", "Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']"},
		{"OutputPath", "$.a.x.y", "Invalid path '$.a.x.y' : Missing property in path $['a']['x']"},
		{"TimeoutSecondsPath", "$.s.x", "Invalid path '$.s.x' : Property ['x'] not found in path $['s']"},
		{"InputPath", "$.s[0]", "Invalid path '$.s[0]' : Filter: [0] can only be applied to arrays. Current context is: text"},
		{"InputPath", "$['a', 's'].b", "Invalid path '$['a', 's'].b' : Multi properties can only be used as path leafs: $['a', 's']"},
		{"InputPath", "$$.Execution.Nope", "Invalid path '$$.Execution.Nope' : No results for path: $['Execution']['Nope']"},
		{"InputPath", "$nope", "Invalid path '$nope' : No results for path: $"},
		{"ErrorPath", "$.ErrorX", "The JSONPath '$.ErrorX' specified for the field 'ErrorPath' could not be found in the input '" + in + "'"},
		{"CausePath", "$$.Nope", "The JSONPath '$$.Nope' specified for the field 'CausePath' could not be found in the input '" + in + "'"},
	}
	for _, tt := range tests {
		p, err := CompilePath(tt.field, tt.src)
		if err != nil {
			t.Errorf("CompilePath(%s, %q): %v", tt.field, tt.src, err)
			continue
		}
		_, err = p.Select(env())
		checkRuntime(t, err, tt.cause)
	}
}

func checkRuntime(t *testing.T, err error, cause string) {
	t.Helper()
	var xe *expr.Error
	if !errors.As(err, &xe) {
		t.Errorf("error %v, want an *expr.Error", err)
		return
	}
	if xe.Name != expr.ErrRuntime || xe.Cause != cause {
		t.Errorf("error\n got: %s: %s\nwant: States.Runtime: %s", xe.Name, xe.Cause, cause)
	}
}

func TestCompilePathErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		field, src, msg string
	}{
		{"InputPath", "a.b", "The value for the field 'InputPath' must be a valid JSONPath"},
		{"OutputPath", "$.", "The value for the field 'OutputPath' must be a valid JSONPath"},
		{"InputPath", "States.Format('x')", "The value for the field 'InputPath' must be a valid JSONPath"},
		{"CausePath", "States.Nope()", "The value for the field 'CausePath' must be a valid JSONPath or a valid intrinsic function call"},
		{"ErrorPath", "$[", "The value for the field 'ErrorPath' must be a valid JSONPath"},
	}
	for _, tt := range tests {
		_, err := CompilePath(tt.field, tt.src)
		checkCompile(t, err, tt.field, tt.msg)
	}
	for _, src := range []string{"$.a[*]", "$..a", "$$.a[0,1]", "States.Array()"} {
		_, err := CompileReferencePath("ItemsPath", src)
		checkCompile(t, err, "ItemsPath", "The value for the field 'ItemsPath' must be a valid ReferencePath")
	}
	for _, src := range []string{"$", "$.a[0]", "$$.Map.Item.Value", "$v.w"} {
		if _, err := CompileReferencePath("ItemsPath", src); err != nil {
			t.Errorf("CompileReferencePath(%q): %v", src, err)
		}
	}
}

func checkCompile(t *testing.T, err error, field, msg string) {
	t.Helper()
	var ce *CompileError
	if !errors.As(err, &ce) {
		t.Errorf("error %v, want a *CompileError", err)
		return
	}
	if ce.Field != field || ce.Msg != msg || ce.Error() != msg {
		t.Errorf("CompileError{%q, %q}, want {%q, %q}", ce.Field, ce.Msg, field, msg)
	}
}

func TestIsRoot(t *testing.T) {
	t.Parallel()
	for src, want := range map[string]bool{"$": true, " $ ": true, "$.a": false, "$$": false, "$v": false} {
		p, err := CompilePath("InputPath", src)
		if err != nil {
			t.Fatal(err)
		}
		if p.IsRoot() != want {
			t.Errorf("IsRoot(%q) = %v", src, !want)
		}
		if p.Ref() == nil {
			t.Errorf("Ref(%q) = nil", src)
		}
	}
}

func TestTemplate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		tmpl, want string
	}{
		{`{}`, `{}`},
		{`{"a":1,"b":[true,null,"$.s"]}`, `{"a":1,"b":[true,null,"$.s"]}`},
		{`{"x.$":"$.s","y":2,"z.$":"$.a.b[0]"}`, `{"x":"text","y":2,"z":1}`},
		{`{"whole.$":"$"}`, `{"whole":` + value.String(testInput) + `}`},
		{`{"ctx.$":"$$.Map.Item.Value","idx.$":"$$.Map.Item.Index"}`, `{"ctx":"x","idx":1}`},
		{`{"v.$":"$v.w[0]","s.$":"$str"}`, `{"v":7,"s":"hello"}`},
		{`{"nested":{"deep":{"k.$":"$.flag"}},"const":{"c":1}}`, `{"nested":{"deep":{"k":true}},"const":{"c":1}}`},
		{`{"arr":[{"k.$":"$.s"},1,[{"j.$":"$.n"}]]}`, `{"arr":[{"k":"text"},1,[{"j":null}]]}`},
		{`{"f.$":"States.Format('{} {}', $.s, $str)"}`, `{"f":"text hello"}`},
		{`{"ids.$":"$.list[*].id","none.$":"$.missing[*]"}`, `{"ids":[1,2],"none":[]}`},
		{`{"past.$":"$.a.b[9]"}`, `{"past":null}`},
		{`{"a.$":"$.s","a":1}`, `{"a":1}`},
		{`{".$":"$.s"}`, `{"":"text"}`},
		{`{"k.$.$":"$.s"}`, `{"k.$":"text"}`},
		{`[{"k.$":"$.s"}]`, `[{"k":"text"}]`},
		{`"$.s"`, `"$.s"`},
	}
	for _, tt := range tests {
		tmpl, err := CompileTemplate("Parameters", value.MustParse(tt.tmpl))
		if err != nil {
			t.Errorf("CompileTemplate(%s): %v", tt.tmpl, err)
			continue
		}
		got, err := tmpl.EvalRand(env(), rand.New(rand.NewSource(1)))
		if err != nil || value.String(got) != tt.want {
			t.Errorf("Eval(%s) = %s, %v; want %s", tt.tmpl, value.String(got), err, tt.want)
		}
	}
}

func TestTemplateSharesConstants(t *testing.T) {
	t.Parallel()
	v := value.MustParse(`{"a":{"b":[1]},"c.$":"$.s"}`)
	tmpl, err := CompileTemplate("Parameters", v)
	if err != nil {
		t.Fatal(err)
	}
	got, err := tmpl.Eval(env())
	if err != nil {
		t.Fatal(err)
	}
	want, _ := v.(*value.Object).Get("a")
	have, _ := got.(*value.Object).Get("a")
	if have.(*value.Object) != want.(*value.Object) {
		t.Error("a constant member was copied")
	}
	constant, err := CompileTemplate("Result", v.(*value.Object).Without("c.$"))
	if err != nil || !constant.IsConstant() || constant.Field() != "Result" || tmpl.IsConstant() {
		t.Errorf("IsConstant/Field wrong: %v", err)
	}
}

func TestTemplateErrors(t *testing.T) {
	t.Parallel()
	in := value.String(testInput)
	tests := []struct {
		tmpl, cause string
	}{
		{`{"value.$":"$.no_such_jsonpath"}`, "The JSONPath '$.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '" + in + "'"},
		{`{"value.$":"$$.Execution.Input.no_such_jsonpath"}`, "The JSONPath '$$.Execution.Input.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '" + in + "'"},
		{`{"o":{"address.$":"$.a.x.y"}}`, "The JSONPath '$.a.x.y' specified for the field 'address.$' could not be found in the input '" + in + "'"},
		{`{"Jobs.$":"$.a.b.sum()"}`, "The JSONPath '$.a.b.sum()' specified for the field 'Jobs.$' could not be found in the input '" + in + "'"},
		{`{"x.$":"$.s[0]"}`, "The JSONPath '$.s[0]' specified for the field 'x.$' could not be found in the input '" + in + "'"},
		{`{"x.$":"$nope"}`, "The JSONPath '$nope' specified for the field 'x.$' could not be found in the input '" + in + "'"},
		{`[{"x.$":" $.nope "}]`, "The JSONPath '$.nope' specified for the field 'x.$' could not be found in the input '" + in + "'"},
		{`{"f.$":"States.ArrayLength($.s)"}`, "The function 'States.ArrayLength($.s)' had the following error: Invalid arguments in States.ArrayLength"},
	}
	for _, tt := range tests {
		tmpl, err := CompileTemplate("Parameters", value.MustParse(tt.tmpl))
		if err != nil {
			t.Errorf("CompileTemplate(%s): %v", tt.tmpl, err)
			continue
		}
		_, err = tmpl.Eval(env())
		checkRuntime(t, err, tt.cause)
	}
}

func TestCompileTemplateErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		tmpl, field string
	}{
		{`{"parsed.$":"States.Format('He said, \\\"Hello, {}!\\\"', 'Test \\\"Name\\\" Here')"}`, "parsed.$"},
		{`{"x.$":"no path"}`, "x.$"},
		{`{"x.$":""}`, "x.$"},
		{`{"x.$":5}`, "x.$"},
		{`{"x.$":{"y":1}}`, "x.$"},
		{`{"x.$":"$."}`, "x.$"},
		{`{"a":{"b":[{"deep.$":"States.Nope()"}]}}`, "deep.$"},
		{`[{"x.$":"$["}]`, "x.$"},
	}
	for _, tt := range tests {
		_, err := CompileTemplate("Parameters", value.MustParse(tt.tmpl))
		checkCompile(t, err, tt.field, "The value for the field '"+tt.field+"' must be a valid JSONPath or a valid intrinsic function call")
	}
}

func TestResultPath(t *testing.T) {
	t.Parallel()
	tests := []struct {
		src, in, result, want string
	}{
		{"$", `{"a":1}`, `"r"`, `"r"`},
		{"$.r", `{"a":1}`, `{"x":1}`, `{"a":1,"r":{"x":1}}`},
		{"$.a", `{"a":1,"b":2}`, `3`, `{"a":3,"b":2}`},
		{"$.x.y", `{}`, `[1]`, `{"x":{"y":[1]}}`},
		{"$.strings.lambdaresult", `{"comment":"c","strings":{"a":"b"}}`, `"hi"`, `{"comment":"c","strings":{"a":"b","lambdaresult":"hi"}}`},
		{"$['a b']", `{}`, `null`, `{"a b":null}`},
		{"$.l[0]", `{"l":[1,2]}`, `9`, `{"l":[9,2]}`},
	}
	for _, tt := range tests {
		rp, err := CompileResultPath(tt.src)
		if err != nil {
			t.Errorf("CompileResultPath(%q): %v", tt.src, err)
			continue
		}
		in := value.MustParse(tt.in)
		got, err := rp.Apply(in, value.MustParse(tt.result))
		if err != nil || value.String(got) != tt.want {
			t.Errorf("Apply(%s, %s) = %s, %v; want %s", tt.src, tt.in, value.String(got), err, tt.want)
		}
		if value.String(in) != tt.in {
			t.Errorf("Apply(%s) changed its testInput to %s", tt.src, value.String(in))
		}
		if rp.String() != tt.src {
			t.Errorf("String() = %q", rp.String())
		}
	}
}

func TestResultPathErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		src, in, cause string
	}{
		{"$.someTaskResult", `"input1"`, `Unable to apply ReferencePath $.someTaskResult to input "input1"`},
		{"$.r", `[1,2]`, `Unable to apply ReferencePath $.r to input [1,2]`},
		{"$.r", `null`, `Unable to apply ReferencePath $.r to input null`},
		{"$.a.b", `{"a":5}`, `Unable to apply ReferencePath $.a.b to input {"a":5}`},
		{"$.l[3]", `{"l":[]}`, `Unable to apply ReferencePath $.l[3] to input {"l":[]}`},
	}
	for _, tt := range tests {
		rp, err := CompileResultPath(tt.src)
		if err != nil {
			t.Fatal(err)
		}
		_, err = rp.Apply(value.MustParse(tt.in), 1)
		var xe *expr.Error
		if !errors.As(err, &xe) || xe.Name != ErrReferencePathConflict || xe.Cause != tt.cause {
			t.Errorf("Apply(%s, %s) = %v, want %s", tt.src, tt.in, err, tt.cause)
		}
	}
	for _, src := range []string{"$.a[*]", "$..a", "$$.a", "$v", "a", "$.", "$['a','b']", "$.a[?(@)]"} {
		_, err := CompileResultPath(src)
		checkCompile(t, err, "ResultPath", "The value for the field 'ResultPath' must be a valid ReferencePath")
	}
}

func TestCompileErrorUnwrap(t *testing.T) {
	t.Parallel()
	_, err := CompilePath("InputPath", "$.")
	var ce *CompileError
	if !errors.As(err, &ce) || ce.Unwrap() == nil || !strings.Contains(ce.Unwrap().Error(), "must not end") {
		t.Errorf("Unwrap() of %v lost the syntax error", err)
	}
}
