package jsonata

import (
	"strings"
	"testing"

	"github.com/stepwisehq/stepwise/value"
)

// TestDeepValuesDoNotExhaustTheStack builds values nested deeper than the
// recursive walkers accept and checks they fail cleanly.
func TestDeepValuesDoNotExhaustTheStack(t *testing.T) {
	t.Parallel()
	deep := "$reduce([1..30000], function($acc, $v){{'a': $acc}}, {})"
	opts := &Options{MaxSteps: 2_000_000}
	tests := []struct{ src, code string }{
		{deep, "D1011"},
		{"$string(" + deep + ")", "D1011"},
		{"$clone(" + deep + ")", "D1011"},
	}
	for _, tt := range tests {
		e := evalError(t, tt.src, Undefined, opts)
		if e.Code != tt.code {
			t.Errorf("%s: %v", tt.src, e)
		}
	}
	// comparisons and lookups stop quietly
	for _, src := range []string{"(" + deep + ") = (" + deep + ")", "$boolean(" + deep + ")", "$count((" + deep + ").x)", "$count(**)"} {
		if got := evalText(src, Undefined, opts); strings.HasPrefix(got, "!") {
			t.Errorf("%s: %s", src, got)
		}
	}
}

func TestDeepInputDocument(t *testing.T) {
	t.Parallel()
	doc := strings.Repeat(`{"a":`, 5000) + "1" + strings.Repeat("}", 5000)
	input := value.MustParse(doc)
	tests := []struct{ src, want string }{
		{"$count(**)", "5001"},
		{"$string($) = $string($)", "true"},
		{"$ = $", "true"},
		{"$exists(" + strings.Repeat("a.", 4999) + "a)", "true"},
	}
	for _, tt := range tests {
		if got := evalText(tt.src, input, nil); got != tt.want {
			t.Errorf("%s = %s, want %s", tt.src[:min(len(tt.src), 40)], got, tt.want)
		}
	}
}

func TestLargeExpressions(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("1 + ", 2000) + "1"
	if got := evalText(long, Undefined, nil); got != "2001" {
		t.Errorf("a long sum: %s", got)
	}
	nested := strings.Repeat("(", 1000) + "1" + strings.Repeat(")", 1000)
	if got := evalText(nested, Undefined, nil); got != "1" {
		t.Errorf("nested blocks: %s", got)
	}
	tooDeep := strings.Repeat("[", 6000) + strings.Repeat("]", 6000)
	if e := evalError(t, tooDeep, Undefined, nil); e.Code != "D1011" {
		t.Errorf("constructors nested beyond the depth bound: %v", e)
	}
}

func TestBuildLimits(t *testing.T) {
	t.Parallel()
	tests := []struct{ src, code string }{
		{"$pad('x', 1e12)", "D1001"},
		{"$formatInteger(1, '0', 1)", "T0410"},
		{"[1..1e8]", "D2014"},
		{"$range(1, 1e9)", "D2014"},
		{"$formatNumber(1, '0.' & $join($map([1..200], function(){'0'})))", "D1001"},
	}
	for _, tt := range tests {
		if e := evalError(t, tt.src, Undefined, nil); e.Code != tt.code {
			t.Errorf("%s: %v, want %s", tt.src, e, tt.code)
		}
	}
}

func TestTupleHelpers(t *testing.T) {
	t.Parallel()
	a := &tuple{ctx: "a"}
	a.set("i", 1.0)
	b := a.copy()
	b.set("i", 2.0)
	b.set("j", 3.0)
	if v, _ := a.get("i"); v != 1.0 {
		t.Error("copy shares bindings")
	}
	c := a.copy()
	c.merge(b)
	if v, _ := c.get("j"); v != 3.0 || c.ctx != "a" {
		t.Errorf("merge: %+v", c)
	}
	r := reduceTuples([]*tuple{a, b})
	if s, _ := stringify(r.ctx, false, false); s != `["a","a"]` {
		t.Errorf("reduced context %s", s)
	}
	if v, _ := r.get("i"); v == nil {
		t.Errorf("reduced i")
	} else if s, _ := stringify(v, false, false); s != "[1,2]" {
		t.Errorf("reduced i = %s", s)
	}
	f := frameFor(nil, b)
	f.bind("i", 9.0)
	if v, _ := b.get("i"); v != 2.0 {
		t.Error("binding in a tuple's scope changed the tuple")
	}
}

func TestNilOptionsAndNullInput(t *testing.T) {
	t.Parallel()
	if got := evalText("$", nil, nil); got != "null" {
		t.Errorf("null input: %s", got)
	}
	if got := evalText("$type($)", value.MustParse(`"s"`), &Options{}); got != `"string"` {
		t.Errorf("string input: %s", got)
	}
	v, defined, err := MustCompile("[]").Eval(Undefined, nil)
	if err != nil || !defined || value.String(v) != "[]" {
		t.Errorf("[] = %v %v %v", v, defined, err)
	}
}
