package jsonpath

import (
	"strconv"

	"github.com/stepwisehq/stepwise/value"
)

// evaluator runs a path that the fast path cannot: it follows the token
// chain the way Jayway's evaluation does, collecting results in order.
type evaluator struct {
	p        *Path
	root     value.Value
	definite bool
	out      []value.Value // results of an indefinite path
	last     value.Value   // last result of a definite path
	lastHole bool          // the last result came from an index past the end
	n        int           // number of results
	trail    []step        // where evaluation is, for messages
}

// step is one element of the current position: a name or an index.
type step struct {
	name  string
	index int
	isIdx bool
}

// cur renders the current position as Jayway's currentPath.
func (e *evaluator) cur() string {
	b := []byte{'$'}
	for _, s := range e.trail {
		if s.isIdx {
			b = append(b, '[')
			b = strconv.AppendInt(b, int64(s.index), 10)
			b = append(b, ']')
			continue
		}
		b = append(b, "['"...)
		b = append(b, s.name...)
		b = append(b, "']"...)
	}
	return string(b)
}

func (e *evaluator) add(v value.Value, hole bool) {
	e.n++
	if e.definite {
		e.last, e.lastHole = v, hole
		return
	}
	e.out = append(e.out, v)
}

// next hands child v of token i on to token i+1, or records it as a result
// when token i is the last.
func (e *evaluator) next(i int, v value.Value, hole bool) error {
	if i+1 == len(e.p.toks) {
		e.add(v, hole)
		return nil
	}
	return e.run(i+1, v)
}

func (e *evaluator) nextName(i int, name string, v value.Value) error {
	e.trail = append(e.trail, step{name: name})
	err := e.next(i, v, false)
	e.trail = e.trail[:len(e.trail)-1]
	return err
}

func (e *evaluator) nextIndex(i, index int, v value.Value, hole bool) error {
	e.trail = append(e.trail, step{index: index, isIdx: true})
	err := e.next(i, v, hole)
	e.trail = e.trail[:len(e.trail)-1]
	return err
}

// run applies token i to model.
func (e *evaluator) run(i int, model value.Value) error {
	switch t := &e.p.toks[i]; t.kind {
	case tokProp:
		return e.prop(i, t, model)
	case tokIndex:
		return e.index(i, t, model)
	case tokSlice:
		return e.slice(i, t, model)
	case tokWildcard:
		return e.wildcard(i, model)
	case tokScan:
		return e.scan(i, model)
	case tokFilter:
		return e.filter(i, t, model)
	}
	return e.function(i, model)
}

// upstreamDefinite is Jayway 2.1's test for whether a missing property in
// the middle of the path is an error: the path from the previous token on
// must be definite.
func (e *evaluator) upstreamDefinite(i int) bool {
	if i == 0 {
		return e.p.restDef[0]
	}
	return e.p.restDef[i-1]
}

func (e *evaluator) prop(i int, t *token, model value.Value) error {
	obj, ok := model.(*value.Object)
	if !ok {
		return propNotFound(t, e.cur())
	}
	if len(t.names) > 1 {
		return e.multiProp(i, t, obj)
	}
	v, ok := obj.Get(t.names[0])
	if ok {
		return e.nextName(i, t.names[0], v)
	}
	if i == len(e.p.toks)-1 || !e.upstreamDefinite(i) {
		return nil
	}
	return missingProperty(e.cur() + t.fragment())
}

// multiProp merges ['a', 'b'] into one object of the names present.
func (e *evaluator) multiProp(i int, t *token, obj *value.Object) error {
	if i != len(e.p.toks)-1 {
		return &EvalError{Msg: "Multi properties can only be used as path leafs: " + e.cur() + t.fragment()}
	}
	ms := make([]value.Member, 0, len(t.names))
	for _, name := range t.names {
		if v, ok := obj.Get(name); ok {
			ms = append(ms, value.Member{Key: name, Value: v})
		}
	}
	e.add(value.NewObject(ms), false)
	return nil
}

func (e *evaluator) arrayModel(i int, model value.Value) ([]value.Value, error) {
	if arr, ok := model.([]value.Value); ok {
		return arr, nil
	}
	return nil, e.p.notArray(i, model, len(e.trail) == 0, e.cur())
}

func (e *evaluator) index(i int, t *token, model value.Value) error {
	arr, err := e.arrayModel(i, model)
	if err != nil {
		return err
	}
	for _, n := range t.indexes {
		v, ok := element(arr, n)
		if err := e.nextIndex(i, n, v, !ok); err != nil {
			return err
		}
	}
	return nil
}

// slice selects [from:to] as Jayway does; the indexes it visits that are
// out of range are skipped.
func (e *evaluator) slice(i int, t *token, model value.Value) error {
	arr, err := e.arrayModel(i, model)
	if err != nil {
		return err
	}
	from, to := sliceBounds(t, len(arr))
	for n := from; n < to; n++ {
		v, ok := element(arr, n)
		if !ok {
			continue
		}
		if err := e.nextIndex(i, n, v, false); err != nil {
			return err
		}
	}
	return nil
}

// sliceBounds returns the indexes a slice visits, before negative indexes
// are counted from the end: Jayway adjusts a negative start only when there
// is no end.
func sliceBounds(t *token, n int) (from, to int) {
	switch {
	case t.hasFrom && !t.hasTo:
		from = t.from
		if from < 0 {
			from = max(0, n+from)
		}
		return from, n
	case !t.hasFrom:
		to = t.to
		if to < 0 {
			to = n + to
		}
		return 0, min(n, to)
	}
	return t.from, min(n, t.to)
}

// wildcard selects every member or element. Jayway ignores a path that
// cannot go on below an array element, but not below an object member.
func (e *evaluator) wildcard(i int, model value.Value) error {
	switch m := model.(type) {
	case *value.Object:
		for _, mem := range m.Members() {
			if err := e.nextName(i, mem.Key, mem.Value); err != nil {
				return err
			}
		}
	case []value.Value:
		for n, v := range m {
			err := e.nextIndex(i, n, v, false)
			if _, notFound := err.(*NoResultError); err != nil && !notFound {
				return err
			}
		}
	}
	return nil
}

func (e *evaluator) filter(i int, t *token, model value.Value) error {
	switch m := model.(type) {
	case *value.Object:
		if t.filter.accept(m, e.root) {
			return e.next(i, m, false)
		}
		return nil
	case []value.Value:
		for n, v := range m {
			if !t.filter.accept(v, e.root) {
				continue
			}
			if err := e.nextIndex(i, n, v, false); err != nil {
				return err
			}
		}
		return nil
	}
	return &EvalError{Msg: "Filter: " + e.p.tail(i) + " can not be applied to primitives. Current context is: " + contextString(model, len(e.trail) == 0)}
}

func (e *evaluator) function(i int, model value.Value) error {
	v, err := applyFunction(e.p.toks[i].fn, model)
	if err != nil {
		return err
	}
	e.add(v, false)
	return nil
}
