package stepwise

// The inputs and outputs of the activity, task and tag actions.

// CreateActivityInput is CreateActivity's input.
type CreateActivityInput struct {
	Name                    string                   `json:"name"`
	Tags                    []Tag                    `json:"tags,omitempty"`
	EncryptionConfiguration *EncryptionConfiguration `json:"encryptionConfiguration,omitempty"`
}

// CreateActivityOutput is CreateActivity's output.
type CreateActivityOutput struct {
	ActivityArn  string `json:"activityArn"`
	CreationDate Time   `json:"creationDate"`
}

// DescribeActivityInput is DescribeActivity's input.
type DescribeActivityInput struct {
	ActivityArn string `json:"activityArn"`
}

// DescribeActivityOutput is DescribeActivity's output.
type DescribeActivityOutput struct {
	ActivityArn             string                   `json:"activityArn"`
	Name                    string                   `json:"name"`
	CreationDate            Time                     `json:"creationDate"`
	EncryptionConfiguration *EncryptionConfiguration `json:"encryptionConfiguration,omitempty"`
}

// ListActivitiesInput is ListActivities' input.
type ListActivitiesInput struct {
	MaxResults int    `json:"maxResults,omitempty"`
	NextToken  string `json:"nextToken,omitempty"`
}

// ListActivitiesOutput is ListActivities' output.
type ListActivitiesOutput struct {
	Activities []ActivityListItem `json:"activities"`
	NextToken  string             `json:"nextToken,omitempty"`
}

// ActivityListItem is one activity of ListActivities.
type ActivityListItem struct {
	ActivityArn  string `json:"activityArn"`
	Name         string `json:"name"`
	CreationDate Time   `json:"creationDate"`
}

// DeleteActivityInput is DeleteActivity's input.
type DeleteActivityInput struct {
	ActivityArn string `json:"activityArn"`
}

// GetActivityTaskInput is GetActivityTask's input.
type GetActivityTaskInput struct {
	ActivityArn string `json:"activityArn"`
	WorkerName  string `json:"workerName,omitempty"`
}

// GetActivityTaskOutput is GetActivityTask's output; both members are
// absent when no task arrived before the poll timed out.
type GetActivityTaskOutput struct {
	TaskToken string `json:"taskToken,omitempty"`
	Input     string `json:"input,omitempty"`
}

// SendTaskSuccessInput is SendTaskSuccess's input.
type SendTaskSuccessInput struct {
	TaskToken string `json:"taskToken"`
	Output    string `json:"output"`
}

// SendTaskFailureInput is SendTaskFailure's input.
type SendTaskFailureInput struct {
	TaskToken string  `json:"taskToken"`
	Error     *string `json:"error,omitempty"`
	Cause     *string `json:"cause,omitempty"`
}

// SendTaskHeartbeatInput is SendTaskHeartbeat's input.
type SendTaskHeartbeatInput struct {
	TaskToken string `json:"taskToken"`
}

// TagResourceInput is TagResource's input.
type TagResourceInput struct {
	ResourceArn string `json:"resourceArn"`
	Tags        []Tag  `json:"tags"`
}

// UntagResourceInput is UntagResource's input.
type UntagResourceInput struct {
	ResourceArn string   `json:"resourceArn"`
	TagKeys     []string `json:"tagKeys"`
}

// ListTagsForResourceInput is ListTagsForResource's input.
type ListTagsForResourceInput struct {
	ResourceArn string `json:"resourceArn"`
}

// ListTagsForResourceOutput is ListTagsForResource's output.
type ListTagsForResourceOutput struct {
	Tags []Tag `json:"tags"`
}
