package engine

import "github.com/stepwisehq/stepwise/value"

// scope holds workflow variables. A Parallel branch or Map iteration gets a
// scope of its own that reads its parent's variables but assigns only its
// own, as AWS's variable scoping rules require.
type scope struct {
	parent *scope
	vars   map[string]value.Value
}

func newScope(parent *scope) *scope { return &scope{parent: parent} }

func (s *scope) lookup(name string) (value.Value, bool) {
	for ; s != nil; s = s.parent {
		if v, ok := s.vars[name]; ok {
			return v, true
		}
	}
	return nil, false
}

func (s *scope) set(name string, v value.Value) {
	if s.vars == nil {
		s.vars = make(map[string]value.Value)
	}
	s.vars[name] = v
}
