package jsonata

// tuple is one item of a tuple stream: the context value (the reference's
// '@') and the variables bound along a path (focus, index, ancestor labels).
type tuple struct {
	ctx   any
	names []string
	vals  []any
}

// tupleStream is a sequence of tuples flowing through a path.
type tupleStream struct {
	items []*tuple
}

func (t *tuple) get(name string) (any, bool) {
	for i, n := range t.names {
		if n == name {
			return t.vals[i], true
		}
	}
	return undefined, false
}

func (t *tuple) set(name string, v any) {
	for i, n := range t.names {
		if n == name {
			t.vals[i] = v
			return
		}
	}
	t.names = append(t.names, name)
	t.vals = append(t.vals, v)
}

func (t *tuple) copy() *tuple {
	c := &tuple{ctx: t.ctx}
	if len(t.names) > 0 {
		c.names = append(make([]string, 0, len(t.names)+1), t.names...)
		c.vals = append(make([]any, 0, len(t.vals)+1), t.vals...)
	}
	return c
}

// merge copies another tuple's bindings (and context) into t.
func (t *tuple) merge(o *tuple) {
	t.ctx = o.ctx
	for i, n := range o.names {
		t.set(n, o.vals[i])
	}
}

// frameFor makes a scope binding a tuple's variables.
func frameFor(env *frame, t *tuple) *frame {
	f := &frame{parent: env}
	if len(t.names) > 0 {
		f.names = append([]string(nil), t.names...)
		f.vals = append([]any(nil), t.vals...)
	}
	return f
}

// tupleStep evaluates a step of a tuple-stream path.
func (ev *evaluator) tupleStep(step *node, input []any, in *tupleStream, env *frame) (*tupleStream, error) {
	if step.kind == kindSort {
		return ev.tupleSortStep(step, input, in, env)
	}
	if in == nil {
		in = &tupleStream{items: make([]*tuple, len(input))}
		for i, item := range input {
			in.items[i] = &tuple{ctx: item}
		}
	}
	result := &tupleStream{}
	for _, t := range in.items {
		res, err := ev.eval(step, t.ctx, frameFor(env, t))
		if err != nil {
			return nil, err
		}
		if res != undefined {
			result.items = appendTuples(result.items, step, t, res)
		}
	}
	if step.stages != nil {
		return ev.tupleStages(step.stages, result, env)
	}
	return result, nil
}

func appendTuples(out []*tuple, step *node, t *tuple, res any) []*tuple {
	if ts, ok := res.(*tupleStream); ok {
		for _, r := range ts.items {
			c := t.copy()
			c.merge(r)
			out = append(out, c)
		}
		return out
	}
	xs, ok := items(res)
	if !ok {
		xs = []any{res}
	}
	for bb, x := range xs {
		c := t.copy()
		if step.focus != "" {
			c.set(step.focus, x)
		} else {
			c.ctx = x
		}
		if step.index != "" {
			c.set(step.index, float64(bb))
		}
		if step.ancestor != nil {
			c.set(step.ancestor.label, t.ctx)
		}
		out = append(out, c)
	}
	return out
}

func (ev *evaluator) tupleSortStep(step *node, input []any, in *tupleStream, env *frame) (*tupleStream, error) {
	var result *tupleStream
	if in != nil {
		sorted, err := ev.sortTuples(step, in, env)
		if err != nil {
			return nil, err
		}
		result = sorted
	} else {
		sorted, err := ev.sort(step, &array{items: append([]any(nil), input...), seq: true}, env)
		if err != nil {
			return nil, err
		}
		xs, _ := items(sorted)
		result = &tupleStream{items: make([]*tuple, len(xs))}
		for i, x := range xs {
			result.items[i] = &tuple{ctx: x}
			if step.index != "" {
				result.items[i].set(step.index, float64(i))
			}
		}
	}
	if step.stages != nil {
		return ev.tupleStages(step.stages, result, env)
	}
	return result, nil
}

// tupleStages applies a step's predicates and position bindings in order.
func (ev *evaluator) tupleStages(stages []*stage, ts *tupleStream, env *frame) (*tupleStream, error) {
	for _, st := range stages {
		if st.filter == nil {
			for i, t := range ts.items {
				t.set(st.index, float64(i))
			}
			continue
		}
		var err error
		if ts, err = ev.filterTuples(st.filter, ts, env); err != nil {
			return nil, err
		}
	}
	return ts, nil
}

func (ev *evaluator) filterTuples(pred *node, ts *tupleStream, env *frame) (*tupleStream, error) {
	results := &tupleStream{}
	n := len(ts.items)
	if pred.kind == kindNumber {
		index := floorIndex(pred.num, n)
		if index >= 0 && index < n {
			results.items = append(results.items, ts.items[index])
		}
		return results, nil
	}
	for index, t := range ts.items {
		count, err := ev.selects(pred, t.ctx, frameFor(env, t), index, n)
		if err != nil {
			return nil, err
		}
		for ; count > 0; count-- {
			results.items = append(results.items, t)
		}
	}
	return results, nil
}

// reduceTuples merges the tuples of a group into one: each variable (and
// the context) holds the values of all of them, appended.
func reduceTuples(ts []*tuple) *tuple {
	result := ts[0].copy()
	for _, t := range ts[1:] {
		result.ctx = appendValues(result.ctx, t.ctx)
		for i, name := range t.names {
			prev, _ := result.get(name)
			result.set(name, appendValues(prev, t.vals[i]))
		}
	}
	return result
}
