package intrinsic

import (
	"fmt"
	"strings"

	"github.com/stepwisehq/stepwise/expr/jsonpath"
	"github.com/stepwisehq/stepwise/value"
)

// SyntaxError reports an intrinsic function call that does not compile.
type SyntaxError struct {
	Src    string // the source text
	Offset int    // byte offset of the problem in Src
	Msg    string // what is wrong
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("invalid intrinsic function call %q at offset %d: %s", e.Src, e.Offset, e.Msg)
}

// maxDepth is how deeply AWS lets intrinsic functions nest in one field.
const maxDepth = 10

type argKind uint8

const (
	argLiteral argKind = iota // 'text', 12, -1.5, true, false, null
	argPath                   // $.a, $$.a, $name.a
	argCall                   // States.X(...)
)

// arg is one compiled argument.
type arg struct {
	kind argKind
	lit  value.Value   // argLiteral
	raw  string        // argLiteral strings: the text between the quotes, escapes unresolved
	ref  *jsonpath.Ref // argPath
	call *call         // argCall
}

// call is one compiled function application.
type call struct {
	fn   *function
	args []arg
}

type cparser struct {
	src string
	pos int
}

func (p *cparser) errorf(format string, args ...any) error {
	return &SyntaxError{Src: p.src, Offset: p.pos, Msg: fmt.Sprintf(format, args...)}
}

func (p *cparser) skip() {
	for p.pos < len(p.src) && isSpace(p.src[p.pos]) {
		p.pos++
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// call reads States.Name( args ).
func (p *cparser) call(depth int) (*call, error) {
	if depth > maxDepth {
		return nil, p.errorf("intrinsic functions nest deeper than %d", maxDepth)
	}
	start := p.pos
	for p.pos < len(p.src) && p.src[p.pos] != '(' && !isSpace(p.src[p.pos]) {
		p.pos++
	}
	name := p.src[start:p.pos]
	fn, ok := functions[name]
	if !ok {
		p.pos = start
		return nil, p.errorf("unknown intrinsic function %q", name)
	}
	p.skip()
	if p.pos >= len(p.src) || p.src[p.pos] != '(' {
		return nil, p.errorf("expected '(' after %s", name)
	}
	p.pos++
	args, err := p.args(depth)
	if err != nil {
		return nil, err
	}
	if len(args) < fn.minArgs || fn.maxArgs >= 0 && len(args) > fn.maxArgs {
		p.pos = start
		return nil, p.errorf("%s takes %s, not %d", name, fn.arity(), len(args))
	}
	return &call{fn: fn, args: args}, nil
}

func (p *cparser) args(depth int) ([]arg, error) {
	var args []arg
	p.skip()
	if p.pos < len(p.src) && p.src[p.pos] == ')' {
		p.pos++
		return args, nil
	}
	for {
		a, err := p.arg(depth)
		if err != nil {
			return nil, err
		}
		args = append(args, a)
		p.skip()
		if p.pos >= len(p.src) {
			return nil, p.errorf("expected ',' or ')'")
		}
		switch p.src[p.pos] {
		case ',':
			p.pos++
		case ')':
			p.pos++
			return args, nil
		default:
			return nil, p.errorf("expected ',' or ')'")
		}
	}
}

func (p *cparser) arg(depth int) (arg, error) {
	p.skip()
	if p.pos >= len(p.src) {
		return arg{}, p.errorf("expected an argument")
	}
	rest := p.src[p.pos:]
	switch c := rest[0]; {
	case c == '\'':
		return p.stringArg()
	case c == '$':
		return p.pathArg()
	case strings.HasPrefix(rest, "States."):
		c, err := p.call(depth + 1)
		return arg{kind: argCall, call: c}, err
	case c == '-' || c >= '0' && c <= '9':
		return p.numberArg()
	}
	for _, w := range []struct {
		text string
		v    value.Value
	}{{"true", true}, {"false", false}, {"null", nil}} {
		if strings.HasPrefix(rest, w.text) && !isWordByte(rest, len(w.text)) {
			p.pos += len(w.text)
			return arg{kind: argLiteral, lit: w.v}, nil
		}
	}
	return arg{}, p.errorf("unexpected %q", rest)
}

func isWordByte(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	c := s[i]
	return c == '_' || c == '.' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// stringArg reads '...', in which only \' \{ \} and \\ are escapes.
func (p *cparser) stringArg() (arg, error) {
	start := p.pos + 1
	var b strings.Builder
	for i := start; i < len(p.src); i++ {
		switch c := p.src[i]; c {
		case '\\':
			if i+1 >= len(p.src) || strings.IndexByte(`'{}\`, p.src[i+1]) < 0 {
				p.pos = i
				return arg{}, p.errorf("invalid escape in string literal")
			}
			i++
			b.WriteByte(p.src[i])
		case '\'':
			p.pos = i + 1
			return arg{kind: argLiteral, lit: b.String(), raw: p.src[start:i]}, nil
		default:
			b.WriteByte(c)
		}
	}
	p.pos = start - 1
	return arg{}, p.errorf("unterminated string literal")
}

func (p *cparser) numberArg() (arg, error) {
	start := p.pos
	for p.pos < len(p.src) && strings.IndexByte("0123456789.eE+-", p.src[p.pos]) >= 0 {
		p.pos++
	}
	text := p.src[start:p.pos]
	v, err := value.ParseString(text)
	if _, ok := v.(value.Number); err != nil || !ok {
		p.pos = start
		return arg{}, p.errorf("invalid number %q", text)
	}
	return arg{kind: argLiteral, lit: v}, nil
}

// pathArg reads a path up to the ',' or ')' that ends the argument.
func (p *cparser) pathArg() (arg, error) {
	start := p.pos
	end := pathEnd(p.src, start)
	text := strings.TrimRight(p.src[start:end], " \t\r\n")
	ref, err := jsonpath.CompileRef(text)
	if err != nil {
		if se, ok := err.(*jsonpath.SyntaxError); ok {
			p.pos = start + se.Offset
			return arg{}, p.errorf("%s", se.Msg)
		}
		return arg{}, err
	}
	p.pos = end
	return arg{kind: argPath, ref: ref}, nil
}

// pathEnd finds where a path argument ends: at a ',' or ')' outside
// brackets, parentheses and quotes.
func pathEnd(s string, i int) int {
	depth := 0
	for ; i < len(s); i++ {
		switch c := s[i]; c {
		case '\'', '"':
			if depth > 0 {
				i = skipQuoted(s, i)
				if i < 0 {
					return len(s)
				}
			}
		case '[', '(':
			depth++
		case ']':
			depth--
		case ')':
			if depth == 0 {
				return i
			}
			depth--
		case ',':
			if depth == 0 {
				return i
			}
		}
	}
	return i
}

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
