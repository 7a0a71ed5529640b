package jsonata

import (
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// tokenKind is the kind of a lexical token.
type tokenKind uint8

const (
	tokEnd tokenKind = iota
	tokName
	tokVariable
	tokOperator
	tokString
	tokNumber
	tokValue // true, false, null
	tokRegex
)

// token is one lexical token. pos is the offset just after it, as in the
// reference.
type token struct {
	kind tokenKind
	text string // name, variable, operator, string content, regex source
	num  float64
	val  any // for tokValue: true, false or nil
	re   *regexLiteral
	pos  int
}

// operatorChars are the characters that end a name, with the operators
// they start.
var operatorChars = [128]bool{
	'.': true, '[': true, ']': true, '{': true, '}': true, '(': true, ')': true,
	',': true, '@': true, '#': true, ';': true, ':': true, '?': true, '+': true,
	'-': true, '*': true, '/': true, '%': true, '|': true, '=': true, '<': true,
	'>': true, '^': true, '&': true, '!': true, '~': true,
}

var twoCharOperators = [...]string{"..", ":=", "!=", ">=", "<=", "**", "~>", "?:", "??"}

// lexer splits an expression into tokens on demand.
type lexer struct {
	src string
	pos int
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v'
}

func isOperatorChar(c byte) bool { return c < 128 && operatorChars[c] }

// next returns the next token. In infix position a '/' is the division
// operator; elsewhere it starts a regular expression.
func (l *lexer) next(infix bool) (token, error) {
	if err := l.skipSpaceAndComments(); err != nil {
		return token{}, err
	}
	if l.pos >= len(l.src) {
		return token{kind: tokEnd, pos: l.pos}, nil
	}
	c := l.src[l.pos]
	switch {
	case !infix && c == '/':
		l.pos++
		return l.regex()
	case c == '"' || c == '\'':
		return l.stringLiteral(c)
	case c == '`':
		return l.quotedName()
	}
	if t, ok := l.operator(); ok {
		return t, nil
	}
	if c >= '0' && c <= '9' {
		return l.numberLiteral()
	}
	return l.name()
}

func (l *lexer) skipSpaceAndComments() error {
	for {
		for l.pos < len(l.src) && isSpace(l.src[l.pos]) {
			l.pos++
		}
		if !strings.HasPrefix(l.src[l.pos:], "/*") {
			return nil
		}
		start := l.pos
		end := strings.Index(l.src[l.pos+2:], "*/")
		if end < 0 {
			return errorAt("S0106", start, undefined)
		}
		l.pos += 2 + end + 2
	}
}

func (l *lexer) operator() (token, bool) {
	rest := l.src[l.pos:]
	for _, op := range twoCharOperators {
		if strings.HasPrefix(rest, op) {
			l.pos += 2
			return token{kind: tokOperator, text: op, pos: l.pos}, true
		}
	}
	if isOperatorChar(rest[0]) {
		l.pos++
		return token{kind: tokOperator, text: rest[:1], pos: l.pos}, true
	}
	return token{}, false
}

func (l *lexer) stringLiteral(quote byte) (token, error) {
	l.pos++
	var b []byte
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		switch {
		case c == quote:
			l.pos++
			return token{kind: tokString, text: string(b), pos: l.pos}, nil
		case c == '\\':
			var err error
			if b, err = l.escape(b); err != nil {
				return token{}, err
			}
		default:
			b = append(b, c)
		}
		l.pos++
	}
	return token{}, errorAt("S0101", l.pos, undefined)
}

var simpleEscapes = map[byte]byte{
	'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t',
}

// escape decodes the escape sequence at l.pos (the backslash), leaving
// l.pos on its last character.
func (l *lexer) escape(b []byte) ([]byte, error) {
	l.pos++
	if l.pos >= len(l.src) {
		return nil, errorAt("S0101", l.pos, undefined)
	}
	c := l.src[l.pos]
	if e, ok := simpleEscapes[c]; ok {
		return append(b, e), nil
	}
	if c != 'u' {
		r, _ := utf8.DecodeRuneInString(l.src[l.pos:])
		return nil, errorAt("S0103", l.pos, string(r))
	}
	u, ok := l.hex4(l.pos + 1)
	if !ok {
		return nil, errorAt("S0104", l.pos, undefined)
	}
	l.pos += 4
	if utf16.IsSurrogate(rune(u)) && u < 0xDC00 {
		if low, ok := l.lowSurrogate(); ok {
			l.pos += 6
			return utf8.AppendRune(b, utf16.DecodeRune(rune(u), rune(low))), nil
		}
	}
	if utf16.IsSurrogate(rune(u)) {
		return encodeSurrogate(b, u), nil
	}
	return utf8.AppendRune(b, rune(u)), nil
}

func (l *lexer) lowSurrogate() (uint16, bool) {
	if !strings.HasPrefix(l.src[l.pos+1:], `\u`) {
		return 0, false
	}
	u, ok := l.hex4(l.pos + 3)
	return u, ok && u >= 0xDC00 && u <= 0xDFFF
}

func (l *lexer) hex4(at int) (uint16, bool) {
	if at+4 > len(l.src) {
		return 0, false
	}
	u, err := strconv.ParseUint(l.src[at:at+4], 16, 16)
	if err != nil || strings.ContainsAny(l.src[at:at+4], "+-_xX") {
		return 0, false
	}
	return uint16(u), true
}

// numberLiteral scans -?(0|[1-9][0-9]*)(\.[0-9]+)?([Ee][-+]?[0-9]+)? (the
// sign never reaches here: '-' is an operator).
func (l *lexer) numberLiteral() (token, error) {
	s := l.src
	i := l.pos
	if s[i] == '0' {
		i++
	} else {
		i = skipDigits(s, i)
	}
	if i+1 < len(s) && s[i] == '.' && isDigit(s[i+1]) {
		i = skipDigits(s, i+1)
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if j < len(s) && isDigit(s[j]) {
			i = skipDigits(s, j)
		}
	}
	text := s[l.pos:i]
	f, err := strconv.ParseFloat(text, 64)
	if err != nil {
		return token{}, errorAt("S0102", l.pos, text)
	}
	l.pos = i
	return token{kind: tokNumber, num: f, text: text, pos: l.pos}, nil
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func skipDigits(s string, i int) int {
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

func (l *lexer) quotedName() (token, error) {
	end := strings.IndexByte(l.src[l.pos+1:], '`')
	if end < 0 {
		l.pos = len(l.src)
		return token{}, errorAt("S0105", l.pos, undefined)
	}
	name := l.src[l.pos+1 : l.pos+1+end]
	l.pos += end + 2
	return token{kind: tokName, text: name, pos: l.pos}, nil
}

func (l *lexer) name() (token, error) {
	i := l.pos
	for i < len(l.src) && !isSpace(l.src[i]) && !isOperatorChar(l.src[i]) {
		i++
	}
	text := l.src[l.pos:i]
	l.pos = i
	if text[0] == '$' {
		return token{kind: tokVariable, text: text[1:], pos: i}, nil
	}
	switch text {
	case "and", "or", "in":
		return token{kind: tokOperator, text: text, pos: i}, nil
	case "true":
		return token{kind: tokValue, val: true, text: text, pos: i}, nil
	case "false":
		return token{kind: tokValue, val: false, text: text, pos: i}, nil
	case "null":
		return token{kind: tokValue, val: nil, text: text, pos: i}, nil
	}
	return token{kind: tokName, text: text, pos: i}, nil
}

// regex scans a regular expression literal after its opening '/'.
func (l *lexer) regex() (token, error) {
	start := l.pos
	depth := 0
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		if c == '/' && depth == 0 && l.evenBackslashesBefore(l.pos) {
			return l.regexEnd(start)
		}
		escaped := l.pos > 0 && l.src[l.pos-1] == '\\'
		if (c == '(' || c == '[' || c == '{') && !escaped {
			depth++
		}
		if (c == ')' || c == ']' || c == '}') && !escaped {
			depth--
		}
		l.pos++
	}
	return token{}, errorAt("S0302", l.pos, undefined)
}

func (l *lexer) evenBackslashesBefore(at int) bool {
	n := 0
	for at-n-1 >= 0 && l.src[at-n-1] == '\\' {
		n++
	}
	return n%2 == 0
}

func (l *lexer) regexEnd(start int) (token, error) {
	pattern := l.src[start:l.pos]
	if pattern == "" {
		return token{}, errorAt("S0301", l.pos, undefined)
	}
	l.pos++
	flagStart := l.pos
	for l.pos < len(l.src) && (l.src[l.pos] == 'i' || l.src[l.pos] == 'm') {
		l.pos++
	}
	re, err := compileRegex(pattern, l.src[flagStart:l.pos])
	if err != nil {
		err.Position = l.pos
		return token{}, err
	}
	return token{kind: tokRegex, text: pattern, re: re, pos: l.pos}, nil
}
