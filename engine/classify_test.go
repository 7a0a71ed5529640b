package engine

import "testing"

func TestClassify(t *testing.T) {
	tests := []struct {
		resource string
		want     resourceKind
	}{
		{"arn:aws:states:::lambda:invoke", resourceKind{typ: "lambda", name: "invoke"}},
		{"arn:aws:states:::lambda:invoke.waitForTaskToken", resourceKind{typ: "lambda", name: "invoke.waitForTaskToken", callback: true}},
		{"arn:aws:states:::aws-sdk:s3:getObject", resourceKind{typ: "aws-sdk:s3", name: "getObject"}},
		{"arn:aws:states:::states:startExecution.sync", resourceKind{typ: "states", name: "startExecution.sync", sync: true}},
		{"arn:aws:states:::states:startExecution.sync:2", resourceKind{typ: "states", name: "startExecution.sync:2", sync: true}},
		{"arn:aws:states:::ecs:runTask.sync", resourceKind{typ: "ecs", name: "runTask.sync", sync: true}},
		{"arn:aws:lambda:us-east-1:123456789012:function:f", resourceKind{legacyLambda: true}},
		{"arn:aws:states:us-east-1:123456789012:activity:a", resourceKind{activity: true}},
		{"nonsense", resourceKind{typ: "unknown", name: "nonsense"}},
	}
	for _, tc := range tests {
		if got := classify(tc.resource); got != tc.want {
			t.Errorf("classify(%q) = %+v, want %+v", tc.resource, got, tc.want)
		}
	}
}
