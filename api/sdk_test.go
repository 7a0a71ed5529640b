package api_test

import (
	"errors"
	"sort"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"

	"github.com/stepwisehq/stepwise/api"
)

func TestSDKStateMachineLifecycle(t *testing.T) {
	t.Parallel()
	b := newBundle(t, api.Options{})
	created := b.createMachine(t, "machine-1", false)
	if aws.ToString(created.StateMachineArn) != "arn:aws:states:us-east-1:123456789012:stateMachine:machine-1" ||
		created.CreationDate == nil || time.Since(*created.CreationDate) > time.Minute {
		t.Fatalf("CreateStateMachine = %+v", created)
	}
	d, err := b.client.DescribeStateMachine(b.ctx, &sfn.DescribeStateMachineInput{StateMachineArn: created.StateMachineArn})
	must(t, "DescribeStateMachine", err)
	if aws.ToString(d.Name) != "machine-1" || aws.ToString(d.Definition) != passDef || d.Type != types.StateMachineTypeStandard ||
		d.Status != types.StateMachineStatusActive || d.LoggingConfiguration == nil || d.LoggingConfiguration.Level != types.LogLevelOff ||
		d.TracingConfiguration == nil || d.TracingConfiguration.Enabled || !d.CreationDate.Equal(*created.CreationDate) {
		t.Errorf("DescribeStateMachine = %+v", d)
	}
	up, err := b.client.UpdateStateMachine(b.ctx, &sfn.UpdateStateMachineInput{StateMachineArn: created.StateMachineArn,
		Definition: aws.String(`{"StartAt":"Q","States":{"Q":{"Type":"Pass","End":true}}}`), Publish: true, VersionDescription: aws.String("v1")})
	must(t, "UpdateStateMachine", err)
	if aws.ToString(up.RevisionId) == "" || aws.ToString(up.StateMachineVersionArn) != aws.ToString(created.StateMachineArn)+":1" {
		t.Errorf("UpdateStateMachine = %+v", up)
	}
	list, err := b.client.ListStateMachines(b.ctx, &sfn.ListStateMachinesInput{})
	must(t, "ListStateMachines", err)
	if len(list.StateMachines) != 1 || aws.ToString(list.StateMachines[0].Name) != "machine-1" || list.NextToken != nil {
		t.Errorf("ListStateMachines = %+v", list)
	}
	_, err = b.client.DeleteStateMachine(b.ctx, &sfn.DeleteStateMachineInput{StateMachineArn: created.StateMachineArn})
	must(t, "DeleteStateMachine", err)
	_, err = b.client.DescribeStateMachine(b.ctx, &sfn.DescribeStateMachineInput{StateMachineArn: created.StateMachineArn})
	var notExist *types.StateMachineDoesNotExist
	if !errors.As(err, &notExist) || aws.ToString(notExist.Message) != "State Machine Does Not Exist: '"+aws.ToString(created.StateMachineArn)+"'" {
		t.Errorf("describe deleted: %v", err)
	}
}

func TestSDKPagination(t *testing.T) {
	t.Parallel()
	b := newBundle(t, api.Options{})
	want := []string{"a", "b", "c", "d", "e"}
	for _, n := range []string{"d", "a", "e", "c", "b"} {
		b.createMachine(t, n, false)
	}
	var got []string
	p := sfn.NewListStateMachinesPaginator(b.client, &sfn.ListStateMachinesInput{MaxResults: 2})
	for p.HasMorePages() {
		page, err := p.NextPage(b.ctx)
		must(t, "ListStateMachines page", err)
		for _, sm := range page.StateMachines {
			got = append(got, aws.ToString(sm.Name))
		}
	}
	if len(got) != len(want) || !sort.StringsAreSorted(got) {
		t.Errorf("paged names = %v, want %v", got, want)
	}
	_, err := b.client.ListStateMachines(b.ctx, &sfn.ListStateMachinesInput{MaxResults: 1001})
	wantAPIError(t, "maxResults 1001", err, "ValidationException",
		"1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000")
	_, err = b.client.ListStateMachines(b.ctx, &sfn.ListStateMachinesInput{NextToken: aws.String("InvalidToken")})
	var invalidToken *types.InvalidToken
	if !errors.As(err, &invalidToken) || aws.ToString(invalidToken.Message) != "Invalid Token: 'Invalid token'" {
		t.Errorf("bad token: %v", err)
	}
}

func TestSDKVersionsAndAliases(t *testing.T) {
	t.Parallel()
	b := newBundle(t, api.Options{})
	created := b.createMachine(t, "m", true)
	v1 := aws.ToString(created.StateMachineVersionArn)
	alias, err := b.client.CreateStateMachineAlias(b.ctx, &sfn.CreateStateMachineAliasInput{
		Name: aws.String("prod"), Description: aws.String("production"),
		RoutingConfiguration: []types.RoutingConfigurationListItem{{StateMachineVersionArn: aws.String(v1), Weight: 100}},
	})
	must(t, "CreateStateMachineAlias", err)
	d, err := b.client.DescribeStateMachineAlias(b.ctx, &sfn.DescribeStateMachineAliasInput{StateMachineAliasArn: alias.StateMachineAliasArn})
	must(t, "DescribeStateMachineAlias", err)
	if aws.ToString(d.Name) != "prod" || aws.ToString(d.Description) != "production" || len(d.RoutingConfiguration) != 1 ||
		d.RoutingConfiguration[0].Weight != 100 || d.CreationDate == nil || d.UpdateDate == nil {
		t.Errorf("DescribeStateMachineAlias = %+v", d)
	}
	versions, err := b.client.ListStateMachineVersions(b.ctx, &sfn.ListStateMachineVersionsInput{StateMachineArn: created.StateMachineArn})
	must(t, "ListStateMachineVersions", err)
	if len(versions.StateMachineVersions) != 1 || aws.ToString(versions.StateMachineVersions[0].StateMachineVersionArn) != v1 {
		t.Errorf("versions = %+v", versions.StateMachineVersions)
	}
	aliases, err := b.client.ListStateMachineAliases(b.ctx, &sfn.ListStateMachineAliasesInput{StateMachineArn: created.StateMachineArn})
	must(t, "ListStateMachineAliases", err)
	if len(aliases.StateMachineAliases) != 1 {
		t.Errorf("aliases = %+v", aliases.StateMachineAliases)
	}
	_, err = b.client.DeleteStateMachineVersion(b.ctx, &sfn.DeleteStateMachineVersionInput{StateMachineVersionArn: aws.String(v1)})
	var conflict *types.ConflictException
	if !errors.As(err, &conflict) {
		t.Errorf("deleting a routed version: %v", err)
	}
	_, err = b.client.CreateStateMachineAlias(b.ctx, &sfn.CreateStateMachineAliasInput{Name: aws.String("123"),
		RoutingConfiguration: []types.RoutingConfigurationListItem{{StateMachineVersionArn: aws.String(v1), Weight: 100}}})
	wantAPIError(t, "alias name 123", err, "ValidationException", "1 validation error detected: Value '123' at 'name' failed to satisfy "+
		`constraint: Member must satisfy regular expression pattern: ^(?=.*[a-zA-Z_\-\.])[a-zA-Z0-9_\-\.]+$`)
	_, err = b.client.UpdateStateMachineAlias(b.ctx, &sfn.UpdateStateMachineAliasInput{
		StateMachineAliasArn: aws.String(aws.ToString(created.StateMachineArn) + ":nope"), Description: aws.String("x")})
	var notFound *types.ResourceNotFound
	if !errors.As(err, &notFound) || aws.ToString(notFound.Message) != "Request references a resource that does not exist." {
		t.Errorf("update unknown alias: %v", err)
	}
	_, err = b.client.DeleteStateMachineAlias(b.ctx, &sfn.DeleteStateMachineAliasInput{StateMachineAliasArn: alias.StateMachineAliasArn})
	must(t, "DeleteStateMachineAlias", err)
	_, err = b.client.DeleteStateMachineVersion(b.ctx, &sfn.DeleteStateMachineVersionInput{StateMachineVersionArn: aws.String(v1)})
	must(t, "DeleteStateMachineVersion", err)
}

func TestSDKActivitiesAndTags(t *testing.T) {
	t.Parallel()
	b := newBundle(t, api.Options{})
	act, err := b.client.CreateActivity(b.ctx, &sfn.CreateActivityInput{Name: aws.String("worker"),
		Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("core")}}})
	must(t, "CreateActivity", err)
	d, err := b.client.DescribeActivity(b.ctx, &sfn.DescribeActivityInput{ActivityArn: act.ActivityArn})
	must(t, "DescribeActivity", err)
	if aws.ToString(d.Name) != "worker" || !d.CreationDate.Equal(*act.CreationDate) {
		t.Errorf("DescribeActivity = %+v", d)
	}
	list, err := b.client.ListActivities(b.ctx, &sfn.ListActivitiesInput{})
	must(t, "ListActivities", err)
	if len(list.Activities) != 1 {
		t.Errorf("ListActivities = %+v", list)
	}
	_, err = b.client.TagResource(b.ctx, &sfn.TagResourceInput{ResourceArn: act.ActivityArn,
		Tags: []types.Tag{{Key: aws.String("env"), Value: aws.String("")}}})
	must(t, "TagResource", err)
	_, err = b.client.UntagResource(b.ctx, &sfn.UntagResourceInput{ResourceArn: act.ActivityArn, TagKeys: []string{"team"}})
	must(t, "UntagResource", err)
	tags, err := b.client.ListTagsForResource(b.ctx, &sfn.ListTagsForResourceInput{ResourceArn: act.ActivityArn})
	must(t, "ListTagsForResource", err)
	if len(tags.Tags) != 1 || aws.ToString(tags.Tags[0].Key) != "env" || tags.Tags[0].Value == nil || *tags.Tags[0].Value != "" {
		t.Errorf("tags = %+v", tags.Tags)
	}
	_, err = b.client.CreateActivity(b.ctx, &sfn.CreateActivityInput{Name: aws.String("bad name")})
	var invalidName *types.InvalidName
	if !errors.As(err, &invalidName) || aws.ToString(invalidName.Message) != "Invalid Name: 'bad name'" {
		t.Errorf("bad name: %v", err)
	}
	_, err = b.client.DeleteActivity(b.ctx, &sfn.DeleteActivityInput{ActivityArn: act.ActivityArn})
	must(t, "DeleteActivity", err)
	_, err = b.client.DescribeActivity(b.ctx, &sfn.DescribeActivityInput{ActivityArn: act.ActivityArn})
	var noActivity *types.ActivityDoesNotExist
	if !errors.As(err, &noActivity) {
		t.Errorf("describe deleted activity: %v", err)
	}
}

func TestSDKErrors(t *testing.T) {
	t.Parallel()
	b := newBundle(t, api.Options{})
	b.createMachine(t, "m", false)
	_, err := b.client.CreateStateMachine(b.ctx, &sfn.CreateStateMachineInput{Name: aws.String("m"),
		Definition: aws.String(`{"StartAt":"X","States":{"X":{"Type":"Succeed"}}}`), RoleArn: aws.String(testRole)})
	var exists *types.StateMachineAlreadyExists
	if !errors.As(err, &exists) {
		t.Errorf("duplicate: %v", err)
	}
	_, err = b.client.CreateStateMachine(b.ctx, &sfn.CreateStateMachineInput{Name: aws.String("bad"),
		Definition: aws.String(`{"StartAt":"P"}`), RoleArn: aws.String(testRole)})
	var invalidDef *types.InvalidDefinition
	if !errors.As(err, &invalidDef) ||
		aws.ToString(invalidDef.Message) != "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required: [States] at /'" {
		t.Errorf("invalid definition: %v", err)
	}
	_, err = b.client.DescribeStateMachine(b.ctx, &sfn.DescribeStateMachineInput{StateMachineArn: aws.String("not_a_valid_arn")})
	var invalidArn *types.InvalidArn
	if !errors.As(err, &invalidArn) || aws.ToString(invalidArn.Message) != "Invalid Arn: 'Invalid ARN prefix: not_a_valid_arn'" {
		t.Errorf("invalid ARN: %v", err)
	}
	_, err = b.client.UpdateStateMachine(b.ctx, &sfn.UpdateStateMachineInput{
		StateMachineArn: aws.String("arn:aws:states:us-east-1:123456789012:stateMachine:m")})
	var missing *types.MissingRequiredParameter
	if !errors.As(err, &missing) {
		t.Errorf("update nothing: %v", err)
	}
	_, err = b.client.CreateStateMachine(b.ctx, &sfn.CreateStateMachineInput{Name: aws.String("n"), Definition: aws.String(passDef),
		RoleArn: aws.String(testRole), VersionDescription: aws.String("d")})
	var validation *types.ValidationException
	if !errors.As(err, &validation) || aws.ToString(validation.Message) != "Version description can only be set when publish is true" {
		t.Errorf("version description: %v", err)
	}
	out, err := b.client.ValidateStateMachineDefinition(b.ctx, &sfn.ValidateStateMachineDefinitionInput{Definition: aws.String(`{"States":{}}`)})
	must(t, "ValidateStateMachineDefinition", err)
	if out.Result != types.ValidateStateMachineDefinitionResultCodeFail || len(out.Diagnostics) == 0 || aws.ToBool(out.Truncated) {
		t.Errorf("ValidateStateMachineDefinition = %+v", out)
	}
}

func TestSDKExecution(t *testing.T) {
	t.Parallel()
	b := newBundle(t, api.Options{})
	created := b.createMachine(t, "m", false)
	start, err := b.client.StartExecution(b.ctx, &sfn.StartExecutionInput{StateMachineArn: created.StateMachineArn,
		Name: aws.String("x1"), Input: aws.String(`{"a":1}`)})
	must(t, "StartExecution", err)
	var d *sfn.DescribeExecutionOutput
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		d, err = b.client.DescribeExecution(b.ctx, &sfn.DescribeExecutionInput{ExecutionArn: start.ExecutionArn})
		must(t, "DescribeExecution", err)
		if d.Status != types.ExecutionStatusRunning {
			break
		}
	}
	if d.Status != types.ExecutionStatusSucceeded || aws.ToString(d.Output) != `{"ok":true}` || aws.ToString(d.Input) != `{"a":1}` {
		t.Fatalf("DescribeExecution = %+v", d)
	}
	h, err := b.client.GetExecutionHistory(b.ctx, &sfn.GetExecutionHistoryInput{ExecutionArn: start.ExecutionArn})
	must(t, "GetExecutionHistory", err)
	if len(h.Events) != 4 || h.Events[0].Type != types.HistoryEventTypeExecutionStarted || h.Events[3].Type != types.HistoryEventTypeExecutionSucceeded ||
		h.Events[0].Timestamp == nil || h.Events[1].StateEnteredEventDetails == nil {
		t.Errorf("history = %+v", h.Events)
	}
	_, err = b.client.StartExecution(b.ctx, &sfn.StartExecutionInput{StateMachineArn: created.StateMachineArn, Input: aws.String("")})
	wantAPIError(t, "empty input", err, "InvalidExecutionInput", "Invalid State Machine Execution Input: 'Invalid execution input.'")
}

func TestActionsWired(t *testing.T) {
	t.Parallel()
	b := newBundle(t, api.Options{})
	got := api.Actions(b.sw.Client())
	sort.Strings(got)
	all := []string{"CreateActivity", "CreateStateMachine", "CreateStateMachineAlias", "DeleteActivity", "DeleteStateMachine",
		"DeleteStateMachineAlias", "DeleteStateMachineVersion", "DescribeActivity", "DescribeExecution", "DescribeMapRun",
		"DescribeStateMachine", "DescribeStateMachineAlias", "DescribeStateMachineForExecution", "GetActivityTask",
		"GetExecutionHistory", "ListActivities", "ListExecutions", "ListMapRuns", "ListStateMachineAliases",
		"ListStateMachineVersions", "ListStateMachines", "ListTagsForResource", "PublishStateMachineVersion",
		"RedriveExecution", "SendTaskFailure", "SendTaskHeartbeat", "SendTaskSuccess", "StartExecution",
		"StartSyncExecution", "StopExecution", "TagResource", "TestState", "UntagResource", "UpdateMapRun",
		"UpdateStateMachine", "UpdateStateMachineAlias", "ValidateStateMachineDefinition"}
	have := map[string]bool{}
	for _, a := range got {
		have[a] = true
	}
	var missing []string
	for _, a := range all {
		if !have[a] {
			missing = append(missing, a)
		}
	}
	t.Logf("%d of %d actions wired; not yet: %v", len(got), len(all), missing)
	if len(got) < 32 {
		t.Errorf("only %d actions wired: %v", len(got), got)
	}
}
