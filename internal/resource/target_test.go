package resource

import (
	"errors"
	"strings"
	"testing"
)

func TestParseTarget(t *testing.T) {
	t.Parallel()
	tests := []struct {
		arn  string
		want Target
	}{
		{"arn:aws:states:::lambda:invoke", Target{ResourceType: "lambda", Resource: "invoke"}},
		{"arn:aws:states:::lambda:invoke.waitForTaskToken",
			Target{ResourceType: "lambda", Resource: "invoke.waitForTaskToken", Pattern: WaitForTaskToken}},
		{"arn:aws:states:::states:startExecution.sync",
			Target{ResourceType: "states", Resource: "startExecution.sync", Pattern: Sync}},
		{"arn:aws:states:::states:startExecution.sync:2",
			Target{ResourceType: "states", Resource: "startExecution.sync:2", Pattern: Sync2}},
		{"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
			Target{ResourceType: "sqs", Resource: "sendMessage.waitForTaskToken", Pattern: WaitForTaskToken}},
		{"arn:aws:states:::aws-sdk:s3:getObject", Target{ResourceType: "aws-sdk:s3", Resource: "getObject"}},
		{"arn:aws:states:::aws-sdk:secretsmanager:createSecret",
			Target{ResourceType: "aws-sdk:secretsmanager", Resource: "createSecret"}},
		{"arn:aws:states:::aws-sdk:sfn:startExecution.waitForTaskToken",
			Target{ResourceType: "aws-sdk:sfn", Resource: "startExecution.waitForTaskToken", Pattern: WaitForTaskToken}},
		{"arn:aws:states:::emr-containers:startJobRun.sync",
			Target{ResourceType: "emr-containers", Resource: "startJobRun.sync", Pattern: Sync}},
		{"arn:aws:states:::http:invoke", Target{ResourceType: "http", Resource: "invoke"}},
		{"arn:aws-us-gov:states:::lambda:invoke", Target{ResourceType: "lambda", Resource: "invoke"}},
		{"arn:aws-cn:states:::dynamodb:putItem", Target{ResourceType: "dynamodb", Resource: "putItem"}},
		{"arn:aws:lambda:us-east-1:123456789012:function:my-fn_1",
			Target{ResourceType: "lambda", Resource: "arn:aws:lambda:us-east-1:123456789012:function:my-fn_1", Legacy: true}},
		{"arn:aws:lambda:us-east-1:123456789012:function:fn:$LATEST",
			Target{ResourceType: "lambda", Resource: "arn:aws:lambda:us-east-1:123456789012:function:fn:$LATEST", Legacy: true}},
		{"arn:aws:lambda:eu-west-3:123456789012:function:fn:live",
			Target{ResourceType: "lambda", Resource: "arn:aws:lambda:eu-west-3:123456789012:function:fn:live", Legacy: true}},
		{"arn:aws:lambda:your-region:your-account-id:function:yourHelloWorldFunction",
			Target{ResourceType: "lambda", Resource: "arn:aws:lambda:your-region:your-account-id:function:yourHelloWorldFunction", Legacy: true}},
		{"arn:aws:states:us-east-1:123456789012:activity:my-activity",
			Target{ResourceType: "activity", Resource: "arn:aws:states:us-east-1:123456789012:activity:my-activity", Activity: true}},
	}
	for _, tt := range tests {
		t.Run(tt.arn, func(t *testing.T) {
			t.Parallel()
			got, err := ParseTarget(tt.arn)
			if err != nil {
				t.Fatalf("ParseTarget(%q): %v", tt.arn, err)
			}
			if got != tt.want {
				t.Errorf("ParseTarget(%q) = %+v, want %+v", tt.arn, got, tt.want)
			}
		})
	}
}

func TestParseTargetInvalid(t *testing.T) {
	t.Parallel()
	tests := []struct {
		arn          string
		unrecognized bool
	}{
		{"", false},
		{"lambda:invoke", false},
		{"arn:aws:states", false},
		{"arn:aws:states:::", false},
		{"arn:aws:states:::lambda", false},
		{"arn:aws:states:::lambda:", false},
		{"arn:aws:states::::invoke", false},
		{"arn:aws:states:::Lambda:invoke", false},
		{"arn:aws:states:::lambda:in-voke", false},
		{"arn:aws:states:::lambda:invoke:extra", false},
		{"arn:gcp:states:::lambda:invoke", false},
		{"arn:aws-:states:::lambda:invoke", false},
		{"arn:aws:states:us-east-1::lambda:invoke", false},
		{"arn:aws:states:::aws-sdk:getObject", false},
		{"arn:aws:states:::aws-sdk::getObject", false},
		{"arn:aws:states:us-east-1:123456789012:stateMachine:sm", false},
		{"arn:aws:states:us-east-1:123456789012:activity:", false},
		{"arn:aws:states:us-east-1:123456789012:activity:a b", false},
		{"arn:aws:lambda:us-east-1:123456789012:function:", false},
		{"arn:aws:lambda:us-east-1:123456789012:function:fn:", false},
		{"arn:aws:lambda:us-east-1:123456789012:function:fn:a:b", false},
		{"arn:aws:lambda:us-east-1:123456789012:layer:fn", false},
		{"arn:aws:lambda::123456789012:function:fn", false},
		{"arn:aws:lambda:us-east-1::function:fn", false},
		{"arn:aws:lambda:US-EAST-1:123456789012:function:fn", false},
		{"arn:aws:lambda:us-east-1:123456789012:function:" + strings.Repeat("f", 65), false},
		{"arn:aws:sqs:us-east-1:123456789012:queue", false},
		{"{% $resource %}", false},
		{"arn:aws:states:::lambda:invoke.waitForTaskTokens", true},
		{"arn:aws:states:::lambda:invoke.sync:3", true},
		{"arn:aws:states:::lambda:invoke.", true},
	}
	for _, tt := range tests {
		t.Run(tt.arn, func(t *testing.T) {
			t.Parallel()
			_, err := ParseTarget(tt.arn)
			var ae *ARNError
			if !errors.As(err, &ae) {
				t.Fatalf("ParseTarget(%q) error = %v, want *ARNError", tt.arn, err)
			}
			if ae.ARN != tt.arn || ae.Unrecognized != tt.unrecognized {
				t.Errorf("ParseTarget(%q) = %+v, want unrecognized %v", tt.arn, ae, tt.unrecognized)
			}
		})
	}
}

func TestARNErrorMessages(t *testing.T) {
	t.Parallel()
	_, err := ParseTarget("arn:aws:sqs:us-east-1:123456789012:queue")
	if got, want := err.Error(), "Value is not a valid resource ARN"; got != want {
		t.Errorf("malformed: %q, want %q", got, want)
	}
	_, err = ParseTarget("arn:aws:states:::lambda:invoke.async")
	want := "The resource provided arn:aws:states:::lambda:invoke.async is not recognized. " +
		"The value is not a valid resource ARN, or the resource is not available in this region."
	if got := err.Error(); got != want {
		t.Errorf("unrecognized: %q, want %q", got, want)
	}
}

func TestTargetAction(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"arn:aws:states:::lambda:invoke":                      "invoke",
		"arn:aws:states:::lambda:invoke.waitForTaskToken":     "invoke",
		"arn:aws:states:::states:startExecution.sync:2":       "startExecution",
		"arn:aws:states:::glue:startJobRun.sync":              "startJobRun",
		"arn:aws:lambda:us-east-1:123456789012:function:f:1":  "arn:aws:lambda:us-east-1:123456789012:function:f:1",
		"arn:aws:states:us-east-1:123456789012:activity:act1": "arn:aws:states:us-east-1:123456789012:activity:act1",
	}
	for arn, want := range tests {
		target, err := ParseTarget(arn)
		if err != nil {
			t.Fatal(err)
		}
		if got := target.Action(); got != want {
			t.Errorf("Action(%q) = %q, want %q", arn, got, want)
		}
	}
}

func TestPatternStrings(t *testing.T) {
	t.Parallel()
	tests := []struct {
		p            Pattern
		name, suffix string
	}{
		{RequestResponse, "RequestResponse", ""},
		{WaitForTaskToken, "WaitForTaskToken", ".waitForTaskToken"},
		{Sync, "Sync", ".sync"},
		{Sync2, "Sync2", ".sync:2"},
		{Pattern(17), "Pattern(17)", ""},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.name {
			t.Errorf("String() = %q, want %q", got, tt.name)
		}
		if got := tt.p.Suffix(); got != tt.suffix {
			t.Errorf("Suffix() = %q, want %q", got, tt.suffix)
		}
	}
}

func TestParseTargetAllocs(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() {
		_, _ = ParseTarget("arn:aws:states:::aws-sdk:s3:getObject.waitForTaskToken")
		_, _ = ParseTarget("arn:aws:lambda:us-east-1:123456789012:function:fn:$LATEST")
	})
	if allocs != 0 {
		t.Errorf("ParseTarget allocates %v times, want 0", allocs)
	}
}

func FuzzParseTarget(f *testing.F) {
	for _, s := range []string{
		"arn:aws:states:::lambda:invoke",
		"arn:aws:states:::states:startExecution.sync:2",
		"arn:aws:states:::aws-sdk:s3:getObject",
		"arn:aws:lambda:us-east-1:123456789012:function:fn:$LATEST",
		"arn:aws:states:us-east-1:123456789012:activity:a",
		"arn:aws:states:::lambda:invoke.bad",
		"arn::::::",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, arn string) {
		target, err := ParseTarget(arn)
		if err != nil {
			var ae *ARNError
			if !errors.As(err, &ae) || ae.ARN != arn || err.Error() == "" {
				t.Fatalf("ParseTarget(%q) error %v is not an *ARNError for it", arn, err)
			}
			return
		}
		checkTarget(t, arn, target)
	})
}

// checkTarget checks the invariants of a parsed target.
func checkTarget(t *testing.T, arn string, target Target) {
	t.Helper()
	if target.ResourceType == "" || target.Resource == "" {
		t.Fatalf("ParseTarget(%q) = %+v: empty field", arn, target)
	}
	if target.Legacy || target.Activity {
		if target.Resource != arn || target.Pattern != RequestResponse || target.Legacy == target.Activity {
			t.Fatalf("ParseTarget(%q) = %+v", arn, target)
		}
		return
	}
	if want := target.ResourceType + ":" + target.Resource; !strings.HasSuffix(arn, want) {
		t.Fatalf("ParseTarget(%q) = %+v: %q is not its tail", arn, target, want)
	}
	if !strings.HasSuffix(target.Resource, target.Pattern.Suffix()) {
		t.Fatalf("ParseTarget(%q) = %+v: pattern suffix missing", arn, target)
	}
}
