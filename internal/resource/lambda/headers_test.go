package lambda

import (
	"net/http"
	"slices"
	"testing"

	"github.com/stepwisehq/stepwise/internal/resource/awsclient"
	"github.com/stepwisehq/stepwise/value"
)

func names(hs []awsclient.Header) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = h.Name
	}
	return out
}

func TestHeadersRestoreWireNames(t *testing.T) {
	t.Parallel()
	h := http.Header{}
	for _, k := range []string{"x-amzn-RequestId", "Content-Type", "X-Custom-B", "x-custom-a", "Date", "X-Amzn-Trace-Id"} {
		h.Add(k, "v")
	}
	h["Empty"] = nil
	got := names(wireHeaders.Headers(h))
	want := []string{"Date", "Content-Type", "x-amzn-RequestId", "X-Amzn-Trace-Id", "X-Custom-A", "X-Custom-B"}
	if !slices.Equal(got, want) {
		t.Errorf("Headers = %v, want %v", got, want)
	}
}

func TestJavaHashMapOrder(t *testing.T) {
	t.Parallel()
	h := http.Header{}
	for _, k := range recordedAllHeaders {
		h.Set(k, "v")
	}
	all := awsclient.AllHeaders(wireHeaders.Headers(h)).(*value.Object)
	if got := all.Keys(); !slices.Equal(got, recordedAllHeaders) {
		t.Errorf("order = %v, want AWS's %v", got, recordedAllHeaders)
	}
}

func TestCaseInsensitiveOrder(t *testing.T) {
	t.Parallel()
	in := []awsclient.Header{{Name: "x-amzn-RequestId"}, {Name: "X-Amz-Executed-Version"}, {Name: "Date"},
		{Name: "X-Amzn-Trace-Id"}, {Name: "Content-Type"}, {Name: "x-amzn-Remapped-Content-Length"},
		{Name: "Connection"}, {Name: "Content-Length"}}
	if got := names(caseInsensitiveOrder(in)); !slices.Equal(got, recordedHeaders) {
		t.Errorf("order = %v, want AWS's %v", got, recordedHeaders)
	}
	ties := []awsclient.Header{{Name: "b"}, {Name: "B"}, {Name: "a"}}
	if got := names(caseInsensitiveOrder(ties)); !slices.Equal(got, []string{"a", "b", "B"}) {
		t.Errorf("ties not kept in order of arrival: %v", got)
	}
}
