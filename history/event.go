package history

import (
	"time"

	"github.com/stepwisehq/stepwise/value"
)

// Event is one history event. Which detail fields are meaningful depends on
// Type; the JSON encoding writes only those, under AWS's names.
type Event struct {
	ID         int64
	PreviousID int64
	Timestamp  time.Time
	Type       Type

	Name   string      // state or iteration name
	Input  value.Value // state/execution/lambda input
	Output value.Value // state/execution/task output
	// HasInput and HasOutput tell a null payload from none.
	HasInput, HasOutput bool

	Error, Cause       string
	HasError, HasCause bool

	Resource, ResourceType, Region string
	Parameters                     value.Value // TaskScheduled
	TimeoutSeconds                 int64       // 0: unset
	HeartbeatSeconds               int64
	Credentials                    value.Value // TaskScheduled taskCredentials

	Index  int   // MapIteration*
	Length int   // MapStateStarted
	Vars   []Var // assignedVariables of a state exit

	RoleArn      string // ExecutionStarted
	RedriveCount int    // ExecutionRedriven, MapRunRedriven
	MapRunArn    string // MapRunStarted
	Worker       string // ActivityStarted
	Location     string // EvaluationFailed
	State        string // EvaluationFailed
}

// Var is an assigned workflow variable, as listed in a StateExited event.
type Var struct {
	Name  string
	Value value.Value
}
