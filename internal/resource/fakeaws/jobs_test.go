package fakeaws

import (
	"context"
	"strconv"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/athena"
	athenatypes "github.com/aws/aws-sdk-go-v2/service/athena/types"
	"github.com/aws/aws-sdk-go-v2/service/batch"
	"github.com/aws/aws-sdk-go-v2/service/codebuild"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/glue"
)

// jobAPI drives one service's jobs through its SDK client: start returns
// the job's ID; status describes it; stop stops it.
type jobAPI struct {
	name   string
	start  func(ctx context.Context, s *Server, missing bool) (string, error)
	status func(ctx context.Context, s *Server, id string) (string, error)
	stop   func(ctx context.Context, s *Server, id string) error
	// the statuses a job shows while running, once succeeded, failed and
	// stopped
	running, succeeded, failed, stopped string
	missingCode                         string
}

var jobAPIs = []jobAPI{
	{name: "ecs",
		start: func(ctx context.Context, s *Server, missing bool) (string, error) {
			out, err := ecs.NewFromConfig(cfg(s)).RunTask(ctx, &ecs.RunTaskInput{Cluster: aws.String(either(missing, "missing", "c1")), TaskDefinition: aws.String("web:1")})
			if err != nil || len(out.Tasks) == 0 {
				return "", err
			}
			return aws.ToString(out.Tasks[0].TaskArn), nil
		},
		status: func(ctx context.Context, s *Server, id string) (string, error) {
			out, err := ecs.NewFromConfig(cfg(s)).DescribeTasks(ctx, &ecs.DescribeTasksInput{Cluster: aws.String("c1"), Tasks: []string{id}})
			if err != nil {
				return "", err
			}
			task := out.Tasks[0]
			return aws.ToString(task.LastStatus) + "/" + exitCode(task.Containers[0].ExitCode), nil
		},
		stop: func(ctx context.Context, s *Server, id string) error {
			_, err := ecs.NewFromConfig(cfg(s)).StopTask(ctx, &ecs.StopTaskInput{Cluster: aws.String("c1"), Task: aws.String(id)})
			return err
		},
		running: "RUNNING/-", succeeded: "STOPPED/0", failed: "STOPPED/1", stopped: "STOPPED/137", missingCode: "ClusterNotFoundException"},
	{name: "batch",
		start: func(ctx context.Context, s *Server, missing bool) (string, error) {
			out, err := batch.NewFromConfig(cfg(s)).SubmitJob(ctx, &batch.SubmitJobInput{JobName: aws.String("j"),
				JobQueue: aws.String(either(missing, "missing", "q")), JobDefinition: aws.String("d")})
			if err != nil {
				return "", err
			}
			return aws.ToString(out.JobId), nil
		},
		status: func(ctx context.Context, s *Server, id string) (string, error) {
			out, err := batch.NewFromConfig(cfg(s)).DescribeJobs(ctx, &batch.DescribeJobsInput{Jobs: []string{id}})
			if err != nil {
				return "", err
			}
			return string(out.Jobs[0].Status), nil
		},
		stop: func(ctx context.Context, s *Server, id string) error {
			_, err := batch.NewFromConfig(cfg(s)).TerminateJob(ctx, &batch.TerminateJobInput{JobId: aws.String(id), Reason: aws.String("r")})
			return err
		},
		running: "RUNNING", succeeded: "SUCCEEDED", failed: "FAILED", stopped: "FAILED", missingCode: "ClientException"},
	{name: "glue",
		start: func(ctx context.Context, s *Server, missing bool) (string, error) {
			out, err := glue.NewFromConfig(cfg(s)).StartJobRun(ctx, &glue.StartJobRunInput{JobName: aws.String(either(missing, "missing", "etl"))})
			if err != nil {
				return "", err
			}
			return aws.ToString(out.JobRunId), nil
		},
		status: func(ctx context.Context, s *Server, id string) (string, error) {
			out, err := glue.NewFromConfig(cfg(s)).GetJobRun(ctx, &glue.GetJobRunInput{JobName: aws.String("etl"), RunId: aws.String(id)})
			if err != nil {
				return "", err
			}
			return string(out.JobRun.JobRunState), nil
		},
		stop: func(ctx context.Context, s *Server, id string) error {
			_, err := glue.NewFromConfig(cfg(s)).BatchStopJobRun(ctx, &glue.BatchStopJobRunInput{JobName: aws.String("etl"), JobRunIds: []string{id}})
			return err
		},
		running: "RUNNING", succeeded: "SUCCEEDED", failed: "FAILED", stopped: "STOPPED", missingCode: "EntityNotFoundException"},
	{name: "codebuild",
		start: func(ctx context.Context, s *Server, missing bool) (string, error) {
			out, err := codebuild.NewFromConfig(cfg(s)).StartBuild(ctx, &codebuild.StartBuildInput{ProjectName: aws.String(either(missing, "missing", "app"))})
			if err != nil {
				return "", err
			}
			return aws.ToString(out.Build.Id), nil
		},
		status: func(ctx context.Context, s *Server, id string) (string, error) {
			out, err := codebuild.NewFromConfig(cfg(s)).BatchGetBuilds(ctx, &codebuild.BatchGetBuildsInput{Ids: []string{id}})
			if err != nil {
				return "", err
			}
			return string(out.Builds[0].BuildStatus), nil
		},
		stop: func(ctx context.Context, s *Server, id string) error {
			_, err := codebuild.NewFromConfig(cfg(s)).StopBuild(ctx, &codebuild.StopBuildInput{Id: aws.String(id)})
			return err
		},
		running: "IN_PROGRESS", succeeded: "SUCCEEDED", failed: "FAILED", stopped: "STOPPED", missingCode: "ResourceNotFoundException"},
	{name: "athena",
		start: func(ctx context.Context, s *Server, missing bool) (string, error) {
			out, err := athena.NewFromConfig(cfg(s)).StartQueryExecution(ctx, &athena.StartQueryExecutionInput{QueryString: aws.String("SELECT 1"),
				WorkGroup: aws.String(either(missing, "missing", "primary")), QueryExecutionContext: &athenatypes.QueryExecutionContext{Database: aws.String("db")}})
			if err != nil {
				return "", err
			}
			return aws.ToString(out.QueryExecutionId), nil
		},
		status: func(ctx context.Context, s *Server, id string) (string, error) {
			out, err := athena.NewFromConfig(cfg(s)).GetQueryExecution(ctx, &athena.GetQueryExecutionInput{QueryExecutionId: aws.String(id)})
			if err != nil {
				return "", err
			}
			return string(out.QueryExecution.Status.State), nil
		},
		stop: func(ctx context.Context, s *Server, id string) error {
			_, err := athena.NewFromConfig(cfg(s)).StopQueryExecution(ctx, &athena.StopQueryExecutionInput{QueryExecutionId: aws.String(id)})
			return err
		},
		running: "RUNNING", succeeded: "SUCCEEDED", failed: "FAILED", stopped: "CANCELLED", missingCode: "InvalidRequestException"},
}

// either returns yes when cond holds, else no.
func either(cond bool, yes, no string) string {
	if cond {
		return yes
	}
	return no
}

func exitCode(c *int32) string {
	if c == nil {
		return "-"
	}
	return strconv.Itoa(int(*c))
}

func TestJobsRunAsPlanned(t *testing.T) {
	t.Parallel()
	for _, api := range jobAPIs {
		for _, fail := range []bool{false, true} {
			t.Run(api.name+either(fail, " failing", ""), func(t *testing.T) {
				t.Parallel()
				s := Start(t)
				s.PlanJobs(JobPlan{Polls: 2, Fail: fail})
				ctx := context.Background()
				id, err := api.start(ctx, s, false)
				if err != nil {
					t.Fatal(err)
				}
				want := []string{api.running, api.running, either(fail, api.failed, api.succeeded), either(fail, api.failed, api.succeeded)}
				for i, w := range want {
					if got, err := api.status(ctx, s, id); err != nil || got != w {
						t.Fatalf("describe #%d = %q, %v; want %q", i+1, got, err, w)
					}
				}
			})
		}
	}
}

func TestJobsStopAndMissing(t *testing.T) {
	t.Parallel()
	for _, api := range jobAPIs {
		t.Run(api.name, func(t *testing.T) {
			t.Parallel()
			s := Start(t)
			s.PlanJobs(JobPlan{Polls: 100})
			ctx := context.Background()
			_, err := api.start(ctx, s, true)
			wantCode(t, err, api.missingCode)
			id, err := api.start(ctx, s, false)
			if err != nil {
				t.Fatal(err)
			}
			if err := api.stop(ctx, s, id); err != nil {
				t.Fatal(err)
			}
			if got, err := api.status(ctx, s, id); err != nil || got != api.stopped {
				t.Errorf("after stop: %q, %v; want %q", got, err, api.stopped)
			}
			if got := s.JobStates()[id]; got != "STOPPED" {
				t.Errorf("JobStates = %q", got)
			}
		})
	}
}

func TestRunTaskRefused(t *testing.T) {
	t.Parallel()
	s := Start(t)
	s.PlanJobs(JobPlan{Refuse: true})
	out, err := ecs.NewFromConfig(cfg(s)).RunTask(context.Background(), &ecs.RunTaskInput{TaskDefinition: aws.String("web")})
	if err != nil || len(out.Tasks) != 0 || len(out.Failures) != 1 || aws.ToString(out.Failures[0].Reason) != "RESOURCE:MEMORY" {
		t.Fatalf("got %+v, %v", out, err)
	}
}
