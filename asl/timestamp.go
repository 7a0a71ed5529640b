package asl

import (
	"errors"
	"time"
)

var errTimestamp = errors.New("not an ISO-8601 extended offset date-time")

// ParseTimestamp reads a timestamp the way Step Functions does: an RFC 3339
// date-time with a time zone offset ("Z" or ±hh:mm) and an optional
// fraction of up to nine digits.
func ParseTimestamp(s string) (time.Time, error) {
	if len(s) < 20 || s[10] != 'T' && s[10] != 't' {
		return time.Time{}, errTimestamp
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, errTimestamp
	}
	return t, nil
}
