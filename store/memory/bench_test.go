package memory_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stepwisehq/stepwise/history"
	"github.com/stepwisehq/stepwise/store"
	"github.com/stepwisehq/stepwise/store/memory"
	"github.com/stepwisehq/stepwise/value"
)

var (
	t0          = time.Date(2024, 3, 4, 5, 6, 7, 0, time.UTC)
	benchInput  = value.MustParse(`{"orderId":"o-123","items":[{"sku":"A1","qty":2}],"total":42.50}`)
	benchOutput = value.MustParse(`{"orderId":"o-123","status":"PAID"}`)
)

// BenchmarkExecutionCommit commits one step of two events (a state entered
// and exited) with a 200-byte snapshot, per call or 64 per call.
func BenchmarkExecutionCommit(b *testing.B) {
	for _, n := range []int{1, 64} {
		b.Run(fmt.Sprintf("steps=%d", n), func(b *testing.B) {
			s := memory.New()
			steps := make([]*store.Step, n)
			for i := range steps {
				arn := fmt.Sprintf("arn:x:%d", i)
				err := s.ExecutionCreate(b.Context(), &store.ExecutionCreateParams{
					Execution: &store.Execution{Arn: arn, StateMachineArn: "arn:sm", Status: store.StatusRunning},
					Events:    []history.Event{{ID: 1, Type: history.ExecutionStarted}}})
				if err != nil {
					b.Fatal(err)
				}
				steps[i] = &store.Step{Arn: arn, Snapshot: make([]byte, 200), Events: []history.Event{
					{ID: 2, PreviousID: 1, Timestamp: t0, Type: history.TaskStateEntered, Name: "Charge", HasInput: true, Input: benchInput},
					{ID: 3, PreviousID: 2, Timestamp: t0, Type: history.TaskStateExited, Name: "Charge", HasOutput: true, Output: benchOutput},
				}}
			}
			b.ReportAllocs()
			for b.Loop() {
				if err := s.ExecutionCommit(b.Context(), steps); err != nil {
					b.Fatal(err)
				}
				for _, st := range steps {
					for i := range st.Events {
						st.Events[i].ID += 2
						st.Events[i].PreviousID += 2
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/step")
		})
	}
}
