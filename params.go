package stepwise

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
)

// Request validation against the API model's constraints (lengths, ranges,
// enums, patterns), reported the way AWS reports them: one
// ValidationException whose message lists every violation, e.g.
//
//	1 validation error detected: Value '1001' at 'maxResults' failed to
//	satisfy constraint: Member must have value less than or equal to 1000

// violations collects constraint violations of one request.
type violations struct {
	list []string
}

// add records that the member at path, whose value is shown as shown
// ("'x'", "null" or "" for a sensitive member), breaks constraint.
func (v *violations) add(shown, path, constraint string) {
	value := "Value " + shown + " at"
	if shown == "" {
		value = "Value at"
	}
	v.list = append(v.list, value+" '"+path+"' failed to satisfy constraint: "+constraint)
}

// err returns the ValidationException for the violations, or nil.
func (v *violations) err() error {
	switch len(v.list) {
	case 0:
		return nil
	case 1:
		return errorf(CodeValidation, "1 validation error detected: %s", v.list[0])
	}
	return errorf(CodeValidation, "%d validation errors detected: %s", len(v.list), strings.Join(v.list, "; "))
}

// quote shows a string value, or nothing for a sensitive member.
func quote(s string, sensitive bool) string {
	if sensitive {
		return ""
	}
	return "'" + s + "'"
}

// required records a required string member that is absent.
func (v *violations) required(path, s string) bool {
	if s == "" {
		v.add("null", path, "Member must not be null")
		return false
	}
	return true
}

// length checks a string's length (in UTF-16 units, as AWS counts) against
// min and max (max < 0: no maximum).
func (v *violations) length(path, s string, min, max int, sensitive bool) {
	n := utf16Len(s)
	switch {
	case n < min:
		v.add(quote(s, sensitive), path, fmt.Sprintf("Member must have length greater than or equal to %d", min))
	case max >= 0 && n > max:
		v.add(quote(s, sensitive), path, fmt.Sprintf("Member must have length less than or equal to %d", max))
	}
}

// str checks a required (min > 0) or optional string member's length; an
// optional member is checked only when present (non-empty).
func (v *violations) str(path, s string, min, max int, sensitive bool) {
	if min > 0 && !v.required(path, s) {
		return
	}
	if s != "" {
		v.length(path, s, min, max, sensitive)
	}
}

// optStr checks an optional string member that may be present and empty.
func (v *violations) optStr(path string, s *string, min, max int, sensitive bool) {
	if s != nil {
		v.length(path, *s, min, max, sensitive)
	}
}

// intRange checks an integer member against min and max.
func (v *violations) intRange(path string, n, min, max int) {
	switch {
	case n < min:
		v.add("'"+strconv.Itoa(n)+"'", path, fmt.Sprintf("Member must have value greater than or equal to %d", min))
	case n > max:
		v.add("'"+strconv.Itoa(n)+"'", path, fmt.Sprintf("Member must have value less than or equal to %d", max))
	}
}

// enum checks an optional enum member; set lists the values in the order
// AWS prints them.
func (v *violations) enum(path, s string, set ...string) {
	if s == "" {
		return
	}
	for _, e := range set {
		if s == e {
			return
		}
	}
	v.add("'"+s+"'", path, "Member must satisfy enum value set: ["+strings.Join(set, ", ")+"]")
}

// pattern records a string that does not match AWS's regular expression.
func (v *violations) pattern(path, s, re string) {
	v.add("'"+s+"'", path, "Member must satisfy regular expression pattern: "+re)
}

// checkRequired validates a request whose one constrained member is a
// required string.
func checkRequired(path, s string, max int) error {
	var v violations
	v.str(path, s, 1, max, false)
	return v.err()
}

// page checks the maxResults and nextToken members of a List action.
func (v *violations) page(maxResults int, nextToken string, tokenMax int) {
	v.intRange("maxResults", maxResults, 0, 1000)
	if nextToken != "" {
		v.length("nextToken", nextToken, 1, tokenMax, false)
	}
}

// The constraints of the API model's shared shapes.
const (
	maxArn        = 256
	maxLongArn    = 2000
	maxName       = 80
	maxDefinition = 1048576
	maxDescr      = 256
	maxPageToken  = 1024
	maxTagKey     = 128
	maxTagValue   = 256
)

// The enums, in the order AWS lists them in its messages.
var (
	enumStateMachineType = []string{"STANDARD", "EXPRESS"}
	enumLogLevel         = []string{"ALL", "ERROR", "FATAL", "OFF"}
	enumEncryptionType   = []string{"AWS_OWNED_KEY", "CUSTOMER_MANAGED_KMS_KEY"}
	enumIncludedData     = []string{"ALL_DATA", "METADATA_ONLY"}
	enumSeverity         = []string{"ERROR", "WARNING"}
)

// tags checks a tag list (members 1-based, as AWS numbers them).
func (v *violations) tags(path string, tags []Tag) {
	for i, t := range tags {
		p := path + "." + strconv.Itoa(i+1) + ".member."
		v.str(p+"key", t.Key, 1, maxTagKey, false)
		v.length(p+"value", t.Value, 0, maxTagValue, false)
	}
}

// logging checks a logging configuration's members.
func (v *violations) logging(lc *LoggingConfiguration) {
	if lc == nil {
		return
	}
	v.enum("loggingConfiguration.level", string(lc.Level), enumLogLevel...)
	for i, d := range lc.Destinations {
		if d.CloudWatchLogsLogGroup != nil && d.CloudWatchLogsLogGroup.LogGroupArn != "" {
			p := "loggingConfiguration.destinations." + strconv.Itoa(i+1) + ".member.cloudWatchLogsLogGroup.logGroupArn"
			v.length(p, d.CloudWatchLogsLogGroup.LogGroupArn, 1, maxArn, false)
		}
	}
}

// encryption checks an encryption configuration's members.
func (v *violations) encryption(ec *EncryptionConfiguration) {
	if ec == nil {
		return
	}
	if v.required("encryptionConfiguration.type", string(ec.Type)) {
		v.enum("encryptionConfiguration.type", string(ec.Type), enumEncryptionType...)
	}
	if ec.KmsKeyId != "" {
		v.length("encryptionConfiguration.kmsKeyId", ec.KmsKeyId, 1, 2048, false)
	}
	if p := ec.KmsDataKeyReusePeriodSeconds; p != nil {
		v.intRange("encryptionConfiguration.kmsDataKeyReusePeriodSeconds", *p, 60, 900)
	}
}

// utf16Len is the length of s in UTF-16 code units (Java's String.length).
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// Pagination tokens: opaque to clients, they carry the key of the last item
// of the previous page.

const tokenPrefix = "sw1|"

// encodeToken returns the nextToken that continues a list after key.
func encodeToken(key string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(tokenPrefix + key))
}

// decodeToken returns the key a nextToken continues after ("" for no
// token), or AWS's InvalidToken error.
func decodeToken(token string) (string, error) {
	if token == "" {
		return "", nil
	}
	b, err := base64.RawURLEncoding.Strict().DecodeString(token)
	key, ok := strings.CutPrefix(string(b), tokenPrefix)
	if err != nil || !ok || key == "" || encodeToken(key) != token {
		return "", errorf(CodeInvalidToken, "Invalid Token: 'Invalid token'")
	}
	return key, nil
}

// pageSize is the number of items a List action returns for maxResults.
func pageSize(maxResults int) int {
	if maxResults <= 0 {
		return 100
	}
	return maxResults
}
