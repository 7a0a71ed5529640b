package stepwise

import (
	"context"
	"sort"
	"strconv"

	"github.com/stepwisehq/stepwise/store"
)

// maxTags is the number of tags a resource may have.
const maxTags = 50

// TagResource adds or replaces tags of a state machine or an activity.
func (c *Client) TagResource(ctx context.Context, in *TagResourceInput) (*TagResourceOutput, error) {
	var v violations
	v.str("resourceArn", in.ResourceArn, 1, maxArn, false)
	if in.Tags == nil {
		v.add("null", "tags", "Member must not be null")
	}
	v.tags("tags", in.Tags)
	if err := v.err(); err != nil {
		return nil, err
	}
	if err := c.checkTaggable(ctx, in.ResourceArn); err != nil {
		return nil, err
	}
	if err := c.checkTagCount(ctx, in.ResourceArn, in.Tags); err != nil {
		return nil, err
	}
	if err := c.setTags(ctx, in.ResourceArn, in.Tags); err != nil {
		return nil, err
	}
	return &TagResourceOutput{}, nil
}

// UntagResource removes tags of a state machine or an activity.
func (c *Client) UntagResource(ctx context.Context, in *UntagResourceInput) (*UntagResourceOutput, error) {
	var v violations
	v.str("resourceArn", in.ResourceArn, 1, maxArn, false)
	if in.TagKeys == nil {
		v.add("null", "tagKeys", "Member must not be null")
	}
	for i, k := range in.TagKeys {
		v.length("tagKeys."+strconv.Itoa(i+1)+".member", k, 1, maxTagKey, false)
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	if err := c.checkTaggable(ctx, in.ResourceArn); err != nil {
		return nil, err
	}
	if err := c.sw.store.TagsRemove(ctx, in.ResourceArn, in.TagKeys); err != nil {
		return nil, internalError("TagsRemove", err)
	}
	return &UntagResourceOutput{}, nil
}

// ListTagsForResource lists a resource's tags, by key.
func (c *Client) ListTagsForResource(ctx context.Context, in *ListTagsForResourceInput) (*ListTagsForResourceOutput, error) {
	if err := checkRequired("resourceArn", in.ResourceArn, maxArn); err != nil {
		return nil, err
	}
	if err := c.checkTaggable(ctx, in.ResourceArn); err != nil {
		return nil, err
	}
	tags, err := c.sw.store.TagsGet(ctx, in.ResourceArn)
	if err != nil {
		return nil, internalError("TagsGet", err)
	}
	out := &ListTagsForResourceOutput{Tags: make([]Tag, 0, len(tags))}
	for k, val := range tags {
		out.Tags = append(out.Tags, Tag{Key: k, Value: val})
	}
	sort.Slice(out.Tags, func(i, j int) bool { return out.Tags[i].Key < out.Tags[j].Key })
	return out, nil
}

// checkTaggable fails unless arn names an existing state machine or
// activity (versions and aliases have no tags).
func (c *Client) checkTaggable(ctx context.Context, arn string) error {
	a, err := parseTypedARN(arn, typeStateMachine, typeActivity)
	if err != nil {
		return err
	}
	notFound := errorf(CodeResourceNotFound, "Resource not found: '%s'", arn)
	if a.Type == typeActivity {
		_, err = c.sw.store.ActivityGet(ctx, arn)
	} else {
		var sm *store.StateMachine
		sm, err = c.sw.store.StateMachineGet(ctx, arn)
		if err == nil && sm.Kind != store.MachineKind {
			return notFound
		}
	}
	if isNotFound(err) {
		return notFound
	}
	if err != nil {
		return internalError("TagResource", err)
	}
	return nil
}

// checkTagCount fails when tags would take a resource over the limit.
func (c *Client) checkTagCount(ctx context.Context, arn string, tags []Tag) error {
	have, err := c.sw.store.TagsGet(ctx, arn)
	if err != nil {
		return internalError("TagsGet", err)
	}
	n := len(have)
	for _, t := range tags {
		if _, ok := have[t.Key]; !ok {
			have[t.Key] = t.Value
			n++
		}
	}
	if n > maxTags {
		return &Error{Code: CodeTooManyTags, Message: "Too many tags for resource: '" + arn + "'"}
	}
	return nil
}

// setTags stores tags of a resource.
func (c *Client) setTags(ctx context.Context, arn string, tags []Tag) error {
	if len(tags) == 0 {
		return nil
	}
	m := make(map[string]string, len(tags))
	for _, t := range tags {
		m[t.Key] = t.Value
	}
	if err := c.sw.store.TagsSet(ctx, arn, m); err != nil {
		return internalError("TagsSet", err)
	}
	return nil
}
