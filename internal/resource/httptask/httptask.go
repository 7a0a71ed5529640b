// Package httptask runs HTTP tasks, arn:aws:states:::http:invoke: the
// parameters ApiEndpoint, Method, Headers, QueryParameters, RequestBody,
// Transform (RequestBodyEncoding NONE or URL_ENCODED, with the array
// formats INDICES, REPEAT, COMMAS and BRACKETS) and Authentication
// (ConnectionArn) make one HTTP request, and its answer is the result:
//
//	{"Headers": {"Content-Type": ["application/json"], ...},
//	 "ResponseBody": <the body, parsed when it is JSON, else its text>,
//	 "StatusCode": 200, "StatusText": "OK"}
//
// An answer that is not 2xx fails the task with States.Http.StatusCode.NNN
// and that object's JSON text as the cause; a connection that fails or an
// answer that does not come within Options.Timeout (AWS's 60 seconds) fails
// it with States.Http.Socket.
//
// A ConnectionArn names one of Options.Connections, which stand in for
// EventBridge connections: an API key, basic authentication or OAuth client
// credentials (the token is fetched from the connection's endpoint and
// cached), plus parameters added to every request.
//
// Outbound requests follow a policy checked after name resolution, before
// every connection (and so on every redirect): cloud metadata services and
// link-local addresses are always refused; loopback and private addresses
// are refused unless Options.AllowPrivate. Proxies from the environment are
// not used, since a proxy would hide the destination.
package httptask

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/stepwisehq/stepwise/internal/resource"
	"github.com/stepwisehq/stepwise/value"
)

// Error names of HTTP task failures.
const (
	ErrorSocket           = "States.Http.Socket"
	ErrorStatusCodePrefix = "States.Http.StatusCode."
)

// Defaults, as AWS has them.
const (
	DefaultTimeout        = 60 * time.Second
	DefaultMaxResultBytes = 256 * 1024
	maxRedirects          = 10
)

// Options configure an Invoker.
type Options struct {
	// Connections are the connections tasks can name, by ARN.
	Connections map[string]Connection
	// AllowPrivate lets requests reach loopback and private addresses
	// (for a server bound to loopback, or configured so). Cloud metadata
	// services are refused regardless.
	AllowPrivate bool
	// Timeout bounds a request from connection to the end of the answer;
	// 0 means DefaultTimeout.
	Timeout time.Duration
	// MaxResultBytes bounds the JSON size of a result; a larger one fails
	// with States.DataLimitExceeded. 0 means DefaultMaxResultBytes; a
	// negative value means no limit.
	MaxResultBytes int
	// Now is the clock for OAuth token expiry; nil means time.Now.
	Now func() time.Time
}

// Invoker runs HTTP tasks. It is safe for concurrent use.
type Invoker struct {
	client      *http.Client
	policy      policy
	connections map[string]Connection
	timeout     time.Duration
	maxResult   int
	now         func() time.Time
	tokens      tokenCache
}

var _ resource.Invoker = (*Invoker)(nil)

// New returns an Invoker configured by opts, or an error naming a
// connection that is not configured properly.
func New(opts Options) (*Invoker, error) {
	for arn, c := range opts.Connections {
		if err := c.validate(); err != nil {
			return nil, fmt.Errorf("httptask: connection %s: %w", arn, err)
		}
	}
	inv := &Invoker{
		connections: opts.Connections,
		timeout:     cmpOr(opts.Timeout, DefaultTimeout),
		maxResult:   cmpOr(opts.MaxResultBytes, DefaultMaxResultBytes),
		now:         opts.Now,
	}
	if inv.now == nil {
		inv.now = time.Now
	}
	inv.policy = policy{allowPrivate: opts.AllowPrivate}
	inv.client = newClient(inv.policy)
	return inv, nil
}

func cmpOr[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}

// newClient returns an HTTP client whose every connection and redirect
// obeys the policy.
func newClient(p policy) *http.Client {
	dialer := &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second, Control: p.control}
	transport := &http.Transport{
		Proxy:                 nil,
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          100,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
	return &http.Client{Transport: transport, CheckRedirect: func(req *http.Request, via []*http.Request) error {
		if len(via) >= maxRedirects {
			return fmt.Errorf("stopped after %d redirects", maxRedirects)
		}
		if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
			return fmt.Errorf("redirect to a %s URL", req.URL.Scheme)
		}
		return p.checkHost(req.URL.Hostname())
	}}
}

// Invoke runs an arn:aws:states:::http:invoke task. Task failures are
// *resource.Failure values: States.Http.StatusCode.NNN, States.Http.Socket,
// States.Timeout (req.Timeout elapsed), States.DataLimitExceeded, and
// States.Runtime for parameters that cannot make a request. When ctx ends
// first, its error is returned.
func (inv *Invoker) Invoke(ctx context.Context, req *resource.Request) (value.Value, error) {
	target, err := resource.ParseTarget(req.Resource)
	if err != nil {
		return nil, resource.Fail(resource.ErrorRuntime, err.Error())
	}
	if target.ResourceType != "http" || target.Resource != "invoke" {
		return nil, resource.Fail(resource.ErrorRuntime, resource.NotRecognizedMessage(req.Resource))
	}
	c, err := parseCall(req.Input)
	if err != nil {
		return nil, parametersFailure(req.Input, err)
	}
	conn, ok := inv.connections[c.connection]
	if c.connection != "" && !ok {
		return nil, resource.Fail(resource.ErrorRuntime, "The connection '"+c.connection+"' is not configured")
	}
	return inv.do(ctx, req, c, conn)
}

// do sends the request, bounded by the HTTP timeout and req.Timeout.
func (inv *Invoker) do(ctx context.Context, req *resource.Request, c *call, conn Connection) (value.Value, error) {
	callCtx, cancel := context.WithTimeout(ctx, inv.timeout)
	defer cancel()
	taskCtx := callCtx
	if req.Timeout > 0 {
		var cancelTask context.CancelFunc
		taskCtx, cancelTask = context.WithTimeout(callCtx, req.Timeout)
		defer cancelTask()
	}
	result, err := inv.exchange(taskCtx, req, c, conn)
	switch {
	case err == nil:
		return result, nil
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case req.Timeout > 0 && errors.Is(taskCtx.Err(), context.DeadlineExceeded) && callCtx.Err() == nil:
		return nil, resource.Fail(resource.ErrorTimeout, "")
	}
	var f *resource.Failure
	if errors.As(err, &f) {
		return nil, f
	}
	return nil, socketFailure(err)
}

// exchange builds and sends the request and shapes the answer.
func (inv *Invoker) exchange(ctx context.Context, req *resource.Request, c *call, conn Connection) (value.Value, error) {
	if err := inv.policy.checkHost(c.endpoint.Hostname()); err != nil {
		return nil, err
	}
	httpReq, err := buildRequest(ctx, req, c, conn)
	if err != nil {
		return nil, err
	}
	if c.connection != "" {
		if err := inv.authorize(ctx, c.connection, conn, httpReq.Header); err != nil {
			return nil, err
		}
	}
	resp, err := inv.client.Do(httpReq)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusUnauthorized && conn.OAuth != nil {
		inv.tokens.drop(c.connection) // the next attempt fetches a new token
	}
	return inv.shape(resp)
}

// buildRequest makes the HTTP request: the task's headers, query and body
// merged with the connection's parameters (which win), and the headers AWS
// adds.
func buildRequest(ctx context.Context, req *resource.Request, c *call, conn Connection) (*http.Request, error) {
	body, contentType, err := requestBody(c, conn)
	if err != nil {
		return nil, err
	}
	u := *c.endpoint
	u.RawQuery = queryEncode(withoutKeys(u.RawQuery, conn.QueryParameters), mergeKV(c.query, conn.QueryParameters))
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	httpReq, err := http.NewRequestWithContext(ctx, c.method, u.String(), rd)
	if err != nil {
		return nil, resource.Fail(resource.ErrorRuntime, err.Error())
	}
	h := httpReq.Header
	if contentType != "" {
		h.Set("Content-Type", contentType)
	}
	for _, p := range mergeKV(c.headers, conn.Headers) {
		h.Set(p.key, p.value)
	}
	h.Set("User-Agent", "Amazon|StepFunctions|HttpInvoke|"+req.RegionOrDefault())
	h.Set("Range", "bytes=0-262144")
	return httpReq, nil
}

// mergeKV returns pairs with a connection's parameters overriding those of
// the same name.
func mergeKV(pairs []kv, conn map[string]string) []kv {
	if len(conn) == 0 {
		return pairs
	}
	out := slices.DeleteFunc(slices.Clone(pairs), func(p kv) bool { _, ok := conn[p.key]; return ok })
	keys := make([]string, 0, len(conn))
	for k := range conn {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		out = append(out, kv{k, conn[k]})
	}
	return out
}

// withoutKeys removes from a raw query the parameters a connection sets.
func withoutKeys(rawQuery string, keys map[string]string) string {
	if len(keys) == 0 || rawQuery == "" {
		return rawQuery
	}
	q, err := url.ParseQuery(rawQuery)
	if err != nil {
		return rawQuery
	}
	for k := range keys {
		q.Del(k)
	}
	return q.Encode()
}

// requestBody encodes RequestBody, with the connection's body parameters:
// JSON (a string as it is), or URL-encoded.
func requestBody(c *call, conn Connection) ([]byte, string, error) {
	body := c.body
	if len(conn.BodyParameters) > 0 {
		obj, ok := body.(*value.Object)
		if !ok && body != nil {
			return nil, "", parametersFailure(body, mustBe("RequestBody", "an OBJECT to merge the connection's body parameters into"))
		}
		body = mergeBody(obj, conn.BodyParameters)
	}
	if body == nil {
		return nil, "", nil
	}
	if c.urlEncoded {
		switch x := body.(type) {
		case *value.Object:
			return []byte(formEncode(x, c.arrays)), "application/x-www-form-urlencoded", nil
		case string:
			return []byte(x), "application/x-www-form-urlencoded", nil
		}
		return nil, "", parametersFailure(c.body, mustBe("RequestBody", "an OBJECT when RequestBodyEncoding is URL_ENCODED"))
	}
	if s, ok := body.(string); ok {
		return []byte(s), "application/json; charset=UTF-8", nil
	}
	return value.Append(nil, body), "application/json; charset=UTF-8", nil
}

func mergeBody(obj *value.Object, params map[string]string) *value.Object {
	if obj == nil {
		obj = value.NewObject(nil)
	}
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		obj = obj.With(k, params[k])
	}
	return obj
}

// shape turns an answer into the task's result, or its failure when it is
// not 2xx.
func (inv *Invoker) shape(resp *http.Response) (value.Value, error) {
	limit := int64(inv.maxResult)
	r := io.Reader(resp.Body)
	if limit >= 0 {
		r = io.LimitReader(resp.Body, limit+1)
	}
	body, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	if limit >= 0 && int64(len(body)) > limit {
		return nil, dataLimitFailure()
	}
	result := value.NewObject([]value.Member{
		{Key: "Headers", Value: responseHeaders(resp.Header)},
		{Key: "ResponseBody", Value: responseBody(resp.Header.Get("Content-Type"), body)},
		{Key: "StatusCode", Value: value.Int(int64(resp.StatusCode))},
		{Key: "StatusText", Value: statusText(resp)},
	})
	if inv.maxResult >= 0 && value.EncodedLen(result) > inv.maxResult {
		return nil, dataLimitFailure()
	}
	if resp.StatusCode/100 != 2 {
		return nil, resource.Fail(ErrorStatusCodePrefix+strconv.Itoa(resp.StatusCode), value.String(result))
	}
	return result, nil
}

// responseHeaders lists every header with all its values, by name.
func responseHeaders(h http.Header) value.Value {
	names := make([]string, 0, len(h))
	for name := range h {
		names = append(names, name)
	}
	slices.Sort(names)
	ms := make([]value.Member, 0, len(names))
	for _, name := range names {
		vs := make([]value.Value, len(h[name]))
		for i, s := range h[name] {
			vs[i] = s
		}
		ms = append(ms, value.Member{Key: name, Value: vs})
	}
	return value.NewObject(ms)
}

// responseBody is the body parsed when its content type is JSON and it
// parses, else its text.
func responseBody(contentType string, body []byte) value.Value {
	mt, _, _ := mime.ParseMediaType(contentType)
	if mt == "application/json" || strings.HasSuffix(mt, "+json") {
		if v, err := value.Parse(body); err == nil {
			return v
		}
	}
	return string(body)
}

// statusText is the reason phrase of the status line.
func statusText(resp *http.Response) string {
	if text, ok := strings.CutPrefix(resp.Status, strconv.Itoa(resp.StatusCode)+" "); ok {
		return text
	}
	return http.StatusText(resp.StatusCode)
}

// socketFailure is the failure of a request that got no (complete) answer.
func socketFailure(err error) *resource.Failure {
	var blocked *BlockedError
	if errors.As(err, &blocked) {
		return resource.Fail(ErrorSocket, blocked.Error())
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return resource.Fail(ErrorSocket, "The HTTP request timed out")
	}
	var tokErr *tokenError
	if errors.As(err, &tokErr) {
		return resource.Fail(resource.ErrorTaskFailed, tokErr.Error())
	}
	return resource.Fail(ErrorSocket, err.Error())
}

func dataLimitFailure() *resource.Failure {
	return resource.Fail(resource.ErrorDataLimitExceeded,
		"The state/task 'http' returned a result with a size exceeding the maximum number of bytes service limit.")
}

// parametersFailure is AWS's run-time complaint about the parameters of a
// service integration.
func parametersFailure(params value.Value, problem error) *resource.Failure {
	return resource.Fail(resource.ErrorRuntime,
		"The Parameters '"+value.String(params)+"' could not be used to start the Task: ["+problem.Error()+"]")
}
