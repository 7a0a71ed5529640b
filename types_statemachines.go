package stepwise

// The inputs and outputs of the state machine, version, alias and
// validation actions.

// CreateStateMachineInput is CreateStateMachine's input.
type CreateStateMachineInput struct {
	Name                    string                   `json:"name"`
	Definition              string                   `json:"definition"`
	RoleArn                 string                   `json:"roleArn"`
	Type                    StateMachineType         `json:"type,omitempty"`
	LoggingConfiguration    *LoggingConfiguration    `json:"loggingConfiguration,omitempty"`
	Tags                    []Tag                    `json:"tags,omitempty"`
	TracingConfiguration    *TracingConfiguration    `json:"tracingConfiguration,omitempty"`
	Publish                 bool                     `json:"publish,omitempty"`
	VersionDescription      string                   `json:"versionDescription,omitempty"`
	EncryptionConfiguration *EncryptionConfiguration `json:"encryptionConfiguration,omitempty"`
}

// CreateStateMachineOutput is CreateStateMachine's output.
type CreateStateMachineOutput struct {
	StateMachineArn        string `json:"stateMachineArn"`
	CreationDate           Time   `json:"creationDate"`
	StateMachineVersionArn string `json:"stateMachineVersionArn,omitempty"`
}

// DescribeStateMachineInput is DescribeStateMachine's input.
type DescribeStateMachineInput struct {
	StateMachineArn string       `json:"stateMachineArn"`
	IncludedData    IncludedData `json:"includedData,omitempty"`
}

// DescribeStateMachineOutput is DescribeStateMachine's output.
type DescribeStateMachineOutput struct {
	StateMachineArn         string                   `json:"stateMachineArn"`
	Name                    string                   `json:"name"`
	Status                  StateMachineStatus       `json:"status,omitempty"`
	Definition              string                   `json:"definition"`
	RoleArn                 string                   `json:"roleArn"`
	Type                    StateMachineType         `json:"type"`
	CreationDate            Time                     `json:"creationDate"`
	LoggingConfiguration    *LoggingConfiguration    `json:"loggingConfiguration,omitempty"`
	TracingConfiguration    *TracingConfiguration    `json:"tracingConfiguration,omitempty"`
	Label                   string                   `json:"label,omitempty"`
	RevisionId              string                   `json:"revisionId,omitempty"`
	Description             string                   `json:"description,omitempty"`
	EncryptionConfiguration *EncryptionConfiguration `json:"encryptionConfiguration,omitempty"`
	VariableReferences      map[string][]string      `json:"variableReferences,omitempty"`
}

// ListStateMachinesInput is ListStateMachines' input.
type ListStateMachinesInput struct {
	MaxResults int    `json:"maxResults,omitempty"`
	NextToken  string `json:"nextToken,omitempty"`
}

// ListStateMachinesOutput is ListStateMachines' output.
type ListStateMachinesOutput struct {
	StateMachines []StateMachineListItem `json:"stateMachines"`
	NextToken     string                 `json:"nextToken,omitempty"`
}

// StateMachineListItem is one state machine of ListStateMachines.
type StateMachineListItem struct {
	StateMachineArn string           `json:"stateMachineArn"`
	Name            string           `json:"name"`
	Type            StateMachineType `json:"type"`
	CreationDate    Time             `json:"creationDate"`
}

// UpdateStateMachineInput is UpdateStateMachine's input. An empty
// Definition or RoleArn leaves that member unchanged.
type UpdateStateMachineInput struct {
	StateMachineArn         string                   `json:"stateMachineArn"`
	Definition              string                   `json:"definition,omitempty"`
	RoleArn                 string                   `json:"roleArn,omitempty"`
	LoggingConfiguration    *LoggingConfiguration    `json:"loggingConfiguration,omitempty"`
	TracingConfiguration    *TracingConfiguration    `json:"tracingConfiguration,omitempty"`
	Publish                 bool                     `json:"publish,omitempty"`
	VersionDescription      string                   `json:"versionDescription,omitempty"`
	EncryptionConfiguration *EncryptionConfiguration `json:"encryptionConfiguration,omitempty"`
}

// UpdateStateMachineOutput is UpdateStateMachine's output.
type UpdateStateMachineOutput struct {
	UpdateDate             Time   `json:"updateDate"`
	RevisionId             string `json:"revisionId,omitempty"`
	StateMachineVersionArn string `json:"stateMachineVersionArn,omitempty"`
}

// DeleteStateMachineInput is DeleteStateMachine's input.
type DeleteStateMachineInput struct {
	StateMachineArn string `json:"stateMachineArn"`
}

// PublishStateMachineVersionInput is PublishStateMachineVersion's input.
type PublishStateMachineVersionInput struct {
	StateMachineArn string `json:"stateMachineArn"`
	RevisionId      string `json:"revisionId,omitempty"`
	Description     string `json:"description,omitempty"`
}

// PublishStateMachineVersionOutput is PublishStateMachineVersion's output.
type PublishStateMachineVersionOutput struct {
	CreationDate           Time   `json:"creationDate"`
	StateMachineVersionArn string `json:"stateMachineVersionArn"`
}

// ListStateMachineVersionsInput is ListStateMachineVersions' input.
type ListStateMachineVersionsInput struct {
	StateMachineArn string `json:"stateMachineArn"`
	NextToken       string `json:"nextToken,omitempty"`
	MaxResults      int    `json:"maxResults,omitempty"`
}

// ListStateMachineVersionsOutput is ListStateMachineVersions' output.
type ListStateMachineVersionsOutput struct {
	StateMachineVersions []StateMachineVersionListItem `json:"stateMachineVersions"`
	NextToken            string                        `json:"nextToken,omitempty"`
}

// StateMachineVersionListItem is one version of ListStateMachineVersions.
type StateMachineVersionListItem struct {
	StateMachineVersionArn string `json:"stateMachineVersionArn"`
	CreationDate           Time   `json:"creationDate"`
}

// DeleteStateMachineVersionInput is DeleteStateMachineVersion's input.
type DeleteStateMachineVersionInput struct {
	StateMachineVersionArn string `json:"stateMachineVersionArn"`
}

// CreateStateMachineAliasInput is CreateStateMachineAlias's input.
type CreateStateMachineAliasInput struct {
	Description          string                         `json:"description,omitempty"`
	Name                 string                         `json:"name"`
	RoutingConfiguration []RoutingConfigurationListItem `json:"routingConfiguration"`
}

// CreateStateMachineAliasOutput is CreateStateMachineAlias's output.
type CreateStateMachineAliasOutput struct {
	StateMachineAliasArn string `json:"stateMachineAliasArn"`
	CreationDate         Time   `json:"creationDate"`
}

// DescribeStateMachineAliasInput is DescribeStateMachineAlias's input.
type DescribeStateMachineAliasInput struct {
	StateMachineAliasArn string `json:"stateMachineAliasArn"`
}

// DescribeStateMachineAliasOutput is DescribeStateMachineAlias's output.
type DescribeStateMachineAliasOutput struct {
	StateMachineAliasArn string                         `json:"stateMachineAliasArn,omitempty"`
	Name                 string                         `json:"name,omitempty"`
	Description          string                         `json:"description,omitempty"`
	RoutingConfiguration []RoutingConfigurationListItem `json:"routingConfiguration,omitempty"`
	CreationDate         Time                           `json:"creationDate,omitzero"`
	UpdateDate           Time                           `json:"updateDate,omitzero"`
}

// ListStateMachineAliasesInput is ListStateMachineAliases' input.
type ListStateMachineAliasesInput struct {
	StateMachineArn string `json:"stateMachineArn"`
	NextToken       string `json:"nextToken,omitempty"`
	MaxResults      int    `json:"maxResults,omitempty"`
}

// ListStateMachineAliasesOutput is ListStateMachineAliases' output.
type ListStateMachineAliasesOutput struct {
	StateMachineAliases []StateMachineAliasListItem `json:"stateMachineAliases"`
	NextToken           string                      `json:"nextToken,omitempty"`
}

// StateMachineAliasListItem is one alias of ListStateMachineAliases.
type StateMachineAliasListItem struct {
	StateMachineAliasArn string `json:"stateMachineAliasArn"`
	CreationDate         Time   `json:"creationDate"`
}

// UpdateStateMachineAliasInput is UpdateStateMachineAlias's input. A nil
// Description or RoutingConfiguration leaves that member unchanged.
type UpdateStateMachineAliasInput struct {
	StateMachineAliasArn string                         `json:"stateMachineAliasArn"`
	Description          *string                        `json:"description,omitempty"`
	RoutingConfiguration []RoutingConfigurationListItem `json:"routingConfiguration,omitempty"`
}

// UpdateStateMachineAliasOutput is UpdateStateMachineAlias's output.
type UpdateStateMachineAliasOutput struct {
	UpdateDate Time `json:"updateDate"`
}

// DeleteStateMachineAliasInput is DeleteStateMachineAlias's input.
type DeleteStateMachineAliasInput struct {
	StateMachineAliasArn string `json:"stateMachineAliasArn"`
}

// ValidationSeverity is a diagnostic's severity.
type ValidationSeverity string

// The diagnostic severities.
const (
	ValidationSeverityError   ValidationSeverity = "ERROR"
	ValidationSeverityWarning ValidationSeverity = "WARNING"
)

// ValidationResultCode is OK or FAIL.
type ValidationResultCode string

// The validation results.
const (
	ValidationResultOK   ValidationResultCode = "OK"
	ValidationResultFail ValidationResultCode = "FAIL"
)

// ValidateStateMachineDefinitionInput is ValidateStateMachineDefinition's
// input.
type ValidateStateMachineDefinitionInput struct {
	Definition string             `json:"definition"`
	Type       StateMachineType   `json:"type,omitempty"`
	Severity   ValidationSeverity `json:"severity,omitempty"`
	MaxResults int                `json:"maxResults,omitempty"`
}

// ValidateStateMachineDefinitionOutput is ValidateStateMachineDefinition's
// output.
type ValidateStateMachineDefinitionOutput struct {
	Result      ValidationResultCode                       `json:"result"`
	Diagnostics []ValidateStateMachineDefinitionDiagnostic `json:"diagnostics"`
	Truncated   bool                                       `json:"truncated"`
}

// ValidateStateMachineDefinitionDiagnostic is one problem found in a
// definition.
type ValidateStateMachineDefinitionDiagnostic struct {
	Severity ValidationSeverity `json:"severity"`
	Code     string             `json:"code"`
	Message  string             `json:"message"`
	Location string             `json:"location,omitempty"`
}
