package awssdk

import (
	"slices"

	"github.com/stepwisehq/stepwise/internal/resource"
	"github.com/stepwisehq/stepwise/value"
)

// The services that run jobs, as the AWS SDK for Java 1.x names them.
var (
	ecsV1       = v1Service{prefix: "ECS", serviceName: "AmazonECS", base: "AmazonECSException"}
	batchV1     = v1Service{prefix: "Batch", serviceName: "AWSBatch", base: "AWSBatchException"}
	glueV1      = v1Service{prefix: "Glue", serviceName: "AWSGlue", base: "AWSGlueException"}
	codebuildV1 = v1Service{prefix: "CodeBuild", serviceName: "AWSCodeBuild", base: "AWSCodeBuildException"}
	athenaV1    = v1Service{prefix: "Athena", serviceName: "AmazonAthena", base: "AmazonAthenaException"}
)

// jobOps are the optimised integrations that start jobs, by "type:action".
var jobOps = map[string]*jobOp{
	"ecs:runTask": {v1: ecsV1, service: "ecs", start: "runTask", token: true,
		prepare: startedBySFN, refuse: ecsFailures, job: ecsTask},
	"batch:submitJob": {v1: batchV1, service: "batch", start: "submitJob",
		prepare: managedByAWS, job: batchJob},
	"glue:startJobRun": {v1: glueV1, service: "glue", start: "startJobRun",
		submitted: withJobName, job: glueJobRun},
	"codebuild:startBuild":       {v1: codebuildV1, service: "codebuild", start: "startBuild", job: codeBuild},
	"athena:startQueryExecution": {v1: athenaV1, service: "athena", start: "startQueryExecution", job: athenaQuery},
}

// ECS: RunTask, then DescribeTasks until the task has STOPPED; it succeeded
// when every container exited with 0. The result is the task.
var ecsTask = jobKind{
	ids: func(params, started *value.Object) (call, call, bool) {
		task := first(started, "Tasks")
		arn, cluster := text(task, "TaskArn"), text(task, "ClusterArn")
		if cluster == "" {
			cluster = text(params, "Cluster")
		}
		if arn == "" {
			return call{}, call{}, false
		}
		return call{"describeTasks", pairs("Cluster", cluster, "Tasks", []value.Value{arn})},
			call{"stopTask", pairs("Cluster", cluster, "Task", arn)}, true
	},
	find: func(out *value.Object) *value.Object { return first(out, "Tasks") },
	status: func(task *value.Object) jobStatus {
		if text(task, "LastStatus") != "STOPPED" {
			return jobRunning
		}
		containers, _ := member(task, "Containers").([]value.Value)
		for _, c := range containers {
			obj, _ := c.(*value.Object)
			if code, _ := member(obj, "ExitCode").(value.Number); code != "0" {
				return jobFailed // a container failed, or never ran
			}
		}
		return jobSucceeded
	},
}

// startedBySFN sets RunTask's StartedBy, as Step Functions does for .sync,
// unless the parameters set it.
func startedBySFN(params *value.Object) *value.Object {
	if params.Has("StartedBy") {
		return params
	}
	return params.With("StartedBy", "AWS Step Functions")
}

// ecsFailures fails a task whose RunTask answer lists failures (or starts
// no task): AmazonECS.Unknown, as AWS documents, with the failures as the
// cause.
func ecsFailures(out *value.Object) *resource.Failure {
	failures, _ := member(out, "Failures").([]value.Value)
	if len(failures) == 0 && first(out, "Tasks") != nil {
		return nil
	}
	if failures == nil {
		failures = []value.Value{}
	}
	return resource.Fail("AmazonECS.Unknown", value.String(failures))
}

// Batch: SubmitJob, then DescribeJobs until the job has SUCCEEDED or
// FAILED. The result is the job.
var batchJob = jobKind{
	ids: func(_, started *value.Object) (call, call, bool) {
		id := text(started, "JobId")
		return call{"describeJobs", pairs("Jobs", []value.Value{id})},
			call{"terminateJob", pairs("JobId", id, "Reason", "Terminated by AWS Step Functions")}, id != ""
	},
	find:   func(out *value.Object) *value.Object { return first(out, "Jobs") },
	status: statusOf("Status", []string{"SUCCEEDED"}, []string{"FAILED"}),
}

// managedByAWS adds the environment variable MANAGED_BY_AWS=
// STARTED_BY_STEP_FUNCTIONS to a container job's ContainerOverrides, as
// Step Functions does for .sync.
func managedByAWS(params *value.Object) *value.Object {
	for _, other := range []string{"NodeOverrides", "EksPropertiesOverride", "EcsPropertiesOverride"} {
		if params.Has(other) {
			return params
		}
	}
	ov := member(params, "ContainerOverrides")
	overrides, isObject := ov.(*value.Object)
	if ov != nil && !isObject {
		return params // not an object: the service will say so
	}
	if overrides == nil {
		overrides = value.NewObject(nil)
	}
	ev := member(overrides, "Environment")
	env, isList := ev.([]value.Value)
	if ev != nil && !isList {
		return params
	}
	env = append(slices.Clone(env), pairs("Name", "MANAGED_BY_AWS", "Value", "STARTED_BY_STEP_FUNCTIONS"))
	return params.With("ContainerOverrides", overrides.With("Environment", env))
}

// Glue: StartJobRun, then GetJobRun until the run has ended; a STOPPED run
// is not a failure. The result is the job run.
var glueJobRun = jobKind{
	ids: func(params, started *value.Object) (call, call, bool) {
		name, id := text(started, "JobName"), text(started, "JobRunId")
		return call{"getJobRun", pairs("JobName", name, "RunId", id)},
			call{"batchStopJobRun", pairs("JobName", name, "JobRunIds", []value.Value{id})}, id != ""
	},
	find: func(out *value.Object) *value.Object { return object(out, "JobRun") },
	status: statusOf("JobRunState", []string{"SUCCEEDED", "STOPPED"},
		[]string{"FAILED", "TIMEOUT", "ERROR", "EXPIRED"}),
}

// withJobName adds the job's name to StartJobRun's output, as Step
// Functions does.
func withJobName(params, out *value.Object) *value.Object {
	if name, ok := member(params, "JobName").(string); ok {
		return out.With("JobName", name)
	}
	return out
}

// CodeBuild: StartBuild, then BatchGetBuilds until the build is no longer
// IN_PROGRESS. The result is {"Build": build}.
var codeBuild = jobKind{
	ids: func(_, started *value.Object) (call, call, bool) {
		id := text(object(started, "Build"), "Id")
		return call{"batchGetBuilds", pairs("Ids", []value.Value{id})}, call{"stopBuild", pairs("Id", id)}, id != ""
	},
	find: func(out *value.Object) *value.Object { return first(out, "Builds") },
	status: statusOf("BuildStatus", []string{"SUCCEEDED"},
		[]string{"FAILED", "FAULT", "STOPPED", "TIMED_OUT"}),
	wrap: "Build",
}

// Athena: StartQueryExecution, then GetQueryExecution until the query has
// ended. The result is {"QueryExecution": query}.
var athenaQuery = jobKind{
	ids: func(_, started *value.Object) (call, call, bool) {
		id := text(started, "QueryExecutionId")
		c := pairs("QueryExecutionId", id)
		return call{"getQueryExecution", c}, call{"stopQueryExecution", c}, id != ""
	},
	find: func(out *value.Object) *value.Object { return object(out, "QueryExecution") },
	status: func(q *value.Object) jobStatus {
		return statusOf("State", []string{"SUCCEEDED"}, []string{"FAILED", "CANCELLED"})(object(q, "Status"))
	},
	wrap: "QueryExecution",
}

// statusOf reads a job's status from one of its members.
func statusOf(key string, succeeded, failed []string) func(*value.Object) jobStatus {
	return func(job *value.Object) jobStatus {
		s := text(job, key)
		switch {
		case slices.Contains(succeeded, s):
			return jobSucceeded
		case slices.Contains(failed, s):
			return jobFailed
		}
		return jobRunning
	}
}
