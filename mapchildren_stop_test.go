package stepwise_test

import (
	"context"
	"testing"
	"time"

	"github.com/stepwisehq/stepwise"
)

// TestStopExecutionOfAMapChild: StopExecution of a distributed Map's child
// aborts that child; its Map counts a failed item (tolerated here) and the
// parent carries on.
func TestStopExecutionOfAMapChild(t *testing.T) {
	t.Parallel()
	b := setupSQLite(t)
	ctx := context.Background()
	sm := b.machine(t, "stopchild", "STANDARD", `{"StartAt":"M","States":{"M":{"Type":"Map","ToleratedFailureCount":1,
	 "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
	  "StartAt":"W","States":{"W":{"Type":"Wait","SecondsPath":"$.wait","End":true}}},"End":true}}}`)
	// One item waits long (a day, 86 s at this time scale), one briefly.
	x := startVia(t, b.testBundle, sm, `[{"wait":86400},{"wait":1}]`)
	var run string
	for deadline := time.Now().Add(5 * time.Second); run == "" && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if runs, err := b.c.ListMapRuns(ctx, &stepwise.ListMapRunsInput{ExecutionArn: x}); err == nil && len(runs.MapRuns) == 1 {
			run = runs.MapRuns[0].MapRunArn
		}
	}
	var long string
	for deadline := time.Now().Add(5 * time.Second); long == "" && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		for _, k := range b.children(t, &stepwise.ListExecutionsInput{MapRunArn: run}) {
			d, err := b.c.DescribeExecution(ctx, &stepwise.DescribeExecutionInput{ExecutionArn: k.ExecutionArn})
			if err == nil && d.Status == stepwise.ExecutionStatusRunning && d.Input == `{"wait":86400}` {
				long = k.ExecutionArn
			}
		}
	}
	if long == "" {
		t.Fatal("the long child is not running")
	}
	if _, err := b.c.StopExecution(ctx, &stepwise.StopExecutionInput{ExecutionArn: long, Error: ptr("Stopped"), Cause: ptr("by the test")}); err != nil {
		t.Fatal(err)
	}
	d, err := b.c.DescribeExecution(ctx, &stepwise.DescribeExecutionInput{ExecutionArn: long})
	if err != nil || d.Status != stepwise.ExecutionStatusAborted {
		t.Fatalf("the stopped child: %+v %v", d, err)
	}
	if p := b.wait(t, x); p.Status != stepwise.ExecutionStatusSucceeded {
		t.Fatalf("the parent: %s %v", p.Status, p.Cause)
	}
}

// TestRedriveOfAMapChild: a failed child of a distributed Map is redriven
// with its parent, not on its own.
func TestRedriveOfAMapChild(t *testing.T) {
	t.Parallel()
	b := setupSQLite(t)
	ctx := context.Background()
	sm := b.machine(t, "redrivechild", "STANDARD", `{"StartAt":"M","States":{"M":{"Type":"Map","ToleratedFailureCount":1,
	 "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
	  "StartAt":"F","States":{"F":{"Type":"Fail","Error":"E","Cause":"c"}}},"End":true}}}`)
	x := startVia(t, b.testBundle, sm, `[1]`)
	if d := b.wait(t, x); d.Status != stepwise.ExecutionStatusSucceeded {
		t.Fatalf("parent %s", d.Status)
	}
	kids := b.children(t, &stepwise.ListExecutionsInput{MapRunArn: b.mapRunOf(t, x)})
	if len(kids) != 1 {
		t.Fatalf("%d children", len(kids))
	}
	d, err := b.c.DescribeExecution(ctx, &stepwise.DescribeExecutionInput{ExecutionArn: kids[0].ExecutionArn})
	if err != nil || d.Status != stepwise.ExecutionStatusFailed || d.RedriveStatus != stepwise.ExecutionRedriveStatusRedrivableByMapRun {
		t.Fatalf("child: %+v %v", d, err)
	}
	_, err = b.c.RedriveExecution(ctx, &stepwise.RedriveExecutionInput{ExecutionArn: kids[0].ExecutionArn})
	if stepwise.ErrorCodeOf(err) != stepwise.CodeExecutionNotRedrivable {
		t.Fatalf("RedriveExecution of a child: %v", err)
	}
}

// TestMapRunCountersWhileRunning: DescribeMapRun counts the items as they
// go: no more running than MaxConcurrency, the others pending.
func TestMapRunCountersWhileRunning(t *testing.T) {
	t.Parallel()
	b := setupSQLite(t)
	ctx := context.Background()
	sm := b.machine(t, "counters", "STANDARD", `{"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":2,
	 "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
	  "StartAt":"W","States":{"W":{"Type":"Wait","Seconds":86400,"End":true}}},"End":true}}}`)
	x := startVia(t, b.testBundle, sm, `[1,2,3,4,5,6]`)
	var d *stepwise.DescribeMapRunOutput
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		runs, err := b.c.ListMapRuns(ctx, &stepwise.ListMapRunsInput{ExecutionArn: x})
		if err != nil || len(runs.MapRuns) == 0 {
			continue
		}
		if d, err = b.c.DescribeMapRun(ctx, &stepwise.DescribeMapRunInput{MapRunArn: runs.MapRuns[0].MapRunArn}); err == nil && d.ItemCounts.Running == 2 {
			break
		}
	}
	if d == nil || d.ItemCounts.Running != 2 || d.ItemCounts.Pending != 4 || d.ItemCounts.Total != 6 || d.ExecutionCounts.Running != 2 {
		t.Fatalf("counters %+v", d)
	}
}
