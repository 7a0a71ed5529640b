// Package asl parses and validates Amazon States Language definitions into a
// typed, immutable syntax tree whose expressions (paths, templates,
// intrinsic calls, JSONata) are compiled once, when the definition is read.
//
// Parse checks a definition the way AWS Step Functions does and reports
// AWS's error codes and messages (SCHEMA_VALIDATION_FAILED,
// MISSING_TRANSITION_TARGET, ...) with the JSON location of each problem.
package asl

import (
	"github.com/stepwisehq/stepwise/expr/jtemplate"
	"github.com/stepwisehq/stepwise/expr/payload"
	"github.com/stepwisehq/stepwise/value"
)

// Definition is a parsed state machine.
type Definition struct {
	Comment        string
	Version        string
	TimeoutSeconds int64 // 0: no execution timeout
	QueryLanguage  QueryLanguage
	Machine
	// Source is the definition text as given.
	Source string
}

// Machine is a set of states with a starting state: the top level of a
// definition, a Parallel branch or a Map item processor.
type Machine struct {
	StartAt string
	States  map[string]State
	// Order lists the state names in definition order.
	Order []string
}

// State returns the named state, or nil.
func (m *Machine) State(name string) State { return m.States[name] }

// QueryLanguage selects how a state's fields are evaluated.
type QueryLanguage uint8

// The query languages.
const (
	JSONPath QueryLanguage = iota
	JSONata
)

func (q QueryLanguage) String() string {
	if q == JSONata {
		return "JSONata"
	}
	return "JSONPath"
}

// StateType is the Type field of a state.
type StateType uint8

// The state types.
const (
	TypePass StateType = iota + 1
	TypeTask
	TypeChoice
	TypeWait
	TypeSucceed
	TypeFail
	TypeParallel
	TypeMap
)

var stateTypeNames = [...]string{"", "Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map"}

func (t StateType) String() string { return stateTypeNames[t] }

func parseStateType(s string) (StateType, bool) {
	for i, n := range stateTypeNames {
		if i > 0 && n == s {
			return StateType(i), true
		}
	}
	return 0, false
}

// State is one of *Pass, *Task, *Choice, *Wait, *Succeed, *Fail, *Parallel
// and *Map.
type State interface {
	Common() *Base
}

// Base holds the fields every state type shares; fields a type does not
// allow stay at their zero value.
type Base struct {
	Name          string
	Type          StateType
	Comment       string
	QueryLanguage QueryLanguage

	// Next is the following state; End is true when there is none.
	Next string
	End  bool

	// JSONPath data flow. A nil *PathField means the default "$".
	InputPath      *PathField
	OutputPath     *PathField
	Parameters     *payload.Template
	ResultSelector *payload.Template
	ResultPath     *ResultPathField

	// JSONata data flow and variables.
	Arguments *Template // Task, Parallel, Map (ItemSelector is separate)
	Output    *Template
	Assign    *Template
	// AssignPath is Assign in a JSONPath state: a payload template.
	AssignPath *payload.Template

	Retry []Retrier
	Catch []Catcher
}

// Common returns the shared fields.
func (b *Base) Common() *Base { return b }

// PathField is InputPath or OutputPath: a path, or JSON null (Null true),
// which selects an empty object.
type PathField struct {
	Null bool
	Path *payload.Path
}

// ResultPathField is ResultPath: a path, or JSON null (Null true), which
// discards the result and passes the input through.
type ResultPathField struct {
	Null bool
	Path *payload.ResultPath
}

// Retrier is one element of a Retry field.
type Retrier struct {
	ErrorEquals     []string
	IntervalSeconds int64   // default 1
	MaxAttempts     int64   // default 3
	BackoffRate     float64 // default 2.0
	MaxDelaySeconds int64   // 0: none
	Jitter          Jitter
}

// Jitter is a Retrier's JitterStrategy.
type Jitter uint8

// The jitter strategies.
const (
	JitterNone Jitter = iota
	JitterFull
)

// Catcher is one element of a Catch field.
type Catcher struct {
	ErrorEquals []string
	Next        string
	ResultPath  *ResultPathField // JSONPath; nil: "$"
	Output      *Template        // JSONata
	Assign      *Template
	AssignPath  *payload.Template
}

// Template is a compiled JSONata field.
type Template = jtemplate.Template

// Pass is a Pass state.
type Pass struct {
	Base
	Result    value.Value
	HasResult bool
}

// Task is a Task state.
type Task struct {
	Base
	Resource             string
	ResourceExpr         *Template // a JSONata Resource, when it holds {% %}
	TimeoutSeconds       int64
	TimeoutSecondsPath   *payload.Path
	TimeoutExpr          *Template // JSONata TimeoutSeconds
	HeartbeatSeconds     int64
	HeartbeatSecondsPath *payload.Path
	HeartbeatExpr        *Template
	Credentials          value.Value
}

// Wait is a Wait state. Exactly one of its four inputs is set.
type Wait struct {
	Base
	Seconds       int64
	HasSeconds    bool
	Timestamp     string
	SecondsPath   *payload.Path
	TimestampPath *payload.Path
	SecondsExpr   *Template // JSONata Seconds
	TimestampExpr *Template // JSONata Timestamp
}

// Succeed is a Succeed state.
type Succeed struct{ Base }

// Fail is a Fail state.
type Fail struct {
	Base
	Error     string
	Cause     string
	ErrorPath *payload.Path
	CausePath *payload.Path
	ErrorExpr *Template
	CauseExpr *Template
}

// Parallel is a Parallel state.
type Parallel struct {
	Base
	Branches []*Machine
}

// Map is a Map state.
type Map struct {
	Base
	Processor      *Machine // ItemProcessor, or the legacy Iterator
	Mode           ProcessorMode
	ExecutionType  string // STANDARD or EXPRESS, for DISTRIBUTED
	ItemsPath      *payload.Path
	ItemsExpr      *Template // JSONata Items
	ItemSelector   *payload.Template
	ItemSelectorJ  *Template // JSONata ItemSelector
	MaxConcurrency int64
	MaxConcPath    *payload.Path
	MaxConcExpr    *Template

	ToleratedFailureCount          int64
	ToleratedFailurePercentage     float64
	HasToleratedFailureCount       bool
	HasToleratedFailurePercentage  bool
	ToleratedFailureCountPath      *payload.Path
	ToleratedFailurePercentagePath *payload.Path
	ToleratedFailureCountExpr      *Template // JSONata
	ToleratedFailurePercentageExpr *Template

	Label        string
	Reader       *ItemReader // the parsed ItemReader, when there is one
	Batcher      *ItemBatcher
	Writer       *ResultWriter
	ItemReader   value.Value // kept as written
	ItemBatcher  value.Value
	ResultWriter value.Value
}

// ItemReader reads a distributed Map's items from a service (S3).
type ItemReader struct {
	Resource     string
	Parameters   *payload.Template // JSONPath
	Arguments    *Template         // JSONata
	InputType    string            // JSON, JSONL, CSV, MANIFEST; "" for listObjectsV2
	HeaderFirst  bool              // CSVHeaderLocation FIRST_ROW
	Headers      []string          // CSVHeaders, with GIVEN
	MaxItems     int64
	MaxItemsPath *payload.Path
}

// ItemBatcher groups a distributed Map's items into batches.
type ItemBatcher struct {
	MaxItems          int64
	MaxItemsPath      *payload.Path
	MaxBytes          int64
	MaxBytesPath      *payload.Path
	BatchInput        *payload.Template // JSONPath
	BatchInputJSONata *Template
}

// ResultWriter writes a distributed Map's results to S3.
type ResultWriter struct {
	Resource   string
	Parameters *payload.Template
	Arguments  *Template
}

// ProcessorMode is a Map's ProcessorConfig.Mode.
type ProcessorMode uint8

// The processor modes.
const (
	Inline ProcessorMode = iota
	Distributed
)
