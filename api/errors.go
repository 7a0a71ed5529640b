package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"

	"github.com/stepwisehq/stepwise"
)

// Error codes only the protocol layer produces (the root package's
// ErrorCode list holds the rest).
const codeIncompleteSignature stepwise.ErrorCode = "IncompleteSignatureException"

// The namespaces AWS prefixes its error types with ("<namespace>#<Code>"):
// Step Functions' own exceptions, Coral's request validation, and Coral's
// service-level (protocol and authentication) errors.
const (
	nsStepFunctions = "com.amazonaws.swf.service.v2.model#"
	nsValidate      = "com.amazon.coral.validate#"
	nsCoral         = "com.amazon.coral.service#"
)

// coralCodes are the errors of the service framework rather than of Step
// Functions.
var coralCodes = map[stepwise.ErrorCode]bool{
	stepwise.CodeUnknownOperation:           true,
	stepwise.CodeSerialization:              true,
	stepwise.CodeInvalidSignature:           true,
	stepwise.CodeUnrecognizedClient:         true,
	stepwise.CodeMissingAuthenticationToken: true,
	stepwise.CodeInternal:                   true,
	stepwise.CodeRequestEntityTooLarge:      true,
	codeIncompleteSignature:                 true,
}

// errorType returns the __type AWS sends for code.
func errorType(code stepwise.ErrorCode) string {
	switch {
	case code == stepwise.CodeValidation:
		return nsValidate + string(code)
	case coralCodes[code]:
		return nsCoral + string(code)
	}
	return nsStepFunctions + string(code)
}

// statusOf maps an error code to its HTTP status.
func statusOf(code stepwise.ErrorCode) int {
	switch code {
	case stepwise.CodeInternal:
		return http.StatusInternalServerError
	case stepwise.CodeMissingAuthenticationToken:
		return http.StatusForbidden
	case stepwise.CodeRequestEntityTooLarge:
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusBadRequest
}

// errorBody is the JSON body of an error response.
type errorBody struct {
	Type    string `json:"__type"`
	Message string `json:"message,omitempty"`
	Reason  string `json:"reason,omitempty"`
}

// fail writes err as AWS writes an error. Errors that are not API errors
// are logged and answered with InternalFailure.
func (h *handler) fail(w http.ResponseWriter, action string, err error) {
	var apiErr *stepwise.Error
	if !errors.As(err, &apiErr) || apiErr.Code == stepwise.CodeInternal {
		h.opts.Logger.Error("api request failed", "action", action, "err", err)
		apiErr = &stepwise.Error{Code: stepwise.CodeInternal, Message: "An internal error occurred."}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(errorBody{Type: errorType(apiErr.Code), Message: apiErr.Message, Reason: apiErr.Reason})
	body := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	hdr := w.Header()
	hdr.Set("Content-Type", "application/x-amz-json-1.0")
	hdr.Set("Content-Length", strconv.Itoa(len(body)))
	hdr.Set("X-Amzn-ErrorType", string(apiErr.Code))
	w.WriteHeader(statusOf(apiErr.Code))
	_, _ = w.Write(body)
}

func errUnknownOperation() *stepwise.Error {
	return &stepwise.Error{Code: stepwise.CodeUnknownOperation}
}

func errSerialization(message string) *stepwise.Error {
	return &stepwise.Error{Code: stepwise.CodeSerialization, Message: message}
}

func errTooLarge(limit int64) *stepwise.Error {
	return &stepwise.Error{Code: stepwise.CodeRequestEntityTooLarge,
		Message: "Request size exceeded the limit of " + strconv.FormatInt(limit, 10) + " bytes."}
}
