package storetest

import (
	"fmt"
	"testing"

	"github.com/stepwisehq/stepwise/history"
	"github.com/stepwisehq/stepwise/store"
	"github.com/stepwisehq/stepwise/value"
)

var (
	benchInput  = value.MustParse(`{"orderId":"o-123","items":[{"sku":"A1","qty":2}],"total":42.50}`)
	benchOutput = value.MustParse(`{"orderId":"o-123","status":"PAID","receipt":{"id":"r-9","at":"2024-03-04T05:06:07Z"}}`)
)

// BenchSteps creates n running executions in s and returns a step for each:
// two events (a Task state entered and exited, with an order as input and
// output) and a 200-byte snapshot. After a commit, AdvanceSteps readies
// them for the next.
func BenchSteps(b *testing.B, s store.Store, n int) []*store.Step {
	b.Helper()
	steps := make([]*store.Step, n)
	for i := range steps {
		arn := fmt.Sprintf("%s-%d", FilledExecution, i)
		x := &store.Execution{Arn: arn, StateMachineArn: filledMachine, Name: "x", Status: store.StatusRunning,
			Input: "{}", Started: t0}
		err := s.ExecutionCreate(b.Context(), &store.ExecutionCreateParams{Execution: x,
			Events: []history.Event{{ID: 1, Timestamp: t0, Type: history.ExecutionStarted, HasInput: true, Input: benchInput}}})
		if err != nil {
			b.Fatal(err)
		}
		steps[i] = &store.Step{Arn: arn, Snapshot: make([]byte, 200), Events: []history.Event{
			{ID: 2, PreviousID: 1, Timestamp: t0, Type: history.TaskStateEntered, Name: "Charge card",
				HasInput: true, Input: benchInput},
			{ID: 3, PreviousID: 2, Timestamp: t0, Type: history.TaskStateExited, Name: "Charge card",
				HasOutput: true, Output: benchOutput},
		}}
	}
	return steps
}

// AdvanceSteps moves the steps' events to the next ids.
func AdvanceSteps(steps []*store.Step) {
	for _, st := range steps {
		for i := range st.Events {
			st.Events[i].ID += 2
			st.Events[i].PreviousID += 2
		}
	}
}

// BenchCommit benchmarks ExecutionCommit of BenchSteps, one step per
// transaction and 64 (the group commit), each on a store that newStore
// opens (and closes when b ends); it reports ns/step and steps/s, which
// compare the two.
func BenchCommit(b *testing.B, newStore func(b *testing.B) store.Store) {
	for _, n := range []int{1, 64} {
		b.Run(fmt.Sprintf("steps=%d", n), func(b *testing.B) {
			s := newStore(b)
			steps := BenchSteps(b, s, n)
			b.ReportAllocs()
			for b.Loop() {
				if err := s.ExecutionCommit(b.Context(), steps); err != nil {
					b.Fatal(err)
				}
				AdvanceSteps(steps)
			}
			perStep := float64(b.Elapsed().Nanoseconds()) / float64(b.N*n)
			b.ReportMetric(perStep, "ns/step")
			b.ReportMetric(1e9/perStep, "steps/s")
		})
	}
}

// BenchHistoryGet benchmarks HistoryGet of the first 100 events of an
// execution of 101, in s.
func BenchHistoryGet(b *testing.B, s store.Store) {
	steps := BenchSteps(b, s, 1)
	for range 50 {
		if err := s.ExecutionCommit(b.Context(), steps); err != nil {
			b.Fatal(err)
		}
		AdvanceSteps(steps)
	}
	p := &store.HistoryParams{Arn: steps[0].Arn, Limit: 100}
	b.ReportAllocs()
	for b.Loop() {
		if evs, err := s.HistoryGet(b.Context(), p); err != nil || len(evs) != 100 {
			b.Fatal(len(evs), err)
		}
	}
}
