// Package engine interprets Amazon States Language definitions.
//
// The engine is a pure function of its arguments: given a compiled
// definition, an execution's state, an input (a task result, a timer, a stop
// request) and the current time, it updates the execution, returns the
// history events the step produced and the commands the caller must carry
// out (invoke a task, wake the execution at a time). It does no I/O, starts
// no goroutines and never reads the clock: time and identifiers come in as
// arguments, so every decision can be replayed and tested.
package engine

import (
	"time"

	"github.com/stepwisehq/stepwise/asl"
	"github.com/stepwisehq/stepwise/value"
)

// Program is a compiled state machine. It is immutable and safe for
// concurrent use by many executions.
type Program struct {
	def  *asl.Definition
	opts Options
}

// Options configures a Program.
type Options struct {
	// Region and Account are the execution's AWS region and account, used in
	// history events and generated ARNs.
	Region  string
	Account string
	// MaxPayloadBytes bounds state inputs and outputs (AWS: 256 KiB).
	MaxPayloadBytes int
	// NoHistory skips building history events, for executions whose history
	// nobody reads.
	NoHistory bool
	// MaxHistoryEvents bounds an execution's history (AWS: 25,000); an
	// execution that reaches it fails.
	MaxHistoryEvents int
	// ActivityExists tells whether an activity ARN names an activity; a
	// Task state whose activity does not exist fails with States.Runtime
	// before it schedules anything. Nil: every activity exists.
	ActivityExists func(arn string) bool
}

// DefaultMaxHistoryEvents is AWS's limit on an execution's history.
const DefaultMaxHistoryEvents = 25000

// DefaultMaxPayload is AWS's limit on a state's input or output.
const DefaultMaxPayload = 256 * 1024

// New returns a Program for a parsed definition.
func New(def *asl.Definition, opts Options) *Program {
	if opts.Region == "" {
		opts.Region = "us-east-1"
	}
	if opts.Account == "" {
		opts.Account = "123456789012"
	}
	if opts.MaxPayloadBytes == 0 {
		opts.MaxPayloadBytes = DefaultMaxPayload
	}
	if opts.MaxHistoryEvents == 0 {
		opts.MaxHistoryEvents = DefaultMaxHistoryEvents
	}
	return &Program{def: def, opts: opts}
}

// Definition returns the program's definition.
func (p *Program) Definition() *asl.Definition { return p.def }

// Meta describes an execution to the context object and history.
type Meta struct {
	ExecutionArn     string
	Name             string
	StateMachineArn  string
	StateMachineName string
	RoleArn          string
	StartTime        time.Time
	RedriveCount     int
	// Express marks an EXPRESS execution, whose context object has no
	// RedriveCount.
	Express bool
	// TestCase names the mock test case the execution runs under
	// (StartExecution with "stateMachineArn#TestCase"), or "".
	TestCase string
}

// IDs generates the identifiers an execution needs (task tokens, UUIDs).
// It is injected so that executions are reproducible in tests.
type IDs interface {
	NewID() string
	// Float returns a number in [0, 1), for jitter and random functions.
	Float() float64
}

// Status is an execution's status.
type Status uint8

// The execution statuses.
const (
	Running Status = iota
	Succeeded
	Failed
	TimedOut
	Aborted
)

var statusNames = [...]string{"RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"}

func (s Status) String() string { return statusNames[s] }

// Result is how an execution ended.
type Result struct {
	Status Status
	Output value.Value
	Error  string
	Cause  string
	// HasError and HasCause tell an empty string from none.
	HasError, HasCause bool
}
