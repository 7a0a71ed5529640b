package fakeaws

import (
	"strings"

	"github.com/stepwisehq/stepwise/value"
)

// athena answers Athena's StartQueryExecution, GetQueryExecution and
// StopQueryExecution (JSON 1.1). Every work group exists but those whose
// name starts with "missing"; a query goes as JobPlan says.
func (s *Server) athena(action string, in *value.Object) answer {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch action {
	case "StartQueryExecution":
		wg, _ := text(in, "WorkGroup")
		if strings.HasPrefix(wg, "missing") {
			return jsonError(400, "InvalidRequestException", "", "WorkGroup "+wg+" is not found.")
		}
		j := s.newJob(newID(), in)
		return jsonAnswer(obj(member("QueryExecutionId", j.id)))
	case "GetQueryExecution":
		id, _ := text(in, "QueryExecutionId")
		j := s.describe(id)
		if j == nil {
			return jsonError(400, "InvalidRequestException", "", "QueryExecution "+id+" was not found")
		}
		return jsonAnswer(obj(member("QueryExecution", athenaQuery(j))))
	case "StopQueryExecution":
		id, _ := text(in, "QueryExecutionId")
		if s.stop(id, "") == nil {
			return jsonError(400, "InvalidRequestException", "", "QueryExecution "+id+" was not found")
		}
		return jsonAnswer(obj())
	}
	return jsonError(400, "UnknownOperationException", "", "")
}

// athenaQuery is a query execution as GetQueryExecution shows it.
func athenaQuery(j *job) *value.Object {
	location := field(orEmpty(j.param("ResultConfiguration")), "OutputLocation")
	prefix, _ := location.(string)
	if prefix == "" {
		prefix = "s3://aws-athena-query-results-" + Account + "-" + Region + "/"
	}
	return obj(
		member("EngineVersion", obj(member("EffectiveEngineVersion", "Athena engine version 3"), member("SelectedEngineVersion", "AUTO"))),
		member("Query", j.paramText("QueryString", "")),
		member("QueryExecutionContext", orEmpty(j.param("QueryExecutionContext"))),
		member("QueryExecutionId", j.id),
		member("ResultConfiguration", obj(member("OutputLocation", strings.TrimSuffix(prefix, "/")+"/"+j.id+".csv"))),
		member("StatementType", "DML"),
		member("Statistics", obj(member("DataScannedInBytes", value.Int(0)), member("EngineExecutionTimeInMillis", value.Int(int64(j.polls))))),
		member("Status", athenaStatus(j)),
		member("SubstatementType", "SELECT"),
		member("WorkGroup", j.paramText("WorkGroup", "primary")),
	)
}

func athenaStatus(j *job) *value.Object {
	states := [...]string{"RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"}
	if j.state == jobRunning && j.polls == 0 {
		states[0] = "QUEUED"
	}
	var ms []value.Member
	if j.state == jobFailed {
		ms = append(ms, member("AthenaError", obj(member("ErrorCategory", value.Int(2)), member("ErrorMessage", "COLUMN_NOT_FOUND: line 1:8: Column 'x' cannot be resolved"),
			member("ErrorType", value.Int(1006)), member("Retryable", false))))
	}
	if j.state != jobRunning {
		ms = append(ms, member("CompletionDateTime", epochSeconds(j.ended)))
	}
	ms = append(ms, member("State", states[j.state]))
	if j.state == jobFailed {
		ms = append(ms, member("StateChangeReason", "COLUMN_NOT_FOUND: line 1:8: Column 'x' cannot be resolved"))
	}
	return obj(append(ms, member("SubmissionDateTime", epochSeconds(j.created)))...)
}
