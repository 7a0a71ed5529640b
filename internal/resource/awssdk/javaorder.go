package awssdk

import (
	"slices"
	"strings"

	"github.com/stepwisehq/stepwise/internal/resource/awsclient"
	"github.com/stepwisehq/stepwise/value"
)

// javaHashMapMembers orders members as a java.util.HashMap filled in key
// order does (see awsclient.HashMapOrder).
func javaHashMapMembers(ms []value.Member) []value.Member {
	sortMembers(ms)
	keys := make([]string, len(ms))
	for i, m := range ms {
		keys[i] = m.Key
	}
	out := make([]value.Member, len(ms))
	for i, j := range awsclient.HashMapOrder(keys) {
		out[i] = ms[j]
	}
	return out
}

// sortFold sorts strings in String.CASE_INSENSITIVE_ORDER, ties by byte
// order.
func sortFold(keys []string) {
	slices.SortStableFunc(keys, func(a, b string) int {
		if c := awsclient.CompareFold(a, b); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
}
