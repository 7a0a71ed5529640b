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
	if _, ok := input.(*tupleStream); !ok && !isArray(input) && len(g.pairs) <= 8 {
		return ev.groupOne(g, input, env)
	}
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

// groupOne is group for a single item (an object constructor on one
// value): each key names one group, evaluated against the item.
func (ev *evaluator) groupOne(g *grouping, item any, env *frame) (any, error) {
	var keyBuf [8]string
	var pairBuf [8]int
	keys, pairs := keyBuf[:0], pairBuf[:0]
	for i, pair := range g.pairs {
		k, ok, err := ev.groupKey(g, pair[0], item, env)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		if j := indexOfString(keys, k); j >= 0 {
			if pairs[j] != i {
				e := errorValue("D1009", k)
				e.Position = g.pos
				return nil, e
			}
			continue
		}
		keys, pairs = append(keys, k), append(pairs, i)
	}
	result := newObject(len(keys))
	for j, k := range keys {
		v, err := ev.eval(g.pairs[pairs[j]][1], item, env)
		if err != nil {
			return nil, err
		}
		if v != undefined {
			result.set(k, v)
		}
	}
	return result, nil
}

func indexOfString(xs []string, s string) int {
	for i, x := range xs {
		if x == s {
			return i
		}
	}
	return -1
}

// groupKey evaluates a key expression: a string, or false for undefined.
func (ev *evaluator) groupKey(g *grouping, expr *node, item any, env *frame) (string, bool, error) {
	key, err := ev.eval(expr, item, env)
	if err != nil || key == undefined {
		return "", false, err
	}
	k, ok := key.(string)
	if !ok {
		e := errorValue("T1003", key)
		e.Position = g.pos
		return "", false, e
	}
	return k, true, nil
}

// groupSet collects the groups of an object constructor, in the order
// their keys first appear.
type groupSet struct {
	g      *grouping
	groups []*groupEntry
	index  map[string]*groupEntry
}

func (gs *groupSet) add(key string, pairIndex int, item any, t *tuple) error {
	entry, ok := gs.index[key]
	if !ok {
		entry = &groupEntry{key: key, data: item, exprIndex: pairIndex}
		if t != nil {
			entry.tuples = []*tuple{t}
		}
		gs.index[key] = entry
		gs.groups = append(gs.groups, entry)
		return nil
	}
	if entry.exprIndex != pairIndex {
		e := errorValue("D1009", key)
		e.Position = gs.g.pos
		return e
	}
	if t != nil {
		entry.tuples = append(entry.tuples, t)
	} else {
		entry.data = appendValues(entry.data, item)
	}
	return nil
}

func (ev *evaluator) groupItems(g *grouping, input any, env *frame) ([]*groupEntry, error) {
	gs := &groupSet{g: g, index: map[string]*groupEntry{}}
	if ts, ok := input.(*tupleStream); ok {
		for _, t := range ts.items {
			if err := ev.groupKeys(gs, t.ctx, frameFor(env, t), t); err != nil {
				return nil, err
			}
		}
		return gs.groups, nil
	}
	xs, ok := items(input)
	if !ok {
		xs = []any{input}
	}
	if len(xs) == 0 {
		xs = []any{undefined}
	}
	for _, item := range xs {
		if err := ev.groupKeys(gs, item, env, nil); err != nil {
			return nil, err
		}
	}
	return gs.groups, nil
}

func (ev *evaluator) groupKeys(gs *groupSet, item any, env *frame, t *tuple) error {
	for i, pair := range gs.g.pairs {
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
			e.Position = gs.g.pos
			return e
		}
		if err := gs.add(k, i, item, t); err != nil {
			return err
		}
	}
	return nil
}
