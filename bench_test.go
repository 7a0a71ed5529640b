package stepwise_test

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stepwisehq/stepwise"
	"github.com/stepwisehq/stepwise/store/sqlite"
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
