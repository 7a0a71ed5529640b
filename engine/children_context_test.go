package engine_test

import (
	"strings"
	"testing"

	"github.com/stepwisehq/stepwise/value"
)

// ctxMap waits 5 s, then runs a distributed Map (label L) whose only state
// P outputs the context object; top and extra are added to the definition
// and to the Map.
func ctxMap(top, extra, p string) string {
	return `{` + top + `"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":5,"Next":"M"},"M":{"Type":"Map","Label":"L",` + extra +
		`"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"P","States":{"P":` + p + `}},"End":true}}}`
}

// TestContextObjectInChild: in a child execution of a distributed Map's
// run, $$.Execution and $$.StateMachine describe the child (its ARN, name,
// input and start; the labelled state machine), with its parent's role,
// and $$.Map is absent: only the ItemSelector, evaluated in the parent,
// sees the item.
func TestContextObjectInChild(t *testing.T) {
	t.Parallel()
	jsonPath := `{"Type":"Pass","Parameters":{"ctx.$":"$$"},"OutputPath":"$.ctx","End":true}`
	jsonata := `{"Type":"Pass","Output":"{% $states.context %}","End":true}`
	selector := `"ItemSelector":{"item.$":"$$.Map.Item.Value","index.$":"$$.Map.Item.Index","parent.$":"$$.Execution.Id"},`
	parent := `"arn:aws:states:us-east-1:123456789012:execution:sm:exec"`
	cases := []struct {
		name, def, input string
		inputs           []string // each child's $$.Execution.Input
	}{
		{"JSONPath", ctxMap("", "", jsonPath), `[1,{"a":2}]`, []string{`1`, `{"a":2}`}},
		{"JSONata", ctxMap(`"QueryLanguage":"JSONata",`, "", jsonata), `[1,{"a":2}]`, []string{`1`, `{"a":2}`}},
		{"ItemSelector", ctxMap("", selector, jsonPath), `["x"]`, []string{`{"item":"x","index":0,"parent":` + parent + `}`}},
		{"ItemBatcher", ctxMap("", `"ItemBatcher":{"MaxItemsPerBatch":2,"BatchInput":{"b":1}},`, jsonPath), `[1,2,3]`,
			[]string{`{"BatchInput":{"b":1},"Items":[1,2]}`, `{"BatchInput":{"b":1},"Items":[3]}`}},
	}
	for _, tc := range cases {
		for _, restart := range []bool{false, true} {
			t.Run(tc.name+map[bool]string{true: " after restarts"}[restart], func(t *testing.T) {
				t.Parallel()
				x, _, book := driveChildren(t, tc.def, tc.input, restart, nil)
				if len(book.order) != len(tc.inputs) {
					t.Fatalf("%s: %d children, want %d", x.Result.Status, len(book.order), len(tc.inputs))
				}
				for i, in := range tc.inputs {
					r := book.child(i)
					u := r.first
					want := `{"Execution":{"Id":"` + u.Arn + `","Input":` + in + `,"StartTime":"2024-01-02T03:04:10.000Z","Name":"` + u.Name +
						`","RoleArn":"role","RedriveCount":0},"StateMachine":{"Id":"arn:aws:states:us-east-1:123456789012:stateMachine:sm/L","Name":"sm/L"},` +
						`"State":{"Name":"P","EnteredTime":"2024-01-02T03:04:10.000Z"}}`
					if r.ended == nil || value.String(r.ended.Output) != want {
						t.Errorf("child %d's context object\n got %s\nwant %s", i, value.String(r.ended.Output), want)
					}
				}
			})
		}
	}
}

// TestContextObjectAroundChildren: the parent's states, and the Map state
// itself, see the parent's context object; a distributed Map nested in a
// child runs in that child.
func TestContextObjectAroundChildren(t *testing.T) {
	t.Parallel()
	def := `{"StartAt":"O","States":{"O":{"Type":"Map","Label":"O","ItemSelector":{"outer.$":"$$.Execution.Id","list":["a"]},
	 "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"I","States":{
	  "I":{"Type":"Map","Label":"I","ItemsPath":"$$.Execution.Input.list","ItemSelector":{"in.$":"$$.Execution.Id","sm.$":"$$.StateMachine.Name"},
	   "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"P","States":{
	    "P":{"Type":"Pass","Parameters":{"id.$":"$$.Execution.Id","sm.$":"$$.StateMachine.Name","input.$":"$$.Execution.Input"},"End":true}}},
	   "ResultPath":"$.inner","End":true}}},
	 "ResultSelector":{"r.$":"$","sm.$":"$$.StateMachine.Name","id.$":"$$.Execution.Id"},"End":true}}}`
	x, _, book := driveChildren(t, def, `[0]`, false, nil)
	if len(book.order) != 2 {
		t.Fatalf("%s %s: %d children", x.Result.Error, x.Result.Cause, len(book.order))
	}
	outer, inner := book.child(0), book.child(1)
	if got := value.String(outer.first.Input); got != `{"outer":"arn:aws:states:us-east-1:123456789012:execution:sm:exec","list":["a"]}` {
		t.Errorf("outer child's input %s", got)
	}
	if got, want := value.String(inner.first.Input), `{"in":"`+outer.first.Arn+`","sm":"sm/O"}`; got != want {
		t.Errorf("inner child's input %s, want %s", got, want)
	}
	if !strings.Contains(inner.first.Arn, ":execution:sm/O/I:") {
		t.Errorf("inner child %s", inner.first.Arn)
	}
	want := `{"id":"` + inner.first.Arn + `","sm":"sm/O/I","input":` + value.String(inner.first.Input) + `}`
	if got := value.String(inner.ended.Output); got != want {
		t.Errorf("inner child's output\n got %s\nwant %s", got, want)
	}
	if got := value.String(x.Result.Output); !strings.HasSuffix(got, `"sm":"sm","id":"arn:aws:states:us-east-1:123456789012:execution:sm:exec"}`) {
		t.Errorf("parent's output %s", got)
	}
}
