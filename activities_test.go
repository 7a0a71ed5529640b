package stepwise

import (
	"strings"
	"testing"
	"time"
)

func activityArn(name string) string { return testPrefix + "activity:" + name }

func TestActivityLifecycle(t *testing.T) {
	t.Parallel()
	b := newControl(t)
	out, err := b.c.CreateActivity(b.ctx, &CreateActivityInput{Name: "act", Tags: []Tag{{Key: "k", Value: "v"}}})
	cpMust(t, "CreateActivity", err)
	if out.ActivityArn != activityArn("act") || !out.CreationDate.Equal(b.clock.Now()) {
		t.Fatalf("CreateActivity = %+v", out)
	}
	b.clock.Advance(time.Minute)
	again, err := b.c.CreateActivity(b.ctx, &CreateActivityInput{Name: "act"})
	cpMust(t, "CreateActivity again", err)
	if *again != *out {
		t.Errorf("duplicate CreateActivity = %+v, want %+v", again, out)
	}
	d, err := b.c.DescribeActivity(b.ctx, &DescribeActivityInput{ActivityArn: out.ActivityArn})
	cpMust(t, "DescribeActivity", err)
	if d.ActivityArn != out.ActivityArn || d.Name != "act" || !d.CreationDate.Equal(out.CreationDate.Time) {
		t.Errorf("DescribeActivity = %+v", d)
	}
	tags, err := b.c.ListTagsForResource(b.ctx, &ListTagsForResourceInput{ResourceArn: out.ActivityArn})
	cpMust(t, "ListTagsForResource", err)
	if len(tags.Tags) != 1 || tags.Tags[0] != (Tag{Key: "k", Value: "v"}) {
		t.Errorf("tags = %v", tags.Tags)
	}
	for i := 0; i < 2; i++ {
		_, err = b.c.DeleteActivity(b.ctx, &DeleteActivityInput{ActivityArn: out.ActivityArn})
		cpMust(t, "DeleteActivity", err)
	}
	_, err = b.c.DescribeActivity(b.ctx, &DescribeActivityInput{ActivityArn: out.ActivityArn})
	wantAPIError(t, "describe deleted", err, CodeActivityDoesNotExist, "Activity Does Not Exist: '"+out.ActivityArn+"'")
}

func TestCreateActivityInvalidName(t *testing.T) {
	t.Parallel()
	b := newControl(t)
	for _, name := range []string{
		"\x00activity", "activity[name", "activity]name", "activity\\name", "activity|name", "activity~name",
		"activity`name", "activity,name", "activity/name", "activity>name", "activity<name", "activity}name",
		"activity{name", "activity?name", "activity*name", "activity#name", "activity\x1f", "activity\x7f",
		"activity\u0085", "TestActivity InvalidName$", "a\tb", "a\u00a0b", "a\u2003b", "a\"b", "a%b", "a^b",
		"a&b", "a;b", "a:b", "a$b",
	} {
		_, err := b.c.CreateActivity(b.ctx, &CreateActivityInput{Name: name})
		wantAPIError(t, "CreateActivity "+name, err, CodeInvalidName, "Invalid Name: '"+name+"'")
	}
	for _, name := range []string{"a", "activity-name_1.2", "été", "名前", "a+b=c@d!e'(f)"} {
		_, err := b.c.CreateActivity(b.ctx, &CreateActivityInput{Name: name})
		cpMust(t, "CreateActivity "+name, err)
	}
	long := strings.Repeat("n", 81)
	_, err := b.c.CreateActivity(b.ctx, &CreateActivityInput{Name: long})
	wantAPIError(t, "long name", err, CodeValidation, "1 validation error detected: Value '"+long+
		"' at 'name' failed to satisfy constraint: Member must have length less than or equal to 80")
}

func TestActivityARNErrors(t *testing.T) {
	t.Parallel()
	b := newControl(t)
	_, err := b.c.DescribeActivity(b.ctx, &DescribeActivityInput{ActivityArn: "act"})
	wantAPIError(t, "not an ARN", err, CodeInvalidArn, "Invalid Arn: 'Invalid ARN prefix: act'")
	_, err = b.c.DescribeActivity(b.ctx, &DescribeActivityInput{ActivityArn: machineArn("m")})
	wantAPIError(t, "state machine ARN", err, CodeInvalidArn, "Invalid Arn: 'Resource type not valid in this context: stateMachine'")
	_, err = b.c.DeleteActivity(b.ctx, &DeleteActivityInput{ActivityArn: machineArn("m")})
	wantCode(t, "delete with a state machine ARN", err, CodeInvalidArn)
	_, err = b.c.DescribeActivity(b.ctx, &DescribeActivityInput{ActivityArn: "arn:aws:states:us-east-1:111111111111:activity:TestActivity-u0000927"})
	wantCode(t, "unknown activity", err, CodeActivityDoesNotExist)
}

func TestListActivities(t *testing.T) {
	t.Parallel()
	b := newControl(t)
	for _, n := range []string{"c", "a", "e", "b", "d"} {
		_, err := b.c.CreateActivity(b.ctx, &CreateActivityInput{Name: n})
		cpMust(t, "CreateActivity", err)
	}
	var got []string
	token := ""
	for {
		out, err := b.c.ListActivities(b.ctx, &ListActivitiesInput{MaxResults: 2, NextToken: token})
		cpMust(t, "ListActivities", err)
		for _, a := range out.Activities {
			if a.ActivityArn != activityArn(a.Name) || a.CreationDate.IsZero() {
				t.Errorf("item %+v", a)
			}
			got = append(got, a.Name)
		}
		if token = out.NextToken; token == "" {
			break
		}
	}
	if strings.Join(got, "") != "abcde" {
		t.Errorf("activities = %v", got)
	}
	_, err := b.c.ListActivities(b.ctx, &ListActivitiesInput{NextToken: "bogus"})
	wantCode(t, "bad token", err, CodeInvalidToken)
	empty, err := newControl(t).c.ListActivities(b.ctx, &ListActivitiesInput{})
	cpMust(t, "ListActivities", err)
	if empty.Activities == nil {
		t.Error("no activities: nil slice, want empty")
	}
}
