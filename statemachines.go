package stepwise

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"

	"github.com/stepwisehq/stepwise/asl"
	"github.com/stepwisehq/stepwise/store"
)

// CreateStateMachine creates a state machine. Creating one with the name,
// definition, role, type and configuration of an existing state machine
// returns the existing one; any difference is StateMachineAlreadyExists.
func (c *Client) CreateStateMachine(ctx context.Context, in *CreateStateMachineInput) (*CreateStateMachineOutput, error) {
	if err := c.checkCreateStateMachine(in); err != nil {
		return nil, err
	}
	sm := c.newStateMachine(in)
	err := c.sw.store.StateMachineCreate(ctx, sm)
	if errors.Is(err, store.ErrAlreadyExists) {
		return c.existingStateMachine(ctx, sm, in)
	}
	if err != nil {
		return nil, internalError("CreateStateMachine", err)
	}
	if err := c.setTags(ctx, sm.Arn, in.Tags); err != nil {
		return nil, err
	}
	return c.createdStateMachine(ctx, sm, in)
}

// checkCreateStateMachine validates CreateStateMachine's input, in AWS's
// order: model constraints, name, version description, configuration and
// finally the definition.
func (c *Client) checkCreateStateMachine(in *CreateStateMachineInput) error {
	var v violations
	v.str("name", in.Name, 1, maxName, false)
	v.str("definition", in.Definition, 1, maxDefinition, true)
	v.str("roleArn", in.RoleArn, 1, maxArn, false)
	v.enum("type", string(in.Type), enumStateMachineType...)
	v.logging(in.LoggingConfiguration)
	v.tags("tags", in.Tags)
	v.length("versionDescription", in.VersionDescription, 0, maxDescr, true)
	v.encryption(in.EncryptionConfiguration)
	if err := v.err(); err != nil {
		return err
	}
	if err := checkName(in.Name); err != nil {
		return err
	}
	if err := checkRoleArn(in.RoleArn); err != nil {
		return err
	}
	if err := checkVersionDescription(in.Publish, in.VersionDescription); err != nil {
		return err
	}
	if err := checkConfig(in.LoggingConfiguration, in.EncryptionConfiguration); err != nil {
		return err
	}
	_, err := c.parseDefinition(in.Definition, machineType(in.Type))
	return err
}

// checkRoleArn validates a role ARN's form.
func checkRoleArn(arn string) error {
	if _, err := checkArnPrefix(arn); err != nil {
		return err
	}
	return nil
}

// checkArnPrefix returns AWS's InvalidArn error for a string that is not an
// ARN.
func checkArnPrefix(arn string) (string, error) {
	if len(arn) < 4 || arn[:4] != "arn:" {
		return "", errInvalidArn("Invalid ARN prefix: " + arn)
	}
	return arn, nil
}

// checkVersionDescription rejects a version description without publish.
func checkVersionDescription(publish bool, description string) error {
	if description != "" && !publish {
		return errorf(CodeValidation, "Version description can only be set when publish is true")
	}
	return nil
}

// checkConfig validates the logging and encryption configurations as AWS
// does.
func checkConfig(lc *LoggingConfiguration, ec *EncryptionConfiguration) error {
	if lc != nil {
		level := lc.Level
		if len(lc.Destinations) > 1 || level != "" && level != LogLevelOff && len(lc.Destinations) != 1 {
			return errorf(CodeInvalidLoggingConfiguration,
				"Invalid Logging Configuration: Must specify exactly one Log Destination.")
		}
	}
	if ec != nil && ec.Type == EncryptionTypeCustomerManagedKmsKey && ec.KmsKeyId == "" {
		return errorf(CodeInvalidEncryptionConfguration,
			"Invalid Encryption Configuration: kmsKeyId must be specified for CUSTOMER_MANAGED_KMS_KEY.")
	}
	return nil
}

// machineType defaults an absent type to STANDARD.
func machineType(t StateMachineType) StateMachineType {
	if t == "" {
		return StateMachineTypeStandard
	}
	return t
}

// parseDefinition parses a definition as a state machine of type t would,
// returning AWS's InvalidDefinition error for an invalid one.
func (c *Client) parseDefinition(def string, t StateMachineType) (*asl.Definition, error) {
	if len(def) > c.sw.cfg.Limits.MaxDefinitionSize {
		return nil, errorf(CodeInvalidDefinition, "Invalid State Machine Definition: 'Definition size exceeds the limit of %d bytes'",
			c.sw.cfg.Limits.MaxDefinitionSize)
	}
	if blank(def) {
		return nil, errorf(CodeInvalidDefinition, "Invalid State Machine Definition: '%s: %s'",
			asl.CodeSchema, msgNotAnObject)
	}
	d, err := asl.Parse(def, asl.Options{Express: t == StateMachineTypeExpress})
	if err != nil {
		return nil, errorf(CodeInvalidDefinition, "Invalid State Machine Definition: '%s'", err.Error())
	}
	return d, nil
}

// newStateMachine builds the record CreateStateMachine stores.
func (c *Client) newStateMachine(in *CreateStateMachineInput) *store.StateMachine {
	now := c.now()
	sm := &store.StateMachine{
		Arn: c.stateMachineARN(in.Name), Name: in.Name, Kind: store.MachineKind,
		Type: string(machineType(in.Type)), Definition: in.Definition, RoleArn: in.RoleArn,
		Created: now, Updated: now,
	}
	setConfig(sm, in.LoggingConfiguration, in.TracingConfiguration, in.EncryptionConfiguration)
	return sm
}

// setConfig stores the configurations that are set (nil leaves one as is;
// a state machine without one gets AWS's default).
func setConfig(sm *store.StateMachine, lc *LoggingConfiguration, tc *TracingConfiguration, ec *EncryptionConfiguration) {
	if lc != nil {
		norm := *lc
		if norm.Level == "" {
			norm.Level = LogLevelOff
		}
		sm.LoggingConfig = configJSON(&norm)
	}
	if tc != nil {
		sm.TracingConfig = configJSON(tc)
	}
	if ec != nil {
		sm.EncryptionConfig = configJSON(ec)
	}
}

// existingStateMachine answers a CreateStateMachine whose name is taken.
func (c *Client) existingStateMachine(ctx context.Context, want *store.StateMachine, in *CreateStateMachineInput) (*CreateStateMachineOutput, error) {
	got, err := c.sw.store.StateMachineGet(ctx, want.Arn)
	if err != nil || !sameStateMachine(got, want) {
		return nil, errorf(CodeStateMachineAlreadyExists, "State Machine Already Exists: '%s'", want.Arn)
	}
	return c.createdStateMachine(ctx, got, in)
}

// sameStateMachine reports whether two records have the same definition,
// role, type and configuration.
func sameStateMachine(a, b *store.StateMachine) bool {
	return a.Definition == b.Definition && a.RoleArn == b.RoleArn && a.Type == b.Type &&
		a.LoggingConfig == b.LoggingConfig && a.TracingConfig == b.TracingConfig &&
		a.EncryptionConfig == b.EncryptionConfig
}

// createdStateMachine publishes the first version when asked and returns
// CreateStateMachine's output.
func (c *Client) createdStateMachine(ctx context.Context, sm *store.StateMachine, in *CreateStateMachineInput) (*CreateStateMachineOutput, error) {
	out := &CreateStateMachineOutput{StateMachineArn: sm.Arn, CreationDate: NewTime(sm.Created)}
	if in.Publish {
		v, err := c.publish(ctx, sm, in.VersionDescription)
		if err != nil {
			return nil, err
		}
		out.StateMachineVersionArn = v.Arn
	}
	return out, nil
}

// DescribeStateMachine describes a state machine or one of its versions.
func (c *Client) DescribeStateMachine(ctx context.Context, in *DescribeStateMachineInput) (*DescribeStateMachineOutput, error) {
	var v violations
	v.str("stateMachineArn", in.StateMachineArn, 1, maxArn, false)
	v.enum("includedData", string(in.IncludedData), enumIncludedData...)
	if err := v.err(); err != nil {
		return nil, err
	}
	sm, err := c.getStateMachine(ctx, in.StateMachineArn, store.MachineKind, store.VersionKind)
	if err != nil {
		return nil, err
	}
	return describeStateMachine(sm), nil
}

// describeStateMachine renders a state machine or version record.
func describeStateMachine(sm *store.StateMachine) *DescribeStateMachineOutput {
	return &DescribeStateMachineOutput{
		StateMachineArn: sm.Arn, Name: sm.Name, Status: StateMachineStatusActive,
		Definition: sm.Definition, RoleArn: sm.RoleArn, Type: StateMachineType(sm.Type),
		CreationDate: NewTime(sm.Created), LoggingConfiguration: loggingOf(sm),
		TracingConfiguration: tracingOf(sm), RevisionId: sm.RevisionID,
		Description: sm.Description, EncryptionConfiguration: encryptionOf(sm),
	}
}

// getStateMachine loads a state machine, version or alias record by ARN,
// accepting only the given kinds; anything else is StateMachineDoesNotExist.
func (c *Client) getStateMachine(ctx context.Context, arn string, kinds ...store.Kind) (*store.StateMachine, error) {
	if _, err := parseStateMachineARN(arn); err != nil {
		return nil, err
	}
	sm, err := c.sw.store.StateMachineGet(ctx, arn)
	if errors.Is(err, store.ErrNotFound) || err == nil && !hasKind(sm, kinds) {
		return nil, errorf(CodeStateMachineDoesNotExist, "State Machine Does Not Exist: '%s'", arn)
	}
	if err != nil {
		return nil, internalError("StateMachineGet", err)
	}
	return sm, nil
}

func hasKind(sm *store.StateMachine, kinds []store.Kind) bool {
	for _, k := range kinds {
		if sm.Kind == k {
			return true
		}
	}
	return false
}

// ListStateMachines lists state machines by name, a page at a time.
func (c *Client) ListStateMachines(ctx context.Context, in *ListStateMachinesInput) (*ListStateMachinesOutput, error) {
	var v violations
	v.page(in.MaxResults, in.NextToken, maxPageToken)
	if err := v.err(); err != nil {
		return nil, err
	}
	after, err := decodeToken(in.NextToken)
	if err != nil {
		return nil, err
	}
	sms, next, err := c.listMachines(ctx, &store.ListParams{Kind: store.MachineKind, After: after}, in.MaxResults)
	if err != nil {
		return nil, err
	}
	out := &ListStateMachinesOutput{StateMachines: make([]StateMachineListItem, len(sms)), NextToken: next}
	for i, sm := range sms {
		out.StateMachines[i] = StateMachineListItem{
			StateMachineArn: sm.Arn, Name: sm.Name, Type: StateMachineType(sm.Type), CreationDate: NewTime(sm.Created),
		}
	}
	return out, nil
}

// listMachines returns a page of records and the token of the next page.
func (c *Client) listMachines(ctx context.Context, p *store.ListParams, maxResults int) ([]*store.StateMachine, string, error) {
	n := pageSize(maxResults)
	p.Limit = n + 1
	sms, err := c.sw.store.StateMachineList(ctx, p)
	if err != nil {
		return nil, "", internalError("StateMachineList", err)
	}
	if len(sms) <= n {
		return sms, "", nil
	}
	return sms[:n], encodeToken(sms[n-1].Arn), nil
}

// DeleteStateMachine deletes a state machine with its versions, aliases and
// tags. Deleting one that does not exist succeeds, as on AWS.
func (c *Client) DeleteStateMachine(ctx context.Context, in *DeleteStateMachineInput) (*DeleteStateMachineOutput, error) {
	if err := checkRequired("stateMachineArn", in.StateMachineArn, maxArn); err != nil {
		return nil, err
	}
	a, err := parseStateMachineARN(in.StateMachineArn)
	if err != nil {
		return nil, err
	}
	if a.Qualifier() != "" {
		return nil, errorf(CodeValidation, "Invalid Arn: '%s'", in.StateMachineArn)
	}
	err = c.sw.store.StateMachineDelete(ctx, in.StateMachineArn)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return nil, internalError("StateMachineDelete", err)
	}
	return &DeleteStateMachineOutput{}, nil
}

// loggingOf returns a record's logging configuration, or AWS's default.
func loggingOf(sm *store.StateMachine) *LoggingConfiguration {
	lc := &LoggingConfiguration{Level: LogLevelOff}
	if sm.LoggingConfig != "" {
		_ = json.Unmarshal([]byte(sm.LoggingConfig), lc)
	}
	return lc
}

// tracingOf returns a record's tracing configuration, or AWS's default.
func tracingOf(sm *store.StateMachine) *TracingConfiguration {
	tc := &TracingConfiguration{}
	if sm.TracingConfig != "" {
		_ = json.Unmarshal([]byte(sm.TracingConfig), tc)
	}
	return tc
}

// encryptionOf returns a record's encryption configuration, or nil.
func encryptionOf(sm *store.StateMachine) *EncryptionConfiguration {
	ec := &EncryptionConfiguration{}
	if sm.EncryptionConfig == "" || json.Unmarshal([]byte(sm.EncryptionConfig), ec) != nil {
		return nil
	}
	return ec
}

// configJSON encodes a configuration struct (plain data: it cannot fail).
func configJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// internalError wraps a storage failure as an InternalFailure.
func internalError(op string, err error) error {
	return &internalErr{op: op, err: err}
}

// internalErr is an unexpected failure: the api package answers it with
// InternalFailure and logs it.
type internalErr struct {
	op  string
	err error
}

func (e *internalErr) Error() string { return e.op + ": " + e.err.Error() }
func (e *internalErr) Unwrap() error { return e.err }

// newRevisionID returns a new revision id (a random UUID).
func newRevisionID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}
