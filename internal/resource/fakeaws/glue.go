package fakeaws

import (
	"strings"

	"github.com/stepwisehq/stepwise/value"
)

// glue answers Glue's StartJobRun, GetJobRun and BatchStopJobRun (JSON
// 1.1). Every job exists but those whose name starts with "missing"; a run
// goes as JobPlan says.
func (s *Server) glue(action string, in *value.Object) answer {
	s.mu.Lock()
	defer s.mu.Unlock()
	name, _ := text(in, "JobName")
	if strings.HasPrefix(name, "missing") {
		return jsonError(400, "EntityNotFoundException", "", "Job with name: "+name+" not found")
	}
	switch action {
	case "StartJobRun":
		j := s.newJob("jr_"+strings.ReplaceAll(newID()+newID(), "-", ""), in)
		return jsonAnswer(obj(member("JobRunId", j.id)))
	case "GetJobRun":
		id, _ := text(in, "RunId")
		j := s.describe(id)
		if j == nil {
			return jsonError(400, "EntityNotFoundException", "", "Job run with id: "+id+" not found")
		}
		return jsonAnswer(obj(member("JobRun", glueJobRun(j))))
	case "BatchStopJobRun":
		var stopped, errs []value.Value
		for _, v := range list(field(in, "JobRunIds")) {
			id, _ := v.(string)
			if s.stop(id, "") != nil {
				stopped = append(stopped, obj(member("JobName", name), member("JobRunId", id)))
			} else {
				errs = append(errs, obj(member("ErrorDetail", obj(member("ErrorCode", "EntityNotFoundException"))),
					member("JobName", name), member("JobRunId", id)))
			}
		}
		return jsonAnswer(obj(member("Errors", list(errs)), member("SuccessfulSubmissions", list(stopped))))
	}
	return jsonError(400, "UnknownOperationException", "", "")
}

// glueJobRun is a job run as GetJobRun shows it.
func glueJobRun(j *job) *value.Object {
	states := [...]string{"RUNNING", "SUCCEEDED", "FAILED", "STOPPED"}
	ms := []value.Member{
		member("AllocatedCapacity", value.Int(10)),
		member("Arguments", orEmpty(j.param("Arguments"))),
		member("Attempt", value.Int(0)),
	}
	if j.state != jobRunning {
		ms = append(ms, member("CompletedOn", epochSeconds(j.ended)))
	}
	if j.state == jobFailed {
		ms = append(ms, member("ErrorMessage", "ZeroDivisionError: division by zero"))
	}
	ms = append(ms,
		member("ExecutionTime", value.Int(int64(j.polls))),
		member("GlueVersion", "4.0"),
		member("Id", j.id),
		member("JobMode", "SCRIPT"),
		member("JobName", j.paramText("JobName", "")),
		member("JobRunState", states[j.state]),
		member("LastModifiedOn", epochSeconds(j.created)),
		member("LogGroupName", "/aws-glue/jobs"),
		member("MaxCapacity", value.Number("10.0")),
		member("PredecessorRuns", []value.Value{}),
		member("StartedOn", epochSeconds(j.created)),
		member("Timeout", value.Int(2880)),
	)
	return obj(ms...)
}
