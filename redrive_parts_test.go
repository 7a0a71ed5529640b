package stepwise_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/stepwisehq/stepwise"
	"github.com/stepwisehq/stepwise/history"
	"github.com/stepwisehq/stepwise/value"
)

// brokenUntilFixed is a task handler that fails (Broken) for the inputs
// listed until fix is called, and otherwise answers its input; it counts
// its calls by input.
type brokenUntilFixed struct {
	mu     sync.Mutex
	broken map[string]bool
	calls  map[string]int
}

func newBroken(inputs ...string) *brokenUntilFixed {
	h := &brokenUntilFixed{broken: map[string]bool{}, calls: map[string]int{}}
	for _, in := range inputs {
		h.broken[in] = true
	}
	return h
}

func (h *brokenUntilFixed) handle(_ context.Context, in value.Value) (value.Value, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	key := value.String(in)
	h.calls[key]++
	if h.broken[key] {
		return nil, &stepwise.TaskError{Name: "Broken", Cause: "not yet"}
	}
	return in, nil
}

func (h *brokenUntilFixed) fix() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.broken = map[string]bool{}
}

func (h *brokenUntilFixed) count(in string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.calls[in]
}

// redriveOnce runs an execution of sm with input until it fails, fixes
// the handler, redrives it and waits for it to end again. It returns the
// execution's ARN and the event types its redrive recorded.
func redriveOnce(t *testing.T, b *testBundle, h *brokenUntilFixed, sm, input string) (string, string) {
	t.Helper()
	ctx := context.Background()
	start, err := b.c.StartExecution(ctx, &stepwise.StartExecutionInput{StateMachineArn: sm, Input: ptr(input)})
	if err != nil {
		t.Fatal(err)
	}
	if d := b.wait(t, start.ExecutionArn); d.Status != stepwise.ExecutionStatusFailed {
		t.Fatalf("first run %s", d.Status)
	}
	before := historyTypes(t, b, start.ExecutionArn)
	h.fix()
	redrive(t, b, start.ExecutionArn)
	d := b.wait(t, start.ExecutionArn)
	if d.Status != stepwise.ExecutionStatusSucceeded || d.RedriveCount == nil || *d.RedriveCount != 1 {
		t.Fatalf("after the redrive: %s %v", d.Status, d.RedriveCount)
	}
	return start.ExecutionArn, strings.TrimPrefix(historyTypes(t, b, start.ExecutionArn), before+" ")
}

// redrive redrives an execution that has ended (at once: the runtime
// settles an execution whose last step is still committing).
func redrive(t *testing.T, b *testBundle, arn string) {
	t.Helper()
	if _, err := b.c.RedriveExecution(context.Background(), &stepwise.RedriveExecutionInput{ExecutionArn: arn}); err != nil {
		t.Fatalf("RedriveExecution: %v", err)
	}
}

func TestRedriveParallelBranch(t *testing.T) {
	t.Parallel()
	b := setupSQLite(t)
	h := newBroken(`"b"`)
	b.sw.HandleFunc("arn:aws:lambda:us-east-1:123456789012:function:work", h.handle)
	sm := b.machine(t, "parts", "STANDARD", `{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[
	 {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:work","End":true}}},
	 {"StartAt":"B0","States":{"B0":{"Type":"Pass","Result":"b","Next":"W"},"W":{"Type":"Wait","Seconds":200,"Next":"B"},
	  "B":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:work","End":true}}}],"End":true}}}`)
	// Branch A ends long before B fails (B waits 200 ms first): the
	// redrive runs B's Task again, and not A.
	arn, after := redriveOnce(t, b.testBundle, h, sm, `"a"`)
	d, err := b.c.DescribeExecution(context.Background(), &stepwise.DescribeExecutionInput{ExecutionArn: arn})
	if err != nil || d.Output != `["a","b"]` || d.RedriveDate.IsZero() {
		t.Fatalf("DescribeExecution: %+v %v", d, err)
	}
	want := "ExecutionRedriven ParallelStateEntered ParallelStateStarted TaskStateEntered LambdaFunctionScheduled LambdaFunctionStarted LambdaFunctionSucceeded TaskStateExited ParallelStateSucceeded ParallelStateExited ExecutionSucceeded"
	if after != want {
		t.Errorf("the redrive recorded\n %s\nwant\n %s", after, want)
	}
	if h.count(`"a"`) != 1 || h.count(`"b"`) != 2 {
		t.Errorf("calls %v", h.calls)
	}
}

func TestRedriveMapRunChildren(t *testing.T) {
	t.Parallel()
	b := setupSQLite(t)
	ctx := context.Background()
	h := newBroken("2")
	b.sw.HandleFunc("arn:aws:lambda:us-east-1:123456789012:function:work", h.handle)
	sm := b.machine(t, "dparts", "STANDARD", `{"StartAt":"M","States":{"M":{"Type":"Map","Label":"Items","MaxConcurrency":1,
	 "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"T",
	  "States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:work","End":true}}},"End":true}}}`)
	arn, after := redriveOnce(t, b.testBundle, h, sm, `[1,2,3]`)
	want := "ExecutionRedriven MapStateEntered MapStateStarted MapRunRedriven MapRunSucceeded MapStateSucceeded MapStateExited ExecutionSucceeded"
	if _, ok := history.ParseType("MapRunRedriven"); !ok {
		want = strings.Replace(want, " MapRunRedriven", "", 1) // the history package does not name it yet
	}
	if after != want {
		t.Errorf("the parent's redrive recorded\n %s\nwant\n %s", after, want)
	}
	run := b.mapRunOf(t, arn)
	kids := b.children(t, &stepwise.ListExecutionsInput{MapRunArn: run})
	if len(kids) != 3 {
		t.Fatalf("%d children, want 3", len(kids))
	}
	for _, k := range kids {
		if k.Status != stepwise.ExecutionStatusSucceeded {
			t.Errorf("child %s %s", k.Name, k.Status)
		}
	}
	redriven := b.children(t, &stepwise.ListExecutionsInput{MapRunArn: run, RedriveFilter: stepwise.ExecutionRedriveFilterRedriven})
	if len(redriven) != 1 {
		t.Fatalf("%d redriven children, want 1", len(redriven))
	}
	c, err := b.c.DescribeExecution(ctx, &stepwise.DescribeExecutionInput{ExecutionArn: redriven[0].ExecutionArn})
	if err != nil || c.Input != "2" || c.Output != "2" || c.RedriveCount == nil || *c.RedriveCount != 1 || c.RedriveDate.IsZero() {
		t.Fatalf("the redriven child: %+v %v", c, err)
	}
	if got := historyTypes(t, b.testBundle, c.ExecutionArn); got != "ExecutionStarted TaskStateEntered LambdaFunctionScheduled LambdaFunctionStarted LambdaFunctionFailed ExecutionFailed "+
		"ExecutionRedriven TaskStateEntered LambdaFunctionScheduled LambdaFunctionStarted LambdaFunctionSucceeded TaskStateExited ExecutionSucceeded" {
		t.Errorf("the redriven child's history %s", got)
	}
	m, err := b.c.DescribeMapRun(ctx, &stepwise.DescribeMapRunInput{MapRunArn: run})
	if err != nil || m.Status != stepwise.MapRunStatus("SUCCEEDED") || m.ItemCounts.Succeeded != 3 || m.ItemCounts.Failed != 0 || m.ItemCounts.Total != 3 {
		t.Errorf("DescribeMapRun: %+v %v", m, err)
	}
	if h.count("1") != 1 || h.count("2") != 2 || h.count("3") != 1 {
		t.Errorf("calls %v", h.calls)
	}
}
