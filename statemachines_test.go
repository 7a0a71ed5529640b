package stepwise

import (
	"strings"
	"testing"
	"time"
)

func TestCreateDescribeStateMachine(t *testing.T) {
	t.Parallel()
	b := newControl(t)
	out := b.createMachine(t, "m", passDef, false)
	if out.StateMachineArn != machineArn("m") || out.StateMachineVersionArn != "" {
		t.Fatalf("CreateStateMachine = %+v", out)
	}
	if !out.CreationDate.Equal(b.clock.Now()) {
		t.Errorf("CreationDate = %v, want %v", out.CreationDate, b.clock.Now())
	}
	d, err := b.c.DescribeStateMachine(b.ctx, &DescribeStateMachineInput{StateMachineArn: out.StateMachineArn})
	cpMust(t, "DescribeStateMachine", err)
	want := DescribeStateMachineOutput{
		StateMachineArn: machineArn("m"), Name: "m", Status: StateMachineStatusActive, Definition: passDef,
		RoleArn: testRole, Type: StateMachineTypeStandard, CreationDate: NewTime(b.clock.Now()),
	}
	if lc := d.LoggingConfiguration; lc == nil || lc.Level != LogLevelOff || lc.IncludeExecutionData || lc.Destinations != nil {
		t.Errorf("LoggingConfiguration = %+v, want level OFF", d.LoggingConfiguration)
	}
	if d.TracingConfiguration == nil || d.TracingConfiguration.Enabled {
		t.Errorf("TracingConfiguration = %+v, want disabled", d.TracingConfiguration)
	}
	d.LoggingConfiguration, d.TracingConfiguration = nil, nil
	if !sameDescribe(*d, want) {
		t.Errorf("DescribeStateMachine =\n%+v\nwant\n%+v", *d, want)
	}
}

func sameDescribe(a, b DescribeStateMachineOutput) bool {
	return a.StateMachineArn == b.StateMachineArn && a.Name == b.Name && a.Status == b.Status &&
		a.Definition == b.Definition && a.RoleArn == b.RoleArn && a.Type == b.Type &&
		a.CreationDate.Equal(b.CreationDate.Time) && a.RevisionId == b.RevisionId &&
		a.Description == b.Description && a.EncryptionConfiguration == b.EncryptionConfiguration
}

func TestCreateStateMachineIdempotent(t *testing.T) {
	t.Parallel()
	b := newControl(t)
	first := b.createMachine(t, "m", passDef, false)
	b.clock.Advance(time.Minute)
	again := b.createMachine(t, "m", passDef, false)
	if again.StateMachineArn != first.StateMachineArn || !again.CreationDate.Equal(first.CreationDate.Time) {
		t.Errorf("second create = %+v, want %+v", again, first)
	}
	arn := first.StateMachineArn
	for _, in := range []*CreateStateMachineInput{
		{Name: "m", Definition: ` ` + passDef, RoleArn: testRole},
		{Name: "m", Definition: passDef, RoleArn: testRole + "2"},
		{Name: "m", Definition: passDef, RoleArn: testRole, Type: StateMachineTypeExpress},
		{Name: "m", Definition: passDef, RoleArn: testRole, TracingConfiguration: &TracingConfiguration{Enabled: true}},
	} {
		_, err := b.c.CreateStateMachine(b.ctx, in)
		wantAPIError(t, "CreateStateMachine with a difference", err, CodeStateMachineAlreadyExists,
			"State Machine Already Exists: '"+arn+"'")
	}
}

func TestCreateStateMachineInvalidInput(t *testing.T) {
	t.Parallel()
	b := newControl(t)
	long := strings.Repeat("a", 81)
	for _, tc := range []struct {
		name string
		in   CreateStateMachineInput
		code ErrorCode
		msg  string
	}{
		{"no name", CreateStateMachineInput{Definition: passDef, RoleArn: testRole}, CodeValidation,
			"1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null"},
		{"long name", CreateStateMachineInput{Name: long, Definition: passDef, RoleArn: testRole}, CodeValidation,
			"1 validation error detected: Value '" + long + "' at 'name' failed to satisfy constraint: Member must have length less than or equal to 80"},
		{"nothing", CreateStateMachineInput{}, CodeValidation,
			"3 validation errors detected: Value null at 'name' failed to satisfy constraint: Member must not be null; " +
				"Value null at 'definition' failed to satisfy constraint: Member must not be null; " +
				"Value null at 'roleArn' failed to satisfy constraint: Member must not be null"},
		{"bad type", CreateStateMachineInput{Name: "m", Definition: passDef, RoleArn: testRole, Type: "standard"}, CodeValidation,
			"1 validation error detected: Value 'standard' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]"},
		{"invalid name", CreateStateMachineInput{Name: "a b", Definition: passDef, RoleArn: testRole}, CodeInvalidName,
			"Invalid Name: 'a b'"},
		{"role not an ARN", CreateStateMachineInput{Name: "m", Definition: passDef, RoleArn: "role"}, CodeInvalidArn,
			"Invalid Arn: 'Invalid ARN prefix: role'"},
		{"description without publish", CreateStateMachineInput{Name: "m", Definition: passDef, RoleArn: testRole, VersionDescription: "d"},
			CodeValidation, "Version description can only be set when publish is true"},
		{"no States", CreateStateMachineInput{Name: "m", Definition: `{"StartAt":"P"}`, RoleArn: testRole}, CodeInvalidDefinition,
			"Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required: [States] at /'"},
		{"blank definition", CreateStateMachineInput{Name: "m", Definition: "  ", RoleArn: testRole}, CodeInvalidDefinition,
			"Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Definition must be a valid JSON object'"},
		{"logging without destination", CreateStateMachineInput{Name: "m", Definition: passDef, RoleArn: testRole,
			LoggingConfiguration: &LoggingConfiguration{Level: LogLevelFatal}}, CodeInvalidLoggingConfiguration,
			"Invalid Logging Configuration: Must specify exactly one Log Destination."},
		{"bad log level", CreateStateMachineInput{Name: "m", Definition: passDef, RoleArn: testRole,
			LoggingConfiguration: &LoggingConfiguration{Level: "LOUD"}}, CodeValidation,
			"1 validation error detected: Value 'LOUD' at 'loggingConfiguration.level' failed to satisfy constraint: Member must satisfy enum value set: [ALL, ERROR, FATAL, OFF]"},
		{"empty tag key", CreateStateMachineInput{Name: "m", Definition: passDef, RoleArn: testRole, Tags: []Tag{{Key: "k"}, {Value: "v"}}},
			CodeValidation, "1 validation error detected: Value null at 'tags.2.member.key' failed to satisfy constraint: Member must not be null"},
	} {
		_, err := b.c.CreateStateMachine(b.ctx, &tc.in)
		wantAPIError(t, tc.name, err, tc.code, tc.msg)
	}
	l, err := b.c.ListStateMachines(b.ctx, &ListStateMachinesInput{})
	cpMust(t, "ListStateMachines", err)
	if len(l.StateMachines) != 0 {
		t.Errorf("invalid creates left state machines: %+v", l.StateMachines)
	}
}

func TestCreateStateMachineExpressDefinition(t *testing.T) {
	t.Parallel()
	b := newControl(t)
	def := `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","End":true}}}`
	_, err := b.c.CreateStateMachine(b.ctx, &CreateStateMachineInput{Name: "e", Definition: def, RoleArn: testRole, Type: StateMachineTypeExpress})
	wantCode(t, "EXPRESS with .waitForTaskToken", err, CodeInvalidDefinition)
	_, err = b.c.CreateStateMachine(b.ctx, &CreateStateMachineInput{Name: "s", Definition: def, RoleArn: testRole})
	cpMust(t, "STANDARD with .waitForTaskToken", err)
}

func TestCreateStateMachineKeepsConfiguration(t *testing.T) {
	t.Parallel()
	b := newControl(t)
	dest := []LogDestination{{CloudWatchLogsLogGroup: &CloudWatchLogsLogGroup{LogGroupArn: "arn:aws:logs:us-east-1:123456789012:log-group:g:*"}}}
	in := &CreateStateMachineInput{
		Name: "m", Definition: passDef, RoleArn: testRole,
		LoggingConfiguration:    &LoggingConfiguration{Level: LogLevelAll, IncludeExecutionData: true, Destinations: dest},
		TracingConfiguration:    &TracingConfiguration{Enabled: true},
		EncryptionConfiguration: &EncryptionConfiguration{Type: EncryptionTypeAwsOwnedKey},
	}
	_, err := b.c.CreateStateMachine(b.ctx, in)
	cpMust(t, "CreateStateMachine", err)
	d, err := b.c.DescribeStateMachine(b.ctx, &DescribeStateMachineInput{StateMachineArn: machineArn("m")})
	cpMust(t, "DescribeStateMachine", err)
	lc := d.LoggingConfiguration
	if lc.Level != LogLevelAll || !lc.IncludeExecutionData || len(lc.Destinations) != 1 ||
		lc.Destinations[0].CloudWatchLogsLogGroup.LogGroupArn != dest[0].CloudWatchLogsLogGroup.LogGroupArn {
		t.Errorf("LoggingConfiguration = %+v", lc)
	}
	if !d.TracingConfiguration.Enabled || d.EncryptionConfiguration == nil || d.EncryptionConfiguration.Type != EncryptionTypeAwsOwnedKey {
		t.Errorf("tracing %+v, encryption %+v", d.TracingConfiguration, d.EncryptionConfiguration)
	}
}

func TestCreateStateMachineEmptyDestinationsEchoed(t *testing.T) {
	t.Parallel()
	b := newControl(t)
	for name, lc := range map[string]*LoggingConfiguration{
		"nil": {Level: LogLevelOff}, "empty": {Destinations: []LogDestination{}},
	} {
		_, err := b.c.CreateStateMachine(b.ctx, &CreateStateMachineInput{Name: name, Definition: passDef, RoleArn: testRole, LoggingConfiguration: lc})
		cpMust(t, "CreateStateMachine", err)
		d, err := b.c.DescribeStateMachine(b.ctx, &DescribeStateMachineInput{StateMachineArn: machineArn(name)})
		cpMust(t, "DescribeStateMachine", err)
		if (d.LoggingConfiguration.Destinations == nil) != (name == "nil") || d.LoggingConfiguration.Level != LogLevelOff {
			t.Errorf("%s destinations: %#v", name, d.LoggingConfiguration)
		}
	}
}

func TestDescribeStateMachineErrors(t *testing.T) {
	t.Parallel()
	b := newControl(t)
	b.createMachine(t, "m", passDef, true)
	for _, tc := range []struct {
		arn  string
		code ErrorCode
		msg  string
	}{
		{"not_a_valid_arn", CodeInvalidArn, "Invalid Arn: 'Invalid ARN prefix: not_a_valid_arn'"},
		{testPrefix + "activity:m", CodeInvalidArn, "Invalid Arn: 'Resource type not valid in this context: activity'"},
		{machineArn("nope"), CodeStateMachineDoesNotExist, "State Machine Does Not Exist: '" + machineArn("nope") + "'"},
		{machineArn("m") + ":2", CodeStateMachineDoesNotExist, "State Machine Does Not Exist: '" + machineArn("m") + ":2'"},
		{"", CodeValidation, "1 validation error detected: Value null at 'stateMachineArn' failed to satisfy constraint: Member must not be null"},
	} {
		_, err := b.c.DescribeStateMachine(b.ctx, &DescribeStateMachineInput{StateMachineArn: tc.arn})
		wantAPIError(t, "DescribeStateMachine "+tc.arn, err, tc.code, tc.msg)
	}
	_, err := b.c.DescribeStateMachine(b.ctx, &DescribeStateMachineInput{StateMachineArn: machineArn("m"), IncludedData: "ALL"})
	wantCode(t, "bad includedData", err, CodeValidation)
}

func TestListStateMachinesPages(t *testing.T) {
	t.Parallel()
	b := newControl(t)
	names := []string{"m0", "m1", "m10", "m11", "m12", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9"}
	for _, n := range []string{"m5", "m0", "m12", "m9", "m1", "m3", "m10", "m2", "m8", "m4", "m11", "m7", "m6"} {
		b.createMachine(t, n, passDef, false)
	}
	var got []string
	token := ""
	for pages := 0; ; pages++ {
		out, err := b.c.ListStateMachines(b.ctx, &ListStateMachinesInput{MaxResults: 5, NextToken: token})
		cpMust(t, "ListStateMachines", err)
		for _, it := range out.StateMachines {
			if it.StateMachineArn != machineArn(it.Name) || it.Type != StateMachineTypeStandard || it.CreationDate.IsZero() {
				t.Errorf("item %+v", it)
			}
			got = append(got, it.Name)
		}
		if token = out.NextToken; token == "" {
			if pages != 2 {
				t.Errorf("%d pages, want 3", pages+1)
			}
			break
		}
	}
	if strings.Join(got, ",") != strings.Join(names, ",") {
		t.Errorf("listed %v, want %v", got, names)
	}
	all, err := b.c.ListStateMachines(b.ctx, &ListStateMachinesInput{})
	cpMust(t, "ListStateMachines", err)
	if len(all.StateMachines) != len(names) || all.NextToken != "" {
		t.Errorf("one page: %d items, token %q", len(all.StateMachines), all.NextToken)
	}
}

func TestListStateMachinesInvalidPage(t *testing.T) {
	t.Parallel()
	b := newControl(t)
	long := strings.Repeat("x", 1025)
	for _, tc := range []struct {
		in  ListStateMachinesInput
		msg string
	}{
		{ListStateMachinesInput{MaxResults: 1001},
			"1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000"},
		{ListStateMachinesInput{MaxResults: -1},
			"1 validation error detected: Value '-1' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 0"},
		{ListStateMachinesInput{NextToken: long},
			"1 validation error detected: Value '" + long + "' at 'nextToken' failed to satisfy constraint: Member must have length less than or equal to 1024"},
	} {
		_, err := b.c.ListStateMachines(b.ctx, &tc.in)
		wantAPIError(t, "ListStateMachines", err, CodeValidation, tc.msg)
	}
	_, err := b.c.ListStateMachines(b.ctx, &ListStateMachinesInput{NextToken: "InvalidToken"})
	wantAPIError(t, "bad token", err, CodeInvalidToken, "Invalid Token: 'Invalid token'")
}

func TestUpdateStateMachineRevisions(t *testing.T) {
	t.Parallel()
	b := newControl(t)
	arn := b.createMachine(t, "m", passDef, false).StateMachineArn
	b.clock.Advance(time.Second)
	u1 := b.update(t, arn, passDef2, false)
	if u1.RevisionId == "" || u1.StateMachineVersionArn != "" || !u1.UpdateDate.Equal(b.clock.Now()) {
		t.Fatalf("first update = %+v", u1)
	}
	same, err := b.c.UpdateStateMachine(b.ctx, &UpdateStateMachineInput{StateMachineArn: arn, Definition: passDef2, RoleArn: testRole})
	cpMust(t, "UpdateStateMachine with the same parameters", err)
	if same.RevisionId != u1.RevisionId {
		t.Errorf("an update that changes nothing made revision %s, want %s", same.RevisionId, u1.RevisionId)
	}
	u2, err := b.c.UpdateStateMachine(b.ctx, &UpdateStateMachineInput{StateMachineArn: arn, RoleArn: testRole + "2"})
	cpMust(t, "UpdateStateMachine role", err)
	u3, err := b.c.UpdateStateMachine(b.ctx, &UpdateStateMachineInput{StateMachineArn: arn, TracingConfiguration: &TracingConfiguration{Enabled: true}})
	cpMust(t, "UpdateStateMachine tracing", err)
	if u2.RevisionId == u1.RevisionId || u3.RevisionId == u2.RevisionId {
		t.Errorf("revisions %s %s %s should differ", u1.RevisionId, u2.RevisionId, u3.RevisionId)
	}
	d, err := b.c.DescribeStateMachine(b.ctx, &DescribeStateMachineInput{StateMachineArn: arn})
	cpMust(t, "DescribeStateMachine", err)
	if d.Definition != passDef2 || d.RoleArn != testRole+"2" || !d.TracingConfiguration.Enabled || d.RevisionId != u3.RevisionId {
		t.Errorf("after updates: %+v", d)
	}
}

func TestUpdateStateMachineErrors(t *testing.T) {
	t.Parallel()
	b := newControl(t)
	arn := b.createMachine(t, "m", passDef, false).StateMachineArn
	for _, tc := range []struct {
		name string
		in   UpdateStateMachineInput
		code ErrorCode
		msg  string
	}{
		{"nothing to update", UpdateStateMachineInput{StateMachineArn: arn}, CodeMissingRequiredParameter,
			"Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified"},
		{"no such machine", UpdateStateMachineInput{StateMachineArn: machineArn("x"), Definition: passDef}, CodeStateMachineDoesNotExist,
			"State Machine Does Not Exist: '" + machineArn("x") + "'"},
		{"invalid ARN", UpdateStateMachineInput{StateMachineArn: "x", Definition: passDef}, CodeInvalidArn,
			"Invalid Arn: 'Invalid ARN prefix: x'"},
		{"description without publish", UpdateStateMachineInput{StateMachineArn: arn, Definition: passDef, VersionDescription: "d"},
			CodeValidation, "Version description can only be set when publish is true"},
		{"invalid logging", UpdateStateMachineInput{StateMachineArn: arn, LoggingConfiguration: &LoggingConfiguration{Level: LogLevelAll}},
			CodeInvalidLoggingConfiguration, "Invalid Logging Configuration: Must specify exactly one Log Destination."},
		{"invalid definition", UpdateStateMachineInput{StateMachineArn: arn, Definition: `{"States":{}}`}, CodeInvalidDefinition, ""},
	} {
		_, err := b.c.UpdateStateMachine(b.ctx, &tc.in)
		if tc.msg == "" {
			wantCode(t, tc.name, err, tc.code)
			continue
		}
		wantAPIError(t, tc.name, err, tc.code, tc.msg)
	}
	d, err := b.c.DescribeStateMachine(b.ctx, &DescribeStateMachineInput{StateMachineArn: arn})
	cpMust(t, "DescribeStateMachine", err)
	if d.RevisionId != "" || d.Definition != passDef {
		t.Errorf("failed updates changed the state machine: %+v", d)
	}
}

func TestDeleteStateMachine(t *testing.T) {
	t.Parallel()
	b := newControl(t)
	out := b.createMachine(t, "m", passDef, true)
	_, err := b.c.CreateStateMachineAlias(b.ctx, &CreateStateMachineAliasInput{Name: "prod",
		RoutingConfiguration: []RoutingConfigurationListItem{{StateMachineVersionArn: out.StateMachineVersionArn, Weight: 100}}})
	cpMust(t, "CreateStateMachineAlias", err)
	_, err = b.c.TagResource(b.ctx, &TagResourceInput{ResourceArn: out.StateMachineArn, Tags: []Tag{{Key: "k", Value: "v"}}})
	cpMust(t, "TagResource", err)
	_, err = b.c.DeleteStateMachine(b.ctx, &DeleteStateMachineInput{StateMachineArn: out.StateMachineArn})
	cpMust(t, "DeleteStateMachine", err)
	for _, arn := range []string{out.StateMachineArn, out.StateMachineVersionArn} {
		_, err = b.c.DescribeStateMachine(b.ctx, &DescribeStateMachineInput{StateMachineArn: arn})
		wantCode(t, "describe after delete", err, CodeStateMachineDoesNotExist)
	}
	_, err = b.c.DescribeStateMachineAlias(b.ctx, &DescribeStateMachineAliasInput{StateMachineAliasArn: out.StateMachineArn + ":prod"})
	wantCode(t, "alias after delete", err, CodeResourceNotFound)
	_, err = b.c.DeleteStateMachine(b.ctx, &DeleteStateMachineInput{StateMachineArn: out.StateMachineArn})
	cpMust(t, "deleting a deleted state machine", err)
	again := b.createMachine(t, "m", passDef2, false)
	tags, err := b.c.ListTagsForResource(b.ctx, &ListTagsForResourceInput{ResourceArn: again.StateMachineArn})
	cpMust(t, "ListTagsForResource", err)
	if len(tags.Tags) != 0 {
		t.Errorf("a re-created state machine inherited tags %v", tags.Tags)
	}
	_, err = b.c.DeleteStateMachine(b.ctx, &DeleteStateMachineInput{StateMachineArn: "bad"})
	wantAPIError(t, "invalid ARN", err, CodeInvalidArn, "Invalid Arn: 'Invalid ARN prefix: bad'")
	_, err = b.c.DeleteStateMachine(b.ctx, &DeleteStateMachineInput{StateMachineArn: again.StateMachineArn + ":1"})
	wantCode(t, "a version ARN", err, CodeValidation)
}

func TestCreateStateMachineTags(t *testing.T) {
	t.Parallel()
	b := newControl(t)
	_, err := b.c.CreateStateMachine(b.ctx, &CreateStateMachineInput{Name: "m", Definition: passDef, RoleArn: testRole,
		Tags: []Tag{{Key: "b", Value: "2"}, {Key: "a", Value: ""}}})
	cpMust(t, "CreateStateMachine", err)
	out, err := b.c.ListTagsForResource(b.ctx, &ListTagsForResourceInput{ResourceArn: machineArn("m")})
	cpMust(t, "ListTagsForResource", err)
	if len(out.Tags) != 2 || out.Tags[0] != (Tag{Key: "a"}) || out.Tags[1] != (Tag{Key: "b", Value: "2"}) {
		t.Errorf("tags = %v", out.Tags)
	}
}
