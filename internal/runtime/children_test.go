package runtime

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stepwisehq/stepwise/engine"
	"github.com/stepwisehq/stepwise/history"
	"github.com/stepwisehq/stepwise/internal/resource"
	"github.com/stepwisehq/stepwise/store"
	"github.com/stepwisehq/stepwise/store/memory"
	"github.com/stepwisehq/stepwise/value"
)

func TestChildSteps(t *testing.T) {
	t.Parallel()
	def := `{"StartAt":"M","States":{"M":{"Type":"Map","Label":"L","ToleratedFailureCount":1,
	 "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"C","States":{
	  "C":{"Type":"Choice","Choices":[{"Variable":"$","NumericEquals":2,"Next":"F"}],"Default":"P"},
	  "P":{"Type":"Pass","End":true},"F":{"Type":"Fail","Error":"Two","Cause":"no twos"}}},"End":true}}}`
	now := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	meta := engine.Meta{ExecutionArn: "arn:aws:states:us-east-1:123456789012:execution:sm:e", StateMachineName: "sm"}
	x, _, _ := program(t, def).Start(meta, value.MustParse(`[1,2]`), RandomIDs{}, now)
	steps := childSteps(x)
	if len(steps) != 2 {
		t.Fatalf("%d child steps, want 2", len(steps))
	}
	wants := []struct {
		input  string
		status store.Status
		output string
	}{{"1", store.StatusSucceeded, "1"}, {"2", store.StatusFailed, ""}}
	for i, w := range wants {
		st := steps[i]
		c := st.Create
		if c == nil || c.Arn != st.Arn || c.Status != store.StatusRunning || c.Type != "STANDARD" || c.Input != w.input ||
			c.ParentArn != meta.ExecutionArn || c.MapRunArn == "" || c.Definition != def || !c.Started.Equal(now) ||
			c.StateMachineArn != "arn:aws:states:us-east-1:123456789012:stateMachine:sm/L" || c.Snapshot != nil {
			t.Errorf("child %d row %+v", i, c)
		}
		e := st.Ended
		if e == nil || e.Status != w.status || e.Output != w.output || e.HasOutput != (w.output != "") || !e.Stopped.Equal(now) {
			t.Errorf("child %d ending %+v", i, e)
		}
		if st.Events[0].ID != 1 || st.Events[0].Type != history.ExecutionStarted {
			t.Errorf("child %d events %+v", i, st.Events)
		}
	}
	if e := steps[1].Ended; e.Error != "Two" || e.Cause != "no twos" || !e.HasError || !e.HasCause {
		t.Errorf("failed child ending %+v", e)
	}
	x.Release()
	if steps := childSteps(x); steps != nil {
		t.Errorf("child steps after Release: %d", len(steps))
	}
}

// TestDurableChildExecutions runs a distributed Map whose children wait
// for callbacks: the first callback's step has no event of the parent's
// own, and its child's events are committed with the next step.
func TestDurableChildExecutions(t *testing.T) {
	t.Parallel()
	st := memory.New()
	inv, tokens := callbacks()
	d := startDurable(t, st, inv)
	defer d.Stop()
	def := `{"StartAt":"I","States":{"I":{"Type":"Pass","Result":[1,2],"Next":"M"},"M":{"Type":"Map","Label":"L",
	 "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"T","States":{
	  "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken","Parameters":{"t.$":"$$.Task.Token"},"End":true}}},"End":true}}}`
	arn := startExecution(t, d, def, "e1")
	for _, out := range []string{`"a"`, `"b"`} {
		tok := <-tokens
		ok, err := d.TokenInput(context.Background(), arn, tok, engine.Input{Kind: engine.TaskSucceeded, Output: value.MustParse(out)})
		if err != nil || !ok {
			t.Fatalf("TokenInput: %v %v", ok, err)
		}
	}
	if ex := waitStatus(t, st, arn); ex.Status != store.StatusSucceeded || ex.Output != `["a","b"]` && ex.Output != `["b","a"]` {
		t.Fatalf("parent %s %s", ex.Status, ex.Output)
	}
	run := mapRunsOf(t, st, arn)[0]
	kids, err := st.ExecutionList(context.Background(), &store.ExecutionListParams{MapRunArn: run})
	if err != nil || len(kids) != 2 {
		t.Fatalf("children of %s: %d %v", run, len(kids), err)
	}
	for _, k := range kids {
		if k.Status != store.StatusSucceeded || k.ParentArn != arn {
			t.Errorf("child %s %s parent %s", k.Name, k.Status, k.ParentArn)
		}
		evs, _ := st.HistoryGet(context.Background(), &store.HistoryParams{Arn: k.Arn})
		for i, e := range evs {
			if e.ID != int64(i+1) {
				t.Fatalf("child event %d has id %d", i+1, e.ID)
			}
		}
		if len(evs) < 3 || evs[0].Type != history.ExecutionStarted || evs[len(evs)-1].Type != history.ExecutionSucceeded {
			t.Errorf("child history %v", evs)
		}
	}
}

// TestDurableStopChild stops one child of a Map Run that tolerates a
// failure: the child ends ABORTED, its sibling goes on, the parent succeeds.
func TestDurableStopChild(t *testing.T) {
	t.Parallel()
	st := memory.New()
	inv, tokens := callbacks()
	d := startDurable(t, st, inv)
	defer d.Stop()
	def := `{"StartAt":"I","States":{"I":{"Type":"Pass","Result":[1,2],"Next":"M"},"M":{"Type":"Map","Label":"L","ToleratedFailureCount":1,
	 "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"T","States":{
	  "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken","Parameters":{"t.$":"$$.Task.Token"},"End":true}}},"End":true}}}`
	arn := startExecution(t, d, def, "e1")
	ctx := context.Background()
	var kids []*store.Execution
	for _, r := range mapRunsOf(t, st, arn) {
		kids, _ = st.ExecutionList(ctx, &store.ExecutionListParams{MapRunArn: r})
	}
	if len(kids) != 2 {
		t.Fatalf("%d children", len(kids))
	}
	if err := d.StopChild(ctx, kids[0].Arn, "Stopped", "by hand"); err != nil {
		t.Fatal(err)
	}
	if err := d.StopChild(ctx, kids[0].Arn, "", ""); err != ErrNotRunning {
		t.Errorf("second stop: %v", err)
	}
	if k, _ := st.ExecutionGet(ctx, kids[0].Arn); k.Status != store.StatusAborted || k.Error != "Stopped" || k.Cause != "by hand" {
		t.Errorf("stopped child %+v", k)
	}
	for i := 0; i < 2; i++ { // the stopped child's token is no longer known
		_, _ = d.TokenInput(ctx, arn, <-tokens, engine.Input{Kind: engine.TaskSucceeded, Output: value.MustParse(`"ok"`)})
	}
	if ex := waitStatus(t, st, arn); ex.Status != store.StatusSucceeded || !strings.Contains(ex.Output, `{"Error":"Stopped","Cause":"by hand"}`) {
		t.Fatalf("parent %s %s", ex.Status, ex.Output)
	}
}

// mapRunsOf returns the Map Runs an execution's history started.
func mapRunsOf(t *testing.T, st store.Store, arn string) []string {
	t.Helper()
	evs, err := st.HistoryGet(context.Background(), &store.HistoryParams{Arn: arn})
	if err != nil {
		t.Fatal(err)
	}
	var runs []string
	for _, e := range evs {
		if e.Type == history.MapRunStarted {
			runs = append(runs, e.MapRunArn)
		}
	}
	return runs
}

// callbacks is an Invoker of callback tasks: it hands out their tokens.
func callbacks() (resource.Invoker, chan string) {
	tokens := make(chan string, 4)
	return resource.InvokerFunc(func(_ context.Context, r *resource.Request) (value.Value, error) {
		tokens <- r.TaskToken
		return value.NewObject(nil), nil
	}), tokens
}
