package jsonpath

import (
	"strings"

	"github.com/stepwisehq/stepwise/value"
)

// literal reads a string ('...' or "..."), number, true, false, null, a list
// [ ... ] of literals, or a JSON object.
func (p *fparser) literal() (value.Value, error) {
	p.skip()
	if p.pos >= len(p.src) {
		return nil, p.errorf("expected a value in filter")
	}
	switch c := p.src[p.pos]; {
	case c == '\'' || c == '"':
		return p.stringLit()
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	case c == '[':
		return p.list()
	case c == '{':
		return p.object()
	}
	for _, w := range []struct {
		text string
		v    value.Value
	}{{"true", true}, {"false", false}, {"null", nil}} {
		if strings.HasPrefix(p.src[p.pos:], w.text) && !isWordByte(p.src, p.pos+len(w.text)) {
			p.pos += len(w.text)
			return w.v, nil
		}
	}
	return nil, p.errorf("unexpected %q in filter", p.src[p.pos:])
}

func isWordByte(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	c := s[i]
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func (p *fparser) stringLit() (value.Value, error) {
	end := skipQuoted(p.src, p.pos)
	if end < 0 {
		return nil, p.errorf("unterminated string in filter")
	}
	s := unescape(p.src[p.pos+1 : end])
	p.pos = end + 1
	return s, nil
}

func (p *fparser) number() (value.Value, error) {
	start := p.pos
	if p.src[p.pos] == '-' {
		p.pos++
	}
	for p.pos < len(p.src) && strings.IndexByte("0123456789.eE+-", p.src[p.pos]) >= 0 {
		if (p.src[p.pos] == '+' || p.src[p.pos] == '-') && !isExponent(p.src[p.pos-1]) {
			break
		}
		p.pos++
	}
	text := p.src[start:p.pos]
	v, err := value.ParseString(text)
	if _, ok := v.(value.Number); err != nil || !ok {
		p.pos = start
		return nil, p.errorf("invalid number %q in filter", text)
	}
	return v, nil
}

func isExponent(c byte) bool { return c == 'e' || c == 'E' }

// list reads [a, b, ...], whose items are literals; strings may use single
// quotes, as Jayway's filter lists allow.
func (p *fparser) list() (value.Value, error) {
	p.pos++ // [
	out := []value.Value{}
	if p.peek("]") {
		p.pos++
		return out, nil
	}
	for {
		v, err := p.literal()
		if err != nil {
			return nil, err
		}
		out = append(out, v)
		switch {
		case p.peek(","):
			p.pos++
		case p.peek("]"):
			p.pos++
			return out, nil
		default:
			return nil, p.errorf("expected ',' or ']' in filter list")
		}
	}
}

// object reads a JSON object literal.
func (p *fparser) object() (value.Value, error) {
	end := matchingBrace(p.src, p.pos)
	if end < 0 {
		return nil, p.errorf("unterminated object in filter")
	}
	v, err := value.ParseString(p.src[p.pos : end+1])
	if err != nil {
		return nil, p.errorf("invalid JSON object in filter: %v", err)
	}
	p.pos = end + 1
	return v, nil
}

func matchingBrace(s string, open int) int {
	depth := 0
	for i := open; i < len(s); i++ {
		switch s[i] {
		case '"':
			if i = skipQuoted(s, i); i < 0 {
				return -1
			}
		case '{':
			depth++
		case '}':
			if depth--; depth == 0 {
				return i
			}
		}
	}
	return -1
}
