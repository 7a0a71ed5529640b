package stepwise_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stepwisehq/stepwise"
	"github.com/stepwisehq/stepwise/internal/resource/fakeaws"
	"github.com/stepwisehq/stepwise/store/sqlite"
)

// engineOn starts a Stepwise, with the AWS integrations, on st.
func engineOn(t *testing.T, st *sqlite.Store) *testBundle {
	t.Helper()
	sw, err := stepwise.New(stepwise.Config{Store: st, TimeScale: 0.001})
	if err != nil {
		t.Fatal(err)
	}
	if err := sw.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sw.Stop(context.Background()) })
	return &testBundle{sw: sw, c: sw.Client()}
}

// waitHistory waits until an execution's history holds an event type.
func waitHistory(t *testing.T, b *testBundle, arn, typ string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if strings.Contains(historyTypes(t, b, arn), typ) {
			return
		}
	}
	t.Fatalf("%s: no %s in %s", arn, typ, historyTypes(t, b, arn))
}

func countActions(f *fakeaws.Server, action string) int {
	n := 0
	for _, r := range f.Requests() {
		if r.Action == action {
			n++
		}
	}
	return n
}

// TestRestartFollowsSubmittedWork: a server that stops while a Run a Job
// task's job runs, and while a callback task waits, leaves the job running
// and the callback's message sent once; after the restart it follows the
// same job to its end and waits for the same token.
func TestRestartFollowsSubmittedWork(t *testing.T) {
	fake := fakeaws.Start(t)
	fake.PlanJobs(fakeaws.JobPlan{Polls: 100})
	queue := fake.CreateQueue("q")
	t.Setenv("AWS_ENDPOINT_URL", fake.URL)
	st, err := sqlite.Open(t.TempDir()+"/db", sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	a := engineOn(t, st)
	job := a.machine(t, "job", "STANDARD", `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::ecs:runTask.sync","Parameters":{"Cluster":"c","TaskDefinition":"d"},"End":true}}}`)
	cb := a.machine(t, "cb", "STANDARD", `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","Parameters":{"QueueUrl":"`+queue+`","MessageBody.$":"$$.Task.Token"},"End":true}}}`)
	jx, cx := startVia(t, a, job, `{}`), startVia(t, a, cb, `{}`)
	waitHistory(t, a, jx, "TaskSubmitted")
	waitHistory(t, a, cx, "TaskSubmitted")
	if err := a.sw.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := countActions(fake, "StopTask"); n != 0 {
		t.Fatalf("the job was stopped %d times by a server that stopped", n)
	}
	b := engineOn(t, st)
	if d := b.wait(t, jx); d.Status != stepwise.ExecutionStatusSucceeded {
		t.Fatalf("job after the restart: %s %v", d.Status, ptrText(d.Cause))
	}
	if n := countActions(fake, "RunTask"); n != 1 {
		t.Errorf("RunTask called %d times, want 1", n)
	}
	msgs := fake.Messages(queue)
	if len(msgs) != 1 {
		t.Fatalf("%d messages sent for the callback, want 1", len(msgs))
	}
	if _, err := b.c.SendTaskSuccess(context.Background(), &stepwise.SendTaskSuccessInput{TaskToken: msgs[0].Body, Output: `{"ok":1}`}); err != nil {
		t.Fatal(err)
	}
	if d := b.wait(t, cx); d.Status != stepwise.ExecutionStatusSucceeded {
		t.Fatalf("callback after the restart: %s", d.Status)
	}
}
