package sharedtest

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stepwisehq/stepwise/value"
)

func TestDirAndCases(t *testing.T) {
	dir := Dir(t)
	if _, err := os.Stat(dir); err != nil || filepath.Base(dir) != "shared" {
		t.Errorf("Dir = %s: %v", dir, err)
	}
	files := Cases(t, "*")
	if len(files) == 0 {
		t.Skip("no recorded cases")
	}
	if !slices.IsSorted(files) {
		t.Error("cases not in order")
	}
	f := files[0]
	if Category(f) == "" || Name(f) == "" || strings.HasSuffix(Name(f), ".json") {
		t.Errorf("Category(%s) = %q, Name = %q", f, Category(f), Name(f))
	}
	one := Cases(t, Category(f))
	if len(one) == 0 || len(one) > len(files) || Category(one[len(one)-1]) != Category(f) {
		t.Errorf("Cases(%q) = %d files", Category(f), len(one))
	}
	if got := Cases(t, "no-such-category"); len(got) != 0 {
		t.Errorf("cases of no category: %v", got)
	}
	if _, ok := ReadValue(t, f).(*value.Object); !ok {
		t.Errorf("%s is no object", f)
	}
	var c struct {
		Name string `json:"name"`
	}
	ReadJSON(t, f, &c)
}

func TestDirSkipsWithoutRoot(t *testing.T) {
	t.Chdir(t.TempDir())
	ran := false
	t.Run("skip", func(t *testing.T) {
		Dir(t)
		ran = true
	})
	if ran {
		t.Error("Dir did not skip without a module root")
	}
}

func TestNameCategory(t *testing.T) {
	t.Parallel()
	f := filepath.Join("x", "cases", "choice_operators", "TestChoice__a.json")
	if Name(f) != "TestChoice__a" || Category(f) != "choice_operators" {
		t.Errorf("Name %q, Category %q", Name(f), Category(f))
	}
}

func TestGet(t *testing.T) {
	t.Parallel()
	v := value.MustParse(`{"a":{"b":[1],"c":null},"s":"x"}`)
	tests := []struct {
		keys []string
		want string
	}{
		{nil, value.String(v)},
		{[]string{"a", "b"}, `[1]`},
		{[]string{"a", "c"}, `null`},
		{[]string{"a", "missing"}, `null`},
		{[]string{"s", "x"}, `null`},
		{[]string{"a", "b", "c"}, `null`},
	}
	for _, tt := range tests {
		if got := value.String(Get(v, tt.keys...)); got != tt.want {
			t.Errorf("Get(%v) = %s, want %s", tt.keys, got, tt.want)
		}
	}
	if Get(nil, "a") != nil {
		t.Error("Get(nil)")
	}
}

func TestJSONText(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		`"{\"a\":1}"`: `{"a":1}`,
		`"12"`:        `12`,
		`"not json"`:  `"not json"`,
		`[1]`:         `[1]`,
	}
	for in, want := range tests {
		if got := value.String(JSONText(value.MustParse(in))); got != want {
			t.Errorf("JSONText(%s) = %s, want %s", in, got, want)
		}
	}
}

func TestMapStrings(t *testing.T) {
	t.Parallel()
	v := value.MustParse(`{"<k>":"<v>","a":["<x>",1,{"b":"<y>"}],"n":null}`)
	got := MapStrings(v, func(s string) string { return strings.Trim(s, "<>") })
	if want := `{"<k>":"v","a":["x",1,{"b":"y"}],"n":null}`; value.String(got) != want {
		t.Errorf("MapStrings = %s, want %s", value.String(got), want)
	}
}

func TestMaskedMatch(t *testing.T) {
	t.Parallel()
	words := regexp.MustCompile(Masks.String() + `|sfn_role_arn`)
	tests := []struct {
		masks     *regexp.Regexp
		want, got string
		ok        bool
	}{
		{Masks, "plain", "plain", true},
		{Masks, "plain", "plainer", false},
		{Masks, "a.b", "axb", false},
		{Masks, "id <uuid> end", "id 1234-5 end", true},
		{Masks, "id <uuid> end", "id 1\n2 end", true},
		{Masks, "id <uuid> end", "id 12 ending", false},
		{Masks, "arn:aws:iam::111111111111:role/x", "arn:aws:iam::123456789012:role/x", true},
		{Masks, "arn:aws:iam::111111111111:role/x", "arn:aws:iam::1234:role/x", false},
		{Masks, "role sfn_role_arn", "role arn:x", false},
		{words, "role sfn_role_arn", "role arn:x", true},
	}
	for _, tt := range tests {
		if got := MaskedMatch(tt.masks, tt.want, tt.got); got != tt.ok {
			t.Errorf("MaskedMatch(%q, %q) = %v", tt.want, tt.got, got)
		}
	}
}

func TestMatcherDiff(t *testing.T) {
	t.Parallel()
	m := &Matcher{
		Placeholders: map[string]bool{"timestamp": true},
		Ordered:      func(path string) bool { return path == "$" },
		FoldKeys:     func(path string) bool { return strings.HasSuffix(path, "Headers") },
		Skip:         func(path, key string) bool { return key == "Date" },
	}
	tests := []struct {
		want, got string
		diffs     int
	}{
		{`{"a":1,"b":"x"}`, `{"a":1,"b":"x"}`, 0},
		{`{"a":1,"b":"x"}`, `{"b":"x","a":1}`, 1}, // order at "$"
		{`{"o":{"a":1,"b":2}}`, `{"o":{"b":2,"a":1}}`, 0},
		{`{"t":"timestamp","u":"<uuid>"}`, `{"t":"2024","u":"abc"}`, 0},
		{`{"s":"{\"a\":1}"}`, `{"s":{"a":1}}`, 0}, // recorded text vs value
		{`{"s":{"a":1}}`, `{"s":"{\"a\":1}"}`, 0},
		{`{"l":[1,2]}`, `{"l":[1]}`, 1},
		{`{"l":[1,"x"]}`, `{"l":[1,"y"]}`, 1},
		{`{"n":1}`, `{"n":2}`, 1},
		{`{"n":1}`, `{"m":1}`, 1},
		{`{"o":{}}`, `{"o":[]}`, 1},
		{`{"Headers":{"X-A":"1","Date":"d"}}`, `{"Headers":{"x-a":"1","DATE":"e"}}`, 0},
		{`{"Headers":{"X-A":"1"}}`, `{"Headers":{"x-a":"2"}}`, 1},
		{`{"Other":{"X-A":"1"}}`, `{"Other":{"x-a":"1"}}`, 1},
	}
	for _, tt := range tests {
		diffs := m.Diff(value.MustParse(tt.want), value.MustParse(tt.got), "$")
		if len(diffs) != tt.diffs {
			t.Errorf("Diff(%s, %s) = %q, want %d differences", tt.want, tt.got, diffs, tt.diffs)
		}
	}
	if diffs := (&Matcher{}).Diff(value.MustParse(`{"a":[1,{"b":"x"}]}`), value.MustParse(`{"a":[1,{"b":"y"}]}`), "$"); len(diffs) != 1 ||
		!strings.HasPrefix(diffs[0], "$.a[].b: ") {
		t.Errorf("zero Matcher: %q", diffs)
	}
}
