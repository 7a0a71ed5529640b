package jsonata

import (
	"unicode/utf16"
	"unicode/utf8"
)

// u16 is a string as JavaScript sees it: UTF-16 code units. The
// picture-string functions work on it so that their offsets and character
// tests match the reference's.
type u16 []uint16

func toU16(s string) u16 { return u16(utf16Units(s)) }

func (s u16) String() string {
	var b []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if utf16.IsSurrogate(rune(c)) && c < 0xDC00 && i+1 < len(s) && s[i+1] >= 0xDC00 && s[i+1] <= 0xDFFF {
			b = utf8.AppendRune(b, utf16.DecodeRune(rune(c), rune(s[i+1])))
			i++
			continue
		}
		if utf16.IsSurrogate(rune(c)) {
			b = encodeSurrogate(b, c)
			continue
		}
		b = utf8.AppendRune(b, rune(c))
	}
	return string(b)
}

// indexFrom is String.prototype.indexOf(sub, from).
func (s u16) indexFrom(sub u16, from int) int {
	if from < 0 {
		from = 0
	}
	for i := from; i+len(sub) <= len(s); i++ {
		if s[i : i+len(sub)].equal(sub) {
			return i
		}
	}
	return -1
}

func (s u16) index(sub u16) int { return s.indexFrom(sub, 0) }

func (s u16) lastIndex(sub u16) int {
	for i := len(s) - len(sub); i >= 0; i-- {
		if s[i : i+len(sub)].equal(sub) {
			return i
		}
	}
	return -1
}

func (s u16) has(sub u16) bool { return s.index(sub) >= 0 }

func (s u16) equal(o u16) bool {
	if len(s) != len(o) {
		return false
	}
	for i := range s {
		if s[i] != o[i] {
			return false
		}
	}
	return true
}

// charAt is String.prototype.charAt: one code unit, or empty.
func (s u16) charAt(i int) u16 {
	if i < 0 || i >= len(s) {
		return nil
	}
	return s[i : i+1]
}

// sub is String.prototype.substring.
func (s u16) sub(from, to int) u16 {
	from, to = clampIndex(from, len(s)), clampIndex(to, len(s))
	if from > to {
		from, to = to, from
	}
	return s[from:to]
}

func clampIndex(i, n int) int {
	if i < 0 {
		return 0
	}
	if i > n {
		return n
	}
	return i
}

func (s u16) concat(parts ...u16) u16 {
	out := append(u16(nil), s...)
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// insert returns s.slice(0, i) + x + s.slice(i), with slice's handling of
// negative offsets.
func (s u16) insert(i int, x u16) u16 {
	if i < 0 {
		i += len(s)
	}
	i = clampIndex(i, len(s))
	return s[:i:i].concat(x, s[i:])
}
