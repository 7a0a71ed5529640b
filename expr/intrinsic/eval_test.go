package intrinsic

import (
	"errors"
	"math/rand"
	"regexp"
	"strings"
	"testing"

	"github.com/stepwisehq/stepwise/expr"
	"github.com/stepwisehq/stepwise/value"
)

var testInput = value.MustParse(`{
  "a": [1, 2, 3, 2], "empty": [], "s": "a,b,,c", "n": 1.5, "i": 7, "t": true, "nul": null,
  "o": {"x": 1, "y": [1, "z"]}, "o2": {"y": 2, "w": 3}, "tpl": "x={} y={}", "json": "{\"k\": [1, 2]}",
  "objs": [{"a": 1, "b": 2}, {"b": 2, "a": 1}, {"a": 1, "b": 1}], "nums": [1, 1.0, 1.00, 2]
}`)

func testEnv() *expr.Env {
	vars := map[string]value.Value{"greeting": "Hi {}!", "list": value.MustParse(`[3, 4, 5]`)}
	ctx := value.MustParse(`{"StateMachine": {"Name": "my-machine-name"}, "Map": {"Item": {"Value": "v", "Index": 2}}}`)
	return &expr.Env{
		Input:   testInput,
		Context: func() value.Value { return ctx },
		Var: func(name string) (value.Value, bool) {
			v, ok := vars[name]
			return v, ok
		},
	}
}

type evalCase struct {
	src  string
	want string // JSON; a pattern when it starts with "~"
}

func runEval(t *testing.T, tests []evalCase) {
	t.Helper()
	for _, tt := range tests {
		c, err := Compile(tt.src)
		if err != nil {
			t.Errorf("Compile(%q): %v", tt.src, err)
			continue
		}
		got, err := c.EvalRand(testEnv(), rand.New(rand.NewSource(1)))
		if err != nil {
			t.Errorf("Eval(%q): %v", tt.src, err)
			continue
		}
		s := value.String(got)
		if strings.HasPrefix(tt.want, "~") {
			if !regexp.MustCompile(tt.want[1:]).MatchString(s) {
				t.Errorf("Eval(%q) = %s, want a match of %s", tt.src, s, tt.want[1:])
			}
			continue
		}
		if s != tt.want {
			t.Errorf("Eval(%q) = %s, want %s", tt.src, s, tt.want)
		}
	}
}

func TestFormat(t *testing.T) {
	t.Parallel()
	runEval(t, []evalCase{
		{"States.Format('no placeholders')", `"no placeholders"`},
		{"States.Format('Hello {}', 'world')", `"Hello world"`},
		{"States.Format('{} {} {} {} {}', $.s, $.i, $.n, $.t, $.nul)", `"a,b,,c 7 1.5 true null"`},
		{"States.Format('{}|{}', $.a, $.o)", `"[1, 2, 3, 2]|{x=1, y=[1, z]}"`},
		{"States.Format('{}', $$.StateMachine)", `"{Name=my-machine-name}"`},
		{"States.Format('{}', 1.0)", `"1.0"`},
		{"States.Format('{}', 1e2)", `"100.0"`},
		{"States.Format('{}', -0)", `"0"`},
		{`States.Format('\{\} \' \\ "q" {}', 'x')`, `"{} ' \\ \"q\" x"`},
		{"States.Format($.tpl, 1, 2)", `"x=1 y=2"`},
		{"States.Format($greeting, $$.Map.Item.Value)", `"Hi v!"`},
		{"States.Format('  {}  ', 'x')", `"  x  "`},
		{"States.Format('{}', States.JsonToString($.o))", `"{\"x\":1,\"y\":[1,\"z\"]}"`},
		{"States.Format('{}', $.objs[?(@.b == 1)].a)", `"[1]"`},
	})
}

func TestJSONFunctions(t *testing.T) {
	t.Parallel()
	runEval(t, []evalCase{
		{"States.StringToJson($.json)", `{"k":[1,2]}`},
		{"States.StringToJson('')", `null`},
		{"States.StringToJson('  ')", `null`},
		{"States.StringToJson('null')", `null`},
		{"States.StringToJson('true')", `true`},
		{`States.StringToJson(' {"a":1.50} ')`, `{"a":1.50}`},
		{"States.StringToJson('\"x\"')", `"x"`},
		{"States.JsonToString($.o)", `"{\"x\":1,\"y\":[1,\"z\"]}"`},
		{"States.JsonToString($.n)", `"1.5"`},
		{"States.JsonToString('s')", `"\"s\""`},
		{"States.JsonToString(null)", `"null"`},
		{"States.JsonMerge($.o, $.o2, false)", `{"x":1,"y":2,"w":3}`},
		{"States.JsonMerge($.o, $.o2, 'false')", `{"x":1,"y":2,"w":3}`},
		{"States.JsonMerge($.o2, $.o, false)", `{"y":[1,"z"],"w":3,"x":1}`},
		{`States.JsonMerge(States.StringToJson('{"constant_in_literal": "false"}'), $.o, false)`, `{"constant_in_literal":"false","x":1,"y":[1,"z"]}`},
	})
}

func TestArrayFunctions(t *testing.T) {
	t.Parallel()
	runEval(t, []evalCase{
		{"States.Array()", `[]`},
		{"States.Array('a', 1, $.t, null, $.o)", `["a",1,true,null,{"x":1,"y":[1,"z"]}]`},
		{"States.ArrayPartition($.a, 1)", `[[1],[2],[3],[2]]`},
		{"States.ArrayPartition($.a, 3)", `[[1,2,3],[2]]`},
		{"States.ArrayPartition($.a, 2.9)", `[[1,2],[3,2]]`},
		{"States.ArrayPartition($.a, 2147483647)", `[[1,2,3,2]]`},
		{"States.ArrayPartition($.empty, 4)", `[]`},
		{"States.ArrayContains($.a, 2)", `true`},
		{"States.ArrayContains($.a, 2.0)", `false`},
		{"States.ArrayContains($.a, '2')", `false`},
		{"States.ArrayContains($.empty, null)", `false`},
		{`States.ArrayContains($.objs, States.StringToJson('{"b":1,"a":1}'))`, `true`},
		{"States.ArrayContains(States.Array($.o), $.o)", `true`},
		{"States.ArrayRange(1, 9, 2)", `[1,3,5,7,9]`},
		{"States.ArrayRange(0, 10, 3)", `[0,3,6,9]`},
		{"States.ArrayRange(5, 1, -2)", `[5,3,1]`},
		{"States.ArrayRange(3, 3, -1)", `[3]`},
		{"States.ArrayRange(5, 1, 1)", `[]`},
		{"States.ArrayRange(1, 5, -1)", `[]`},
		{"States.ArrayRange(1.4, 5.6, 2.2)", `[1,3,5]`},
		{"States.ArrayRange(1.6, 1.4, 1)", `[1]`},
		{"States.ArrayRange(5.4, -0.6, -2.4)", `[5,3,1]`},
		{"States.ArrayLength(States.ArrayRange(1, 1000, 1))", `1000`},
		{"States.ArrayGetItem($.a, 0)", `1`},
		{"States.ArrayGetItem($.a, 3)", `2`},
		{"States.ArrayGetItem($.a, 1.9)", `2`},
		{"States.ArrayGetItem($.empty, 999)", `null`},
		{"States.ArrayGetItem($list, $$.Map.Item.Index)", `5`},
		{"States.ArrayLength($.a)", `4`},
		{"States.ArrayLength($.empty)", `0`},
		{"States.ArrayUnique($.a)", `[1,2,3]`},
		{"States.ArrayUnique($.objs)", `[{"a":1,"b":2},{"a":1,"b":1}]`},
		{"States.ArrayUnique($.nums)", `[1,1.0,2]`},
		{"States.ArrayUnique(States.Array(null, null, 's', 's', true, false, true))", `[null,"s",true,false]`},
	})
}

func TestStringFunctions(t *testing.T) {
	t.Parallel()
	runEval(t, []evalCase{
		{"States.StringSplit($.s, ',')", `["a","b","c"]`},
		{"States.StringSplit(', , ,', ',')", `[" "," "]`},
		{"States.StringSplit(',,,,', ',')", `[]`},
		{"States.StringSplit('', ',')", `[]`},
		{"States.StringSplit('abc', '')", `["abc"]`},
		{"States.StringSplit('This.is+a,test=string', '.+,=')", `["This","is","a","test","string"]`},
		{"States.StringSplit('1a2b3ab4', 'ab')", `["1","2","3","4"]`},
		{"States.StringSplit('é-ü', '-')", `["é","ü"]`},
		{"States.Base64Encode('Hello World')", `"SGVsbG8gV29ybGQ="`},
		{"States.Base64Encode('')", `""`},
		{"States.Base64Encode('é')", `"w6k="`},
		{"States.Base64Decode('SGVsbG8gV29ybGQ=')", `"Hello World"`},
		{"States.Base64Decode('SGVsbG8gV29ybGQ')", `"Hello World"`},
		{"States.Base64Decode('')", `""`},
		{"States.Base64Decode('/w==')", `"` + "\uFFFD" + `"`},
		{"States.Hash('input data', 'MD5')", `"812f45842bc6d66ee14572ce20db8e86"`},
		{"States.Hash('input data', 'SHA-1')", `"aaff4a450a104cd177d28d18d74485e8cae074b7"`},
		{"States.Hash('input data', 'SHA-256')", `"b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3"`},
		{"States.Hash('input data', 'SHA-384')", `"d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562"`},
		{"States.Hash('input data', 'SHA-512')", `"6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4"`},
	})
}

func TestMathFunctions(t *testing.T) {
	t.Parallel()
	runEval(t, []evalCase{
		{"States.MathAdd(1, 2)", `3`},
		{"States.MathAdd($.i, -1)", `6`},
		{"States.MathAdd(1.49, 1.5)", `3`},
		{"States.MathAdd(-1.5, 0)", `-1`},
		{"States.MathAdd(-2.5, 0)", `-2`},
		{"States.MathAdd(-0.5, 0.5)", `1`},
		{"States.MathAdd(-1.51, 0)", `-2`},
		{"States.MathAdd(2147483646, 1)", `2147483647`},
		{"States.MathAdd(-2147483647, -1)", `-2147483648`},
		{"States.MathAdd(1e1, 0)", `10`},
		// java.util.Random(seed).nextInt(end - start) + start, as OpenJDK computes it.
		{"States.MathRandom(1, 100, 42)", `63`},
		{"States.MathRandom(0, 999, 0)", `672`},
		{"States.MathRandom(1, 10, -10)", `1`},
		{"States.MathRandom(2147483640, 2147483647, 1)", `2147483644`},
		{"States.MathRandom(0, 64, 7)", `46`},
		{"States.MathRandom(1.6, 5.4)", `~^[1-4]$`},
		{"States.MathRandom(-1000000, 1000000)", `~^-?\d+$`},
		{"States.UUID()", `~^"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"$`},
	})
}

func TestRandomnessIsInjected(t *testing.T) {
	t.Parallel()
	c, err := Compile("States.Array(States.UUID(), States.MathRandom(0, 1000000))")
	if err != nil {
		t.Fatal(err)
	}
	a, _ := c.EvalRand(testEnv(), rand.New(rand.NewSource(7)))
	b, _ := c.EvalRand(testEnv(), rand.New(rand.NewSource(7)))
	if value.String(a) != value.String(b) {
		t.Errorf("same source gave %s and %s", value.String(a), value.String(b))
	}
	d, _ := c.Eval(testEnv())
	e, _ := c.Eval(testEnv())
	if value.String(d) == value.String(e) {
		t.Errorf("the system source repeated %s", value.String(d))
	}
}

func TestMathRandomIsUniform(t *testing.T) {
	t.Parallel()
	c, err := Compile("States.MathRandom(0, 4)")
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewSource(3))
	counts := map[string]int{}
	for i := 0; i < 4000; i++ {
		v, err := c.EvalRand(nil, r)
		if err != nil {
			t.Fatal(err)
		}
		counts[value.String(v)]++
	}
	for _, k := range []string{"0", "1", "2", "3"} {
		if counts[k] < 850 || counts[k] > 1150 {
			t.Errorf("value %s drawn %d times in 4000", k, counts[k])
		}
	}
}

func TestFailures(t *testing.T) {
	t.Parallel()
	input := value.String(testInput)
	tests := []struct {
		src    string
		detail string
	}{
		{"States.Format('{}', $.nope)", "The JsonPath argument for the field '$.nope' could not be found in the input '" + input + "'"},
		{"States.Format('{} {}', $.i, $.a.b)", "The JsonPath argument for the field '$.a.b' could not be found in the input '" + input + "'"},
		{"States.Format('{}', $.nope.deep)", "The JsonPath argument for the field '$.nope.deep' could not be found in the input '" + input + "'"},
		{"States.Format('{}', $.a[9])", "The JsonPath argument for the field '$.a[9]' could not be found in the input '" + input + "'"},
		{"States.Format('{}', $.a[9].x)", "The JsonPath argument for the field '$.a[9].x' could not be found in the input '" + input + "'"},
		{"States.Format('{}', $$.Nope.Deep)", "The JsonPath argument for the field '$.Nope.Deep' could not be found in the input '" + input + "'"},
		{"States.Format('{}', $nope.x)", "The JsonPath argument for the field '$nope.x' could not be found in the input '" + input + "'"},
		{"States.Format('{}', $.i[0])", "Filter: [0] can only be applied to arrays. Current context is: 7"},
		{"States.Format('{}', States.Format('{}', $.nope))", "The JsonPath argument for the field '$.nope' could not be found in the input '" + input + "'"},
		{"States.Format($.i, 1)", "Invalid arguments in States.Format"},
		{"States.Format('{} {}', $.i)", "Invalid arguments in States.Format"},
		{"States.Format('{}', $.i, $.i)", "Invalid arguments in States.Format"},
		{"States.Format('Hello {')", "Invalid arguments in States.Format"},
		{"States.Format('Hello {{}}', $.i)", "Invalid arguments in States.Format"},
		{"States.Format('}')", "Invalid arguments in States.Format"},
		{"States.StringToJson($.i)", "Invalid arguments in States.StringToJson"},
		{"States.StringToJson('{bad json}')", "Invalid arguments in States.StringToJson"},
		{"States.StringToJson('undefined')", "Invalid arguments in States.StringToJson"},
		{"States.ArrayPartition('x', 2)", "Invalid arguments in States.ArrayPartition"},
		{"States.ArrayPartition($.a, 0.49)", "Invalid arguments in States.ArrayPartition"},
		{"States.ArrayPartition($.a, -1)", "Invalid arguments in States.ArrayPartition"},
		{"States.ArrayPartition($.a, '2')", "Invalid arguments in States.ArrayPartition"},
		{"States.ArrayContains($.o, 1)", "Invalid arguments in States.ArrayContains"},
		{"States.ArrayRange('a', 5, 1)", "Invalid arguments in States.ArrayRange"},
		{"States.ArrayRange(1, 10, 0.49)", "Invalid arguments in States.ArrayRange"},
		{"States.ArrayRange(1, 1001, 1)", "Invalid arguments in States.ArrayRange"},
		{"States.ArrayRange(1001, 1, -1)", "Invalid arguments in States.ArrayRange"},
		{"States.ArrayRange(0, 3000000000, 1)", "Invalid arguments in States.ArrayRange"},
		{"States.ArrayGetItem('x', 0)", "Invalid arguments in States.ArrayGetItem"},
		{"States.ArrayGetItem($.a, 4)", "Invalid arguments in States.ArrayGetItem"},
		{"States.ArrayGetItem($.a, -1)", "Invalid arguments in States.ArrayGetItem"},
		{"States.ArrayGetItem($.a, '1')", "Invalid arguments in States.ArrayGetItem"},
		{"States.ArrayLength($.o)", "Invalid arguments in States.ArrayLength"},
		{"States.ArrayUnique('x')", "Invalid arguments in States.ArrayUnique"},
		{"States.Base64Encode(1)", "Invalid arguments in States.Base64Encode"},
		{"States.Base64Decode('!!!')", "Invalid arguments in States.Base64Decode"},
		{"States.Hash('x', 'sha-256')", "Invalid arguments in States.Hash"},
		{"States.Hash(1, 'MD5')", "Invalid arguments in States.Hash"},
		{"States.JsonMerge($.o, $.o2, true)", "Invalid arguments in States.JsonMerge"},
		{"States.JsonMerge($.nul, $.o2, false)", "Invalid arguments in States.JsonMerge"},
		{"States.JsonMerge($.o, $.a, false)", "Invalid arguments in States.JsonMerge"},
		{"States.MathAdd('a', 1)", "Invalid arguments in States.MathAdd"},
		{"States.MathAdd(null, 1)", "Invalid arguments in States.MathAdd"},
		{"States.MathAdd(true, 1)", "Invalid arguments in States.MathAdd"},
		{"States.MathAdd('1', 2)", "Invalid arguments in States.MathAdd"},
		{"States.MathAdd(2147483647, 1)", "Invalid arguments in States.MathAdd"},
		{"States.MathAdd(-2147483648, -1)", "Invalid arguments in States.MathAdd"},
		{"States.MathAdd(3000000000, 1)", "Invalid arguments in States.MathAdd"},
		{"States.MathAdd($.a, 1)", "Invalid arguments in States.MathAdd"},
		{"States.MathRandom(1, 1)", "Invalid arguments in States.MathRandom"},
		{"States.MathRandom(10, 5)", "Invalid arguments in States.MathRandom"},
		{"States.MathRandom(1.4, 1.6)", "Invalid arguments in States.MathRandom"},
		{"States.MathRandom('a', 10)", "Invalid arguments in States.MathRandom"},
		{"States.MathRandom(1, 10, 'seed')", "Invalid arguments in States.MathRandom"},
		{"States.MathRandom(1, 10, null)", "Invalid arguments in States.MathRandom"},
		{"States.StringSplit($.i, ',')", "Invalid arguments in States.StringSplit"},
		{"States.StringSplit('a,b', null)", "Invalid arguments in States.StringSplit"},
		{"States.StringSplit('a,b', $.a)", "Invalid arguments in States.StringSplit"},
	}
	for _, tt := range tests {
		c, err := Compile(tt.src)
		if err != nil {
			t.Errorf("Compile(%q): %v", tt.src, err)
			continue
		}
		_, err = c.Eval(testEnv())
		var xe *expr.Error
		if !errors.As(err, &xe) {
			t.Errorf("Eval(%q) = %v, want an *expr.Error", tt.src, err)
			continue
		}
		want := "The function '" + tt.src + "' had the following error: " + tt.detail
		if xe.Name != expr.ErrRuntime || xe.Cause != want {
			t.Errorf("Eval(%q)\n got: %s: %s\nwant: States.Runtime: %s", tt.src, xe.Name, xe.Cause, want)
		}
	}
}

func TestLongInputs(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("x", maxInputChars)
	env := &expr.Env{Input: value.NewObject([]value.Member{{Key: "ok", Value: long}, {Key: "long", Value: long + "x"}})}
	for src, fails := range map[string]bool{
		"States.Base64Encode($.ok)": false, "States.Base64Encode($.long)": true,
		"States.Hash($.ok, 'MD5')": false, "States.Hash($.long, 'MD5')": true,
		"States.Base64Decode($.long)": true,
	} {
		_, err := mustCompile(t, src).Eval(env)
		if (err != nil) != fails {
			t.Errorf("Eval(%s): %v", src, err)
		}
	}
}

func TestNilEnv(t *testing.T) {
	t.Parallel()
	v, err := mustCompile(t, "States.Array($, $$, 1)").Eval(nil)
	if err != nil || value.String(v) != "[null,null,1]" {
		t.Errorf("Eval(nil env) = %s, %v", value.String(v), err)
	}
	_, err = mustCompile(t, "States.Array($x)").Eval(nil)
	if err == nil || !strings.Contains(err.Error(), "could not be found in the input 'null'") {
		t.Errorf("Eval of a variable with no env = %v", err)
	}
}

func mustCompile(t *testing.T, src string) *Call {
	t.Helper()
	c, err := Compile(src)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
