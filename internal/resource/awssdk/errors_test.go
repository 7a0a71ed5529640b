package awssdk

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"testing"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// answered wraps an API error as the SDK returns it for an HTTP answer.
func answered(status int, requestID string, err error) error {
	resp := &smithyhttp.Response{Response: &http.Response{StatusCode: status}}
	respErr := &awshttp.ResponseError{ResponseError: &smithyhttp.ResponseError{Response: resp, Err: err}, RequestID: requestID}
	return &smithy.OperationError{ServiceID: "X", OperationName: "Op", Err: respErr}
}

// hostErr adds S3's extended request ID.
type hostErr struct {
	error
	host string
}

func (h hostErr) ServiceHostID() string { return h.host }
func (h hostErr) Unwrap() error         { return h.error }

func TestFailureNames(t *testing.T) {
	t.Parallel()
	msg := "The specified queue does not exist."
	code := "AWS.SimpleQueueService.NonExistentQueue"
	modelled := answered(400, "r1", &sqstypes.QueueDoesNotExist{Message: &msg, ErrorCodeOverride: &code})
	generic := answered(400, "r2", &smithy.GenericAPIError{Code: "ValidationException", Message: "bad"})
	noMessage := answered(404, "", &smithy.GenericAPIError{Code: "NotFound"})
	s3key := hostErr{answered(404, "r3", &s3types.NoSuchKey{Message: strPtr("The specified key does not exist.")}), "h3"}
	noAnswer := &smithy.OperationError{ServiceID: "X", OperationName: "Op",
		Err: &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}}
	tests := []struct {
		name, got, want string
	}{
		{"sdk modelled", sdkFailure(services["sqs"], modelled).Error(),
			"Sqs.QueueDoesNotExistException: The specified queue does not exist. (Service: Sqs, Status Code: 400, Request ID: r1)"},
		{"sdk unmodelled", sdkFailure(services["secretsmanager"], generic).Error(),
			"SecretsManager.SecretsManagerException: bad (Service: SecretsManager, Status Code: 400, Request ID: r2)"},
		{"sdk no message", sdkFailure(services["sns"], noMessage).Error(),
			"Sns.SnsException: null (Service: Sns, Status Code: 404, Request ID: null)"},
		{"sdk S3 extended ID", sdkFailure(services["s3"], s3key).Error(),
			"S3.NoSuchKeyException: The specified key does not exist. (Service: S3, Status Code: 404, Request ID: r3, Extended Request ID: h3)"},
		{"sdk no answer", sdkFailure(services["sfn"], noAnswer).Error(),
			"Sfn.SdkClientException: Unable to execute HTTP request: dial tcp: connection refused"},
		{"v1 modelled", v1Failure(sqsV1, modelled).Error(),
			"SQS.QueueDoesNotExistException: The specified queue does not exist. (Service: AmazonSQS; Status Code: 400; Error Code: AWS.SimpleQueueService.NonExistentQueue; Request ID: r1; Proxy: null)"},
		{"v1 unmodelled", v1Failure(dynamodbV1, generic).Error(),
			"DynamoDB.AmazonDynamoDBException: bad (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ValidationException; Request ID: r2; Proxy: null)"},
		{"v1 S3 models nothing", v1Failure(s3V1, s3key).Error(),
			"S3.AmazonS3Exception: The specified key does not exist. (Service: Amazon S3; Status Code: 404; Error Code: NoSuchKey; Request ID: r3; S3 Extended Request ID: h3; Proxy: null)"},
		{"v1 no answer", v1Failure(eventsV1, fmt.Errorf("op: %w", context.Canceled)).Error(),
			"EventBridge.SdkClientException: Unable to execute HTTP request: op: context canceled"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, tt.got, tt.want)
		}
	}
}

func strPtr(s string) *string { return &s }

func TestExceptionName(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"NoSuchKey": "NoSuchKeyException", "ResourceNotFoundException": "ResourceNotFoundException"} {
		if got := exceptionName(in); got != want {
			t.Errorf("exceptionName(%s) = %s", in, got)
		}
	}
}
