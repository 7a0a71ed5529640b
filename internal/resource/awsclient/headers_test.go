package awsclient

import (
	"cmp"
	"net/http"
	"slices"
	"testing"

	"github.com/stepwisehq/stepwise/value"
)

func names(hs []Header) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = h.Name
	}
	return out
}

func TestWireNamesHeaders(t *testing.T) {
	t.Parallel()
	w := NewWireNames("x-amzn-RequestId", "Date", "Content-Type", "Content-Length", "connection")
	h := http.Header{}
	for _, k := range []string{"X-Amzn-Requestid", "Connection", "Content-Length", "Date", "Content-Type", "X-Zeta", "X-Alpha"} {
		h.Set(k, "v-"+k)
	}
	h.Add("X-Alpha", "second")
	h["Empty"] = nil
	hs := w.Headers(h)
	arrival := []string{"x-amzn-RequestId", "Date", "Content-Type", "Content-Length", "connection", "X-Alpha", "X-Zeta"}
	if got := names(hs); !slices.Equal(got, arrival) {
		t.Errorf("Headers = %v, want %v", got, arrival)
	}
	want := `{"X-Zeta":["v-X-Zeta"],"x-amzn-RequestId":["v-X-Amzn-Requestid"],"connection":["v-Connection"],` +
		`"Content-Length":["v-Content-Length"],"X-Alpha":["v-X-Alpha","second"],"Date":["v-Date"],"Content-Type":["v-Content-Type"]}`
	if got := value.String(AllHeaders(hs)); got != want {
		t.Errorf("AllHeaders = %s, want %s", got, want)
	}
	if got := value.String(AllHeaders(nil)); got != `{}` {
		t.Errorf("AllHeaders(nil) = %s", got)
	}
}

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

func TestHashMapOrder(t *testing.T) {
	t.Parallel()
	// Header names in the order AWS's recordings show a HashMap of them
	// (inserted in the listed arrival order).
	tests := []struct{ arrival, want []string }{
		{[]string{"x-amzn-RequestId", "Date", "Content-Type", "Content-Length", "connection"},
			[]string{"x-amzn-RequestId", "connection", "Content-Length", "Date", "Content-Type"}},
		{[]string{"Server", "Date", "Content-Type", "Content-Length", "Connection", "x-amzn-RequestId", "x-amz-crc32"},
			[]string{"Server", "Connection", "x-amzn-RequestId", "x-amz-crc32", "Content-Length", "Date", "Content-Type"}},
		{[]string{"Server", "Date", "Content-Type", "Content-Length", "Connection", "x-amzn-requestid", "x-amz-crc32"},
			[]string{"Server", "x-amzn-requestid", "Connection", "x-amz-crc32", "Content-Length", "Date", "Content-Type"}},
	}
	for _, tt := range tests {
		if got := permute(tt.arrival, HashMapOrder(tt.arrival)); !slices.Equal(got, tt.want) {
			t.Errorf("got %v, want %v", got, tt.want)
		}
	}
}

func permute(keys []string, order []int) []string {
	out := make([]string, 0, len(order))
	for _, i := range order {
		out = append(out, keys[i])
	}
	return out
}

func TestHashMapOrderResizes(t *testing.T) {
	t.Parallel()
	// More than 12 entries make the table 32 buckets wide, as Java resizes.
	keys := []string{"Date", "Content-Type", "Content-Length", "Connection", "x-amzn-RequestId",
		"x-amzn-Remapped-Content-Length", "X-Amz-Executed-Version", "X-Amzn-Trace-Id", "A1", "A2", "A3", "A4", "A5"}
	got := permute(keys, HashMapOrder(keys))
	buckets := make([]int, len(got))
	for i, n := range got {
		buckets[i] = javaBucket(n, 32)
	}
	if !slices.IsSorted(buckets) || len(got) != 13 {
		t.Errorf("13 keys not in 32-bucket order: %v %v", got, buckets)
	}
	if len(HashMapOrder(nil)) != 0 {
		t.Error("keys from nothing")
	}
}

func TestCompareFold(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a, b string
		sign int
	}{
		{"a", "B", -1}, {"B", "a", 1}, {"abc", "ABC", 0}, {"ab", "AB", 0}, {"ab", "abc", -1}, {"a", "ab", -1},
		{"É", "é", 0}, {"z", "é", -1},
	}
	for _, tt := range tests {
		if got := CompareFold(tt.a, tt.b); cmp.Compare(got, 0) != tt.sign {
			t.Errorf("CompareFold(%q, %q) = %d, want sign %d", tt.a, tt.b, got, tt.sign)
		}
	}
}
