package jsonpath

import (
	"math"
	"strconv"
	"strings"

	"github.com/stepwisehq/stepwise/value"
)

// JavaString renders v the way Java's toString renders the plain Java object
// Jackson converts it to, which AWS prints in messages and in States.Format:
// strings bare, integers as digits, other numbers as a Java double ("1.0",
// "1.0E10"), objects as {a=1, b=[x, y]} and arrays as [x, y].
func JavaString(v value.Value) string {
	return string(appendJava(nil, v))
}

func appendJava(b []byte, v value.Value) []byte {
	switch x := v.(type) {
	case nil:
		return append(b, "null"...)
	case bool:
		return strconv.AppendBool(b, x)
	case string:
		return append(b, x...)
	case value.Number:
		return append(b, JavaNumber(x)...)
	case []value.Value:
		b = append(b, '[')
		for i, e := range x {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = appendJava(b, e)
		}
		return append(b, ']')
	case *value.Object:
		b = append(b, '{')
		for i, m := range x.Members() {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = append(b, m.Key...)
			b = append(b, '=')
			b = appendJava(b, m.Value)
		}
		return append(b, '}')
	}
	return b
}

// JavaNumber prints a JSON number as Jackson reads and Java prints it: an
// integer keeps its digits, anything else becomes a double.
func JavaNumber(n value.Number) string {
	if n.IsIntegerText() {
		if n == "-0" {
			return "0"
		}
		return string(n)
	}
	return javaDouble(n.Float64())
}

// javaDouble prints f as Java's Double.toString does.
func javaDouble(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		if math.Signbit(f) {
			return "-0.0"
		}
		return "0.0"
	}
	if abs := math.Abs(f); abs >= 1e-3 && abs < 1e7 {
		s := strconv.FormatFloat(f, 'f', -1, 64)
		if strings.IndexByte(s, '.') < 0 {
			s += ".0"
		}
		return s
	}
	return javaScientific(f)
}

// javaScientific prints f as d.dddE±n, with at least one fraction digit.
func javaScientific(f float64) string {
	s := strconv.FormatFloat(f, 'e', -1, 64) // e.g. -1.5e+07, 1e-05
	if strings.IndexByte(s, '.') < 0 {
		// One digit: Java prints the two-digit decimal closest to f.
		s = strconv.FormatFloat(f, 'e', 1, 64)
	}
	e := strings.IndexByte(s, 'e')
	mant, exp := s[:e], s[e+1:]
	exp = strings.TrimPrefix(exp, "+")
	neg := strings.HasPrefix(exp, "-")
	exp = strings.TrimLeft(strings.TrimPrefix(exp, "-"), "0")
	if neg {
		exp = "-" + exp
	}
	return mant + "E" + exp
}
