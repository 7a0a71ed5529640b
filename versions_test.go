package stepwise

import (
	"testing"
	"time"
)

func TestCreateWithPublish(t *testing.T) {
	t.Parallel()
	b := newControl(t)
	_, err := b.c.CreateStateMachine(b.ctx, &CreateStateMachineInput{Name: "m", Definition: passDef, RoleArn: testRole,
		Publish: true, VersionDescription: "HelloWorld!"})
	cpMust(t, "CreateStateMachine", err)
	d, err := b.c.DescribeStateMachine(b.ctx, &DescribeStateMachineInput{StateMachineArn: machineArn("m") + ":1"})
	cpMust(t, "DescribeStateMachine version", err)
	if d.StateMachineArn != machineArn("m")+":1" || d.Name != "m" || d.Description != "HelloWorld!" || d.RevisionId != "" || d.Definition != passDef {
		t.Errorf("version = %+v", d)
	}
	m, err := b.c.DescribeStateMachine(b.ctx, &DescribeStateMachineInput{StateMachineArn: machineArn("m")})
	cpMust(t, "DescribeStateMachine", err)
	if m.Description != "" {
		t.Errorf("the state machine got the version's description %q", m.Description)
	}
	again := b.createMachine(t, "m", passDef, true)
	if again.StateMachineVersionArn != machineArn("m")+":1" {
		t.Errorf("idempotent create with publish = %+v", again)
	}
}

func TestPublishIdempotentAndNumbering(t *testing.T) {
	t.Parallel()
	b := newControl(t)
	arn := b.createMachine(t, "m", passDef, false).StateMachineArn
	publish := func(desc string) string {
		t.Helper()
		out, err := b.c.PublishStateMachineVersion(b.ctx, &PublishStateMachineVersionInput{StateMachineArn: arn, Description: desc})
		cpMust(t, "PublishStateMachineVersion", err)
		return out.StateMachineVersionArn
	}
	if v := publish(""); v != arn+":1" {
		t.Fatalf("first publish = %s", v)
	}
	if v := publish(""); v != arn+":1" {
		t.Errorf("publishing the same revision again = %s, want :1", v)
	}
	b.update(t, arn, passDef2, false)
	if v := publish("second"); v != arn+":2" {
		t.Errorf("publish after update = %s, want :2", v)
	}
	_, err := b.c.DeleteStateMachineVersion(b.ctx, &DeleteStateMachineVersionInput{StateMachineVersionArn: arn + ":2"})
	cpMust(t, "DeleteStateMachineVersion", err)
	if v := publish(""); v != arn+":3" {
		t.Errorf("publish after deleting v2 = %s, want :3 (numbers are never reused)", v)
	}
	d, err := b.c.DescribeStateMachine(b.ctx, &DescribeStateMachineInput{StateMachineArn: arn + ":3"})
	cpMust(t, "DescribeStateMachine", err)
	m, err := b.c.DescribeStateMachine(b.ctx, &DescribeStateMachineInput{StateMachineArn: arn})
	cpMust(t, "DescribeStateMachine", err)
	if d.RevisionId == "" || d.RevisionId != m.RevisionId || d.Definition != passDef2 {
		t.Errorf("version 3 = %+v, machine revision %s", d, m.RevisionId)
	}
}

func TestUpdateWithPublish(t *testing.T) {
	t.Parallel()
	b := newControl(t)
	arn := b.createMachine(t, "m", passDef, false).StateMachineArn
	same, err := b.c.UpdateStateMachine(b.ctx, &UpdateStateMachineInput{StateMachineArn: arn, Definition: passDef, Publish: true})
	cpMust(t, "UpdateStateMachine", err)
	if same.StateMachineVersionArn != arn+":1" || same.RevisionId != "" {
		t.Errorf("publishing update without a change = %+v", same)
	}
	again, err := b.c.UpdateStateMachine(b.ctx, &UpdateStateMachineInput{StateMachineArn: arn, Definition: passDef, Publish: true})
	cpMust(t, "UpdateStateMachine", err)
	if again.StateMachineVersionArn != arn+":1" {
		t.Errorf("second publishing update without a change = %+v", again)
	}
	changed, err := b.c.UpdateStateMachine(b.ctx, &UpdateStateMachineInput{StateMachineArn: arn, Definition: passDef2,
		Publish: true, VersionDescription: "v2"})
	cpMust(t, "UpdateStateMachine", err)
	if changed.StateMachineVersionArn != arn+":2" || changed.RevisionId == "" {
		t.Errorf("publishing update = %+v", changed)
	}
	list, err := b.c.ListStateMachineVersions(b.ctx, &ListStateMachineVersionsInput{StateMachineArn: arn})
	cpMust(t, "ListStateMachineVersions", err)
	if len(list.StateMachineVersions) != 2 || list.StateMachineVersions[0].StateMachineVersionArn != arn+":2" {
		t.Errorf("versions = %+v", list.StateMachineVersions)
	}
}

func TestPublishRevisionCheck(t *testing.T) {
	t.Parallel()
	b := newControl(t)
	arn := b.createMachine(t, "m", passDef, false).StateMachineArn
	_, err := b.c.PublishStateMachineVersion(b.ctx, &PublishStateMachineVersionInput{StateMachineArn: arn, RevisionId: "INITIAL"})
	cpMust(t, "publish INITIAL", err)
	r1 := b.update(t, arn, passDef2, false).RevisionId
	b.update(t, arn, passDef, false)
	_, err = b.c.PublishStateMachineVersion(b.ctx, &PublishStateMachineVersionInput{StateMachineArn: arn, RevisionId: r1})
	d, _ := b.c.DescribeStateMachine(b.ctx, &DescribeStateMachineInput{StateMachineArn: arn})
	wantAPIError(t, "stale revision", err, CodeConflict, "Failed to publish the State Machine version for revision "+r1+
		". The current State Machine revision is "+d.RevisionId+".")
	out, err := b.c.PublishStateMachineVersion(b.ctx, &PublishStateMachineVersionInput{StateMachineArn: arn, RevisionId: d.RevisionId})
	cpMust(t, "publish current revision", err)
	if out.StateMachineVersionArn != arn+":2" {
		t.Errorf("publish = %+v", out)
	}
}

func TestPublishErrors(t *testing.T) {
	t.Parallel()
	b := newControl(t)
	_, err := b.c.PublishStateMachineVersion(b.ctx, &PublishStateMachineVersionInput{StateMachineArn: "invalid_arn"})
	wantAPIError(t, "invalid ARN", err, CodeInvalidArn, "Invalid Arn: 'Invalid ARN prefix: invalid_arn'")
	_, err = b.c.PublishStateMachineVersion(b.ctx, &PublishStateMachineVersionInput{StateMachineArn: machineArn("x")})
	wantAPIError(t, "no such machine", err, CodeStateMachineDoesNotExist, "State Machine Does Not Exist: '"+machineArn("x")+"'")
}

func TestListStateMachineVersionsPages(t *testing.T) {
	t.Parallel()
	b := newControl(t)
	arn := b.createMachine(t, "m", passDef, true).StateMachineArn
	for i := 0; i < 4; i++ {
		b.clock.Advance(time.Second)
		def := `{"Comment":"` + string(rune('a'+i)) + `","StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}`
		b.update(t, arn, def, true)
	}
	var got []string
	token := ""
	for {
		out, err := b.c.ListStateMachineVersions(b.ctx, &ListStateMachineVersionsInput{StateMachineArn: arn, MaxResults: 2, NextToken: token})
		cpMust(t, "ListStateMachineVersions", err)
		for _, v := range out.StateMachineVersions {
			got = append(got, v.StateMachineVersionArn)
		}
		if token = out.NextToken; token == "" {
			break
		}
	}
	want := []string{arn + ":5", arn + ":4", arn + ":3", arn + ":2", arn + ":1"}
	if len(got) != len(want) {
		t.Fatalf("versions = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("versions = %v, want %v", got, want)
			break
		}
	}
	empty, err := b.c.ListStateMachineVersions(b.ctx, &ListStateMachineVersionsInput{StateMachineArn: machineArn("none")})
	cpMust(t, "versions of an unknown machine", err)
	if empty.StateMachineVersions == nil || len(empty.StateMachineVersions) != 0 {
		t.Errorf("versions of an unknown machine = %#v", empty.StateMachineVersions)
	}
}

func TestDeleteStateMachineVersion(t *testing.T) {
	t.Parallel()
	b := newControl(t)
	out := b.createMachine(t, "m", passDef, true)
	v1 := out.StateMachineVersionArn
	v2 := b.update(t, out.StateMachineArn, passDef2, true).StateMachineVersionArn
	for _, name := range []string{"prod", "beta"} {
		_, err := b.c.CreateStateMachineAlias(b.ctx, &CreateStateMachineAliasInput{Name: name,
			RoutingConfiguration: []RoutingConfigurationListItem{{StateMachineVersionArn: v1, Weight: 100}}})
		cpMust(t, "CreateStateMachineAlias", err)
	}
	_, err := b.c.DeleteStateMachineVersion(b.ctx, &DeleteStateMachineVersionInput{StateMachineVersionArn: v1})
	wantAPIError(t, "version with aliases", err, CodeConflict,
		"Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: [beta, prod]")
	for _, v := range []string{v2, v2} {
		_, err = b.c.DeleteStateMachineVersion(b.ctx, &DeleteStateMachineVersionInput{StateMachineVersionArn: v})
		cpMust(t, "DeleteStateMachineVersion", err)
	}
	_, err = b.c.DescribeStateMachine(b.ctx, &DescribeStateMachineInput{StateMachineArn: v2})
	wantCode(t, "describe deleted version", err, CodeStateMachineDoesNotExist)
	_, err = b.c.DeleteStateMachineVersion(b.ctx, &DeleteStateMachineVersionInput{StateMachineVersionArn: out.StateMachineArn})
	wantCode(t, "an unqualified ARN", err, CodeInvalidArn)
	_, err = b.c.DescribeStateMachine(b.ctx, &DescribeStateMachineInput{StateMachineArn: out.StateMachineArn})
	cpMust(t, "the state machine is still there", err)
}
