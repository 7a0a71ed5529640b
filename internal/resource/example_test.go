package resource_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/stepwisehq/stepwise/internal/resource"
	"github.com/stepwisehq/stepwise/value"
)

func ExampleRegistry_HandleFunc() {
	r := resource.NewRegistry()
	r.HandleFunc("arn:aws:states:::stepwise:greet", func(_ context.Context, in value.Value) (value.Value, error) {
		obj, _ := in.(*value.Object)
		name, _ := obj.Get("name")
		if name == nil {
			return nil, resource.Fail("Greeting.NoName", "no name given")
		}
		return value.NewObject([]value.Member{{Key: "greeting", Value: fmt.Sprintf("Hello, %v!", name)}}), nil
	})

	out, _ := r.Invoke(context.Background(), &resource.Request{
		Resource: "arn:aws:states:::stepwise:greet",
		Input:    value.MustParse(`{"name":"Ada"}`),
	})
	fmt.Println(value.String(out))

	_, err := r.Invoke(context.Background(), &resource.Request{
		Resource: "arn:aws:states:::stepwise:greet",
		Input:    value.MustParse(`{}`),
	})
	var f *resource.Failure
	if errors.As(err, &f) {
		fmt.Println(f.Name, "-", f.Cause)
	}
	// Output:
	// {"greeting":"Hello, Ada!"}
	// Greeting.NoName - no name given
}

func ExampleParseTarget() {
	for _, arn := range []string{
		"arn:aws:states:::lambda:invoke.waitForTaskToken",
		"arn:aws:states:::aws-sdk:s3:getObject",
		"arn:aws:lambda:us-east-1:123456789012:function:hello",
	} {
		t, _ := resource.ParseTarget(arn)
		fmt.Printf("%s %s %s legacy=%v\n", t.ResourceType, t.Resource, t.Pattern, t.Legacy)
	}
	_, err := resource.ParseTarget("arn:aws:sqs:us-east-1:123456789012:queue")
	fmt.Println(err)
	// Output:
	// lambda invoke.waitForTaskToken WaitForTaskToken legacy=false
	// aws-sdk:s3 getObject RequestResponse legacy=false
	// lambda arn:aws:lambda:us-east-1:123456789012:function:hello RequestResponse legacy=true
	// Value is not a valid resource ARN
}
