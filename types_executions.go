package stepwise

// The inputs and outputs of the execution, Map Run and TestState actions.

// StartExecutionInput is StartExecution's input. A nil Input means "{}";
// an empty one is rejected as AWS rejects it.
type StartExecutionInput struct {
	StateMachineArn string  `json:"stateMachineArn"`
	Name            string  `json:"name,omitempty"`
	Input           *string `json:"input,omitempty"`
	TraceHeader     string  `json:"traceHeader,omitempty"`
}

// StartExecutionOutput is StartExecution's output.
type StartExecutionOutput struct {
	ExecutionArn string `json:"executionArn"`
	StartDate    Time   `json:"startDate"`
}

// StartSyncExecutionInput is StartSyncExecution's input.
type StartSyncExecutionInput struct {
	StateMachineArn string       `json:"stateMachineArn"`
	Name            string       `json:"name,omitempty"`
	Input           *string      `json:"input,omitempty"`
	TraceHeader     string       `json:"traceHeader,omitempty"`
	IncludedData    IncludedData `json:"includedData,omitempty"`
}

// StartSyncExecutionOutput is StartSyncExecution's output.
type StartSyncExecutionOutput struct {
	ExecutionArn    string                                `json:"executionArn"`
	StateMachineArn string                                `json:"stateMachineArn,omitempty"`
	Name            string                                `json:"name,omitempty"`
	StartDate       Time                                  `json:"startDate"`
	StopDate        Time                                  `json:"stopDate"`
	Status          SyncExecutionStatus                   `json:"status"`
	Error           *string                               `json:"error,omitempty"`
	Cause           *string                               `json:"cause,omitempty"`
	Input           string                                `json:"input,omitempty"`
	InputDetails    *CloudWatchEventsExecutionDataDetails `json:"inputDetails,omitempty"`
	Output          string                                `json:"output,omitempty"`
	OutputDetails   *CloudWatchEventsExecutionDataDetails `json:"outputDetails,omitempty"`
	TraceHeader     string                                `json:"traceHeader,omitempty"`
	BillingDetails  *BillingDetails                       `json:"billingDetails,omitempty"`
}

// DescribeExecutionInput is DescribeExecution's input.
type DescribeExecutionInput struct {
	ExecutionArn string       `json:"executionArn"`
	IncludedData IncludedData `json:"includedData,omitempty"`
}

// DescribeExecutionOutput is DescribeExecution's output.
type DescribeExecutionOutput struct {
	ExecutionArn           string                                `json:"executionArn"`
	StateMachineArn        string                                `json:"stateMachineArn"`
	Name                   string                                `json:"name,omitempty"`
	Status                 ExecutionStatus                       `json:"status"`
	StartDate              Time                                  `json:"startDate"`
	StopDate               Time                                  `json:"stopDate,omitzero"`
	Input                  string                                `json:"input,omitempty"`
	InputDetails           *CloudWatchEventsExecutionDataDetails `json:"inputDetails,omitempty"`
	Output                 string                                `json:"output,omitempty"`
	OutputDetails          *CloudWatchEventsExecutionDataDetails `json:"outputDetails,omitempty"`
	TraceHeader            string                                `json:"traceHeader,omitempty"`
	MapRunArn              string                                `json:"mapRunArn,omitempty"`
	Error                  *string                               `json:"error,omitempty"`
	Cause                  *string                               `json:"cause,omitempty"`
	StateMachineVersionArn string                                `json:"stateMachineVersionArn,omitempty"`
	StateMachineAliasArn   string                                `json:"stateMachineAliasArn,omitempty"`
	RedriveCount           *int                                  `json:"redriveCount,omitempty"`
	RedriveDate            Time                                  `json:"redriveDate,omitzero"`
	RedriveStatus          ExecutionRedriveStatus                `json:"redriveStatus,omitempty"`
	RedriveStatusReason    string                                `json:"redriveStatusReason,omitempty"`
}

// ListExecutionsInput is ListExecutions' input.
type ListExecutionsInput struct {
	StateMachineArn string                 `json:"stateMachineArn,omitempty"`
	StatusFilter    ExecutionStatus        `json:"statusFilter,omitempty"`
	MaxResults      int                    `json:"maxResults,omitempty"`
	NextToken       string                 `json:"nextToken,omitempty"`
	MapRunArn       string                 `json:"mapRunArn,omitempty"`
	RedriveFilter   ExecutionRedriveFilter `json:"redriveFilter,omitempty"`
}

// ListExecutionsOutput is ListExecutions' output.
type ListExecutionsOutput struct {
	Executions []ExecutionListItem `json:"executions"`
	NextToken  string              `json:"nextToken,omitempty"`
}

// ExecutionListItem is one execution of ListExecutions.
type ExecutionListItem struct {
	ExecutionArn           string          `json:"executionArn"`
	StateMachineArn        string          `json:"stateMachineArn"`
	Name                   string          `json:"name"`
	Status                 ExecutionStatus `json:"status"`
	StartDate              Time            `json:"startDate"`
	StopDate               Time            `json:"stopDate,omitzero"`
	MapRunArn              string          `json:"mapRunArn,omitempty"`
	ItemCount              *int            `json:"itemCount,omitempty"`
	StateMachineVersionArn string          `json:"stateMachineVersionArn,omitempty"`
	StateMachineAliasArn   string          `json:"stateMachineAliasArn,omitempty"`
	RedriveCount           *int            `json:"redriveCount,omitempty"`
	RedriveDate            Time            `json:"redriveDate,omitzero"`
}

// GetExecutionHistoryInput is GetExecutionHistory's input. A nil
// IncludeExecutionData means true.
type GetExecutionHistoryInput struct {
	ExecutionArn         string `json:"executionArn"`
	MaxResults           int    `json:"maxResults,omitempty"`
	ReverseOrder         bool   `json:"reverseOrder,omitempty"`
	NextToken            string `json:"nextToken,omitempty"`
	IncludeExecutionData *bool  `json:"includeExecutionData,omitempty"`
}

// GetExecutionHistoryOutput is GetExecutionHistory's output.
type GetExecutionHistoryOutput struct {
	Events    []HistoryEvent `json:"events"`
	NextToken string         `json:"nextToken,omitempty"`
}

// StopExecutionInput is StopExecution's input.
type StopExecutionInput struct {
	ExecutionArn string  `json:"executionArn"`
	Error        *string `json:"error,omitempty"`
	Cause        *string `json:"cause,omitempty"`
}

// StopExecutionOutput is StopExecution's output.
type StopExecutionOutput struct {
	StopDate Time `json:"stopDate"`
}

// RedriveExecutionInput is RedriveExecution's input.
type RedriveExecutionInput struct {
	ExecutionArn string `json:"executionArn"`
	ClientToken  string `json:"clientToken,omitempty"`
}

// RedriveExecutionOutput is RedriveExecution's output.
type RedriveExecutionOutput struct {
	RedriveDate Time `json:"redriveDate"`
}

// DescribeStateMachineForExecutionInput is DescribeStateMachineForExecution's
// input.
type DescribeStateMachineForExecutionInput struct {
	ExecutionArn string       `json:"executionArn"`
	IncludedData IncludedData `json:"includedData,omitempty"`
}

// DescribeStateMachineForExecutionOutput is
// DescribeStateMachineForExecution's output.
type DescribeStateMachineForExecutionOutput struct {
	StateMachineArn         string                   `json:"stateMachineArn"`
	Name                    string                   `json:"name"`
	Definition              string                   `json:"definition"`
	RoleArn                 string                   `json:"roleArn"`
	UpdateDate              Time                     `json:"updateDate"`
	LoggingConfiguration    *LoggingConfiguration    `json:"loggingConfiguration,omitempty"`
	TracingConfiguration    *TracingConfiguration    `json:"tracingConfiguration,omitempty"`
	MapRunArn               string                   `json:"mapRunArn,omitempty"`
	Label                   string                   `json:"label,omitempty"`
	RevisionId              string                   `json:"revisionId,omitempty"`
	EncryptionConfiguration *EncryptionConfiguration `json:"encryptionConfiguration,omitempty"`
	VariableReferences      map[string][]string      `json:"variableReferences,omitempty"`
}

// ListMapRunsInput is ListMapRuns' input.
type ListMapRunsInput struct {
	ExecutionArn string `json:"executionArn"`
	MaxResults   int    `json:"maxResults,omitempty"`
	NextToken    string `json:"nextToken,omitempty"`
}

// ListMapRunsOutput is ListMapRuns' output.
type ListMapRunsOutput struct {
	MapRuns   []MapRunListItem `json:"mapRuns"`
	NextToken string           `json:"nextToken,omitempty"`
}

// MapRunListItem is one Map Run of ListMapRuns.
type MapRunListItem struct {
	ExecutionArn    string `json:"executionArn"`
	MapRunArn       string `json:"mapRunArn"`
	StateMachineArn string `json:"stateMachineArn"`
	StartDate       Time   `json:"startDate"`
	StopDate        Time   `json:"stopDate,omitzero"`
}

// DescribeMapRunInput is DescribeMapRun's input.
type DescribeMapRunInput struct {
	MapRunArn string `json:"mapRunArn"`
}

// DescribeMapRunOutput is DescribeMapRun's output.
type DescribeMapRunOutput struct {
	MapRunArn                  string                `json:"mapRunArn"`
	ExecutionArn               string                `json:"executionArn"`
	Status                     MapRunStatus          `json:"status"`
	StartDate                  Time                  `json:"startDate"`
	StopDate                   Time                  `json:"stopDate,omitzero"`
	MaxConcurrency             int                   `json:"maxConcurrency"`
	ToleratedFailurePercentage float64               `json:"toleratedFailurePercentage"`
	ToleratedFailureCount      int64                 `json:"toleratedFailureCount"`
	ItemCounts                 MapRunItemCounts      `json:"itemCounts"`
	ExecutionCounts            MapRunExecutionCounts `json:"executionCounts"`
	RedriveCount               *int                  `json:"redriveCount,omitempty"`
	RedriveDate                Time                  `json:"redriveDate,omitzero"`
}

// MapRunItemCounts counts a Map Run's items by status.
type MapRunItemCounts struct {
	Pending               int64  `json:"pending"`
	Running               int64  `json:"running"`
	Succeeded             int64  `json:"succeeded"`
	Failed                int64  `json:"failed"`
	TimedOut              int64  `json:"timedOut"`
	Aborted               int64  `json:"aborted"`
	Total                 int64  `json:"total"`
	ResultsWritten        int64  `json:"resultsWritten"`
	FailuresNotRedrivable *int64 `json:"failuresNotRedrivable,omitempty"`
	PendingRedrive        *int64 `json:"pendingRedrive,omitempty"`
}

// MapRunExecutionCounts counts a Map Run's child executions by status; it
// has the members of MapRunItemCounts.
type MapRunExecutionCounts = MapRunItemCounts

// UpdateMapRunInput is UpdateMapRun's input; nil members stay unchanged.
type UpdateMapRunInput struct {
	MapRunArn                  string   `json:"mapRunArn"`
	MaxConcurrency             *int     `json:"maxConcurrency,omitempty"`
	ToleratedFailurePercentage *float64 `json:"toleratedFailurePercentage,omitempty"`
	ToleratedFailureCount      *int64   `json:"toleratedFailureCount,omitempty"`
}

// InspectionLevel is TestState's level of detail.
type InspectionLevel string

// The inspection levels.
const (
	InspectionLevelInfo  InspectionLevel = "INFO"
	InspectionLevelDebug InspectionLevel = "DEBUG"
	InspectionLevelTrace InspectionLevel = "TRACE"
)

// TestExecutionStatus is TestState's result status.
type TestExecutionStatus string

// The TestState statuses.
const (
	TestExecutionStatusSucceeded   TestExecutionStatus = "SUCCEEDED"
	TestExecutionStatusFailed      TestExecutionStatus = "FAILED"
	TestExecutionStatusRetriable   TestExecutionStatus = "RETRIABLE"
	TestExecutionStatusCaughtError TestExecutionStatus = "CAUGHT_ERROR"
)

// MockResponseValidationMode is how strictly TestState checks a mocked
// result against the integration's API model.
type MockResponseValidationMode string

// The mock validation modes.
const (
	MockResponseValidationModeStrict  MockResponseValidationMode = "STRICT"
	MockResponseValidationModePresent MockResponseValidationMode = "PRESENT"
	MockResponseValidationModeNone    MockResponseValidationMode = "NONE"
)

// TestStateInput is TestState's input.
type TestStateInput struct {
	Definition         string                  `json:"definition"`
	RoleArn            string                  `json:"roleArn,omitempty"`
	Input              *string                 `json:"input,omitempty"`
	InspectionLevel    InspectionLevel         `json:"inspectionLevel,omitempty"`
	RevealSecrets      bool                    `json:"revealSecrets,omitempty"`
	Variables          *string                 `json:"variables,omitempty"`
	StateName          string                  `json:"stateName,omitempty"`
	Mock               *MockInput              `json:"mock,omitempty"`
	Context            *string                 `json:"context,omitempty"`
	StateConfiguration *TestStateConfiguration `json:"stateConfiguration,omitempty"`
}

// MockInput is a mocked result or error for TestState.
type MockInput struct {
	Result              *string                    `json:"result,omitempty"`
	ErrorOutput         *MockErrorOutput           `json:"errorOutput,omitempty"`
	FieldValidationMode MockResponseValidationMode `json:"fieldValidationMode,omitempty"`
}

// MockErrorOutput is a mocked error.
type MockErrorOutput struct {
	Error *string `json:"error,omitempty"`
	Cause *string `json:"cause,omitempty"`
}

// TestStateConfiguration sets up the situation TestState tests.
type TestStateConfiguration struct {
	RetrierRetryCount        *int   `json:"retrierRetryCount,omitempty"`
	ErrorCausedByState       string `json:"errorCausedByState,omitempty"`
	MapIterationFailureCount *int   `json:"mapIterationFailureCount,omitempty"`
	MapItemReaderData        string `json:"mapItemReaderData,omitempty"`
}

// TestStateOutput is TestState's output.
type TestStateOutput struct {
	Output         string              `json:"output,omitempty"`
	Error          *string             `json:"error,omitempty"`
	Cause          *string             `json:"cause,omitempty"`
	InspectionData *InspectionData     `json:"inspectionData,omitempty"`
	NextState      string              `json:"nextState,omitempty"`
	Status         TestExecutionStatus `json:"status,omitempty"`
}

// InspectionData is the detail TestState reports at DEBUG and TRACE level.
type InspectionData struct {
	Input                      string                  `json:"input,omitempty"`
	AfterArguments             string                  `json:"afterArguments,omitempty"`
	AfterInputPath             string                  `json:"afterInputPath,omitempty"`
	AfterParameters            string                  `json:"afterParameters,omitempty"`
	Result                     string                  `json:"result,omitempty"`
	AfterResultSelector        string                  `json:"afterResultSelector,omitempty"`
	AfterResultPath            string                  `json:"afterResultPath,omitempty"`
	Request                    *InspectionDataRequest  `json:"request,omitempty"`
	Response                   *InspectionDataResponse `json:"response,omitempty"`
	Variables                  string                  `json:"variables,omitempty"`
	ErrorDetails               *InspectionErrorDetails `json:"errorDetails,omitempty"`
	AfterItemsPath             string                  `json:"afterItemsPath,omitempty"`
	AfterItemSelector          string                  `json:"afterItemSelector,omitempty"`
	AfterItemBatcher           string                  `json:"afterItemBatcher,omitempty"`
	AfterItemsPointer          string                  `json:"afterItemsPointer,omitempty"`
	ToleratedFailureCount      *int                    `json:"toleratedFailureCount,omitempty"`
	ToleratedFailurePercentage *float64                `json:"toleratedFailurePercentage,omitempty"`
	MaxConcurrency             *int                    `json:"maxConcurrency,omitempty"`
}

// InspectionDataRequest is the HTTP request of an HTTP Task (TRACE level).
type InspectionDataRequest struct {
	Protocol string `json:"protocol,omitempty"`
	Method   string `json:"method,omitempty"`
	Url      string `json:"url,omitempty"`
	Headers  string `json:"headers,omitempty"`
	Body     string `json:"body,omitempty"`
}

// InspectionDataResponse is the HTTP response of an HTTP Task (TRACE level).
type InspectionDataResponse struct {
	Protocol      string `json:"protocol,omitempty"`
	StatusCode    string `json:"statusCode,omitempty"`
	StatusMessage string `json:"statusMessage,omitempty"`
	Headers       string `json:"headers,omitempty"`
	Body          string `json:"body,omitempty"`
}

// InspectionErrorDetails tells which retrier or catcher handled an error.
type InspectionErrorDetails struct {
	CatchIndex                  *int `json:"catchIndex,omitempty"`
	RetryIndex                  *int `json:"retryIndex,omitempty"`
	RetryBackoffIntervalSeconds *int `json:"retryBackoffIntervalSeconds,omitempty"`
}
