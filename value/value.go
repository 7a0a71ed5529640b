// Package value holds JSON values the way Step Functions treats them: object
// members keep the order in which they were received and numbers keep their
// text, so a value read and written back is printed unchanged.
//
// A Value is one of:
//
//	nil       JSON null
//	bool      true or false
//	Number    a number, as its JSON text
//	string    a string
//	[]Value   an array
//	*Object   an object
//
// Values are immutable once built: functions that change a value return a new
// one and share what did not change. They are safe to share between goroutines.
package value

import (
	"errors"
	"math"
	"strconv"
)

// Value is a JSON value; see the package documentation for its dynamic types.
type Value = any

// Number is a JSON number kept as its text, e.g. "1", "1.50" or "2e3".
type Number string

// Int returns a Number for an integer.
func Int(i int64) Number { return Number(strconv.FormatInt(i, 10)) }

// Float returns a Number for f, printed the way JavaScript prints numbers
// (integral values without a fraction, the shortest text that reads back
// as f otherwise). It returns ok false for NaN and infinities, which JSON
// cannot hold.
func Float(f float64) (n Number, ok bool) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "", false
	}
	return Number(FormatFloat(f)), true
}

// FormatFloat prints f as JavaScript's Number.prototype.toString does.
func FormatFloat(f float64) string {
	if f == 0 {
		return "0"
	}
	abs := math.Abs(f)
	if abs >= 1e21 || abs < 1e-6 {
		s := strconv.FormatFloat(f, 'e', -1, 64)
		// Go writes e+21 / e-07; JavaScript writes e+21 / e-7.
		return trimExponentZeros(s)
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

func trimExponentZeros(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] != 'e' {
			continue
		}
		j := i + 2 // past the sign
		k := j
		for k < len(s)-1 && s[k] == '0' {
			k++
		}
		return s[:j] + s[k:]
	}
	return s
}

// Float64 returns the number's value as a float64.
func (n Number) Float64() float64 {
	f, err := strconv.ParseFloat(string(n), 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return math.NaN()
	}
	return f // ±Inf or 0 when out of range, as JavaScript and Jackson read it
}

// Int64 returns the number as an int64 when it is integral (1, -3, 2.0,
// 1e3) and within range.
func (n Number) Int64() (int64, bool) {
	i, err := strconv.ParseInt(string(n), 10, 64)
	switch {
	case err == nil:
		return i, true
	case errors.Is(err, strconv.ErrRange):
		return 0, false
	}
	f := n.Float64()
	if f != math.Trunc(f) || f >= 1<<63 || f < -(1<<63) {
		return 0, false
	}
	return int64(f), true
}

// IsIntegerText reports whether the number is written without a fraction or
// an exponent, as Java's readers require for an integer field.
func (n Number) IsIntegerText() bool {
	s := string(n)
	if s == "" {
		return false
	}
	if s[0] == '-' {
		s = s[1:]
	}
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Kind names a value's JSON type.
type Kind uint8

// The JSON types.
const (
	KindInvalid Kind = iota
	KindNull
	KindBool
	KindNumber
	KindString
	KindArray
	KindObject
)

var kindNames = [...]string{"invalid", "null", "boolean", "number", "string", "array", "object"}

func (k Kind) String() string {
	if int(k) >= len(kindNames) {
		return "invalid"
	}
	return kindNames[k]
}

// KindOf returns v's JSON type, or KindInvalid for a Go value that is not a Value.
func KindOf(v Value) Kind {
	switch v.(type) {
	case nil:
		return KindNull
	case bool:
		return KindBool
	case Number:
		return KindNumber
	case string:
		return KindString
	case []Value:
		return KindArray
	case *Object:
		return KindObject
	}
	return KindInvalid
}

// Equal reports whether a and b are the same JSON value. Numbers are equal
// when their values are (1 equals 1.0); object member order does not matter.
func Equal(a, b Value) bool {
	switch x := a.(type) {
	case nil:
		return b == nil
	case bool:
		y, ok := b.(bool)
		return ok && x == y
	case Number:
		y, ok := b.(Number)
		return ok && (x == y || x.Float64() == y.Float64())
	case string:
		y, ok := b.(string)
		return ok && x == y
	case []Value:
		y, ok := b.([]Value)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !Equal(x[i], y[i]) {
				return false
			}
		}
		return true
	case *Object:
		y, ok := b.(*Object)
		return ok && x.equal(y)
	}
	return false
}
