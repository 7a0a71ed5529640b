package lambda

import (
	"net/http"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/stepwisehq/stepwise/internal/resource"
	"github.com/stepwisehq/stepwise/internal/resource/awsclient"
	"github.com/stepwisehq/stepwise/value"
)

// functionResult is the result of a legacy Lambda task: the function's JSON
// answer; an answer that is not JSON becomes a string, and none is null.
func functionResult(payload []byte) value.Value {
	if len(payload) == 0 {
		return nil
	}
	return parseOrText(payload)
}

// payloadValue is the Payload field of a lambda:invoke result: the parsed
// answer, its text when it is not JSON, or "" when there is none (an Event
// invocation).
func payloadValue(payload []byte) value.Value {
	if len(payload) == 0 {
		return ""
	}
	return parseOrText(payload)
}

func parseOrText(payload []byte) value.Value {
	v, err := value.Parse(payload)
	if err != nil {
		return string(payload)
	}
	return v
}

// invokeResult shapes an Invoke response as Step Functions returns it for
// arn:aws:states:::lambda:invoke, with the keys in AWS's order.
func invokeResult(out *lambda.InvokeOutput) value.Value {
	requestID, _ := awsmiddleware.GetRequestIDMetadata(out.ResultMetadata)
	return shapeInvokeResult(out, rawResponse(out), requestID)
}

func shapeInvokeResult(out *lambda.InvokeOutput, resp *http.Response, requestID string) value.Value {
	ms := make([]value.Member, 0, 6)
	if out.ExecutedVersion != nil {
		ms = append(ms, value.Member{Key: "ExecutedVersion", Value: *out.ExecutedVersion})
	}
	if out.LogResult != nil {
		ms = append(ms, value.Member{Key: "LogResult", Value: *out.LogResult})
	}
	ms = append(ms,
		value.Member{Key: "Payload", Value: payloadValue(out.Payload)},
		value.Member{Key: "SdkHttpMetadata", Value: httpMetadata(resp)},
		value.Member{Key: "SdkResponseMetadata", Value: object("RequestId", requestID)},
		value.Member{Key: "StatusCode", Value: value.Int(int64(out.StatusCode))},
	)
	return value.NewObject(ms)
}

func rawResponse(out *lambda.InvokeOutput) *http.Response {
	if r, ok := awsmiddleware.GetRawResponse(out.ResultMetadata).(*smithyhttp.Response); ok && r != nil {
		return r.Response
	}
	return nil
}

// httpMetadata is the SDK for Java's SdkHttpMetadata: every header with all
// its values (in the order of a java.util.HashMap), every header with its
// last value (sorted ignoring case), and the status code.
func httpMetadata(resp *http.Response) value.Value {
	var hs []awsclient.Header
	status := int64(0)
	if resp != nil {
		hs = wireHeaders.Headers(resp.Header)
		status = int64(resp.StatusCode)
	}
	return value.NewObject([]value.Member{
		{Key: "AllHttpHeaders", Value: awsclient.AllHeaders(hs)},
		{Key: "HttpHeaders", Value: lastHeaders(hs)},
		{Key: "HttpStatusCode", Value: value.Int(status)},
	})
}

func lastHeaders(hs []awsclient.Header) value.Value {
	ms := make([]value.Member, 0, len(hs))
	for _, h := range caseInsensitiveOrder(hs) {
		ms = append(ms, value.Member{Key: h.Name, Value: h.Values[len(h.Values)-1]})
	}
	return value.NewObject(ms)
}

func object(key string, v value.Value) *value.Object {
	return value.NewObject([]value.Member{{Key: key, Value: v}})
}

// tooLarge reports whether v's JSON text exceeds the result limit.
func (inv *Invoker) tooLarge(v value.Value) bool {
	return inv.maxResult >= 0 && value.EncodedLen(v) > inv.maxResult
}

// dataLimitFailure is AWS's failure for a result over the limit; name is
// "lambda" for lambda:invoke and the function ARN for the legacy form.
func dataLimitFailure(name string) *resource.Failure {
	return resource.Fail(resource.ErrorDataLimitExceeded,
		"The state/task '"+name+"' returned a result with a size exceeding the maximum number of bytes service limit.")
}
