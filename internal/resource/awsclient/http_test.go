package awsclient

import (
	"bytes"
	"errors"
	"io"
	"net"
	"net/http"
	"testing"

	"github.com/aws/smithy-go"
)

// recordingClient keeps the request bodies it is given.
type recordingClient struct{ bodies []io.ReadCloser }

func (c *recordingClient) Do(req *http.Request) (*http.Response, error) {
	c.bodies = append(c.bodies, req.Body)
	return &http.Response{StatusCode: 200, Body: http.NoBody}, nil
}

func TestWithoutWriteTo(t *testing.T) {
	t.Parallel()
	inner := &recordingClient{}
	c := WithoutWriteTo(inner)
	body := io.NopCloser(bytes.NewReader([]byte("payload"))) // a WriterTo, like the SDK's
	if _, ok := body.(io.WriterTo); !ok {
		t.Fatal("test body is no WriterTo")
	}
	for _, b := range []io.ReadCloser{body, nil, http.NoBody} {
		req, _ := http.NewRequest(http.MethodPost, "http://127.0.0.1/", nil)
		req.Body = b
		if _, err := c.Do(req); err != nil {
			t.Fatal(err)
		}
	}
	if _, ok := inner.bodies[0].(io.WriterTo); ok {
		t.Error("the body still offers WriteTo")
	}
	if got, _ := io.ReadAll(inner.bodies[0]); string(got) != "payload" {
		t.Errorf("body reads %q", got)
	}
	if inner.bodies[1] != nil || inner.bodies[2] != http.NoBody {
		t.Errorf("empty bodies were wrapped: %v", inner.bodies[1:])
	}
	if WithoutWriteTo(nil).(bodyWithoutWriteTo).client != nil || defaultHTTPClient == nil {
		t.Error("no default client")
	}
}

func TestTransportMessage(t *testing.T) {
	t.Parallel()
	opErr := &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}
	tests := []struct {
		err  error
		want string
	}{
		{&smithy.OperationError{ServiceID: "Lambda", OperationName: "Invoke", Err: opErr}, opErr.Error()},
		{&smithy.OperationError{ServiceID: "Lambda", OperationName: "Invoke", Err: errors.New("inner")}, "inner"},
		{&smithy.OperationError{ServiceID: "Lambda", OperationName: "Invoke"}, "operation error Lambda: Invoke, <nil>"},
		{errors.New("plain"), "plain"},
	}
	for _, tt := range tests {
		if got := TransportMessage(tt.err); got != tt.want {
			t.Errorf("TransportMessage(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}
