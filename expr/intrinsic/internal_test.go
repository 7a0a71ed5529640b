package intrinsic

import (
	"fmt"
	"math"
	"math/rand"
	"sync"
	"testing"

	"github.com/stepwisehq/stepwise/expr"
	"github.com/stepwisehq/stepwise/value"
)

// TestJavaRandom checks java.util.Random against what OpenJDK printed for
// new Random(seed).nextInt(bound).
func TestJavaRandom(t *testing.T) {
	t.Parallel()
	tests := []struct {
		seed  int64
		bound int32
		want  int32
	}{
		{42, 99, 62},
		{0, 999, 672},
		{-10, 9, 0},
		{1, 7, 4},
		{7, 64, 46},
	}
	for _, tt := range tests {
		if got := newJavaRandom(tt.seed).nextInt(tt.bound); got != tt.want {
			t.Errorf("Random(%d).nextInt(%d) = %d, want %d", tt.seed, tt.bound, got, tt.want)
		}
	}
	r := newJavaRandom(123)
	seen := map[int32]bool{}
	for i := 0; i < 1000; i++ {
		v := r.nextInt(10)
		if v < 0 || v >= 10 {
			t.Fatalf("nextInt(10) = %d", v)
		}
		seen[v] = true
	}
	if len(seen) != 10 {
		t.Errorf("nextInt(10) produced only %d values", len(seen))
	}
}

func TestToInt(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{`1`, 1, true},
		{`-7`, -7, true},
		{`1.9`, 1, true},
		{`-1.9`, -1, true},
		{`1e2`, 100, true},
		{`2147483647`, math.MaxInt32, true},
		{`-2147483648`, math.MinInt32, true},
		{`2147483648`, 0, false},
		{`1e10`, 0, false},
		{`"1"`, 0, false},
		{`null`, 0, false},
		{`true`, 0, false},
	}
	for _, tt := range tests {
		got, ok := toInt(value.MustParse(tt.in))
		if got != tt.want || ok != tt.ok {
			t.Errorf("toInt(%s) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestRoundInt(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{`1`, 1, true},
		{`1.49`, 1, true},
		{`1.5`, 2, true},
		{`-1.5`, -1, true},
		{`-2.5`, -2, true},
		{`-0.5`, 0, true},
		{`-1.51`, -2, true},
		{`2147483647.4`, math.MaxInt32, true},
		{`2147483647.5`, 0, false},
		{`3000000000`, 0, false},
		{`99999999999999999999`, 0, false},
		{`[]`, 0, false},
	}
	for _, tt := range tests {
		got, ok := roundInt(value.MustParse(tt.in))
		if got != tt.want || ok != tt.ok {
			t.Errorf("roundInt(%s) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestJavaLength(t *testing.T) {
	t.Parallel()
	for s, want := range map[string]int{"": 0, "abc": 3, "é": 1, "😀": 2, "a😀b": 4} {
		if got := javaLength(s); got != want {
			t.Errorf("javaLength(%q) = %d, want %d", s, got, want)
		}
	}
}

// TestCanonical checks the equality States.ArrayContains and
// States.ArrayUnique use: Jackson's JsonNode.equals.
func TestCanonical(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a, b  string
		equal bool
	}{
		{`1`, `1`, true},
		{`1`, `1.0`, false},
		{`1.0`, `1.00`, true},
		{`1e2`, `100.0`, true},
		{`-0`, `0`, true},
		{`99999999999999999999`, `99999999999999999999`, true},
		{`99999999999999999999`, `99999999999999999998`, false},
		{`"a"`, `"a"`, true},
		{`"1"`, `1`, false},
		{`null`, `false`, false},
		{`true`, `true`, true},
		{`[1,2]`, `[1,2]`, true},
		{`[1,2]`, `[2,1]`, false},
		{`{"a":1,"b":[{}]}`, `{"b":[{}],"a":1}`, true},
		{`{"a":1}`, `{"a":1,"b":2}`, false},
		{`{"a,":1}`, `{"a":",1"}`, false},
		{`["a","b"]`, `["a,\"b"]`, false},
	}
	for _, tt := range tests {
		a := string(canonical(nil, value.MustParse(tt.a)))
		b := string(canonical(nil, value.MustParse(tt.b)))
		if (a == b) != tt.equal {
			t.Errorf("canonical(%s) == canonical(%s) is %v, want %v (%s, %s)", tt.a, tt.b, a == b, tt.equal, a, b)
		}
	}
}

func TestInt63n(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewSource(5))
	for _, n := range []int64{1, 2, 3, 1 << 40, math.MaxInt64} {
		for i := 0; i < 100; i++ {
			if v := int63n(r, n); v < 0 || v >= n {
				t.Fatalf("int63n(%d) = %d", n, v)
			}
		}
	}
	if v := (systemRand{}).Int63(); v < 0 {
		t.Errorf("systemRand.Int63() = %d", v)
	}
}

func TestArity(t *testing.T) {
	t.Parallel()
	for name, want := range map[string]string{
		"States.Format":      "at least 1 argument",
		"States.Array":       "at least 0 arguments",
		"States.UUID":        "0 arguments",
		"States.ArrayLength": "1 argument",
		"States.MathAdd":     "2 arguments",
		"States.ArrayRange":  "3 arguments",
		"States.MathRandom":  "2 to 3 arguments",
	} {
		if got := functions[name].arity(); got != want {
			t.Errorf("%s arity = %q, want %q", name, got, want)
		}
	}
	if len(functions) != 18 {
		t.Errorf("%d functions, want 18", len(functions))
	}
}

func TestFormatTemplates(t *testing.T) {
	t.Parallel()
	env := &expr.Env{Input: value.MustParse(`{"t1":"a\\{\\}b","t2":"C:\\dir {}","t3":"{}{}","t4":"\\}"}`)}
	tests := []struct {
		src, want string
	}{
		// A template read from the input has the same escapes as a literal.
		{"States.Format($.t1)", `"a{}b"`},
		{"States.Format($.t2, 'x')", `"C:\\dir x"`},
		{"States.Format($.t3, 1, 2)", `"12"`},
		{"States.Format($.t4)", `"}"`},
		{`States.Format('\\{}', 'x')`, `"\\x"`},
		{`States.Format('{}\\', 'x')`, `"x\\"`},
		{`States.Format('\'{}\'', 'x')`, `"'x'"`},
		{"States.Format('{}', '{}')", `"{}"`},
		{"States.Format('{} and {}', States.Array(1, 'a'), States.StringToJson('{\"k\":null}'))", `"[1, a] and {k=null}"`},
	}
	for _, tt := range tests {
		got, err := mustCompile(t, tt.src).Eval(env)
		if err != nil || value.String(got) != tt.want {
			t.Errorf("Eval(%s) = %s, %v; want %s", tt.src, value.String(got), err, tt.want)
		}
	}
}

func TestConcurrentEval(t *testing.T) {
	t.Parallel()
	c := mustCompile(t, "States.Format('{} {} {}', States.ArrayLength($.a), States.MathAdd($.i, 1), States.Hash($.s, 'SHA-256'))")
	want, err := c.Eval(testEnv())
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				got, err := c.Eval(testEnv())
				if err != nil || got != want {
					t.Errorf("concurrent Eval = %v, %v; want %v", got, err, want)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func ExampleCall_EvalRand() {
	c, err := Compile("States.Format('{} has {} items', $.name, States.ArrayLength($.items))")
	if err != nil {
		panic(err)
	}
	env := &expr.Env{Input: value.MustParse(`{"name":"cart","items":[1,2,3]}`)}
	v, err := c.EvalRand(env, rand.New(rand.NewSource(1)))
	fmt.Println(value.String(v), err)
	// Output: "cart has 3 items" <nil>
}

func ExampleCall_Eval_failure() {
	c, _ := Compile("States.MathAdd($.count, 1)")
	_, err := c.Eval(&expr.Env{Input: value.MustParse(`{"count":"x"}`)})
	fmt.Println(err)
	// Output: States.Runtime: The function 'States.MathAdd($.count, 1)' had the following error: Invalid arguments in States.MathAdd
}

func TestPathEnd(t *testing.T) {
	t.Parallel()
	tests := []struct {
		s    string
		want int
	}{
		{"$.a, 1)", 3},
		{"$.a)", 3},
		{"$.a['b,c'], 1)", 10},
		{"$.a[?(@.b == 'x,)')], 1)", 20},
		{"$.a[?(@.b == \"x,)\")])", 20},
		{"$.a.length())", 12},
		{"$.a", 3},
		{"$.a['x", 6},
	}
	for _, tt := range tests {
		if got := pathEnd(tt.s, 0); got != tt.want {
			t.Errorf("pathEnd(%q) = %d, want %d", tt.s, got, tt.want)
		}
	}
}

func TestStringLiterals(t *testing.T) {
	t.Parallel()
	tests := []struct {
		src, lit, raw string
	}{
		{`'plain'`, "plain", "plain"},
		{`''`, "", ""},
		{`'it\'s'`, "it's", `it\'s`},
		{`'\{\}'`, "{}", `\{\}`},
		{`'a\\b'`, `a\b`, `a\\b`},
		{`'{"k": "v"}'`, `{"k": "v"}`, `{"k": "v"}`},
		{`'say "hi"'`, `say "hi"`, `say "hi"`},
		{`'日本'`, "日本", "日本"},
	}
	for _, tt := range tests {
		p := &cparser{src: tt.src}
		a, err := p.stringArg()
		if err != nil || a.lit != tt.lit || a.raw != tt.raw || p.pos != len(tt.src) {
			t.Errorf("stringArg(%s) = %q, %q, %v at %d", tt.src, a.lit, a.raw, err, p.pos)
		}
	}
}

func TestNumberLiterals(t *testing.T) {
	t.Parallel()
	c := mustCompile(t, "States.Array(0, -1, 1.50, 2e3, -0.5E-2, 12345678901234567890)")
	v, err := c.Eval(nil)
	if err != nil || value.String(v) != "[0,-1,1.50,2e3,-0.5E-2,12345678901234567890]" {
		t.Errorf("number literals = %s, %v", value.String(v), err)
	}
}
