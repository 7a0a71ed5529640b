package runtime

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stepwisehq/stepwise/asl"
	"github.com/stepwisehq/stepwise/engine"
	"github.com/stepwisehq/stepwise/internal/resource"
	"github.com/stepwisehq/stepwise/store"
	"github.com/stepwisehq/stepwise/store/memory"
	"github.com/stepwisehq/stepwise/value"
)

func program(t *testing.T, def string) *engine.Program {
	t.Helper()
	d, err := asl.Parse(def, asl.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return engine.New(d, engine.Options{})
}

// echo is an Invoker that returns its input.
var echo = resource.InvokerFunc(func(_ context.Context, r *resource.Request) (value.Value, error) {
	return r.Input, nil
})

func TestLocalSkipsWaits(t *testing.T) {
	t.Parallel()
	prog := program(t, `{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"Next":"T"},"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}}`)
	l := &Local{Invoker: echo, IDs: RandomIDs{}, TimeScale: 0, KeepHistory: true}
	start := time.Now()
	o, err := l.Run(context.Background(), prog, engine.Meta{Name: "x"}, value.MustParse(`{"a":1}`))
	if err != nil {
		t.Fatal(err)
	}
	if o.Execution.Result.Status != engine.Succeeded || value.String(o.Execution.Result.Output) != `{"a":1}` {
		t.Fatalf("result %+v", o.Execution.Result)
	}
	if time.Since(start) > 30*time.Second {
		t.Fatal("the hour-long wait was not skipped")
	}
	if o.StopTime.Sub(o.Execution.Meta.StartTime) < time.Hour {
		t.Errorf("the execution's clock did not move past the wait: %s", o.StopTime.Sub(o.Execution.Meta.StartTime))
	}
	if len(o.Events) != 9 {
		t.Errorf("%d events", len(o.Events))
	}
}

func TestLocalTaskFailureNames(t *testing.T) {
	t.Parallel()
	prog := program(t, `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}}`)
	fail := resource.InvokerFunc(func(context.Context, *resource.Request) (value.Value, error) {
		return nil, resource.Fail("Custom.Error", "why")
	})
	o, err := (&Local{Invoker: fail, IDs: RandomIDs{}}).Run(context.Background(), prog, engine.Meta{}, value.MustParse(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	if r := o.Execution.Result; r.Status != engine.Failed || r.Error != "Custom.Error" || r.Cause != "why" {
		t.Fatalf("result %+v", r)
	}
}

func startDurable(t *testing.T, st store.Store, inv resource.Invoker) *Durable {
	t.Helper()
	d := NewDurable(Config{Store: st, Invoker: inv, TimeScale: 0})
	if err := d.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	return d
}

func startExecution(t *testing.T, d *Durable, def, name string) string {
	t.Helper()
	arn := "arn:aws:states:us-east-1:123456789012:execution:sm:" + name
	now := time.Now().UTC()
	row := &store.Execution{Arn: arn, StateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:sm",
		Name: name, Type: "STANDARD", Status: store.StatusRunning, Input: "{}", Started: now, Definition: def}
	meta := engine.Meta{ExecutionArn: arn, Name: name, StartTime: now}
	if err := d.StartExecution(context.Background(), row, meta, value.MustParse(`{}`)); err != nil {
		t.Fatal(err)
	}
	return arn
}

func waitStatus(t *testing.T, st store.Store, arn string) *store.Execution {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(2 * time.Millisecond) {
		ex, err := st.ExecutionGet(context.Background(), arn)
		if err == nil && ex.Status != store.StatusRunning {
			return ex
		}
	}
	t.Fatalf("%s still running", arn)
	return nil
}

const callbackDef = `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken","Parameters":{"t.$":"$$.Task.Token"},"End":true}}}`

// TestDurableResumesAfterRestart stops a runtime while an execution waits
// for a callback, starts another on the same store, and completes it there.
func TestDurableResumesAfterRestart(t *testing.T) {
	t.Parallel()
	st := memory.New()
	tokens := make(chan string, 4)
	inv := resource.InvokerFunc(func(_ context.Context, r *resource.Request) (value.Value, error) {
		tokens <- r.TaskToken
		return value.NewObject(nil), nil
	})
	d := startDurable(t, st, inv)
	arn := startExecution(t, d, callbackDef, "e1")
	token := <-tokens
	d.Stop()

	d2 := startDurable(t, st, inv)
	defer d2.Stop()
	ok, err := d2.TokenInput(context.Background(), arn, token, engine.Input{Kind: engine.TaskSucceeded, Output: value.MustParse(`"done"`)})
	if err != nil || !ok {
		t.Fatalf("TokenInput after restart: %v %v", ok, err)
	}
	if ex := waitStatus(t, st, arn); ex.Status != store.StatusSucceeded || ex.Output != `"done"` {
		t.Fatalf("after restart: %s %s", ex.Status, ex.Output)
	}
	evs, _ := st.HistoryGet(context.Background(), &store.HistoryParams{Arn: arn})
	for i, e := range evs {
		if e.ID != int64(i+1) {
			t.Fatalf("event %d has id %d", i+1, e.ID)
		}
	}
}

// TestDurableGroupCommit starts many executions at once; all complete and
// each commits its own history.
func TestDurableGroupCommit(t *testing.T) {
	t.Parallel()
	st := memory.New()
	d := startDurable(t, st, echo)
	defer d.Stop()
	def := `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"W"},"W":{"Type":"Wait","Seconds":1,"Next":"B"},"B":{"Type":"Pass","End":true}}}`
	var wg sync.WaitGroup
	arns := make([]string, 50)
	for i := range arns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			arns[i] = startExecution(t, d, def, "g"+string(rune('A'+i%26))+string(rune('a'+i/26)))
		}()
	}
	wg.Wait()
	for _, arn := range arns {
		if ex := waitStatus(t, st, arn); ex.Status != store.StatusSucceeded || ex.LastEventID != 8 {
			t.Fatalf("%s: %s after %d events", arn, ex.Status, ex.LastEventID)
		}
	}
}

func TestTimerQueueOrderAndRemove(t *testing.T) {
	t.Parallel()
	fired := make(chan engine.OpID, 4)
	q := newTimerQueue(func(_ string, op engine.OpID) { fired <- op })
	defer q.stop()
	now := time.Now()
	q.add("x", 3, now.Add(30*time.Millisecond))
	q.add("x", 1, now.Add(10*time.Millisecond))
	q.add("x", 2, now.Add(20*time.Millisecond))
	q.remove("x", 2)
	if got := []engine.OpID{<-fired, <-fired}; got[0] != 1 || got[1] != 3 {
		t.Fatalf("fired %v, want [1 3]", got)
	}
	if q.Len() != 0 {
		t.Errorf("%d timers left", q.Len())
	}
}
