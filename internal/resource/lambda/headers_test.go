package lambda

import (
	"net/http"
	"slices"
	"testing"
)

func TestJavaStringHash(t *testing.T) {
	t.Parallel()
	tests := []struct {
		s    string
		want int32 // java.lang.String#hashCode
	}{
		{"", 0},
		{"a", 97},
		{"hello", 99162322},
		{"Aa", 2112},
		{"BB", 2112},
		{"Date", 2122702},
		{"Content-Type", 949037134},
		{"é", 233},
		{"😀", 1772899}, // a surrogate pair: 31*0xD83D + 0xDE00
	}
	for _, tt := range tests {
		if got := int32(javaStringHash(tt.s)); got != tt.want {
			t.Errorf("javaStringHash(%q) = %d, want %d", tt.s, got, tt.want)
		}
	}
}

func names(hs []header) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = h.name
	}
	return out
}

func TestHeadersOfRestoresWireNames(t *testing.T) {
	t.Parallel()
	h := http.Header{}
	for _, k := range []string{"x-amzn-RequestId", "Content-Type", "X-Custom-B", "x-custom-a", "Date", "X-Amzn-Trace-Id"} {
		h.Add(k, "v")
	}
	h["Empty"] = nil
	got := names(headersOf(h))
	want := []string{"Date", "Content-Type", "x-amzn-RequestId", "X-Amzn-Trace-Id", "X-Custom-A", "X-Custom-B"}
	if !slices.Equal(got, want) {
		t.Errorf("headersOf = %v, want %v", got, want)
	}
}

func TestJavaHashMapOrder(t *testing.T) {
	t.Parallel()
	h := http.Header{}
	for _, k := range recordedAllHeaders {
		h.Set(k, "v")
	}
	if got := names(javaHashMapOrder(headersOf(h))); !slices.Equal(got, recordedAllHeaders) {
		t.Errorf("order = %v, want AWS's %v", got, recordedAllHeaders)
	}
	// More than 12 entries make the table 32 buckets wide, as Java resizes.
	for _, k := range []string{"A1", "A2", "A3", "A4", "A5"} {
		h.Set(k, "v")
	}
	got := names(javaHashMapOrder(headersOf(h)))
	buckets := make([]int, len(got))
	for i, n := range got {
		buckets[i] = javaBucket(n, 32)
	}
	if !slices.IsSorted(buckets) || len(got) != 13 {
		t.Errorf("13 headers not in 32-bucket order: %v %v", got, buckets)
	}
}

func TestCaseInsensitiveOrder(t *testing.T) {
	t.Parallel()
	in := []header{{name: "x-amzn-RequestId"}, {name: "X-Amz-Executed-Version"}, {name: "Date"},
		{name: "X-Amzn-Trace-Id"}, {name: "Content-Type"}, {name: "x-amzn-Remapped-Content-Length"},
		{name: "Connection"}, {name: "Content-Length"}}
	if got := names(caseInsensitiveOrder(in)); !slices.Equal(got, recordedHeaders) {
		t.Errorf("order = %v, want AWS's %v", got, recordedHeaders)
	}
	tests := []struct {
		a, b string
		sign int
	}{
		{"a", "B", -1}, {"B", "a", 1}, {"abc", "ABC", 0}, {"ab", "abc", -1}, {"É", "é", 0}, {"z", "é", -1},
	}
	for _, tt := range tests {
		if got := compareFold(tt.a, tt.b); sign(got) != tt.sign {
			t.Errorf("compareFold(%q, %q) = %d, want sign %d", tt.a, tt.b, got, tt.sign)
		}
	}
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}
