package stepwise_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stepwisehq/stepwise"
	"github.com/stepwisehq/stepwise/store"
	"github.com/stepwisehq/stepwise/store/memory"
)

// A child started by a states:startExecution Task records its parent on
// its execution row; an execution started through the API has none.
func TestNestedChildRecordsItsParent(t *testing.T) {
	t.Parallel()
	st := memory.New()
	b := startWith(t, stepwise.Config{Store: st, TimeScale: 0.001, DisableTaskIntegrations: true})
	ctx := context.Background()
	child := b.machine(t, "child", "STANDARD", `{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}`)
	for _, tc := range []struct{ name, resource string }{
		{"plain", "startExecution"}, {"sync", "startExecution.sync"}, {"sync2", "startExecution.sync:2"},
		{"callback", "startExecution.waitForTaskToken"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			parent := b.machine(t, "parent-"+tc.name, "STANDARD", `{"StartAt":"S","States":{"S":{"Type":"Task",
			 "Resource":"arn:aws:states:::states:`+tc.resource+`","Parameters":{"StateMachineArn":"`+child+`","Name":"kid-`+tc.name+`",
			 "Input":{"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$":"$$.Execution.Id"}},"End":true}}}`)
			start, err := b.c.StartExecution(ctx, &stepwise.StartExecutionInput{StateMachineArn: parent})
			if err != nil {
				t.Fatal(err)
			}
			kid := childRow(t, st, strings.Replace(child, ":stateMachine:", ":execution:", 1)+":kid-"+tc.name)
			if kid.ParentArn != start.ExecutionArn {
				t.Errorf("child's parent %q, want %q", kid.ParentArn, start.ExecutionArn)
			}
			if top, err := st.ExecutionGet(ctx, start.ExecutionArn); err != nil || top.ParentArn != "" {
				t.Errorf("parent's own parent %q, %v", top.ParentArn, err)
			}
		})
	}
}

// childRow waits for an execution's row to be written.
func childRow(t *testing.T, st store.Store, arn string) *store.Execution {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if x, err := st.ExecutionGet(context.Background(), arn); err == nil {
			return x
		}
	}
	t.Fatalf("no execution %s", arn)
	return nil
}
