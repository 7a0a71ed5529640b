package stepwise

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"time"
)

// This file and types_*.go hold the input and output structs of every Step
// Functions API action, named <Action>Input and <Action>Output, and the
// shapes they nest. Field names are AWS's member names with the first letter
// upper-cased; json tags carry AWS's exact member names, so the api package
// encodes and decodes them as the AWS JSON 1.0 protocol does. Optional
// members are omitted when absent; a pointer marks a member whose absence
// differs from its zero value (an execution input of "" is rejected, an
// absent one means "{}").

// Time is a timestamp. It marshals as the AWS JSON protocol encodes
// timestamps: seconds since the Unix epoch, as a number with a fraction
// (millisecond precision). The zero Time is omitted by omitzero tags.
type Time struct {
	time.Time
}

// NewTime returns t as a Time.
func NewTime(t time.Time) Time { return Time{Time: t} }

// MarshalJSON encodes t as epoch seconds with three fraction digits.
func (t Time) MarshalJSON() ([]byte, error) {
	return t.AppendJSON(make([]byte, 0, 16)), nil
}

// AppendJSON appends t as MarshalJSON encodes it.
func (t Time) AppendJSON(buf []byte) []byte {
	ms := t.UnixMilli()
	return strconv.AppendFloat(buf, float64(ms)/1000, 'f', 3, 64)
}

// errTimeSyntax is returned when a timestamp is neither a number nor null.
var errTimeSyntax = errors.New("stepwise: timestamp must be a JSON number of epoch seconds")

// UnmarshalJSON decodes epoch seconds (a number, with or without a
// fraction); null leaves t unchanged.
func (t *Time) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		return nil
	}
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return errTimeSyntax
	}
	sec, frac := math.Modf(f)
	t.Time = time.Unix(int64(sec), int64(math.Round(frac*1000))*int64(time.Millisecond)).UTC()
	return nil
}

// StateMachineType is STANDARD or EXPRESS.
type StateMachineType string

// The state machine types.
const (
	StateMachineTypeStandard StateMachineType = "STANDARD"
	StateMachineTypeExpress  StateMachineType = "EXPRESS"
)

// StateMachineStatus is ACTIVE or DELETING.
type StateMachineStatus string

// The state machine statuses.
const (
	StateMachineStatusActive   StateMachineStatus = "ACTIVE"
	StateMachineStatusDeleting StateMachineStatus = "DELETING"
)

// ExecutionStatus is an execution's status.
type ExecutionStatus string

// The execution statuses.
const (
	ExecutionStatusRunning        ExecutionStatus = "RUNNING"
	ExecutionStatusSucceeded      ExecutionStatus = "SUCCEEDED"
	ExecutionStatusFailed         ExecutionStatus = "FAILED"
	ExecutionStatusTimedOut       ExecutionStatus = "TIMED_OUT"
	ExecutionStatusAborted        ExecutionStatus = "ABORTED"
	ExecutionStatusPendingRedrive ExecutionStatus = "PENDING_REDRIVE"
)

// SyncExecutionStatus is the status StartSyncExecution returns.
type SyncExecutionStatus string

// The synchronous execution statuses.
const (
	SyncExecutionStatusSucceeded SyncExecutionStatus = "SUCCEEDED"
	SyncExecutionStatusFailed    SyncExecutionStatus = "FAILED"
	SyncExecutionStatusTimedOut  SyncExecutionStatus = "TIMED_OUT"
)

// ExecutionRedriveStatus tells whether an execution can be redriven.
type ExecutionRedriveStatus string

// The redrive statuses.
const (
	ExecutionRedriveStatusRedrivable         ExecutionRedriveStatus = "REDRIVABLE"
	ExecutionRedriveStatusNotRedrivable      ExecutionRedriveStatus = "NOT_REDRIVABLE"
	ExecutionRedriveStatusRedrivableByMapRun ExecutionRedriveStatus = "REDRIVABLE_BY_MAP_RUN"
)

// ExecutionRedriveFilter filters ListExecutions by redrive.
type ExecutionRedriveFilter string

// The redrive filters.
const (
	ExecutionRedriveFilterRedriven    ExecutionRedriveFilter = "REDRIVEN"
	ExecutionRedriveFilterNotRedriven ExecutionRedriveFilter = "NOT_REDRIVEN"
)

// IncludedData selects whether Describe* return execution data.
type IncludedData string

// The IncludedData values.
const (
	IncludedDataAllData      IncludedData = "ALL_DATA"
	IncludedDataMetadataOnly IncludedData = "METADATA_ONLY"
)

// LogLevel is a logging configuration's level.
type LogLevel string

// The log levels.
const (
	LogLevelAll   LogLevel = "ALL"
	LogLevelError LogLevel = "ERROR"
	LogLevelFatal LogLevel = "FATAL"
	LogLevelOff   LogLevel = "OFF"
)

// EncryptionType is the kind of key that encrypts a resource.
type EncryptionType string

// The encryption types.
const (
	EncryptionTypeAwsOwnedKey           EncryptionType = "AWS_OWNED_KEY"
	EncryptionTypeCustomerManagedKmsKey EncryptionType = "CUSTOMER_MANAGED_KMS_KEY"
)

// MapRunStatus is a Map Run's status.
type MapRunStatus string

// The Map Run statuses.
const (
	MapRunStatusRunning   MapRunStatus = "RUNNING"
	MapRunStatusSucceeded MapRunStatus = "SUCCEEDED"
	MapRunStatusFailed    MapRunStatus = "FAILED"
	MapRunStatusAborted   MapRunStatus = "ABORTED"
)

// Tag is a resource tag.
type Tag struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// LoggingConfiguration holds CloudWatch Logs options. Stepwise keeps and
// echoes it; it writes no logs to CloudWatch.
type LoggingConfiguration struct {
	Level                LogLevel `json:"level,omitempty"`
	IncludeExecutionData bool     `json:"includeExecutionData"`
	// Destinations is echoed as given: a nil slice is omitted, an empty one
	// is kept.
	Destinations []LogDestination `json:"destinations,omitzero"`
}

// LogDestination is where logs go.
type LogDestination struct {
	CloudWatchLogsLogGroup *CloudWatchLogsLogGroup `json:"cloudWatchLogsLogGroup,omitempty"`
}

// CloudWatchLogsLogGroup names a log group.
type CloudWatchLogsLogGroup struct {
	LogGroupArn string `json:"logGroupArn,omitempty"`
}

// TracingConfiguration selects X-Ray tracing (kept and echoed).
type TracingConfiguration struct {
	Enabled bool `json:"enabled"`
}

// EncryptionConfiguration selects server-side encryption (kept and echoed).
type EncryptionConfiguration struct {
	KmsKeyId                     string         `json:"kmsKeyId,omitempty"`
	KmsDataKeyReusePeriodSeconds *int           `json:"kmsDataKeyReusePeriodSeconds,omitempty"`
	Type                         EncryptionType `json:"type"`
}

// RoutingConfigurationListItem routes a share of an alias's executions to a
// version.
type RoutingConfigurationListItem struct {
	StateMachineVersionArn string `json:"stateMachineVersionArn"`
	Weight                 int    `json:"weight"`
}

// CloudWatchEventsExecutionDataDetails tells whether execution data is
// included.
type CloudWatchEventsExecutionDataDetails struct {
	Included bool `json:"included"`
}

// BillingDetails of a synchronous Express execution.
type BillingDetails struct {
	BilledMemoryUsedInMB         int64 `json:"billedMemoryUsedInMB"`
	BilledDurationInMilliseconds int64 `json:"billedDurationInMilliseconds"`
}

// HistoryEvent is one event of GetExecutionHistory, already encoded as AWS
// returns it (history.Event.AppendJSON).
type HistoryEvent = json.RawMessage

// Empty outputs: the actions that return nothing but success.
type (
	// DeleteStateMachineOutput is DeleteStateMachine's (empty) output.
	DeleteStateMachineOutput struct{}
	// DeleteStateMachineVersionOutput is DeleteStateMachineVersion's (empty) output.
	DeleteStateMachineVersionOutput struct{}
	// DeleteStateMachineAliasOutput is DeleteStateMachineAlias's (empty) output.
	DeleteStateMachineAliasOutput struct{}
	// DeleteActivityOutput is DeleteActivity's (empty) output.
	DeleteActivityOutput struct{}
	// TagResourceOutput is TagResource's (empty) output.
	TagResourceOutput struct{}
	// UntagResourceOutput is UntagResource's (empty) output.
	UntagResourceOutput struct{}
	// SendTaskSuccessOutput is SendTaskSuccess's (empty) output.
	SendTaskSuccessOutput struct{}
	// SendTaskFailureOutput is SendTaskFailure's (empty) output.
	SendTaskFailureOutput struct{}
	// SendTaskHeartbeatOutput is SendTaskHeartbeat's (empty) output.
	SendTaskHeartbeatOutput struct{}
	// UpdateMapRunOutput is UpdateMapRun's (empty) output.
	UpdateMapRunOutput struct{}
)
