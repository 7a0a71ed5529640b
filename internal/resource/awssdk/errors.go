package awssdk

import (
	"errors"
	"fmt"
	"reflect"
	"strings"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"

	"github.com/stepwisehq/stepwise/internal/resource"
	"github.com/stepwisehq/stepwise/internal/resource/awsclient"
)

// serviceError is what a failed call's error tells about the service's
// answer.
type serviceError struct {
	answered  bool   // the service answered with an error
	modelled  string // the SDK's error type for a modelled exception ("NoSuchKey"), "" if unmodelled
	code      string // the error code ("NoSuchKey", "ValidationException")
	message   string
	status    int
	requestID string
	hostID    string // S3's extended request ID
	transport string // the network error when there was no answer
}

// inspect reads a call's error.
func inspect(err error) serviceError {
	var se serviceError
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		se.answered = true
		se.code, se.message = apiErr.ErrorCode(), apiErr.ErrorMessage()
		se.modelled = modelledName(err)
	}
	var respErr *awshttp.ResponseError
	if errors.As(err, &respErr) {
		se.requestID = respErr.ServiceRequestID()
		if respErr.Response != nil && respErr.Response.Response != nil {
			se.status = respErr.Response.StatusCode
			se.answered = se.answered || se.status >= 300
		}
	}
	var hostErr interface{ ServiceHostID() string }
	if errors.As(err, &hostErr) {
		se.hostID = hostErr.ServiceHostID()
	}
	if !se.answered {
		se.transport = awsclient.TransportMessage(err)
	}
	return se
}

// modelledName returns the type name of the modelled exception in err's
// chain ("QueueDoesNotExist"), "" when the error is the SDK's generic one.
func modelledName(err error) string {
	for e := err; e != nil; e = errors.Unwrap(e) {
		if _, ok := e.(smithy.APIError); !ok {
			continue
		}
		if _, generic := e.(*smithy.GenericAPIError); generic {
			return ""
		}
		t := reflect.TypeOf(e)
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		return t.Name()
	}
	return ""
}

// exceptionName is the AWS SDK for Java's class name of a modelled
// exception: the shape name, with "Exception" appended unless it has it.
func exceptionName(shape string) string {
	if strings.HasSuffix(shape, "Exception") {
		return shape
	}
	return shape + "Exception"
}

// sdkFailure is an aws-sdk integration's failure, named and worded as the
// AWS SDK for Java 2.x reports it: "S3.NoSuchKeyException" and "The
// specified key does not exist. (Service: S3, Status Code: 404, Request ID:
// ..., Extended Request ID: ...)"; an exception the SDK does not model is
// the service's base class ("SecretsManager.SecretsManagerException").
func sdkFailure(svc *service, err error) *resource.Failure {
	se := inspect(err)
	if !se.answered {
		return resource.Fail(svc.javaName+".SdkClientException", "Unable to execute HTTP request: "+se.transport)
	}
	name := svc.javaName + "Exception"
	if se.modelled != "" {
		name = exceptionName(se.modelled)
	}
	details := []string{"Service: " + svc.javaName, fmt.Sprintf("Status Code: %d", se.status), "Request ID: " + orNull(se.requestID)}
	if se.hostID != "" {
		details = append(details, "Extended Request ID: "+se.hostID)
	}
	return resource.Fail(svc.javaName+"."+name, orNull(se.message)+" ("+strings.Join(details, ", ")+")")
}

// v1Service names a service as the AWS SDK for Java 1.x does, which Step
// Functions' optimised integrations use.
type v1Service struct {
	prefix      string // the error name's prefix: "SQS"
	serviceName string // "Service:" of causes: "AmazonSQS"
	base        string // the service's base exception class: "AmazonSQSException"
	unmodelled  bool   // every error is the base class (S3's 1.x client models none)
}

// v1Failure is an optimised integration's failure as the AWS SDK for Java
// 1.x reports it: "DynamoDB.ResourceNotFoundException" and "Requested
// resource not found (Service: AmazonDynamoDBv2; Status Code: 400; Error
// Code: ResourceNotFoundException; Request ID: ...; Proxy: null)".
func v1Failure(svc v1Service, err error) *resource.Failure {
	se := inspect(err)
	if !se.answered {
		return resource.Fail(svc.prefix+".SdkClientException", "Unable to execute HTTP request: "+se.transport)
	}
	name := svc.base
	if se.modelled != "" && !svc.unmodelled {
		name = exceptionName(se.modelled)
	}
	details := []string{"Service: " + svc.serviceName, fmt.Sprintf("Status Code: %d", se.status),
		"Error Code: " + orNull(se.code), "Request ID: " + orNull(se.requestID)}
	if svc.unmodelled { // S3
		details = append(details, "S3 Extended Request ID: "+orNull(se.hostID))
	}
	details = append(details, "Proxy: null")
	return resource.Fail(svc.prefix+"."+name, orNull(se.message)+" ("+strings.Join(details, "; ")+")")
}

func orNull(s string) string {
	if s == "" {
		return "null"
	}
	return s
}

// parametersFailure is AWS's run-time complaint about the parameters of a
// service integration.
func parametersFailure(params string, problem error) *resource.Failure {
	return resource.Fail(resource.ErrorRuntime,
		"The Parameters '"+params+"' could not be used to start the Task: ["+problem.Error()+"]")
}
