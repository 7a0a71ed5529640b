package stepwise

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/stepwisehq/stepwise/engine"
	"github.com/stepwisehq/stepwise/internal/runtime"
	"github.com/stepwisehq/stepwise/store"
	"github.com/stepwisehq/stepwise/value"
)

// target is what StartExecution runs: a state machine, reached directly or
// through a version or an alias.
type target struct {
	machine    *store.StateMachine // the state machine itself
	run        *store.StateMachine // the record whose definition runs (machine or version)
	versionArn string
	aliasArn   string
	testCase   string // a mock test case, from "arn#TestCase"
}

// splitTestCase splits Step Functions Local's "stateMachineArn#TestCase".
func splitTestCase(arn string) (string, string) {
	base, tc, _ := strings.Cut(arn, "#")
	return base, tc
}

// StartExecution starts an execution. For a STANDARD state machine the
// execution is durable once StartExecution returns; an EXPRESS one runs in
// memory and is not kept.
func (c *Client) StartExecution(ctx context.Context, in *StartExecutionInput) (*StartExecutionOutput, error) {
	return c.startExecution(ctx, in, "")
}

// startExecution starts an execution that parent, when not "", started
// with a states:startExecution Task; a STANDARD one records its parent.
func (c *Client) startExecution(ctx context.Context, in *StartExecutionInput, parent string) (*StartExecutionOutput, error) {
	smArn, testCase := splitTestCase(in.StateMachineArn)
	t, err := c.resolveTarget(ctx, smArn)
	if err != nil {
		return nil, err
	}
	t.testCase = testCase
	name, input, err := c.executionParams(in.Name, in.Input)
	if err != nil {
		return nil, err
	}
	now := c.now()
	if t.machine.Type == string(StateMachineTypeExpress) {
		arn := c.expressArn(t.machine.Name, name)
		c.startExpressAsync(t, arn, name, input, now)
		return &StartExecutionOutput{ExecutionArn: arn, StartDate: NewTime(now)}, nil
	}
	arn := c.executionArn(t.machine.Name, name)
	row := &store.Execution{
		Arn: arn, StateMachineArn: t.machine.Arn, VersionArn: t.versionArn, AliasArn: t.aliasArn,
		Name: name, Type: t.machine.Type, Status: store.StatusRunning, Input: value.String(input),
		Started: now, TraceHeader: in.TraceHeader, Definition: t.run.Definition, ParentArn: parent,
	}
	err = c.sw.rt.durable.StartExecution(ctx, row, c.meta(t, arn, name, now, false), input)
	if errors.Is(err, store.ErrAlreadyExists) {
		return c.existingExecution(ctx, arn, row.Input)
	}
	if err != nil {
		return nil, c.internal("StartExecution", err)
	}
	return &StartExecutionOutput{ExecutionArn: arn, StartDate: NewTime(now)}, nil
}

// existingExecution applies StartExecution's idempotency: the same name
// and input as a RUNNING execution returns it; anything else is
// ExecutionAlreadyExists.
func (c *Client) existingExecution(ctx context.Context, arn, input string) (*StartExecutionOutput, error) {
	ex, err := c.sw.store.ExecutionGet(ctx, arn)
	if err == nil && ex.Status == store.StatusRunning && ex.Input == input {
		return &StartExecutionOutput{ExecutionArn: arn, StartDate: NewTime(ex.Started)}, nil
	}
	return nil, errorf(CodeExecutionAlreadyExists, "Execution Already Exists: '%s'", arn)
}

func (c *Client) meta(t *target, arn, name string, now time.Time, express bool) engine.Meta {
	return engine.Meta{
		ExecutionArn: arn, Name: name, StateMachineArn: t.machine.Arn, StateMachineName: t.machine.Name,
		RoleArn: t.machine.RoleArn, StartTime: now, Express: express, TestCase: t.testCase,
	}
}

// executionParams validates an execution's name (a UUID when empty) and
// input ("{}" when absent).
func (c *Client) executionParams(name string, input *string) (string, value.Value, error) {
	if name == "" {
		name = runtime.NewUUID()
	} else if !validName(name) {
		return "", nil, errorf(CodeInvalidName, "Invalid Name: '%s'", name)
	}
	text := "{}"
	if input != nil {
		text = *input
	}
	if strings.TrimSpace(text) == "" {
		return "", nil, errorf(CodeInvalidExecutionInput, "Invalid State Machine Execution Input: 'Invalid execution input.'")
	}
	if len(text) > c.sw.cfg.Limits.MaxPayloadBytes {
		return "", nil, errorf(CodeInvalidExecutionInput, "Invalid State Machine Execution Input: 'The input exceeds the maximum size of %d bytes.'", c.sw.cfg.Limits.MaxPayloadBytes)
	}
	v, err := value.ParseString(text)
	if err != nil {
		return "", nil, errorf(CodeInvalidExecutionInput, "Invalid State Machine Execution Input: '%s'", jsonProblem(text, err))
	}
	return name, v, nil
}

// jsonProblem describes malformed JSON text, in Jackson's words where AWS
// quotes them.
func jsonProblem(text string, err error) string {
	word := strings.TrimLeft(text, " \t\r\n")
	if end := strings.IndexFunc(word, func(r rune) bool { return !isWordRune(r) }); end >= 0 {
		word = word[:end]
	}
	if word != "" && word != "true" && word != "false" && word != "null" {
		return fmt.Sprintf("Unrecognized token '%s': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')", word)
	}
	var se *value.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("%s at offset %d", se.Msg, se.Offset)
	}
	return err.Error()
}

func isWordRune(r rune) bool {
	return r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}

func (c *Client) executionArn(machine, name string) string {
	return c.arnPrefix() + "execution:" + machine + ":" + name
}

func (c *Client) expressArn(machine, name string) string {
	return c.arnPrefix() + "express:" + machine + ":" + name + ":" + runtime.NewUUID()
}

// internal wraps an unexpected failure as InternalFailure, keeping the
// details out of the message.
func (c *Client) internal(op string, err error) error {
	c.sw.cfg.Logger.Error("internal failure", "op", op, "err", err)
	return &Error{Code: CodeInternal, Message: "An internal error occurred."}
}
