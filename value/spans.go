package value

// Spans remembers the source text of the arrays and objects of a parsed
// document, so that a value passed through unchanged can be printed exactly
// as it was written, as some AWS APIs (TestState) echo their inputs.
type Spans struct {
	src     string
	objects map[*Object][2]int
	arrays  map[*Value][2]int // keyed by the array's first element
}

// ParseWithSpans is Parse that also records the source text of every
// non-empty array and object.
func ParseWithSpans(data string) (Value, *Spans, error) {
	sp := &Spans{src: data, objects: map[*Object][2]int{}, arrays: map[*Value][2]int{}}
	p := parser{data: []byte(data), spans: sp}
	p.skipSpace()
	v, err := p.value(0)
	if err != nil {
		return nil, nil, err
	}
	p.skipSpace()
	if p.pos < len(p.data) {
		return nil, nil, p.errorf("unexpected %s after the value", p.describe())
	}
	return v, sp, nil
}

// Text returns the source text of v when v is an array or object of the
// parsed document (the same one, not an equal copy).
func (s *Spans) Text(v Value) (string, bool) {
	if s == nil {
		return "", false
	}
	var span [2]int
	var ok bool
	switch x := v.(type) {
	case *Object:
		span, ok = s.objects[x]
	case []Value:
		if len(x) > 0 {
			span, ok = s.arrays[&x[0]]
		}
	}
	if !ok {
		return "", false
	}
	return s.src[span[0]:span[1]], true
}

func (s *Spans) record(v Value, start, end int) {
	switch x := v.(type) {
	case *Object:
		s.objects[x] = [2]int{start, end}
	case []Value:
		if len(x) > 0 {
			s.arrays[&x[0]] = [2]int{start, end}
		}
	}
}
