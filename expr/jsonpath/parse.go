package jsonpath

import (
	"fmt"
	"strconv"
	"strings"
)

// SyntaxError reports a path that does not compile.
type SyntaxError struct {
	Path   string // the source text
	Offset int    // byte offset of the problem in Path
	Msg    string // what is wrong, in Jayway's words where Jayway has some
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("invalid JSONPath %q at offset %d: %s", e.Path, e.Offset, e.Msg)
}

// maxNesting bounds filters nested in filters, so that hostile input cannot
// exhaust the stack.
const maxNesting = 32

// parser reads one path. Offsets in its errors are relative to src; base is
// added to report them relative to the text the caller compiled.
type parser struct {
	src   string
	pos   int
	base  int
	depth int
	toks  []token
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// trimSpace trims what Jayway trims and returns how much was cut at the front.
func trimSpace(s string) (string, int) {
	start, end := 0, len(s)
	for start < end && isSpace(s[start]) {
		start++
	}
	for end > start && isSpace(s[end-1]) {
		end--
	}
	return s[start:end], start
}

func (p *parser) errorf(at int, format string, args ...any) error {
	return &SyntaxError{Offset: p.base + at, Msg: fmt.Sprintf(format, args...)}
}

// parseTokens reads src, which must start with root ('$' or '@').
func parseTokens(src string, root byte, depth int) ([]token, error) {
	s, cut := trimSpace(src)
	p := &parser{src: s, base: cut, depth: depth}
	if s == "" {
		return nil, p.errorf(0, "path must not be empty")
	}
	if s[0] != root {
		return nil, p.errorf(0, "Path must start with '%c'", root)
	}
	if len(s) > 1 && s[len(s)-1] == '.' {
		return nil, p.errorf(len(s)-1, "Path must not end with a '.' or '..'")
	}
	p.pos = 1
	if p.pos < len(s) && s[p.pos] != '.' && s[p.pos] != '[' {
		return nil, p.errorf(p.pos, "Illegal character at position %d expected '.' or '['", p.pos)
	}
	for p.pos < len(s) {
		if err := p.next(); err != nil {
			return nil, err
		}
	}
	return p.toks, nil
}

func (p *parser) next() error {
	switch p.src[p.pos] {
	case '[':
		return p.bracket()
	case '.':
		return p.dot()
	case '*':
		p.pos++
		p.toks = append(p.toks, token{kind: tokWildcard})
		return nil
	}
	return p.property()
}

func (p *parser) dot() error {
	if p.pos+1 < len(p.src) && p.src[p.pos+1] == '.' {
		p.toks = append(p.toks, token{kind: tokScan})
		p.pos += 2
	} else {
		p.pos++
	}
	if p.pos >= len(p.src) {
		return p.errorf(p.pos, "Path must not end with a '.' or '..'")
	}
	if p.src[p.pos] == '.' {
		return p.errorf(p.pos, "Character '.' on position %d is not valid.", p.pos)
	}
	return p.next()
}

// property reads a dot-notation name, or a function call such as length().
func (p *parser) property() error {
	start := p.pos
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		if c == ' ' {
			return p.errorf(p.pos, "Use bracket notion ['my prop'] if your property contains blank characters. position: %d", start)
		}
		if c == '.' || c == '[' || c == '(' {
			break
		}
		p.pos++
	}
	name := p.src[start:p.pos]
	if name == "" {
		return p.errorf(start, "Could not parse token starting at position %d", start)
	}
	if p.pos < len(p.src) && p.src[p.pos] == '(' {
		return p.function(name)
	}
	p.toks = append(p.toks, token{kind: tokProp, names: []string{name}})
	return nil
}

func (p *parser) function(name string) error {
	open := p.pos
	rest, _ := trimSpace(p.src[open+1:])
	if !strings.HasPrefix(rest, ")") {
		return p.errorf(open, "Arguments to function: '%s' are not supported", name)
	}
	p.pos = strings.IndexByte(p.src[open:], ')') + open + 1
	if p.pos < len(p.src) {
		return p.errorf(p.pos, "Function '%s' must be the last token of the path", name)
	}
	p.toks = append(p.toks, token{kind: tokFunc, fn: name})
	return nil
}

// significant returns the index of the first non-space byte at or after i.
func (p *parser) significant(i int) int {
	for i < len(p.src) && isSpace(p.src[i]) {
		i++
	}
	return i
}

func (p *parser) bracket() error {
	q := p.significant(p.pos + 1)
	if q >= len(p.src) {
		return p.errorf(p.pos, "Could not parse token starting at position %d. Expected ?, ', 0-9, * ", p.pos)
	}
	switch c := p.src[q]; {
	case c == '\'' || c == '"':
		return p.quoted(q, c)
	case c == '*':
		return p.bracketWildcard(q)
	case c == '?':
		return p.filterToken(q)
	case c >= '0' && c <= '9' || c == '-' || c == ':':
		return p.array()
	}
	return p.errorf(p.pos, "Could not parse token starting at position %d. Expected ?, ', 0-9, * ", p.pos)
}

func (p *parser) bracketWildcard(star int) error {
	end := p.significant(star + 1)
	if end >= len(p.src) || p.src[end] != ']' {
		return p.errorf(star+1, "Expected wildcard token to end with ']' on position %d", star+1)
	}
	p.toks = append(p.toks, token{kind: tokWildcard})
	p.pos = end + 1
	return nil
}

// quoted reads ['a'] or ['a', "b"] the way Jayway's compiler does.
func (p *parser) quoted(first int, delim byte) error {
	var names []string
	start, in, esc, comma := 0, false, false, false
	i := first
	for ; i < len(p.src); i++ {
		c := p.src[i]
		switch {
		case esc:
			esc = false
		case c == '\\':
			esc = true
		case c == ']' && !in:
			if comma {
				return p.errorf(i, "Found empty property at index %d", i)
			}
			p.toks = append(p.toks, token{kind: tokProp, names: names})
			p.pos = i + 1
			return nil
		case c == delim && in:
			if n := p.significant(i + 1); n >= len(p.src) || p.src[n] != ']' && p.src[n] != ',' {
				return p.errorf(i, "Property must be separated by comma or Property must be terminated close square bracket at index %d", i)
			}
			names = append(names, unescape(p.src[start:i]))
			in = false
		case c == delim:
			start, in, comma = i+1, true, false
		case c == ',' && !in:
			if comma {
				return p.errorf(i, "Found empty property at index %d", i)
			}
			comma = true
		}
	}
	if in {
		return p.errorf(i, "Property has not been closed - missing closing %c", delim)
	}
	return p.errorf(i, "Property has not been closed - missing closing ]")
}

// unescape resolves the backslash escapes of a quoted property name.
func unescape(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		i += writeEscape(&b, s, i)
	}
	return b.String()
}

// writeEscape writes the character escaped at s[i] and returns how many
// bytes beyond s[i] it used.
func writeEscape(b *strings.Builder, s string, i int) int {
	switch c := s[i]; c {
	case 'b':
		b.WriteByte('\b')
	case 'f':
		b.WriteByte('\f')
	case 'n':
		b.WriteByte('\n')
	case 'r':
		b.WriteByte('\r')
	case 't':
		b.WriteByte('\t')
	case 'u':
		if i+4 < len(s) {
			if r, err := strconv.ParseUint(s[i+1:i+5], 16, 32); err == nil {
				b.WriteRune(rune(r))
				return 4
			}
		}
		b.WriteByte(c)
	default:
		b.WriteByte(c)
	}
	return 0
}

// array reads [0], [0,1], [-1], [1:3], [:2], [2:] and [1:5:2].
func (p *parser) array() error {
	end := strings.IndexByte(p.src[p.pos:], ']')
	if end < 0 {
		return p.errorf(p.pos, "Could not parse token starting at position %d. Expected ?, ', 0-9, * ", p.pos)
	}
	end += p.pos
	expr, _ := trimSpace(p.src[p.pos+1 : end])
	for i := 0; i < len(expr); i++ {
		if c := expr[i]; !(c >= '0' && c <= '9' || c == ',' || c == '-' || c == ':' || c == ' ') {
			return p.errorf(p.pos, "Could not parse token starting at position %d. Expected ?, ', 0-9, * ", p.pos)
		}
	}
	var tok token
	var err error
	if strings.IndexByte(expr, ':') >= 0 {
		tok, err = p.slice(expr)
	} else {
		tok, err = p.indexes(expr)
	}
	if err != nil {
		return err
	}
	p.toks = append(p.toks, tok)
	p.pos = end + 1
	return nil
}

func (p *parser) slice(expr string) (token, error) {
	if strings.IndexByte(expr, ' ') >= 0 {
		return token{}, p.errorf(p.pos, "Failed to parse SliceOperation: %s", expr)
	}
	parts := strings.Split(expr, ":")
	for len(parts) > 0 && parts[len(parts)-1] == "" {
		parts = parts[:len(parts)-1] // Java's split drops trailing empty parts
	}
	t := token{kind: tokSlice}
	var err error
	if len(parts) > 0 && parts[0] != "" {
		t.hasFrom = true
		if t.from, err = parseInt(parts[0]); err != nil {
			return t, p.errorf(p.pos, "Failed to parse SliceOperation: %s", expr)
		}
	}
	if len(parts) > 1 && parts[1] != "" {
		t.hasTo = true
		if t.to, err = parseInt(parts[1]); err != nil {
			return t, p.errorf(p.pos, "Failed to parse SliceOperation: %s", expr)
		}
	}
	if !t.hasFrom && !t.hasTo {
		return t, p.errorf(p.pos, "Failed to parse SliceOperation: %s", expr)
	}
	return t, nil
}

func (p *parser) indexes(expr string) (token, error) {
	t := token{kind: tokIndex}
	for _, part := range strings.Split(expr, ",") {
		part, _ = trimSpace(part)
		n, err := parseInt(part)
		if err != nil {
			return t, p.errorf(p.pos, "Failed to parse token in ArrayIndexOperation: %s", part)
		}
		t.indexes = append(t.indexes, n)
	}
	return t, nil
}

// parseInt parses a Java int.
func parseInt(s string) (int, error) {
	n, err := strconv.ParseInt(s, 10, 32)
	return int(n), err
}

// filterToken reads [?( ... )].
func (p *parser) filterToken(q int) error {
	open := p.significant(q + 1)
	if open >= len(p.src) || p.src[open] != '(' {
		return p.errorf(p.pos, "Could not parse token starting at position %d. Expected ?, ', 0-9, * ", p.pos)
	}
	closing := closingParen(p.src, open)
	if closing < 0 {
		return p.errorf(open, "Could not parse token starting at position %d. Expected ?, ', 0-9, * ", p.pos)
	}
	end := p.significant(closing + 1)
	if end >= len(p.src) || p.src[end] != ']' {
		return p.errorf(closing+1, "Could not parse token starting at position %d. Expected ?, ', 0-9, * ", p.pos)
	}
	if p.depth >= maxNesting {
		return p.errorf(open, "filters nested deeper than %d", maxNesting)
	}
	f, err := compileFilter(p.src[open+1:closing], p.base+open+1, p.depth+1)
	if err != nil {
		return err
	}
	p.toks = append(p.toks, token{kind: tokFilter, filter: f})
	p.pos = end + 1
	return nil
}

// closingParen returns the index of the ')' that closes the '(' at open,
// skipping quoted strings and regular expression literals, or -1.
func closingParen(s string, open int) int {
	depth := 0
	for i := open; i < len(s); i++ {
		switch c := s[i]; c {
		case '\'', '"':
			i = skipQuoted(s, i)
		case '/':
			if isRegexStart(s, i) {
				i = skipQuoted(s, i)
			}
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return i
			}
		}
		if i < 0 {
			return -1
		}
	}
	return -1
}

// skipQuoted returns the index of the quote closing the one at i, or -1.
func skipQuoted(s string, i int) int {
	q := s[i]
	for j := i + 1; j < len(s); j++ {
		if s[j] == '\\' {
			j++
			continue
		}
		if s[j] == q {
			return j
		}
	}
	return -1
}

// isRegexStart reports whether the '/' at i opens a regular expression: it
// follows the =~ operator.
func isRegexStart(s string, i int) bool {
	j := i - 1
	for j >= 0 && isSpace(s[j]) {
		j--
	}
	return j >= 1 && s[j] == '~' && s[j-1] == '='
}
