package fakeaws

import (
	"strings"

	"github.com/stepwisehq/stepwise/value"
)

// codeBuild answers CodeBuild's StartBuild, BatchGetBuilds and StopBuild
// (JSON 1.1). Every project exists but those whose name starts with
// "missing"; a build goes as JobPlan says.
func (s *Server) codeBuild(action string, in *value.Object) answer {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch action {
	case "StartBuild":
		project, _ := text(in, "projectName")
		if strings.HasPrefix(project, "missing") {
			return jsonError(400, "ResourceNotFoundException", "",
				"Project cannot be found: "+arnOf("codebuild", "project/"+project))
		}
		j := s.newJob(project+":"+newID(), in)
		return jsonAnswer(obj(member("build", codeBuildBuild(j))))
	case "BatchGetBuilds":
		builds, missing := []value.Value{}, []value.Value{}
		for _, v := range list(field(in, "ids")) {
			id, _ := v.(string)
			if j := s.describe(id); j != nil {
				builds = append(builds, codeBuildBuild(j))
			} else {
				missing = append(missing, id)
			}
		}
		return jsonAnswer(obj(member("builds", builds), member("buildsNotFound", missing)))
	case "StopBuild":
		id, _ := text(in, "id")
		j := s.stop(id, "")
		if j == nil {
			return jsonError(400, "ResourceNotFoundException", "", "Build "+id+" does not exist")
		}
		return jsonAnswer(obj(member("build", codeBuildBuild(j))))
	}
	return jsonError(400, "UnknownOperationException", "", "")
}

// codeBuildBuild is a build as BatchGetBuilds shows it.
func codeBuildBuild(j *job) *value.Object {
	statuses := [...]string{"IN_PROGRESS", "SUCCEEDED", "FAILED", "STOPPED"}
	phase := "BUILD"
	if j.state != jobRunning {
		phase = "COMPLETED"
	}
	ms := []value.Member{
		member("arn", arnOf("codebuild", "build/"+j.id)),
		member("buildComplete", j.state != jobRunning),
		member("buildNumber", value.Int(1)),
		member("buildStatus", statuses[j.state]),
		member("currentPhase", phase),
		member("encryptionKey", arnOf("kms", "alias/aws/s3")),
	}
	if j.state != jobRunning {
		ms = append(ms, member("endTime", epochSeconds(j.ended)))
	}
	env := obj(member("computeType", "BUILD_GENERAL1_SMALL"),
		member("environmentVariables", list(j.param("environmentVariablesOverride"))),
		member("image", "aws/codebuild/standard:7.0"), member("privilegedMode", false), member("type", "LINUX_CONTAINER"))
	ms = append(ms,
		member("environment", env),
		member("id", j.id),
		member("initiator", "stepwise"),
		member("phases", codeBuildPhases(j)),
		member("projectName", j.paramText("projectName", "")),
		member("queuedTimeoutInMinutes", value.Int(480)),
		member("source", obj(member("type", "NO_SOURCE"))),
		member("startTime", epochSeconds(j.created)),
		member("timeoutInMinutes", value.Int(60)),
	)
	return obj(ms...)
}

func codeBuildPhases(j *job) []value.Value {
	submitted := obj(member("durationInSeconds", value.Int(0)), member("endTime", epochSeconds(j.created)),
		member("phaseStatus", "SUCCEEDED"), member("phaseType", "SUBMITTED"), member("startTime", epochSeconds(j.created)))
	if j.state != jobFailed {
		return []value.Value{submitted}
	}
	build := obj(
		member("contexts", []value.Value{obj(member("message", "Error while executing command: exit 1. Reason: exit status 1"),
			member("statusCode", "COMMAND_EXECUTION_ERROR"))}),
		member("endTime", epochSeconds(j.ended)), member("phaseStatus", "FAILED"), member("phaseType", "BUILD"),
		member("startTime", epochSeconds(j.created)))
	return []value.Value{submitted, build}
}
