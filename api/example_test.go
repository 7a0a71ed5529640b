package api_test

import (
	"context"
	"fmt"
	"net/http/httptest"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"

	"github.com/stepwisehq/stepwise"
	"github.com/stepwisehq/stepwise/api"
	"github.com/stepwisehq/stepwise/store/memory"
)

// Serve the Step Functions API and talk to it with the AWS SDK for Go.
func ExampleNewHandler() {
	ctx := context.Background()
	sw, _ := stepwise.New(stepwise.Config{Store: memory.New()})
	_ = sw.Start(ctx)
	defer sw.Stop(ctx)
	srv := httptest.NewServer(api.NewHandler(sw.Client(), api.Options{}))
	defer srv.Close()

	client := sdkClient(srv.URL, "any", "any")
	created, _ := client.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{
		Name:       aws.String("hello"),
		Definition: aws.String(`{"StartAt":"Hi","States":{"Hi":{"Type":"Pass","End":true}}}`),
		RoleArn:    aws.String("arn:aws:iam::123456789012:role/sfn"),
	})
	fmt.Println(aws.ToString(created.StateMachineArn))

	_, err := client.DescribeStateMachine(ctx, &sfn.DescribeStateMachineInput{StateMachineArn: aws.String("nope")})
	fmt.Println(err != nil)
	// Output:
	// arn:aws:states:us-east-1:123456789012:stateMachine:hello
	// true
}
