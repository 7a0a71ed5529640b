package stepwise

import (
	"context"

	"github.com/stepwisehq/stepwise/store"
)

// UpdateStateMachine changes a state machine's definition, role or
// configuration. A change makes a new revision (revisionId); an update that
// changes nothing keeps the revision. With Publish, the resulting revision
// is published as a version (the existing one when it was published
// already).
func (c *Client) UpdateStateMachine(ctx context.Context, in *UpdateStateMachineInput) (*UpdateStateMachineOutput, error) {
	if err := checkUpdateStateMachine(in); err != nil {
		return nil, err
	}
	sm, err := c.getStateMachine(ctx, in.StateMachineArn, store.MachineKind)
	if err != nil {
		return nil, err
	}
	if in.Definition != "" {
		if _, err := c.parseDefinition(in.Definition, StateMachineType(sm.Type)); err != nil {
			return nil, err
		}
	}
	updated, err := c.applyUpdate(ctx, sm, in)
	if err != nil {
		return nil, err
	}
	out := &UpdateStateMachineOutput{UpdateDate: NewTime(updated.Updated), RevisionId: updated.RevisionID}
	if in.Publish {
		v, err := c.publish(ctx, updated, in.VersionDescription)
		if err != nil {
			return nil, err
		}
		out.StateMachineVersionArn = v.Arn
	}
	return out, nil
}

// checkUpdateStateMachine validates UpdateStateMachine's input.
func checkUpdateStateMachine(in *UpdateStateMachineInput) error {
	var v violations
	v.str("stateMachineArn", in.StateMachineArn, 1, maxArn, false)
	v.str("definition", in.Definition, 0, maxDefinition, true)
	v.str("roleArn", in.RoleArn, 0, maxArn, false)
	v.logging(in.LoggingConfiguration)
	v.length("versionDescription", in.VersionDescription, 0, maxDescr, true)
	v.encryption(in.EncryptionConfiguration)
	if err := v.err(); err != nil {
		return err
	}
	if _, err := parseStateMachineARN(in.StateMachineArn); err != nil {
		return err
	}
	if in.Definition == "" && in.RoleArn == "" && in.LoggingConfiguration == nil &&
		in.TracingConfiguration == nil && in.EncryptionConfiguration == nil {
		return errorf(CodeMissingRequiredParameter,
			"Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified")
	}
	if in.RoleArn != "" {
		if err := checkRoleArn(in.RoleArn); err != nil {
			return err
		}
	}
	if err := checkVersionDescription(in.Publish, in.VersionDescription); err != nil {
		return err
	}
	return checkConfig(in.LoggingConfiguration, in.EncryptionConfiguration)
}

// applyUpdate stores the updated record when anything changed and returns
// the current record.
func (c *Client) applyUpdate(ctx context.Context, sm *store.StateMachine, in *UpdateStateMachineInput) (*store.StateMachine, error) {
	updated := *sm
	if in.Definition != "" {
		updated.Definition = in.Definition
	}
	if in.RoleArn != "" {
		updated.RoleArn = in.RoleArn
	}
	setConfig(&updated, in.LoggingConfiguration, in.TracingConfiguration, in.EncryptionConfiguration)
	if sameStateMachine(&updated, sm) {
		return sm, nil
	}
	updated.RevisionID = newRevisionID()
	updated.Updated = c.now()
	if err := c.sw.store.StateMachineUpdate(ctx, &updated); err != nil {
		return nil, c.notFoundOr(err, "StateMachineUpdate", in.StateMachineArn)
	}
	return &updated, nil
}

// notFoundOr turns a store's ErrNotFound for a state machine into
// StateMachineDoesNotExist and anything else into an internal error.
func (c *Client) notFoundOr(err error, op, arn string) error {
	if isNotFound(err) {
		return errorf(CodeStateMachineDoesNotExist, "State Machine Does Not Exist: '%s'", arn)
	}
	return internalError(op, err)
}
