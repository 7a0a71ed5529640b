package lambda

import (
	"errors"
	"fmt"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"

	"github.com/stepwisehq/stepwise/internal/resource"
	"github.com/stepwisehq/stepwise/internal/resource/awsclient"
	"github.com/stepwisehq/stepwise/value"
)

// Error names of Lambda failures that are not the function's own.
const (
	ErrorUnknown          = "Lambda.Unknown"
	ErrorLambdaException  = "Lambda.AWSLambdaException"
	ErrorSdkClientFailure = "Lambda.SdkClientException"
)

const unknownCause = "The cause could not be determined because Lambda did not return an error type. Returned payload: "

// functionFailure is the failure for an answer with X-Amz-Function-Error:
// the error name is the payload's errorType and the cause the payload, as
// Lambda sent it for the legacy form (verbatim) and re-encoded as compact
// JSON for lambda:invoke. Without an errorType it is Lambda.Unknown.
func functionFailure(payload []byte, verbatim bool) *resource.Failure {
	v, err := value.Parse(payload)
	if err != nil {
		return resource.Fail(ErrorUnknown, unknownCause+string(payload))
	}
	text := string(payload)
	if !verbatim {
		text = value.String(v)
	}
	obj, _ := v.(*value.Object)
	errorType, _ := obj.Get("errorType")
	name, ok := errorType.(string)
	if !ok {
		return resource.Fail(ErrorUnknown, unknownCause+text)
	}
	return resource.Fail(name, text)
}

// serviceFailure is the failure for an Invoke call that Lambda refused or
// that never reached it, named and worded as the AWS SDK for Java that Step
// Functions uses reports it: "Lambda." and the exception's class name, and
// the exception's message.
func serviceFailure(err error) *resource.Failure {
	var respErr *awshttp.ResponseError
	var apiErr smithy.APIError
	switch {
	case errors.As(err, &apiErr):
		name := "Lambda." + apiErr.ErrorCode()
		var generic *smithy.GenericAPIError
		if errors.As(err, &generic) || apiErr.ErrorCode() == "" {
			name = ErrorLambdaException // no modelled exception: the service's base class
		}
		return resource.Fail(name, javaServiceMessage(err, apiErr.ErrorMessage(), apiErr.ErrorCode()))
	case errors.As(err, &respErr) && statusOf(respErr) >= 300:
		// An error answer that could not be read: the base class, no message.
		return resource.Fail(ErrorLambdaException, javaServiceMessage(err, "", ""))
	}
	return resource.Fail(ErrorSdkClientFailure, "Unable to execute HTTP request: "+awsclient.TransportMessage(err))
}

// javaServiceMessage formats AmazonServiceException#getMessage.
func javaServiceMessage(err error, message, code string) string {
	status, requestID := 0, ""
	var respErr *awshttp.ResponseError
	if errors.As(err, &respErr) {
		status, requestID = statusOf(respErr), respErr.ServiceRequestID()
	}
	return fmt.Sprintf("%s (Service: AWSLambda; Status Code: %d; Error Code: %s; Request ID: %s; Proxy: null)",
		orNull(message), status, orNull(code), orNull(requestID))
}

// statusOf returns the HTTP status of the answer, 0 when none came.
func statusOf(e *awshttp.ResponseError) int {
	if e.Response == nil || e.Response.Response == nil {
		return 0
	}
	return e.Response.StatusCode
}

func orNull(s string) string {
	if s == "" {
		return "null"
	}
	return s
}
