package stepwise

import (
	"errors"
	"fmt"
)

// ErrorCode names an API error the way AWS Step Functions names its
// exceptions; the api package maps each to its HTTP status.
type ErrorCode string

// The API error codes.
const (
	CodeActivityDoesNotExist          ErrorCode = "ActivityDoesNotExist"
	CodeActivityAlreadyExists         ErrorCode = "ActivityAlreadyExists"
	CodeActivityLimitExceeded         ErrorCode = "ActivityLimitExceeded"
	CodeConflict                      ErrorCode = "ConflictException"
	CodeExecutionAlreadyExists        ErrorCode = "ExecutionAlreadyExists"
	CodeExecutionDoesNotExist         ErrorCode = "ExecutionDoesNotExist"
	CodeExecutionLimitExceeded        ErrorCode = "ExecutionLimitExceeded"
	CodeExecutionNotRedrivable        ErrorCode = "ExecutionNotRedrivable"
	CodeInvalidArn                    ErrorCode = "InvalidArn"
	CodeInvalidDefinition             ErrorCode = "InvalidDefinition"
	CodeInvalidExecutionInput         ErrorCode = "InvalidExecutionInput"
	CodeInvalidLoggingConfiguration   ErrorCode = "InvalidLoggingConfiguration"
	CodeInvalidName                   ErrorCode = "InvalidName"
	CodeInvalidOutput                 ErrorCode = "InvalidOutput"
	CodeInvalidToken                  ErrorCode = "InvalidToken"
	CodeInvalidTracingConfiguration   ErrorCode = "InvalidTracingConfiguration"
	CodeMissingRequiredParameter      ErrorCode = "MissingRequiredParameter"
	CodeResourceNotFound              ErrorCode = "ResourceNotFound"
	CodeServiceQuotaExceeded          ErrorCode = "ServiceQuotaExceededException"
	CodeStateMachineAlreadyExists     ErrorCode = "StateMachineAlreadyExists"
	CodeStateMachineDeleting          ErrorCode = "StateMachineDeleting"
	CodeStateMachineDoesNotExist      ErrorCode = "StateMachineDoesNotExist"
	CodeStateMachineLimitExceeded     ErrorCode = "StateMachineLimitExceeded"
	CodeStateMachineTypeNotSupported  ErrorCode = "StateMachineTypeNotSupported"
	CodeTaskDoesNotExist              ErrorCode = "TaskDoesNotExist"
	CodeTaskTimedOut                  ErrorCode = "TaskTimedOut"
	CodeTooManyTags                   ErrorCode = "TooManyTags"
	CodeValidation                    ErrorCode = "ValidationException"
	CodeUnknownOperation              ErrorCode = "UnknownOperationException"
	CodeSerialization                 ErrorCode = "SerializationException"
	CodeInvalidSignature              ErrorCode = "InvalidSignatureException"
	CodeUnrecognizedClient            ErrorCode = "UnrecognizedClientException"
	CodeMissingAuthenticationToken    ErrorCode = "MissingAuthenticationTokenException"
	CodeInternal                      ErrorCode = "InternalFailure"
	CodeKmsAccessDenied               ErrorCode = "KmsAccessDeniedException"
	CodeRequestEntityTooLarge         ErrorCode = "RequestEntityTooLarge"
	CodeInvalidEncryptionConfguration ErrorCode = "InvalidEncryptionConfiguration"
)

// Error is an API error: a code and AWS's message.
type Error struct {
	Code    ErrorCode
	Message string
	// Reason is set for ValidationException (e.g. CANNOT_UPDATE_COMPLETED_MAP_RUN).
	Reason string
}

func (e *Error) Error() string {
	if e.Message == "" {
		return string(e.Code)
	}
	return string(e.Code) + ": " + e.Message
}

// Is lets errors.Is match an *Error by code: errors.Is(err, &Error{Code: c}).
func (e *Error) Is(target error) bool {
	var t *Error
	return errors.As(target, &t) && t.Code == e.Code && (t.Message == "" || t.Message == e.Message)
}

// errorf returns an *Error with a formatted message.
func errorf(code ErrorCode, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCodeOf returns the code of an API error, or CodeInternal.
func ErrorCodeOf(err error) ErrorCode {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}
