package fakeaws

import (
	"slices"
	"strings"
	"time"

	"github.com/stepwisehq/stepwise/value"
)

// sfnState is the fake's Step Functions: state machines, executions started
// through it, task tokens it issued and what was sent for them.
type sfnState struct {
	machines   map[string]string // ARN -> name
	executions []Execution
	tokens     map[string]bool
	results    []TaskResult
	activities map[string][]activityTask // by activity ARN
}

// Execution is an execution started through the fake.
type Execution struct {
	ARN, StateMachineARN, Name, Input string
	Started                           time.Time
}

// TaskResult is a SendTaskSuccess, SendTaskFailure or SendTaskHeartbeat the
// fake received.
type TaskResult struct {
	Action                      string // "SendTaskSuccess", "SendTaskFailure", "SendTaskHeartbeat"
	Token, Output, Error, Cause string
}

type activityTask struct{ token, input string }

func (st *sfnState) init() {
	st.machines = map[string]string{}
	st.tokens = map[string]bool{}
	st.activities = map[string][]activityTask{}
}

// CreateStateMachine registers a state machine and returns its ARN.
// nameOrARN is its name, or its whole ARN.
func (s *Server) CreateStateMachine(nameOrARN string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	arn, name := nameOrARN, nameOrARN
	if i := strings.LastIndexByte(nameOrARN, ':'); strings.HasPrefix(nameOrARN, "arn:") {
		name = nameOrARN[i+1:]
	} else {
		arn = "arn:aws:states:" + Region + ":" + Account + ":stateMachine:" + name
	}
	s.sfn.machines[arn] = name
	return arn
}

// Executions returns the executions started so far.
func (s *Server) Executions() []Execution {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.sfn.executions)
}

// IssueTaskToken returns a new task token that SendTask* accept.
func (s *Server) IssueTaskToken() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := newID()
	s.sfn.tokens[t] = true
	return t
}

// AddActivityTask queues a task for GetActivityTask on an activity and
// returns its token.
func (s *Server) AddActivityTask(activityARN, input string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := newID()
	s.sfn.tokens[t] = true
	s.sfn.activities[activityARN] = append(s.sfn.activities[activityARN], activityTask{t, input})
	return t
}

// TaskResults returns the SendTask* calls received so far.
func (s *Server) TaskResults() []TaskResult {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.sfn.results)
}

func (s *Server) stepFunctions(action string, in *value.Object) answer {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch action {
	case "StartExecution":
		return s.startExecution(in)
	case "SendTaskSuccess", "SendTaskFailure", "SendTaskHeartbeat":
		return s.sendTask(action, in)
	case "GetActivityTask":
		arn, _ := text(in, "activityArn")
		queue := s.sfn.activities[arn]
		if len(queue) == 0 {
			return jsonAnswer(obj())
		}
		s.sfn.activities[arn] = queue[1:]
		return jsonAnswer(obj(member("input", queue[0].input), member("taskToken", queue[0].token)))
	case "CreateStateMachine":
		name, _ := text(in, "name")
		arn := "arn:aws:states:" + Region + ":" + Account + ":stateMachine:" + name
		s.sfn.machines[arn] = name
		return jsonAnswer(obj(member("creationDate", epochSeconds(s.now())), member("stateMachineArn", arn)))
	}
	return jsonError(400, "UnknownOperationException", "", "")
}

func (s *Server) startExecution(in *value.Object) answer {
	smArn, _ := text(in, "stateMachineArn")
	smName, ok := s.sfn.machines[smArn]
	if !ok {
		return jsonError(400, "StateMachineDoesNotExist", "", "State Machine Does Not Exist: '"+smArn+"'")
	}
	name, _ := text(in, "name")
	if name == "" {
		name = newID()
	}
	input, ok := text(in, "input")
	if !ok {
		input = "{}"
	}
	arn := "arn:aws:states:" + Region + ":" + Account + ":execution:" + smName + ":" + name
	for _, e := range s.sfn.executions {
		if e.ARN == arn && e.Input != input {
			return jsonError(400, "ExecutionAlreadyExists", "", "Execution Already Exists: '"+arn+"'")
		}
	}
	e := Execution{ARN: arn, StateMachineARN: smArn, Name: name, Input: input, Started: s.now().UTC()}
	s.sfn.executions = append(s.sfn.executions, e)
	return jsonAnswer(obj(member("executionArn", arn), member("startDate", epochSeconds(e.Started))))
}

func (s *Server) sendTask(action string, in *value.Object) answer {
	token, _ := text(in, "taskToken")
	if !s.sfn.tokens[token] {
		return jsonError(400, "InvalidToken", "", "Invalid Token: 'Invalid token'")
	}
	r := TaskResult{Action: action, Token: token}
	r.Output, _ = text(in, "output")
	r.Error, _ = text(in, "error")
	r.Cause, _ = text(in, "cause")
	s.sfn.results = append(s.sfn.results, r)
	if action != "SendTaskHeartbeat" {
		delete(s.sfn.tokens, token)
	}
	return jsonAnswer(obj())
}
