package lambda

import (
	"net/http"
	"slices"
	"strings"
	"unicode"
	"unicode/utf16"
)

// header is one response header with its values, named as the wire had it.
type header struct {
	name   string
	values []string
	rank   int // where Lambda sends it; the order of arrival
	bucket int // scratch for javaHashMapOrder
}

// wireHeaders are the headers Lambda's Invoke answers with, spelled as AWS
// spells them and in the order it sends them. Go's HTTP client hands header
// names over canonicalised ("X-Amzn-Requestid"); this table restores them.
var wireHeaders = []string{
	"Date",
	"Content-Type",
	"Content-Length",
	"Connection",
	"x-amzn-RequestId",
	"x-amzn-ErrorType",
	"X-Amz-Function-Error",
	"x-amzn-Remapped-Content-Length",
	"X-Amz-Executed-Version",
	"X-Amz-Log-Result",
	"X-Amzn-Trace-Id",
}

var wireRank = func() map[string]int {
	m := make(map[string]int, len(wireHeaders))
	for i, name := range wireHeaders {
		m[http.CanonicalHeaderKey(name)] = i
	}
	return m
}()

// headersOf lists a response's headers in their estimated order of arrival:
// Lambda's own in the order it sends them, then any others by name.
func headersOf(h http.Header) []header {
	hs := make([]header, 0, len(h))
	for key, values := range h {
		if len(values) == 0 {
			continue
		}
		rank, known := wireRank[key]
		name := key
		if known {
			name = wireHeaders[rank]
		} else {
			rank = len(wireHeaders)
		}
		hs = append(hs, header{name: name, values: values, rank: rank})
	}
	slices.SortFunc(hs, func(a, b header) int {
		if a.rank != b.rank {
			return a.rank - b.rank
		}
		return strings.Compare(a.name, b.name)
	})
	return hs
}

// javaHashMapOrder returns hs (in order of arrival) in the order a
// java.util.HashMap filled with them in that order iterates: by bucket of
// the spread String.hashCode, then by insertion within a bucket.
func javaHashMapOrder(hs []header) []header {
	size := 16
	for len(hs) > size*3/4 {
		size *= 2
	}
	out := slices.Clone(hs)
	for i := range out {
		out[i].bucket = javaBucket(out[i].name, size)
	}
	slices.SortStableFunc(out, func(a, b header) int { return a.bucket - b.bucket })
	return out
}

func javaBucket(s string, size int) int {
	h := javaStringHash(s)
	return int((h ^ h>>16) & uint32(size-1))
}

// javaStringHash is java.lang.String#hashCode over UTF-16 code units.
func javaStringHash(s string) uint32 {
	var h uint32
	for _, r := range s {
		if r < 0x10000 {
			h = 31*h + uint32(r)
			continue
		}
		hi, lo := utf16.EncodeRune(r)
		h = 31*(31*h+uint32(hi)) + uint32(lo)
	}
	return h
}

// caseInsensitiveOrder returns hs sorted as a java.util.TreeMap with
// String.CASE_INSENSITIVE_ORDER keeps them.
func caseInsensitiveOrder(hs []header) []header {
	out := slices.Clone(hs)
	slices.SortStableFunc(out, func(a, b header) int {
		return compareFold(a.name, b.name)
	})
	return out
}

// compareFold compares strings as String.CASE_INSENSITIVE_ORDER does.
func compareFold(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	for i := 0; i < len(ra) && i < len(rb); i++ {
		if c := foldRune(ra[i]) - foldRune(rb[i]); c != 0 {
			return int(c)
		}
	}
	return len(ra) - len(rb)
}

func foldRune(r rune) rune {
	if r < 0x80 {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	}
	return unicode.ToLower(unicode.ToUpper(r))
}
