package resource

import (
	"strconv"
	"strings"
)

// Pattern is a service integration pattern: how the Task state waits for its
// resource.
type Pattern uint8

// The integration patterns, named by their Resource suffix.
const (
	RequestResponse  Pattern = iota // no suffix: call the API and go on
	WaitForTaskToken                // .waitForTaskToken: wait for SendTaskSuccess/Failure
	Sync                            // .sync: run a job and wait for it
	Sync2                           // .sync:2: .sync with the parsed JSON output
)

var patternNames = [...]string{"RequestResponse", "WaitForTaskToken", "Sync", "Sync2"}

var patternSuffixes = [...]string{"", ".waitForTaskToken", ".sync", ".sync:2"}

func (p Pattern) String() string {
	if int(p) < len(patternNames) {
		return patternNames[p]
	}
	return "Pattern(" + strconv.Itoa(int(p)) + ")"
}

// Suffix returns the Resource suffix that selects p: "", ".waitForTaskToken",
// ".sync" or ".sync:2".
func (p Pattern) Suffix() string {
	if int(p) < len(patternSuffixes) {
		return patternSuffixes[p]
	}
	return ""
}

// Target describes a Task state's resource the way AWS names it in history.
//
//	arn:aws:states:::lambda:invoke                  ResourceType "lambda", Resource "invoke"
//	arn:aws:states:::sqs:sendMessage.waitForTaskToken
//	                                                ResourceType "sqs", Resource "sendMessage.waitForTaskToken", Pattern WaitForTaskToken
//	arn:aws:states:::states:startExecution.sync:2   ResourceType "states", Resource "startExecution.sync:2", Pattern Sync2
//	arn:aws:states:::aws-sdk:s3:getObject           ResourceType "aws-sdk:s3", Resource "getObject"
//	arn:aws:lambda:REGION:ACCT:function:NAME[:Q]    ResourceType "lambda", Resource the ARN, Legacy
//	arn:aws:states:REGION:ACCT:activity:NAME        ResourceType "activity", Resource the ARN, Activity
//
// Resource keeps the pattern suffix, as the resource field of TaskScheduled,
// TaskStarted, TaskSubmitted, TaskSucceeded and TaskFailed events does.
type Target struct {
	ResourceType string
	Resource     string
	Pattern      Pattern
	Legacy       bool // a Lambda function ARN: LambdaFunctionScheduled/Started/Succeeded/Failed events
	Activity     bool // an activity ARN: ActivityScheduled/Started/Succeeded/Failed events
}

// Action returns the integration's API action without the pattern suffix
// ("invoke" for lambda:invoke.waitForTaskToken). For a Lambda function or
// activity ARN it returns the ARN.
func (t Target) Action() string {
	return strings.TrimSuffix(t.Resource, t.Pattern.Suffix())
}

// ARNError reports a Resource that is not a task resource ARN. Its message is
// AWS's; the definition validator adds " at /States/NAME/Resource".
type ARNError struct {
	ARN string
	// Unrecognized is set when the ARN is well formed but names no
	// integration pattern AWS knows.
	Unrecognized bool
}

func (e *ARNError) Error() string {
	if e.Unrecognized {
		return NotRecognizedMessage(e.ARN)
	}
	return "Value is not a valid resource ARN"
}

// NotRecognizedMessage is AWS's message for a well-formed resource ARN that
// names no integration it supports.
func NotRecognizedMessage(arn string) string {
	return "The resource provided " + arn + " is not recognized. " +
		"The value is not a valid resource ARN, or the resource is not available in this region."
}

// ParseTarget reads a Task state's Resource. The strings of the Target share
// memory with arn; ParseTarget does not allocate on success.
func ParseTarget(arn string) (Target, error) {
	f, ok := splitARN(arn)
	if !ok || !validPartition(f.partition) {
		return Target{}, &ARNError{ARN: arn}
	}
	switch {
	case f.service == "states" && f.region == "" && f.account == "":
		return parseIntegration(arn, f.rest)
	case f.service == "states":
		return parseActivity(arn, f)
	case f.service == "lambda":
		return parseFunction(arn, f)
	}
	return Target{}, &ARNError{ARN: arn}
}

// arnFields are the colon-separated fields of an ARN; rest may hold colons.
type arnFields struct {
	partition, service, region, account, rest string
}

func splitARN(arn string) (arnFields, bool) {
	var f arnFields
	rest, ok := strings.CutPrefix(arn, "arn:")
	if !ok {
		return f, false
	}
	fields := [4]*string{&f.partition, &f.service, &f.region, &f.account}
	for _, dst := range fields {
		if *dst, rest, ok = strings.Cut(rest, ":"); !ok {
			return f, false
		}
	}
	f.rest = rest
	return f, true
}

func validPartition(p string) bool {
	rest, ok := strings.CutPrefix(p, "aws")
	if !ok {
		return false
	}
	return rest == "" || (rest[0] == '-' && len(rest) > 1 && allBytes(rest, isLowerOrDash))
}

func parseIntegration(arn, rest string) (Target, error) {
	typ, resource, ok := cutIntegration(rest)
	if !ok {
		return Target{}, &ARNError{ARN: arn}
	}
	action, suffix := resource, ""
	if i := strings.IndexByte(resource, '.'); i >= 0 {
		action, suffix = resource[:i], resource[i:]
	}
	if action == "" || !allBytes(action, isAlnum) {
		return Target{}, &ARNError{ARN: arn}
	}
	p, known := patternOf(suffix)
	if !known {
		return Target{}, &ARNError{ARN: arn, Unrecognized: true}
	}
	return Target{ResourceType: typ, Resource: resource, Pattern: p}, nil
}

// cutIntegration splits "lambda:invoke" or "aws-sdk:s3:getObject" into the
// resource type and the resource.
func cutIntegration(rest string) (typ, resource string, ok bool) {
	const sdk = "aws-sdk:"
	skip := 0
	if strings.HasPrefix(rest, sdk) {
		skip = len(sdk)
	}
	svc, resource, ok := strings.Cut(rest[skip:], ":")
	if !ok || svc == "" || !allBytes(svc, isServiceByte) {
		return "", "", false
	}
	return rest[:skip+len(svc)], resource, true
}

func patternOf(suffix string) (Pattern, bool) {
	for i, s := range patternSuffixes {
		if s == suffix {
			return Pattern(i), true
		}
	}
	return 0, false
}

func parseActivity(arn string, f arnFields) (Target, error) {
	name, ok := strings.CutPrefix(f.rest, "activity:")
	if !ok || !validRegionAccount(f) || !validName(name, 80) {
		return Target{}, &ARNError{ARN: arn}
	}
	return Target{ResourceType: "activity", Resource: arn, Activity: true}, nil
}

func parseFunction(arn string, f arnFields) (Target, error) {
	nameQ, ok := strings.CutPrefix(f.rest, "function:")
	if !ok || !validRegionAccount(f) {
		return Target{}, &ARNError{ARN: arn}
	}
	name, qualifier, hasQ := strings.Cut(nameQ, ":")
	if !validName(name, 64) || (hasQ && !validQualifier(qualifier)) {
		return Target{}, &ARNError{ARN: arn}
	}
	return Target{ResourceType: "lambda", Resource: arn, Legacy: true}, nil
}

func validRegionAccount(f arnFields) bool {
	return f.region != "" && f.account != "" &&
		allBytes(f.region, isLowerOrDigitOrDash) && allBytes(f.account, isAlnumOrDash)
}

func validName(s string, max int) bool {
	return s != "" && len(s) <= max && allBytes(s, isNameByte)
}

func validQualifier(s string) bool {
	return s != "" && len(s) <= 128 && allBytes(s, func(c byte) bool { return isNameByte(c) || c == '$' })
}

func allBytes(s string, ok func(byte) bool) bool {
	for i := 0; i < len(s); i++ {
		if !ok(s[i]) {
			return false
		}
	}
	return true
}

func isLower(c byte) bool { return c >= 'a' && c <= 'z' }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isAlnum(c byte) bool { return isLower(c) || isDigit(c) || (c >= 'A' && c <= 'Z') }

func isLowerOrDash(c byte) bool { return isLower(c) || c == '-' }

func isLowerOrDigitOrDash(c byte) bool { return isLower(c) || isDigit(c) || c == '-' }

func isAlnumOrDash(c byte) bool { return isAlnum(c) || c == '-' }

func isServiceByte(c byte) bool { return isLowerOrDigitOrDash(c) }

func isNameByte(c byte) bool { return isAlnum(c) || c == '-' || c == '_' }
