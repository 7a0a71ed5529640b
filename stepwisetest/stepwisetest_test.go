package stepwisetest_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stepwisehq/stepwise"
	"github.com/stepwisehq/stepwise/stepwisetest"
	"github.com/stepwisehq/stepwise/value"
)

const retryDef = `{"StartAt":"Charge","States":{"Charge":{"Type":"Task",
 "Resource":"arn:aws:lambda:us-east-1:123456789012:function:charge",
 "Retry":[{"ErrorEquals":["Busy"],"IntervalSeconds":60,"MaxAttempts":2}],
 "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"Refund"}],
 "ResultPath":"$.charged","Next":"Done"},
 "Refund":{"Type":"Fail","Error":"Refunded"},
 "Done":{"Type":"Succeed"}}}`

func TestRetryThenSucceed(t *testing.T) {
	t.Parallel()
	h := stepwisetest.New(t)
	calls := 0
	h.HandleFunc("arn:aws:lambda:us-east-1:123456789012:function:charge", func(context.Context, value.Value) (value.Value, error) {
		calls++
		if calls < 3 {
			return nil, &stepwise.TaskError{Name: "Busy", Cause: "try later"}
		}
		return true, nil
	})
	sm := h.CreateStateMachine("order", retryDef)
	ex := h.Run(sm, `{"id":1}`)
	stepwisetest.Succeeded(t, ex, `{"id":1,"charged":true}`)
	if calls != 3 {
		t.Errorf("%d calls, want 3 (two retries)", calls)
	}
	types := strings.Join(h.EventTypes(ex.ExecutionArn), " ")
	if strings.Count(types, "LambdaFunctionFailed") != 2 {
		t.Errorf("history %s", types)
	}
}

func TestCatchAndFail(t *testing.T) {
	t.Parallel()
	h := stepwisetest.New(t)
	h.HandleFunc("arn:aws:lambda:us-east-1:123456789012:function:charge", func(context.Context, value.Value) (value.Value, error) {
		return nil, errors.New("card declined")
	})
	ex := h.Run(h.CreateStateMachine("order", retryDef), `{"id":2}`)
	stepwisetest.Failed(t, ex, "Refunded")
}

// recorder is a TB that records failures instead of failing.
type recorder struct{ failed []string }

func (r *recorder) Helper()                   {}
func (r *recorder) Cleanup(func())            {}
func (r *recorder) Fatalf(f string, a ...any) { r.failed = append(r.failed, fmt.Sprintf(f, a...)) }
func (r *recorder) Errorf(f string, a ...any) { r.failed = append(r.failed, fmt.Sprintf(f, a...)) }

func TestAssertionsReportMismatches(t *testing.T) {
	t.Parallel()
	r := &recorder{}
	out := &stepwise.DescribeExecutionOutput{Name: "x", Status: stepwise.ExecutionStatusSucceeded, Output: `{"a":1}`}
	stepwisetest.Succeeded(r, out, `{"a": 1.0}`)
	if len(r.failed) != 0 {
		t.Fatalf("equal outputs reported: %v", r.failed)
	}
	stepwisetest.Succeeded(r, out, `{"a":2}`)
	stepwisetest.Failed(r, out, "E")
	if len(r.failed) != 2 {
		t.Fatalf("mismatches not reported: %v", r.failed)
	}
}
