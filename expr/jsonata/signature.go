package jsonata

import "strings"

// signature is a parsed function signature such as <s-nn?:s>: a list of
// parameters, each accepting a set of type symbols (s n b l o a f j x, plus
// m for undefined), optionally with ? (optional), + (one or more) or -
// (take the context value when missing).
type signature struct {
	params []sigParam
	text   string
	noWrap bool // the function takes a single value where it takes an array
}

type sigParam struct {
	accept   string // symbols this parameter accepts, including 'm' where allowed
	typ      byte   // s n b l o a f j x, or '(' for a choice
	optional bool
	variadic bool
	context  bool
	ctxAcc   string // symbols the context value may have
	subtype  string // a<s>: the item type
}

var arraySubtypeNames = map[string]string{
	"a": "arrays", "b": "booleans", "f": "functions", "n": "numbers", "o": "objects", "s": "strings",
}

// parseSignature parses "<...>" text. A returned error carries the offset
// of the problem in its index field.
func parseSignature(text string) (*signature, *Error) {
	sig := &signature{text: text}
	for pos := 1; pos < len(text); pos++ {
		c := text[pos]
		if c == ':' {
			break
		}
		next, err := sig.symbol(text, pos)
		if err != nil {
			return nil, err
		}
		pos = next
	}
	return sig, nil
}

// symbol handles the signature character at pos and returns the position
// of the last character it consumed.
func (s *signature) symbol(text string, pos int) (int, *Error) {
	c := text[pos]
	switch c {
	case 's', 'n', 'b', 'l', 'o':
		s.params = append(s.params, sigParam{accept: string(c) + "m", typ: c})
	case 'a':
		s.params = append(s.params, sigParam{accept: "asnblfom", typ: c})
	case 'f':
		s.params = append(s.params, sigParam{accept: "f", typ: c})
	case 'j':
		s.params = append(s.params, sigParam{accept: "asnblom", typ: c})
	case 'x':
		s.params = append(s.params, sigParam{accept: "asnblfom", typ: c})
	case '-', '?', '+':
		s.modifier(c)
	case '(':
		return s.choice(text, pos)
	case '<':
		return s.typeParameter(text, pos)
	}
	return pos, nil
}

func (s *signature) modifier(c byte) {
	if len(s.params) == 0 {
		return
	}
	p := &s.params[len(s.params)-1]
	switch c {
	case '-':
		p.context, p.ctxAcc, p.optional = true, p.accept, true
	case '?':
		p.optional = true
	case '+':
		p.variadic = true
	}
}

func closingBracket(text string, start int, open, closing byte) int {
	depth := 1
	pos := start
	for pos < len(text) {
		pos++
		if pos >= len(text) {
			break
		}
		switch text[pos] {
		case closing:
			depth--
			if depth == 0 {
				return pos
			}
		case open:
			depth++
		}
	}
	return pos
}

func (s *signature) choice(text string, pos int) (int, *Error) {
	end := closingBracket(text, pos, '(', ')')
	if end > len(text) {
		end = len(text)
	}
	choice := text[pos+1 : end]
	if strings.Contains(choice, "<") {
		e := errorValue("S0402", choice)
		e.index = pos
		return 0, e
	}
	s.params = append(s.params, sigParam{accept: choice + "m", typ: '('})
	return end, nil
}

func (s *signature) typeParameter(text string, pos int) (int, *Error) {
	if len(s.params) == 0 || (s.params[len(s.params)-1].typ != 'a' && s.params[len(s.params)-1].typ != 'f') {
		var typ any = undefined
		if len(s.params) > 0 {
			typ = string(s.params[len(s.params)-1].typ)
		}
		e := errorValue("S0401", typ)
		e.index = pos
		return 0, e
	}
	end := closingBracket(text, pos, '<', '>')
	if end > len(text) {
		end = len(text)
	}
	s.params[len(s.params)-1].subtype = text[pos+1 : end]
	return end, nil
}

// match assigns the argument type symbols to parameters the way the
// reference's anchored regular expression does (greedy, backtracking),
// filling counts (one per parameter considered: the number of arguments
// it took). It returns the number of symbols matched.
func (s *signature) match(symbols []byte, anchored bool, counts []int) (int, bool) {
	return s.matchFrom(symbols, 0, 0, counts, anchored)
}

func (s *signature) matchFrom(sym []byte, at, pi int, counts []int, anchored bool) (int, bool) {
	if pi == len(counts) {
		if anchored && at != len(sym) {
			return 0, false
		}
		return at, true
	}
	p := &s.params[pi]
	max := 0
	for at+max < len(sym) && strings.IndexByte(p.accept, sym[at+max]) >= 0 && (max == 0 || p.variadic) {
		max++
	}
	min := 1
	if p.optional {
		min = 0
	}
	for k := max; k >= min; k-- {
		counts[pi] = k
		if n, ok := s.matchFrom(sym, at+k, pi+1, counts, anchored); ok {
			return n, true
		}
	}
	return 0, false
}

// validate checks and fixes up arguments: missing context arguments are
// filled in from the context, single values given for arrays are wrapped
// (unless the signature's function takes single values itself). When
// nothing needs fixing, args is returned as it is; otherwise the fixed
// arguments are appended to *scratch when it is given.
func (s *signature) validate(args []any, context any, scratch *[]any) ([]any, *Error) {
	var symBuf [8]byte
	var countBuf [8]int
	symbols := symBuf[:0]
	for _, a := range args {
		symbols = append(symbols, typeSymbol(a))
	}
	counts := countBuf[:0]
	for range s.params {
		counts = append(counts, 0)
	}
	if _, ok := s.match(symbols, true, counts); !ok {
		return nil, s.mismatch(args, symbols)
	}
	if s.unchanged(counts, symbols) {
		return args, nil
	}
	return s.fixArgs(args, symbols, counts, context, scratch)
}

// unchanged reports whether validation leaves the arguments as they are:
// each parameter took its own argument (or, at the end, none) and no
// single value needs wrapping in an array.
func (s *signature) unchanged(counts []int, symbols []byte) bool {
	argIndex := 0
	for pi := range s.params {
		p := &s.params[pi]
		switch counts[pi] {
		case 0:
			if p.context || argIndex < len(symbols) {
				return false
			}
		case 1:
			if p.typ == 'a' && symbols[argIndex] != 'm' && (symbols[argIndex] != 'a' || p.subtype != "") &&
				!(s.noWrap && symbols[argIndex] != 'a' && string(symbols[argIndex]) == p.subtype) {
				return false
			}
			argIndex++
		default:
			return false
		}
	}
	return true
}

func (s *signature) fixArgs(args []any, symbols []byte, counts []int, context any, scratch *[]any) ([]any, *Error) {
	var out []any
	base := 0
	if scratch != nil {
		base = len(*scratch)
		out = *scratch
	} else {
		out = make([]any, 0, len(s.params))
	}
	argIndex := 0
	for pi := range s.params {
		p := &s.params[pi]
		if counts[pi] == 0 {
			v, err := p.missing(args, argIndex, context)
			if err != nil {
				return nil, err
			}
			if !p.context {
				argIndex++
			}
			out = append(out, v)
			continue
		}
		for k := 0; k < counts[pi]; k++ {
			sym := byte('m')
			if argIndex < len(symbols) {
				sym = symbols[argIndex]
			}
			v, err := p.fix(arg(args, argIndex), sym, argIndex, s.noWrap)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
			argIndex++
		}
	}
	if scratch != nil {
		*scratch = out
	}
	return out[base:len(out):len(out)], nil
}

func (p *sigParam) missing(args []any, argIndex int, context any) (any, *Error) {
	if !p.context {
		if argIndex < len(args) {
			return args[argIndex], nil
		}
		return undefined, nil
	}
	if strings.IndexByte(p.ctxAcc, typeSymbol(context)) >= 0 {
		return context, nil
	}
	e := errorValue("T0411", context)
	e.index = argIndex + 1
	return nil, e
}

// fix checks an array argument's item types and wraps a single value.
func (p *sigParam) fix(arg any, sym byte, argIndex int, noWrap bool) (any, *Error) {
	if p.typ != 'a' {
		return arg, nil
	}
	if sym == 'm' {
		return undefined, nil
	}
	if p.subtype != "" && !p.itemsMatch(arg, sym) {
		e := errorValue("T0412", arg)
		e.index = argIndex + 1
		e.custom = arraySubtypeNames[p.subtype]
		return nil, e
	}
	if sym != 'a' && !noWrap {
		return arrayOf(arg), nil
	}
	return arg, nil
}

func (p *sigParam) itemsMatch(arg any, sym byte) bool {
	if sym != 'a' {
		return string(sym) == p.subtype
	}
	xs, _ := items(arg)
	if len(xs) == 0 {
		return true
	}
	first := typeSymbol(xs[0])
	if first != p.subtype[0] {
		return false
	}
	for _, x := range xs {
		if typeSymbol(x) != first {
			return false
		}
	}
	return true
}

// mismatch finds the first argument that does not fit, as the reference
// does by matching ever longer prefixes of the signature.
func (s *signature) mismatch(args []any, symbols []byte) *Error {
	goodTo := 0
	counts := make([]int, len(s.params))
	for i := 1; i <= len(s.params); i++ {
		n, ok := s.match(symbols, false, counts[:i])
		if !ok {
			break
		}
		goodTo = n
	}
	var v any = undefined
	if goodTo < len(args) {
		v = args[goodTo]
	}
	e := errorValue("T0410", v)
	e.index = goodTo + 1
	return e
}
