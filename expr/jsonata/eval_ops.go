package jsonata

import (
	"math"
)

// binary evaluates a binary operator.
func (ev *evaluator) binary(n *node, input any, env *frame) (any, error) {
	lhs, err := ev.eval(n.lhs, input, env)
	if err != nil {
		return nil, err
	}
	if n.op == opAnd || n.op == opOr {
		return ev.boolean(n, lhs, input, env)
	}
	rhs, err := ev.eval(n.rhs, input, env)
	if err != nil {
		return nil, err
	}
	var result any
	if n.op == opRange {
		result, err = ev.rangeOf(lhs, rhs)
	} else {
		result, err = operate(n.op, lhs, rhs)
	}
	if err != nil {
		if e, ok := err.(*Error); ok {
			e.Position = n.pos
			e.setToken(n.value)
		}
		return nil, err
	}
	return result, nil
}

func operate(op opcode, lhs, rhs any) (any, error) {
	switch op {
	case opAdd, opSub, opMul, opDiv, opMod:
		return arithmetic(op, lhs, rhs)
	case opEq:
		return lhs != undefined && rhs != undefined && deepEqual(lhs, rhs), nil
	case opNe:
		return lhs != undefined && rhs != undefined && !deepEqual(lhs, rhs), nil
	case opLt, opLe, opGt, opGe:
		return compare(op, lhs, rhs)
	case opConcat:
		return concat(lhs, rhs)
	case opIn:
		return includes(lhs, rhs), nil
	}
	return undefined, nil
}

func (ev *evaluator) boolean(n *node, lhs, input any, env *frame) (any, error) {
	l := truthy(lhs)
	if n.op == opAnd && !l {
		return false, nil
	}
	if n.op == opOr && l {
		return true, nil
	}
	rhs, err := ev.eval(n.rhs, input, env)
	if err != nil {
		if e, ok := err.(*Error); ok {
			e.Position = n.pos
			e.setToken(n.value)
		}
		return nil, err
	}
	return truthy(rhs), nil
}

func arithmetic(op opcode, lhs, rhs any) (any, error) {
	l, lok, err := numeric(lhs)
	if err != nil {
		return nil, err
	}
	if lhs != undefined && !lok {
		return nil, errorValue("T2001", lhs)
	}
	r, rok, err := numeric(rhs)
	if err != nil {
		return nil, err
	}
	if rhs != undefined && !rok {
		return nil, errorValue("T2002", rhs)
	}
	if !lok || !rok {
		return undefined, nil
	}
	switch op {
	case opAdd:
		return l + r, nil
	case opSub:
		return l - r, nil
	case opMul:
		return l * r, nil
	case opDiv:
		return l / r, nil
	}
	return math.Mod(l, r), nil
}

func compare(op opcode, lhs, rhs any) (any, error) {
	lt, rt := typeSymbol(lhs), typeSymbol(rhs)
	lok := lt == 'm' || lt == 's' || lt == 'n'
	rok := rt == 'm' || rt == 's' || rt == 'n'
	if !lok || !rok {
		bad := rhs
		if lt != 's' && lt != 'n' {
			bad = lhs
		}
		return nil, errorValue("T2010", bad)
	}
	if lt == 'm' || rt == 'm' {
		return undefined, nil
	}
	if lt != rt {
		e := errorValue("T2009", lhs)
		e.value2 = rhs
		return nil, e
	}
	return ordered(op, lhs, rhs), nil
}

func ordered(op opcode, lhs, rhs any) bool {
	if ls, ok := lhs.(string); ok {
		rs := rhs.(string)
		less, greater := lessUTF16(ls, rs), lessUTF16(rs, ls)
		switch op {
		case opLt:
			return less
		case opLe:
			return !greater
		case opGt:
			return greater
		}
		return !less
	}
	l, r := mustNumber(lhs), mustNumber(rhs)
	switch op {
	case opLt:
		return l < r
	case opLe:
		return l <= r
	case opGt:
		return l > r
	}
	return l >= r
}

func concat(lhs, rhs any) (any, error) {
	var l, r string
	var err error
	if lhs != undefined {
		if l, err = toString(lhs, false); err != nil {
			return nil, err
		}
	}
	if rhs != undefined {
		if r, err = toString(rhs, false); err != nil {
			return nil, err
		}
	}
	return l + r, nil
}

// rangeLimit is the reference's limit on the size of a range.
const rangeLimit = 1e7

// rangeOf evaluates lhs..rhs; its items count towards the step budget.
func (ev *evaluator) rangeOf(lhs, rhs any) (any, error) {
	l, lok := number(lhs)
	if lhs != undefined && (!lok || l != math.Trunc(l) || math.IsInf(l, 0)) {
		return nil, errorValue("T2003", lhs)
	}
	r, rok := number(rhs)
	if rhs != undefined && (!rok || r != math.Trunc(r) || math.IsInf(r, 0)) {
		return nil, errorValue("T2004", rhs)
	}
	if lhs == undefined || rhs == undefined || l > r {
		return undefined, nil
	}
	size := r - l + 1
	if size > rangeLimit {
		return nil, errorValue("D2014", size)
	}
	ev.steps += int(size)
	if ev.maxSteps > 0 && ev.steps > ev.maxSteps {
		return nil, errorValue("U1001", float64(ev.maxSteps))
	}
	out := make([]any, int(size))
	for i := range out {
		if v := l + float64(i); v >= 0 && v < float64(len(smallInts)) {
			out[i] = smallInts[int(v)]
		} else {
			out[i] = v
		}
	}
	return &array{items: out, seq: true}, nil
}

func includes(lhs, rhs any) bool {
	if lhs == undefined || rhs == undefined {
		return false
	}
	xs, ok := items(rhs)
	if !ok {
		return strictEqual(rhs, lhs)
	}
	for _, x := range xs {
		if strictEqual(x, lhs) {
			return true
		}
	}
	return false
}

// unary evaluates negation and the array and object constructors.
func (ev *evaluator) unary(n *node, input any, env *frame) (any, error) {
	switch n.op {
	case opNeg:
		return ev.negate(n, input, env)
	case opArray:
		return ev.arrayConstructor(n, input, env)
	}
	return ev.group(n.ctor, input, env)
}

func (ev *evaluator) negate(n *node, input any, env *frame) (any, error) {
	v, err := ev.eval(n.expr, input, env)
	if err != nil {
		return nil, err
	}
	if v == undefined {
		return undefined, nil
	}
	f, ok, err := numeric(v)
	if err != nil {
		return nil, err
	}
	if !ok {
		e := errorValue("D1002", v)
		e.Position = n.pos
		e.setToken(n.value)
		return nil, e
	}
	return -f, nil
}

func (ev *evaluator) arrayConstructor(n *node, input any, env *frame) (any, error) {
	result := &array{items: make([]any, 0, len(n.items)), cons: n.consArray}
	for _, item := range n.items {
		v, err := ev.eval(item, input, env)
		if err != nil {
			return nil, err
		}
		if v == undefined {
			continue
		}
		if item.kind == kindUnary && item.op == opArray {
			result.push(v)
		} else if xs, ok := items(v); ok {
			result.items = append(result.items, xs...)
		} else {
			result.push(v)
		}
	}
	return result, nil
}
