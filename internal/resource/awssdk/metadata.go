package awssdk

import (
	"reflect"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/stepwisehq/stepwise/internal/resource/awsclient"
	"github.com/stepwisehq/stepwise/value"
)

// The headers of SQS and SNS (which spell "connection" in lower case) and
// of DynamoDB, whose GetItem answers spell the request ID in lower case.
var (
	sqsHeaders        = awsclient.NewWireNames("x-amzn-RequestId", "Date", "Content-Type", "Content-Length", "connection")
	dynamodbHeaders   = awsclient.NewWireNames("Server", "Date", "Content-Type", "Content-Length", "Connection", "x-amzn-RequestId", "x-amz-crc32")
	dynamodbGetHeader = awsclient.NewWireNames("Server", "Date", "Content-Type", "Content-Length", "Connection", "x-amzn-requestid", "x-amz-crc32")
)

// sdkMetadata returns the SdkHttpMetadata and SdkResponseMetadata members
// that the AWS SDK for Java 1.x adds to a result: every header with all its
// values (in a HashMap's order), every header with its last value (sorted
// ignoring case), the status code, and the request ID.
func sdkMetadata(out reflect.Value, names *awsclient.WireNames) []value.Member {
	md, _ := out.Elem().FieldByName("ResultMetadata").Interface().(middleware.Metadata)
	var hs []awsclient.Header
	status := int64(0)
	if r, ok := awsmiddleware.GetRawResponse(md).(*smithyhttp.Response); ok && r != nil && r.Response != nil {
		hs = names.Headers(r.Header)
		status = int64(r.StatusCode)
	}
	requestID, _ := awsmiddleware.GetRequestIDMetadata(md)
	return awsclient.SdkMetadata(hs, status, requestID)
}
