package engine

import (
	"time"

	"github.com/stepwisehq/stepwise/value"
)

// OpID identifies an outstanding operation of an execution (a task
// invocation or a timer); inputs name the operation they complete.
type OpID uint64

// InputKind says what an Input reports.
type InputKind uint8

// The input kinds.
const (
	// TaskSucceeded: the task of Op returned Output.
	TaskSucceeded InputKind = iota + 1
	// TaskFailed: the task of Op failed with Error and Cause.
	TaskFailed
	// TimerFired: the timer of Op is due.
	TimerFired
	// Stop: StopExecution with Error and Cause.
	Stop
	// TaskHeartbeat: the task of Op sent a heartbeat.
	TaskHeartbeat
	// TaskSubmitted: a .sync or callback task of Op was accepted by its
	// service; Output is the service's response.
	TaskSubmitted
	// ActivityStarted: a worker (Worker) took the activity task of Op.
	ActivityStarted
)

// Input is something that happened to an execution from outside.
type Input struct {
	Kind   InputKind
	Op     OpID
	Output value.Value
	Error  string
	Cause  string
	Worker string // ActivityStarted
}

// CommandKind says what a Command asks for.
type CommandKind uint8

// The command kinds.
const (
	// InvokeTask: run Task and report its outcome as an Input for Op.
	InvokeTask CommandKind = iota + 1
	// StartTimer: deliver TimerFired for Op at At.
	StartTimer
	// CancelOp: Op is no longer wanted (a task or timer of an aborted branch).
	CancelOp
)

// Command is work the caller must do for the execution.
type Command struct {
	Kind CommandKind
	Op   OpID
	At   time.Time
	Task *TaskCall
}

// TaskCall is a task invocation.
type TaskCall struct {
	Resource         string
	Input            value.Value
	TaskToken        string
	TimeoutSeconds   int64
	HeartbeatSeconds int64
	StateName        string
	Credentials      value.Value
	// Submitted is the service's answer when it accepted a Run a Job or
	// callback task (the TaskSubmitted event's output), once it did: a
	// task re-issued after a restart follows that submission instead of
	// submitting the work again.
	Submitted value.Value
}
