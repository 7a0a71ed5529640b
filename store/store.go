// Package store is the storage seam: the interfaces and records every
// storage driver implements (store/memory, store/sqlite, store/postgres).
// It holds no logic; store/storetest is the one conformance suite every
// driver runs.
//
// Methods take a context and a params struct or record and return a record
// or an error, in the style NounVerb(ctx, *Params). Times are passed in by
// the caller, never read from a clock here. Missing records are reported as
// ErrNotFound, duplicates as ErrAlreadyExists, wrapped with the operation.
package store

import (
	"context"
	"errors"
	"time"

	"github.com/stepwisehq/stepwise/history"
)

// Sentinel errors.
var (
	ErrNotFound      = errors.New("store: not found")
	ErrAlreadyExists = errors.New("store: already exists")
	// ErrConflict: a conditional write lost a race (a stale revision or
	// lease epoch).
	ErrConflict = errors.New("store: conflict")
)

// Store is everything Stepwise keeps. Implementations are safe for
// concurrent use.
type Store interface {
	StateMachines
	Executions
	Activities
	Tags
	// Close releases the store's resources.
	Close() error
}

// StateMachine is a state machine, one of its published versions
// (Version > 0), or an alias (Kind AliasKind).
type StateMachine struct {
	Arn         string // for a version: the state machine ARN + ":" + version number
	Name        string
	Kind        Kind
	Type        string // STANDARD or EXPRESS
	Definition  string
	RoleArn     string
	Created     time.Time
	Updated     time.Time // last update (revision change)
	RevisionID  string
	Description string // version or alias description
	Version     int    // version number; 0 for the state machine itself
	// Config holds what AWS accepts and echoes back untouched: logging,
	// tracing and encryption configuration, as JSON text.
	LoggingConfig    string
	TracingConfig    string
	EncryptionConfig string
	// Routing is an alias's routing configuration, as JSON text.
	Routing string
	// Parent is the state machine ARN of a version or alias; "" otherwise.
	Parent string
}

// Kind tells state machines, versions and aliases apart.
type Kind uint8

// The kinds of StateMachine records.
const (
	MachineKind Kind = iota
	VersionKind
	AliasKind
)

// StateMachines stores state machines, versions and aliases.
type StateMachines interface {
	// StateMachineCreate inserts sm; ErrAlreadyExists when its ARN exists.
	StateMachineCreate(ctx context.Context, sm *StateMachine) error
	// StateMachineGet returns the record with arn; ErrNotFound otherwise.
	StateMachineGet(ctx context.Context, arn string) (*StateMachine, error)
	// StateMachineUpdate replaces the record with sm.Arn; ErrNotFound when
	// it does not exist.
	StateMachineUpdate(ctx context.Context, sm *StateMachine) error
	// StateMachineDelete removes the record and, for a state machine, its
	// versions and aliases (not its executions); ErrNotFound when absent.
	StateMachineDelete(ctx context.Context, arn string) error
	// StateMachineList lists records of one kind ordered by ARN, after
	// params.After (exclusive), at most params.Limit (0: all). For versions
	// and aliases, params.Parent selects the state machine; versions are
	// ordered by descending version number instead.
	StateMachineList(ctx context.Context, params *ListParams) ([]*StateMachine, error)
	// StateMachineNextVersion returns the next version number of a state
	// machine (1, 2, ...), reserving it.
	StateMachineNextVersion(ctx context.Context, arn string) (int, error)
}

// ListParams selects a page of a list.
type ListParams struct {
	Kind   Kind
	Parent string
	After  string
	Limit  int
}

// Status is an execution status, as AWS names it.
type Status string

// The execution statuses.
const (
	StatusRunning   Status = "RUNNING"
	StatusSucceeded Status = "SUCCEEDED"
	StatusFailed    Status = "FAILED"
	StatusTimedOut  Status = "TIMED_OUT"
	StatusAborted   Status = "ABORTED"
	StatusPending   Status = "PENDING_REDRIVE"
)

// Execution is an execution's row: what DescribeExecution shows, and the
// runtime's snapshot of its state.
type Execution struct {
	Arn             string
	StateMachineArn string // the state machine (not the version or alias)
	// VersionArn and AliasArn are set when the execution started through a
	// version or an alias.
	VersionArn  string
	AliasArn    string
	Name        string
	Type        string // STANDARD or EXPRESS
	Status      Status
	Input       string // JSON text
	Output      string // JSON text; set when SUCCEEDED
	HasOutput   bool
	Error       string
	Cause       string
	HasError    bool
	HasCause    bool
	Started     time.Time
	Stopped     time.Time // zero while running
	TraceHeader string
	// ParentArn is the execution that started this one (nested executions
	// and distributed Map children); MapRunArn the Map run it belongs to.
	ParentArn string
	MapRunArn string
	// RedriveCount and Redriven record RedriveExecution.
	RedriveCount int
	Redriven     time.Time
	// Definition is the definition the execution runs (a state machine may
	// be updated while it runs).
	Definition string
	// Snapshot is the runtime's opaque state of a running execution; nil
	// when the execution has ended.
	Snapshot []byte
	// LastEventID is the id of the execution's newest history event.
	LastEventID int64
}

// Executions stores executions and their histories.
type Executions interface {
	// ExecutionCreate inserts an execution with its first events in one
	// transaction; ErrAlreadyExists when the ARN exists.
	ExecutionCreate(ctx context.Context, params *ExecutionCreateParams) error
	// ExecutionGet returns an execution; ErrNotFound when absent.
	ExecutionGet(ctx context.Context, arn string) (*Execution, error)
	// ExecutionList lists executions newest first (by Started, then ARN).
	ExecutionList(ctx context.Context, params *ExecutionListParams) ([]*Execution, error)
	// ExecutionListRunning returns every execution whose status is RUNNING,
	// with its snapshot, for the runtime to resume after a restart.
	ExecutionListRunning(ctx context.Context) ([]*Execution, error)
	// ExecutionCommit applies many executions' steps in ONE transaction
	// (group commit). Each step appends events (whose ids must continue the
	// execution's history without a gap: ErrConflict otherwise, and nothing
	// of the batch is applied), replaces the snapshot and, when the
	// execution ended, its status, output, error and stop time; and adds or
	// removes task tokens.
	ExecutionCommit(ctx context.Context, steps []*Step) error
	// HistoryGet returns events of an execution in id order (or reverse),
	// starting after params.After (an event id; 0 = from the start, or from
	// the end when Reverse), at most params.Limit (0: all).
	HistoryGet(ctx context.Context, params *HistoryParams) ([]history.Event, error)
	// TaskTokenGet resolves a task token to its execution and operation;
	// ErrNotFound when unknown (or completed and removed).
	TaskTokenGet(ctx context.Context, token string) (*TaskToken, error)
}

// ExecutionCreateParams holds a new execution and its first events.
type ExecutionCreateParams struct {
	Execution *Execution
	Events    []history.Event
}

// ExecutionListParams filters and pages ExecutionList.
type ExecutionListParams struct {
	StateMachineArn string // required unless MapRunArn is set
	VersionArn      string // only executions started through this version
	AliasArn        string
	MapRunArn       string
	Status          Status // "" for any
	// After is the ARN of the last execution of the previous page.
	After string
	Limit int
	// RedriveFilter: "REDRIVEN" or "NOT_REDRIVEN"; "" for any.
	RedriveFilter string
}

// Step is one committed step of one execution.
type Step struct {
	Arn string
	// Create, when set, inserts this execution first (its Arn is Step.Arn):
	// starting an execution is a step too, so that starts share the group
	// commit. ErrAlreadyExists fails the batch like ErrConflict does.
	Create *Execution
	// Events continue the history: Events[0].ID == LastEventID + 1 of the
	// stored execution.
	Events []history.Event
	// Snapshot replaces the stored snapshot. An ended execution may keep
	// one (a failed execution's, for RedriveExecution); nil clears it.
	Snapshot []byte
	// Ended is set when the step ended the execution.
	Ended *Ending
	// Redrive is set when the step redrives the execution.
	Redrive *Redrive
	// TokensAdded and TokensRemoved maintain the task-token index.
	TokensAdded   []TaskToken
	TokensRemoved []string
	// MapRuns are Map Runs the step started or changed, written with it
	// by drivers that implement MapRunStore (others ignore them).
	MapRuns []MapRun
	// InboxDone are the inbox messages (Cluster) the step consumed,
	// deleted with it.
	InboxDone []int64
}

// MapRun is the run of a distributed Map state.
type MapRun struct {
	Arn             string
	ExecutionArn    string
	StateMachineArn string
	Status          Status // RUNNING, SUCCEEDED, FAILED or ABORTED
	Started         time.Time
	Stopped         time.Time // zero while running

	MaxConcurrency             int
	ToleratedFailureCount      int64
	ToleratedFailurePercentage float64

	// Item counts.
	Total, Pending, Running, Succeeded, Failed int64
	// RedriveCount and Redriven tell how many times, and when last, the
	// Map Run was redriven.
	RedriveCount int
	Redriven     time.Time
}

// MapRunStore is implemented by drivers that keep Map Runs.
type MapRunStore interface {
	// MapRunGet returns a Map Run; ErrNotFound when absent.
	MapRunGet(ctx context.Context, arn string) (*MapRun, error)
	// MapRunList lists an execution's Map Runs by start time, after the
	// ARN After (exclusive), at most limit (0: all).
	MapRunList(ctx context.Context, executionArn, after string, limit int) ([]*MapRun, error)
	// MapRunUpdate replaces a Map Run's settings; ErrNotFound when absent.
	MapRunUpdate(ctx context.Context, run *MapRun) error
}

// Ending is how an execution ended.
type Ending struct {
	Status             Status
	Output             string
	HasOutput          bool
	Error, Cause       string
	HasError, HasCause bool
	Stopped            time.Time
}

// Redrive records RedriveExecution.
type Redrive struct {
	Count int
	At    time.Time
}

// TaskToken maps a callback or activity task token to its execution.
type TaskToken struct {
	Token        string
	ExecutionArn string
	Op           uint64
	// ActivityArn is set for activity tasks; Input is the task's input
	// (JSON text), handed to the worker that polls the activity.
	ActivityArn string
	Input       string
	Created     time.Time
}

// HistoryParams selects events of one execution.
type HistoryParams struct {
	Arn     string
	After   int64
	Limit   int
	Reverse bool
}

// Activity is an activity.
type Activity struct {
	Arn     string
	Name    string
	Created time.Time
}

// Activities stores activities and their queued tasks.
type Activities interface {
	ActivityCreate(ctx context.Context, a *Activity) error
	ActivityGet(ctx context.Context, arn string) (*Activity, error)
	ActivityDelete(ctx context.Context, arn string) error
	ActivityList(ctx context.Context, params *ListParams) ([]*Activity, error)
	// ActivityTaskClaim takes the oldest unclaimed task of an activity
	// (tokens whose ActivityArn is arn), marking it claimed by worker;
	// ErrNotFound when none is waiting.
	ActivityTaskClaim(ctx context.Context, arn, worker string, now time.Time) (*TaskToken, error)
}

// Tags stores resource tags.
type Tags interface {
	// TagsSet adds or replaces tags of a resource.
	TagsSet(ctx context.Context, arn string, tags map[string]string) error
	// TagsRemove removes tag keys of a resource.
	TagsRemove(ctx context.Context, arn string, keys []string) error
	// TagsGet returns a resource's tags (empty map when none).
	TagsGet(ctx context.Context, arn string) (map[string]string, error)
}

// ErrFenced reports a commit or lease renewal by a node whose lease has
// ended: another node may own its executions now.
var ErrFenced = errors.New("store: lease lost")

// Cluster is implemented by drivers that many nodes share (PostgreSQL).
//
// Each node holds a lease, renewed while it lives, with an epoch that
// grows every time the node joins. A RUNNING execution is owned by the
// lease (node and epoch) that created or claimed it: only that node drives
// it, and the driver fences every commit by the lease (a step of an
// execution the node no longer owns, or sent after its lease ended, fails
// with ErrFenced or ErrConflict), so that a paused or partitioned node
// never commits after another took its executions over. Lease times come
// from the database's clock, never from the nodes'.
type Cluster interface {
	// NodeJoin starts a lease of ttl for node with a new epoch. From then
	// on the store creates executions owned by this lease and fences
	// commits by it; the executions the node owned under an earlier epoch
	// become claimable.
	NodeJoin(ctx context.Context, node string, ttl time.Duration) (Lease, error)
	// NodeRenew extends the lease to ttl from now; ErrFenced when it had
	// ended (a lease that ended is never renewed).
	NodeRenew(ctx context.Context, ttl time.Duration) (Lease, error)
	// NodeLeave ends the lease at once (a clean stop): its executions
	// become claimable.
	NodeLeave(ctx context.Context) error
	// ExecutionClaim takes over at most limit RUNNING executions whose
	// owner's lease has ended (or that have no owner), and returns them
	// with their snapshots. Concurrent claims from many nodes never take
	// the same execution.
	ExecutionClaim(ctx context.Context, limit int) ([]*Execution, error)
	// ExecutionReclaim returns a RUNNING execution that this lease owns,
	// or takes it over when its owner's lease has ended; ErrConflict when
	// a live lease owns it, ErrNotFound when it is not running.
	ExecutionReclaim(ctx context.Context, arn string) (*Execution, error)
	// InboxAdd queues an input for the owner of a running execution and
	// signals that owner (SignalInbox).
	InboxAdd(ctx context.Context, m *InboxMessage) error
	// InboxList returns at most limit queued inputs of the executions this
	// lease owns, oldest first. A step consumes them (Step.InboxDone).
	InboxList(ctx context.Context, limit int) ([]*InboxMessage, error)
	// InboxDelete drops consumed inputs that caused no step.
	InboxDelete(ctx context.Context, ids []int64) error
	// Listen calls fn with every signal any node sends, until ctx ends;
	// after a lost connection it reconnects and calls fn with SignalResync
	// (signals may have been missed). It returns ctx's error.
	Listen(ctx context.Context, fn func(Signal)) error
}

// Lease is a node's hold on its executions.
type Lease struct {
	Node  string
	Epoch int64
	Until time.Time // by the database's clock
}

// InboxMessage is an input for an execution that another node owns: a
// SendTask* call, a StopExecution, a worker taking an activity task. Body
// is the runtime's encoding of the input.
type InboxMessage struct {
	ID           int64
	ExecutionArn string
	Body         []byte
}

// Signal is a notification between nodes.
type Signal struct {
	Kind SignalKind
	// Key is the node (SignalInbox), activity ARN (SignalActivity) or
	// execution ARN (SignalEnded).
	Key string
}

// SignalKind tells signals apart.
type SignalKind uint8

// The signals. Drivers send SignalActivity when a commit queues an activity
// task and SignalEnded when a commit ends an execution.
const (
	SignalResync SignalKind = iota
	SignalInbox
	SignalActivity
	SignalEnded
)
