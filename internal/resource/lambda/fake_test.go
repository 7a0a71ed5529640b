package lambda

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeLambda is a loopback server speaking Lambda's Invoke REST API
// (POST /2015-03-31/functions/{name}/invocations). It answers as the fake
// Lambda of ../shared/conformance/sfn_conformance.py does: a function named
// sfnconf_<handler> (in any ARN form, with any qualifier) runs that handler;
// any other name is a 404 ResourceNotFoundException.
type fakeLambda struct {
	server *httptest.Server

	mu       sync.Mutex
	requests []fakeRequest
}

// fakeRequest is what the fake received.
type fakeRequest struct {
	Function string // path parameter, unescaped
	Query    url.Values
	Header   http.Header
	Body     []byte
}

// fakeAnswer is a handler's answer: status, body and X-Amz-Function-Error.
type fakeAnswer struct {
	status    int
	body      string
	funcError string
	errorType string // x-amzn-ErrorType for service errors
}

type fakeHandler func(r *http.Request, event any, raw []byte) fakeAnswer

// pyErrorPayload is the error payload of the Python runtime, as json.dumps
// writes it (", " and ": " separators).
func pyErrorPayload(errorType, message string, line int, code string) string {
	trace := fmt.Sprintf("  File \"/var/task/handler.py\", line %d, in handler\n    %s\n", line, code)
	return fmt.Sprintf(`{"errorMessage": %s, "errorType": %s, "requestId": %s, "stackTrace": [%s]}`,
		pyJSON(message), pyJSON(errorType), pyJSON(newID()), pyJSON(trace))
}

// pyJSON encodes a string as Python's json.dumps does (ASCII only).
func pyJSON(s string) string {
	b, _ := json.Marshal(s)
	return strings.NewReplacer(`\u003c`, "<", `\u003e`, ">", `\u0026`, "&").Replace(string(b))
}

var fakeHandlers = map[string]fakeHandler{
	"id_function": func(_ *http.Request, _ any, raw []byte) fakeAnswer {
		if len(strings.TrimSpace(string(raw))) == 0 {
			return fakeAnswer{status: 200, body: "{}"}
		}
		return fakeAnswer{status: 200, body: string(raw)}
	},
	"echo_function": func(*http.Request, any, []byte) fakeAnswer {
		return fakeAnswer{status: 200, body: `{"Return": "HelloWorld"}`}
	},
	"raise_exception": func(*http.Request, any, []byte) fakeAnswer {
		return fakeAnswer{status: 200, funcError: "Unhandled",
			body: pyErrorPayload("Exception", "Some exception was raised.", 2, `raise Exception("Some exception was raised.")`)}
	},
	"raise_custom_exception": func(*http.Request, any, []byte) fakeAnswer {
		return fakeAnswer{status: 200, funcError: "Unhandled",
			body: pyErrorPayload("CustomException", "", 9, "raise CustomException()")}
	},
	"return_bytes_str": func(*http.Request, any, []byte) fakeAnswer {
		return fakeAnswer{status: 200, body: `"HelloWorld!"`}
	},
	"large_output_string": func(*http.Request, any, []byte) fakeAnswer {
		return fakeAnswer{status: 200, body: strings.Repeat("a", 257*1024)}
	},
	"wait_60_seconds": func(r *http.Request, _ any, raw []byte) fakeAnswer {
		select {
		case <-r.Context().Done():
		case <-time.After(60 * time.Second):
		}
		return fakeAnswer{status: 200, body: string(raw)}
	},
	// Answers beyond the Python fake, for error paths.
	"timeout_error": func(*http.Request, any, []byte) fakeAnswer { // what Lambda answers when a function times out
		return fakeAnswer{status: 200, funcError: "Unhandled",
			body: `{"errorMessage":"2024-11-26T00:36:39.604Z 5b1c368c Task timed out after 3.00 seconds"}`}
	},
	"garbled_error": func(*http.Request, any, []byte) fakeAnswer {
		return fakeAnswer{status: 200, funcError: "Handled", body: "not json"}
	},
	"plain_text": func(*http.Request, any, []byte) fakeAnswer {
		return fakeAnswer{status: 200, body: "plain text"}
	},
	"empty": func(*http.Request, any, []byte) fakeAnswer { return fakeAnswer{status: 200, body: ""} },
	"throttled": func(*http.Request, any, []byte) fakeAnswer {
		return fakeAnswer{status: 429, errorType: "TooManyRequestsException",
			body: `{"Reason":"ReservedFunctionConcurrentInvocationLimitExceeded","Type":"User","message":"Rate Exceeded."}`}
	},
	"service_error": func(*http.Request, any, []byte) fakeAnswer {
		return fakeAnswer{status: 500, errorType: "ServiceException", body: `{"Type":"Service","message":"Internal error"}`}
	},
	"unmodelled_error": func(*http.Request, any, []byte) fakeAnswer {
		return fakeAnswer{status: 400, errorType: "ValidationException", body: `{"message":"1 validation error detected"}`}
	},
	"wordless_error": func(*http.Request, any, []byte) fakeAnswer {
		return fakeAnswer{status: 502, body: `<html>Bad Gateway</html>`}
	},
}

const fakePrefix = "sfnconf_"

func newFakeLambda(t testing.TB) *fakeLambda {
	t.Helper()
	f := &fakeLambda{}
	f.server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.server.Close)
	return f
}

func (f *fakeLambda) URL() string { return f.server.URL }

func (f *fakeLambda) received() []fakeRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]fakeRequest(nil), f.requests...)
}

var invocationPath = regexp.MustCompile(`^/2015-03-31/functions/([^/]+)/invocations$`)

func (f *fakeLambda) serve(w http.ResponseWriter, r *http.Request) {
	raw, _ := io.ReadAll(r.Body)
	m := invocationPath.FindStringSubmatch(r.URL.EscapedPath())
	if r.Method != http.MethodPost || m == nil {
		writeFake(w, fakeAnswer{status: 404, body: `{"message":"Unknown operation"}`})
		return
	}
	name, _ := url.PathUnescape(m[1])
	f.mu.Lock()
	f.requests = append(f.requests, fakeRequest{Function: name, Query: r.URL.Query(), Header: r.Header.Clone(), Body: raw})
	f.mu.Unlock()
	handler, short := handlerFor(name)
	if handler == nil {
		arn := "arn:aws:lambda:us-east-1:000000000000:function:" + short
		writeFake(w, fakeAnswer{status: 404, errorType: "ResourceNotFoundException",
			body: `{"Type": "User", "message": "Function not found: ` + arn + `"}`})
		return
	}
	var event any
	if len(strings.TrimSpace(string(raw))) > 0 && json.Unmarshal(raw, &event) != nil {
		writeFake(w, fakeAnswer{status: 400, errorType: "InvalidRequestContentException",
			body: `{"Type": "User", "message": "Could not parse request body into json"}`})
		return
	}
	answer := handler(r, event, raw)
	if r.Header.Get("X-Amz-Invocation-Type") == "Event" && answer.status == 200 {
		answer = fakeAnswer{status: 202}
	}
	writeFake(w, answer, logHeader(r))
}

// handlerFor maps a FunctionName (name, partial or full ARN, qualifier) to
// a handler, as the Python fake's handler_for_function does.
func handlerFor(function string) (fakeHandler, string) {
	name := function
	if _, after, ok := strings.Cut(name, ":function:"); ok {
		name = after
	} else if head, after, ok := strings.Cut(name, ":"); ok && !strings.HasPrefix(name, "arn:") && isDigits(head) {
		name = after
	}
	name, _, _ = strings.Cut(name, ":")
	if short, ok := strings.CutPrefix(name, fakePrefix); ok {
		return fakeHandlers[short], name
	}
	return nil, name
}

func isDigits(s string) bool {
	_, err := strconv.ParseUint(s, 10, 64)
	return err == nil
}

func logHeader(r *http.Request) map[string]string {
	if r.Header.Get("X-Amz-Log-Type") != "Tail" {
		return nil
	}
	return map[string]string{"X-Amz-Log-Result": "U1RBUlQgUmVxdWVzdElkOiBmYWtlCg=="}
}

// writeFake writes an answer with the headers Lambda sends, spelled as
// Lambda spells them (the map is written to directly to keep the case).
func writeFake(w http.ResponseWriter, a fakeAnswer, extra ...map[string]string) {
	h := w.Header()
	set := func(k, v string) { h[k] = []string{v} }
	set("Content-Type", "application/json")
	set("x-amzn-RequestId", newID())
	if a.errorType != "" {
		set("x-amzn-ErrorType", a.errorType)
	} else if a.status < 300 {
		if a.status == 200 {
			set("X-Amz-Executed-Version", "$LATEST")
			set("x-amzn-Remapped-Content-Length", "0")
		}
		set("Connection", "keep-alive")
		set("X-Amzn-Trace-Id", "root=1-"+newID()[:8]+"-"+newID()[:24]+";sampled=0")
	}
	if a.funcError != "" {
		set("X-Amz-Function-Error", a.funcError)
	}
	for _, m := range extra {
		for k, v := range m {
			set(k, v)
		}
	}
	set("Content-Length", strconv.Itoa(len(a.body)))
	w.WriteHeader(a.status)
	_, _ = io.WriteString(w, a.body)
}

func newID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
