package jsonata

// appendValues is the reference's $append: undefined operands are ignored,
// others are concatenated into a new (plain) array.
func appendValues(a, b any) any {
	if a == undefined {
		return b
	}
	if b == undefined {
		return a
	}
	xa, ok := items(a)
	if !ok {
		xa = []any{a}
	}
	xb, ok := items(b)
	if !ok {
		xb = []any{b}
	}
	out := make([]any, 0, len(xa)+len(xb))
	out = append(out, xa...)
	return &array{items: append(out, xb...)}
}

// groupEntry collects the items whose key expression gave a key.
type groupEntry struct {
	key       string
	data      any      // the items (appended), for a value sequence
	tuples    []*tuple // the items, for a tuple stream
	exprIndex int
}

// group evaluates an object constructor over a sequence (or a tuple
// stream): items are grouped by the value of each key expression, and the
// value expression is evaluated once per group.
func (ev *evaluator) group(g *grouping, input any, env *frame) (any, error) {
	groups, err := ev.groupItems(g, input, env)
	if err != nil {
		return nil, err
	}
	result := newObject(len(groups))
	for _, entry := range groups {
		context, genv := entry.data, env
		if entry.tuples != nil {
			t := reduceTuples(entry.tuples)
			context, genv = t.ctx, frameFor(env, t)
		}
		v, err := ev.eval(g.pairs[entry.exprIndex][1], context, genv)
		if err != nil {
			return nil, err
		}
		if v != undefined {
			result.set(entry.key, v)
		}
	}
	return result, nil
}

func (ev *evaluator) groupItems(g *grouping, input any, env *frame) ([]*groupEntry, error) {
	var groups []*groupEntry
	index := map[string]*groupEntry{}
	add := func(key string, pairIndex int, item any, t *tuple) error {
		entry, ok := index[key]
		if !ok {
			entry = &groupEntry{key: key, data: item, exprIndex: pairIndex}
			if t != nil {
				entry.tuples = []*tuple{t}
			}
			index[key] = entry
			groups = append(groups, entry)
			return nil
		}
		if entry.exprIndex != pairIndex {
			e := errorValue("D1009", key)
			e.Position = g.pos
			return e
		}
		if t != nil {
			entry.tuples = append(entry.tuples, t)
		} else {
			entry.data = appendValues(entry.data, item)
		}
		return nil
	}
	if ts, ok := input.(*tupleStream); ok {
		for _, t := range ts.items {
			if err := ev.groupKeys(g, t.ctx, frameFor(env, t), t, add); err != nil {
				return nil, err
			}
		}
		return groups, nil
	}
	xs, ok := items(input)
	if !ok {
		xs = []any{input}
	}
	if len(xs) == 0 {
		xs = []any{undefined}
	}
	for _, item := range xs {
		if err := ev.groupKeys(g, item, env, nil, add); err != nil {
			return nil, err
		}
	}
	return groups, nil
}

func (ev *evaluator) groupKeys(g *grouping, item any, env *frame, t *tuple,
	add func(string, int, any, *tuple) error) error {
	for i, pair := range g.pairs {
		key, err := ev.eval(pair[0], item, env)
		if err != nil {
			return err
		}
		if key == undefined {
			continue
		}
		k, ok := key.(string)
		if !ok {
			e := errorValue("T1003", key)
			e.Position = g.pos
			return e
		}
		if err := add(k, i, item, t); err != nil {
			return err
		}
	}
	return nil
}
