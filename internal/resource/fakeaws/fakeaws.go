// Package fakeaws is an in-memory stand-in for the AWS services that Step
// Functions' integrations call, for tests: one loopback HTTP server that
// speaks enough of SQS (JSON protocol), SNS (query protocol), DynamoDB (JSON
// 1.0), S3 (REST, path-style addressing), EventBridge and Secrets Manager
// (JSON 1.1) and Step Functions (JSON 1.0) for the operations the
// integrations use, answering with the services' own error codes and
// messages for missing queues, topics, tables, buckets, keys and secrets;
// and the start, describe and stop actions of ECS, Glue, CodeBuild, Athena
// (JSON 1.1) and Batch (REST-JSON), whose jobs run as a JobPlan says.
//
// Point an AWS SDK client (or awssdk.Options.Endpoint, or
// AWS_ENDPOINT_URL) at Server.URL. Any credentials and region are accepted;
// requests are not authenticated. The server listens on a loopback TCP
// port, so another process (a `stepwise serve` under test) can use it too.
// AutoCreate makes the queues and topics that calls name exist, for
// replaying recordings whose test created them.
//
// It is a test helper: production code never imports it.
package fakeaws

import (
	"crypto/rand"
	"encoding/hex"
	"hash/crc32"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stepwisehq/stepwise/value"
)

// Defaults of the region and account in the ARNs and URLs the fake makes.
const (
	Region  = "us-east-1"
	Account = "123456789012"
)

// Server is a running fake. Its methods are safe for concurrent use.
type Server struct {
	// URL is the endpoint for every service, "http://127.0.0.1:PORT".
	URL string

	server *httptest.Server
	now    func() time.Time

	mu         sync.Mutex
	autoCreate bool // see AutoCreate
	requests   []Request
	queues     map[string]*queue  // by name
	topics     map[string]*topic  // by ARN
	tables     map[string]*table  // by name
	buckets    map[string]*bucket // by name
	secrets    map[string]*secret // by name
	events     []Event
	sfn        sfnState
	jobs       jobsState
}

// Request is one request the fake received.
type Request struct {
	Service string // "sqs", "sns", "dynamodb", "s3", "events", "secretsmanager", "sfn", "ecs", "batch", "glue", "codebuild", "athena"
	Action  string // "SendMessage", "GetObject", ...
	Header  http.Header
	Body    []byte
}

// Start starts a fake on a loopback port; it stops when the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	s := New()
	t.Cleanup(s.Close)
	return s
}

// New starts a fake that runs until Close.
func New() *Server {
	s := &Server{
		now:     time.Now,
		queues:  map[string]*queue{},
		topics:  map[string]*topic{},
		tables:  map[string]*table{},
		buckets: map[string]*bucket{},
		secrets: map[string]*secret{},
	}
	s.sfn.init()
	s.server = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.server.URL
	return s
}

// Close stops the server.
func (s *Server) Close() { s.server.Close() }

// Requests returns the requests received so far, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

func (s *Server) record(service, action string, r *http.Request, body []byte) {
	s.mu.Lock()
	s.requests = append(s.requests, Request{Service: service, Action: action, Header: r.Header.Clone(), Body: body})
	s.mu.Unlock()
}

// jsonTargets maps the X-Amz-Target prefix of the JSON protocols to the
// service and its handler.
var jsonTargets = map[string]struct {
	service string
	handle  func(s *Server, action string, in *value.Object) answer
}{
	"AmazonSQS":         {"sqs", (*Server).sqs},
	"DynamoDB_20120810": {"dynamodb", (*Server).dynamodb},
	"AWSEvents":         {"events", (*Server).eventBridge},
	"secretsmanager":    {"secretsmanager", (*Server).secretsManager},
	"AWSStepFunctions":  {"sfn", (*Server).stepFunctions},

	"AmazonEC2ContainerServiceV20141113": {"ecs", (*Server).ecs},
	"AWSGlue":                            {"glue", (*Server).glue},
	"CodeBuild_20161006":                 {"codebuild", (*Server).codeBuild},
	"AmazonAthena":                       {"athena", (*Server).athena},
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if target := r.Header.Get("X-Amz-Target"); target != "" {
		s.serveJSON(w, r, target, body)
		return
	}
	if action, ok := batchActions[r.URL.Path]; ok && r.Method == http.MethodPost {
		s.serveBatch(w, r, action, body)
		return
	}
	if r.Method == http.MethodPost && strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		s.serveQuery(w, r, body)
		return
	}
	s.serveS3(w, r, body)
}

func (s *Server) serveJSON(w http.ResponseWriter, r *http.Request, target string, body []byte) {
	prefix, action, _ := strings.Cut(target, ".")
	svc, ok := jsonTargets[prefix]
	if !ok {
		writeAnswer(w, jsonError(400, "UnknownOperationException", "", "The target "+target+" is not known"), "")
		return
	}
	s.record(svc.service, action, r, body)
	in, _ := value.Parse(body)
	obj, _ := in.(*value.Object)
	if obj == nil {
		obj = value.NewObject(nil)
	}
	writeAnswer(w, svc.handle(s, action, obj), svc.service)
}

// answer is a service's response.
type answer struct {
	status      int
	contentType string
	body        []byte
	header      map[string]string // extra headers, spelt as the service spells them
}

// jsonAnswer is a successful JSON-protocol response.
func jsonAnswer(v value.Value) answer {
	return answer{status: 200, body: value.Append(nil, v)}
}

// jsonError is an error of the JSON protocols: {"__type": ..., "message": ...}
// and, for SQS, the query-compatible error code in x-amzn-query-error.
func jsonError(status int, code, namespace, message string) answer {
	typ := code
	if namespace != "" {
		typ = namespace + "#" + code
	}
	body := value.NewObject([]value.Member{{Key: "__type", Value: typ}, {Key: "message", Value: message}})
	return answer{status: status, body: value.Append(nil, body), header: map[string]string{"x-amzn-ErrorType": code}}
}

// jsonContentTypes are the JSON protocol versions of the services.
var jsonContentTypes = map[string]string{
	"sqs": "application/x-amz-json-1.0", "dynamodb": "application/x-amz-json-1.0", "sfn": "application/x-amz-json-1.0",
	"events": "application/x-amz-json-1.1", "secretsmanager": "application/x-amz-json-1.1",
	"ecs": "application/x-amz-json-1.1", "glue": "application/x-amz-json-1.1", "codebuild": "application/x-amz-json-1.1",
	"athena": "application/x-amz-json-1.1", "batch": "application/json",
}

// writeAnswer writes a response with the headers the service sends,
// spelt as it spells them (the header map is written to directly to keep
// the case).
func writeAnswer(w http.ResponseWriter, a answer, service string) {
	h := w.Header()
	set := func(k, v string) { h[k] = []string{v} }
	ct := a.contentType
	if ct == "" {
		ct = jsonContentTypes[service]
	}
	if ct == "" {
		ct = "application/x-amz-json-1.0"
	}
	set("Content-Type", ct)
	set("x-amzn-RequestId", newID())
	switch service {
	case "dynamodb":
		set("Server", "Server")
		set("Connection", "keep-alive")
		set("x-amz-crc32", strconv.FormatUint(uint64(crc32.ChecksumIEEE(a.body)), 10))
	case "sqs", "sns":
		set("connection", "keep-alive")
	}
	for k, v := range a.header {
		set(k, v)
	}
	set("Content-Length", strconv.Itoa(len(a.body)))
	w.WriteHeader(a.status)
	_, _ = w.Write(a.body)
}

// newID returns a random UUID.
func newID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// field returns an object's member.
func field(obj *value.Object, key string) value.Value {
	v, _ := obj.Get(key)
	return v
}

// text returns an object's member when it is a string.
func text(obj *value.Object, key string) (string, bool) {
	s, ok := field(obj, key).(string)
	return s, ok
}

func obj(ms ...value.Member) *value.Object { return value.NewObject(ms) }

func member(key string, v value.Value) value.Member { return value.Member{Key: key, Value: v} }

// epochSeconds is a timestamp as the JSON protocols send it.
func epochSeconds(t time.Time) value.Number {
	return value.Number(strconv.FormatFloat(float64(t.UnixMilli())/1000, 'f', -1, 64))
}
