package fakeaws

import (
	"net/http"
	"strings"

	"github.com/stepwisehq/stepwise/value"
)

// batchActions are the REST-JSON paths of the Batch actions the fake
// answers.
var batchActions = map[string]string{
	"/v1/submitjob":    "SubmitJob",
	"/v1/describejobs": "DescribeJobs",
	"/v1/terminatejob": "TerminateJob",
}

// serveBatch answers Batch's REST-JSON protocol.
func (s *Server) serveBatch(w http.ResponseWriter, r *http.Request, action string, body []byte) {
	s.record("batch", action, r, body)
	in, _ := value.Parse(body)
	o, _ := in.(*value.Object)
	if o == nil {
		o = obj()
	}
	writeAnswer(w, s.batch(action, o), "batch")
}

// batch answers SubmitJob, DescribeJobs and TerminateJob. Every job queue
// exists but those whose name starts with "missing"; a job runs as JobPlan
// says.
func (s *Server) batch(action string, in *value.Object) answer {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch action {
	case "SubmitJob":
		queue, _ := text(in, "jobQueue")
		if strings.HasPrefix(lastPart(queue), "missing") {
			return jsonError(400, "ClientException", "", "JobQueue "+queue+" not found.")
		}
		j := s.newJob(newID(), in)
		return jsonAnswer(obj(member("jobArn", arnOf("batch", "job/"+j.id)), member("jobId", j.id),
			member("jobName", j.paramText("jobName", ""))))
	case "DescribeJobs":
		jobs := []value.Value{}
		for _, v := range list(field(in, "jobs")) {
			id, _ := v.(string)
			if j := s.describe(id); j != nil {
				jobs = append(jobs, batchJob(j))
			}
		}
		return jsonAnswer(obj(member("jobs", jobs)))
	case "TerminateJob":
		id, _ := text(in, "jobId")
		reason, _ := text(in, "reason")
		if s.stop(id, reason) == nil {
			return jsonError(400, "ClientException", "", "Job "+id+" not found.")
		}
		return jsonAnswer(obj())
	}
	return jsonError(400, "UnknownOperationException", "", "")
}

// lastPart is what follows the last '/' of an ARN, or the whole name.
func lastPart(nameOrARN string) string {
	return nameOrARN[strings.LastIndexByte(nameOrARN, '/')+1:]
}

// batchJob is a job as DescribeJobs shows it; times are epoch
// milliseconds, as Batch sends them.
func batchJob(j *job) *value.Object {
	ms := []value.Member{
		member("attempts", []value.Value{}),
		member("container", batchContainer(j)),
		member("createdAt", value.Int(j.created.UnixMilli())),
		member("dependsOn", []value.Value{}),
		member("jobArn", arnOf("batch", "job/"+j.id)),
		member("jobDefinition", arnOf("batch", "job-definition/"+lastPart(j.paramText("jobDefinition", ""))+":1")),
		member("jobId", j.id),
		member("jobName", j.paramText("jobName", "")),
		member("jobQueue", arnOf("batch", "job-queue/"+lastPart(j.paramText("jobQueue", "")))),
		member("parameters", orEmpty(j.param("parameters"))),
		member("platformCapabilities", []value.Value{}),
		member("propagateTags", false),
		member("startedAt", value.Int(j.created.UnixMilli())),
	}
	status, reason := "RUNNING", ""
	switch j.state {
	case jobSucceeded:
		status = "SUCCEEDED"
	case jobFailed:
		status, reason = "FAILED", "Essential container in task exited"
	case jobStopped:
		status, reason = "FAILED", j.reason
	}
	ms = append(ms, member("status", status))
	if reason != "" {
		ms = append(ms, member("statusReason", reason))
	}
	if j.state != jobRunning {
		ms = append(ms, member("stoppedAt", value.Int(j.ended.UnixMilli())))
	}
	return obj(append(ms, member("tags", orEmpty(j.param("tags"))))...)
}

func batchContainer(j *job) *value.Object {
	overrides := orEmpty(j.param("containerOverrides"))
	ms := []value.Member{
		member("command", list(field(overrides, "command"))),
		member("environment", list(field(overrides, "environment"))),
	}
	switch j.state {
	case jobSucceeded:
		ms = append(ms, member("exitCode", value.Int(0)))
	case jobFailed:
		ms = append(ms, member("exitCode", value.Int(1)))
	}
	return obj(append(ms, member("image", "busybox"), member("logStreamName", "job/default/"+j.id))...)
}
