package jsonata

// nodeKind is the kind of a syntax tree node. The parser builds a raw tree
// (binary '.', '[', '{', '^', ':=', '@', '#', '~>' nodes among others); the
// post-parse pass (process.go) rewrites it into the evaluated form, in which
// location paths are lists of steps carrying their predicates, groupings,
// focus and index bindings.
type nodeKind uint8

const (
	kindBinary nodeKind = iota
	kindUnary
	kindName
	kindString
	kindNumber
	kindValue // true, false, null
	kindWildcard
	kindDescendant
	kindParent
	kindCondition
	kindBlock
	kindRegex
	kindFunction
	kindPartial
	kindVariable
	kindLambda
	kindTransform
	kindOperator // '?' placeholder; and/or/in used as names
	kindEnd
	// kinds made by the post-parse pass
	kindPath
	kindBind
	kindApply
	kindSort
)

var kindNames = [...]string{
	kindBinary: "binary", kindUnary: "unary", kindName: "name", kindString: "string",
	kindNumber: "number", kindValue: "value", kindWildcard: "wildcard",
	kindDescendant: "descendant", kindParent: "parent", kindCondition: "condition",
	kindBlock: "block", kindRegex: "regex", kindFunction: "function",
	kindPartial: "partial", kindVariable: "variable", kindLambda: "lambda",
	kindTransform: "transform", kindOperator: "operator", kindEnd: "end",
	kindPath: "path", kindBind: "bind", kindApply: "apply", kindSort: "sort",
}

func (k nodeKind) String() string { return kindNames[k] }

// opcode is a binary or unary operator.
type opcode uint8

const (
	opNone opcode = iota
	opAdd
	opSub
	opMul
	opDiv
	opMod
	opEq
	opNe
	opLt
	opLe
	opGt
	opGe
	opConcat
	opAnd
	opOr
	opIn
	opRange
	opNeg    // unary -
	opArray  // unary [
	opObject // unary {
)

var opcodes = map[string]opcode{
	"+": opAdd, "-": opSub, "*": opMul, "/": opDiv, "%": opMod, "=": opEq, "!=": opNe,
	"<": opLt, "<=": opLe, ">": opGt, ">=": opGe, "&": opConcat, "and": opAnd,
	"or": opOr, "in": opIn, "..": opRange,
}

// node is a syntax tree node. Fields are used according to kind.
type node struct {
	kind  nodeKind
	op    opcode
	value string // operator or token text; name; variable name; string literal
	num   float64
	lit   any // the value of a literal (boxed once): string, float64, true, false or nil
	pos   int

	lhs, rhs *node
	expr     *node      // unary operand
	items    []*node    // array constructor items, block expressions
	pairs    [][2]*node // object constructor / grouping pairs (raw)
	steps    []*node    // path steps

	// condition
	cond, then, els *node
	// function call, partial application, lambda
	proc   *node
	args   []*node
	params []string
	sig    *signature
	body   *node
	thunk  bool
	// transform
	pattern, update, delete *node
	// order-by
	terms []sortTerm
	// regex
	re *regexLiteral

	// step attributes (post-parse)
	predicate  []*stage
	stages     []*stage
	group      *grouping
	ctor       *grouping // the object constructor of a unary '{' node
	focus      string
	index      string
	tuple      bool
	ancestor   *slot
	slot       *slot
	seeking    []*slot
	keepArray  bool
	keepSingle bool // keepSingletonArray on a path
	consArray  bool
	simple     bool     // a path of one plain name (evaluated without sequences)
	fn         *builtin // the built-in a variable names, if any (resolved at compile time)
}

// stage is a predicate filter or a positional (#$i) binding on a step.
type stage struct {
	filter *node  // nil for an index stage
	index  string // the variable of an index stage
	pos    int
}

// grouping is an object constructor applied to a step ({...} after a path).
type grouping struct {
	pairs [][2]*node
	pos   int
}

// sortTerm is one term of an order-by clause.
type sortTerm struct {
	descending bool
	expr       *node
}

// slot names the ancestor a parent operator (%) refers to.
type slot struct {
	label string
	level int
	index int
}

// clone returns a deep copy of a raw (unprocessed) tree, which the
// ?: and ?? operators need for their condition.
func (n *node) clone() *node {
	if n == nil {
		return nil
	}
	c := *n
	c.lhs, c.rhs, c.expr = n.lhs.clone(), n.rhs.clone(), n.expr.clone()
	c.cond, c.then, c.els = n.cond.clone(), n.then.clone(), n.els.clone()
	c.proc, c.body = n.proc.clone(), n.body.clone()
	c.pattern, c.update, c.delete = n.pattern.clone(), n.update.clone(), n.delete.clone()
	c.items = cloneNodes(n.items)
	c.args = cloneNodes(n.args)
	c.steps = cloneNodes(n.steps)
	if n.pairs != nil {
		c.pairs = make([][2]*node, len(n.pairs))
		for i, p := range n.pairs {
			c.pairs[i] = [2]*node{p[0].clone(), p[1].clone()}
		}
	}
	if n.terms != nil {
		c.terms = make([]sortTerm, len(n.terms))
		for i, t := range n.terms {
			c.terms[i] = sortTerm{descending: t.descending, expr: t.expr.clone()}
		}
	}
	return &c
}

func cloneNodes(ns []*node) []*node {
	if ns == nil {
		return nil
	}
	out := make([]*node, len(ns))
	for i, n := range ns {
		out[i] = n.clone()
	}
	return out
}
