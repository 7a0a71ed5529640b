package resource

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// sharedDir returns ../shared beside the repository root, skipping the test
// when it is absent.
func sharedDir(t *testing.T) string {
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
			t.Skip("repository root not found")
		}
		dir = parent
	}
	shared := filepath.Join(dir, "..", "shared")
	if _, err := os.Stat(filepath.Join(shared, "conformance", "cases")); err != nil {
		t.Skip("../shared/conformance/cases is absent")
	}
	return shared
}

type corpusCase struct {
	Definition         any              `json:"definition"`
	OtherStateMachines map[string]any   `json:"other_state_machines"`
	RecordedHistory    []map[string]any `json:"recorded_history"`
}

var maskToken = regexp.MustCompile(`<([A-Za-z0-9_\-]+)>`)

// TestCorpusTargets parses every Task Resource of the recorded execution
// cases and checks that the names AWS recorded in history (resourceType and
// resource of Task* events) are among the targets parsed from the case.
func TestCorpusTargets(t *testing.T) {
	t.Parallel()
	root := filepath.Join(sharedDir(t), "conformance", "cases")
	files, err := filepath.Glob(filepath.Join(root, "*", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	var parsed, checked int
	for _, file := range files {
		if skipCategory(file) {
			continue
		}
		c := readCase(t, file)
		names := map[[2]string]bool{}
		for _, arn := range caseResources(c) {
			target, err := ParseTarget(arn)
			if err != nil {
				t.Errorf("%s: ParseTarget(%q): %v", filepath.Base(file), arn, err)
				continue
			}
			parsed++
			names[[2]string{target.ResourceType, target.Resource}] = true
		}
		for _, got := range historyNames(c) {
			checked++
			if !names[got] {
				t.Errorf("%s: history names %v, not among parsed targets %v", filepath.Base(file), got, names)
			}
		}
	}
	if parsed == 0 || checked == 0 {
		t.Fatalf("parsed %d resources, checked %d history names", parsed, checked)
	}
}

func skipCategory(file string) bool {
	cat := filepath.Base(filepath.Dir(file))
	return cat == "invalid_definitions" || cat == "api_errors"
}

func readCase(t *testing.T, file string) *corpusCase {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var c corpusCase
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return &c
}

// caseResources returns the Resource ARNs of a case's definitions, with
// the recorder's <mask> tokens replaced by plain names.
func caseResources(c *corpusCase) []string {
	var out []string
	collect := func(def any) {
		walkResources(def, func(arn string) {
			out = append(out, maskToken.ReplaceAllString(arn, "$1"))
		})
	}
	collect(c.Definition)
	for _, def := range c.OtherStateMachines {
		collect(def)
	}
	return out
}

func walkResources(v any, fn func(string)) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if s, ok := e.(string); ok && k == "Resource" && strings.HasPrefix(s, "arn:") {
				fn(s)
			}
			walkResources(e, fn)
		}
	case []any:
		for _, e := range x {
			walkResources(e, fn)
		}
	case string:
		if strings.HasPrefix(x, "{") { // an embedded definition
			var def any
			if json.Unmarshal([]byte(x), &def) == nil {
				walkResources(def, fn)
			}
		}
	}
}

// historyNames returns the (resourceType, resource) pairs of a case's
// recorded Task* events.
func historyNames(c *corpusCase) [][2]string {
	var out [][2]string
	for _, ev := range c.RecordedHistory {
		for _, details := range ev {
			d, ok := details.(map[string]any)
			if !ok {
				continue
			}
			typ, ok1 := d["resourceType"].(string)
			res, ok2 := d["resource"].(string)
			if ok1 && ok2 {
				out = append(out, [2]string{typ, res})
			}
		}
	}
	return out
}
