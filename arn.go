package stepwise

import (
	"strconv"
	"strings"
	"unicode"
)

// ARNs of Step Functions resources:
//
//	arn:aws:states:<region>:<account>:stateMachine:<name>[:<version>|:<alias>]
//	arn:aws:states:<region>:<account>:activity:<name>
//	arn:aws:states:<region>:<account>:execution:<machine>:<name>
//	arn:aws:states:<region>:<account>:express:<machine>:<name>:<id>
//	arn:aws:states:<region>:<account>:mapRun:<machine>/<label>:<id>

// resourceType is the resource-type part of an ARN.
type resourceType string

// The resource types of Step Functions ARNs.
const (
	typeStateMachine resourceType = "stateMachine"
	typeActivity     resourceType = "activity"
	typeExecution    resourceType = "execution"
	typeExpress      resourceType = "express"
	typeMapRun       resourceType = "mapRun"
)

// parsedARN is a Step Functions ARN split into its parts.
type parsedARN struct {
	Partition string
	Region    string
	Account   string
	Type      resourceType
	// Name is the part after the resource type: a state machine's or an
	// activity's name, or the state machine of an execution.
	Name string
	// Rest holds the colon-separated parts after Name (a version number or
	// alias name for a state machine; an execution's name).
	Rest []string
}

// Qualifier is a state machine ARN's version number or alias name ("" for
// an unqualified ARN).
func (a parsedARN) Qualifier() string {
	if len(a.Rest) == 0 {
		return ""
	}
	return a.Rest[0]
}

// Version is the version number of a version ARN, or 0.
func (a parsedARN) Version() int {
	n, err := strconv.Atoi(a.Qualifier())
	if err != nil || n <= 0 || !isDigits(a.Qualifier()) {
		return 0
	}
	return n
}

// Base is the unqualified ARN of the resource (a state machine ARN without
// its version or alias).
func (a parsedARN) Base() string {
	return "arn:" + a.Partition + ":states:" + a.Region + ":" + a.Account + ":" +
		string(a.Type) + ":" + a.Name
}

// errInvalidArn returns AWS's InvalidArn error quoting reason.
func errInvalidArn(reason string) *Error {
	return errorf(CodeInvalidArn, "Invalid Arn: '%s'", reason)
}

// parseARN splits a Step Functions ARN, with AWS's InvalidArn messages for
// malformed ones.
func parseARN(s string) (parsedARN, error) {
	if !strings.HasPrefix(s, "arn:") {
		return parsedARN{}, errInvalidArn("Invalid ARN prefix: " + s)
	}
	parts := strings.Split(s, ":")
	if len(parts) < 7 || parts[1] == "" || parts[2] != "states" || parts[6] == "" {
		return parsedARN{}, errInvalidArn("Invalid ARN: " + s)
	}
	a := parsedARN{
		Partition: parts[1], Region: parts[3], Account: parts[4],
		Type: resourceType(parts[5]), Name: parts[6], Rest: parts[7:],
	}
	return a, nil
}

// parseTypedARN parses s and checks its resource type.
func parseTypedARN(s string, want ...resourceType) (parsedARN, error) {
	a, err := parseARN(s)
	if err != nil {
		return a, err
	}
	for _, t := range want {
		if a.Type == t {
			return a, nil
		}
	}
	return a, errInvalidArn("Resource type not valid in this context: " + string(a.Type))
}

// parseStateMachineARN parses the ARN of a state machine, version or alias.
func parseStateMachineARN(s string) (parsedARN, error) {
	a, err := parseTypedARN(s, typeStateMachine)
	if err == nil && len(a.Rest) > 1 {
		err = errInvalidArn("Invalid ARN: " + s)
	}
	return a, err
}

// parseActivityARN parses the ARN of an activity.
func parseActivityARN(s string) (parsedARN, error) {
	a, err := parseTypedARN(s, typeActivity)
	if err == nil && len(a.Rest) > 0 {
		err = errInvalidArn("Invalid ARN: " + s)
	}
	return a, err
}

// arnPrefix is "arn:aws:states:<region>:<account>:" for this Stepwise.
func (c *Client) arnPrefix() string {
	cfg := &c.sw.cfg
	return "arn:" + partitionOf(cfg.Region) + ":states:" + cfg.Region + ":" + cfg.Account + ":"
}

// stateMachineARN returns the ARN of the state machine called name.
func (c *Client) stateMachineARN(name string) string {
	return c.arnPrefix() + string(typeStateMachine) + ":" + name
}

// activityARN returns the ARN of the activity called name.
func (c *Client) activityARN(name string) string {
	return c.arnPrefix() + string(typeActivity) + ":" + name
}

// partitionOf returns the AWS partition of a region.
func partitionOf(region string) string {
	if strings.HasPrefix(region, "cn-") {
		return "aws-cn"
	}
	if strings.HasPrefix(region, "us-gov-") {
		return "aws-us-gov"
	}
	return "aws"
}

// validName reports whether s is a valid name of a state machine, activity
// or execution: AWS rejects white space, brackets, wildcards, the special
// characters " # % \ ^ | ~ ` $ & , ; : / and control characters.
func validName(s string) bool {
	for _, r := range s {
		if invalidNameRune(r) {
			return false
		}
	}
	return s != ""
}

func invalidNameRune(r rune) bool {
	if r <= 0x20 || r >= 0x7f && r <= 0x9f || r == 0xfeff || unicode.IsSpace(r) {
		return true
	}
	return strings.ContainsRune("<>{}[]?*\"#%\\^|~`$&,;:/", r)
}

// checkName returns AWS's InvalidName error for an invalid name.
func checkName(name string) error {
	if !validName(name) {
		return errorf(CodeInvalidName, "Invalid Name: '%s'", name)
	}
	return nil
}

// validAliasName reports whether s matches AWS's alias name pattern
// ^(?=.*[a-zA-Z_\-\.])[a-zA-Z0-9_\-\.]+$.
func validAliasName(s string) bool {
	letter := false
	for i := 0; i < len(s); i++ {
		switch b := s[i]; {
		case b >= '0' && b <= '9':
		case b >= 'a' && b <= 'z', b >= 'A' && b <= 'Z', b == '_', b == '-', b == '.':
			letter = true
		default:
			return false
		}
	}
	return letter
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
