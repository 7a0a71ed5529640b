package resource

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stepwisehq/stepwise/internal/sharedtest"
)

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
	files := sharedtest.Cases(t, "*")
	if len(files) == 0 {
		t.Fatal("no cases")
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
	cat := sharedtest.Category(file)
	return cat == "invalid_definitions" || cat == "api_errors"
}

func readCase(t *testing.T, file string) *corpusCase {
	t.Helper()
	var c corpusCase
	sharedtest.ReadJSON(t, file, &c)
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
