// Package sharedtest helps tests read the reference material beside the
// repository: ../shared (relative to the module root), whose
// conformance/cases/<category>/*.json are the cases recorded against AWS.
// It finds the directory (skipping the test when it is absent), lists and
// reads case files, and compares recorded, masked values with actual ones.
//
// It is a test-helper package: only _test.go files may import it.
package sharedtest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stepwisehq/stepwise/value"
)

// Dir returns the shared reference directory: ../shared beside the module
// root, the nearest directory above the working directory that holds
// go.mod. It skips the test when there is no such root or no ../shared.
func Dir(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("no go.mod above the test directory")
		}
		dir = parent
	}
	shared := filepath.Join(dir, "..", "shared")
	if _, err := os.Stat(shared); err != nil {
		t.Skip("../shared is absent")
	}
	return shared
}

// CasesDir returns Dir's conformance/cases, the recorded cases by category;
// it skips the test when they are absent.
func CasesDir(t testing.TB) string {
	t.Helper()
	cases := filepath.Join(Dir(t), "conformance", "cases")
	if _, err := os.Stat(cases); err != nil {
		t.Skip("../shared/conformance/cases is absent")
	}
	return cases
}

// Cases returns the paths of the recorded cases of a category ("*" for
// every category) in filepath.Glob's order: by category, then by name. It
// skips the test when the cases are absent; a category without cases gives
// none.
func Cases(t testing.TB, category string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(CasesDir(t), category, "*.json"))
	if err != nil {
		t.Fatalf("cases of %q: %v", category, err)
	}
	return files
}

// Name returns the name of a case file: its base name without ".json".
func Name(file string) string {
	return strings.TrimSuffix(filepath.Base(file), ".json")
}

// Category returns the category of a case file: its directory's name.
func Category(file string) string {
	return filepath.Base(filepath.Dir(file))
}

// ReadValue reads and parses a case file; it fails the test on an error.
func ReadValue(t testing.TB, file string) value.Value {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	v, err := value.Parse(data)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return v
}

// ReadJSON reads a case file and decodes it into dst with encoding/json; it
// fails the test on an error.
func ReadJSON(t testing.TB, file string, dst any) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, dst); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
}
