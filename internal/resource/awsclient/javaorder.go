package awsclient

import (
	"slices"
	"unicode"
	"unicode/utf16"
)

// The AWS SDK for Java 1.x, behind Step Functions' optimised integrations,
// keeps maps (response headers, DynamoDB items) in java.util.HashMap and
// TreeMap; Step Functions writes them in those maps' iteration order. The
// functions here reproduce it.

// HashMapOrder returns the indexes of keys, given in insertion order, in the
// order a java.util.HashMap filled with them in that order iterates: by
// bucket of the spread String#hashCode in the table size the map has grown
// to, then by insertion within a bucket.
func HashMapOrder(keys []string) []int {
	size := 16
	for len(keys) > size*3/4 {
		size *= 2
	}
	order := make([]int, len(keys))
	buckets := make([]int, len(keys))
	for i, k := range keys {
		order[i] = i
		buckets[i] = javaBucket(k, size)
	}
	slices.SortStableFunc(order, func(a, b int) int { return buckets[a] - buckets[b] })
	return order
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

// CompareFold compares strings as String.CASE_INSENSITIVE_ORDER does, the
// order of a java.util.TreeMap built with it.
func CompareFold(a, b string) int {
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
