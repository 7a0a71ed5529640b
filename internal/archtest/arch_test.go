// Package archtest keeps the dependency arrows of DESIGN.md true.
package archtest

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/stepwisehq/stepwise"

// rule says which of the module's packages a package may import (directly
// or not); standard library packages are always allowed unless banned.
type rule struct {
	pkg     string   // a package, or a prefix ending in "/..."
	allowed []string // module packages (prefixes ending in "/...") it may depend on
	banned  []string // standard library packages it must not depend on
}

var pure = []string{"net/http", "database/sql", "os/exec"}

var rules = []rule{
	{"value", nil, pure},
	{"history", []string{"value"}, pure},
	{"expr", []string{"value"}, pure},
	{"expr/...", []string{"value", "expr", "expr/..."}, pure},
	{"asl", []string{"value", "expr", "expr/..."}, pure},
	{"engine", []string{"value", "expr", "expr/...", "asl", "history"}, pure},
}

// testHelpers are the packages only tests may import (arrow 6); they may
// import each other.
var testHelpers = []string{"internal/sharedtest", "internal/pgtest", "store/storetest"}

type listed struct {
	ImportPath string
	Deps       []string
	Standard   bool
}

func TestDependencyArrows(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps=false", "-json", module+"/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	checked := 0
	for dec.More() {
		var p listed
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		rel := strings.TrimPrefix(strings.TrimPrefix(p.ImportPath, module), "/")
		checkTestHelpers(t, rel, p.Deps)
		for _, r := range rules {
			if matches(r.pkg, rel) {
				checked++
				checkRule(t, rel, p.Deps, r)
			}
		}
	}
	if checked < 5 {
		t.Fatalf("only %d packages checked; the rules no longer match the layout", checked)
	}
}

func checkRule(t *testing.T, rel string, deps []string, r rule) {
	for _, d := range deps {
		if strings.HasPrefix(d, module) {
			drel := strings.TrimPrefix(strings.TrimPrefix(d, module), "/")
			if !allowedDep(drel, r.allowed) {
				t.Errorf("%s imports %s, which DESIGN.md's arrows forbid", rel, drel)
			}
			continue
		}
		for _, b := range r.banned {
			if d == b {
				t.Errorf("%s depends on %s; it must stay pure", rel, b)
			}
		}
		if !isStd(d) && (rel == "value" || strings.HasPrefix(rel, "expr") || rel == "asl" || rel == "history" || rel == "engine") {
			t.Errorf("%s depends on %s; it may use only the standard library", rel, d)
		}
	}
}

// checkTestHelpers fails when a package other than a test helper depends on
// one: test code (the _test.go files) is not in Deps.
func checkTestHelpers(t *testing.T, rel string, deps []string) {
	if slices.Contains(testHelpers, rel) {
		return
	}
	for _, d := range deps {
		drel := strings.TrimPrefix(d, module+"/")
		if strings.HasPrefix(d, module+"/") && slices.Contains(testHelpers, drel) {
			t.Errorf("%s imports the test helper %s", rel, drel)
		}
	}
}

func allowedDep(drel string, allowed []string) bool {
	for _, a := range allowed {
		if matches(a, drel) {
			return true
		}
	}
	return false
}

func matches(pattern, rel string) bool {
	if p, ok := strings.CutSuffix(pattern, "/..."); ok {
		return strings.HasPrefix(rel, p+"/")
	}
	return pattern == rel
}

// isStd reports whether an import path belongs to the standard library
// (its first element has no dot).
func isStd(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

// TestEngineIsPure checks that the interpreter never reads the clock, sleeps
// or starts goroutines: time comes in as an argument.
func TestEngineIsPure(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "engine", "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no engine sources found: %v", err)
	}
	banned := regexp.MustCompile(`time\.Now\(|time\.Sleep\(|time\.After\(|time\.NewTimer\(|\bgo\s+func\b|\bgo\s+[a-zA-Z_.]+\(`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(src), "\n") {
			code, _, _ := strings.Cut(line, "//")
			if banned.MatchString(code) {
				t.Errorf("%s:%d: %s", f, i+1, strings.TrimSpace(line))
			}
		}
	}
}
