package payload

import (
	"strings"

	"github.com/stepwisehq/stepwise/expr"
	"github.com/stepwisehq/stepwise/expr/intrinsic"
	"github.com/stepwisehq/stepwise/expr/jsonpath"
	"github.com/stepwisehq/stepwise/value"
)

// Template is a compiled payload template (Parameters, ItemSelector,
// ResultSelector, or a JSONPath state's Assign): a JSON value whose object
// keys ending in ".$" hold a path or an intrinsic function call whose result
// replaces them, under the key without ".$". Key order is kept, and parts
// with nothing to evaluate are shared, not copied.
type Template struct {
	field string
	root  tnode
}

type tkind uint8

const (
	tConst  tkind = iota // a value with nothing to evaluate
	tObject              // an object with something to evaluate inside
	tArray               // an array with something to evaluate inside
	tPath                // "key.$": "$..."
	tCall                // "key.$": "States.X(...)"
)

type tnode struct {
	kind  tkind
	val   value.Value // tConst
	keys  []string    // tObject: the output keys
	kids  []tnode     // tObject members, tArray items
	field string      // tPath, tCall: the key, with ".$"
	ref   *jsonpath.Ref
	call  *intrinsic.Call
}

// CompileTemplate compiles the template v of the ASL field named field.
func CompileTemplate(field string, v value.Value) (*Template, error) {
	n, err := compileNode(v)
	if err != nil {
		return nil, err
	}
	return &Template{field: field, root: n}, nil
}

func compileNode(v value.Value) (tnode, error) {
	switch x := v.(type) {
	case *value.Object:
		return compileObject(x)
	case []value.Value:
		return compileArray(x)
	}
	return tnode{kind: tConst, val: v}, nil
}

func compileObject(o *value.Object) (tnode, error) {
	n := tnode{kind: tObject}
	dynamic := false
	for _, m := range o.Members() {
		key, kid, err := compileMember(m)
		if err != nil {
			return n, err
		}
		dynamic = dynamic || kid.kind != tConst
		n.keys = append(n.keys, key)
		n.kids = append(n.kids, kid)
	}
	if !dynamic {
		return tnode{kind: tConst, val: o}, nil
	}
	return n, nil
}

func compileMember(m value.Member) (string, tnode, error) {
	if !strings.HasSuffix(m.Key, ".$") {
		n, err := compileNode(m.Value)
		return m.Key, n, err
	}
	n, err := compileDollar(m.Key, m.Value)
	return strings.TrimSuffix(m.Key, ".$"), n, err
}

// compileDollar compiles the value of a "key.$" member.
func compileDollar(key string, v value.Value) (tnode, error) {
	bad := func(err error) (tnode, error) {
		return tnode{}, &CompileError{Field: key, Msg: "The value for the field '" + key + "' must be a valid JSONPath or a valid intrinsic function call", Err: err}
	}
	s, ok := v.(string)
	if !ok {
		return bad(nil)
	}
	if intrinsic.IsCall(s) {
		c, err := intrinsic.Compile(s)
		if err != nil {
			return bad(err)
		}
		return tnode{kind: tCall, field: key, call: c}, nil
	}
	ref, err := jsonpath.CompileRef(s)
	if err != nil {
		return bad(err)
	}
	return tnode{kind: tPath, field: key, ref: ref}, nil
}

func compileArray(a []value.Value) (tnode, error) {
	n := tnode{kind: tArray, kids: make([]tnode, len(a))}
	dynamic := false
	for i, e := range a {
		kid, err := compileNode(e)
		if err != nil {
			return n, err
		}
		dynamic = dynamic || kid.kind != tConst
		n.kids[i] = kid
	}
	if !dynamic {
		return tnode{kind: tConst, val: a}, nil
	}
	return n, nil
}

// Field returns the ASL field the template was compiled for.
func (t *Template) Field() string { return t.field }

// IsConstant reports whether the template has nothing to evaluate.
func (t *Template) IsConstant() bool { return t.root.kind == tConst }

// Eval evaluates the template against env, drawing the randomness of
// States.MathRandom and States.UUID from the operating system. Failures are
// *expr.Error.
func (t *Template) Eval(env *expr.Env) (value.Value, error) {
	return t.root.eval(env, nil)
}

// EvalRand is Eval with r as the source of intrinsic functions'
// randomness.
func (t *Template) EvalRand(env *expr.Env, r intrinsic.Rand) (value.Value, error) {
	return t.root.eval(env, r)
}

func (n *tnode) eval(env *expr.Env, r intrinsic.Rand) (value.Value, error) {
	switch n.kind {
	case tConst:
		return n.val, nil
	case tPath:
		return n.evalPath(env)
	case tCall:
		return n.call.EvalRand(env, r)
	case tArray:
		out := make([]value.Value, len(n.kids))
		for i := range n.kids {
			v, err := n.kids[i].eval(env, r)
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		return out, nil
	}
	return n.evalObject(env, r)
}

func (n *tnode) evalObject(env *expr.Env, r intrinsic.Rand) (value.Value, error) {
	b := value.NewObjectBuilder(len(n.kids))
	for i := range n.kids {
		v, err := n.kids[i].eval(env, r)
		if err != nil {
			return nil, err
		}
		b.Add(n.keys[i], v)
	}
	return b.Build(), nil
}

func (n *tnode) evalPath(env *expr.Env) (value.Value, error) {
	root, ok := rootValue(env, n.ref)
	if !ok {
		return nil, notFound(env, n.ref.String(), n.field)
	}
	v, err := n.ref.Path.Eval(root)
	if err != nil {
		return nil, notFound(env, n.ref.String(), n.field)
	}
	return v, nil
}
