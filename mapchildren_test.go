package stepwise_test

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stepwisehq/stepwise"
	"github.com/stepwisehq/stepwise/store/sqlite"
	"github.com/stepwisehq/stepwise/value"
)

// sqlBundle is a test's Stepwise on a SQLite store of its own.
type sqlBundle struct {
	*testBundle
	st   *sqlite.Store
	stop func() // stops the Stepwise (once)
}

// setupSQLite is setup on a SQLite store of the test's own.
func setupSQLite(t *testing.T) *sqlBundle {
	t.Helper()
	st, err := sqlite.Open(t.TempDir()+"/db", sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	return startOn(t, st)
}

// startOn starts a Stepwise on st; a second one on the same store is a
// restarted server.
func startOn(t *testing.T, st *sqlite.Store) *sqlBundle {
	t.Helper()
	sw, err := stepwise.New(stepwise.Config{Store: st, TimeScale: 0.001, DisableTaskIntegrations: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := sw.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	var once sync.Once
	stop := func() { once.Do(func() { _ = sw.Stop(context.Background()) }) }
	t.Cleanup(stop)
	return &sqlBundle{testBundle: &testBundle{sw: sw, c: sw.Client()}, st: st, stop: stop}
}

// mapRunOf returns the ARN of the one Map Run an execution started.
func (b *testBundle) mapRunOf(t *testing.T, arn string) string {
	t.Helper()
	runs, err := b.c.ListMapRuns(context.Background(), &stepwise.ListMapRunsInput{ExecutionArn: arn})
	if err != nil || len(runs.MapRuns) != 1 {
		t.Fatalf("ListMapRuns: %+v %v", runs, err)
	}
	return runs.MapRuns[0].MapRunArn
}

// children lists a Map Run's child executions.
func (b *testBundle) children(t *testing.T, in *stepwise.ListExecutionsInput) []stepwise.ExecutionListItem {
	t.Helper()
	out, err := b.c.ListExecutions(context.Background(), in)
	if err != nil {
		t.Fatalf("ListExecutions: %v", err)
	}
	return out.Executions
}

func TestMapRunChildExecutions(t *testing.T) {
	t.Parallel()
	b := setupSQLite(t)
	ctx := context.Background()
	b.sw.HandleFunc("arn:aws:lambda:us-east-1:123456789012:function:double", func(_ context.Context, in value.Value) (value.Value, error) {
		if value.String(in) == "2" {
			return nil, &stepwise.TaskError{Name: "Even", Cause: "two"}
		}
		return value.MustParse(value.String(in) + "0"), nil
	})
	sm := b.machine(t, "dchildren", "STANDARD", `{"StartAt":"M","States":{"M":{"Type":"Map","Label":"Items","MaxConcurrency":2,"ToleratedFailureCount":1,
	 "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"T",
	  "States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:double","End":true}}},"End":true}}}`)
	start, err := b.c.StartExecution(ctx, &stepwise.StartExecutionInput{StateMachineArn: sm, Input: ptr(`[1,2,3,4]`)})
	if err != nil {
		t.Fatal(err)
	}
	if d := b.wait(t, start.ExecutionArn); d.Status != stepwise.ExecutionStatusSucceeded || d.Output != `[10,{"Error":"Even","Cause":"two"},30,40]` {
		t.Fatalf("parent %s %s", d.Status, d.Output)
	}
	if got := historyTypes(t, b.testBundle, start.ExecutionArn); got != "ExecutionStarted MapStateEntered MapStateStarted MapRunStarted MapRunSucceeded MapStateSucceeded MapStateExited ExecutionSucceeded" {
		t.Errorf("parent history %s", got)
	}
	run := b.mapRunOf(t, start.ExecutionArn)
	kids := b.children(t, &stepwise.ListExecutionsInput{MapRunArn: run})
	if len(kids) != 4 {
		t.Fatalf("%d children, want 4", len(kids))
	}
	statuses := map[stepwise.ExecutionStatus]int{}
	for _, k := range kids {
		statuses[k.Status]++
		if !strings.HasPrefix(k.ExecutionArn, "arn:aws:states:us-east-1:123456789012:execution:dchildren/Items:") ||
			!strings.HasSuffix(k.ExecutionArn, ":"+k.Name) || k.MapRunArn != run || k.StopDate.IsZero() ||
			k.StateMachineArn != "arn:aws:states:us-east-1:123456789012:stateMachine:dchildren/Items" {
			t.Errorf("child %+v", k)
		}
	}
	if statuses[stepwise.ExecutionStatusSucceeded] != 3 || statuses[stepwise.ExecutionStatusFailed] != 1 {
		t.Errorf("child statuses %v", statuses)
	}
	failed := b.children(t, &stepwise.ListExecutionsInput{MapRunArn: run, StatusFilter: stepwise.ExecutionStatusFailed})
	if len(failed) != 1 {
		t.Fatalf("%d FAILED children, want 1", len(failed))
	}
	checkFailedChild(t, b.testBundle, failed[0].ExecutionArn, run)
	if page, err := b.c.ListExecutions(ctx, &stepwise.ListExecutionsInput{MapRunArn: run, MaxResults: 3}); err != nil || len(page.Executions) != 3 || page.NextToken == "" {
		t.Errorf("first page: %+v %v", page, err)
	}
	if top := b.children(t, &stepwise.ListExecutionsInput{StateMachineArn: sm}); len(top) != 1 || top[0].ExecutionArn != start.ExecutionArn || top[0].MapRunArn != "" {
		t.Errorf("the state machine's executions: %+v", top)
	}
}

// checkFailedChild checks how DescribeExecution, GetExecutionHistory and
// DescribeStateMachineForExecution show the child that failed on item 2.
func checkFailedChild(t *testing.T, b *testBundle, arn, run string) {
	t.Helper()
	ctx := context.Background()
	d, err := b.c.DescribeExecution(ctx, &stepwise.DescribeExecutionInput{ExecutionArn: arn})
	if err != nil || d.Input != "2" || d.MapRunArn != run || d.Error == nil || *d.Error != "Even" || *d.Cause != "two" ||
		d.StateMachineArn != "arn:aws:states:us-east-1:123456789012:stateMachine:dchildren/Items" || d.StopDate.IsZero() {
		t.Errorf("DescribeExecution of a child: %+v %v", d, err)
	}
	if got := historyTypes(t, b, arn); got != "ExecutionStarted TaskStateEntered LambdaFunctionScheduled LambdaFunctionStarted LambdaFunctionFailed ExecutionFailed" {
		t.Errorf("child history %s", got)
	}
	h, err := b.c.GetExecutionHistory(ctx, &stepwise.GetExecutionHistoryInput{ExecutionArn: arn})
	if err != nil {
		t.Fatal(err)
	}
	var first, last struct {
		ID      int64 `json:"id"`
		Started *struct {
			Input   string `json:"input"`
			RoleArn string `json:"roleArn"`
		} `json:"executionStartedEventDetails"`
		Failed *struct{ Error, Cause string } `json:"executionFailedEventDetails"`
	}
	_ = json.Unmarshal(h.Events[0], &first)
	_ = json.Unmarshal(h.Events[len(h.Events)-1], &last)
	if first.ID != 1 || first.Started == nil || first.Started.Input != "2" || first.Started.RoleArn != role {
		t.Errorf("child's ExecutionStarted %s", h.Events[0])
	}
	if last.ID != 6 || last.Failed == nil || last.Failed.Error != "Even" || last.Failed.Cause != "two" {
		t.Errorf("child's ExecutionFailed %s", h.Events[len(h.Events)-1])
	}
	sm, err := b.c.DescribeStateMachineForExecution(ctx, &stepwise.DescribeStateMachineForExecutionInput{ExecutionArn: arn})
	if err != nil || sm.Label != "Items" || sm.MapRunArn != run || sm.Name != "dchildren/Items" || sm.RoleArn != role {
		t.Errorf("DescribeStateMachineForExecution of a child: %+v %v", sm, err)
	}
}

func TestListExecutionsOfMapRunErrors(t *testing.T) {
	t.Parallel()
	b := setupSQLite(t)
	ctx := context.Background()
	_, err := b.c.ListExecutions(ctx, &stepwise.ListExecutionsInput{MapRunArn: "arn:aws:states:us-east-1:123456789012:mapRun:nope/M:0000"})
	if stepwise.ErrorCodeOf(err) != stepwise.CodeResourceNotFound {
		t.Errorf("unknown Map Run: %v", err)
	}
	_, err = b.c.ListExecutions(ctx, &stepwise.ListExecutionsInput{MapRunArn: "arn:aws:states:us-east-1:123456789012:execution:sm:x"})
	if stepwise.ErrorCodeOf(err) != stepwise.CodeInvalidArn {
		t.Errorf("not a Map Run ARN: %v", err)
	}
}

// TestMapRunChildrenAcrossRestart stops the server while a Map Run's
// children wait for activity workers: after the restart the children go on
// with their histories where they were.
func TestMapRunChildrenAcrossRestart(t *testing.T) {
	t.Parallel()
	b := setupSQLite(t)
	ctx := context.Background()
	act, err := b.c.CreateActivity(ctx, &stepwise.CreateActivityInput{Name: "work"})
	if err != nil {
		t.Fatal(err)
	}
	sm := b.machine(t, "drestart", "STANDARD", `{"StartAt":"M","States":{"M":{"Type":"Map","Label":"L",
	 "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"A",
	  "States":{"A":{"Type":"Pass","Next":"T"},"T":{"Type":"Task","Resource":"`+act.ActivityArn+`","End":true}}},"End":true}}}`)
	start, err := b.c.StartExecution(ctx, &stepwise.StartExecutionInput{StateMachineArn: sm, Input: ptr(`[1,2]`)})
	if err != nil {
		t.Fatal(err)
	}
	run := waitMapRun(t, b.testBundle, start.ExecutionArn)
	if kids := b.children(t, &stepwise.ListExecutionsInput{MapRunArn: run, StatusFilter: stepwise.ExecutionStatusRunning}); len(kids) != 2 {
		t.Fatalf("%d RUNNING children, want 2", len(kids))
	}
	b.stop()
	b2 := startOn(t, b.st)
	for i := 0; i < 2; i++ {
		task, err := b2.c.GetActivityTask(ctx, &stepwise.GetActivityTaskInput{ActivityArn: act.ActivityArn, WorkerName: "w"})
		if err != nil || task.TaskToken == "" {
			t.Fatalf("GetActivityTask: %+v %v", task, err)
		}
		if _, err := b2.c.SendTaskSuccess(ctx, &stepwise.SendTaskSuccessInput{TaskToken: task.TaskToken, Output: task.Input}); err != nil {
			t.Fatal(err)
		}
	}
	if d := b2.wait(t, start.ExecutionArn); d.Status != stepwise.ExecutionStatusSucceeded || d.Output != `[1,2]` {
		t.Fatalf("parent after restart: %s %s", d.Status, d.Output)
	}
	for _, k := range b2.children(t, &stepwise.ListExecutionsInput{MapRunArn: run}) {
		if k.Status != stepwise.ExecutionStatusSucceeded {
			t.Errorf("child %s %s", k.Name, k.Status)
		}
		want := "ExecutionStarted PassStateEntered PassStateExited TaskStateEntered ActivityScheduled ActivityStarted ActivitySucceeded TaskStateExited ExecutionSucceeded"
		if got := historyTypes(t, b2.testBundle, k.ExecutionArn); got != want {
			t.Errorf("child history after restart\n got %s\nwant %s", got, want)
		}
	}
}

// waitMapRun waits until an execution has started a Map Run whose children
// are recorded, and returns its ARN.
func waitMapRun(t *testing.T, b *testBundle, arn string) string {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		runs, err := b.c.ListMapRuns(context.Background(), &stepwise.ListMapRunsInput{ExecutionArn: arn})
		if err == nil && len(runs.MapRuns) == 1 {
			return runs.MapRuns[0].MapRunArn
		}
	}
	t.Fatalf("%s started no Map Run", arn)
	return ""
}
