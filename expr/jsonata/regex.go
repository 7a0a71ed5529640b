package jsonata

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// regexLiteral is a compiled /pattern/flags literal. JSONata regexes use
// JavaScript's syntax; they are translated to Go's RE2 syntax, which has the
// same meaning for everything but lookaround and backreferences (rejected
// with S0303).
type regexLiteral struct {
	re  *regexp.Regexp
	src string
}

// jsSpace is JavaScript's \s class (without brackets).
const jsSpace = `\t\n\v\f\r \x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}`

func compileRegex(pattern, flags string) (*regexLiteral, *Error) {
	translated, ok := translateRegex(pattern)
	if !ok {
		return nil, errorValue("S0303", pattern)
	}
	prefix := ""
	if strings.Contains(flags, "i") {
		prefix += "i"
	}
	if strings.Contains(flags, "m") {
		prefix += "m"
	}
	if prefix != "" {
		translated = "(?" + prefix + ")" + translated
	}
	re, err := regexp.Compile(translated)
	if err != nil {
		return nil, errorValue("S0303", pattern)
	}
	return &regexLiteral{re: re, src: pattern}, nil
}

type regexTranslator struct {
	src     string
	i       int
	inClass bool
	out     strings.Builder
}

// translateRegex rewrites a JavaScript pattern in RE2 syntax.
func translateRegex(src string) (string, bool) {
	t := &regexTranslator{src: src}
	for t.i < len(src) {
		if !t.step() {
			return "", false
		}
	}
	return t.out.String(), true
}

func (t *regexTranslator) step() bool {
	c := t.src[t.i]
	switch {
	case c == '\\':
		return t.escape()
	case t.inClass:
		t.classChar(c)
	case c == '[':
		t.openClass()
	case c == '(':
		return t.group()
	case c == '.':
		t.out.WriteString(`[^\n\r\x{2028}\x{2029}]`)
		t.i++
	default:
		return t.literal()
	}
	return true
}

func (t *regexTranslator) literal() bool {
	r, n := utf8.DecodeRuneInString(t.src[t.i:])
	t.out.WriteString(t.src[t.i : t.i+n])
	t.i += n
	return r != utf8.RuneError || n > 1
}

func (t *regexTranslator) classChar(c byte) {
	switch c {
	case ']':
		t.inClass = false
		t.out.WriteByte(c)
	case '[':
		t.out.WriteString(`\[`)
	default:
		r, n := utf8.DecodeRuneInString(t.src[t.i:])
		_ = r
		t.out.WriteString(t.src[t.i : t.i+n])
		t.i += n - 1
	}
	t.i++
}

func (t *regexTranslator) openClass() {
	rest := t.src[t.i:]
	switch {
	case strings.HasPrefix(rest, "[^]"):
		t.out.WriteString(`(?s:.)`)
		t.i += 3
	case strings.HasPrefix(rest, "[]"):
		t.out.WriteString(`[^\x00-\x{10FFFF}]`)
		t.i += 2
	case strings.HasPrefix(rest, "[^"):
		t.out.WriteString("[^")
		t.i += 2
		t.inClass = true
	default:
		t.out.WriteByte('[')
		t.i++
		t.inClass = true
	}
}

func (t *regexTranslator) group() bool {
	rest := t.src[t.i:]
	for _, p := range []string{"(?=", "(?!", "(?<=", "(?<!"} {
		if strings.HasPrefix(rest, p) {
			return false
		}
	}
	t.out.WriteByte('(')
	t.i++
	return true
}

// escape translates the escape sequence at t.i.
func (t *regexTranslator) escape() bool {
	if t.i+1 >= len(t.src) {
		return false
	}
	c := t.src[t.i+1]
	t.i += 2
	switch c {
	case 'd', 'D', 'w', 'W', 'f', 'n', 'r', 't', 'v':
		t.out.WriteByte('\\')
		t.out.WriteByte(c)
	case 's':
		t.space(false)
	case 'S':
		t.space(true)
	case 'b', 'B':
		t.boundary(c)
	case 'c':
		t.control()
	case 'x':
		t.hexEscape(2)
	case 'u':
		t.hexEscape(4)
	case '0':
		t.out.WriteString(`\x00`)
	default:
		return t.identity(c)
	}
	return true
}

func (t *regexTranslator) space(negated bool) {
	switch {
	case t.inClass && negated:
		t.out.WriteString(`\S`)
	case t.inClass:
		t.out.WriteString(jsSpace)
	case negated:
		t.out.WriteString(`[^` + jsSpace + `]`)
	default:
		t.out.WriteString(`[` + jsSpace + `]`)
	}
}

func (t *regexTranslator) boundary(c byte) {
	switch {
	case t.inClass && c == 'b':
		t.out.WriteString(`\x08`)
	case t.inClass:
		t.out.WriteByte('B')
	default:
		t.out.WriteByte('\\')
		t.out.WriteByte(c)
	}
}

func (t *regexTranslator) control() {
	if t.i < len(t.src) && isASCIILetter(t.src[t.i]) {
		t.writeCodePoint(rune(t.src[t.i] % 32))
		t.i++
		return
	}
	t.out.WriteString(`\\c`)
}

func (t *regexTranslator) hexEscape(n int) {
	if t.i+n <= len(t.src) && isHex(t.src[t.i:t.i+n]) {
		t.out.WriteString(`\x{` + t.src[t.i:t.i+n] + `}`)
		t.i += n
		return
	}
	t.out.WriteByte(t.src[t.i-1])
}

func (t *regexTranslator) identity(c byte) bool {
	switch {
	case c >= '1' && c <= '9':
		return false // backreferences are not supported by RE2
	case c < utf8.RuneSelf && !isASCIILetter(c) && !isDigit(c):
		t.out.WriteByte('\\')
		t.out.WriteByte(c)
	case c >= utf8.RuneSelf:
		t.i--
		return t.literal()
	default:
		t.out.WriteByte(c)
	}
	return true
}

func (t *regexTranslator) writeCodePoint(r rune) {
	t.out.WriteString(`\x{`)
	t.out.WriteString(strings.ToLower(strconvHex(int(r))))
	t.out.WriteString(`}`)
}

func isASCIILetter(c byte) bool { return (c|0x20) >= 'a' && (c|0x20) <= 'z' }

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if !isDigit(s[i]) && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

func strconvHex(n int) string {
	const digits = "0123456789abcdef"
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{digits[n%16]}, b...)
		n /= 16
	}
	return string(b)
}
