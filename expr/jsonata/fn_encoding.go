package jsonata

import (
	"encoding/base64"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

func defineEncodings() {
	define("base64encode", "<s-:s>", 1, stringFunc(base64Encode))
	define("base64decode", "<s-:s>", 1, stringFunc(base64Decode))
	define("encodeUrlComponent", "<s-:s>", 1, urlFunc("encodeUrlComponent", uriUnreservedComponent, encodeURI))
	define("encodeUrl", "<s-:s>", 1, urlFunc("encodeUrl", uriUnreservedFull, encodeURI))
	define("decodeUrlComponent", "<s-:s>", 1, urlFunc("decodeUrlComponent", "", decodeURI))
	define("decodeUrl", "<s-:s>", 1, urlFunc("decodeUrl", uriReserved, decodeURI))
}

// utf16Units returns s's UTF-16 code units (lone surrogates kept).
func utf16Units(s string) []uint16 {
	out := make([]uint16, 0, len(s))
	for i := 0; i < len(s); {
		if u, ok := decodeSurrogate(s[i:]); ok {
			out = append(out, u)
			i += 3
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		out = utf16.AppendRune(out, r)
		i += n
	}
	return out
}

// base64Encode is Node's Buffer.from(s, 'binary').toString('base64'):
// each code unit's low byte.
func base64Encode(s string) string {
	units := utf16Units(s)
	b := make([]byte, len(units))
	for i, u := range units {
		b[i] = byte(u)
	}
	return base64.StdEncoding.EncodeToString(b)
}

// base64Decode is Node's Buffer.from(s, 'base64').toString('binary'):
// lenient about padding and stray characters, each byte one character.
func base64Decode(s string) string {
	var clean []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '=':
			i = len(s)
		case c == '-':
			clean = append(clean, '+')
		case c == '_':
			clean = append(clean, '/')
		case isBase64Char(c):
			clean = append(clean, c)
		}
	}
	if len(clean)%4 == 1 {
		clean = clean[:len(clean)-1]
	}
	b, _ := base64.RawStdEncoding.DecodeString(string(clean))
	var out strings.Builder
	for _, c := range b {
		out.WriteRune(rune(c))
	}
	return out.String()
}

func isBase64Char(c byte) bool {
	return isASCIILetter(c) || isDigit(c) || c == '+' || c == '/'
}

const (
	uriUnreservedComponent = "-_.!~*'()"
	uriUnreservedFull      = "-_.!~*'();/?:@&=+$,#"
	uriReserved            = ";/?:@&=+$,#"
)

func urlFunc(name, set string, f func(string, string) (string, bool)) builtinFunc {
	return func(_ *evaluator, _ callInfo, args []any) (any, error) {
		if arg(args, 0) == undefined {
			return undefined, nil
		}
		out, ok := f(str(args, 0), set)
		if !ok {
			e := errorValue("D3140", args[0])
			e.fnName = name
			return nil, e
		}
		return out, nil
	}
}

const upperHex = "0123456789ABCDEF"

// encodeURI is JavaScript's encodeURI/encodeURIComponent: UTF-8 bytes
// percent-encoded except letters, digits and the keep set; a lone
// surrogate is an error.
func encodeURI(s, keep string) (string, bool) {
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf && (isASCIILetter(c) || isDigit(c) || strings.IndexByte(keep, c) >= 0) {
			b.WriteByte(c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n <= 1 {
			return "", false
		}
		for _, x := range []byte(s[i : i+n]) {
			b.WriteByte('%')
			b.WriteByte(upperHex[x>>4])
			b.WriteByte(upperHex[x&0xF])
		}
		i += n
	}
	return b.String(), true
}

// decodeURI is JavaScript's decodeURI/decodeURIComponent: escapes that
// decode to a character in the reserved set are kept as they are.
func decodeURI(s, reserved string) (string, bool) {
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] != '%' {
			b.WriteByte(s[i])
			i++
			continue
		}
		seq, n, ok := percentSequence(s[i:])
		if !ok {
			return "", false
		}
		if len(seq) == 1 && strings.IndexByte(reserved, seq[0]) >= 0 {
			b.WriteString(s[i : i+n])
		} else {
			b.Write(seq)
		}
		i += n
	}
	return b.String(), true
}

// percentSequence decodes the %XX escapes of one UTF-8 encoded character.
func percentSequence(s string) ([]byte, int, bool) {
	first, ok := hexByte(s)
	if !ok {
		return nil, 0, false
	}
	size := utf8SeqLen(first)
	if size == 0 || len(s) < 3*size {
		return nil, 0, false
	}
	seq := []byte{first}
	for k := 1; k < size; k++ {
		if s[3*k] != '%' {
			return nil, 0, false
		}
		c, ok := hexByte(s[3*k:])
		if !ok || c&0xC0 != 0x80 {
			return nil, 0, false
		}
		seq = append(seq, c)
	}
	if size > 1 {
		if r, _ := utf8.DecodeRune(seq); r == utf8.RuneError {
			return nil, 0, false
		}
	}
	return seq, 3 * size, true
}

func hexByte(s string) (byte, bool) {
	if len(s) < 3 || !isHex(s[1:3]) {
		return 0, false
	}
	return hexVal(s[1])<<4 | hexVal(s[2]), true
}

func hexVal(c byte) byte {
	if isDigit(c) {
		return c - '0'
	}
	return (c | 0x20) - 'a' + 10
}

func utf8SeqLen(b byte) int {
	switch {
	case b < 0x80:
		return 1
	case b&0xE0 == 0xC0:
		return 2
	case b&0xF0 == 0xE0:
		return 3
	case b&0xF8 == 0xF0:
		return 4
	}
	return 0
}
