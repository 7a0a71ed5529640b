package jsonata

import (
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"
)

func defineNumbers() {
	define("number", "<(nsb)-:n>", 1, fnNumber)
	define("abs", "<n-:n>", 1, mathFunc(math.Abs))
	define("floor", "<n-:n>", 1, mathFunc(math.Floor))
	define("ceil", "<n-:n>", 1, mathFunc(math.Ceil))
	defineU("round", "<n-n?:n>", 2, fnRound)
	defineU("sqrt", "<n-:n>", 1, fnSqrt)
	defineU("power", "<n-n:n>", 2, fnPower)
	define("random", "<n?:n>", 0, fnRandom)
	defineU("formatBase", "<n-n?:s>", 2, fnFormatBase)
}

func mathFunc(f func(float64) float64) builtinFunc {
	return func(_ *evaluator, _ callInfo, args []any) (any, error) {
		if arg(args, 0) == undefined {
			return undefined, nil
		}
		return f(num(args, 0)), nil
	}
}

var (
	decimalNumber = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?([Ee][-+]?[0-9]+)?$`)
	radixNumber   = regexp.MustCompile(`^(0[xX][0-9A-Fa-f]+)|(0[oO][0-7]+)|(0[bB][0-1]+)$`)
)

func fnNumber(_ *evaluator, _ callInfo, args []any) (any, error) {
	switch v := arg(args, 0).(type) {
	case undefinedType:
		return undefined, nil
	case bool:
		if v {
			return 1.0, nil
		}
		return 0.0, nil
	case string:
		return castString(v)
	}
	f, _ := number(args[0])
	return f, nil
}

func castString(s string) (any, error) {
	if decimalNumber.MatchString(s) {
		if f, err := strconv.ParseFloat(s, 64); err == nil && !math.IsInf(f, 0) {
			return f, nil
		}
	}
	if radixNumber.MatchString(s) {
		return radixValue(s), nil
	}
	e := errorValue("D3030", s)
	e.index = 1
	return nil, e
}

// radixValue is Number() of a string that starts with a 0x/0o/0b literal
// (surrounding white space is ignored; anything else makes it NaN).
func radixValue(s string) float64 {
	s = strings.TrimFunc(s, isJSSpace)
	base := map[byte]int{'x': 16, 'o': 8, 'b': 2}[s[1]|0x20]
	f := 0.0
	for i := 2; i < len(s); i++ {
		d := int(hexVal(s[i]))
		if !isHex(s[i:i+1]) || d >= base {
			return math.NaN()
		}
		f = f*float64(base) + float64(d)
	}
	return f
}

// roundHalfEven rounds to a number of decimal places, halves to even, the
// way the reference does (shifting the decimal point in the number's text).
func roundHalfEven(v float64, precision float64) float64 {
	shift := precision != 0 && !math.IsNaN(precision)
	if shift {
		v = shiftDecimal(v, precision)
	}
	result := math.Floor(v)
	if v-result >= 0.5 {
		result++
	}
	diff := result - v
	if math.Abs(diff) == 0.5 && math.Abs(math.Mod(result, 2)) == 1 {
		result--
	}
	if shift {
		result = shiftDecimal(result, -precision)
	}
	if result == 0 {
		return 0
	}
	return result
}

func shiftDecimal(v, by float64) float64 {
	s := formatNumberJS(v)
	mantissa, exp := s, 0.0
	if i := strings.IndexByte(s, 'e'); i >= 0 {
		mantissa = s[:i]
		exp, _ = strconv.ParseFloat(s[i+1:], 64)
	}
	f, err := strconv.ParseFloat(mantissa+"e"+formatNumberJS(exp+by), 64)
	if err != nil && !math.IsInf(f, 0) {
		return math.NaN()
	}
	return f
}

func fnRound(_ *evaluator, _ callInfo, args []any) (any, error) {
	return roundHalfEven(num(args, 0), num(args, 1)), nil
}

func fnSqrt(_ *evaluator, _ callInfo, args []any) (any, error) {
	v := num(args, 0)
	if v < 0 {
		e := errorValue("D3060", args[0])
		e.index = 1
		return nil, e
	}
	return math.Sqrt(v), nil
}

func fnPower(_ *evaluator, _ callInfo, args []any) (any, error) {
	r := jsPow(num(args, 0), num(args, 1))
	if math.IsInf(r, 0) || math.IsNaN(r) {
		e := errorValue("D3061", args[0])
		e.exp, e.index = args[1], 1
		return nil, e
	}
	return r, nil
}

// jsPow is Math.pow: NaN for 1 ** ±Infinity, and correctly rounded for
// integer exponents (math.Pow multiplies step by step, which can be one
// unit in the last place away).
func jsPow(x, y float64) float64 {
	if math.IsNaN(y) || (math.Abs(x) == 1 && math.IsInf(y, 0)) {
		return math.NaN()
	}
	if y == math.Trunc(y) && math.Abs(y) >= 2 && math.Abs(y) <= 64 && x != 0 && !math.IsInf(x, 0) && !math.IsNaN(x) {
		return exactPow(x, int(y))
	}
	return math.Pow(x, y)
}

// exactPow computes x**n exactly and rounds once.
func exactPow(x float64, n int) float64 {
	prec := uint(53*(abs(n)+1) + 64)
	base := new(big.Float).SetPrec(prec).SetFloat64(x)
	r := new(big.Float).SetPrec(prec).SetFloat64(1)
	for i := 0; i < abs(n); i++ {
		r.Mul(r, base)
	}
	if n < 0 {
		r.Quo(new(big.Float).SetPrec(prec).SetFloat64(1), r)
	}
	f, _ := r.Float64()
	return f
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func fnFormatBase(_ *evaluator, _ callInfo, args []any) (any, error) {
	v := roundHalfEven(num(args, 0), 0)
	radix := 10.0
	if arg(args, 1) != undefined {
		radix = roundHalfEven(num(args, 1), 0)
	}
	if radix < 2 || radix > 36 || math.IsNaN(radix) {
		return nil, errorValue("D3100", radix)
	}
	return formatRadix(v, int(radix)), nil
}

// formatRadix is Number.prototype.toString(radix) for integers.
func formatRadix(v float64, radix int) string {
	if math.IsNaN(v) {
		return "NaN"
	}
	if math.IsInf(v, 0) {
		return formatNumberJS(v)
	}
	if math.Abs(v) < 1<<63 {
		return strconv.FormatInt(int64(v), radix)
	}
	neg := v < 0
	v = math.Abs(v)
	var digits []byte
	for v >= 1 {
		d := math.Mod(v, float64(radix))
		digits = append([]byte{"0123456789abcdefghijklmnopqrstuvwxyz"[int(d)]}, digits...)
		v = math.Floor(v / float64(radix))
	}
	if neg {
		return "-" + string(digits)
	}
	return string(digits)
}

// isJSSpace is JavaScript's white space and line terminators (what
// String.prototype.trim removes).
func isJSSpace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', ' ', 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
		return true
	}
	return r >= 0x2000 && r <= 0x200A
}
