package jsonata

// The parser is a Pratt (top-down operator precedence) parser, shaped like
// the reference implementation's so that it accepts and rejects the same
// expressions with the same error codes.

// bindingPowers are the left binding powers of the operators that have one.
var bindingPowers = map[string]int{
	".": 75, "[": 80, "{": 70, "(": 80, "@": 80, "#": 80, "?": 20,
	"+": 50, "-": 50, "*": 60, "/": 60, "%": 60, "=": 40, "<": 40, ">": 40,
	"^": 40, "!=": 40, "<=": 40, ">=": 40, "~>": 40, "?:": 40, "??": 40,
	"and": 30, "or": 25, "in": 40, "&": 50, ":=": 10,
}

// knownOperators are the operator tokens the grammar has a symbol for.
var knownOperators = map[string]bool{
	":": true, ";": true, ",": true, ")": true, "]": true, "}": true, "..": true,
	"**": true, "|": true,
}

type parser struct {
	lex lexer
	cur token
	src string
}

// parse parses an expression into its processed syntax tree.
func parse(src string) (*node, error) {
	p := &parser{lex: lexer{src: src}, src: src}
	if err := p.advance("", false); err != nil {
		return nil, err
	}
	expr, err := p.expression(0)
	if err != nil {
		return nil, err
	}
	if p.cur.kind != tokEnd {
		return nil, errorAt("S0201", p.cur.pos, p.tokenValue())
	}
	return postProcess(expr)
}

// id is the symbol id of the current token.
func (p *parser) id() string {
	switch p.cur.kind {
	case tokEnd:
		return "(end)"
	case tokName, tokVariable:
		return "(name)"
	case tokString, tokNumber, tokValue:
		return "(literal)"
	case tokRegex:
		return "(regex)"
	}
	return p.cur.text
}

// tokenValue is the current token's value as error messages quote it.
func (p *parser) tokenValue() any {
	switch p.cur.kind {
	case tokEnd:
		return "(end)"
	case tokNumber:
		return p.cur.num
	case tokValue:
		return p.cur.val
	case tokRegex:
		return map[string]any{}
	}
	return p.cur.text
}

// advance checks that the current token is id (when given) and moves on.
func (p *parser) advance(id string, infix bool) error {
	if id != "" && p.id() != id {
		code := "S0202"
		if p.cur.kind == tokEnd {
			code = "S0203"
		}
		e := errorAt(code, p.cur.pos, p.tokenValue())
		e.Value, e.noValue = id, false
		return e
	}
	t, err := p.lex.next(infix)
	if err != nil {
		return err
	}
	if t.kind == tokOperator && bindingPowers[t.text] == 0 && !knownOperators[t.text] {
		return errorAt("S0204", t.pos, t.text)
	}
	p.cur = t
	return nil
}

func (p *parser) lbp() int {
	if p.cur.kind != tokOperator {
		return 0
	}
	return bindingPowers[p.cur.text]
}

// expression is Pratt's loop.
func (p *parser) expression(rbp int) (*node, error) {
	t := p.cur
	if err := p.advance("", true); err != nil {
		return nil, err
	}
	left, err := p.nud(t)
	if err != nil {
		return nil, err
	}
	for rbp < p.lbp() {
		t = p.cur
		if err := p.advance("", false); err != nil {
			return nil, err
		}
		if left, err = p.led(t, left); err != nil {
			return nil, err
		}
	}
	return left, nil
}

// leaf makes the node for a terminal token.
func leaf(t token) *node {
	n := &node{pos: t.pos, value: t.text}
	switch t.kind {
	case tokName:
		n.kind = kindName
	case tokVariable:
		n.kind = kindVariable
	case tokString:
		n.kind, n.lit = kindString, t.text
	case tokNumber:
		n.kind, n.num, n.lit = kindNumber, t.num, t.num
	case tokValue:
		n.kind, n.lit = kindValue, t.val
	case tokRegex:
		n.kind, n.re = kindRegex, t.re
	case tokEnd:
		n.kind, n.value = kindEnd, "(end)"
	default:
		n.kind = kindOperator
	}
	return n
}

func (p *parser) nud(t token) (*node, error) {
	if t.kind != tokOperator {
		return leaf(t), nil
	}
	switch t.text {
	case "and", "or", "in":
		return leaf(t), nil
	case "-":
		return p.negation(t)
	case "*":
		return &node{kind: kindWildcard, value: "*", pos: t.pos}, nil
	case "**":
		return &node{kind: kindDescendant, value: "**", pos: t.pos}, nil
	case "%":
		return &node{kind: kindParent, value: "%", pos: t.pos}, nil
	case "(":
		return p.block(t)
	case "[":
		return p.arrayConstructor(t)
	case "{":
		pairs, err := p.objectPairs()
		return &node{kind: kindUnary, op: opObject, value: "{", pairs: pairs, pos: t.pos}, err
	case "|":
		return p.transform(t)
	}
	return nil, errorAt("S0211", t.pos, t.text)
}

func (p *parser) negation(t token) (*node, error) {
	e, err := p.expression(70)
	return &node{kind: kindUnary, op: opNeg, value: "-", expr: e, pos: t.pos}, err
}

func (p *parser) block(t token) (*node, error) {
	n := &node{kind: kindBlock, value: "(", pos: t.pos}
	for p.id() != ")" {
		e, err := p.expression(0)
		if err != nil {
			return nil, err
		}
		n.items = append(n.items, e)
		if p.id() != ";" {
			break
		}
		if err := p.advance(";", false); err != nil {
			return nil, err
		}
	}
	return n, p.advance(")", true)
}

func (p *parser) arrayConstructor(t token) (*node, error) {
	n := &node{kind: kindUnary, op: opArray, value: "[", pos: t.pos}
	if p.id() != "]" {
		for {
			item, err := p.arrayItem()
			if err != nil {
				return nil, err
			}
			n.items = append(n.items, item)
			if p.id() != "," {
				break
			}
			if err := p.advance(",", false); err != nil {
				return nil, err
			}
		}
	}
	return n, p.advance("]", true)
}

func (p *parser) arrayItem() (*node, error) {
	item, err := p.expression(0)
	if err != nil || p.id() != ".." {
		return item, err
	}
	r := &node{kind: kindBinary, op: opRange, value: "..", pos: p.cur.pos, lhs: item}
	if err := p.advance("..", false); err != nil {
		return nil, err
	}
	r.rhs, err = p.expression(0)
	return r, err
}

func (p *parser) objectPairs() ([][2]*node, error) {
	var pairs [][2]*node
	if p.id() != "}" {
		for {
			k, err := p.expression(0)
			if err != nil {
				return nil, err
			}
			if err := p.advance(":", false); err != nil {
				return nil, err
			}
			v, err := p.expression(0)
			if err != nil {
				return nil, err
			}
			pairs = append(pairs, [2]*node{k, v})
			if p.id() != "," {
				break
			}
			if err := p.advance(",", false); err != nil {
				return nil, err
			}
		}
	}
	return pairs, p.advance("}", true)
}

func (p *parser) transform(t token) (*node, error) {
	n := &node{kind: kindTransform, value: "|", pos: t.pos}
	var err error
	if n.pattern, err = p.expression(0); err != nil {
		return nil, err
	}
	if err := p.advance("|", false); err != nil {
		return nil, err
	}
	if n.update, err = p.expression(0); err != nil {
		return nil, err
	}
	if p.id() == "," {
		if err := p.advance(",", false); err != nil {
			return nil, err
		}
		if n.delete, err = p.expression(0); err != nil {
			return nil, err
		}
	}
	return n, p.advance("|", false)
}

func (p *parser) led(t token, left *node) (*node, error) {
	switch t.text {
	case "(":
		return p.call(t, left)
	case "[":
		return p.predicate(t, left)
	case "^":
		return p.orderBy(t, left)
	case "{":
		pairs, err := p.objectPairs()
		return &node{kind: kindBinary, value: "{", lhs: left, pairs: pairs, pos: t.pos}, err
	case ":=":
		return p.bind(t, left)
	case "@", "#":
		return p.positional(t, left)
	case "?":
		return p.ternary(t, left)
	case "?:":
		return p.elvis(t, left)
	case "??":
		return p.coalesce(t, left)
	}
	rhs, err := p.expression(bindingPowers[t.text])
	return &node{kind: kindBinary, value: t.text, op: opcodes[t.text], lhs: left, rhs: rhs, pos: t.pos}, err
}

func (p *parser) predicate(t token, left *node) (*node, error) {
	if p.id() == "]" {
		step := left
		for step != nil && step.kind == kindBinary && step.value == "[" {
			step = step.lhs
		}
		step.keepArray = true
		return left, p.advance("]", false)
	}
	rhs, err := p.expression(0)
	if err != nil {
		return nil, err
	}
	n := &node{kind: kindBinary, value: "[", lhs: left, rhs: rhs, pos: t.pos}
	return n, p.advance("]", true)
}

func (p *parser) orderBy(t token, left *node) (*node, error) {
	if err := p.advance("(", false); err != nil {
		return nil, err
	}
	n := &node{kind: kindBinary, value: "^", lhs: left, pos: t.pos}
	for {
		term := sortTerm{}
		switch p.id() {
		case "<":
			if err := p.advance("<", false); err != nil {
				return nil, err
			}
		case ">":
			term.descending = true
			if err := p.advance(">", false); err != nil {
				return nil, err
			}
		}
		e, err := p.expression(0)
		if err != nil {
			return nil, err
		}
		term.expr = e
		n.terms = append(n.terms, term)
		if p.id() != "," {
			break
		}
		if err := p.advance(",", false); err != nil {
			return nil, err
		}
	}
	return n, p.advance(")", false)
}

func (p *parser) bind(t token, left *node) (*node, error) {
	if left.kind != kindVariable {
		return nil, errorAt("S0212", left.pos, left.value)
	}
	rhs, err := p.expression(bindingPowers[":="] - 1)
	return &node{kind: kindBinary, value: ":=", lhs: left, rhs: rhs, pos: t.pos}, err
}

func (p *parser) positional(t token, left *node) (*node, error) {
	rhs, err := p.expression(bindingPowers[t.text])
	if err != nil {
		return nil, err
	}
	if rhs.kind != kindVariable {
		return nil, errorAt("S0214", rhs.pos, t.text)
	}
	return &node{kind: kindBinary, value: t.text, lhs: left, rhs: rhs, pos: t.pos}, nil
}

func (p *parser) ternary(t token, left *node) (*node, error) {
	n := &node{kind: kindCondition, value: "?", cond: left, pos: t.pos}
	var err error
	if n.then, err = p.expression(0); err != nil {
		return nil, err
	}
	if p.id() == ":" {
		if err := p.advance(":", false); err != nil {
			return nil, err
		}
		n.els, err = p.expression(0)
	}
	return n, err
}

func (p *parser) elvis(t token, left *node) (*node, error) {
	n := &node{kind: kindCondition, value: "?:", cond: left.clone(), then: left, pos: t.pos}
	var err error
	n.els, err = p.expression(0)
	return n, err
}

func (p *parser) coalesce(t token, left *node) (*node, error) {
	exists := &node{kind: kindFunction, value: "(", pos: t.pos,
		proc: &node{kind: kindVariable, value: "exists", pos: t.pos},
		args: []*node{left.clone()}}
	n := &node{kind: kindCondition, value: "??", cond: exists, then: left, pos: t.pos}
	var err error
	n.els, err = p.expression(0)
	return n, err
}

// call parses a function call, a partial application (an argument is ?) or,
// when the callee is the name "function" or "λ", a lambda definition.
func (p *parser) call(t token, left *node) (*node, error) {
	n := &node{kind: kindFunction, value: "(", proc: left, pos: t.pos}
	if p.id() != ")" {
		if err := p.callArgs(n); err != nil {
			return nil, err
		}
	}
	if err := p.advance(")", true); err != nil {
		return nil, err
	}
	if left.kind == kindName && (left.value == "function" || left.value == "λ") {
		return p.lambda(n)
	}
	return n, nil
}

func (p *parser) callArgs(n *node) error {
	for {
		if p.cur.kind == tokOperator && p.cur.text == "?" {
			n.kind = kindPartial
			n.args = append(n.args, leaf(p.cur))
			if err := p.advance("?", false); err != nil {
				return err
			}
		} else {
			arg, err := p.expression(0)
			if err != nil {
				return err
			}
			n.args = append(n.args, arg)
		}
		if p.id() != "," {
			return nil
		}
		if err := p.advance(",", false); err != nil {
			return err
		}
	}
}

func (p *parser) lambda(n *node) (*node, error) {
	for i, arg := range n.args {
		if arg.kind != kindVariable {
			e := errorAt("S0208", arg.pos, arg.value)
			e.Value, e.noValue = float64(i+1), false
			return nil, e
		}
		n.params = append(n.params, arg.value)
	}
	n.kind, n.args = kindLambda, nil
	if p.id() == "<" {
		if err := p.signatureText(n); err != nil {
			return nil, err
		}
	}
	if err := p.advance("{", false); err != nil {
		return nil, err
	}
	body, err := p.expression(0)
	if err != nil {
		return nil, err
	}
	n.body = body
	return n, p.advance("}", false)
}

// signatureText collects the tokens of a <signature> and parses it.
func (p *parser) signatureText(n *node) error {
	sigPos := p.cur.pos
	depth := 1
	text := "<"
	for depth > 0 && p.id() != "{" && p.id() != "(end)" {
		if err := p.advance("", false); err != nil {
			return err
		}
		switch p.id() {
		case ">":
			depth--
		case "<":
			depth++
		}
		text += tokenText(p.cur)
	}
	if err := p.advance(">", false); err != nil {
		return err
	}
	sig, err := parseSignature(text)
	if err != nil {
		err.Position = sigPos + err.index
		return err
	}
	n.sig = sig
	return nil
}

// tokenText is a token's value as the reference concatenates it.
func tokenText(t token) string {
	switch t.kind {
	case tokEnd:
		return "(end)"
	case tokNumber:
		return formatNumberJS(t.num)
	case tokVariable:
		return t.text
	}
	return t.text
}
