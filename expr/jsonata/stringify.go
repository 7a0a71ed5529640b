package jsonata

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/stepwisehq/stepwise/value"
)

// formatNumberJS prints a number as JavaScript's Number.prototype.toString.
func formatNumberJS(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	return value.FormatFloat(f)
}

// precision15 rounds a non-integer to 15 significant digits, as $string does.
func precision15(f float64) float64 {
	if f == math.Trunc(f) || math.IsInf(f, 0) || math.IsNaN(f) {
		return f
	}
	r, err := strconv.ParseFloat(strconv.FormatFloat(f, 'g', 15, 64), 64)
	if err != nil {
		return f
	}
	return r
}

// stringify is JSON.stringify. With replacer, numbers are rounded to 15
// significant digits and functions print as "" (the reference's $string
// replacer); without it functions are left out as JSON.stringify does.
func stringify(v any, pretty, replacer bool) (string, error) {
	s := &stringifier{pretty: pretty, replacer: replacer}
	s.value(v, "")
	if s.depth > maxNesting {
		return "", errorValue("D1011", float64(maxNesting))
	}
	return s.b.String(), nil
}

type stringifier struct {
	b        strings.Builder
	pretty   bool
	replacer bool
	depth    int
}

// value writes v; it returns false when v prints as nothing (undefined).
func (s *stringifier) value(v any, indent string) bool {
	if isFunction(v) {
		if !s.replacer {
			return false
		}
		v = ""
	}
	switch x := v.(type) {
	case undefinedType:
		return false
	case nil:
		s.b.WriteString("null")
	case bool:
		s.b.WriteString(strconv.FormatBool(x))
	case float64, value.Number:
		s.number(x)
	case string:
		writeJSONString(&s.b, x)
	case []any:
		s.nested(func() { s.array(x, indent) })
	case *array:
		s.nested(func() { s.array(x.items, indent) })
	default:
		if isObject(v) {
			s.nested(func() { s.object(v, indent) })
			return true
		}
		return false
	}
	return true
}

// nested writes a container unless the nesting is too deep.
func (s *stringifier) nested(write func()) {
	if s.depth > maxNesting {
		return
	}
	s.depth++
	write()
	if s.depth <= maxNesting {
		s.depth--
	}
}

func (s *stringifier) number(v any) {
	f, _ := number(v)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		s.b.WriteString("null")
		return
	}
	if s.replacer {
		f = precision15(f)
	}
	s.b.WriteString(value.FormatFloat(f))
}

func (s *stringifier) array(xs []any, indent string) {
	if len(xs) == 0 {
		s.b.WriteString("[]")
		return
	}
	inner := indent + "  "
	s.b.WriteByte('[')
	for i, x := range xs {
		if i > 0 {
			s.b.WriteByte(',')
		}
		s.newline(inner)
		if !s.value(x, inner) {
			s.b.WriteString("null")
		}
	}
	s.newline(indent)
	s.b.WriteByte(']')
}

func (s *stringifier) object(o any, indent string) {
	inner := indent + "  "
	first := true
	s.b.WriteByte('{')
	objEach(o, func(k string, v any) bool {
		if v == undefined || (isFunction(v) && !s.replacer) {
			return true
		}
		if !first {
			s.b.WriteByte(',')
		}
		first = false
		s.newline(inner)
		writeJSONString(&s.b, k)
		s.b.WriteByte(':')
		if s.pretty {
			s.b.WriteByte(' ')
		}
		s.value(v, inner)
		return true
	})
	if !first {
		s.newline(indent)
	}
	s.b.WriteByte('}')
}

func (s *stringifier) newline(indent string) {
	if s.pretty {
		s.b.WriteByte('\n')
		s.b.WriteString(indent)
	}
}

const lowerHex = "0123456789abcdef"

// writeJSONString writes s quoted as JSON.stringify does: control
// characters escaped, lone surrogates (kept as WTF-8) as \udxxx.
func writeJSONString(b *strings.Builder, s string) {
	b.WriteByte('"')
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x80 {
			i += writeNonASCII(b, s[i:])
			continue
		}
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c >= 0x20:
			b.WriteByte(c)
		default:
			writeControl(b, c)
		}
		i++
	}
	b.WriteByte('"')
}

func writeControl(b *strings.Builder, c byte) {
	switch c {
	case '\b':
		b.WriteString(`\b`)
	case '\f':
		b.WriteString(`\f`)
	case '\n':
		b.WriteString(`\n`)
	case '\r':
		b.WriteString(`\r`)
	case '\t':
		b.WriteString(`\t`)
	default:
		b.WriteString(`\u00`)
		b.WriteByte(lowerHex[c>>4])
		b.WriteByte(lowerHex[c&0xF])
	}
}

func writeNonASCII(b *strings.Builder, s string) int {
	r, n := utf8.DecodeRuneInString(s)
	if r != utf8.RuneError || n != 1 {
		b.WriteString(s[:n])
		return n
	}
	if u, ok := decodeSurrogate(s); ok {
		b.WriteString(`\u`)
		for shift := 12; shift >= 0; shift -= 4 {
			b.WriteByte(lowerHex[(u>>shift)&0xF])
		}
		return 3
	}
	b.WriteByte(s[0])
	return 1
}

// decodeSurrogate reads a lone surrogate kept as WTF-8 (ED A0..BF xx).
func decodeSurrogate(s string) (uint16, bool) {
	if len(s) < 3 || s[0] != 0xED || s[1] < 0xA0 || s[1] > 0xBF || s[2]&0xC0 != 0x80 {
		return 0, false
	}
	return 0xD000 | uint16(s[1]&0x3F)<<6 | uint16(s[2]&0x3F), true
}

// encodeSurrogate writes a lone surrogate code unit as WTF-8.
func encodeSurrogate(b []byte, u uint16) []byte {
	return append(b, 0xED, byte(0x80|(u>>6)&0x3F), byte(0x80|u&0x3F))
}

// lessUTF16 orders strings by UTF-16 code units, as JavaScript does.
func lessUTF16(a, b string) bool {
	ua, ub := utf16Units(a), utf16Units(b)
	for i := 0; i < len(ua) && i < len(ub); i++ {
		if ua[i] != ub[i] {
			return ua[i] < ub[i]
		}
	}
	return len(ua) < len(ub)
}
