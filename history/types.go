// Package history defines the events of an execution's history, shaped like
// the events AWS Step Functions' GetExecutionHistory returns: their types,
// ids, previous event ids and details.
package history

// Type is a history event type.
type Type uint8

// The event types.
const (
	TypeInvalid Type = iota
	ExecutionStarted
	ExecutionSucceeded
	ExecutionFailed
	ExecutionAborted
	ExecutionTimedOut
	ExecutionRedriven
	PassStateEntered
	PassStateExited
	TaskStateEntered
	TaskStateExited
	TaskStateAborted
	ChoiceStateEntered
	ChoiceStateExited
	WaitStateEntered
	WaitStateExited
	WaitStateAborted
	SucceedStateEntered
	SucceedStateExited
	FailStateEntered
	ParallelStateEntered
	ParallelStateExited
	ParallelStateStarted
	ParallelStateSucceeded
	ParallelStateFailed
	ParallelStateAborted
	MapStateEntered
	MapStateExited
	MapStateStarted
	MapStateSucceeded
	MapStateFailed
	MapStateAborted
	MapIterationStarted
	MapIterationSucceeded
	MapIterationFailed
	MapIterationAborted
	MapRunStarted
	MapRunSucceeded
	MapRunFailed
	MapRunAborted
	TaskScheduled
	TaskStarted
	TaskSubmitted
	TaskSucceeded
	TaskFailed
	TaskTimedOut
	TaskStartFailed
	TaskSubmitFailed
	LambdaFunctionScheduled
	LambdaFunctionStarted
	LambdaFunctionSucceeded
	LambdaFunctionFailed
	LambdaFunctionTimedOut
	LambdaFunctionScheduleFailed
	LambdaFunctionStartFailed
	ActivityScheduled
	ActivityStarted
	ActivitySucceeded
	ActivityFailed
	ActivityTimedOut
	ActivityScheduleFailed
	EvaluationFailed
	MapRunRedriven
	typeCount
)

var typeNames = [typeCount]string{"",
	"ExecutionStarted", "ExecutionSucceeded", "ExecutionFailed", "ExecutionAborted",
	"ExecutionTimedOut", "ExecutionRedriven",
	"PassStateEntered", "PassStateExited", "TaskStateEntered", "TaskStateExited", "TaskStateAborted",
	"ChoiceStateEntered", "ChoiceStateExited", "WaitStateEntered", "WaitStateExited", "WaitStateAborted",
	"SucceedStateEntered", "SucceedStateExited", "FailStateEntered",
	"ParallelStateEntered", "ParallelStateExited", "ParallelStateStarted", "ParallelStateSucceeded",
	"ParallelStateFailed", "ParallelStateAborted",
	"MapStateEntered", "MapStateExited", "MapStateStarted", "MapStateSucceeded", "MapStateFailed",
	"MapStateAborted", "MapIterationStarted", "MapIterationSucceeded", "MapIterationFailed",
	"MapIterationAborted", "MapRunStarted", "MapRunSucceeded", "MapRunFailed", "MapRunAborted",
	"TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded", "TaskFailed", "TaskTimedOut",
	"TaskStartFailed", "TaskSubmitFailed",
	"LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionSucceeded", "LambdaFunctionFailed",
	"LambdaFunctionTimedOut", "LambdaFunctionScheduleFailed", "LambdaFunctionStartFailed",
	"ActivityScheduled", "ActivityStarted", "ActivitySucceeded", "ActivityFailed", "ActivityTimedOut",
	"ActivityScheduleFailed",
	"EvaluationFailed", "MapRunRedriven",
}

func (t Type) String() string {
	if t >= typeCount {
		return ""
	}
	return typeNames[t]
}

// ParseType returns the Type named s.
func ParseType(s string) (Type, bool) {
	for i, n := range typeNames {
		if i > 0 && n == s {
			return Type(i), true
		}
	}
	return TypeInvalid, false
}

// detailsKey is the name of the member that holds an event's details in
// GetExecutionHistory's response ("" for events without details).
func (t Type) detailsKey() string {
	switch t {
	case PassStateEntered, TaskStateEntered, ChoiceStateEntered, WaitStateEntered,
		SucceedStateEntered, FailStateEntered, ParallelStateEntered, MapStateEntered:
		return "stateEnteredEventDetails"
	case PassStateExited, TaskStateExited, ChoiceStateExited, WaitStateExited,
		SucceedStateExited, ParallelStateExited, MapStateExited:
		return "stateExitedEventDetails"
	case ParallelStateStarted, ParallelStateSucceeded, ParallelStateFailed, ParallelStateAborted,
		MapStateSucceeded, MapStateFailed, MapStateAborted, LambdaFunctionStarted,
		TaskStateAborted, WaitStateAborted, MapRunSucceeded, MapRunAborted:
		return ""
	}
	n := t.String()
	return string(n[0]+'a'-'A') + n[1:] + "EventDetails"
}
