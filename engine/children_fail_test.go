package engine_test

import (
	"strings"
	"testing"

	"github.com/stepwisehq/stepwise/engine"
	"github.com/stepwisehq/stepwise/history"
	"github.com/stepwisehq/stepwise/value"
)

// failMap is a Map state M (label L) with the given mode, extra fields and
// processor states; top is added to the definition's top level.
func failMap(top, mode, extra, states string) string {
	processor := `{"ProcessorConfig":{"Mode":"` + mode + `","ExecutionType":"STANDARD"},"StartAt":"P","States":` + states + `}`
	if mode == "EXPRESS" {
		processor = `{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},"StartAt":"P","States":` + states + `}`
	}
	return `{` + top + `"StartAt":"M","States":{"M":{"Type":"Map","Label":"L",` + extra +
		`"ItemProcessor":` + processor + `,"End":true}}}`
}

const (
	runtimeStates = `{"P":{"Type":"Pass","InputPath":"$.x","End":true}}`
	runtimeCause  = "An error occurred while executing the state 'P' (entered at the event id #2). Invalid path '$.x' : No results for path: $['x']"
	queryStates   = `{"P":{"Type":"Pass","Output":"{% $states.input.fail ? $nofn() : $states.input.x %}","End":true}}`
	queryCause    = "An error occurred while executing the state 'P' (entered at the event id #2). The JSONata expression " +
		"'$states.input.fail ? $nofn() : $states.input.x' specified for the field 'Output' threw an error during evaluation. T1006: Attempted to invoke a non-function"
	// the failure happens in a Parallel branch inside the child: it ends the
	// Parallel, then the child
	nestedQueryStates = `{"P":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass",
	 "Output":"{% $states.input.fail ? $nofn() : $states.input.x %}","End":true}}}],"Output":"{% $states.result[0] %}","End":true}}`
	waitStates = `{"P":{"Type":"Choice","Choices":[{"Variable":"$.x","IsPresent":true,"Next":"S"}],"Default":"W"},
	 "S":{"Type":"Pass","OutputPath":"$.x","End":true},"W":{"Type":"Wait","Timestamp":"9999-01-01T00:00:00Z","End":true}}`
	// a Catcher whose Assign selects nothing fails with States.Runtime
	catchStates = `{"P":{"Type":"Choice","Choices":[{"Variable":"$.x","IsPresent":true,"Next":"S"}],"Default":"Par"},
	 "S":{"Type":"Pass","OutputPath":"$.x","End":true},
	 "Par":{"Type":"Parallel","InputPath":"$.n","Branches":[{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Boom"}}}],
	  "Catch":[{"ErrorEquals":["States.ALL"],"Assign":{"v.$":"$.nope"},"Next":"S"}],"End":true}}`
)

const (
	mapOK     = "ExecutionStarted MapStateEntered MapStateStarted MapRunStarted MapRunSucceeded MapStateSucceeded MapStateExited ExecutionSucceeded"
	mapFailed = "ExecutionStarted MapStateEntered MapStateStarted MapRunStarted MapRunFailed MapStateFailed ExecutionFailed"
	exceeded  = "States.ExceedToleratedFailureThreshold"
)

func TestChildExecutionFailsAlone(t *testing.T) {
	t.Parallel()
	tolerate := `"ToleratedFailureCount":1,`
	jsonata := `"QueryLanguage":"JSONata",`
	items := `[{"x":1},{"fail":true,"n":5},{"x":3}]`
	cases := []struct {
		name, def string
		// the failed child's history and its ExecutionFailed
		child, errName, cause string
		// the parent's history and result: output when it succeeds
		parent, output, result string
	}{
		{"States.Runtime, tolerated", failMap("", "DISTRIBUTED", tolerate, runtimeStates),
			"ExecutionStarted PassStateEntered ExecutionFailed", "States.Runtime", runtimeCause,
			mapOK, "", `[1,{"Error":"States.Runtime","Cause":"` + runtimeCause + `"},3]`},
		{"States.Runtime, over the threshold", failMap("", "DISTRIBUTED", "", runtimeStates),
			"ExecutionStarted PassStateEntered ExecutionFailed", "States.Runtime", runtimeCause,
			mapFailed, exceeded, ""},
		{"JSONata failure, tolerated", failMap(jsonata, "DISTRIBUTED", tolerate, queryStates),
			"ExecutionStarted PassStateEntered EvaluationFailed ExecutionFailed", "States.QueryEvaluationError", queryCause,
			mapOK, "", ""},
		{"JSONata failure, over the threshold", failMap(jsonata, "DISTRIBUTED", "", queryStates),
			"ExecutionStarted PassStateEntered EvaluationFailed ExecutionFailed", "States.QueryEvaluationError", queryCause,
			mapFailed, exceeded, ""},
		{"JSONata failure in a Parallel in the child", failMap(jsonata, "DISTRIBUTED", tolerate, nestedQueryStates),
			"ExecutionStarted ParallelStateEntered ParallelStateStarted PassStateEntered EvaluationFailed ParallelStateFailed ExecutionFailed",
			"States.QueryEvaluationError", strings.Replace(queryCause, "'P' (entered at the event id #2)", "'B' (entered at the event id #4)", 1),
			mapOK, "", ""},
		{"Wait delay too long", failMap("", "DISTRIBUTED", tolerate, waitStates),
			"ExecutionStarted ChoiceStateEntered ChoiceStateExited WaitStateEntered ExecutionFailed", "States.Runtime",
			"An error occurred while executing the state 'W' (entered at the event id #4). Wait state delay is too long.",
			mapOK, "", ""},
		{"a Catcher's Assign fails", failMap("", "DISTRIBUTED", tolerate, catchStates),
			"ExecutionStarted ChoiceStateEntered ChoiceStateExited ParallelStateEntered ParallelStateStarted FailStateEntered ParallelStateFailed ExecutionFailed",
			"States.Runtime", "", mapOK, "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			x, evs, book := driveChildren(t, tc.def, items, false, nil)
			if got := types(evs); got != tc.parent {
				t.Errorf("parent history\n got %s\nwant %s", got, tc.parent)
			}
			checkParentKeepsOut(t, evs)
			if tc.parent == mapOK {
				checkResult(t, x, engine.Succeeded, tc.output, "", "")
				checkChildSucceeded(t, book.child(0), "1")
				checkChildSucceeded(t, book.child(2), "3")
			} else {
				checkResult(t, x, engine.Failed, "", tc.result, "")
			}
			r := book.child(1)
			if got := childHistory(t, r); got != tc.child {
				t.Fatalf("failed child's history\n got %s\nwant %s", got, tc.child)
			}
			end := r.events[len(r.events)-1]
			if end.Error != tc.errName || tc.cause != "" && end.Cause != tc.cause || end.PreviousID != end.ID-1 {
				t.Errorf("child's ExecutionFailed %s %q (previous id %d)\nwant %s %q", end.Error, end.Cause, end.PreviousID, tc.errName, tc.cause)
			}
			if r.ended == nil || r.ended.Status != engine.Failed || r.ended.Error != tc.errName || r.ended.Cause != end.Cause {
				t.Errorf("failed child ended %+v", r.ended)
			}
			checkEvaluationFailed(t, r.events, tc.errName, end.Cause)
		})
	}
}

// checkParentKeepsOut checks that no event of a child is in the parent's
// history.
func checkParentKeepsOut(t *testing.T, evs []history.Event) {
	t.Helper()
	checkEventIDs(t, evs)
	for _, e := range evs {
		if e.Type == history.EvaluationFailed || e.Type == history.PassStateEntered || e.Type == history.ExecutionFailed && e.Error != exceeded {
			t.Errorf("the parent's history has %s %s", e.Type, e.Error)
		}
	}
}

func checkChildSucceeded(t *testing.T, r *childRecord, output string) {
	t.Helper()
	if r.ended == nil || r.ended.Status != engine.Succeeded || value.String(r.ended.Output) != output {
		t.Errorf("child %s ended %+v, want output %s", r.first.Name, r.ended, output)
	}
}

// checkEvaluationFailed checks a child's EvaluationFailed, when it has
// one: in the child's history, chained to the event before the state was
// entered, with the failure's error and cause.
func checkEvaluationFailed(t *testing.T, evs []history.Event, errName, cause string) {
	t.Helper()
	for i, e := range evs {
		if e.Type != history.EvaluationFailed {
			continue
		}
		entered := evs[i-1]
		if e.PreviousID != entered.PreviousID || e.Error != errName || e.Cause != cause || e.Location != "Output" || e.State != entered.Name {
			t.Errorf("EvaluationFailed %+v after %+v", e, entered)
		}
		if next := evs[i+1]; next.PreviousID != e.ID {
			t.Errorf("%s after EvaluationFailed has previous id %d, want %d", next.Type, next.PreviousID, e.ID)
		}
	}
}

// TestExpressChildFailsAlone: an EXPRESS child keeps no history, but a
// States.Runtime error or a JSONata failure in it fails it alone too.
func TestExpressChildFailsAlone(t *testing.T) {
	t.Parallel()
	cases := []struct{ name, def, errName string }{
		{"States.Runtime", failMap("", "EXPRESS", `"ToleratedFailureCount":1,`, runtimeStates), "States.Runtime"},
		{"JSONata failure", failMap(`"QueryLanguage":"JSONata",`, "EXPRESS", `"ToleratedFailureCount":1,`, queryStates), "States.QueryEvaluationError"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			x, evs, book := driveChildren(t, tc.def, `[{"x":1},{"fail":true}]`, false, nil)
			checkResult(t, x, engine.Succeeded, "", "", "")
			if got := types(evs); got != mapOK || len(book.order) != 0 {
				t.Errorf("parent history %s, %d children", got, len(book.order))
			}
			out, _ := x.Result.Output.([]value.Value)
			if len(out) != 2 || !strings.Contains(value.String(out[1]), `"Error":"`+tc.errName+`"`) {
				t.Errorf("output %s", value.String(x.Result.Output))
			}
			_, evs2, _ := driveChildren(t, strings.Replace(tc.def, `"ToleratedFailureCount":1,`, "", 1), `[{"x":1},{"fail":true}]`, false, nil)
			if got := types(evs2); got != mapFailed || evs2[len(evs2)-1].Error != exceeded {
				t.Errorf("over the threshold: %s %s", got, evs2[len(evs2)-1].Error)
			}
		})
	}
}

// TestFailuresOutsideChildren: outside a child execution, a States.Runtime
// error ends the execution and a JSONata failure ends every enclosing
// state, whatever the failure tolerance of an inline Map.
func TestFailuresOutsideChildren(t *testing.T) {
	t.Parallel()
	tolerate := `"ToleratedFailureCount":1,"MaxConcurrency":1,`
	cases := []struct{ name, def, events, errName, cause string }{
		{"States.Runtime in an inline Map", failMap("", "INLINE", tolerate, runtimeStates),
			"ExecutionStarted MapStateEntered MapStateStarted MapIterationStarted PassStateEntered PassStateExited MapIterationSucceeded " +
				"MapIterationStarted PassStateEntered ExecutionFailed", "States.Runtime", strings.Replace(runtimeCause, "#2", "#9", 1)},
		{"JSONata failure in an inline Map", failMap(`"QueryLanguage":"JSONata",`, "INLINE", tolerate, queryStates),
			"ExecutionStarted MapStateEntered MapStateStarted MapIterationStarted PassStateEntered PassStateExited MapIterationSucceeded " +
				"MapIterationStarted PassStateEntered EvaluationFailed MapIterationFailed MapStateFailed ExecutionFailed",
			"States.QueryEvaluationError", strings.Replace(queryCause, "#2", "#9", 1)},
		{"States.Runtime at the top", `{"StartAt":"P","States":` + runtimeStates + `}`,
			"ExecutionStarted PassStateEntered ExecutionFailed", "States.Runtime", runtimeCause},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			input := `[{"x":1},{"fail":true},{"x":3}]`
			if !strings.Contains(tc.def, `"M"`) {
				input = `{"fail":true}`
			}
			x, evs, book := driveChildren(t, tc.def, input, false, nil)
			checkResult(t, x, engine.Failed, "", tc.errName, tc.cause)
			if got := types(evs); got != tc.events || len(book.order) != 0 {
				t.Errorf("history\n got %s\nwant %s", got, tc.events)
			}
			checkEventIDs(t, evs)
		})
	}
}
