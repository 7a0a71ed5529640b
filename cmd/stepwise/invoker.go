package main

import (
	"context"

	"github.com/stepwisehq/stepwise/internal/resource"
	"github.com/stepwisehq/stepwise/internal/resource/lambda"
)

// newInvoker wires the task integrations available to executions.
func newInvoker() (resource.Invoker, error) {
	reg := resource.NewRegistry()
	lam, err := lambda.New(context.Background(), lambda.Options{})
	if err != nil {
		return nil, err
	}
	reg.Register("lambda", lam)
	return reg, nil
}
