package jsonata

import (
	"encoding/json"
	"github.com/stepwisehq/stepwise/internal/sharedtest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stepwisehq/stepwise/value"
)

func TestStepFunctionsFunctions(t *testing.T) {
	t.Parallel()
	tests := []struct{ src, want string }{
		// $partition
		{"$partition([1, 2, 3, 4, 5, 6, 7, 8, 9], 3)", "[[1,2,3],[4,5,6],[7,8,9]]"},
		{"$partition([1, 2, 3, 4, 5, 6, 7, 8, 9], 4)", "[[1,2,3,4],[5,6,7,8],[9]]"},
		{"$partition([0], 1)", "[[0]]"},
		{"$partition([0, 1], 5)", "[[0,1]]"},
		{"$partition([], 2)", "[]"},
		{"$partition('a', 2)", `[["a"]]`},
		{"$partition(missing, 2)", "undefined"},
		{"$partition([1, 2], 0)", "!D3150: The second argument of partition function must be a positive integer: 0"},
		{"$partition([1, 2], 1.5)", "!D3150: The second argument of partition function must be a positive integer: 1.5"},
		{"$partition([1, 2], -1)", "!D3150: The second argument of partition function must be a positive integer: -1"},
		{"$partition([1, 2])", `!T0410: Argument 2 of function "partition" does not match function signature`},
		{"$partition([1, 2], '2')", `!T0410: Argument 2 of function "partition" does not match function signature`},
		// $range
		{"$range(0, 10, 2)", "[0,2,4,6,8,10]"},
		{"$range(0, 9, 3)", "[0,3,6,9]"},
		{"$range(1, 9, 9)", "1"},
		{"$range(1, 5)", "[1,2,3,4,5]"},
		{"$range(5, 1, -2)", "[5,3,1]"},
		{"$range(5, 1)", "undefined"},
		{"$range(3, 3)", "3"},
		{"$range(1, 10, 100)", "1"},
		{"$range(0, 1, 0)", "!D3151: The arguments of range function must be integers and the step must not be zero"},
		{"$range(0.5, 2)", "!D3151: The arguments of range function must be integers and the step must not be zero"},
		{"$range(missing, 2)", "undefined"},
		{"$range(0, 1e8)", "!D2014: The size of the sequence allocated by the range operator (..) must not exceed 1e7.  Attempted to allocate 100000001."},
		{"$count($range(1, 1000))", "1000"},
		// $hash
		{"$hash('input data', 'MD5')", `"812f45842bc6d66ee14572ce20db8e86"`},
		{"$hash('input data', 'SHA-1')", `"aaff4a450a104cd177d28d18d74485e8cae074b7"`},
		{"$hash('input data', 'SHA-256')", `"b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3"`},
		{"$hash('', 'SHA-384')", `"38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b"`},
		{"$hash('abc', 'SHA-512')", `"ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"`},
		{"$hash('a', 'SHA-3')", `!D3152: The hash algorithm "SHA-3" is not supported. Use one of MD5, SHA-1, SHA-256, SHA-384, SHA-512`},
		{"$hash('a', 'md5')", `!D3152: The hash algorithm "md5" is not supported. Use one of MD5, SHA-1, SHA-256, SHA-384, SHA-512`},
		{"$hash(missing, 'MD5')", "undefined"},
		{"$hash(1, 'MD5')", `!T0410: Argument 1 of function "hash" does not match function signature`},
		// $random with a seed: the same seed gives the same number
		{"$random(42) = $random(42)", "true"},
		{"$random(42) = $random(43)", "false"},
		{"$random(42) >= 0 and $random(42) < 1", "true"},
		{"$random(0)", "0.730967787376657"},
		{"$random(42)", "0.7275636800328681"},
		{"$random('x')", `!T0410: Argument 1 of function "random" does not match function signature`},
		// $uuid
		{"$length($uuid())", "36"},
		{"$uuid() = $uuid()", "false"},
		// $parse
		{`$parse('{"a": [1, 2.50, true, null, "x"]}')`, `{"a":[1,2.5,true,null,"x"]}`},
		{"$parse('-0')", "0"},
		{"$parse('1.10')", "1.1"},
		{`$parse('"HelloWorld"')`, `"HelloWorld"`},
		{"$parse('true')", "true"},
		{`$parse('{"Arg1": 1, "Arg2": []}')`, `{"Arg1":1,"Arg2":[]}`},
		{`$parse('[1]')`, "[1]"},
		{`$parse('{"a": 1}').a`, "1"},
		{`$parse('{bad')`, `!D3153: The argument of parse function is not a valid JSON text: "{bad"`},
		{`$parse('')`, `!D3153: The argument of parse function is not a valid JSON text: ""`},
		{"$parse(missing)", "undefined"},
		{"$parse(1)", `!T0410: Argument 1 of function "parse" does not match function signature`},
		{`"[1,2]" ~> $parse()`, "[1,2]"},
	}
	for _, tt := range tests {
		if got := evalText(tt.src, Undefined, nil); got != tt.want {
			t.Errorf("%s\n     got %s\n    want %s", tt.src, got, tt.want)
		}
	}
}

func TestUUIDFormat(t *testing.T) {
	t.Parallel()
	re := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	for i := 0; i < 100; i++ {
		v, _ := mustEval(t, "$uuid()", Undefined, nil)
		if s, _ := v.(string); !re.MatchString(s) {
			t.Fatalf("$uuid() = %v", v)
		}
	}
}

// TestConformanceJSONata replays the conformance cases recorded against
// AWS whose only state is a JSONata Pass state with an Output expression.
func TestConformanceJSONata(t *testing.T) {
	root := filepath.Join(sharedtest.Dir(t), "conformance", "cases")
	files, err := filepath.Glob(filepath.Join(root, "*", "*JSONata*.json"))
	if err != nil || len(files) == 0 {
		t.Skip("no JSONata conformance cases")
	}
	ran := 0
	for _, f := range files {
		if runConformanceCase(t, f) {
			ran++
		}
	}
	t.Logf("%d JSONata conformance cases replayed", ran)
}

type conformanceCase struct {
	Definition struct {
		States map[string]struct {
			Type   string          `json:"Type"`
			Output json.RawMessage `json:"Output"`
		} `json:"States"`
	} `json:"definition"`
	Input    json.RawMessage `json:"input"`
	Expected struct {
		Status string          `json:"status"`
		Output json.RawMessage `json:"output"`
		Error  string          `json:"error"`
		Cause  string          `json:"cause"`
	} `json:"expected"`
}

func runConformanceCase(t *testing.T, path string) bool {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var c conformanceCase
	if err := json.Unmarshal(data, &c); err != nil || len(c.Definition.States) != 1 {
		return false
	}
	var src string
	for _, s := range c.Definition.States {
		var out string
		if s.Type != "Pass" || json.Unmarshal(s.Output, &out) != nil {
			return false
		}
		if !strings.HasPrefix(out, "{%") || !strings.HasSuffix(out, "%}") {
			return false
		}
		src = strings.TrimSpace(out[2 : len(out)-2])
	}
	input := value.MustParse(string(c.Input))
	states := value.NewObject([]value.Member{{Key: "input", Value: input}})
	opts := &Options{Bindings: func(name string) (value.Value, bool) { return states, name == "states" }}
	got := evalText(src, input, opts)
	switch c.Expected.Status {
	case "SUCCEEDED":
		if !sameOutcome(got, string(c.Expected.Output)) {
			t.Errorf("%s: %s = %s, want %s", filepath.Base(path), src, got, c.Expected.Output)
		}
	case "FAILED":
		if !strings.HasPrefix(got, "!") || !strings.HasSuffix(c.Expected.Cause, got[1:]) {
			t.Errorf("%s: %s = %s, want cause %s", filepath.Base(path), src, got, c.Expected.Cause)
		}
	}
	return true
}
