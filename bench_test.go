package stepwise_test

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stepwisehq/stepwise"
	"github.com/stepwisehq/stepwise/history"
	"github.com/stepwisehq/stepwise/store"
	"github.com/stepwisehq/stepwise/store/sqlite"
	"github.com/stepwisehq/stepwise/value"
)

// BenchmarkDistributedMap10k runs a distributed Map over 10,000 items with
// MaxConcurrency 1,000, durably on SQLite, and reports the heap it used.
func BenchmarkDistributedMap10k(b *testing.B) {
	st, err := sqlite.Open(b.TempDir()+"/db", sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	sw, _ := stepwise.New(stepwise.Config{Store: st, TimeScale: -1, DisableTaskIntegrations: true})
	ctx := context.Background()
	if err := sw.Start(ctx); err != nil {
		b.Fatal(err)
	}
	defer sw.Stop(ctx)
	c := sw.Client()
	sm, err := c.CreateStateMachine(ctx, &stepwise.CreateStateMachineInput{Name: "dmap", RoleArn: role,
		Definition: `{"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":1000,
		 "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"v.$":"$"},"End":true}}},"End":true}}}`})
	if err != nil {
		b.Fatal(err)
	}
	items := make([]string, 10000)
	for i := range items {
		items[i] = fmt.Sprint(i)
	}
	input := "[" + strings.Join(items, ",") + "]"
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start, err := c.StartExecution(ctx, &stepwise.StartExecutionInput{StateMachineArn: sm.StateMachineArn, Input: &input})
		if err != nil {
			b.Fatal(err)
		}
		for {
			d, _ := c.DescribeExecution(ctx, &stepwise.DescribeExecutionInput{ExecutionArn: start.ExecutionArn})
			if d.Status == stepwise.ExecutionStatusSucceeded {
				break
			}
			if d.Status != stepwise.ExecutionStatusRunning {
				b.Fatalf("status %s", d.Status)
			}
			time.Sleep(time.Millisecond)
		}
	}
	b.StopTimer()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N)/(1<<20), "MiB-alloc/op")
}

// BenchmarkDistributedMap10kBaseline writes what BenchmarkDistributedMap10k
// must keep, and nothing else: 10,000 child execution rows with four
// events each (started, state entered and exited, succeeded), in
// transactions of 256 steps, on SQLite. The ratio of the two is the cost
// of everything but the store.
func BenchmarkDistributedMap10kBaseline(b *testing.B) {
	st, err := sqlite.Open(b.TempDir()+"/db", sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	evs := func() []history.Event {
		out := make([]history.Event, 4)
		for i := range out {
			out[i] = history.Event{ID: int64(i + 1), PreviousID: int64(i), Type: history.PassStateEntered,
				Name: "P", HasInput: true, Input: value.MustParse(`{"v":1}`)}
		}
		return out
	}
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		for first := 0; first < 10000; first += 256 {
			var steps []*store.Step
			for i := first; i < min(first+256, 10000); i++ {
				arn := fmt.Sprintf("arn:aws:states:us-east-1:123456789012:execution:dmap/M:%d-%d", n, i)
				steps = append(steps, &store.Step{Arn: arn, Events: evs(), Ended: &store.Ending{Status: store.StatusSucceeded},
					Create: &store.Execution{Arn: arn, StateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:dmap/M",
						Name: fmt.Sprint(i), Type: "STANDARD", Status: store.StatusRunning, Input: "1", MapRunArn: "mr", ParentArn: "p"}})
			}
			if err := st.ExecutionCommit(ctx, steps); err != nil {
				b.Fatal(err)
			}
		}
	}
}
