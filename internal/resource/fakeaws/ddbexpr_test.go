package fakeaws

import (
	"testing"

	"github.com/stepwisehq/stepwise/value"
)

func TestTokenize(t *testing.T) {
	t.Parallel()
	got := tokenize("SET #a=:v,b = b+:n REMOVE c  AND x<>y<=z>=w")
	want := []string{"SET", "#a", "=", ":v", ",", "b", "=", "b", "+", ":n", "REMOVE", "c", "AND", "x", "<>", "y", "<=", "z", ">=", "w"}
	if len(got) != len(want) {
		t.Fatalf("got %q", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %q", got)
		}
	}
}

func TestConditions(t *testing.T) {
	t.Parallel()
	item := value.MustParse(`{"id":{"S":"abc"},"n":{"N":"10"},"tags":{"SS":["x"]}}`).(*value.Object)
	env := exprEnv{
		names:  value.MustParse(`{"#n":"n"}`).(*value.Object),
		values: value.MustParse(`{":s":{"S":"abc"},":p":{"S":"ab"},":nine":{"N":"9"},":ten":{"N":"10"},":x":{"S":"x"}}`).(*value.Object),
	}
	tests := []struct {
		expr string
		want bool
		err  bool
	}{
		{"id = :s", true, false},
		{"id <> :s", false, false},
		{"#n > :nine AND #n <= :ten", true, false},
		{"#n < :nine", false, false},
		{"#n >= :ten", true, false},
		{"#n BETWEEN :nine AND :ten", true, false},
		{"begins_with(id, :p)", true, false},
		{"contains(tags, :x)", true, false},
		{"attribute_exists(id) AND attribute_not_exists(other)", true, false},
		{"NOT attribute_exists(id)", false, false},
		{"(id = :s AND #n = :ten)", true, false},
		{"missing = :s", false, false},
		{"id = :undefined", false, true},
		{"#undefined = :s", false, true},
		{"a.b = :s", false, true},
		{"id ~ :s", false, true},
		{"id = :s OR", false, true},
		{"attribute_exists id", false, true},
		{"", false, true},
	}
	for _, tt := range tests {
		c, err := parseCondition(tt.expr, env)
		if (err != nil) != tt.err {
			t.Errorf("%q: error %v", tt.expr, err)
			continue
		}
		if err == nil && c.match(item) != tt.want {
			t.Errorf("%q: got %v", tt.expr, !tt.want)
		}
	}
}

func TestUpdates(t *testing.T) {
	t.Parallel()
	item := value.MustParse(`{"id":{"S":"k"},"n":{"N":"1"},"l":{"L":[{"N":"1"}]},"gone":{"S":"x"}}`).(*value.Object)
	env := exprEnv{values: value.MustParse(`{":two":{"N":"2"},":s":{"S":"v"},":l":{"L":[{"N":"2"}]}}`).(*value.Object)}
	tests := []struct {
		expr, want string
		changed    int
	}{
		{"SET n = n + :two, s = :s REMOVE gone", `{"id":{"S":"k"},"n":{"N":"3"},"l":{"L":[{"N":"1"}]},"s":{"S":"v"}}`, 3},
		{"set n = n - :two", `{"id":{"S":"k"},"n":{"N":"-1"},"l":{"L":[{"N":"1"}]},"gone":{"S":"x"}}`, 1},
		{"SET x = if_not_exists(x, :s), n = if_not_exists(n, :two)", `{"id":{"S":"k"},"n":{"N":"1"},"l":{"L":[{"N":"1"}]},"gone":{"S":"x"},"x":{"S":"v"}}`, 2},
		{"SET l = list_append(l, :l)", `{"id":{"S":"k"},"n":{"N":"1"},"l":{"L":[{"N":"1"},{"N":"2"}]},"gone":{"S":"x"}}`, 1},
		{"SET n = s + :two", "", 0},
		{"ADD n :two", "", 0},
		{"SET n :two", "", 0},
	}
	for _, tt := range tests {
		got, changed, err := applyUpdate(item, tt.expr, env)
		if tt.want == "" {
			if err == nil {
				t.Errorf("%q: no error", tt.expr)
			}
			continue
		}
		if err != nil || value.String(got) != tt.want || len(changed) != tt.changed {
			t.Errorf("%q: got %s %v %v", tt.expr, value.String(got), changed, err)
		}
	}
}

// FuzzExpressions parses arbitrary condition and update expressions: never
// a panic.
func FuzzExpressions(f *testing.F) {
	for _, s := range []string{"#a = :v AND begins_with(b, :v)", "SET a = a + :v, b = list_append(b, :v) REMOVE c", "a BETWEEN :v AND :v", "NOT (a = :v", "((("} {
		f.Add(s)
	}
	item := value.MustParse(`{"a":{"N":"1"},"b":{"L":[]}}`).(*value.Object)
	env := exprEnv{names: value.MustParse(`{"#a":"a"}`).(*value.Object), values: value.MustParse(`{":v":{"N":"2"}}`).(*value.Object)}
	f.Fuzz(func(t *testing.T, expr string) {
		if c, err := parseCondition(expr, env); err == nil {
			c.match(item)
		}
		_, _, _ = applyUpdate(item, expr, env)
	})
}

func TestAWSChunked(t *testing.T) {
	t.Parallel()
	got, err := decodeAWSChunked([]byte("5;chunk-signature=x\r\nhello\r\n1\r\n!\r\n0\r\nx-amz-checksum-crc32:abc\r\n\r\n"))
	if err != nil || string(got) != "hello!" {
		t.Errorf("got %q, %v", got, err)
	}
	for _, bad := range []string{"zz\r\n", "5\r\nhi", "", "ffffff\r\nx"} {
		if _, err := decodeAWSChunked([]byte(bad)); err == nil {
			t.Errorf("%q decoded", bad)
		}
	}
}
