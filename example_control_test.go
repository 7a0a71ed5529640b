package stepwise_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/stepwisehq/stepwise"
	"github.com/stepwisehq/stepwise/store/memory"
)

// Create a state machine, publish a version and route an alias to it.
func ExampleClient_CreateStateMachineAlias() {
	ctx := context.Background()
	sw, _ := stepwise.New(stepwise.Config{Store: memory.New()})
	c := sw.Client()
	sm, _ := c.CreateStateMachine(ctx, &stepwise.CreateStateMachineInput{
		Name:       "orders",
		Definition: `{"StartAt":"Done","States":{"Done":{"Type":"Succeed"}}}`,
		RoleArn:    "arn:aws:iam::123456789012:role/sfn",
		Publish:    true,
	})
	alias, _ := c.CreateStateMachineAlias(ctx, &stepwise.CreateStateMachineAliasInput{
		Name: "prod",
		RoutingConfiguration: []stepwise.RoutingConfigurationListItem{
			{StateMachineVersionArn: sm.StateMachineVersionArn, Weight: 100},
		},
	})
	fmt.Println(sm.StateMachineVersionArn)
	fmt.Println(alias.StateMachineAliasArn)

	_, err := c.DescribeStateMachine(ctx, &stepwise.DescribeStateMachineInput{StateMachineArn: "orders"})
	var apiErr *stepwise.Error
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.Code, apiErr.Message)
	}
	// Output:
	// arn:aws:states:us-east-1:123456789012:stateMachine:orders:1
	// arn:aws:states:us-east-1:123456789012:stateMachine:orders:prod
	// InvalidArn Invalid Arn: 'Invalid ARN prefix: orders'
}
