package awssdk

import (
	"slices"
	"strings"
	"testing"

	"github.com/stepwisehq/stepwise/value"
)

func TestJavaHashMapMembers(t *testing.T) {
	t.Parallel()
	// DynamoDB attribute names, in the order AWS's recordings show a
	// HashMap of them.
	ms := []value.Member{{Key: "x-amzn-RequestId"}, {Key: "connection"}, {Key: "Date"}, {Key: "Content-Type"},
		{Key: "Content-Length"}}
	var got []string
	for _, m := range javaHashMapMembers(ms) {
		got = append(got, m.Key)
	}
	if want := []string{"x-amzn-RequestId", "connection", "Content-Length", "Date", "Content-Type"}; !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	many := make([]value.Member, 20) // grows the table past 16 buckets
	for i := range many {
		many[i] = value.Member{Key: strings.Repeat("k", i+1)}
	}
	if got := javaHashMapMembers(many); len(got) != 20 {
		t.Errorf("lost members: %d", len(got))
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
	ties := []string{"b", "B", "a"}
	if sortFold(ties); !slices.Equal(ties, []string{"a", "B", "b"}) {
		t.Errorf("ties not in byte order: %v", ties)
	}
}
