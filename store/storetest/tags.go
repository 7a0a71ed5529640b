package storetest

import (
	"maps"
	"testing"
)

var tagTests = []test{
	{"SetGetRemove", testTagsSetGetRemove},
	{"Isolated", testTagsIsolated},
	{"Copied", testTagsCopied},
}

func tagsOf(t *testing.T, b *bundle, arn string) map[string]string {
	t.Helper()
	tags, err := b.s.TagsGet(b.ctx, arn)
	noErr(t, "TagsGet", err)
	if tags == nil {
		t.Fatal("TagsGet returned a nil map")
	}
	return tags
}

func wantTags(t *testing.T, b *bundle, arn string, want map[string]string) {
	t.Helper()
	if got := tagsOf(t, b, arn); !maps.Equal(got, want) {
		t.Errorf("tags of %s = %v, want %v", arn, got, want)
	}
}

func testTagsSetGetRemove(t *testing.T, b *bundle) {
	arn := machineArn("m")
	wantTags(t, b, arn, map[string]string{})
	noErr(t, "TagsSet", b.s.TagsSet(b.ctx, arn, map[string]string{"a": "1", "b": "2", "": "empty key"}))
	wantTags(t, b, arn, map[string]string{"a": "1", "b": "2", "": "empty key"})
	noErr(t, "TagsSet", b.s.TagsSet(b.ctx, arn, map[string]string{"b": "20", "c": ""}))
	wantTags(t, b, arn, map[string]string{"a": "1", "b": "20", "c": "", "": "empty key"})
	noErr(t, "TagsSet of nothing", b.s.TagsSet(b.ctx, arn, nil))
	noErr(t, "TagsRemove", b.s.TagsRemove(b.ctx, arn, []string{"a", "", "missing"}))
	wantTags(t, b, arn, map[string]string{"b": "20", "c": ""})
	noErr(t, "TagsRemove of nothing", b.s.TagsRemove(b.ctx, arn, nil))
	noErr(t, "TagsRemove", b.s.TagsRemove(b.ctx, arn, []string{"b", "c"}))
	wantTags(t, b, arn, map[string]string{})
	noErr(t, "TagsRemove of an untagged resource", b.s.TagsRemove(b.ctx, activityArn("x"), []string{"k"}))
}

func testTagsIsolated(t *testing.T, b *bundle) {
	m, n := machineArn("m"), machineArn("m2")
	noErr(t, "TagsSet", b.s.TagsSet(b.ctx, m, map[string]string{"k": "m"}))
	noErr(t, "TagsSet", b.s.TagsSet(b.ctx, n, map[string]string{"k": "n"}))
	noErr(t, "TagsRemove", b.s.TagsRemove(b.ctx, m, []string{"k"}))
	wantTags(t, b, m, map[string]string{})
	wantTags(t, b, n, map[string]string{"k": "n"})
}

func testTagsCopied(t *testing.T, b *bundle) {
	arn := machineArn("m")
	in := map[string]string{"k": "v"}
	noErr(t, "TagsSet", b.s.TagsSet(b.ctx, arn, in))
	in["k"] = "changed"
	got := tagsOf(t, b, arn)
	got["k"], got["new"] = "changed", "x"
	wantTags(t, b, arn, map[string]string{"k": "v"})
}
