package jsonpath

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/stepwisehq/stepwise/value"
)

// filter is a compiled filter expression, the inside of [?( ... )].
type filter struct {
	root *fnode
}

type fnodeKind uint8

const (
	fnOr     fnodeKind = iota // kids joined by ||
	fnAnd                     // kids joined by &&
	fnNot                     // !kids[0]
	fnRel                     // left op right
	fnExists                  // a path alone: it selects something
	fnConst                   // a literal alone: true selects everything
)

type fnode struct {
	kind  fnodeKind
	kids  []*fnode
	op    relOp
	left  operand
	right operand
}

type relOp uint8

const (
	opEQ relOp = iota
	opNE
	opLT
	opLE
	opGT
	opGE
	opRegex
	opIn
	opNin
	opSubsetOf
	opAnyOf
	opNoneOf
	opContains
	opSize
	opEmpty
)

// symbolOps and wordOps are the relational operators, longest first.
var symbolOps = []struct {
	text string
	op   relOp
}{{"==", opEQ}, {"!=", opNE}, {"<=", opLE}, {">=", opGE}, {"=~", opRegex}, {"<", opLT}, {">", opGT}}

var wordOps = map[string]relOp{
	"in": opIn, "nin": opNin, "subsetof": opSubsetOf, "anyof": opAnyOf,
	"noneof": opNoneOf, "contains": opContains, "size": opSize, "empty": opEmpty,
}

type operandKind uint8

const (
	opdLiteral operandKind = iota
	opdPath
	opdPattern
)

// operand is one side of a relation: a literal, a path from @ (the item) or
// $ (the document), or a regular expression.
type operand struct {
	kind     operandKind
	lit      value.Value
	path     *Path
	fromRoot bool
	re       *regexp.Regexp
}

// fparser reads a filter expression.
type fparser struct {
	src   string
	pos   int
	base  int // offset of src in the compiled path
	depth int
}

func compileFilter(src string, base, depth int) (*filter, error) {
	p := &fparser{src: src, base: base, depth: depth}
	n, err := p.or()
	if err != nil {
		return nil, err
	}
	p.skip()
	if p.pos < len(p.src) {
		return nil, p.errorf("unexpected %q in filter", p.src[p.pos:])
	}
	return &filter{root: n}, nil
}

func (p *fparser) errorf(format string, args ...any) error {
	pp := parser{base: p.base}
	return pp.errorf(p.pos, format, args...)
}

func (p *fparser) skip() {
	for p.pos < len(p.src) && isSpace(p.src[p.pos]) {
		p.pos++
	}
}

func (p *fparser) peek(s string) bool {
	p.skip()
	return strings.HasPrefix(p.src[p.pos:], s)
}

func (p *fparser) or() (*fnode, error) {
	return p.logical("||", fnOr, p.and)
}

func (p *fparser) and() (*fnode, error) {
	return p.logical("&&", fnAnd, p.unary)
}

func (p *fparser) logical(sep string, kind fnodeKind, sub func() (*fnode, error)) (*fnode, error) {
	n, err := sub()
	if err != nil {
		return nil, err
	}
	if !p.peek(sep) {
		return n, nil
	}
	out := &fnode{kind: kind, kids: []*fnode{n}}
	for p.peek(sep) {
		p.pos += len(sep)
		n, err := sub()
		if err != nil {
			return nil, err
		}
		out.kids = append(out.kids, n)
	}
	return out, nil
}

func (p *fparser) unary() (*fnode, error) {
	if p.depth >= maxNesting {
		return nil, p.errorf("filter nested deeper than %d", maxNesting)
	}
	p.depth++
	defer func() { p.depth-- }()
	switch {
	case p.peek("!") && !p.peek("!="):
		p.pos++
		n, err := p.unary()
		if err != nil {
			return nil, err
		}
		return &fnode{kind: fnNot, kids: []*fnode{n}}, nil
	case p.peek("("):
		p.pos++
		n, err := p.or()
		if err != nil {
			return nil, err
		}
		if !p.peek(")") {
			return nil, p.errorf("expected ')' in filter")
		}
		p.pos++
		return n, nil
	}
	return p.relation()
}

func (p *fparser) relation() (*fnode, error) {
	left, err := p.operand()
	if err != nil {
		return nil, err
	}
	op, ok := p.operator()
	if !ok {
		return lone(left), nil
	}
	right, err := p.operand()
	if err != nil {
		return nil, err
	}
	return &fnode{kind: fnRel, op: op, left: left, right: right}, nil
}

// lone is an operand with no operator: a path tests existence, a literal
// is constant.
func lone(o operand) *fnode {
	if o.kind == opdPath {
		return &fnode{kind: fnExists, left: o}
	}
	return &fnode{kind: fnConst, left: o}
}

func (p *fparser) operator() (relOp, bool) {
	p.skip()
	rest := p.src[p.pos:]
	for _, s := range symbolOps {
		if strings.HasPrefix(rest, s.text) {
			p.pos += len(s.text)
			return s.op, true
		}
	}
	end := 0
	for end < len(rest) && rest[end] >= 'a' && rest[end] <= 'z' {
		end++
	}
	if op, ok := wordOps[rest[:end]]; ok && end > 0 {
		p.pos += end
		return op, true
	}
	return 0, false
}

func (p *fparser) operand() (operand, error) {
	p.skip()
	if p.pos >= len(p.src) {
		return operand{}, p.errorf("expected a value in filter")
	}
	switch c := p.src[p.pos]; {
	case c == '@' || c == '$':
		return p.pathOperand()
	case c == '/':
		return p.pattern()
	}
	v, err := p.literal()
	return operand{kind: opdLiteral, lit: v}, err
}

// pathOperand reads a path up to a space, a relational operator, a logical
// operator or the ')' that closes a group.
func (p *fparser) pathOperand() (operand, error) {
	start := p.pos
	end, err := p.pathEnd(start + 1)
	if err != nil {
		return operand{}, err
	}
	p.pos = end
	src := p.src[start:end]
	toks, err := parseTokens(src, src[0], p.depth)
	if err != nil {
		if se, ok := err.(*SyntaxError); ok {
			se.Offset += p.base + start
		}
		return operand{}, err
	}
	return operand{kind: opdPath, path: newPath(src, toks), fromRoot: src[0] == '$'}, nil
}

func (p *fparser) pathEnd(i int) (int, error) {
	for i < len(p.src) {
		switch c := p.src[i]; c {
		case '[':
			j := matchingBracket(p.src, i)
			if j < 0 {
				return 0, p.errorf("Square brackets does not match in filter")
			}
			i = j + 1
			continue
		case '(':
			if j := closingParen(p.src, i); j > 0 {
				i = j + 1
				continue
			}
			return i, nil
		case ' ', '\t', '\n', '\r', '<', '>', '=', '~', '!', ')':
			return i, nil
		case '&', '|':
			if i+1 < len(p.src) && p.src[i+1] == c {
				return i, nil
			}
		}
		i++
	}
	return i, nil
}

// matchingBracket returns the index of the ']' closing the '[' at open,
// skipping quoted strings, or -1.
func matchingBracket(s string, open int) int {
	depth := 0
	for i := open; i < len(s); i++ {
		switch s[i] {
		case '\'', '"':
			if i = skipQuoted(s, i); i < 0 {
				return -1
			}
		case '[':
			depth++
		case ']':
			if depth--; depth == 0 {
				return i
			}
		}
	}
	return -1
}

// pattern reads /regex/flags; Java's matches() must match the whole input.
func (p *fparser) pattern() (operand, error) {
	start := p.pos
	end := skipQuoted(p.src, p.pos)
	if end < 0 {
		return operand{}, p.errorf("unterminated regular expression in filter")
	}
	body := p.src[p.pos+1 : end]
	p.pos = end + 1
	flags := ""
	for p.pos < len(p.src) && p.src[p.pos] >= 'a' && p.src[p.pos] <= 'z' || p.pos < len(p.src) && p.src[p.pos] == 'U' {
		flags += string(p.src[p.pos])
		p.pos++
	}
	prefix, err := regexFlags(flags)
	if err == nil {
		var re *regexp.Regexp
		if re, err = regexp.Compile(prefix + `\A(?:` + body + `)\z`); err == nil {
			return operand{kind: opdPattern, re: re}, nil
		}
		err = fmt.Errorf("invalid regular expression /%s/: %v", body, err)
	}
	p.pos = start
	return operand{}, p.errorf("%s", err)
}

func regexFlags(flags string) (string, error) {
	var b strings.Builder
	for _, f := range flags {
		switch f {
		case 'i', 'm', 's':
			b.WriteRune(f)
		case 'd', 'u', 'U':
		default:
			return "", &EvalError{Msg: "unsupported regular expression flag '" + string(f) + "'"}
		}
	}
	if b.Len() == 0 {
		return "", nil
	}
	return "(?" + b.String() + ")", nil
}
