package jsonata

// swapFunc reports whether a and b must be swapped (a sorts after b).
type swapFunc func(a, b any) (bool, error)

// mergeSort is the reference's stable top-down merge sort; the comparator
// says whether to swap.
func mergeSort(xs []any, swap swapFunc) ([]any, error) {
	if len(xs) <= 1 {
		return xs, nil
	}
	mid := len(xs) / 2
	left, err := mergeSort(append([]any(nil), xs[:mid]...), swap)
	if err != nil {
		return nil, err
	}
	right, err := mergeSort(append([]any(nil), xs[mid:]...), swap)
	if err != nil {
		return nil, err
	}
	merged := make([]any, 0, len(xs))
	for len(left) > 0 && len(right) > 0 {
		s, err := swap(left[0], right[0])
		if err != nil {
			return nil, err
		}
		if s {
			merged, right = append(merged, right[0]), right[1:]
		} else {
			merged, left = append(merged, left[0]), left[1:]
		}
	}
	merged = append(merged, left...)
	return append(merged, right...), nil
}

// sort evaluates an order-by step on a sequence of values.
func (ev *evaluator) sort(step *node, input any, env *frame) (any, error) {
	xs, ok := items(input)
	if !ok || len(xs) <= 1 {
		return input, nil
	}
	sorted, err := mergeSort(xs, func(a, b any) (bool, error) {
		return ev.orderSwap(step, a, env, b, env)
	})
	if err != nil {
		return nil, err
	}
	return &array{items: sorted}, nil
}

// sortTuples evaluates an order-by step on a tuple stream.
func (ev *evaluator) sortTuples(step *node, ts *tupleStream, env *frame) (*tupleStream, error) {
	if len(ts.items) <= 1 {
		return ts, nil
	}
	xs := make([]any, len(ts.items))
	for i, t := range ts.items {
		xs[i] = t
	}
	sorted, err := mergeSort(xs, func(a, b any) (bool, error) {
		ta, tb := a.(*tuple), b.(*tuple)
		return ev.orderSwap(step, ta.ctx, frameFor(env, ta), tb.ctx, frameFor(env, tb))
	})
	if err != nil {
		return nil, err
	}
	out := &tupleStream{items: make([]*tuple, len(sorted))}
	for i, x := range sorted {
		out.items[i] = x.(*tuple)
	}
	return out, nil
}

// orderSwap compares two items by the order-by terms.
func (ev *evaluator) orderSwap(step *node, a any, envA *frame, b any, envB *frame) (bool, error) {
	comp := 0
	for _, term := range step.terms {
		aa, err := ev.eval(term.expr, a, envA)
		if err != nil {
			return false, err
		}
		bb, err := ev.eval(term.expr, b, envB)
		if err != nil {
			return false, err
		}
		var ordered bool
		if comp, ordered, err = compareTerm(step, aa, bb); err != nil {
			return false, err
		}
		if comp != 0 {
			if ordered && term.descending {
				comp = -comp
			}
			break
		}
	}
	return comp == 1, nil
}

// compareTerm compares two values of a term; undefined sorts last
// whatever the direction (ordered is false then).
func compareTerm(step *node, aa, bb any) (comp int, ordered bool, err error) {
	switch {
	case aa == undefined && bb == undefined:
		return 0, false, nil
	case aa == undefined:
		return 1, false, nil
	case bb == undefined:
		return -1, false, nil
	}
	at, bt := typeSymbol(aa), typeSymbol(bb)
	if (at != 'n' && at != 's') || (bt != 'n' && bt != 's') {
		bad := aa
		if at == 'n' || at == 's' {
			bad = bb
		}
		e := errorValue("T2008", bad)
		e.Position = step.pos
		return 0, false, e
	}
	if at != bt {
		e := errorValue("T2007", aa)
		e.value2, e.Position = bb, step.pos
		return 0, false, e
	}
	return compareScalars(aa, bb), true, nil
}

// compareScalars orders two numbers or two strings.
func compareScalars(a, b any) int {
	if sa, ok := a.(string); ok {
		sb := b.(string)
		switch {
		case sa == sb:
			return 0
		case lessUTF16(sa, sb):
			return -1
		}
		return 1
	}
	fa, _ := number(a)
	fb, _ := number(b)
	switch {
	case fa == fb:
		return 0
	case fa < fb:
		return -1
	}
	return 1
}
