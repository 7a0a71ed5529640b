package awsclient

import (
	"errors"
	"io"
	"net"
	"net/http"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
)

// HTTPClient is the HTTP client interface of every service client's
// Options (lambda.HTTPClient, s3.HTTPClient, ...).
type HTTPClient interface {
	Do(*http.Request) (*http.Response, error)
}

// WithoutWriteTo returns a client that sends requests through c (the SDK's
// default client when c is nil) with a body that only reads and closes.
//
// The SDK wraps a request payload in a reader whose WriteTo fails with
// io.EOF once the SDK has closed it, which it does as soon as the response
// headers arrive. When a fast server (a local emulator) answers before the
// transport has finished its last check of the body, that io.EOF fails the
// request write and the transport closes the connection under the response
// being read ("use of closed network connection"). Without WriteTo the
// transport reads the body, and a closed body is an ordinary end of input.
func WithoutWriteTo(c HTTPClient) HTTPClient {
	return bodyWithoutWriteTo{client: c}
}

type bodyWithoutWriteTo struct {
	client HTTPClient
}

// readCloserOnly hides every method of its body but Read and Close.
type readCloserOnly struct{ io.ReadCloser }

// Do implements HTTPClient.
func (c bodyWithoutWriteTo) Do(req *http.Request) (*http.Response, error) {
	if req.Body != nil && req.Body != http.NoBody {
		req.Body = readCloserOnly{req.Body}
	}
	client := c.client
	if client == nil {
		client = defaultHTTPClient
	}
	return client.Do(req)
}

var defaultHTTPClient HTTPClient = awshttp.NewBuildableClient()

// TransportMessage digs out the network error under the SDK's wrapping of
// a failed call.
func TransportMessage(err error) string {
	var opErr *net.OpError
	if errors.As(err, &opErr) {
		return opErr.Error()
	}
	var sdkOp *smithy.OperationError
	if errors.As(err, &sdkOp) && sdkOp.Err != nil {
		return sdkOp.Err.Error()
	}
	return err.Error()
}
