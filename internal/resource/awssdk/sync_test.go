package awssdk

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/stepwisehq/stepwise/internal/resource"
	"github.com/stepwisehq/stepwise/internal/resource/fakeaws"
	"github.com/stepwisehq/stepwise/value"
)

// jobBundle is a fake whose jobs run as plan says and an Invoker that polls
// it every millisecond.
type jobBundle struct {
	fake *fakeaws.Server
	inv  *Invoker
}

func setupJobs(t *testing.T, plan fakeaws.JobPlan) *jobBundle {
	t.Helper()
	f := fakeaws.Start(t)
	f.PlanJobs(plan)
	inv, err := New(context.Background(), Options{Config: &aws.Config{}, Endpoint: f.URL, PollInterval: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return &jobBundle{fake: f, inv: inv}
}

// submissions collects what a task reports through Request.Submitted.
type submissions struct {
	mu   sync.Mutex
	outs []value.Value
}

func (s *submissions) add(v value.Value) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.outs = append(s.outs, v)
}

func (s *submissions) list() []value.Value {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.outs)
}

func (b *jobBundle) run(ctx context.Context, res, params string, subs *submissions) (value.Value, error) {
	req := &resource.Request{Resource: res, Input: value.MustParse(params)}
	if subs != nil {
		req.Submitted = subs.add
	}
	return b.inv.Invoke(ctx, req)
}

// actions returns the actions the fake received, in order.
func (b *jobBundle) actions() []string {
	var out []string
	for _, r := range b.fake.Requests() {
		out = append(out, r.Action)
	}
	return out
}

// at returns the member of v at a dotted path ("Tasks.0.LastStatus").
func at(v value.Value, path string) value.Value {
	for _, step := range strings.Split(path, ".") {
		switch x := v.(type) {
		case *value.Object:
			v, _ = x.Get(step)
		case []value.Value:
			i, err := strconv.Atoi(step)
			if err != nil || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

// keys returns an object's keys, nil for anything else.
func keys(v value.Value) []string {
	if o, ok := v.(*value.Object); ok {
		return o.Keys()
	}
	return nil
}

const states = "arn:aws:states:::"

// jobCase is one integration, with the parameters of a job it can start.
type jobCase struct {
	name, res, params string
	describe, stop    string // the describe and stop actions the fake sees
}

var jobCases = []jobCase{
	{"ecs", states + "ecs:runTask.sync", `{"Cluster":"c1","TaskDefinition":"web:3","LaunchType":"FARGATE"}`, "DescribeTasks", "StopTask"},
	{"batch", states + "batch:submitJob.sync", `{"JobName":"nightly","JobQueue":"q1","JobDefinition":"def","Parameters":{"day":"mon"}}`, "DescribeJobs", "TerminateJob"},
	{"glue", states + "glue:startJobRun.sync", `{"JobName":"etl","Arguments":{"--day":"mon"}}`, "GetJobRun", "BatchStopJobRun"},
	{"codebuild", states + "codebuild:startBuild.sync", `{"ProjectName":"app"}`, "BatchGetBuilds", "StopBuild"},
	{"athena", states + "athena:startQueryExecution.sync", `{"QueryString":"SELECT 1","WorkGroup":"primary"}`, "GetQueryExecution", "StopQueryExecution"},
}

func TestRunJobResults(t *testing.T) {
	t.Parallel()
	tests := []struct {
		jobCase
		submitted []string          // the submission's keys
		result    []string          // the result's keys
		want      map[string]string // paths of the result and their JSON
	}{
		{jobCases[0], []string{"Failures", "SdkHttpMetadata", "SdkResponseMetadata", "Tasks"},
			[]string{"Attachments", "Attributes", "AvailabilityZone", "ClusterArn", "Containers", "Cpu", "CreatedAt", "DesiredStatus",
				"EnableExecuteCommand", "Group", "LastStatus", "LaunchType", "Memory", "Overrides", "PlatformVersion", "StartedBy",
				"StopCode", "StoppedAt", "StoppedReason", "StoppingAt", "Tags", "TaskArn", "TaskDefinitionArn", "Version"},
			map[string]string{"LastStatus": `"STOPPED"`, "StartedBy": `"AWS Step Functions"`, "Containers.0.ExitCode": `0`,
				"StopCode": `"EssentialContainerExited"`, "ClusterArn": `"arn:aws:ecs:us-east-1:123456789012:cluster/c1"`}},
		{jobCases[1], []string{"JobArn", "JobId", "JobName", "SdkHttpMetadata", "SdkResponseMetadata"},
			[]string{"Attempts", "Container", "CreatedAt", "DependsOn", "JobArn", "JobDefinition", "JobId", "JobName", "JobQueue",
				"Parameters", "PlatformCapabilities", "PropagateTags", "StartedAt", "Status", "StoppedAt", "Tags"},
			map[string]string{"Status": `"SUCCEEDED"`, "Parameters": `{"day":"mon"}`,
				"Container.Environment": `[{"Name":"MANAGED_BY_AWS","Value":"STARTED_BY_STEP_FUNCTIONS"}]`}},
		{jobCases[2], []string{"JobName", "JobRunId", "SdkHttpMetadata", "SdkResponseMetadata"},
			[]string{"AllocatedCapacity", "Arguments", "Attempt", "CompletedOn", "ExecutionTime", "GlueVersion", "Id", "JobMode",
				"JobName", "JobRunState", "LastModifiedOn", "LogGroupName", "MaxCapacity", "PredecessorRuns", "StartedOn", "Timeout"},
			map[string]string{"JobRunState": `"SUCCEEDED"`, "JobName": `"etl"`, "Arguments": `{"--day":"mon"}`, "MaxCapacity": `10.0`}},
		{jobCases[3], []string{"Build", "SdkHttpMetadata", "SdkResponseMetadata"}, []string{"Build"},
			map[string]string{"Build.BuildStatus": `"SUCCEEDED"`, "Build.BuildComplete": `true`, "Build.ProjectName": `"app"`}},
		{jobCases[4], []string{"QueryExecutionId", "SdkHttpMetadata", "SdkResponseMetadata"}, []string{"QueryExecution"},
			map[string]string{"QueryExecution.Status.State": `"SUCCEEDED"`, "QueryExecution.Query": `"SELECT 1"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b := setupJobs(t, fakeaws.JobPlan{Polls: 2})
			var subs submissions
			out, err := b.run(context.Background(), tt.res, tt.params, &subs)
			if err != nil {
				t.Fatalf("failed: %v", err)
			}
			got := subs.list()
			if len(got) != 1 || !slices.Equal(keys(got[0]), tt.submitted) {
				t.Fatalf("submitted %v, want one with keys %v", got, tt.submitted)
			}
			if at(got[0], "SdkHttpMetadata.HttpStatusCode") != value.Number("200") {
				t.Errorf("submission metadata: %s", value.String(at(got[0], "SdkHttpMetadata")))
			}
			if !slices.Equal(keys(out), tt.result) {
				t.Errorf("result keys %v\nwant        %v", keys(out), tt.result)
			}
			for path, want := range tt.want {
				if g := value.String(at(out, path)); g != want {
					t.Errorf("%s = %s, want %s", path, g, want)
				}
			}
			if n := countOf(b.actions(), tt.describe); n != 3 {
				t.Errorf("%d %s calls, want 3: %v", n, tt.describe, b.actions())
			}
		})
	}
}

func countOf(list []string, s string) int {
	n := 0
	for _, e := range list {
		if e == s {
			n++
		}
	}
	return n
}

func TestRunJobTimestampsAreEpochMillis(t *testing.T) {
	t.Parallel()
	b := setupJobs(t, fakeaws.JobPlan{})
	before := time.Now().Add(-time.Minute).UnixMilli()
	out, err := b.run(context.Background(), jobCases[0].res, jobCases[0].params, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"CreatedAt", "StoppedAt"} {
		n, ok := at(out, key).(value.Number)
		ms, err := strconv.ParseInt(string(n), 10, 64)
		if !ok || err != nil || ms < before || ms > time.Now().Add(time.Minute).UnixMilli() {
			t.Errorf("%s = %v, want epoch milliseconds", key, at(out, key))
		}
	}
}

func TestRunJobFailures(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, res, params string
		plan              fakeaws.JobPlan
		wantName          string
		wantCause         string // a prefix of the cause
		causeAt, causeIs  string // for a job's failure: a path of the cause and its JSON
		submitted         bool
	}{
		{"ecs container exits with 1", jobCases[0].res, jobCases[0].params, fakeaws.JobPlan{Polls: 1, Fail: true},
			"States.TaskFailed", `{"Attachments":[]`, "Containers.0.ExitCode", `1`, true},
		{"batch job failed", jobCases[1].res, jobCases[1].params, fakeaws.JobPlan{Fail: true},
			"States.TaskFailed", `{"Attempts":[]`, "StatusReason", `"Essential container in task exited"`, true},
		{"glue run failed", jobCases[2].res, jobCases[2].params, fakeaws.JobPlan{Fail: true},
			"States.TaskFailed", `{"AllocatedCapacity":10`, "ErrorMessage", `"ZeroDivisionError: division by zero"`, true},
		{"codebuild build failed", jobCases[3].res, jobCases[3].params, fakeaws.JobPlan{Fail: true},
			"States.TaskFailed", `{"Build":{`, "Build.BuildStatus", `"FAILED"`, true},
		{"athena query failed", jobCases[4].res, jobCases[4].params, fakeaws.JobPlan{Fail: true},
			"States.TaskFailed", `{"QueryExecution":{`, "QueryExecution.Status.State", `"FAILED"`, true},
		{"ecs runTask failures", jobCases[0].res, jobCases[0].params, fakeaws.JobPlan{Refuse: true},
			"AmazonECS.Unknown", `[{"Arn":"arn:aws:ecs:us-east-1:123456789012:container-instance/c1","Reason":"RESOURCE:MEMORY"}]`, "", "", false},
		{"ecs cluster not found", jobCases[0].res, `{"Cluster":"missing","TaskDefinition":"web"}`, fakeaws.JobPlan{},
			"ECS.ClusterNotFoundException", "Cluster not found. (Service: AmazonECS; Status Code: 400; Error Code: ClusterNotFoundException; Request ID: ", "", "", false},
		{"batch queue not found", jobCases[1].res, `{"JobName":"j","JobQueue":"missing","JobDefinition":"d"}`, fakeaws.JobPlan{},
			"Batch.ClientException", "JobQueue missing not found. (Service: AWSBatch; Status Code: 400; Error Code: ClientException; ", "", "", false},
		{"glue job not found", jobCases[2].res, `{"JobName":"missing"}`, fakeaws.JobPlan{},
			"Glue.EntityNotFoundException", "Job with name: missing not found (Service: AWSGlue; Status Code: 400; ", "", "", false},
		{"codebuild project not found", jobCases[3].res, `{"ProjectName":"missing"}`, fakeaws.JobPlan{},
			"CodeBuild.ResourceNotFoundException", "Project cannot be found: arn:aws:codebuild:us-east-1:123456789012:project/missing (Service: AWSCodeBuild; ", "", "", false},
		{"athena work group not found", jobCases[4].res, `{"QueryString":"SELECT 1","WorkGroup":"missing"}`, fakeaws.JobPlan{},
			"Athena.InvalidRequestException", "WorkGroup missing is not found. (Service: AmazonAthena; ", "", "", false},
		{"unknown parameter", jobCases[2].res, `{"JobName":"etl","Nope":1}`, fakeaws.JobPlan{},
			"States.Runtime", `The Parameters '{"JobName":"etl","Nope":1}' could not be used to start the Task: [The field 'Nope' is not supported by Step Functions]`, "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b := setupJobs(t, tt.plan)
			var subs submissions
			_, err := b.run(context.Background(), tt.res, tt.params, &subs)
			var f *resource.Failure
			if !errors.As(err, &f) || f.Name != tt.wantName || !strings.HasPrefix(f.Cause, tt.wantCause) {
				t.Fatalf("err = %v\nwant %s: %s...", err, tt.wantName, tt.wantCause)
			}
			if tt.causeAt != "" {
				cause, perr := value.ParseString(f.Cause)
				if perr != nil || value.String(at(cause, tt.causeAt)) != tt.causeIs {
					t.Errorf("cause %s = %s, want %s", tt.causeAt, value.String(at(cause, tt.causeAt)), tt.causeIs)
				}
			}
			if got := len(subs.list()) == 1; got != tt.submitted {
				t.Errorf("submitted = %v, want %v", got, tt.submitted)
			}
		})
	}
}

func TestRunJobCancellationStopsTheJob(t *testing.T) {
	t.Parallel()
	for _, tc := range jobCases {
		for _, wanted := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s/unwanted=%v", tc.name, wanted), func(t *testing.T) {
				t.Parallel()
				b := setupJobs(t, fakeaws.JobPlan{Polls: 1 << 30})
				ctx, cancel := context.WithCancelCause(context.Background())
				defer cancel(nil)
				done := make(chan error, 1)
				go func() {
					_, err := b.run(ctx, tc.res, tc.params, nil)
					done <- err
				}()
				waitFor(t, func() bool { return countOf(b.actions(), tc.describe) >= 2 })
				// The workflow no longer wants the task: the job stops. The
				// runtime stops: the job runs on, to be followed again.
				cause, stops, state := resource.ErrTaskCancelled, 1, "STOPPED"
				if !wanted {
					cause, stops, state = context.Canceled, 0, "RUNNING"
				}
				cancel(cause)
				if err := <-done; !errors.Is(err, context.Canceled) {
					t.Fatalf("err = %v, want context.Canceled", err)
				}
				if countOf(b.actions(), tc.stop) != stops {
					t.Errorf("actions %v, want %d %s", b.actions(), stops, tc.stop)
				}
				for id, got := range b.fake.JobStates() {
					if got != state {
						t.Errorf("job %s is %s, want %s", id, got, state)
					}
				}
			})
		}
	}
}

// TestRunJobResumed: a task re-issued after a restart with the answer it
// submitted follows that job, and starts none.
func TestRunJobResumed(t *testing.T) {
	t.Parallel()
	for _, tc := range jobCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			b := setupJobs(t, fakeaws.JobPlan{Polls: 1 << 30})
			subs := &submissions{}
			ctx, cancel := context.WithCancelCause(context.Background())
			done := make(chan struct{})
			go func() { _, _ = b.run(ctx, tc.res, tc.params, subs); close(done) }()
			waitFor(t, func() bool { return len(subs.list()) == 1 })
			cancel(context.Canceled) // the runtime stops
			<-done
			start, polls := b.actions()[0], countOf(b.actions(), tc.describe)
			ctx, cancel = context.WithCancelCause(context.Background())
			req := &resource.Request{Resource: tc.res, Input: value.MustParse(tc.params), Resumed: subs.list()[0]}
			done = make(chan struct{})
			go func() { _, _ = b.inv.Invoke(ctx, req); close(done) }()
			waitFor(t, func() bool { return countOf(b.actions(), tc.describe) >= polls+2 })
			cancel(context.Canceled)
			<-done
			if n := countOf(b.actions(), start); n != 1 {
				t.Errorf("%d %s calls, want 1: %v", n, start, b.actions())
			}
		})
	}
}

// waitFor waits until cond holds, for up to ten seconds.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met")
		}
		time.Sleep(time.Millisecond)
	}
}

func TestRunJobCancelledBeforeTheFirstPoll(t *testing.T) {
	t.Parallel()
	f := fakeaws.Start(t)
	inv, err := New(context.Background(), Options{Config: &aws.Config{}, Endpoint: f.URL, PollInterval: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancelCause(context.Background())
	req := &resource.Request{Resource: jobCases[2].res, Input: value.MustParse(jobCases[2].params),
		Submitted: func(value.Value) { cancel(resource.ErrTaskCancelled) }}
	if _, err := inv.Invoke(ctx, req); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	var got []string
	for _, r := range f.Requests() {
		got = append(got, r.Action)
	}
	if !slices.Equal(got, []string{"StartJobRun", "BatchStopJobRun"}) {
		t.Errorf("actions %v", got)
	}
}

func TestJobPatterns(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, res, params string
		plan              fakeaws.JobPlan
		wantKeys          []string // of the result; nil when the task fails
		wantErr           string
	}{
		{"ecs request response", states + "ecs:runTask", `{"TaskDefinition":"web"}`, fakeaws.JobPlan{},
			[]string{"Failures", "SdkHttpMetadata", "SdkResponseMetadata", "Tasks"}, ""},
		{"ecs request response keeps failures", states + "ecs:runTask", `{"TaskDefinition":"web"}`, fakeaws.JobPlan{Refuse: true},
			[]string{"Failures", "SdkHttpMetadata", "SdkResponseMetadata", "Tasks"}, ""},
		{"ecs task token", states + "ecs:runTask.waitForTaskToken", `{"TaskDefinition":"web"}`, fakeaws.JobPlan{},
			[]string{"Failures", "SdkHttpMetadata", "SdkResponseMetadata", "Tasks"}, ""},
		{"ecs task token with failures", states + "ecs:runTask.waitForTaskToken", `{"TaskDefinition":"web"}`, fakeaws.JobPlan{Refuse: true},
			nil, "AmazonECS.Unknown"},
		{"glue request response", states + "glue:startJobRun", `{"JobName":"etl"}`, fakeaws.JobPlan{},
			[]string{"JobName", "JobRunId", "SdkHttpMetadata", "SdkResponseMetadata"}, ""},
		{"athena request response", states + "athena:startQueryExecution", `{"QueryString":"SELECT 1"}`, fakeaws.JobPlan{},
			[]string{"QueryExecutionId", "SdkHttpMetadata", "SdkResponseMetadata"}, ""},
		{"glue has no task token", states + "glue:startJobRun.waitForTaskToken", `{"JobName":"etl"}`, fakeaws.JobPlan{},
			nil, "States.Runtime: " + resource.NotRecognizedMessage(states+"glue:startJobRun.waitForTaskToken")},
		{"no sync:2", states + "batch:submitJob.sync:2", `{"JobName":"j"}`, fakeaws.JobPlan{},
			nil, "States.Runtime: " + resource.NotRecognizedMessage(states+"batch:submitJob.sync:2")},
		{"no sync for other actions", states + "ecs:describeTasks.sync", `{}`, fakeaws.JobPlan{},
			nil, "States.Runtime: " + resource.NotRecognizedMessage(states+"ecs:describeTasks.sync")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b := setupJobs(t, tt.plan)
			out, err := b.run(context.Background(), tt.res, tt.params, nil)
			if tt.wantKeys == nil {
				if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %s", err, tt.wantErr)
				}
				return
			}
			if err != nil || !slices.Equal(keys(out), tt.wantKeys) {
				t.Fatalf("got %s, %v; want keys %v", value.String(out), err, tt.wantKeys)
			}
			for _, a := range b.actions() {
				if strings.HasPrefix(a, "Describe") || strings.HasPrefix(a, "Get") {
					t.Errorf("request response polled: %v", b.actions())
				}
			}
		})
	}
}

func TestRunJobResultLimit(t *testing.T) {
	t.Parallel()
	f := fakeaws.Start(t)
	inv, err := New(context.Background(), Options{Config: &aws.Config{}, Endpoint: f.URL, PollInterval: time.Millisecond, MaxResultBytes: 600})
	if err != nil {
		t.Fatal(err)
	}
	_, err = inv.Invoke(context.Background(), &resource.Request{Resource: jobCases[1].res, Input: value.MustParse(jobCases[1].params)})
	var fail *resource.Failure
	if !errors.As(err, &fail) || fail.Name != resource.ErrorDataLimitExceeded {
		t.Fatalf("err = %v", err)
	}
}

func TestPollInterval(t *testing.T) {
	t.Parallel()
	if got := (&Invoker{}).pollInterval(); got != DefaultPollInterval {
		t.Errorf("default = %v", got)
	}
	if got := (&Invoker{opts: Options{PollInterval: time.Second}}).pollInterval(); got != time.Second {
		t.Errorf("set = %v", got)
	}
}
