package stepwise

import (
	"context"
	"errors"

	"github.com/stepwisehq/stepwise/store"
)

// mapRunStore returns the store's Map Runs, when it keeps them.
func (c *Client) mapRunStore() (store.MapRunStore, error) {
	if _, ok := c.sw.cfg.Store.(store.MapRunStore); !ok {
		return nil, errorf(CodeValidation, "This store does not keep Map Runs")
	}
	return c.sw.store.(store.MapRunStore), nil
}

func (c *Client) getMapRun(ctx context.Context, arn string) (*store.MapRun, store.MapRunStore, error) {
	if _, err := parseTypedARN(arn, typeMapRun); err != nil {
		return nil, nil, err
	}
	s, err := c.mapRunStore()
	if err != nil {
		return nil, nil, err
	}
	r, err := s.MapRunGet(ctx, arn)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil, errorf(CodeResourceNotFound, "Resource not found: '%s'", arn)
	}
	if err != nil {
		return nil, nil, c.internal("getMapRun", err)
	}
	return r, s, nil
}

// checkMapRun checks a Map Run ARN, and that the Map Run exists when the
// store keeps Map Runs.
func (c *Client) checkMapRun(ctx context.Context, arn string) error {
	if _, err := c.mapRunStore(); err != nil {
		_, err = parseTypedARN(arn, typeMapRun)
		return err
	}
	_, _, err := c.getMapRun(ctx, arn)
	return err
}

// ListMapRuns lists the Map Runs an execution started.
func (c *Client) ListMapRuns(ctx context.Context, in *ListMapRunsInput) (*ListMapRunsOutput, error) {
	if _, err := c.getExecution(ctx, in.ExecutionArn); err != nil {
		return nil, err
	}
	s, err := c.mapRunStore()
	if err != nil {
		return nil, err
	}
	after, err := decodeToken(in.NextToken)
	if err != nil {
		return nil, err
	}
	limit := pageSize(in.MaxResults)
	runs, err := s.MapRunList(ctx, in.ExecutionArn, after, limit+1)
	if err != nil {
		return nil, c.internal("ListMapRuns", err)
	}
	out := &ListMapRunsOutput{MapRuns: []MapRunListItem{}}
	if len(runs) > limit {
		runs = runs[:limit]
		out.NextToken = encodeToken(runs[limit-1].Arn)
	}
	for _, r := range runs {
		item := MapRunListItem{ExecutionArn: r.ExecutionArn, MapRunArn: r.Arn, StateMachineArn: r.StateMachineArn, StartDate: NewTime(r.Started)}
		if !r.Stopped.IsZero() {
			item.StopDate = NewTime(r.Stopped)
		}
		out.MapRuns = append(out.MapRuns, item)
	}
	return out, nil
}

// DescribeMapRun describes a Map Run with its item counts.
func (c *Client) DescribeMapRun(ctx context.Context, in *DescribeMapRunInput) (*DescribeMapRunOutput, error) {
	r, _, err := c.getMapRun(ctx, in.MapRunArn)
	if err != nil {
		return nil, err
	}
	counts := MapRunItemCounts{Pending: r.Pending, Running: r.Running, Succeeded: r.Succeeded,
		Failed: r.Failed, Total: r.Total}
	redrives := r.RedriveCount
	out := &DescribeMapRunOutput{
		MapRunArn: r.Arn, ExecutionArn: r.ExecutionArn, Status: MapRunStatus(r.Status),
		StartDate: NewTime(r.Started), MaxConcurrency: r.MaxConcurrency,
		ToleratedFailurePercentage: r.ToleratedFailurePercentage, ToleratedFailureCount: r.ToleratedFailureCount,
		ItemCounts: counts, ExecutionCounts: counts, RedriveCount: &redrives,
	}
	if !r.Redriven.IsZero() {
		out.RedriveDate = NewTime(r.Redriven)
	}
	if !r.Stopped.IsZero() {
		out.StopDate = NewTime(r.Stopped)
	}
	return out, nil
}

// UpdateMapRun changes a running Map Run's concurrency and failure
// tolerance, as recorded settings.
func (c *Client) UpdateMapRun(ctx context.Context, in *UpdateMapRunInput) (*UpdateMapRunOutput, error) {
	r, s, err := c.getMapRun(ctx, in.MapRunArn)
	if err != nil {
		return nil, err
	}
	if r.Status != store.StatusRunning {
		return nil, &Error{Code: CodeValidation, Message: "Map Run is not running and cannot be updated", Reason: "CANNOT_UPDATE_COMPLETED_MAP_RUN"}
	}
	if in.MaxConcurrency != nil {
		r.MaxConcurrency = *in.MaxConcurrency
	}
	if in.ToleratedFailureCount != nil {
		r.ToleratedFailureCount = *in.ToleratedFailureCount
	}
	if in.ToleratedFailurePercentage != nil {
		r.ToleratedFailurePercentage = *in.ToleratedFailurePercentage
	}
	if err := s.MapRunUpdate(ctx, r); err != nil {
		return nil, c.internal("UpdateMapRun", err)
	}
	return &UpdateMapRunOutput{}, nil
}
