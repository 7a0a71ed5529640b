package jsonpath

import (
	"strings"
	"testing"

	"github.com/stepwisehq/stepwise/internal/sharedtest"
	"github.com/stepwisehq/stepwise/value"
)

// sharedCases returns the recorded AWS cases of ../shared/conformance, or
// skips when they are absent.
func sharedCases(t *testing.T) []value.Value {
	t.Helper()
	files := sharedtest.Cases(t, "*")
	if len(files) == 0 {
		t.Skip("../shared is absent")
	}
	out := make([]value.Value, 0, len(files))
	for _, f := range files {
		out = append(out, sharedtest.ReadValue(t, f))
	}
	return out
}

// TestRecordedPathsCompile compiles every path string of every recorded
// definition: the values of "x.$" keys and of fields ending in "Path" that
// are not intrinsic function calls. AWS accepted them all.
func TestRecordedPathsCompile(t *testing.T) {
	n := 0
	for _, c := range sharedCases(t) {
		def, _ := c.(*value.Object).Get("definition")
		walkStrings(def, "", func(key, s string) {
			if !strings.HasPrefix(s, "$") || strings.HasPrefix(s, "States.") {
				return
			}
			if !strings.HasSuffix(key, ".$") && !strings.HasSuffix(key, "Path") && key != "Variable" {
				return
			}
			n++
			if _, err := CompileRef(s); err != nil {
				t.Errorf("CompileRef(%q) for %s: %v", s, key, err)
			}
		})
	}
	if n < 300 {
		t.Errorf("compiled %d recorded paths, want at least 300", n)
	}
}

func walkStrings(v value.Value, key string, f func(key, s string)) {
	switch x := v.(type) {
	case string:
		f(key, x)
	case []value.Value:
		for _, e := range x {
			walkStrings(e, key, f)
		}
	case *value.Object:
		for _, m := range x.Members() {
			walkStrings(m.Value, m.Key, f)
		}
	}
}

// TestRecordedArrayAccessWithNoInput replays the recorded cases whose
// Parameters select arrays from an empty input: AWS answers [] for every
// indefinite path over a missing member.
func TestRecordedArrayAccessWithNoInput(t *testing.T) {
	n := 0
	for _, c := range sharedCases(t) {
		name, _ := c.(*value.Object).Get("name")
		if s, _ := name.(string); !strings.Contains(s, "wildcard_or_slice_with_no_input") {
			continue
		}
		def, _ := c.(*value.Object).Get("definition")
		walkStrings(def, "", func(key, s string) {
			if key != "item.$" {
				return
			}
			n++
			got, err := MustCompile(s).Eval(value.NewObject(nil))
			if err != nil || value.String(got) != "[]" {
				t.Errorf("%s on {} = %s, %v; want []", s, value.String(got), err)
			}
		})
	}
	if n == 0 {
		t.Skip("no such cases")
	}
}
