package stepwise_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stepwisehq/stepwise"
	"github.com/stepwisehq/stepwise/internal/resource/fakeaws"
	"github.com/stepwisehq/stepwise/store/memory"
	"github.com/stepwisehq/stepwise/value"
)

// setupJobs starts an engine whose AWS integrations call a fake whose jobs
// run as plan says (not parallel: the endpoint comes from the environment).
func setupJobs(t *testing.T, plan fakeaws.JobPlan) (*testBundle, *fakeaws.Server) {
	t.Helper()
	fake := fakeaws.Start(t)
	fake.PlanJobs(plan)
	t.Setenv("AWS_ENDPOINT_URL", fake.URL)
	sw, err := stepwise.New(stepwise.Config{Store: memory.New(), TimeScale: 0.001})
	if err != nil {
		t.Fatal(err)
	}
	if err := sw.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sw.Stop(context.Background()) })
	return &testBundle{sw: sw, c: sw.Client()}, fake
}

func TestRunJobSyncEndToEnd(t *testing.T) {
	tests := []struct {
		name, task string
		plan       fakeaws.JobPlan
		status     stepwise.ExecutionStatus
		output     string // a path of the output and its JSON, "path=json"
		history    string
		stop       string // the stop action the fake must have seen
	}{
		{"ecs succeeds", `"Resource":"arn:aws:states:::ecs:runTask.sync","Parameters":{"Cluster":"c1","TaskDefinition":"web"}`,
			fakeaws.JobPlan{Polls: 2}, stepwise.ExecutionStatusSucceeded, `LastStatus="STOPPED"`,
			"TaskScheduled TaskStarted TaskSubmitted TaskSucceeded", ""},
		{"glue fails", `"Resource":"arn:aws:states:::glue:startJobRun.sync","Parameters":{"JobName":"etl"}`,
			fakeaws.JobPlan{Polls: 1, Fail: true}, stepwise.ExecutionStatusFailed, "",
			"TaskScheduled TaskStarted TaskSubmitted TaskFailed", ""},
		{"batch times out and is terminated", `"Resource":"arn:aws:states:::batch:submitJob.sync","TimeoutSeconds":300,"Parameters":{"JobName":"j","JobQueue":"q","JobDefinition":"d"}`,
			fakeaws.JobPlan{Polls: 1 << 30}, stepwise.ExecutionStatusFailed, "",
			"TaskScheduled TaskStarted TaskSubmitted TaskTimedOut", "TerminateJob"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, fake := setupJobs(t, tt.plan)
			sm := b.machine(t, "job", "STANDARD", `{"StartAt":"T","States":{"T":{"Type":"Task",`+tt.task+`,"End":true}}}`)
			start, err := b.c.StartExecution(context.Background(), &stepwise.StartExecutionInput{StateMachineArn: sm})
			if err != nil {
				t.Fatal(err)
			}
			d := b.wait(t, start.ExecutionArn)
			if d.Status != tt.status {
				t.Fatalf("status %s, output %s, %v %v", d.Status, d.Output, ptrText(d.Error), ptrText(d.Cause))
			}
			if path, want, ok := strings.Cut(tt.output, "="); ok {
				out := value.MustParse(d.Output).(*value.Object)
				if got, _ := out.Get(path); value.String(got) != want {
					t.Errorf("output %s", d.Output)
				}
			}
			if types := historyTypes(t, b, start.ExecutionArn); !strings.Contains(types, tt.history) {
				t.Errorf("history %s", types)
			}
			if tt.stop != "" {
				deadline := time.Now().Add(5 * time.Second)
				for !sawAction(fake, tt.stop) && time.Now().Before(deadline) {
					time.Sleep(5 * time.Millisecond)
				}
				if !sawAction(fake, tt.stop) {
					t.Errorf("no %s", tt.stop)
				}
			}
			t.Logf("%s: %s %s %s", tt.name, d.Status, ptrText(d.Error), ptrText(d.Cause))
		})
	}
}

func sawAction(f *fakeaws.Server, action string) bool {
	for _, r := range f.Requests() {
		if r.Action == action {
			return true
		}
	}
	return false
}

func ptrText(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func TestRunJobStopExecutionStopsTheJob(t *testing.T) {
	b, fake := setupJobs(t, fakeaws.JobPlan{Polls: 1 << 30})
	sm := b.machine(t, "job", "STANDARD", `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::codebuild:startBuild.sync","Parameters":{"ProjectName":"app"},"End":true}}}`)
	ctx := context.Background()
	start, err := b.c.StartExecution(ctx, &stepwise.StartExecutionInput{StateMachineArn: sm})
	if err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(5 * time.Second); !sawAction(fake, "BatchGetBuilds"); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("never polled")
		}
	}
	if _, err := b.c.StopExecution(ctx, &stepwise.StopExecutionInput{ExecutionArn: start.ExecutionArn}); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(5 * time.Second); !sawAction(fake, "StopBuild"); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("StopBuild never called")
		}
	}
	t.Log(historyTypes(t, b, start.ExecutionArn), fake.JobStates())
}
