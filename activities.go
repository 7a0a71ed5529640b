package stepwise

import (
	"context"
	"errors"

	"github.com/stepwisehq/stepwise/store"
)

// CreateActivity creates an activity. Creating one that exists returns it.
func (c *Client) CreateActivity(ctx context.Context, in *CreateActivityInput) (*CreateActivityOutput, error) {
	var v violations
	v.str("name", in.Name, 1, maxName, false)
	v.tags("tags", in.Tags)
	v.encryption(in.EncryptionConfiguration)
	if err := v.err(); err != nil {
		return nil, err
	}
	if err := checkName(in.Name); err != nil {
		return nil, err
	}
	if err := checkConfig(nil, in.EncryptionConfiguration); err != nil {
		return nil, err
	}
	a := &store.Activity{Arn: c.activityARN(in.Name), Name: in.Name, Created: c.now()}
	err := c.sw.store.ActivityCreate(ctx, a)
	if errors.Is(err, store.ErrAlreadyExists) {
		got, err := c.sw.store.ActivityGet(ctx, a.Arn)
		if err != nil {
			return nil, internalError("ActivityGet", err)
		}
		return &CreateActivityOutput{ActivityArn: got.Arn, CreationDate: NewTime(got.Created)}, nil
	}
	if err != nil {
		return nil, internalError("ActivityCreate", err)
	}
	if err := c.setTags(ctx, a.Arn, in.Tags); err != nil {
		return nil, err
	}
	return &CreateActivityOutput{ActivityArn: a.Arn, CreationDate: NewTime(a.Created)}, nil
}

// DescribeActivity describes an activity.
func (c *Client) DescribeActivity(ctx context.Context, in *DescribeActivityInput) (*DescribeActivityOutput, error) {
	if err := checkRequired("activityArn", in.ActivityArn, maxArn); err != nil {
		return nil, err
	}
	a, err := c.getActivity(ctx, in.ActivityArn)
	if err != nil {
		return nil, err
	}
	return &DescribeActivityOutput{ActivityArn: a.Arn, Name: a.Name, CreationDate: NewTime(a.Created)}, nil
}

// getActivity loads an activity, with AWS's errors for a bad or unknown ARN.
func (c *Client) getActivity(ctx context.Context, arn string) (*store.Activity, error) {
	if _, err := parseActivityARN(arn); err != nil {
		return nil, err
	}
	a, err := c.sw.store.ActivityGet(ctx, arn)
	if isNotFound(err) {
		return nil, errorf(CodeActivityDoesNotExist, "Activity Does Not Exist: '%s'", arn)
	}
	if err != nil {
		return nil, internalError("ActivityGet", err)
	}
	return a, nil
}

// ListActivities lists activities by name, a page at a time.
func (c *Client) ListActivities(ctx context.Context, in *ListActivitiesInput) (*ListActivitiesOutput, error) {
	var v violations
	v.page(in.MaxResults, in.NextToken, maxPageToken)
	if err := v.err(); err != nil {
		return nil, err
	}
	after, err := decodeToken(in.NextToken)
	if err != nil {
		return nil, err
	}
	n := pageSize(in.MaxResults)
	acts, err := c.sw.store.ActivityList(ctx, &store.ListParams{After: after, Limit: n + 1})
	if err != nil {
		return nil, internalError("ActivityList", err)
	}
	out := &ListActivitiesOutput{Activities: []ActivityListItem{}}
	if len(acts) > n {
		acts = acts[:n]
		out.NextToken = encodeToken(acts[n-1].Arn)
	}
	for _, a := range acts {
		out.Activities = append(out.Activities, ActivityListItem{ActivityArn: a.Arn, Name: a.Name, CreationDate: NewTime(a.Created)})
	}
	return out, nil
}

// DeleteActivity deletes an activity and its tags. Deleting one that does
// not exist succeeds, as on AWS.
func (c *Client) DeleteActivity(ctx context.Context, in *DeleteActivityInput) (*DeleteActivityOutput, error) {
	if err := checkRequired("activityArn", in.ActivityArn, maxArn); err != nil {
		return nil, err
	}
	if _, err := parseActivityARN(in.ActivityArn); err != nil {
		return nil, err
	}
	err := c.sw.store.ActivityDelete(ctx, in.ActivityArn)
	if err != nil && !isNotFound(err) {
		return nil, internalError("ActivityDelete", err)
	}
	return &DeleteActivityOutput{}, nil
}
