package stepwise

import (
	"strings"
	"testing"
	"time"
)

// aliasFixture is a state machine with two versions.
func aliasFixture(t *testing.T, b *controlBundle) (machine, v1, v2 string) {
	t.Helper()
	out := b.createMachine(t, "m", passDef, true)
	v2 = b.update(t, out.StateMachineArn, passDef2, true).StateMachineVersionArn
	return out.StateMachineArn, out.StateMachineVersionArn, v2
}

func route(arn string, weight int) RoutingConfigurationListItem {
	return RoutingConfigurationListItem{StateMachineVersionArn: arn, Weight: weight}
}

func TestAliasLifecycle(t *testing.T) {
	t.Parallel()
	b := newControl(t)
	machine, v1, v2 := aliasFixture(t, b)
	created, err := b.c.CreateStateMachineAlias(b.ctx, &CreateStateMachineAliasInput{Name: "prod", Description: "d",
		RoutingConfiguration: []RoutingConfigurationListItem{route(v1, 100)}})
	cpMust(t, "CreateStateMachineAlias", err)
	arn := machine + ":prod"
	if created.StateMachineAliasArn != arn {
		t.Fatalf("alias ARN = %s", created.StateMachineAliasArn)
	}
	b.clock.Advance(time.Minute)
	upd, err := b.c.UpdateStateMachineAlias(b.ctx, &UpdateStateMachineAliasInput{StateMachineAliasArn: arn,
		RoutingConfiguration: []RoutingConfigurationListItem{route(v1, 50), route(v2, 50)}})
	cpMust(t, "UpdateStateMachineAlias", err)
	d, err := b.c.DescribeStateMachineAlias(b.ctx, &DescribeStateMachineAliasInput{StateMachineAliasArn: arn})
	cpMust(t, "DescribeStateMachineAlias", err)
	if d.StateMachineAliasArn != arn || d.Name != "prod" || d.Description != "d" || len(d.RoutingConfiguration) != 2 ||
		d.RoutingConfiguration[1] != route(v2, 50) || !d.UpdateDate.Equal(upd.UpdateDate.Time) ||
		!d.CreationDate.Equal(created.CreationDate.Time) || d.UpdateDate.Equal(d.CreationDate.Time) {
		t.Errorf("DescribeStateMachineAlias = %+v", d)
	}
	_, err = b.c.UpdateStateMachineAlias(b.ctx, &UpdateStateMachineAliasInput{StateMachineAliasArn: arn, Description: cpPtr("")})
	cpMust(t, "clear the description", err)
	d, _ = b.c.DescribeStateMachineAlias(b.ctx, &DescribeStateMachineAliasInput{StateMachineAliasArn: arn})
	if d.Description != "" || len(d.RoutingConfiguration) != 2 {
		t.Errorf("after clearing the description: %+v", d)
	}
	for i := 0; i < 2; i++ {
		_, err = b.c.DeleteStateMachineAlias(b.ctx, &DeleteStateMachineAliasInput{StateMachineAliasArn: arn})
		cpMust(t, "DeleteStateMachineAlias", err)
	}
	_, err = b.c.UpdateStateMachineAlias(b.ctx, &UpdateStateMachineAliasInput{StateMachineAliasArn: arn, Description: cpPtr("x")})
	wantAPIError(t, "update a deleted alias", err, CodeResourceNotFound, "Request references a resource that does not exist.")
	_, err = b.c.DescribeStateMachineAlias(b.ctx, &DescribeStateMachineAliasInput{StateMachineAliasArn: arn})
	wantAPIError(t, "describe a deleted alias", err, CodeResourceNotFound, "Request references a resource that does not exist.")
}

func TestCreateAliasIdempotent(t *testing.T) {
	t.Parallel()
	b := newControl(t)
	_, v1, v2 := aliasFixture(t, b)
	in := &CreateStateMachineAliasInput{Name: "prod", Description: "d", RoutingConfiguration: []RoutingConfigurationListItem{route(v1, 100)}}
	first, err := b.c.CreateStateMachineAlias(b.ctx, in)
	cpMust(t, "CreateStateMachineAlias", err)
	b.clock.Advance(time.Minute)
	again, err := b.c.CreateStateMachineAlias(b.ctx, in)
	cpMust(t, "CreateStateMachineAlias again", err)
	if *again != *first {
		t.Errorf("idempotent create = %+v, want %+v", again, first)
	}
	const conflict = "Failed to create alias because an alias with the same name and a different routing configuration already exists."
	for _, diff := range []*CreateStateMachineAliasInput{
		{Name: "prod", Description: "This is a different description", RoutingConfiguration: in.RoutingConfiguration},
		{Name: "prod", Description: "d", RoutingConfiguration: []RoutingConfigurationListItem{route(v2, 100)}},
	} {
		_, err = b.c.CreateStateMachineAlias(b.ctx, diff)
		wantAPIError(t, "not idempotent", err, CodeConflict, conflict)
	}
}

func TestCreateAliasInvalidName(t *testing.T) {
	t.Parallel()
	b := newControl(t)
	_, v1, _ := aliasFixture(t, b)
	const pattern = `^(?=.*[a-zA-Z_\-\.])[a-zA-Z0-9_\-\.]+$`
	long := strings.Repeat("A", 81)
	for name, msg := range map[string]string{
		"123":           "Value '123' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: " + pattern,
		"INVALID ALIAS": "Value 'INVALID ALIAS' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: " + pattern,
		"!INVALID":      "Value '!INVALID' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: " + pattern,
		"ALIAS@":        "Value 'ALIAS@' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: " + pattern,
		long:            "Value '" + long + "' at 'name' failed to satisfy constraint: Member must have length less than or equal to 80",
	} {
		_, err := b.c.CreateStateMachineAlias(b.ctx, &CreateStateMachineAliasInput{Name: name,
			RoutingConfiguration: []RoutingConfigurationListItem{route(v1, 100)}})
		wantAPIError(t, "alias name "+name, err, CodeValidation, "1 validation error detected: "+msg)
	}
	for _, ok := range []string{"a", "_", "1.2", "v-1", "PROD"} {
		if !validAliasName(ok) {
			t.Errorf("validAliasName(%q) = false", ok)
		}
	}
}

func TestCreateAliasInvalidRouting(t *testing.T) {
	t.Parallel()
	b := newControl(t)
	machine, v1, v2 := aliasFixture(t, b)
	v3 := b.update(t, machine, `{"Comment":"3","StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}`, true).StateMachineVersionArn
	other := b.createMachine(t, "other", passDef, true).StateMachineVersionArn
	for _, tc := range []struct {
		name    string
		routing []RoutingConfigurationListItem
		code    ErrorCode
		msg     string
	}{
		{"machine ARN", []RoutingConfigurationListItem{route(machine, 100)}, CodeValidation,
			"Routing configuration must contain state machine version ARNs. Received: " + joinArns(machine)},
		{"one machine ARN", []RoutingConfigurationListItem{route(machine, 70), route(v2, 30)}, CodeValidation,
			"Routing configuration must contain state machine version ARNs. Received: " + joinArns(machine, v2)},
		{"duplicate", []RoutingConfigurationListItem{route(v1, 50), route(v1, 50)}, CodeValidation,
			"Routing configuration must contain distinct state machine version ARNs. Received: " + joinArns(v1, v1)},
		{"sum < 100", []RoutingConfigurationListItem{route(v1, 70), route(v2, 29)}, CodeValidation,
			"Sum of routing configuration weights must equal 100. Received: [70, 29]"},
		{"sum > 100", []RoutingConfigurationListItem{route(v1, 70), route(v2, 31)}, CodeValidation,
			"Sum of routing configuration weights must equal 100. Received: [70, 31]"},
		{"weight > 100", []RoutingConfigurationListItem{route(v1, 0), route(v2, 101)}, CodeValidation,
			"1 validation error detected: Value '101' at 'routingConfiguration.2.member.weight' failed to satisfy constraint: Member must have value less than or equal to 100"},
		{"three", []RoutingConfigurationListItem{route(v1, 50), route(v2, 30), route(v3, 20)}, CodeValidation,
			"1 validation error detected: Value '[RoutingConfigurationListItem(stateMachineVersionArn=" + v1 + ", weight=50), " +
				"RoutingConfigurationListItem(stateMachineVersionArn=" + v2 + ", weight=30), " +
				"RoutingConfigurationListItem(stateMachineVersionArn=" + v3 + ", weight=20)]' at 'routingConfiguration' " +
				"failed to satisfy constraint: Member must have length less than or equal to 2"},
		{"no such version", []RoutingConfigurationListItem{route(machine+":9", 100)}, CodeResourceNotFound,
			"Request references a resource that does not exist."},
		{"two machines", []RoutingConfigurationListItem{route(v1, 50), route(other, 50)}, CodeValidation, ""},
		{"empty", []RoutingConfigurationListItem{}, CodeValidation,
			"1 validation error detected: Value '[]' at 'routingConfiguration' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"nil", nil, CodeValidation,
			"1 validation error detected: Value null at 'routingConfiguration' failed to satisfy constraint: Member must not be null"},
	} {
		_, err := b.c.CreateStateMachineAlias(b.ctx, &CreateStateMachineAliasInput{Name: "a", RoutingConfiguration: tc.routing})
		if tc.msg == "" {
			wantCode(t, tc.name, err, tc.code)
			continue
		}
		wantAPIError(t, tc.name, err, tc.code, tc.msg)
	}
}

func TestUpdateAliasErrors(t *testing.T) {
	t.Parallel()
	b := newControl(t)
	machine, v1, _ := aliasFixture(t, b)
	other := b.createMachine(t, "other", passDef, true).StateMachineVersionArn
	arn := machine + ":prod"
	_, err := b.c.CreateStateMachineAlias(b.ctx, &CreateStateMachineAliasInput{Name: "prod",
		RoutingConfiguration: []RoutingConfigurationListItem{route(v1, 100)}})
	cpMust(t, "CreateStateMachineAlias", err)
	_, err = b.c.UpdateStateMachineAlias(b.ctx, &UpdateStateMachineAliasInput{StateMachineAliasArn: arn,
		RoutingConfiguration: []RoutingConfigurationListItem{route(other, 100)}})
	wantCode(t, "routing to another machine", err, CodeValidation)
	_, err = b.c.UpdateStateMachineAlias(b.ctx, &UpdateStateMachineAliasInput{StateMachineAliasArn: arn})
	wantCode(t, "nothing to update", err, CodeValidation)
	_, err = b.c.UpdateStateMachineAlias(b.ctx, &UpdateStateMachineAliasInput{
		StateMachineAliasArn: "arn:aws:auto:us-east-1:111111111111:statemachinealiasarn:auto_u000094e", Description: cpPtr("x")})
	wantAPIError(t, "foreign ARN", err, CodeResourceNotFound, "Request references a resource that does not exist.")
	_, err = b.c.DescribeStateMachineAlias(b.ctx, &DescribeStateMachineAliasInput{StateMachineAliasArn: v1})
	wantCode(t, "describe a version as an alias", err, CodeResourceNotFound)
	_, err = b.c.DeleteStateMachineAlias(b.ctx, &DeleteStateMachineAliasInput{StateMachineAliasArn: v1})
	wantCode(t, "delete a version as an alias", err, CodeResourceNotFound)
	_, err = b.c.DescribeStateMachine(b.ctx, &DescribeStateMachineInput{StateMachineArn: v1})
	cpMust(t, "the version survives", err)
	_, err = b.c.DeleteStateMachineAlias(b.ctx, &DeleteStateMachineAliasInput{StateMachineAliasArn: "x"})
	wantAPIError(t, "invalid ARN", err, CodeInvalidArn, "Invalid Arn: 'Invalid ARN prefix: x'")
}

func TestListStateMachineAliases(t *testing.T) {
	t.Parallel()
	b := newControl(t)
	machine, v1, v2 := aliasFixture(t, b)
	for _, a := range []struct {
		name string
		v    string
	}{{"c", v1}, {"a", v2}, {"b", v1}} {
		_, err := b.c.CreateStateMachineAlias(b.ctx, &CreateStateMachineAliasInput{Name: a.name,
			RoutingConfiguration: []RoutingConfigurationListItem{route(a.v, 100)}})
		cpMust(t, "CreateStateMachineAlias", err)
	}
	list := func(arn string, max int) []string {
		t.Helper()
		var arns []string
		token := ""
		for {
			out, err := b.c.ListStateMachineAliases(b.ctx, &ListStateMachineAliasesInput{StateMachineArn: arn, MaxResults: max, NextToken: token})
			cpMust(t, "ListStateMachineAliases", err)
			for _, it := range out.StateMachineAliases {
				arns = append(arns, strings.TrimPrefix(it.StateMachineAliasArn, machine+":"))
			}
			if token = out.NextToken; token == "" {
				return arns
			}
		}
	}
	for _, tc := range []struct {
		arn  string
		max  int
		want string
	}{
		{machine, 0, "a,b,c"}, {machine, 1, "a,b,c"}, {machine, 2, "a,b,c"}, {v1, 1, "b,c"}, {v2, 0, "a"},
	} {
		if got := strings.Join(list(tc.arn, tc.max), ","); got != tc.want {
			t.Errorf("aliases of %s by %d = %s, want %s", tc.arn, tc.max, got, tc.want)
		}
	}
	_, err := b.c.ListStateMachineAliases(b.ctx, &ListStateMachineAliasesInput{StateMachineArn: machineArn("none"), NextToken: "InvalidToken"})
	wantAPIError(t, "invalid token", err, CodeInvalidToken, "Invalid Token: 'Invalid token'")
	_, err = b.c.ListStateMachineAliases(b.ctx, &ListStateMachineAliasesInput{StateMachineArn: machine, MaxResults: 1001})
	wantAPIError(t, "maxResults", err, CodeValidation,
		"1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000")
	_, err = b.c.ListStateMachineAliases(b.ctx, &ListStateMachineAliasesInput{StateMachineArn: machineArn("none")})
	wantCode(t, "unknown machine", err, CodeStateMachineDoesNotExist)
	empty := b.createMachine(t, "empty", passDef, false)
	out, err := b.c.ListStateMachineAliases(b.ctx, &ListStateMachineAliasesInput{StateMachineArn: empty.StateMachineArn})
	cpMust(t, "no aliases", err)
	if out.StateMachineAliases == nil || len(out.StateMachineAliases) != 0 {
		t.Errorf("no aliases = %#v", out.StateMachineAliases)
	}
}
