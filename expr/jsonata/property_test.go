package jsonata

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stepwisehq/stepwise/value"
)

// suiteDatasets returns the official suite's datasets (skipping when
// ../shared is absent) and this package's own test documents.
func suiteDatasets(t *testing.T) []value.Value {
	t.Helper()
	docs := []value.Value{diffInput(t), benchInput(t)}
	files, _ := filepath.Glob(filepath.Join(sharedDirOrEmpty(t), "jsonata-testsuite", "datasets", "*.json"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, value.MustParse(string(data)))
	}
	return docs
}

// sharedDirOrEmpty is sharedDir without skipping.
func sharedDirOrEmpty(t *testing.T) string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "..", "shared")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// TestFastPathsAgree evaluates one-name paths with and without the direct
// lookup, over every member name of the test documents.
func TestFastPathsAgree(t *testing.T) {
	docs := suiteDatasets(t)
	names := map[string]bool{"missing": true}
	for _, d := range docs {
		collectNames(d, names, 0)
	}
	var exprs []*Expr
	for name := range names {
		src := "`" + name + "`"
		e, err := Compile(src)
		if err != nil {
			continue
		}
		exprs = append(exprs, e)
		for _, wrap := range []string{"$count(%s)", "[%s]", "%s[0]", "{'k': %s}", "$string(%s)"} {
			exprs = append(exprs, MustCompile(sprintfName(wrap, src)))
		}
	}
	for _, d := range docs {
		for _, e := range exprs {
			fast := evalText(e.String(), d, nil)
			fastPaths = false
			slow := evalText(e.String(), d, nil)
			fastPaths = true
			if fast != slow {
				t.Fatalf("%s: fast %s, general %s", e.String(), fast, slow)
			}
		}
	}
}

func sprintfName(format, name string) string {
	out := []byte{}
	for i := 0; i < len(format); i++ {
		if format[i] == '%' && i+1 < len(format) && format[i+1] == 's' {
			out = append(out, name...)
			i++
			continue
		}
		out = append(out, format[i])
	}
	return string(out)
}

func collectNames(v value.Value, names map[string]bool, depth int) {
	if depth > 6 || len(names) > 400 {
		return
	}
	switch x := v.(type) {
	case []value.Value:
		for _, e := range x {
			collectNames(e, names, depth+1)
		}
	case *value.Object:
		for _, m := range x.Members() {
			names[m.Key] = true
			collectNames(m.Value, names, depth+1)
		}
	}
}

// TestStringRoundTrip checks that $string of a document parses back to it.
func TestStringRoundTrip(t *testing.T) {
	for _, d := range suiteDatasets(t) {
		for _, src := range []string{"$string($)", "$string($, true)"} {
			v, _ := mustEval(t, src, d, nil)
			back, err := value.ParseString(v.(string))
			if err != nil || !value.Equal(back, d) {
				t.Fatalf("%s does not round-trip: %v", src, err)
			}
		}
	}
}

// TestDeepEqualMatchesValueEqual compares the two equalities on documents
// and their parts.
func TestDeepEqualMatchesValueEqual(t *testing.T) {
	docs := suiteDatasets(t)
	var parts []value.Value
	for _, d := range docs {
		parts = collectParts(d, parts, 0)
	}
	if len(parts) > 300 {
		parts = parts[:300]
	}
	for i, a := range parts {
		for _, b := range parts[i:] {
			if deepEqual(a, b) != value.Equal(a, b) {
				t.Fatalf("deepEqual(%s, %s) = %v", value.String(a), value.String(b), deepEqual(a, b))
			}
		}
	}
}

func collectParts(v value.Value, out []value.Value, depth int) []value.Value {
	out = append(out, v)
	if depth > 3 {
		return out
	}
	switch x := v.(type) {
	case []value.Value:
		for _, e := range x {
			out = collectParts(e, out, depth+1)
		}
	case *value.Object:
		for _, m := range x.Members() {
			out = collectParts(m.Value, out, depth+1)
		}
	}
	return out
}

// TestIdentityExpressions checks expressions that must give their input back.
func TestIdentityExpressions(t *testing.T) {
	for _, d := range suiteDatasets(t) {
		for _, src := range []string{"$", "$$", "$.$", "($)", "$ ~> |$|{}|", "$merge([$])", "$clone($)"} {
			if _, isObj := d.(*value.Object); !isObj && (src == "$ ~> |$|{}|" || src == "$merge([$])" || src == "$.$") {
				continue
			}
			v, defined := mustEval(t, src, d, nil)
			if !defined || !value.Equal(v, d) {
				t.Fatalf("%s changed the document", src)
			}
		}
	}
}
