package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// targetPrefix starts the X-Amz-Target header of every Step Functions
// action.
const targetPrefix = "AWSStepFunctions."

// contentType is the AWS JSON 1.0 protocol's content type.
var contentType = []string{"application/x-amz-json-1.0"}

// Client calls the Step Functions API over HTTP with the AWS JSON 1.0
// protocol: POST / with X-Amz-Target and the action's input as JSON. It
// signs nothing (a Stepwise server without --credentials accepts that)
// and does as little as it can per call, so that it can drive a server
// hard. It is safe for concurrent use.
type Client struct {
	urls    []string
	next    atomic.Uint64 // calls go round-robin to urls
	hc      *http.Client
	headers sync.Map // action -> http.Header, shared read-only by requests
	bufs    sync.Pool
}

// NewClient returns a Client of the API at endpoint (http://host:port)
// that keeps up to conns connections open. A comma-separated list of
// endpoints (the nodes of one cluster) takes calls round-robin.
func NewClient(endpoint string, conns int) *Client {
	conns = max(conns, 1)
	tr := &http.Transport{
		Proxy:               nil, // a load generator talks to the endpoint itself
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:        2 * conns,
		MaxIdleConnsPerHost: 2 * conns,
		IdleConnTimeout:     90 * time.Second,
		DisableCompression:  true,
	}
	c := &Client{hc: &http.Client{Transport: tr}}
	for _, e := range strings.Split(endpoint, ",") {
		c.urls = append(c.urls, strings.TrimSuffix(strings.TrimSpace(e), "/")+"/")
	}
	c.bufs.New = func() any { return new(bytes.Buffer) }
	return c
}

// Close closes the client's idle connections.
func (c *Client) Close() { c.hc.CloseIdleConnections() }

// APIError is an error answer of the API.
type APIError struct {
	Status  int    // HTTP status
	Type    string // the error name (the __type after its '#')
	Message string
}

func (e *APIError) Error() string {
	if e.Message == "" {
		return fmt.Sprintf("%s (HTTP %d)", e.Type, e.Status)
	}
	return fmt.Sprintf("%s: %s (HTTP %d)", e.Type, e.Message, e.Status)
}

// Call performs action with input in (marshalled as JSON; a []byte is
// sent as it is) and decodes the answer into out (when out is not nil).
// An error answer is an *APIError.
func (c *Client) Call(ctx context.Context, action string, in, out any) error {
	body, ok := in.([]byte)
	if !ok {
		var err error
		if body, err = json.Marshal(in); err != nil {
			return fmt.Errorf("%s: %w", action, err)
		}
	}
	buf := c.bufs.Get().(*bytes.Buffer)
	defer c.release(buf)
	status, err := c.post(ctx, action, body, buf)
	if err != nil {
		return fmt.Errorf("%s: %w", action, err)
	}
	if status != http.StatusOK {
		return decodeError(status, buf.Bytes())
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(buf.Bytes(), out); err != nil {
		return fmt.Errorf("%s: decode answer: %w", action, err)
	}
	return nil
}

// release returns a buffer to the pool unless it grew large.
func (c *Client) release(buf *bytes.Buffer) {
	if buf.Cap() <= 1<<20 {
		buf.Reset()
		c.bufs.Put(buf)
	}
}

// post sends one request and reads the answer's body into buf.
func (c *Client) post(ctx context.Context, action string, body []byte, buf *bytes.Buffer) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.urls[c.next.Add(1)%uint64(len(c.urls))], bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header = c.header(action)
	resp, err := c.hc.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if _, err := buf.ReadFrom(resp.Body); err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

// header returns the (shared, never modified) request header of action.
func (c *Client) header(action string) http.Header {
	if h, ok := c.headers.Load(action); ok {
		return h.(http.Header)
	}
	h := http.Header{"X-Amz-Target": {targetPrefix + action}, "Content-Type": contentType}
	c.headers.Store(action, h)
	return h
}

// errorBody is the JSON of an error answer.
type errorBody struct {
	Type        string `json:"__type"`
	Message     string `json:"message"`
	MessageCaps string `json:"Message"`
}

// decodeError reads an error answer; a body that is not AWS's error JSON
// keeps its text (shortened) as the message.
func decodeError(status int, body []byte) error {
	var eb errorBody
	if err := json.Unmarshal(body, &eb); err != nil || eb.Type == "" {
		return &APIError{Status: status, Type: http.StatusText(status), Message: shorten(string(body), 200)}
	}
	if i := strings.LastIndexByte(eb.Type, '#'); i >= 0 {
		eb.Type = eb.Type[i+1:]
	}
	msg := eb.Message
	if msg == "" {
		msg = eb.MessageCaps
	}
	return &APIError{Status: status, Type: eb.Type, Message: msg}
}

func shorten(s string, n int) string {
	s = strings.TrimSpace(s)
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

// IsAPIError reports whether err is an API error answer named name.
func IsAPIError(err error, name string) bool {
	var ae *APIError
	return errors.As(err, &ae) && ae.Type == name
}
