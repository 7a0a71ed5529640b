package sqlite_test

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

// benchSteps makes one step of two events (a state entered and exited) for
// each of n executions, created in s.
func benchSteps(b *testing.B, s store.Store, n int) []*store.Step {
	steps := make([]*store.Step, n)
	for i := range steps {
		arn := fmt.Sprintf("%s-%d", xArn, i)
		x := &store.Execution{Arn: arn, StateMachineArn: smArn, Name: "x", Status: store.StatusRunning,
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

// advance moves the steps' events to the next ids.
func advance(steps []*store.Step) {
	for _, st := range steps {
		for i := range st.Events {
			st.Events[i].ID += 2
			st.Events[i].PreviousID += 2
		}
	}
}

// BenchmarkExecutionCommit commits steps of two events each, one step per
// transaction or 64 (the group commit); ns/step compares the two.
func BenchmarkExecutionCommit(b *testing.B) {
	for _, n := range []int{1, 64} {
		b.Run(fmt.Sprintf("steps=%d", n), func(b *testing.B) {
			s := openTemp(b)
			defer s.Close()
			steps := benchSteps(b, s, n)
			b.ReportAllocs()
			for b.Loop() {
				if err := s.ExecutionCommit(b.Context(), steps); err != nil {
					b.Fatal(err)
				}
				advance(steps)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/step")
		})
	}
}

func BenchmarkHistoryGet(b *testing.B) {
	s := openTemp(b)
	defer s.Close()
	steps := benchSteps(b, s, 1)
	for range 50 {
		if err := s.ExecutionCommit(b.Context(), steps); err != nil {
			b.Fatal(err)
		}
		advance(steps)
	}
	p := &store.HistoryParams{Arn: steps[0].Arn, Limit: 100}
	b.ReportAllocs()
	for b.Loop() {
		if evs, err := s.HistoryGet(b.Context(), p); err != nil || len(evs) != 100 {
			b.Fatal(len(evs), err)
		}
	}
}
