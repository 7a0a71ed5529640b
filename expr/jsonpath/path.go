package jsonpath

import (
	"github.com/stepwisehq/stepwise/value"
)

// Path is a compiled JSONPath expression rooted at "$". It is immutable and
// safe for concurrent use.
type Path struct {
	src      string
	toks     []token
	norm     string   // Jayway's normalized form, e.g. $['a'][0]
	prefix   []string // prefix[i]: normalized form of the first i tokens
	restDef  []bool   // restDef[i]: tokens i.. are all definite
	definite bool
	simple   bool // only single names and single indexes: the fast path
}

// NoResultError reports that a path selected nothing, or that evaluation
// could not go on (Jayway's PathNotFoundException).
type NoResultError struct {
	// Normalized is the path as Jayway prints it, e.g. $['a']['b'][0].
	Normalized string
	// Msg is Jayway's message when it is not "No results for path: " +
	// Normalized, e.g. "Missing property in path $['a']".
	Msg string
}

func (e *NoResultError) Error() string {
	if e.Msg != "" {
		return e.Msg
	}
	return "No results for path: " + e.Normalized
}

// EvalError reports a path that cannot be applied to the value it meets
// (Jayway's InvalidPathException at evaluation), e.g. "Filter: [0] can only
// be applied to arrays. Current context is: 1".
type EvalError struct {
	Msg string
}

func (e *EvalError) Error() string { return e.Msg }

// Compile compiles a path rooted at "$". A malformed path is reported as a
// *SyntaxError.
func Compile(src string) (*Path, error) {
	toks, err := parseTokens(src, '$', 0)
	if err != nil {
		if se, ok := err.(*SyntaxError); ok {
			se.Path = src
		}
		return nil, err
	}
	return newPath(src, toks), nil
}

// MustCompile is Compile for constants; it panics on error.
func MustCompile(src string) *Path {
	p, err := Compile(src)
	if err != nil {
		panic(err)
	}
	return p
}

func newPath(src string, toks []token) *Path {
	p := &Path{src: src, toks: toks, simple: true}
	p.prefix = make([]string, len(toks)+1)
	p.prefix[0] = "$"
	for i := range toks {
		p.prefix[i+1] = p.prefix[i] + toks[i].fragment()
		if !isSimple(&toks[i]) {
			p.simple = false
		}
	}
	p.norm = p.prefix[len(toks)]
	p.restDef = make([]bool, len(toks)+1)
	p.restDef[len(toks)] = true
	for i := len(toks) - 1; i >= 0; i-- {
		p.restDef[i] = toks[i].definite() && p.restDef[i+1]
	}
	p.definite = p.restDef[0]
	return p
}

func isSimple(t *token) bool {
	return t.kind == tokProp && len(t.names) == 1 || t.kind == tokIndex && len(t.indexes) == 1
}

// String returns the source text.
func (p *Path) String() string { return p.src }

// Normalized returns the path in Jayway's normalized form, e.g. $['a'][0].
func (p *Path) Normalized() string { return p.norm }

// Definite reports whether the path selects at most one value: it has no
// wildcard, slice, index list, filter or deep scan.
func (p *Path) Definite() bool { return p.definite }

// IsRoot reports whether the path is "$" alone.
func (p *Path) IsRoot() bool { return len(p.toks) == 0 }

// Eval applies the path to root. A definite path returns the value it
// selects, or a *NoResultError when there is none; an index past the end of
// an array selects null, as in AWS. An indefinite path returns an array of
// the values it selects, possibly empty. Errors are *NoResultError or
// *EvalError.
func (p *Path) Eval(root value.Value) (value.Value, error) {
	return p.eval(root, false)
}

// EvalStrict is Eval for intrinsic function arguments: a definite path
// whose last step is an index past the end of an array selects nothing.
func (p *Path) EvalStrict(root value.Value) (value.Value, error) {
	return p.eval(root, true)
}

func (p *Path) eval(root value.Value, strict bool) (value.Value, error) {
	return p.evalIn(root, root, strict)
}

// evalIn applies the path to model; doc is the document "$" refers to in
// filters.
func (p *Path) evalIn(model, doc value.Value, strict bool) (value.Value, error) {
	if len(p.toks) == 0 {
		return model, nil
	}
	if p.simple {
		return p.evalSimple(model, strict)
	}
	e := evaluator{p: p, root: doc, definite: p.definite}
	if err := e.run(0, model); err != nil {
		return nil, err
	}
	if !p.definite {
		if e.out == nil {
			return []value.Value{}, nil
		}
		return e.out, nil
	}
	if e.n == 0 || strict && e.lastHole {
		return nil, &NoResultError{Normalized: p.norm}
	}
	return e.last, nil
}

// evalSimple walks a path of single names and single indexes without
// allocating.
func (p *Path) evalSimple(cur value.Value, strict bool) (value.Value, error) {
	hole := false
	for i := range p.toks {
		t := &p.toks[i]
		var err error
		if t.kind == tokProp {
			cur, err = p.simpleProp(i, cur)
		} else {
			cur, hole, err = p.simpleIndex(i, cur)
		}
		if err != nil {
			return nil, err
		}
	}
	if strict && hole {
		return nil, &NoResultError{Normalized: p.norm}
	}
	return cur, nil
}

func (p *Path) simpleProp(i int, cur value.Value) (value.Value, error) {
	t := &p.toks[i]
	obj, ok := cur.(*value.Object)
	if !ok {
		return nil, propNotFound(t, p.prefix[i])
	}
	v, ok := obj.Get(t.names[0])
	if ok {
		return v, nil
	}
	if i == len(p.toks)-1 {
		return nil, &NoResultError{Normalized: p.norm}
	}
	return nil, missingProperty(p.prefix[i+1])
}

func (p *Path) simpleIndex(i int, cur value.Value) (value.Value, bool, error) {
	arr, ok := cur.([]value.Value)
	if !ok {
		return nil, false, p.notArray(i, cur, i == 0, p.prefix[i])
	}
	v, ok := element(arr, p.toks[i].indexes[0])
	return v, !ok, nil
}

// notArray is the error of an index, slice or list token (token i) that
// meets cur, which is not an array, at position at.
func (p *Path) notArray(i int, cur value.Value, isRoot bool, at string) error {
	if cur == nil {
		return &NoResultError{Normalized: p.norm, Msg: "The path " + at + " is null"}
	}
	return &EvalError{Msg: "Filter: " + p.tail(i) + " can only be applied to arrays. Current context is: " + contextString(cur, isRoot)}
}

// tail is Jayway's toString of token i: its fragment and those after it.
func (p *Path) tail(i int) string { return p.norm[len(p.prefix[i]):] }

// element returns arr[i], counting a negative i from the end; ok is false
// when i is out of range (Jackson's ArrayNode then answers null).
func element(arr []value.Value, i int) (value.Value, bool) {
	if i < 0 {
		i += len(arr)
	}
	if i < 0 || i >= len(arr) {
		return nil, false
	}
	return arr[i], true
}

func propNotFound(t *token, at string) error {
	return &NoResultError{Normalized: at, Msg: "Property " + t.fragment() + " not found in path " + at}
}

func missingProperty(at string) error {
	return &NoResultError{Normalized: at, Msg: "Missing property in path " + at}
}

// contextString renders a value as Jayway's "Current context is: %s" does:
// containers and the root document as JSON, scalars the provider unwrapped
// as Java prints them.
func contextString(v value.Value, isRoot bool) string {
	switch v.(type) {
	case *value.Object, []value.Value:
		return value.String(v)
	}
	if isRoot {
		return value.String(v)
	}
	return JavaString(v)
}
