package jsonpath

import (
	"strconv"
	"strings"
)

// tokenKind says what a path token selects.
type tokenKind uint8

const (
	tokProp     tokenKind = iota // ['a'] or ['a', 'b']
	tokIndex                     // [0] or [0,1]
	tokSlice                     // [a:b]
	tokWildcard                  // [*]
	tokScan                      // ..
	tokFilter                    // [?(...)]
	tokFunc                      // .length()
)

// token is one step of a compiled path.
type token struct {
	kind    tokenKind
	names   []string // tokProp
	indexes []int    // tokIndex
	from    int      // tokSlice
	to      int      // tokSlice
	hasFrom bool     // tokSlice
	hasTo   bool     // tokSlice
	filter  *filter  // tokFilter
	fn      string   // tokFunc
}

// definite reports whether the token selects at most one value, as Jayway
// decides it: a multi-property token counts, since it merges into an object.
func (t *token) definite() bool {
	switch t.kind {
	case tokProp, tokFunc:
		return true
	case tokIndex:
		return len(t.indexes) == 1
	}
	return false
}

// fragment is the token's text in Jayway's normalized form.
func (t *token) fragment() string {
	switch t.kind {
	case tokProp:
		return "['" + strings.Join(t.names, "', '") + "']"
	case tokIndex:
		return indexFragment(t.indexes)
	case tokSlice:
		return t.sliceFragment()
	case tokWildcard:
		return "[*]"
	case tokScan:
		return ".."
	case tokFilter:
		return "[?]"
	}
	return "." + t.fn + "()"
}

func indexFragment(indexes []int) string {
	b := []byte{'['}
	for i, n := range indexes {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(n), 10)
	}
	return string(append(b, ']'))
}

func (t *token) sliceFragment() string {
	b := []byte{'['}
	if t.hasFrom {
		b = strconv.AppendInt(b, int64(t.from), 10)
	}
	b = append(b, ':')
	if t.hasTo {
		b = strconv.AppendInt(b, int64(t.to), 10)
	}
	return string(append(b, ']'))
}
