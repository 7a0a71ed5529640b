package fakeaws

import (
	"strings"

	"github.com/stepwisehq/stepwise/value"
)

// ecs answers ECS's RunTask, DescribeTasks and StopTask (JSON 1.1). Every
// cluster exists but those whose name starts with "missing"; a task has one
// container, "app", and runs as JobPlan says.
func (s *Server) ecs(action string, in *value.Object) answer {
	s.mu.Lock()
	defer s.mu.Unlock()
	cluster := clusterName(in)
	if strings.HasPrefix(cluster, "missing") {
		return jsonError(400, "ClusterNotFoundException", "", "Cluster not found.")
	}
	switch action {
	case "RunTask":
		return s.runTask(cluster, in)
	case "DescribeTasks":
		var tasks, failures []value.Value
		for _, arn := range list(field(in, "tasks")) {
			id, _ := arn.(string)
			if j := s.describe(id); j != nil {
				tasks = append(tasks, ecsTask(j))
			} else {
				failures = append(failures, obj(member("arn", id), member("reason", "MISSING")))
			}
		}
		return jsonAnswer(obj(member("failures", list(failures)), member("tasks", list(tasks))))
	case "StopTask":
		id, _ := text(in, "task")
		reason, _ := text(in, "reason")
		j := s.stop(id, reason)
		if j == nil {
			return jsonError(400, "InvalidParameterException", "", "The referenced task was not found.")
		}
		return jsonAnswer(obj(member("task", ecsTask(j))))
	}
	return jsonError(400, "UnknownOperationException", "", "")
}

// clusterName is the name of the cluster a request names, "default" when
// it names none.
func clusterName(in *value.Object) string {
	c, _ := text(in, "cluster")
	if c == "" {
		return "default"
	}
	if i := strings.LastIndexByte(c, '/'); i >= 0 && strings.HasPrefix(c, "arn:") {
		return c[i+1:]
	}
	return c
}

func (s *Server) runTask(cluster string, in *value.Object) answer {
	def, _ := text(in, "taskDefinition")
	if def == "" {
		return jsonError(400, "InvalidParameterException", "", "TaskDefinition can not be blank.")
	}
	if s.jobs.plan.Refuse {
		failure := obj(member("arn", arnOf("ecs", "container-instance/"+cluster)), member("reason", "RESOURCE:MEMORY"))
		return jsonAnswer(obj(member("failures", []value.Value{failure}), member("tasks", []value.Value{})))
	}
	id := arnOf("ecs", "task/"+cluster+"/"+strings.ReplaceAll(newID(), "-", ""))
	j := s.newJob(id, in)
	return jsonAnswer(obj(member("failures", []value.Value{}), member("tasks", []value.Value{ecsTask(j)})))
}

// arnOf is the ARN of a resource of a service in the fake's region and
// account.
func arnOf(service, resource string) string {
	return "arn:aws:" + service + ":" + Region + ":" + Account + ":" + resource
}

// ecsTask is a task as DescribeTasks shows it.
func ecsTask(j *job) *value.Object {
	def := j.paramText("taskDefinition", "")
	family := def
	if i := strings.LastIndexByte(def, '/'); i >= 0 {
		family = def[i+1:]
	}
	family, _, _ = strings.Cut(family, ":")
	ms := []value.Member{
		member("attachments", []value.Value{}),
		member("attributes", []value.Value{obj(member("name", "ecs.cpu-architecture"), member("value", "x86_64"))}),
		member("availabilityZone", Region+"b"),
		member("clusterArn", arnOf("ecs", "cluster/"+clusterName(j.in))),
		member("containers", []value.Value{ecsContainer(j)}),
		member("cpu", "256"),
		member("createdAt", epochSeconds(j.created)),
		member("desiredStatus", ecsStatus(j, "RUNNING")),
		member("enableExecuteCommand", false),
		member("group", "family:"+family),
		member("lastStatus", ecsStatus(j, "PROVISIONING")),
		member("launchType", j.paramText("launchType", "FARGATE")),
		member("memory", "512"),
		member("overrides", ecsOverrides(j)),
		member("platformVersion", "1.4.0"),
	}
	if by := j.paramText("startedBy", ""); by != "" {
		ms = append(ms, member("startedBy", by))
	}
	if j.state != jobRunning {
		reason := "Essential container in task exited"
		if j.state == jobStopped {
			reason = j.reason
		}
		ms = append(ms, member("stopCode", ecsStopCode(j)), member("stoppedAt", epochSeconds(j.ended)),
			member("stoppedReason", reason), member("stoppingAt", epochSeconds(j.ended)))
	}
	ms = append(ms, member("tags", []value.Value{}), member("taskArn", j.id),
		member("taskDefinitionArn", arnOf("ecs", "task-definition/"+family+":1")), member("version", value.Int(int64(1+j.polls))))
	return obj(ms...)
}

func ecsStatus(j *job, running string) string {
	if j.state != jobRunning {
		return "STOPPED"
	}
	if j.polls == 0 {
		return running
	}
	return "RUNNING"
}

func ecsStopCode(j *job) string {
	if j.state == jobStopped {
		return "UserInitiated"
	}
	return "EssentialContainerExited"
}

func ecsContainer(j *job) *value.Object {
	ms := []value.Member{
		member("containerArn", arnOf("ecs", "container/"+j.id[strings.LastIndexByte(j.id, '/')+1:]+"/app")),
		member("cpu", "0"),
	}
	switch j.state {
	case jobSucceeded:
		ms = append(ms, member("exitCode", value.Int(0)))
	case jobFailed:
		ms = append(ms, member("exitCode", value.Int(1)))
	case jobStopped:
		ms = append(ms, member("exitCode", value.Int(137)))
	}
	ms = append(ms, member("gpuIds", []value.Value{}), member("image", "busybox"),
		member("lastStatus", ecsStatus(j, "PENDING")), member("managedAgents", []value.Value{}), member("name", "app"),
		member("networkBindings", []value.Value{}), member("networkInterfaces", []value.Value{}), member("taskArn", j.id))
	return obj(ms...)
}

func ecsOverrides(j *job) *value.Object {
	o := orEmpty(j.param("overrides"))
	return obj(member("containerOverrides", list(field(o, "containerOverrides"))),
		member("inferenceAcceleratorOverrides", []value.Value{}))
}
