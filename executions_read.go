package stepwise

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/stepwisehq/stepwise/store"
)

// getExecution loads an execution by ARN with AWS's errors.
func (c *Client) getExecution(ctx context.Context, arn string) (*store.Execution, error) {
	if _, err := parseTypedARN(arn, typeExecution, typeExpress); err != nil {
		return nil, err
	}
	ex, err := c.sw.store.ExecutionGet(ctx, arn)
	if errors.Is(err, store.ErrNotFound) {
		return nil, errorf(CodeExecutionDoesNotExist, "Execution Does Not Exist: '%s'", arn)
	}
	if err != nil {
		return nil, c.internal("getExecution", err)
	}
	return ex, nil
}

// DescribeExecution describes a STANDARD execution.
func (c *Client) DescribeExecution(ctx context.Context, in *DescribeExecutionInput) (*DescribeExecutionOutput, error) {
	ex, err := c.getExecution(ctx, in.ExecutionArn)
	if err != nil {
		return nil, err
	}
	out := &DescribeExecutionOutput{
		ExecutionArn: ex.Arn, StateMachineArn: ex.StateMachineArn, Name: ex.Name,
		Status: ExecutionStatus(ex.Status), StartDate: NewTime(ex.Started),
		TraceHeader: ex.TraceHeader, MapRunArn: ex.MapRunArn,
		StateMachineVersionArn: ex.VersionArn, StateMachineAliasArn: ex.AliasArn,
	}
	if !ex.Stopped.IsZero() {
		out.StopDate = NewTime(ex.Stopped)
	}
	if in.IncludedData != IncludedDataMetadataOnly {
		out.Input = ex.Input
		out.InputDetails = &CloudWatchEventsExecutionDataDetails{Included: true}
		if ex.HasOutput {
			out.Output = ex.Output
			out.OutputDetails = &CloudWatchEventsExecutionDataDetails{Included: true}
		}
	}
	if ex.HasError {
		out.Error = &ex.Error
	}
	if ex.HasCause {
		out.Cause = &ex.Cause
	}
	out.RedriveCount = &ex.RedriveCount
	if !ex.Redriven.IsZero() {
		out.RedriveDate = NewTime(ex.Redriven)
	}
	out.RedriveStatus, out.RedriveStatusReason = redriveStatus(ex)
	return out, nil
}

// redriveStatus tells whether RedriveExecution may restart the execution.
func redriveStatus(ex *store.Execution) (ExecutionRedriveStatus, string) {
	switch ex.Status {
	case store.StatusRunning:
		return ExecutionRedriveStatusNotRedrivable, "Execution is RUNNING and cannot be redriven"
	case store.StatusSucceeded:
		return ExecutionRedriveStatusNotRedrivable, "Execution is SUCCEEDED and cannot be redriven"
	}
	if ex.MapRunArn != "" { // a distributed Map's child: redriving its parent redrives it
		return ExecutionRedriveStatusRedrivableByMapRun, ""
	}
	return ExecutionRedriveStatusRedrivable, ""
}

// ListExecutions lists a state machine's STANDARD executions, newest first.
func (c *Client) ListExecutions(ctx context.Context, in *ListExecutionsInput) (*ListExecutionsOutput, error) {
	params, err := c.listExecutionsParams(ctx, in)
	if err != nil {
		return nil, err
	}
	limit := pageSize(in.MaxResults)
	params.Limit = limit + 1
	rows, err := c.sw.store.ExecutionList(ctx, params)
	if err != nil {
		return nil, c.internal("ListExecutions", err)
	}
	out := &ListExecutionsOutput{Executions: []ExecutionListItem{}}
	if len(rows) > limit {
		rows = rows[:limit]
		out.NextToken = encodeToken(rows[limit-1].Arn)
	}
	for _, ex := range rows {
		item := ExecutionListItem{
			ExecutionArn: ex.Arn, StateMachineArn: ex.StateMachineArn, Name: ex.Name,
			Status: ExecutionStatus(ex.Status), StartDate: NewTime(ex.Started), MapRunArn: ex.MapRunArn,
			StateMachineVersionArn: ex.VersionArn, StateMachineAliasArn: ex.AliasArn,
		}
		if !ex.Stopped.IsZero() {
			item.StopDate = NewTime(ex.Stopped)
		}
		out.Executions = append(out.Executions, item)
	}
	return out, nil
}

func (c *Client) listExecutionsParams(ctx context.Context, in *ListExecutionsInput) (*store.ExecutionListParams, error) {
	if err := checkStatusFilter(in.StatusFilter); err != nil {
		return nil, err
	}
	after, err := decodeToken(in.NextToken)
	if err != nil {
		return nil, err
	}
	p := &store.ExecutionListParams{Status: store.Status(in.StatusFilter), After: after,
		MapRunArn: in.MapRunArn, RedriveFilter: string(in.RedriveFilter)}
	if in.MapRunArn != "" { // the Map Run's child executions
		return p, c.checkMapRun(ctx, in.MapRunArn)
	}
	t, err := c.resolveListTarget(ctx, in.StateMachineArn)
	if err != nil {
		return nil, err
	}
	p.StateMachineArn, p.VersionArn, p.AliasArn = t.machine.Arn, t.versionArn, t.aliasArn
	return p, nil
}

// resolveListTarget is resolveTarget without an alias picking a version.
func (c *Client) resolveListTarget(ctx context.Context, arn string) (*target, error) {
	a, err := parseStateMachineARN(arn)
	if err != nil {
		return nil, err
	}
	rec, err := c.sw.store.StateMachineGet(ctx, arn)
	if err != nil {
		return nil, errorf(CodeStateMachineDoesNotExist, "State Machine Does Not Exist: '%s'", arn)
	}
	t := &target{run: rec}
	switch rec.Kind {
	case store.VersionKind:
		t.versionArn = rec.Arn
	case store.AliasKind:
		t.aliasArn = rec.Arn
	}
	t.machine, err = c.machineOf(ctx, a.Base(), rec)
	return t, err
}

func checkStatusFilter(s ExecutionStatus) error {
	switch s {
	case "", ExecutionStatusRunning, ExecutionStatusSucceeded, ExecutionStatusFailed,
		ExecutionStatusTimedOut, ExecutionStatusAborted, ExecutionStatusPendingRedrive:
		return nil
	}
	return errorf(CodeValidation, "1 validation error detected: Value '%s' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [SUCCEEDED, TIMED_OUT, PENDING_REDRIVE, ABORTED, FAILED, RUNNING]", s)
}

// GetExecutionHistory returns an execution's events, a page at a time.
func (c *Client) GetExecutionHistory(ctx context.Context, in *GetExecutionHistoryInput) (*GetExecutionHistoryOutput, error) {
	if _, err := c.getExecution(ctx, in.ExecutionArn); err != nil {
		return nil, err
	}
	afterText, err := decodeToken(in.NextToken)
	if err != nil {
		return nil, err
	}
	after, _ := strconv.ParseInt(afterText, 10, 64)
	limit := pageSize(in.MaxResults)
	evs, err := c.sw.store.HistoryGet(ctx, &store.HistoryParams{Arn: in.ExecutionArn, After: after, Limit: limit + 1, Reverse: in.ReverseOrder})
	if err != nil {
		return nil, c.internal("GetExecutionHistory", err)
	}
	out := &GetExecutionHistoryOutput{Events: []HistoryEvent{}}
	if len(evs) > limit {
		evs = evs[:limit]
		out.NextToken = encodeToken(strconv.FormatInt(evs[limit-1].ID, 10))
	}
	data := in.IncludeExecutionData == nil || *in.IncludeExecutionData
	for i := range evs {
		out.Events = append(out.Events, HistoryEvent(evs[i].AppendJSON(nil, data)))
	}
	return out, nil
}

// DescribeStateMachineForExecution returns the definition an execution ran.
func (c *Client) DescribeStateMachineForExecution(ctx context.Context, in *DescribeStateMachineForExecutionInput) (*DescribeStateMachineForExecutionOutput, error) {
	ex, err := c.getExecution(ctx, in.ExecutionArn)
	if err != nil {
		return nil, err
	}
	out := &DescribeStateMachineForExecutionOutput{
		StateMachineArn: ex.StateMachineArn, Definition: ex.Definition, MapRunArn: ex.MapRunArn,
		UpdateDate: NewTime(ex.Started),
	}
	machine := ex.StateMachineArn
	if i := strings.LastIndexByte(machine, '/'); ex.MapRunArn != "" && i > 0 {
		machine, out.Label = machine[:i], machine[i+1:] // a Map Run's child runs STATEMACHINE/LABEL
	}
	if sm, err := c.sw.store.StateMachineGet(ctx, machine); err == nil {
		out.Name, out.RoleArn, out.RevisionId = sm.Name, sm.RoleArn, sm.RevisionID
		out.UpdateDate = NewTime(sm.Updated)
	} else if a, err := parseARN(machine); err == nil {
		out.Name = a.Name
	}
	if out.Label != "" {
		out.Name += "/" + out.Label
	}
	return out, nil
}
