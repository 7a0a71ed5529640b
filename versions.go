package stepwise

import (
	"cmp"
	"context"
	"errors"
	"sort"
	"strconv"
	"strings"

	"github.com/stepwisehq/stepwise/store"
)

// PublishStateMachineVersion publishes the current revision of a state
// machine as a version. It is idempotent: when the current revision was
// published already, that version is returned.
func (c *Client) PublishStateMachineVersion(ctx context.Context, in *PublishStateMachineVersionInput) (*PublishStateMachineVersionOutput, error) {
	var v violations
	v.str("stateMachineArn", in.StateMachineArn, 1, maxArn, false)
	v.length("description", in.Description, 0, maxDescr, true)
	if err := v.err(); err != nil {
		return nil, err
	}
	sm, err := c.getStateMachine(ctx, in.StateMachineArn, store.MachineKind)
	if err != nil {
		return nil, err
	}
	if err := checkRevision(sm, in.RevisionId); err != nil {
		return nil, err
	}
	ver, err := c.publish(ctx, sm, in.Description)
	if err != nil {
		return nil, err
	}
	return &PublishStateMachineVersionOutput{CreationDate: NewTime(ver.Created), StateMachineVersionArn: ver.Arn}, nil
}

// initialRevision names the revision of a state machine that was never
// updated.
const initialRevision = "INITIAL"

// checkRevision rejects a publish of a revision that is not the current one.
func checkRevision(sm *store.StateMachine, want string) error {
	current := cmp.Or(sm.RevisionID, initialRevision)
	if want == "" || want == current {
		return nil
	}
	return errorf(CodeConflict,
		"Failed to publish the State Machine version for revision %s. The current State Machine revision is %s.", want, current)
}

// publish makes a version of sm's current revision, or returns the newest
// version when it has that revision already.
func (c *Client) publish(ctx context.Context, sm *store.StateMachine, description string) (*store.StateMachine, error) {
	latest, err := c.sw.store.StateMachineList(ctx, &store.ListParams{Kind: store.VersionKind, Parent: sm.Arn, Limit: 1})
	if err != nil {
		return nil, internalError("StateMachineList", err)
	}
	if len(latest) == 1 && latest[0].RevisionID == sm.RevisionID {
		return latest[0], nil
	}
	n, err := c.sw.store.StateMachineNextVersion(ctx, sm.Arn)
	if err != nil {
		return nil, c.notFoundOr(err, "StateMachineNextVersion", sm.Arn)
	}
	ver := *sm
	ver.Arn = sm.Arn + ":" + strconv.Itoa(n)
	ver.Kind, ver.Version, ver.Parent = store.VersionKind, n, sm.Arn
	ver.Description = description
	ver.Created = c.now()
	ver.Updated = ver.Created
	if err := c.sw.store.StateMachineCreate(ctx, &ver); err != nil {
		return nil, internalError("StateMachineCreate", err)
	}
	return &ver, nil
}

// ListStateMachineVersions lists a state machine's versions, newest first.
func (c *Client) ListStateMachineVersions(ctx context.Context, in *ListStateMachineVersionsInput) (*ListStateMachineVersionsOutput, error) {
	var v violations
	v.str("stateMachineArn", in.StateMachineArn, 1, maxArn, false)
	v.page(in.MaxResults, in.NextToken, maxPageToken)
	if err := v.err(); err != nil {
		return nil, err
	}
	if _, err := parseStateMachineARN(in.StateMachineArn); err != nil {
		return nil, err
	}
	after, err := decodeToken(in.NextToken)
	if err != nil {
		return nil, err
	}
	p := &store.ListParams{Kind: store.VersionKind, Parent: in.StateMachineArn, After: after}
	vers, next, err := c.listMachines(ctx, p, in.MaxResults)
	if err != nil {
		return nil, err
	}
	out := &ListStateMachineVersionsOutput{StateMachineVersions: make([]StateMachineVersionListItem, len(vers)), NextToken: next}
	for i, ver := range vers {
		out.StateMachineVersions[i] = StateMachineVersionListItem{StateMachineVersionArn: ver.Arn, CreationDate: NewTime(ver.Created)}
	}
	return out, nil
}

// DeleteStateMachineVersion deletes a version that no alias routes to.
// Deleting one that does not exist succeeds, as on AWS.
func (c *Client) DeleteStateMachineVersion(ctx context.Context, in *DeleteStateMachineVersionInput) (*DeleteStateMachineVersionOutput, error) {
	if err := checkRequired("stateMachineVersionArn", in.StateMachineVersionArn, maxLongArn); err != nil {
		return nil, err
	}
	a, err := parseStateMachineARN(in.StateMachineVersionArn)
	if err != nil {
		return nil, err
	}
	if a.Version() == 0 {
		return nil, errInvalidArn("Invalid ARN: " + in.StateMachineVersionArn)
	}
	if err := c.checkNoAlias(ctx, a.Base(), in.StateMachineVersionArn); err != nil {
		return nil, err
	}
	err = c.sw.store.StateMachineDelete(ctx, in.StateMachineVersionArn)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return nil, internalError("StateMachineDelete", err)
	}
	return &DeleteStateMachineVersionOutput{}, nil
}

// checkNoAlias fails when an alias of machineArn routes to versionArn.
func (c *Client) checkNoAlias(ctx context.Context, machineArn, versionArn string) error {
	aliases, err := c.aliasesOf(ctx, machineArn)
	if err != nil {
		return err
	}
	var names []string
	for _, al := range aliases {
		if routesTo(al, versionArn) {
			names = append(names, al.Name)
		}
	}
	if len(names) == 0 {
		return nil
	}
	sort.Strings(names)
	return errorf(CodeConflict, "Version to be deleted must not be referenced by an alias. "+
		"Current list of aliases referencing this version: [%s]", strings.Join(names, ", "))
}

// isNotFound reports whether err is a store's ErrNotFound.
func isNotFound(err error) bool { return errors.Is(err, store.ErrNotFound) }
