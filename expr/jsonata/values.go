package jsonata

import (
	"math"
	"strconv"

	"github.com/stepwisehq/stepwise/value"
)

// Run-time values. Besides the value.Value kinds (nil, bool, value.Number,
// string, []value.Value, *value.Object), which come from the input and are
// never changed, evaluation uses:
//
//	undefined  the absence of a value (distinct from null)
//	float64    a computed number
//	*array     an array or sequence built during evaluation
//	*object    an object built during evaluation
//	function   lambdas, built-ins, partial applications, regexes...
type undefinedType struct{}

// undefined is the absence of a value.
var undefined any = undefinedType{}

// Undefined passed as the input to Eval evaluates with no input: $ is
// undefined, as with the reference's evaluate(undefined).
var Undefined value.Value = undefined

// array is an array built during evaluation. A sequence is the reference's
// flat result list that collapses to its single item (or to undefined when
// empty) when an expression's value is taken.
type array struct {
	items []any
	seq   bool // a sequence, not a JSON array
	keep  bool // keep a singleton sequence as an array
	cons  bool // built by an array constructor in a path
	outer bool // wraps the input array
	buf   [2]any
}

// newSeq returns an empty sequence with room for n items (small ones
// inside the same allocation).
func newSeq(n int) *array {
	a := &array{seq: true}
	if n <= len(a.buf) {
		a.items = a.buf[:0]
	} else {
		a.items = make([]any, 0, n)
	}
	return a
}

func seqOf(v any) *array {
	a := &array{seq: true}
	a.buf[0] = v
	a.items = a.buf[:1]
	return a
}

// arrayOf returns a plain (non-sequence) array of one value.
func arrayOf(v any) *array {
	a := &array{}
	a.buf[0] = v
	a.items = a.buf[:1]
	return a
}

func (a *array) push(v any) { a.items = append(a.items, v) }

// isArray reports whether v is an array or a sequence.
func isArray(v any) bool {
	switch v.(type) {
	case []any, *array:
		return true
	}
	return false
}

// items returns the members of an array value, or nil, false.
func items(v any) ([]any, bool) {
	switch a := v.(type) {
	case []any:
		return a, true
	case *array:
		return a.items, true
	}
	return nil, false
}

// isSequence reports whether v is a sequence.
func isSequence(v any) bool {
	a, ok := v.(*array)
	return ok && a.seq
}

// number returns v's numeric value.
func number(v any) (float64, bool) {
	switch n := v.(type) {
	case float64:
		return n, true
	case value.Number:
		return parseNumber(n), true
	}
	return 0, false
}

func parseNumber(n value.Number) float64 {
	s := string(n)
	if f, ok := parseSimpleDecimal(s); ok {
		return f
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil && !math.IsInf(f, 0) {
		return math.NaN()
	}
	return f
}

// pow10 are the powers of ten that float64 holds exactly.
var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

// parseSimpleDecimal parses -?digits(.digits)? with at most 15 digits: the
// digits make an exact integer and one division by an exact power of ten
// rounds correctly (the fast path of every correct float parser).
func parseSimpleDecimal(s string) (float64, bool) {
	neg := len(s) > 0 && s[0] == '-'
	if neg {
		s = s[1:]
	}
	if len(s) == 0 || len(s) > 16 {
		return 0, false
	}
	var m int64
	digits, frac, dot := 0, 0, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			m = m*10 + int64(c-'0')
			digits++
			if dot {
				frac++
			}
		case c == '.' && !dot && i > 0 && i < len(s)-1:
			dot = true
		default:
			return 0, false
		}
	}
	if digits > 15 {
		return 0, false
	}
	f := float64(m) / pow10[frac]
	if neg {
		f = -f
	}
	return f, true
}

// numeric is the reference's isNumeric: true for a number that is not NaN,
// an error D1001 for infinities.
func numeric(v any) (float64, bool, error) {
	f, ok := number(v)
	if !ok || math.IsNaN(f) {
		return 0, false, nil
	}
	if math.IsInf(f, 0) {
		return 0, false, errorValue("D1001", f)
	}
	return f, true, nil
}

// isObject reports whether v is an object (not a function).
func isObject(v any) bool {
	switch v.(type) {
	case *value.Object, *object:
		return true
	}
	return false
}

// typeSymbol returns the signature symbol of a value's type.
func typeSymbol(v any) byte {
	switch v.(type) {
	case undefinedType:
		return 'm'
	case nil:
		return 'l'
	case bool:
		return 'b'
	case float64, value.Number:
		return 'n'
	case string:
		return 's'
	case []any, *array:
		return 'a'
	case *value.Object, *object:
		return 'o'
	}
	if isFunction(v) {
		return 'f'
	}
	return 'm'
}

// typeName is $type's answer.
func typeName(v any) string {
	switch typeSymbol(v) {
	case 'l':
		return "null"
	case 'b':
		return "boolean"
	case 'n':
		return "number"
	case 's':
		return "string"
	case 'a':
		return "array"
	case 'o':
		return "object"
	case 'f':
		return "function"
	}
	return ""
}

// truthy is the reference's $boolean, with undefined as false.
func truthy(v any) bool { return truthyAt(v, 0) }

func truthyAt(v any, depth int) bool {
	switch x := v.(type) {
	case undefinedType, nil:
		return false
	case bool:
		return x
	case string:
		return x != ""
	case float64:
		return x != 0 && !math.IsNaN(x)
	case value.Number:
		f := parseNumber(x)
		return f != 0 && !math.IsNaN(f)
	case []any:
		return truthyItems(x, depth)
	case *array:
		return truthyItems(x.items, depth)
	case *value.Object:
		return x.Len() > 0
	case *object:
		return len(x.keys) > 0
	}
	return false
}

func truthyItems(xs []any, depth int) bool {
	if depth > maxNesting {
		return false
	}
	if len(xs) == 1 {
		return truthyAt(xs[0], depth+1)
	}
	for _, x := range xs {
		if truthyAt(x, depth+1) {
			return true
		}
	}
	return false
}

// deepEqual is the reference's isDeepEqual.
func deepEqual(a, b any) bool { return deepEqualAt(a, b, 0) }

func deepEqualAt(a, b any, depth int) bool {
	if depth > maxNesting {
		return false
	}
	if fa, ok := number(a); ok {
		fb, ok := number(b)
		return ok && fa == fb
	}
	switch x := a.(type) {
	case undefinedType:
		return b == undefined
	case nil:
		return b == nil
	case bool:
		y, ok := b.(bool)
		return ok && x == y
	case string:
		y, ok := b.(string)
		return ok && x == y
	}
	if xa, ok := items(a); ok {
		ya, ok := items(b)
		return ok && itemsEqual(xa, ya, depth)
	}
	if isObject(a) && isObject(b) {
		return objectsEqual(a, b, depth)
	}
	return sameFunction(a, b)
}

func itemsEqual(x, y []any, depth int) bool {
	if len(x) != len(y) {
		return false
	}
	for i := range x {
		if !deepEqualAt(x[i], y[i], depth+1) {
			return false
		}
	}
	return true
}

func objectsEqual(a, b any, depth int) bool {
	if objLen(a) != objLen(b) {
		return false
	}
	equal := true
	objEach(a, func(k string, v any) bool {
		w, ok := objGet(b, k)
		equal = ok && deepEqualAt(v, w, depth+1)
		return equal
	})
	return equal
}

// strictEqual is JavaScript's ===, used by the "in" operator: values for
// scalars, identity for arrays, objects and functions.
func strictEqual(a, b any) bool {
	if fa, ok := number(a); ok {
		fb, ok := number(b)
		return ok && fa == fb
	}
	switch x := a.(type) {
	case nil:
		return b == nil
	case bool:
		y, ok := b.(bool)
		return ok && x == y
	case string:
		y, ok := b.(string)
		return ok && x == y
	case []any:
		y, ok := b.([]any)
		return ok && len(x) == len(y) && (len(x) == 0 || &x[0] == &y[0])
	case *array:
		y, ok := b.(*array)
		return ok && x == y
	case *value.Object:
		y, ok := b.(*value.Object)
		return ok && x == y
	case *object:
		y, ok := b.(*object)
		return ok && x == y
	}
	return sameFunction(a, b)
}

// export converts a run-time value into a value.Value: computed numbers are
// printed as JavaScript prints them, built arrays and objects become
// value.Value ones. Functions nested in a result are treated as
// JSON.stringify treats them (dropped from objects, null in arrays); a
// function at the top is returned as a *Function.
func export(v any) (value.Value, error) { return exportAt(v, 0) }

// maxNesting bounds the nesting of values built during evaluation that the
// recursive conversions walk, so that they cannot exhaust the stack.
const maxNesting = 20000

func exportAt(v any, depth int) (value.Value, error) {
	if depth > maxNesting {
		return nil, errorValue("D1011", float64(maxNesting))
	}
	switch x := v.(type) {
	case float64:
		n, ok := value.Float(x)
		if !ok {
			return nil, nil // JSON.stringify prints NaN and infinities as null
		}
		return n, nil
	case *array:
		return exportItems(x.items, depth)
	case *object:
		return exportObject(x, depth)
	}
	if isFunction(v) {
		return &Function{fn: v}, nil
	}
	return v, nil
}

func exportItems(xs []any, depth int) (value.Value, error) {
	out := make([]value.Value, len(xs))
	for i, x := range xs {
		if x == undefined || isFunction(x) {
			out[i] = nil
			continue
		}
		v, err := exportAt(x, depth+1)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

func exportObject(o *object, depth int) (value.Value, error) {
	ms := make([]value.Member, 0, len(o.keys))
	for i, k := range o.keys {
		x := o.vals[i]
		if x == undefined || isFunction(x) {
			continue
		}
		v, err := exportAt(x, depth+1)
		if err != nil {
			return nil, err
		}
		ms = append(ms, value.Member{Key: k, Value: v})
	}
	return value.NewObject(ms), nil
}

// exportForError converts an error's value for the caller, leaving values
// that cannot be converted (NaN, infinities) as they are.
func exportForError(v any) any {
	if v == undefined {
		return nil
	}
	x, err := export(v)
	if err != nil {
		return v
	}
	return x
}

// Function is what Eval returns when the expression's value is a function
// (a lambda, a built-in, a partial application...): not a JSON value.
type Function struct{ fn any }

// IsFunction reports whether an Eval result is a function.
func IsFunction(v value.Value) bool {
	_, ok := v.(*Function)
	return ok
}

// importValue wraps a value bound from outside: a *Function becomes callable again.
func importValue(v value.Value) any {
	if f, ok := v.(*Function); ok {
		return f.fn
	}
	return v
}

// smallInts are the boxed values of small non-negative integers, which
// counts and positions use (boxing a float64 allocates).
var smallInts = func() [256]any {
	var out [256]any
	for i := range out {
		out[i] = float64(i)
	}
	return out
}()

// boxInt returns an integer as a run-time number.
func boxInt(i int) any {
	if i >= 0 && i < len(smallInts) {
		return smallInts[i]
	}
	return float64(i)
}
