package stepwise

import (
	"context"
	"errors"

	"github.com/stepwisehq/stepwise/asl"
	"github.com/stepwisehq/stepwise/engine"
	"github.com/stepwisehq/stepwise/internal/mock"
	"github.com/stepwisehq/stepwise/internal/runtime"
	"github.com/stepwisehq/stepwise/value"
)

// TestState runs one state alone, as AWS's TestState API does: with its
// input, optional variables and context, and optionally a mock in place of
// its task or its Map/Parallel children.
func (c *Client) TestState(ctx context.Context, in *TestStateInput) (*TestStateOutput, error) {
	def, name, err := asl.ParseForTest(in.Definition, in.StateName, asl.Options{})
	if errors.Is(err, asl.ErrStateNotFound) {
		return nil, errorf(CodeValidation, "State not found in definition")
	}
	if err != nil {
		return nil, errorf(CodeInvalidDefinition, "Invalid State Machine Definition: '%s'", err)
	}
	cfg, input, err := c.testConfig(in, def.States[name])
	if err != nil {
		return nil, err
	}
	cfg.State = name
	if in.Context != nil {
		var spans *value.Spans
		if cfg.Context, spans, err = testContext(*in.Context); err != nil {
			return nil, err
		}
		cfg.texts = append(cfg.texts, spans) // a value selected from it is echoed as given
	}
	prog := engine.New(def, c.sw.engineOptions())
	meta := c.testMeta(in, input)
	x, cmds := prog.StartTest(meta, input, runtime.RandomIDs{}, meta.StartTime, &cfg.TestConfig)
	if !x.Done() {
		l := &runtime.Local{Invoker: c.sw.registry, IDs: runtime.RandomIDs{}, TimeScale: 0,
			Region: c.sw.cfg.Region, Account: c.sw.cfg.Account}
		if _, err := l.Drive(ctx, x, cmds); err != nil {
			return nil, c.internal("TestState", err)
		}
	}
	return testOutput(x.TestOutcome(), in.InspectionLevel, cfg.texts), nil
}

// sourceTexts prints values the way TestState echoes them: a document
// passed through unchanged keeps the text it was given in.
type sourceTexts []*value.Spans

func (s sourceTexts) text(v value.Value) string {
	for _, sp := range s {
		if t, ok := sp.Text(v); ok {
			return t
		}
	}
	return value.String(v)
}

func (c *Client) testMeta(in *TestStateInput, input value.Value) engine.Meta {
	name := runtime.NewUUID()
	machine := "TestStateMachine-" + runtime.NewUUID()[:8]
	return engine.Meta{
		ExecutionArn: c.arnPrefix() + "express:" + machine + ":" + name, Name: name,
		StateMachineArn: c.stateMachineARN(machine), StateMachineName: machine,
		RoleArn: in.RoleArn, StartTime: c.now(), Express: true,
	}
}

// testConfig checks TestState's request and builds the engine's test
// configuration.
// testConfig is the engine's test configuration and the source texts of
// the request's documents.
type testConfig struct {
	engine.TestConfig
	texts sourceTexts
}

func (c *Client) testConfig(in *TestStateInput, st asl.State) (*testConfig, value.Value, error) {
	cfg := &testConfig{TestConfig: engine.TestConfig{Inspect: in.InspectionLevel == InspectionLevelDebug || in.InspectionLevel == InspectionLevelTrace}}
	input, spans, err := c.testInput(in.Input)
	if err != nil {
		return nil, nil, err
	}
	cfg.texts = append(cfg.texts, spans)
	if in.Variables != nil {
		v, err := value.ParseString(*in.Variables)
		obj, ok := v.(*value.Object)
		if err != nil || !ok {
			return nil, nil, errorf(CodeValidation, "Variables must be a JSON object")
		}
		cfg.Variables = obj
	}
	if err := checkTestMock(in, st); err != nil {
		return nil, nil, err
	}
	var mockSpans *value.Spans
	if cfg.Mock, mockSpans, err = testMock(in.Mock, st); err != nil {
		return nil, nil, err
	}
	cfg.texts = append(cfg.texts, mockSpans)
	if sc := in.StateConfiguration; sc != nil {
		if sc.RetrierRetryCount != nil {
			cfg.RetryCount = int64(*sc.RetrierRetryCount)
		}
		if sc.MapItemReaderData != "" {
			cfg.ReaderData = &sc.MapItemReaderData
		}
		if err := checkMapFailures(sc, cfg.Mock, &cfg.MapFailures); err != nil {
			return nil, nil, err
		}
	}
	return cfg, input, nil
}

func (c *Client) testInput(text *string) (value.Value, *value.Spans, error) {
	if text == nil {
		return value.NewObject(nil), nil, nil
	}
	v, spans, err := value.ParseWithSpans(*text)
	if err != nil {
		return nil, nil, errorf(CodeInvalidExecutionInput, "Invalid State Machine Execution Input: '%s'", jsonProblem(*text, err))
	}
	return v, spans, nil
}

// checkTestMock applies TestState's rules on which states a mock may
// replace, and on Map and Parallel states.
func checkTestMock(in *TestStateInput, st asl.State) error {
	typ := st.Common().Type
	fanOut := typ == asl.TypeMap || typ == asl.TypeParallel
	if in.Mock == nil {
		if in.StateConfiguration != nil && in.StateConfiguration.MapIterationFailureCount != nil {
			return errorf(CodeValidation, "TestState does not support MapIterationFailureCount when a mock is not specified.")
		}
		if fanOut {
			return errorf(CodeInvalidDefinition, "TestState API does not support Map or Parallel states. Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]")
		}
		return nil
	}
	if in.Mock.Result != nil && in.Mock.ErrorOutput != nil {
		return errorf(CodeValidation, "A test mock should have only one of the following fields: [result, errorOutput].")
	}
	if typ != asl.TypeTask && !fanOut {
		return errorf(CodeValidation, "State type '%s' is not supported when a mock is specified", typ)
	}
	if in.RevealSecrets {
		return errorf(CodeValidation, "TestState does not support RevealSecrets when a mock is specified.")
	}
	return nil
}

// testMock reads the request's mock.
func testMock(m *MockInput, st asl.State) (*engine.TestMock, *value.Spans, error) {
	if m == nil {
		return nil, nil, nil
	}
	if m.ErrorOutput != nil {
		e := &engine.TestMock{IsError: true}
		if m.ErrorOutput.Error != nil {
			e.Error = *m.ErrorOutput.Error
		}
		if m.ErrorOutput.Cause != nil {
			e.Cause = *m.ErrorOutput.Cause
		}
		return e, nil, nil
	}
	text := "null"
	if m.Result != nil {
		text = *m.Result
	}
	v, spans, err := value.ParseWithSpans(text)
	if err != nil {
		return nil, nil, errorf(CodeValidation, "Mocked result must be valid JSON.")
	}
	if err := checkMockShape(v, st); err != nil {
		return nil, nil, err
	}
	if task, ok := st.(*asl.Task); ok {
		if msg := mock.ValidateResult(task.Resource, v, string(m.FieldValidationMode)); msg != "" {
			return nil, nil, errorf(CodeValidation, "Mock result schema validation error: %s", msg)
		}
	}
	return &engine.TestMock{Result: v}, spans, nil
}

func checkMockShape(v value.Value, st asl.State) error {
	switch s := st.(type) {
	case *asl.Parallel:
		if _, ok := v.([]value.Value); !ok {
			return errorf(CodeValidation, "Mocked result must be an array.")
		}
	case *asl.Map:
		if s.ResultWriter != nil {
			if _, ok := v.(*value.Object); !ok {
				return errorf(CodeValidation, "Mocked result must be a JSON object.")
			}
		} else if _, ok := v.([]value.Value); !ok {
			return errorf(CodeValidation, "Mocked result must be an array.")
		}
	}
	return nil
}

func checkMapFailures(sc *TestStateConfiguration, mock *engine.TestMock, out *int) error {
	if sc.MapIterationFailureCount == nil {
		return nil
	}
	n := *sc.MapIterationFailureCount
	if mock != nil && !mock.IsError {
		if arr, ok := mock.Result.([]value.Value); ok && n > len(arr) {
			return errorf(CodeValidation, "Map iteration failure count must be less than or equal to the number of Map iterations")
		}
	}
	*out = n
	return nil
}

// testOutput converts the engine's outcome to TestState's response.
func testOutput(o *engine.TestOutcome, level InspectionLevel, texts sourceTexts) *TestStateOutput {
	out := &TestStateOutput{Status: TestExecutionStatus(o.Status), NextState: o.NextState}
	if o.HasOutput {
		out.Output = texts.text(o.Output)
	}
	if o.HasError {
		out.Error = &o.Error
	}
	if o.HasCause {
		out.Cause = &o.Cause
	}
	if o.Inspection != nil && level != InspectionLevelInfo && level != "" {
		out.InspectionData = inspectionData(o.Inspection, texts)
	}
	return out
}

func inspectionData(o *value.Object, texts sourceTexts) *InspectionData {
	d := &InspectionData{}
	text := map[string]*string{
		"input": &d.Input, "afterArguments": &d.AfterArguments, "afterInputPath": &d.AfterInputPath,
		"afterParameters": &d.AfterParameters, "result": &d.Result, "afterResultSelector": &d.AfterResultSelector,
		"afterResultPath": &d.AfterResultPath, "variables": &d.Variables, "afterItemsPath": &d.AfterItemsPath,
	}
	for _, m := range o.Members() {
		if p := text[m.Key]; p != nil {
			*p = texts.text(m.Value)
			continue
		}
		switch m.Key {
		case "maxConcurrency":
			d.MaxConcurrency = intPtr(m.Value)
		case "toleratedFailureCount":
			d.ToleratedFailureCount = intPtr(m.Value)
		case "toleratedFailurePercentage":
			f := m.Value.(value.Number).Float64()
			d.ToleratedFailurePercentage = &f
		case "errorDetails":
			d.ErrorDetails = errorDetails(m.Value)
		}
	}
	return d
}

func intPtr(v value.Value) *int {
	n, _ := v.(value.Number)
	i, _ := n.Int64()
	r := int(i)
	return &r
}

func errorDetails(v value.Value) *InspectionErrorDetails {
	o, _ := v.(*value.Object)
	d := &InspectionErrorDetails{}
	for _, m := range o.Members() {
		switch m.Key {
		case "catchIndex":
			d.CatchIndex = intPtr(m.Value)
		case "retryIndex":
			d.RetryIndex = intPtr(m.Value)
		case "retryBackoffIntervalSeconds":
			d.RetryBackoffIntervalSeconds = intPtr(m.Value)
		}
	}
	return d
}

// testContext reads TestState's context object, with AWS's checks.
func testContext(text string) (value.Value, *value.Spans, error) {
	v, spans, err := value.ParseWithSpans(text)
	obj, ok := v.(*value.Object)
	if err != nil || !ok {
		return nil, nil, errorf(CodeValidation, "Invalid Context object provided: it must be a JSON object")
	}
	for _, m := range obj.Members() {
		switch m.Key {
		case "Execution", "State", "StateMachine", "Task":
		case "Map":
			return nil, nil, errorf(CodeValidation, "Invalid Context object provided: 'Map' field is not supported when mocking a Context object")
		default:
			return nil, nil, errorf(CodeValidation, "Invalid Context object provided: Field '%s' is not allowed", m.Key)
		}
	}
	return obj, spans, nil
}
