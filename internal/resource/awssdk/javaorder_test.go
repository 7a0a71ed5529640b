package awssdk

import (
	"slices"
	"strings"
	"testing"

	"github.com/stepwisehq/stepwise/value"
)

func TestJavaHashMapOrder(t *testing.T) {
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
		var got []string
		for _, i := range javaHashMapOrder(tt.arrival) {
			got = append(got, tt.arrival[i])
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("got %v, want %v", got, tt.want)
		}
	}
	many := make([]value.Member, 20) // grows the table past 16 buckets
	for i := range many {
		many[i] = value.Member{Key: strings.Repeat("k", i+1)}
	}
	if got := javaHashMapMembers(many); len(got) != 20 {
		t.Errorf("lost members: %d", len(got))
	}
	if javaStringHash("😀") != 1772899 { // "😀".hashCode() in Java: 31*0xD83D + 0xDE00
		t.Errorf("surrogate pairs hash as %d", javaStringHash("😀"))
	}
}

func TestCaseInsensitiveOrder(t *testing.T) {
	t.Parallel()
	names := []string{"x-amzn-RequestId", "Date", "connection", "Content-Type", "Content-Length", "Ä", "a"}
	sortFold(names)
	want := []string{"a", "connection", "Content-Length", "Content-Type", "Date", "x-amzn-RequestId", "Ä"}
	if !slices.Equal(names, want) {
		t.Errorf("got %v", names)
	}
	if compareFold("ab", "AB") != 0 || compareFold("a", "ab") >= 0 {
		t.Error("compareFold")
	}
}
