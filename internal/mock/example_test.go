package mock_test

import (
	"fmt"

	"github.com/stepwisehq/stepwise/internal/mock"
	"github.com/stepwisehq/stepwise/value"
)

func ExampleConfig_Session() {
	cfg, err := mock.Parse([]byte(`{
	  "StateMachines": {"Orders": {"TestCases": {"RetryPath": {"Charge": "ChargeRetry"}}}},
	  "MockedResponses": {
	    "ChargeRetry": {
	      "0-1": {"Throw": {"Error": "Lambda.TooManyRequestsException", "Cause": "Rate exceeded."}},
	      "2": {"Return": {"StatusCode": 200, "Payload": {"charged": true}}}
	    }
	  }
	}`))
	if err != nil {
		panic(err)
	}
	// One Session per execution started on "<stateMachineArn>#RetryPath".
	s, err := cfg.Session("Orders", "RetryPath")
	if err != nil {
		panic(err)
	}
	for range 4 {
		out, fail, mocked := s.Next("Charge")
		if fail != nil {
			fmt.Println(mocked, fail.Name)
			continue
		}
		fmt.Println(mocked, value.String(out))
	}
	_, _, mocked := s.Next("Ship")
	fmt.Println("Ship mocked:", mocked)
	// Output:
	// true Lambda.TooManyRequestsException
	// true Lambda.TooManyRequestsException
	// true {"StatusCode":200,"Payload":{"charged":true}}
	// true States.Runtime
	// Ship mocked: false
}

func ExampleValidateResult() {
	result := value.MustParse(`{"Configuration": {"MemorySize": 10241}}`)
	detail := mock.ValidateResult("arn:aws:states:::aws-sdk:lambda:getFunction", result, mock.ModeStrict)
	fmt.Println("Mock result schema validation error: " + detail)
	fmt.Printf("%q\n", mock.ValidateResult("arn:aws:states:::aws-sdk:lambda:getFunction", result, mock.ModeNone))
	// Output:
	// Mock result schema validation error: Field 'MemorySize' exceeds the maximum value
	// ""
}
