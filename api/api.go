// Package api serves the AWS Step Functions API (the AWS JSON 1.0
// protocol) over net/http, so that the AWS CLI and every AWS SDK work
// unchanged against Stepwise:
//
//	http.ListenAndServe("127.0.0.1:8083", api.NewHandler(sw.Client(), api.Options{}))
//	aws stepfunctions --endpoint-url http://127.0.0.1:8083 list-state-machines
//
// Every request is a POST whose X-Amz-Target header names the action
// (AWSStepFunctions.<Action>) and whose body is the action's input as JSON.
// The answer is the output as JSON, or an error the way AWS sends one:
// HTTP 400 (500 for InternalFailure) with {"__type": ..., "message": ...}
// and the X-Amzn-ErrorType header. AWS's error names live only in this
// package.
package api

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/stepwisehq/stepwise"
)

// Options configures the handler.
type Options struct {
	// Credentials maps access key ids to secret access keys. When it is not
	// empty, every request must carry a valid AWS Signature Version 4 made
	// with one of them; when it is empty, any signature (or none) is
	// accepted.
	Credentials map[string]string
	// MaxRequestBytes limits a request body (default 1 MiB, as on AWS).
	MaxRequestBytes int64
	// Logger receives failures (default slog.Default()).
	Logger *slog.Logger
	// Now is the clock that signature dates are checked against (default
	// time.Now).
	Now func() time.Time
}

// targetPrefix starts every X-Amz-Target header of the service.
const targetPrefix = "AWSStepFunctions."

// operation runs one action on a request body.
type operation func(ctx context.Context, body []byte) (any, error)

// handler serves the API.
type handler struct {
	ops  map[string]operation
	opts Options
}

// NewHandler returns the http.Handler that serves c's operations.
func NewHandler(c *stepwise.Client, opts Options) http.Handler {
	if opts.MaxRequestBytes <= 0 {
		opts.MaxRequestBytes = 1 << 20
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &handler{ops: operations(c), opts: opts}
}

// registrars add the actions of one area (one file each) to a dispatch
// table.
var registrars = []func(map[string]operation, *stepwise.Client){
	addStateMachines, addVersions, addAliases, addActivities, addTags,
	addExecutions, addTasks, addMapRuns, addTestState,
}

// operations is the dispatch table: action name -> operation.
func operations(c *stepwise.Client) map[string]operation {
	ops := map[string]operation{}
	for _, add := range registrars {
		add(ops, c)
	}
	return ops
}

// Actions returns the names of the actions NewHandler serves for c.
func Actions(c *stepwise.Client) []string {
	ops := operations(c)
	names := make([]string, 0, len(ops))
	for name := range ops {
		names = append(names, name)
	}
	return names
}

// ServeHTTP answers one API request.
func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("x-amzn-RequestId", newRequestID())
	defer h.recoverPanic(w, r)
	action, ok := strings.CutPrefix(r.Header.Get("X-Amz-Target"), targetPrefix)
	op := h.ops[action]
	if r.Method != http.MethodPost || !ok || op == nil {
		h.fail(w, action, errUnknownOperation())
		return
	}
	body, err := h.readBody(w, r)
	if err != nil {
		h.fail(w, action, err)
		return
	}
	if err := h.authenticate(r, body); err != nil {
		h.fail(w, action, err)
		return
	}
	out, err := op(r.Context(), body)
	if err != nil {
		h.fail(w, action, err)
		return
	}
	h.reply(w, action, out)
}

// recoverPanic answers a request whose operation panicked with
// InternalFailure (a panic is a bug; the server keeps serving).
func (h *handler) recoverPanic(w http.ResponseWriter, r *http.Request) {
	if v := recover(); v != nil {
		h.fail(w, r.Header.Get("X-Amz-Target"), fmt.Errorf("panic: %v", v))
	}
}

// readBody reads the request body within the size limit.
func (h *handler) readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.opts.MaxRequestBytes))
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return nil, errTooLarge(h.opts.MaxRequestBytes)
	}
	if err != nil {
		return nil, errSerialization("Failed to read the request body.")
	}
	return body, nil
}

// authenticate checks the request's signature when credentials are set.
func (h *handler) authenticate(r *http.Request, body []byte) error {
	if len(h.opts.Credentials) == 0 {
		return nil
	}
	return verifySigV4(r, body, h.opts.Credentials, h.opts.Now())
}

// newRequestID returns a random request id shaped like AWS's (a UUID).
func newRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	s := hex.EncodeToString(b[:])
	return s[:8] + "-" + s[8:12] + "-" + s[12:16] + "-" + s[16:20] + "-" + s[20:]
}
