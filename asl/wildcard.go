package asl

import "strings"

// Wildcard is a compiled StringMatches pattern: '*' matches any run of
// characters, and a backslash escapes '*' or '\'.
type Wildcard struct {
	parts []string // literal pieces between the stars
	stars bool     // whether the pattern has any unescaped star
}

// CompileWildcard compiles a StringMatches pattern.
func CompileWildcard(pattern string) *Wildcard {
	w := &Wildcard{}
	var cur strings.Builder
	for i := 0; i < len(pattern); i++ {
		c := pattern[i]
		switch {
		case c == '\\' && i+1 < len(pattern) && (pattern[i+1] == '*' || pattern[i+1] == '\\'):
			i++
			cur.WriteByte(pattern[i])
		case c == '*':
			w.stars = true
			w.parts = append(w.parts, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(c)
		}
	}
	w.parts = append(w.parts, cur.String())
	return w
}

// Match reports whether s matches the pattern.
func (w *Wildcard) Match(s string) bool {
	if !w.stars {
		return s == w.parts[0]
	}
	first, last := w.parts[0], w.parts[len(w.parts)-1]
	if !strings.HasPrefix(s, first) {
		return false
	}
	s = s[len(first):]
	for _, mid := range w.parts[1 : len(w.parts)-1] {
		i := strings.Index(s, mid)
		if i < 0 {
			return false
		}
		s = s[i+len(mid):]
	}
	return strings.HasSuffix(s, last)
}
