package stepwise

import (
	"strconv"
	"testing"
)

func listTags(t *testing.T, b *controlBundle, arn string) []Tag {
	t.Helper()
	out, err := b.c.ListTagsForResource(b.ctx, &ListTagsForResourceInput{ResourceArn: arn})
	cpMust(t, "ListTagsForResource", err)
	return out.Tags
}

func TestTagUntag(t *testing.T) {
	t.Parallel()
	b := newControl(t)
	arn := b.createMachine(t, "m", passDef, false).StateMachineArn
	if tags := listTags(t, b, arn); tags == nil || len(tags) != 0 {
		t.Errorf("no tags = %#v, want empty", tags)
	}
	_, err := b.c.TagResource(b.ctx, &TagResourceInput{ResourceArn: arn, Tags: []Tag{{Key: "key2", Value: "value2"}, {Key: "key1", Value: "value1"}}})
	cpMust(t, "TagResource", err)
	_, err = b.c.TagResource(b.ctx, &TagResourceInput{ResourceArn: arn, Tags: []Tag{{Key: "key1", Value: ""}}})
	cpMust(t, "TagResource replace", err)
	tags := listTags(t, b, arn)
	if len(tags) != 2 || tags[0] != (Tag{Key: "key1"}) || tags[1] != (Tag{Key: "key2", Value: "value2"}) {
		t.Errorf("tags = %v", tags)
	}
	_, err = b.c.UntagResource(b.ctx, &UntagResourceInput{ResourceArn: arn, TagKeys: []string{"key2", "missing"}})
	cpMust(t, "UntagResource", err)
	if tags := listTags(t, b, arn); len(tags) != 1 || tags[0].Key != "key1" {
		t.Errorf("after untag: %v", tags)
	}
	_, err = b.c.TagResource(b.ctx, &TagResourceInput{ResourceArn: arn, Tags: []Tag{}})
	cpMust(t, "TagResource with no tags", err)
}

func TestTagErrors(t *testing.T) {
	t.Parallel()
	b := newControl(t)
	out := b.createMachine(t, "m", passDef, true)
	for _, tc := range []struct {
		name string
		in   TagResourceInput
		code ErrorCode
		msg  string
	}{
		{"version", TagResourceInput{ResourceArn: out.StateMachineVersionArn, Tags: []Tag{{Key: "k"}}}, CodeResourceNotFound,
			"Resource not found: '" + out.StateMachineVersionArn + "'"},
		{"unknown machine", TagResourceInput{ResourceArn: machineArn("x"), Tags: []Tag{{Key: "k"}}}, CodeResourceNotFound,
			"Resource not found: '" + machineArn("x") + "'"},
		{"unknown activity", TagResourceInput{ResourceArn: activityArn("x"), Tags: []Tag{{Key: "k"}}}, CodeResourceNotFound,
			"Resource not found: '" + activityArn("x") + "'"},
		{"not an ARN", TagResourceInput{ResourceArn: "x", Tags: []Tag{{Key: "k"}}}, CodeInvalidArn, "Invalid Arn: 'Invalid ARN prefix: x'"},
		{"execution", TagResourceInput{ResourceArn: testPrefix + "execution:m:e", Tags: []Tag{{Key: "k"}}}, CodeInvalidArn,
			"Invalid Arn: 'Resource type not valid in this context: execution'"},
		{"nil tags", TagResourceInput{ResourceArn: out.StateMachineArn}, CodeValidation,
			"1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null"},
		{"long value", TagResourceInput{ResourceArn: out.StateMachineArn, Tags: []Tag{{Key: "k", Value: string(make([]byte, 257))}}}, CodeValidation, ""},
	} {
		_, err := b.c.TagResource(b.ctx, &tc.in)
		if tc.msg == "" {
			wantCode(t, tc.name, err, tc.code)
			continue
		}
		wantAPIError(t, tc.name, err, tc.code, tc.msg)
	}
	_, err := b.c.UntagResource(b.ctx, &UntagResourceInput{ResourceArn: out.StateMachineArn})
	wantAPIError(t, "nil tag keys", err, CodeValidation,
		"1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null")
	_, err = b.c.ListTagsForResource(b.ctx, &ListTagsForResourceInput{ResourceArn: out.StateMachineVersionArn})
	wantCode(t, "tags of a version", err, CodeResourceNotFound)
}

func TestTooManyTags(t *testing.T) {
	t.Parallel()
	b := newControl(t)
	arn := b.createMachine(t, "m", passDef, false).StateMachineArn
	var tags []Tag
	for i := 0; i < maxTags; i++ {
		tags = append(tags, Tag{Key: "k" + strconv.Itoa(i)})
	}
	_, err := b.c.TagResource(b.ctx, &TagResourceInput{ResourceArn: arn, Tags: tags})
	cpMust(t, "50 tags", err)
	_, err = b.c.TagResource(b.ctx, &TagResourceInput{ResourceArn: arn, Tags: tags[:3]})
	cpMust(t, "replacing tags", err)
	_, err = b.c.TagResource(b.ctx, &TagResourceInput{ResourceArn: arn, Tags: []Tag{{Key: "one-more"}}})
	wantCode(t, "51 tags", err, CodeTooManyTags)
}
