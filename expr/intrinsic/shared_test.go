package intrinsic

import (
	"math/rand"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stepwisehq/stepwise/expr"
	"github.com/stepwisehq/stepwise/internal/sharedtest"
	"github.com/stepwisehq/stepwise/value"
)

// TestRecordedIntrinsicCases replays the recorded AWS cases of
// ../shared/conformance/cases/intrinsic_functions whose single Pass state
// computes {"FunctionResult.$": call}, with the intrinsic package alone.
func TestRecordedIntrinsicCases(t *testing.T) {
	files := recordedFiles(t, "intrinsic_functions")
	ran := 0
	for _, f := range files {
		c := sharedtest.ReadValue(t, f)
		call, ok := functionResultCall(c)
		if !ok {
			continue
		}
		ran++
		t.Run(filepath.Base(f), func(t *testing.T) {
			compiled, err := Compile(call)
			if err != nil {
				t.Fatalf("Compile(%q): %v", call, err)
			}
			input := sharedtest.Get(c, "input")
			ctx := value.MustParse(`{"StateMachine":{"Name":"MachineName-Abc"},"Execution":{"Input":` + value.String(input) + `}}`)
			env := &expr.Env{Input: input, Context: func() value.Value { return ctx }}
			got, err := compiled.EvalRand(env, rand.New(rand.NewSource(1)))
			if err != nil {
				t.Fatalf("Eval(%q): %v", call, err)
			}
			want := sharedtest.Get(c, "expected", "output", "FunctionResult")
			if !recordedMatch(want, got) {
				t.Errorf("%s = %s, want %s", call, value.String(got), value.String(want))
			}
		})
	}
	if ran < 60 {
		t.Errorf("replayed %d cases, want at least 60", ran)
	}
}

func recordedFiles(t *testing.T, category string) []string {
	t.Helper()
	files := sharedtest.Cases(t, category)
	if len(files) == 0 {
		t.Skip("../shared is absent")
	}
	return files
}

// functionResultCall returns the call of a case shaped like the recorded
// intrinsic tests: one JSONPath Pass state, Parameters {"FunctionResult.$":
// call}, and a successful output.
func functionResultCall(c value.Value) (string, bool) {
	states, _ := sharedtest.Get(c, "definition", "States").(*value.Object)
	if states.Len() != 1 || sharedtest.Get(c, "expected", "status") != "SUCCEEDED" {
		return "", false
	}
	st := states.Members()[0].Value
	call, ok := sharedtest.Get(st, "Parameters", "FunctionResult.$").(string)
	return call, ok && sharedtest.Get(st, "QueryLanguage") == nil
}

// recordedMatch compares a recorded value with ours: a masked string
// ("<...>" or a placeholder word) matches anything, numbers must have the
// same text (an integer stays an integer), and object member order, which
// the recorder sorted, does not matter.
func recordedMatch(want, got value.Value) bool {
	switch w := want.(type) {
	case string:
		return strings.HasPrefix(w, "<") && strings.HasSuffix(w, ">") || w == "RandomNumberGenerated" || w == got
	case []value.Value:
		g, ok := got.([]value.Value)
		if !ok || len(g) != len(w) {
			return false
		}
		for i := range w {
			if !recordedMatch(w[i], g[i]) {
				return false
			}
		}
		return true
	case *value.Object:
		g, ok := got.(*value.Object)
		if !ok || g.Len() != w.Len() {
			return false
		}
		for _, m := range w.Members() {
			if v, ok := g.Get(m.Key); !ok || !recordedMatch(m.Value, v) {
				return false
			}
		}
		return true
	}
	return value.String(want) == value.String(got)
}
