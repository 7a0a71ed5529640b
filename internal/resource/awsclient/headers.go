package awsclient

import (
	"net/http"
	"slices"
	"strings"

	"github.com/stepwisehq/stepwise/value"
)

// Header is one response header with its values, named as the service
// spelt it.
type Header struct {
	Name   string
	Values []string
	rank   int // where the service sends it; the order of arrival
}

// WireNames spells a service's response headers as it sends them (Go's HTTP
// client hands names over canonicalised, "X-Amzn-Requestid") and knows the
// order in which it sends them.
type WireNames struct {
	wire []string // spellings, in the order the service sends them
	rank map[string]int
}

// NewWireNames returns the WireNames of headers a service sends in this
// order, spelt so.
func NewWireNames(wire ...string) *WireNames {
	w := &WireNames{wire: wire, rank: make(map[string]int, len(wire))}
	for i, name := range wire {
		w.rank[http.CanonicalHeaderKey(name)] = i
	}
	return w
}

// Headers lists a response's headers (those with values) in their
// estimated order of arrival: the service's own in the order it sends them,
// spelt as it spells them, then any others by name.
func (w *WireNames) Headers(h http.Header) []Header {
	hs := make([]Header, 0, len(h))
	for key, values := range h {
		if len(values) == 0 {
			continue
		}
		rank, known := w.rank[key]
		name := key
		if known {
			name = w.wire[rank]
		} else {
			rank = len(w.wire)
		}
		hs = append(hs, Header{Name: name, Values: values, rank: rank})
	}
	slices.SortFunc(hs, func(a, b Header) int {
		if a.rank != b.rank {
			return a.rank - b.rank
		}
		return strings.Compare(a.Name, b.Name)
	})
	return hs
}

// AllHeaders is the AllHttpHeaders member of the AWS SDK for Java 1.x's
// SdkHttpMetadata: every header of hs (in order of arrival) with all its
// values, in the order of a java.util.HashMap filled with them.
func AllHeaders(hs []Header) value.Value {
	names := make([]string, len(hs))
	for i, h := range hs {
		names[i] = h.Name
	}
	ms := make([]value.Member, 0, len(hs))
	for _, i := range HashMapOrder(names) {
		vs := make([]value.Value, len(hs[i].Values))
		for j, s := range hs[i].Values {
			vs[j] = s
		}
		ms = append(ms, value.Member{Key: hs[i].Name, Value: vs})
	}
	return value.NewObject(ms)
}

// LastHeaders is the HttpHeaders member of the AWS SDK for Java 1.x's
// SdkHttpMetadata: every header of hs with its last value, sorted ignoring
// case (String.CASE_INSENSITIVE_ORDER, ties by byte order).
func LastHeaders(hs []Header) value.Value {
	byName := make(map[string]Header, len(hs))
	names := make([]string, 0, len(hs))
	for _, h := range hs {
		byName[h.Name] = h
		names = append(names, h.Name)
	}
	slices.SortStableFunc(names, func(a, b string) int {
		if c := CompareFold(a, b); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	ms := make([]value.Member, 0, len(hs))
	for _, name := range names {
		vs := byName[name].Values
		ms = append(ms, value.Member{Key: name, Value: vs[len(vs)-1]})
	}
	return value.NewObject(ms)
}

// SdkMetadata returns the SdkHttpMetadata and SdkResponseMetadata members
// that the AWS SDK for Java 1.x adds to a result: every header with all its
// values, every header with its last value, the status code, and the
// request ID.
func SdkMetadata(hs []Header, status int64, requestID string) []value.Member {
	httpMeta := value.NewObject([]value.Member{
		{Key: "AllHttpHeaders", Value: AllHeaders(hs)},
		{Key: "HttpHeaders", Value: LastHeaders(hs)},
		{Key: "HttpStatusCode", Value: value.Int(status)},
	})
	return []value.Member{
		{Key: "SdkHttpMetadata", Value: httpMeta},
		{Key: "SdkResponseMetadata", Value: value.NewObject([]value.Member{{Key: "RequestId", Value: requestID}})},
	}
}
