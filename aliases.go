package stepwise

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"github.com/stepwisehq/stepwise/store"
)

// aliasPattern is the pattern AWS's messages quote for alias names.
const aliasPattern = `^(?=.*[a-zA-Z_\-\.])[a-zA-Z0-9_\-\.]+$`

// errNoSuchResource is AWS's ResourceNotFound for a missing alias.
func errNoSuchResource() *Error {
	return errorf(CodeResourceNotFound, "Request references a resource that does not exist.")
}

// CreateStateMachineAlias creates an alias that routes executions to one or
// two versions of a state machine. Creating an alias that exists with the
// same description and routing returns it; anything else is a
// ConflictException.
func (c *Client) CreateStateMachineAlias(ctx context.Context, in *CreateStateMachineAliasInput) (*CreateStateMachineAliasOutput, error) {
	var v violations
	v.length("description", in.Description, 0, maxDescr, true)
	if v.required("name", in.Name) {
		checkAliasName(&v, in.Name)
	}
	if in.RoutingConfiguration == nil {
		v.add("null", "routingConfiguration", "Member must not be null")
	}
	checkRoutingItems(&v, in.RoutingConfiguration)
	if err := v.err(); err != nil {
		return nil, err
	}
	machine, err := c.checkRouting(ctx, in.RoutingConfiguration, "")
	if err != nil {
		return nil, err
	}
	al := c.newAlias(machine, in.Name, in.Description, in.RoutingConfiguration)
	err = c.sw.store.StateMachineCreate(ctx, al)
	if errors.Is(err, store.ErrAlreadyExists) {
		return c.existingAlias(ctx, al)
	}
	if err != nil {
		return nil, internalError("StateMachineCreate", err)
	}
	return &CreateStateMachineAliasOutput{StateMachineAliasArn: al.Arn, CreationDate: NewTime(al.Created)}, nil
}

// checkAliasName checks an alias name's length and pattern.
func checkAliasName(v *violations, name string) {
	v.length("name", name, 1, maxName, false)
	if !validAliasName(name) {
		v.pattern("name", name, aliasPattern)
	}
}

// checkRoutingItems checks a routing configuration's model constraints.
func checkRoutingItems(v *violations, items []RoutingConfigurationListItem) {
	if items == nil {
		return
	}
	switch {
	case len(items) < 1:
		v.add("'[]'", "routingConfiguration", "Member must have length greater than or equal to 1")
	case len(items) > 2:
		v.add("'"+routingString(items)+"'", "routingConfiguration", "Member must have length less than or equal to 2")
	}
	for i, it := range items {
		p := "routingConfiguration." + strconv.Itoa(i+1) + ".member."
		v.str(p+"stateMachineVersionArn", it.StateMachineVersionArn, 1, maxArn, false)
		v.intRange(p+"weight", it.Weight, 0, 100)
	}
}

// routingString prints a routing configuration the way AWS's messages do.
func routingString(items []RoutingConfigurationListItem) string {
	parts := make([]string, len(items))
	for i, it := range items {
		parts[i] = "RoutingConfigurationListItem(stateMachineVersionArn=" + it.StateMachineVersionArn +
			", weight=" + strconv.Itoa(it.Weight) + ")"
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// checkRouting validates a routing configuration's versions and weights
// and returns the state machine they belong to. parent, when set, is the
// state machine the versions must belong to.
func (c *Client) checkRouting(ctx context.Context, items []RoutingConfigurationListItem, parent string) (*store.StateMachine, error) {
	arns := make([]string, len(items))
	weights := make([]string, len(items))
	sum := 0
	for i, it := range items {
		arns[i], weights[i] = it.StateMachineVersionArn, strconv.Itoa(it.Weight)
		sum += it.Weight
	}
	received := "[" + strings.Join(arns, ", ") + "]"
	base, err := versionsBase(arns)
	if err != nil {
		return nil, errorf(CodeValidation, "Routing configuration must contain state machine version ARNs. Received: %s", received)
	}
	if len(arns) == 2 && arns[0] == arns[1] {
		return nil, errorf(CodeValidation, "Routing configuration must contain distinct state machine version ARNs. Received: %s", received)
	}
	if sum != 100 {
		return nil, errorf(CodeValidation, "Sum of routing configuration weights must equal 100. Received: [%s]", strings.Join(weights, ", "))
	}
	if base == "" || parent != "" && base != parent {
		return nil, errorf(CodeValidation, "Routing configuration must contain state machine version ARNs of the same state machine. Received: %s", received)
	}
	return c.routedMachine(ctx, base, arns)
}

// versionsBase returns the state machine ARN shared by version ARNs ("" when
// they belong to different state machines), or an error when one is not a
// version ARN.
func versionsBase(arns []string) (string, error) {
	base := ""
	for i, arn := range arns {
		a, err := parseStateMachineARN(arn)
		if err != nil || a.Version() == 0 {
			return "", errInvalidArn(arn)
		}
		if i > 0 && a.Base() != base {
			return "", nil
		}
		base = a.Base()
	}
	return base, nil
}

// routedMachine checks that the state machine and its routed versions
// exist.
func (c *Client) routedMachine(ctx context.Context, base string, arns []string) (*store.StateMachine, error) {
	machine, err := c.sw.store.StateMachineGet(ctx, base)
	if err != nil {
		return nil, c.resourceErr(err, "StateMachineGet")
	}
	for _, arn := range arns {
		if _, err := c.sw.store.StateMachineGet(ctx, arn); err != nil {
			return nil, c.resourceErr(err, "StateMachineGet")
		}
	}
	return machine, nil
}

// resourceErr turns a store's ErrNotFound into ResourceNotFound.
func (c *Client) resourceErr(err error, op string) error {
	if isNotFound(err) {
		return errNoSuchResource()
	}
	return internalError(op, err)
}

// newAlias builds an alias record.
func (c *Client) newAlias(machine *store.StateMachine, name, description string, items []RoutingConfigurationListItem) *store.StateMachine {
	now := c.now()
	return &store.StateMachine{
		Arn: machine.Arn + ":" + name, Name: name, Kind: store.AliasKind, Type: machine.Type,
		Description: description, Routing: configJSON(items), Parent: machine.Arn,
		Created: now, Updated: now,
	}
}

// existingAlias answers a CreateStateMachineAlias whose name is taken.
func (c *Client) existingAlias(ctx context.Context, want *store.StateMachine) (*CreateStateMachineAliasOutput, error) {
	got, err := c.sw.store.StateMachineGet(ctx, want.Arn)
	if err != nil || got.Kind != store.AliasKind || got.Routing != want.Routing || got.Description != want.Description {
		return nil, errorf(CodeConflict,
			"Failed to create alias because an alias with the same name and a different routing configuration already exists.")
	}
	return &CreateStateMachineAliasOutput{StateMachineAliasArn: got.Arn, CreationDate: NewTime(got.Created)}, nil
}

// getAlias loads an alias by ARN; anything else is ResourceNotFound.
func (c *Client) getAlias(ctx context.Context, arn string) (*store.StateMachine, error) {
	if _, err := checkArnPrefix(arn); err != nil {
		return nil, err
	}
	al, err := c.sw.store.StateMachineGet(ctx, arn)
	if err != nil {
		return nil, c.resourceErr(err, "StateMachineGet")
	}
	if al.Kind != store.AliasKind {
		return nil, errNoSuchResource()
	}
	return al, nil
}

// DescribeStateMachineAlias describes an alias.
func (c *Client) DescribeStateMachineAlias(ctx context.Context, in *DescribeStateMachineAliasInput) (*DescribeStateMachineAliasOutput, error) {
	if err := checkRequired("stateMachineAliasArn", in.StateMachineAliasArn, maxArn); err != nil {
		return nil, err
	}
	al, err := c.getAlias(ctx, in.StateMachineAliasArn)
	if err != nil {
		return nil, err
	}
	return &DescribeStateMachineAliasOutput{
		StateMachineAliasArn: al.Arn, Name: al.Name, Description: al.Description,
		RoutingConfiguration: routingOf(al), CreationDate: NewTime(al.Created), UpdateDate: NewTime(al.Updated),
	}, nil
}

// routingOf decodes an alias's routing configuration.
func routingOf(al *store.StateMachine) []RoutingConfigurationListItem {
	var items []RoutingConfigurationListItem
	_ = json.Unmarshal([]byte(al.Routing), &items)
	return items
}

// routesTo reports whether an alias routes executions to versionArn.
func routesTo(al *store.StateMachine, versionArn string) bool {
	for _, it := range routingOf(al) {
		if it.StateMachineVersionArn == versionArn {
			return true
		}
	}
	return false
}

// UpdateStateMachineAlias changes an alias's description or routing.
func (c *Client) UpdateStateMachineAlias(ctx context.Context, in *UpdateStateMachineAliasInput) (*UpdateStateMachineAliasOutput, error) {
	var v violations
	v.str("stateMachineAliasArn", in.StateMachineAliasArn, 1, maxArn, false)
	v.optStr("description", in.Description, 0, maxDescr, true)
	checkRoutingItems(&v, in.RoutingConfiguration)
	if err := v.err(); err != nil {
		return nil, err
	}
	if in.Description == nil && in.RoutingConfiguration == nil {
		return nil, errorf(CodeValidation, "Either the description or the RoutingConfiguration must be specified")
	}
	al, err := c.getAlias(ctx, in.StateMachineAliasArn)
	if err != nil {
		return nil, err
	}
	updated := *al
	if in.RoutingConfiguration != nil {
		if _, err := c.checkRouting(ctx, in.RoutingConfiguration, al.Parent); err != nil {
			return nil, err
		}
		updated.Routing = configJSON(in.RoutingConfiguration)
	}
	if in.Description != nil {
		updated.Description = *in.Description
	}
	updated.Updated = c.now()
	if err := c.sw.store.StateMachineUpdate(ctx, &updated); err != nil {
		return nil, c.resourceErr(err, "StateMachineUpdate")
	}
	return &UpdateStateMachineAliasOutput{UpdateDate: NewTime(updated.Updated)}, nil
}

// DeleteStateMachineAlias deletes an alias (not the versions it routes to).
// Deleting one that does not exist succeeds, as on AWS.
func (c *Client) DeleteStateMachineAlias(ctx context.Context, in *DeleteStateMachineAliasInput) (*DeleteStateMachineAliasOutput, error) {
	if err := checkRequired("stateMachineAliasArn", in.StateMachineAliasArn, maxArn); err != nil {
		return nil, err
	}
	if _, err := checkArnPrefix(in.StateMachineAliasArn); err != nil {
		return nil, err
	}
	al, err := c.sw.store.StateMachineGet(ctx, in.StateMachineAliasArn)
	switch {
	case isNotFound(err):
		return &DeleteStateMachineAliasOutput{}, nil
	case err != nil:
		return nil, internalError("StateMachineGet", err)
	case al.Kind != store.AliasKind:
		return nil, errNoSuchResource()
	}
	err = c.sw.store.StateMachineDelete(ctx, in.StateMachineAliasArn)
	if err != nil && !isNotFound(err) {
		return nil, internalError("StateMachineDelete", err)
	}
	return &DeleteStateMachineAliasOutput{}, nil
}

// ListStateMachineAliases lists the aliases of a state machine, or those
// that route to a version when given a version ARN.
func (c *Client) ListStateMachineAliases(ctx context.Context, in *ListStateMachineAliasesInput) (*ListStateMachineAliasesOutput, error) {
	var v violations
	v.str("stateMachineArn", in.StateMachineArn, 1, maxArn, false)
	v.page(in.MaxResults, in.NextToken, maxPageToken)
	if err := v.err(); err != nil {
		return nil, err
	}
	a, err := parseStateMachineARN(in.StateMachineArn)
	if err != nil {
		return nil, err
	}
	after, err := decodeToken(in.NextToken)
	if err != nil {
		return nil, err
	}
	if _, err := c.getStateMachine(ctx, in.StateMachineArn, store.MachineKind, store.VersionKind); err != nil {
		return nil, err
	}
	aliases, err := c.aliasesOf(ctx, a.Base())
	if err != nil {
		return nil, err
	}
	return aliasPage(aliases, in.StateMachineArn, a.Version() != 0, after, pageSize(in.MaxResults)), nil
}

// aliasPage selects a page of aliases (those routing to version when
// byVersion), after the ARN after.
func aliasPage(aliases []*store.StateMachine, version string, byVersion bool, after string, n int) *ListStateMachineAliasesOutput {
	out := &ListStateMachineAliasesOutput{StateMachineAliases: []StateMachineAliasListItem{}}
	for _, al := range aliases {
		if al.Arn <= after && after != "" || byVersion && !routesTo(al, version) {
			continue
		}
		if len(out.StateMachineAliases) == n {
			out.NextToken = encodeToken(out.StateMachineAliases[n-1].StateMachineAliasArn)
			break
		}
		out.StateMachineAliases = append(out.StateMachineAliases,
			StateMachineAliasListItem{StateMachineAliasArn: al.Arn, CreationDate: NewTime(al.Created)})
	}
	return out
}

// aliasesOf returns every alias of a state machine, by ARN.
func (c *Client) aliasesOf(ctx context.Context, machineArn string) ([]*store.StateMachine, error) {
	aliases, err := c.sw.store.StateMachineList(ctx, &store.ListParams{Kind: store.AliasKind, Parent: machineArn})
	if err != nil {
		return nil, internalError("StateMachineList", err)
	}
	return aliases, nil
}
