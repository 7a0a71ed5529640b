package jsonata

import (
	"fmt"
	"strings"
)

// dump prints a processed syntax tree as an S-expression, for the parser
// tests: (path a b), (+ 1 2), (call $sum (path Price)), ...
func dump(n *node) string {
	if n == nil {
		return "nil"
	}
	s := dumpKind(n)
	return s + dumpAttrs(n)
}

func dumpKind(n *node) string {
	switch n.kind {
	case kindPath:
		return "(path " + dumpList(n.steps) + ")"
	case kindName:
		return n.value
	case kindString:
		return fmt.Sprintf("%q", n.value)
	case kindNumber:
		return formatNumberJS(n.num)
	case kindValue:
		return fmt.Sprint(n.lit)
	case kindVariable:
		return "$" + n.value
	case kindWildcard:
		return "*"
	case kindDescendant:
		return "**"
	case kindParent:
		return "%" + n.slot.label
	case kindRegex:
		return "/" + n.re.src + "/"
	case kindOperator:
		return n.value
	}
	return dumpComposite(n)
}

func dumpComposite(n *node) string {
	switch n.kind {
	case kindBinary:
		return "(" + n.value + " " + dump(n.lhs) + " " + dump(n.rhs) + ")"
	case kindUnary:
		return dumpUnary(n)
	case kindBind:
		return "(:= " + dump(n.lhs) + " " + dump(n.rhs) + ")"
	case kindApply:
		return "(~> " + dump(n.lhs) + " " + dump(n.rhs) + ")"
	case kindCondition:
		return "(? " + dump(n.cond) + " " + dump(n.then) + " " + dump(n.els) + ")"
	case kindBlock:
		return "(block " + dumpList(n.items) + ")"
	case kindFunction:
		return "(call " + dump(n.proc) + dumpArgs(n.args) + ")"
	case kindPartial:
		return "(partial " + dump(n.proc) + dumpArgs(n.args) + ")"
	case kindLambda:
		return dumpLambda(n)
	case kindTransform:
		return "(transform " + dump(n.pattern) + " " + dump(n.update) + " " + dump(n.delete) + ")"
	case kindSort:
		return "(sort" + dumpTerms(n.terms) + ")"
	}
	return "(?" + n.kind.String() + ")"
}

func dumpUnary(n *node) string {
	switch n.op {
	case opNeg:
		return "(- " + dump(n.expr) + ")"
	case opArray:
		return "[" + dumpList(n.items) + "]"
	}
	return "{" + dumpPairs(n.pairs) + "}"
}

func dumpLambda(n *node) string {
	if n.thunk {
		return "(thunk " + dump(n.body) + ")"
	}
	sig := ""
	if n.sig != nil {
		sig = n.sig.text
	}
	return "(λ (" + strings.Join(n.params, " ") + ")" + sig + " " + dump(n.body) + ")"
}

func dumpList(ns []*node) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = dump(n)
	}
	return strings.Join(parts, " ")
}

func dumpArgs(ns []*node) string {
	if len(ns) == 0 {
		return ""
	}
	return " " + dumpList(ns)
}

func dumpPairs(pairs [][2]*node) string {
	parts := make([]string, len(pairs))
	for i, p := range pairs {
		parts[i] = dump(p[0]) + ": " + dump(p[1])
	}
	return strings.Join(parts, ", ")
}

func dumpTerms(terms []sortTerm) string {
	var b strings.Builder
	for _, t := range terms {
		dir := "<"
		if t.descending {
			dir = ">"
		}
		b.WriteString(" " + dir + dump(t.expr))
	}
	return b.String()
}

// dumpAttrs prints a node's step attributes: predicates [..], stages
// {stages ..}, grouping {group ..}, focus @$v, index #$i, ancestor
// labels, keep-array and tuple flags.
func dumpAttrs(n *node) string {
	var b strings.Builder
	for _, p := range n.predicate {
		b.WriteString("[" + dump(p.filter) + "]")
	}
	if n.stages != nil {
		b.WriteString("{stages")
		for _, st := range n.stages {
			if st.filter != nil {
				b.WriteString(" [" + dump(st.filter) + "]")
			} else {
				b.WriteString(" #$" + st.index)
			}
		}
		b.WriteString("}")
	}
	if n.group != nil {
		b.WriteString("{group " + dumpPairs(n.group.pairs) + "}")
	}
	dumpFlags(&b, n)
	return b.String()
}

func dumpFlags(b *strings.Builder, n *node) {
	if n.focus != "" {
		b.WriteString("@$" + n.focus)
	}
	if n.index != "" {
		b.WriteString("#$" + n.index)
	}
	if n.ancestor != nil {
		b.WriteString("^" + n.ancestor.label)
	}
	if n.keepArray {
		b.WriteString("!keep")
	}
	if n.keepSingle {
		b.WriteString("!single")
	}
	if n.consArray {
		b.WriteString("!cons")
	}
	if n.tuple {
		b.WriteString("!tuple")
	}
}
