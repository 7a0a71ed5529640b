package jsonata

import "strconv"

// The post-parse pass turns the raw tree into the evaluated form: location
// paths become lists of steps, predicates and groupings attach to steps,
// the parent operator (%) is resolved to the step whose context it names,
// and lambdas' tail calls become thunks.

type processor struct {
	ancestorLabel int
	ancestry      []*node
}

func postProcess(raw *node) (*node, error) {
	p := &processor{}
	expr, err := p.process(raw)
	if err != nil {
		return nil, err
	}
	if expr.kind == kindParent || expr.seeking != nil {
		pos := expr.pos
		if expr.kind == kindParent || expr.kind == kindPath {
			pos = 0 // the reference's parent and path nodes have no position
		}
		return nil, errorAt("S0217", pos, expr.kind.String())
	}
	markSimplePaths(expr, map[*node]bool{})
	return expr, nil
}

// markSimplePaths flags the paths that are one plain name, which the
// evaluator looks up directly.
func markSimplePaths(n *node, seen map[*node]bool) {
	if n == nil || seen[n] {
		return
	}
	seen[n] = true
	if n.kind == kindVariable {
		n.fn = builtins[n.value]
	}
	if n.kind == kindPath && len(n.steps) == 1 && !n.keepSingle && n.group == nil && !n.tuple && n.seeking == nil {
		s := n.steps[0]
		n.simple = s.kind == kindName && s.stages == nil && s.predicate == nil && s.group == nil &&
			s.focus == "" && s.index == "" && !s.tuple && s.ancestor == nil && !s.keepArray
	}
	for _, c := range children(n) {
		markSimplePaths(c, seen)
	}
}

// children returns the nodes directly under n.
func children(n *node) []*node {
	out := []*node{n.lhs, n.rhs, n.expr, n.cond, n.then, n.els, n.proc, n.body, n.pattern, n.update, n.delete}
	out = append(out, n.items...)
	out = append(out, n.args...)
	out = append(out, n.steps...)
	for _, p := range n.pairs {
		out = append(out, p[0], p[1])
	}
	for _, t := range n.terms {
		out = append(out, t.expr)
	}
	for _, st := range append(append([]*stage(nil), n.predicate...), n.stages...) {
		out = append(out, st.filter)
	}
	if n.group != nil {
		for _, p := range n.group.pairs {
			out = append(out, p[0], p[1])
		}
	}
	return out
}

func (p *processor) process(expr *node) (*node, error) {
	result, err := p.processKind(expr)
	if err != nil {
		return nil, err
	}
	if expr.keepArray {
		result.keepArray = true
	}
	return result, nil
}

func (p *processor) processKind(expr *node) (*node, error) {
	switch expr.kind {
	case kindBinary:
		return p.binary(expr)
	case kindUnary:
		return p.unary(expr)
	case kindFunction, kindPartial:
		return p.function(expr)
	case kindLambda:
		return p.lambda(expr)
	case kindCondition:
		return p.condition(expr)
	case kindTransform:
		return p.transform(expr)
	case kindBlock:
		return p.block(expr)
	case kindName:
		path := &node{kind: kindPath, steps: []*node{expr}, pos: expr.pos}
		if expr.keepArray {
			path.keepSingle = true
		}
		return path, nil
	case kindParent:
		s := &slot{label: "!" + strconv.Itoa(p.ancestorLabel), level: 1, index: len(p.ancestry)}
		p.ancestorLabel++
		n := &node{kind: kindParent, slot: s, pos: expr.pos, value: "%"}
		p.ancestry = append(p.ancestry, n)
		return n, nil
	case kindString, kindNumber, kindValue, kindWildcard, kindDescendant, kindVariable, kindRegex:
		return expr, nil
	case kindOperator:
		return p.operator(expr)
	case kindEnd:
		return nil, errorAt("S0207", expr.pos, expr.value)
	}
	return nil, errorAt("S0206", expr.pos, expr.value)
}

func (p *processor) operator(expr *node) (*node, error) {
	switch expr.value {
	case "and", "or", "in":
		expr.kind = kindName
		return p.process(expr)
	case "?":
		return expr, nil
	}
	return nil, errorAt("S0201", expr.pos, expr.value)
}

func (p *processor) binary(expr *node) (*node, error) {
	switch expr.value {
	case ".":
		return p.pathStep(expr)
	case "[":
		return p.predicate(expr)
	case "{":
		return p.groupBy(expr)
	case "^":
		return p.orderBy(expr)
	case ":=":
		return p.bind(expr)
	case "@":
		return p.focus(expr)
	case "#":
		return p.index(expr)
	case "~>":
		return p.apply(expr)
	}
	return p.operands(expr)
}

func (p *processor) operands(expr *node) (*node, error) {
	result := &node{kind: kindBinary, op: expr.op, value: expr.value, pos: expr.pos}
	var err error
	if result.lhs, err = p.process(expr.lhs); err != nil {
		return nil, err
	}
	if result.rhs, err = p.process(expr.rhs); err != nil {
		return nil, err
	}
	pushAncestry(result, result.lhs)
	pushAncestry(result, result.rhs)
	return result, nil
}

func (p *processor) pathStep(expr *node) (*node, error) {
	lstep, err := p.process(expr.lhs)
	if err != nil {
		return nil, err
	}
	result := lstep
	if lstep.kind != kindPath {
		result = &node{kind: kindPath, steps: []*node{lstep}, pos: lstep.pos}
	}
	if lstep.kind == kindParent {
		result.seeking = []*slot{lstep.slot}
	}
	rest, err := p.process(expr.rhs)
	if err != nil {
		return nil, err
	}
	if rest.kind == kindPath {
		result.steps = append(result.steps, rest.steps...)
	} else {
		if rest.predicate != nil {
			rest.stages, rest.predicate = rest.predicate, nil
		}
		result.steps = append(result.steps, rest)
	}
	if err := finishPath(result); err != nil {
		return nil, err
	}
	return result, resolveAncestry(result)
}

// finishPath applies the rules for the steps of a path: literal strings
// become names, other literals are errors, array constructors at the ends
// are flagged, and an empty predicate keeps singleton arrays.
func finishPath(path *node) error {
	for _, step := range path.steps {
		switch step.kind {
		case kindNumber, kindValue:
			e := errorAt("S0213", step.pos, undefined)
			e.Value, e.noValue = literalValue(step), false
			return e
		case kindString:
			step.kind = kindName
		}
		if step.keepArray {
			path.keepSingle = true
		}
	}
	first, last := path.steps[0], path.steps[len(path.steps)-1]
	if first.kind == kindUnary && first.op == opArray {
		first.consArray = true
	}
	if last.kind == kindUnary && last.op == opArray {
		last.consArray = true
	}
	return nil
}

func literalValue(n *node) any {
	if n.kind == kindNumber {
		return n.num
	}
	return n.lit
}

func (p *processor) predicate(expr *node) (*node, error) {
	result, err := p.process(expr.lhs)
	if err != nil {
		return nil, err
	}
	step, inStages := result, false
	if result.kind == kindPath {
		step, inStages = result.steps[len(result.steps)-1], true
	}
	if step.group != nil {
		return nil, errorAt("S0209", expr.pos, undefined)
	}
	pred, err := p.process(expr.rhs)
	if err != nil {
		return nil, err
	}
	if pred.seeking != nil {
		if err := p.predicateAncestry(step, pred); err != nil {
			return nil, err
		}
	}
	st := &stage{filter: pred, pos: expr.pos}
	if inStages {
		step.stages = append(step.stages, st)
	} else {
		step.predicate = append(step.predicate, st)
	}
	return result, nil
}

func (p *processor) predicateAncestry(step, pred *node) error {
	for _, s := range pred.seeking {
		if s.level == 1 {
			if _, err := p.seekParent(step, s); err != nil {
				return err
			}
		} else {
			s.level--
		}
	}
	pushAncestry(step, pred)
	return nil
}

func (p *processor) groupBy(expr *node) (*node, error) {
	result, err := p.process(expr.lhs)
	if err != nil {
		return nil, err
	}
	if result.group != nil {
		return nil, errorAt("S0210", expr.pos, undefined)
	}
	g := &grouping{pos: expr.pos}
	for _, pair := range expr.pairs {
		k, err := p.process(pair[0])
		if err != nil {
			return nil, err
		}
		v, err := p.process(pair[1])
		if err != nil {
			return nil, err
		}
		g.pairs = append(g.pairs, [2]*node{k, v})
	}
	result.group = g
	return result, nil
}

func (p *processor) orderBy(expr *node) (*node, error) {
	result, err := p.process(expr.lhs)
	if err != nil {
		return nil, err
	}
	if result.kind != kindPath {
		result = &node{kind: kindPath, steps: []*node{result}, pos: result.pos}
	}
	sortStep := &node{kind: kindSort, pos: expr.pos}
	for _, t := range expr.terms {
		e, err := p.process(t.expr)
		if err != nil {
			return nil, err
		}
		pushAncestry(sortStep, e)
		sortStep.terms = append(sortStep.terms, sortTerm{descending: t.descending, expr: e})
	}
	result.steps = append(result.steps, sortStep)
	return result, resolveAncestry(result)
}

func (p *processor) bind(expr *node) (*node, error) {
	result := &node{kind: kindBind, value: expr.value, pos: expr.pos}
	var err error
	if result.lhs, err = p.process(expr.lhs); err != nil {
		return nil, err
	}
	if result.rhs, err = p.process(expr.rhs); err != nil {
		return nil, err
	}
	pushAncestry(result, result.rhs)
	return result, nil
}

func (p *processor) focus(expr *node) (*node, error) {
	result, err := p.process(expr.lhs)
	if err != nil {
		return nil, err
	}
	step := result
	if result.kind == kindPath {
		step = result.steps[len(result.steps)-1]
	}
	if step.stages != nil || step.predicate != nil {
		return nil, errorAt("S0215", expr.pos, undefined)
	}
	if step.kind == kindSort {
		return nil, errorAt("S0216", expr.pos, undefined)
	}
	if expr.keepArray {
		step.keepArray = true
	}
	step.focus = expr.rhs.value
	step.tuple = true
	return result, nil
}

func (p *processor) index(expr *node) (*node, error) {
	result, err := p.process(expr.lhs)
	if err != nil {
		return nil, err
	}
	step := result
	if result.kind == kindPath {
		step = result.steps[len(result.steps)-1]
	} else {
		result = &node{kind: kindPath, steps: []*node{result}, pos: result.pos}
		if step.predicate != nil {
			step.stages, step.predicate = step.predicate, nil
		}
	}
	if step.stages == nil {
		step.index = expr.rhs.value
	} else {
		step.stages = append(step.stages, &stage{index: expr.rhs.value, pos: expr.pos})
	}
	step.tuple = true
	return result, nil
}

func (p *processor) apply(expr *node) (*node, error) {
	result := &node{kind: kindApply, value: expr.value, pos: expr.pos}
	var err error
	if result.lhs, err = p.process(expr.lhs); err != nil {
		return nil, err
	}
	if result.rhs, err = p.process(expr.rhs); err != nil {
		return nil, err
	}
	result.keepArray = result.lhs.keepArray || result.rhs.keepArray
	return result, nil
}

func (p *processor) unary(expr *node) (*node, error) {
	result := &node{kind: kindUnary, op: expr.op, value: expr.value, pos: expr.pos}
	switch expr.op {
	case opArray:
		for _, item := range expr.items {
			v, err := p.process(item)
			if err != nil {
				return nil, err
			}
			pushAncestry(result, v)
			result.items = append(result.items, v)
		}
		return result, nil
	case opObject:
		pairs, err := p.pairs(result, expr.pairs)
		result.pairs = pairs
		result.ctor = &grouping{pairs: pairs, pos: expr.pos}
		return result, err
	}
	operand, err := p.process(expr.expr)
	if err != nil {
		return nil, err
	}
	if expr.op == opNeg && operand.kind == kindNumber {
		operand.num = -operand.num
		operand.lit = operand.num
		return operand, nil
	}
	result.expr = operand
	pushAncestry(result, operand)
	return result, nil
}

func (p *processor) pairs(result *node, raw [][2]*node) ([][2]*node, error) {
	out := make([][2]*node, 0, len(raw))
	for _, pair := range raw {
		k, err := p.process(pair[0])
		if err != nil {
			return nil, err
		}
		pushAncestry(result, k)
		v, err := p.process(pair[1])
		if err != nil {
			return nil, err
		}
		pushAncestry(result, v)
		out = append(out, [2]*node{k, v})
	}
	return out, nil
}

func (p *processor) function(expr *node) (*node, error) {
	result := &node{kind: expr.kind, value: expr.value, pos: expr.pos}
	for _, arg := range expr.args {
		a, err := p.process(arg)
		if err != nil {
			return nil, err
		}
		pushAncestry(result, a)
		result.args = append(result.args, a)
	}
	proc, err := p.process(expr.proc)
	if err != nil {
		return nil, err
	}
	result.proc = proc
	return result, nil
}

func (p *processor) lambda(expr *node) (*node, error) {
	result := &node{kind: kindLambda, params: expr.params, sig: expr.sig, pos: expr.pos}
	body, err := p.process(expr.body)
	if err != nil {
		return nil, err
	}
	result.body = tailCallOptimize(body)
	return result, nil
}

// tailCallOptimize replaces a function call in tail position by a thunk
// that the caller's trampoline evaluates, so tail recursion does not grow
// the stack.
func tailCallOptimize(expr *node) *node {
	switch {
	case expr.kind == kindFunction && expr.predicate == nil:
		return &node{kind: kindLambda, thunk: true, body: expr, pos: expr.pos}
	case expr.kind == kindCondition:
		expr.then = tailCallOptimize(expr.then)
		if expr.els != nil {
			expr.els = tailCallOptimize(expr.els)
		}
	case expr.kind == kindBlock && len(expr.items) > 0:
		last := len(expr.items) - 1
		expr.items[last] = tailCallOptimize(expr.items[last])
	}
	return expr
}

func (p *processor) condition(expr *node) (*node, error) {
	result := &node{kind: kindCondition, value: expr.value, pos: expr.pos}
	var err error
	if result.cond, err = p.process(expr.cond); err != nil {
		return nil, err
	}
	pushAncestry(result, result.cond)
	if result.then, err = p.process(expr.then); err != nil {
		return nil, err
	}
	pushAncestry(result, result.then)
	if expr.els != nil {
		if result.els, err = p.process(expr.els); err != nil {
			return nil, err
		}
		pushAncestry(result, result.els)
	}
	return result, nil
}

func (p *processor) transform(expr *node) (*node, error) {
	result := &node{kind: kindTransform, pos: expr.pos}
	var err error
	if result.pattern, err = p.process(expr.pattern); err != nil {
		return nil, err
	}
	if result.update, err = p.process(expr.update); err != nil {
		return nil, err
	}
	if expr.delete != nil {
		if result.delete, err = p.process(expr.delete); err != nil {
			return nil, err
		}
	}
	return result, nil
}

func (p *processor) block(expr *node) (*node, error) {
	result := &node{kind: kindBlock, value: expr.value, pos: expr.pos}
	for _, item := range expr.items {
		part, err := p.process(item)
		if err != nil {
			return nil, err
		}
		pushAncestry(result, part)
		if part.consArray || (part.kind == kindPath && part.steps[0].consArray) {
			result.consArray = true
		}
		result.items = append(result.items, part)
	}
	return result, nil
}

// seekParent walks back from a step to find the ancestor a slot names.
func (p *processor) seekParent(n *node, s *slot) (*slot, error) {
	switch n.kind {
	case kindName, kindWildcard:
		s.level--
		if s.level == 0 {
			if n.ancestor != nil {
				s.label = n.ancestor.label
			}
			n.ancestor = s
			n.tuple = true
		}
	case kindParent:
		s.level++
	case kindBlock:
		if len(n.items) > 0 {
			n.tuple = true
			return p.seekParent(n.items[len(n.items)-1], s)
		}
	case kindPath:
		n.tuple = true
		i := len(n.steps) - 1
		var err error
		if s, err = p.seekParent(n.steps[i], s); err != nil {
			return nil, err
		}
		for i--; s.level > 0 && i >= 0; i-- {
			if s, err = p.seekParent(n.steps[i], s); err != nil {
				return nil, err
			}
		}
	default:
		return nil, errorAt("S0217", n.pos, n.kind.String())
	}
	return s, nil
}

// pushAncestry passes on the parent slots that a sub-expression is still
// looking for.
func pushAncestry(result, v *node) {
	if v.seeking == nil && v.kind != kindParent {
		return
	}
	slots := append([]*slot(nil), v.seeking...)
	if v.kind == kindParent {
		slots = append(slots, v.slot)
	}
	result.seeking = append(result.seeking, slots...)
	if result.seeking == nil {
		result.seeking = []*slot{}
	}
}

// resolveAncestry resolves the parent slots of a path's last step against
// the earlier steps; what is left is passed up.
func resolveAncestry(path *node) error {
	last := path.steps[len(path.steps)-1]
	slots := append([]*slot(nil), last.seeking...)
	if last.kind == kindParent {
		slots = append(slots, last.slot)
	}
	pr := &processor{}
	for _, s := range slots {
		index := len(path.steps) - 2
		for s.level > 0 {
			if index < 0 {
				path.seeking = append(path.seeking, s)
				break
			}
			step := path.steps[index]
			index--
			for index >= 0 && step.focus != "" && path.steps[index].focus != "" {
				step = path.steps[index]
				index--
			}
			var err error
			if s, err = pr.seekParent(step, s); err != nil {
				return err
			}
		}
	}
	return nil
}
