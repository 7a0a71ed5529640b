package awssdk

import (
	"net/http"
	"reflect"
	"slices"
	"strings"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/stepwisehq/stepwise/value"
)

// headerNames spells response headers as a service sends them (Go's HTTP
// client hands them over canonicalised, "X-Amzn-Requestid") and gives the
// order in which it sends them.
type headerNames struct {
	wire []string // spellings, in the order the service sends them
	rank map[string]int
}

func newHeaderNames(wire ...string) *headerNames {
	h := &headerNames{wire: wire, rank: make(map[string]int, len(wire))}
	for i, name := range wire {
		h.rank[http.CanonicalHeaderKey(name)] = i
	}
	return h
}

// The headers of SQS and SNS (which spell "connection" in lower case) and
// of DynamoDB, whose GetItem answers spell the request ID in lower case.
var (
	sqsHeaders        = newHeaderNames("x-amzn-RequestId", "Date", "Content-Type", "Content-Length", "connection")
	dynamodbHeaders   = newHeaderNames("Server", "Date", "Content-Type", "Content-Length", "Connection", "x-amzn-RequestId", "x-amz-crc32")
	dynamodbGetHeader = newHeaderNames("Server", "Date", "Content-Type", "Content-Length", "Connection", "x-amzn-requestid", "x-amz-crc32")
)

// header is one response header with its values, named as the wire had it.
type header struct {
	name   string
	values []string
	rank   int
}

// headersOf lists a response's headers in their estimated order of
// arrival: the service's own in the order it sends them, then others by
// name.
func (h *headerNames) headersOf(hdr http.Header) []header {
	hs := make([]header, 0, len(hdr))
	for key, values := range hdr {
		if len(values) == 0 {
			continue
		}
		rank, known := h.rank[key]
		name := key
		if known {
			name = h.wire[rank]
		} else {
			rank = len(h.wire)
		}
		hs = append(hs, header{name: name, values: values, rank: rank})
	}
	slices.SortFunc(hs, func(a, b header) int {
		if a.rank != b.rank {
			return a.rank - b.rank
		}
		return strings.Compare(a.name, b.name)
	})
	return hs
}

// sdkMetadata returns the SdkHttpMetadata and SdkResponseMetadata members
// that the AWS SDK for Java 1.x adds to a result: every header with all its
// values (in a HashMap's order), every header with its last value (sorted
// ignoring case), the status code, and the request ID.
func sdkMetadata(out reflect.Value, names *headerNames) []value.Member {
	md, _ := out.Elem().FieldByName("ResultMetadata").Interface().(middleware.Metadata)
	var hs []header
	status := int64(0)
	if r, ok := awsmiddleware.GetRawResponse(md).(*smithyhttp.Response); ok && r != nil && r.Response != nil {
		hs = names.headersOf(r.Header)
		status = int64(r.StatusCode)
	}
	requestID, _ := awsmiddleware.GetRequestIDMetadata(md)
	httpMeta := value.NewObject([]value.Member{
		{Key: "AllHttpHeaders", Value: allHeaders(hs)},
		{Key: "HttpHeaders", Value: lastHeaders(hs)},
		{Key: "HttpStatusCode", Value: value.Int(status)},
	})
	return []value.Member{
		{Key: "SdkHttpMetadata", Value: httpMeta},
		{Key: "SdkResponseMetadata", Value: value.NewObject([]value.Member{{Key: "RequestId", Value: requestID}})},
	}
}

func allHeaders(hs []header) value.Value {
	names := make([]string, len(hs))
	for i, h := range hs {
		names[i] = h.name
	}
	ms := make([]value.Member, 0, len(hs))
	for _, i := range javaHashMapOrder(names) {
		vs := make([]value.Value, len(hs[i].values))
		for j, s := range hs[i].values {
			vs[j] = s
		}
		ms = append(ms, value.Member{Key: hs[i].name, Value: vs})
	}
	return value.NewObject(ms)
}

func lastHeaders(hs []header) value.Value {
	byName := make(map[string]header, len(hs))
	names := make([]string, 0, len(hs))
	for _, h := range hs {
		byName[h.name] = h
		names = append(names, h.name)
	}
	sortFold(names)
	ms := make([]value.Member, 0, len(hs))
	for _, name := range names {
		vs := byName[name].values
		ms = append(ms, value.Member{Key: name, Value: vs[len(vs)-1]})
	}
	return value.NewObject(ms)
}
