package jsonata

import "math"

// fastPaths enables the direct lookup of one-name paths (tests compare it
// with the general evaluation).
var fastPaths = true

// path evaluates a location path step by step. Steps that bind a focus
// (@$v), a position (#$i) or an ancestor (%) make the path carry a tuple
// stream: each item with the variables bound along the way.
func (ev *evaluator) path(n *node, input any, env *frame) (any, error) {
	if n.simple && fastPaths && !isArray(input) {
		// a single name on one value: the lookup is the result
		ev.steps++
		return lookupField(input, n.steps[0].value), nil
	}
	ps := &pathState{result: undefined}
	var err error
	if !isArray(input) || n.steps[0].kind == kindVariable {
		// a sequence of the one input, made only if a step needs it
		one := [1]any{input}
		err = ev.runSteps(n, nil, one[:], ps, env)
	} else {
		inItems, _ := items(input)
		err = ev.runSteps(n, input, inItems, ps, env)
	}
	if err != nil {
		return nil, err
	}
	result := ps.result
	if ps.isTuple {
		result = tupleResult(n, ps.tuples)
	}
	if n.keepSingle {
		result = keepSingleton(result)
	}
	if n.group == nil {
		return result, nil
	}
	if ps.isTuple {
		return ev.group(n.group, ps.tuples, env)
	}
	return ev.group(n.group, result, env)
}

// pathState is where a path's evaluation has got to.
type pathState struct {
	result  any
	tuples  *tupleStream
	isTuple bool
}

// runSteps evaluates a path's steps in turn; once a step binds a variable
// the path carries a tuple stream.
// inSeq is the input sequence (nil when it is to be made of inItems).
func (ev *evaluator) runSteps(n *node, inSeq any, inItems []any, ps *pathState, env *frame) error {
	last := len(n.steps) - 1
	for i, step := range n.steps {
		ps.isTuple = ps.isTuple || step.tuple
		if inSeq == nil && ((i == 0 && step.consArray) || step.kind == kindSort) {
			inSeq = &array{items: append([]any(nil), inItems...), seq: true}
		}
		var err error
		switch {
		case i == 0 && step.consArray:
			ps.result, err = ev.eval(step, inSeq, env)
		case ps.isTuple:
			ps.tuples, err = ev.tupleStep(step, inItems, ps.tuples, env)
		default:
			ps.result, err = ev.step(step, inItems, inSeq, env, i == last)
		}
		if err != nil {
			return err
		}
		if !ps.isTuple && emptyResult(ps.result) {
			return nil
		}
		if step.focus == "" {
			inSeq = ps.result
			inItems, _ = items(inSeq)
		}
	}
	return nil
}

func emptyResult(v any) bool {
	if v == undefined {
		return true
	}
	xs, ok := items(v)
	return ok && len(xs) == 0
}

func tupleResult(n *node, tuples *tupleStream) any {
	if n.tuple {
		return tuples
	}
	out := newSeq(len(tuples.items))
	for _, t := range tuples.items {
		out.push(t.ctx)
	}
	return out
}

func keepSingleton(result any) any {
	a, ok := result.(*array)
	if !ok {
		return result
	}
	if a.cons && !a.seq {
		a = seqOf(a)
	}
	a.keep = true
	return a
}

// step evaluates one step against each item of the input sequence and
// flattens the results into a sequence.
func (ev *evaluator) step(step *node, input []any, inSeq any, env *frame, lastStep bool) (any, error) {
	if step.kind == kindSort {
		result, err := ev.sort(step, inSeq, env)
		if err != nil || step.stages == nil {
			return result, err
		}
		return ev.stagesOnValues(step.stages, result, env)
	}
	if len(step.stages) == 1 && step.stages[0].filter.kind != kindNumber {
		return ev.filteredStep(step, input, env)
	}
	var first any = undefined
	var out *array
	count := 0
	for _, item := range input {
		res, err := ev.stepItem(step, item, env)
		if err != nil {
			return nil, err
		}
		if res == undefined {
			continue
		}
		count++
		switch count {
		case 1:
			first = res
			continue
		case 2:
			out = newSeq(len(input))
			out.appendFlat(first)
		}
		out.appendFlat(res)
	}
	if count > 1 {
		return out, nil
	}
	return singleStepResult(first, lastStep), nil
}

// filteredStep is step for a step with one (non-index) predicate: the
// filter gives a sequence for each item, which the step flattens, so the
// kept items go straight into the step's sequence.
func (ev *evaluator) filteredStep(step *node, input []any, env *frame) (any, error) {
	pred := step.stages[0].filter
	out := newSeq(0)
	for _, item := range input {
		res, err := ev.eval(step, item, env)
		if err != nil {
			return nil, err
		}
		var one [1]any
		xs, ok := items(res)
		if !ok {
			one[0] = res
			xs = one[:]
		}
		for index, x := range xs {
			count, err := ev.selects(pred, x, env, index, len(xs))
			if err != nil {
				return nil, err
			}
			for ; count > 0; count-- {
				out.push(x)
			}
		}
	}
	return out, nil
}

// stepItem evaluates a step against one item and applies its predicates.
func (ev *evaluator) stepItem(step *node, item any, env *frame) (any, error) {
	res, err := ev.eval(step, item, env)
	for _, st := range step.stages {
		if err != nil {
			break
		}
		res, err = ev.filter(st.filter, res, env)
	}
	return res, err
}

// singleStepResult is a step's sequence when at most one item gave a
// result: the last step keeps a lone (non-sequence) array as it is.
func singleStepResult(first any, lastStep bool) any {
	switch {
	case first == undefined:
		return undefined
	case lastStep && isArray(first) && !isSequence(first):
		return first
	}
	if xs, ok := items(first); ok && !isCons(first) {
		out := newSeq(len(xs))
		out.items = append(out.items, xs...)
		return out
	}
	return seqOf(first)
}

func isCons(v any) bool {
	a, ok := v.(*array)
	return ok && a.cons
}

// appendFlat adds a step's result to the step's sequence: arrays (but not
// those an array constructor made) are flattened into it.
func (a *array) appendFlat(res any) {
	switch x := res.(type) {
	case *array:
		if !x.cons {
			a.items = append(a.items, x.items...)
			return
		}
	case []any:
		a.items = append(a.items, x...)
		return
	}
	a.items = append(a.items, res)
}

// stagesOnValues applies filter stages to a sorted (non-tuple) sequence.
func (ev *evaluator) stagesOnValues(stages []*stage, v any, env *frame) (any, error) {
	var err error
	for _, st := range stages {
		if st.filter == nil {
			continue
		}
		if v, err = ev.filter(st.filter, v, env); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// filter applies a predicate to a value (treated as a sequence): a number
// selects by index (negative from the end), numbers select by any of them,
// anything else keeps the items for which it is true.
func (ev *evaluator) filter(pred *node, input any, env *frame) (any, error) {
	if ts, ok := input.(*tupleStream); ok {
		return ev.filterTuples(pred, ts, env)
	}
	xs, ok := items(input)
	if !ok {
		xs = []any{input}
	}
	if pred.kind == kindNumber {
		return indexItem(xs, pred.num), nil
	}
	results := newSeq(0)
	for index, item := range xs {
		count, err := ev.selects(pred, item, env, index, len(xs))
		if err != nil {
			return nil, err
		}
		for ; count > 0; count-- {
			results.push(item)
		}
	}
	return results, nil
}

func indexItem(xs []any, num float64) any {
	results := newSeq(1)
	index := floorIndex(num, len(xs))
	if index < 0 || index >= len(xs) || xs[index] == undefined {
		return results
	}
	if isArray(xs[index]) {
		return xs[index]
	}
	results.push(xs[index])
	return results
}

func floorIndex(num float64, n int) int {
	f := floorFloat(num)
	if f < 0 {
		f += float64(n)
	}
	if f < -1 || f > float64(n) {
		return -1
	}
	return int(f)
}

// selects evaluates a predicate for one item and returns how many times
// the item is selected (numbers select it once for each that names it).
func (ev *evaluator) selects(pred *node, context any, env *frame, index, n int) (int, error) {
	res, err := ev.eval(pred, context, env)
	if err != nil {
		return 0, err
	}
	if _, ok, err := numeric(res); err != nil {
		return 0, err
	} else if ok {
		return indexAmong([]any{res}, index, n), nil
	}
	if xs, ok := items(res); ok {
		nums, err := allNumeric(xs)
		if err != nil {
			return 0, err
		}
		if nums {
			return indexAmong(xs, index, n), nil
		}
	}
	if truthy(res) {
		return 1, nil
	}
	return 0, nil
}

func mustNumber(v any) float64 {
	f, _ := number(v)
	return f
}

func allNumeric(xs []any) (bool, error) {
	all := true
	for _, x := range xs {
		_, ok, err := numeric(x)
		if err != nil {
			return false, err
		}
		all = all && ok
	}
	return all, nil
}

func indexAmong(xs []any, index, n int) int {
	count := 0
	for _, x := range xs {
		if floorIndex(mustNumber(x), n) == index {
			count++
		}
	}
	return count
}

func floorFloat(f float64) float64 { return math.Floor(f) }
