package jsonpath

import (
	"math/big"
	"regexp"
	"strings"
	"unicode/utf16"

	"github.com/stepwisehq/stepwise/value"
)

// fkind is the kind of value a filter operand evaluates to, as Jayway's
// ValueNode types distinguish them.
type fkind uint8

const (
	fvUndef   fkind = iota // a path that selected nothing
	fvNull                 // JSON null
	fvBool                 // true or false
	fvNum                  // a number
	fvStr                  // a string
	fvJSON                 // an object or array (a path's list of results too)
	fvOpaque               // a scalar item met as bare @, which equals nothing
	fvPattern              // a regular expression
)

type fvalue struct {
	kind fkind
	v    value.Value
	re   *regexp.Regexp
}

// accept reports whether item passes the filter; root is the document $
// refers to.
func (f *filter) accept(item, root value.Value) bool {
	return f.root.eval(item, root)
}

func (n *fnode) eval(item, root value.Value) bool {
	switch n.kind {
	case fnOr:
		for _, k := range n.kids {
			if k.eval(item, root) {
				return true
			}
		}
		return false
	case fnAnd:
		for _, k := range n.kids {
			if !k.eval(item, root) {
				return false
			}
		}
		return true
	case fnNot:
		return !n.kids[0].eval(item, root)
	case fnExists:
		return n.left.exists(item, root)
	case fnConst:
		return n.left.lit == true
	}
	return relate(n.op, n.left.value(item, root), n.right.value(item, root))
}

func (o *operand) doc(item, root value.Value) value.Value {
	if o.fromRoot {
		return root
	}
	return item
}

// exists reports whether a path selects something.
func (o *operand) exists(item, root value.Value) bool {
	v, err := o.path.evalIn(o.doc(item, root), root, true)
	if err != nil {
		return false
	}
	if arr, ok := v.([]value.Value); ok && !o.path.definite {
		return len(arr) > 0
	}
	return true
}

func (o *operand) value(item, root value.Value) fvalue {
	switch o.kind {
	case opdPattern:
		return fvalue{kind: fvPattern, re: o.re}
	case opdLiteral:
		return classify(o.lit)
	}
	if o.path.IsRoot() && !o.fromRoot {
		if _, ok := item.(*value.Object); !ok {
			if _, ok := item.([]value.Value); !ok {
				return fvalue{kind: fvOpaque, v: item}
			}
		}
	}
	v, err := o.path.evalIn(o.doc(item, root), root, false)
	if err != nil {
		return fvalue{kind: fvUndef}
	}
	return classify(v)
}

func classify(v value.Value) fvalue {
	switch v.(type) {
	case nil:
		return fvalue{kind: fvNull}
	case bool:
		return fvalue{kind: fvBool, v: v}
	case value.Number:
		return fvalue{kind: fvNum, v: v}
	case string:
		return fvalue{kind: fvStr, v: v}
	}
	return fvalue{kind: fvJSON, v: v}
}

func relate(op relOp, l, r fvalue) bool {
	switch op {
	case opEQ:
		return equalF(l, r)
	case opNE:
		return !equalF(l, r)
	case opLT:
		c, ok := compareF(l, r)
		return ok && c < 0
	case opLE:
		c, ok := compareF(l, r)
		return ok && c <= 0
	case opGT:
		c, ok := compareF(l, r)
		return ok && c > 0
	case opGE:
		c, ok := compareF(l, r)
		return ok && c >= 0
	case opRegex:
		return regexMatch(l, r)
	}
	return relateCollections(op, l, r)
}

func relateCollections(op relOp, l, r fvalue) bool {
	switch op {
	case opIn:
		return inList(l, r)
	case opNin:
		return !inList(l, r)
	case opSubsetOf:
		return setRelation(l, r, func(hits, n int) bool { return hits == n })
	case opAnyOf:
		return setRelation(l, r, func(hits, _ int) bool { return hits > 0 })
	case opNoneOf:
		return setRelation(l, r, func(hits, _ int) bool { return hits == 0 })
	case opContains:
		return contains(l, r)
	case opSize:
		return sizeIs(l, r)
	}
	return emptyIs(l, r)
}

// equalF is Jayway's ==: a number equals a string holding the same number,
// a string equals a number printed the same; other kinds must match.
func equalF(l, r fvalue) bool {
	switch l.kind {
	case fvNum:
		switch r.kind {
		case fvNum:
			return compareNumbers(l.v.(value.Number), r.v.(value.Number)) == 0
		case fvStr:
			n, ok := decimal(r.v.(string))
			return ok && compareNumbers(l.v.(value.Number), n) == 0
		}
	case fvStr:
		switch r.kind {
		case fvStr:
			return l.v == r.v
		case fvNum:
			return l.v.(string) == JavaNumber(r.v.(value.Number))
		}
	case fvBool:
		return r.kind == fvBool && l.v == r.v
	case fvNull:
		return r.kind == fvNull
	case fvJSON:
		return r.kind == fvJSON && value.Equal(l.v, r.v)
	}
	return false
}

func decimal(s string) (value.Number, bool) {
	s = strings.TrimSpace(s)
	if _, ok := new(big.Rat).SetString(s); !ok || s == "" {
		return "", false
	}
	return value.Number(s), true
}

func compareF(l, r fvalue) (int, bool) {
	switch {
	case l.kind == fvNum && r.kind == fvNum:
		return compareNumbers(l.v.(value.Number), r.v.(value.Number)), true
	case l.kind == fvStr && r.kind == fvStr:
		return compareUTF16(l.v.(string), r.v.(string)), true
	}
	return 0, false
}

// compareNumbers compares exactly, as Java's BigDecimal does.
func compareNumbers(a, b value.Number) int {
	fa, fb := a.Float64(), b.Float64()
	switch {
	case fa < fb:
		return -1
	case fa > fb:
		return 1
	case a == b:
		return 0
	}
	ra, okA := new(big.Rat).SetString(string(a))
	rb, okB := new(big.Rat).SetString(string(b))
	if !okA || !okB {
		return 0
	}
	return ra.Cmp(rb)
}

// compareUTF16 orders strings as Java's String.compareTo does.
func compareUTF16(a, b string) int {
	ua, ub := utf16.Encode([]rune(a)), utf16.Encode([]rune(b))
	for i := 0; i < len(ua) && i < len(ub); i++ {
		if ua[i] != ub[i] {
			return int(ua[i]) - int(ub[i])
		}
	}
	return len(ua) - len(ub)
}

func regexMatch(l, r fvalue) bool {
	if (l.kind == fvPattern) == (r.kind == fvPattern) {
		return false
	}
	if l.kind == fvPattern {
		l, r = r, l
	}
	if arr, ok := list(l); ok {
		for _, e := range arr {
			if r.re.MatchString(regexInput(classify(e))) {
				return true
			}
		}
		return false
	}
	return r.re.MatchString(regexInput(l))
}

func regexInput(v fvalue) string {
	switch v.kind {
	case fvStr:
		return v.v.(string)
	case fvNum:
		return JavaNumber(v.v.(value.Number))
	case fvBool:
		return JavaString(v.v)
	}
	return ""
}

func list(v fvalue) ([]value.Value, bool) {
	if v.kind != fvJSON {
		return nil, false
	}
	arr, ok := v.v.([]value.Value)
	return arr, ok
}

func inList(l, r fvalue) bool {
	arr, ok := list(r)
	if !ok {
		return false
	}
	for _, e := range arr {
		if equalF(l, classify(e)) {
			return true
		}
	}
	return false
}

// setRelation counts the items of l found in r and lets ok decide.
func setRelation(l, r fvalue, ok func(hits, n int) bool) bool {
	la, okL := list(l)
	_, okR := list(r)
	if !okL || !okR {
		return false
	}
	hits := 0
	for _, e := range la {
		if inList(classify(e), r) {
			hits++
		}
	}
	return ok(hits, len(la))
}

func contains(l, r fvalue) bool {
	if l.kind == fvStr && r.kind == fvStr {
		return strings.Contains(l.v.(string), r.v.(string))
	}
	return inList(r, l)
}

func length(v fvalue) (int, bool) {
	switch v.kind {
	case fvStr:
		return len(utf16.Encode([]rune(v.v.(string)))), true
	case fvJSON:
		if arr, ok := v.v.([]value.Value); ok {
			return len(arr), true
		}
		return v.v.(*value.Object).Len(), true
	}
	return 0, false
}

func sizeIs(l, r fvalue) bool {
	n, ok := length(l)
	if !ok || r.kind != fvNum {
		return false
	}
	want, ok := r.v.(value.Number).Int64()
	return ok && int64(n) == want
}

func emptyIs(l, r fvalue) bool {
	n, ok := length(l)
	return ok && r.kind == fvBool && (n == 0) == r.v.(bool)
}
