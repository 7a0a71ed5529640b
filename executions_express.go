package stepwise

import (
	"context"
	"time"

	"github.com/stepwisehq/stepwise/engine"
	"github.com/stepwisehq/stepwise/internal/runtime"
	"github.com/stepwisehq/stepwise/value"
)

// runExpress runs an EXPRESS execution in memory to its end.
func (c *Client) runExpress(ctx context.Context, t *target, arn, name string, input value.Value, now time.Time) (*runtime.Outcome, error) {
	prog, err := c.sw.rt.durable.ExpressProgram(t.run.Definition)
	if err != nil {
		return nil, c.internal("runExpress", err)
	}
	l := &runtime.Local{
		Invoker: c.sw.registry, IDs: runtime.RandomIDs{}, TimeScale: c.timeScale(),
		Region: c.sw.cfg.Region, Account: c.sw.cfg.Account,
	}
	if t.testCase != "" && c.sw.mocks != nil {
		l.Mocks, _ = c.sw.mocks.Session(t.machine.Name, t.testCase)
	}
	return l.Run(ctx, prog, c.meta(t, arn, name, now, true), input)
}

func (c *Client) timeScale() float64 { return c.sw.cfg.TimeScale }

// startExpressAsync runs an EXPRESS execution started with StartExecution:
// AWS keeps no record of it that the API can read.
func (c *Client) startExpressAsync(t *target, arn, name string, input value.Value, now time.Time) {
	r := c.sw.rt
	r.express.Add(1)
	go func() {
		defer r.express.Done()
		if _, err := c.runExpress(r.ctx, t, arn, name, input, now); err != nil && r.ctx.Err() == nil {
			c.sw.cfg.Logger.Warn("express execution did not finish", "arn", arn, "err", err)
		}
	}()
}

// StartSyncExecution runs an EXPRESS execution and returns its result.
func (c *Client) StartSyncExecution(ctx context.Context, in *StartSyncExecutionInput) (*StartSyncExecutionOutput, error) {
	smArn, testCase := splitTestCase(in.StateMachineArn)
	t, err := c.resolveTarget(ctx, smArn)
	if err != nil {
		return nil, err
	}
	t.testCase = testCase
	if t.machine.Type != string(StateMachineTypeExpress) {
		return nil, errorf(CodeStateMachineTypeNotSupported, "This operation is not supported by this type of state machine")
	}
	name, input, err := c.executionParams(in.Name, in.Input)
	if err != nil {
		return nil, err
	}
	now := c.now()
	arn := c.expressArn(t.machine.Name, name)
	o, err := c.runExpress(ctx, t, arn, name, input, now)
	if err != nil {
		return nil, c.internal("StartSyncExecution", err)
	}
	return syncOutput(o, t, in), nil
}

func syncOutput(o *runtime.Outcome, t *target, in *StartSyncExecutionInput) *StartSyncExecutionOutput {
	x := o.Execution
	r := x.Result
	out := &StartSyncExecutionOutput{
		ExecutionArn: x.Meta.ExecutionArn, StateMachineArn: t.machine.Arn, Name: x.Meta.Name,
		StartDate: NewTime(x.Meta.StartTime), StopDate: NewTime(o.StopTime),
		Status: SyncExecutionStatus(r.Status.String()), TraceHeader: in.TraceHeader,
		BillingDetails: &BillingDetails{BilledDurationInMilliseconds: billed(x.Meta.StartTime, o.StopTime), BilledMemoryUsedInMB: 64},
	}
	if in.IncludedData != IncludedDataMetadataOnly {
		out.Input = value.String(x.Input)
		out.InputDetails = &CloudWatchEventsExecutionDataDetails{Included: true}
		if r.Status == engine.Succeeded {
			out.Output = value.String(r.Output)
			out.OutputDetails = &CloudWatchEventsExecutionDataDetails{Included: true}
		}
	}
	if r.HasError {
		out.Error = &r.Error
	}
	if r.HasCause {
		out.Cause = &r.Cause
	}
	return out
}

// billed is AWS's billed duration: rounded up to the next 100 ms.
func billed(start, stop time.Time) int64 {
	ms := stop.Sub(start).Milliseconds()
	return (ms/100 + 1) * 100
}
