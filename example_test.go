package stepwise_test

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/stepwisehq/stepwise"
	"github.com/stepwisehq/stepwise/store/memory"
	"github.com/stepwisehq/stepwise/value"
)

// Example embeds the engine with a Go task handler: create a state machine,
// run an execution, read its output.
func Example() {
	sw, _ := stepwise.New(stepwise.Config{Store: memory.New(), DisableTaskIntegrations: true})
	ctx := context.Background()
	_ = sw.Start(ctx)
	defer sw.Stop(ctx)

	sw.HandleFunc("arn:aws:lambda:us-east-1:123456789012:function:shout", func(_ context.Context, in value.Value) (value.Value, error) {
		s, _ := in.(string)
		return strings.ToUpper(s) + "!", nil
	})
	c := sw.Client()
	sm, _ := c.CreateStateMachine(ctx, &stepwise.CreateStateMachineInput{
		Name:    "greeter",
		RoleArn: "arn:aws:iam::123456789012:role/example",
		Definition: `{"StartAt": "Shout", "States": {"Shout": {
			"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:shout",
			"InputPath": "$.name", "ResultPath": "$.greeting", "End": true}}}`,
	})
	input := `{"name": "hello"}`
	start, _ := c.StartExecution(ctx, &stepwise.StartExecutionInput{StateMachineArn: sm.StateMachineArn, Input: &input})
	for {
		d, _ := c.DescribeExecution(ctx, &stepwise.DescribeExecutionInput{ExecutionArn: start.ExecutionArn})
		if d.Status != stepwise.ExecutionStatusRunning {
			fmt.Println(d.Status, d.Output)
			break
		}
		time.Sleep(time.Millisecond)
	}
	// Output: SUCCEEDED {"name":"hello","greeting":"HELLO!"}
}
