package jsonata

import (
	"math"
	"strings"
	"unicode/utf8"
)

// The aggregate functions take a single value as a one-item array without
// the signature wrapping it.
func defineAggregates() {
	for name, fn := range map[string]builtinFunc{"sum": undefinedIn(fnSum), "max": fnMax, "min": fnMin, "average": fnAverage} {
		define(name, "<a<n>:n>", 1, fn)
		builtins[name].sig.noWrap = true
	}
	define("count", "<a:n>", 1, fnCount)
	builtins["count"].sig.noWrap = true
}

// listOrOne returns an array's items, or a single value as one item.
func listOrOne(v any, one *[1]any) []any {
	if xs, ok := items(v); ok {
		return xs
	}
	if v == undefined {
		return nil
	}
	one[0] = v
	return one[:]
}

func fnSum(_ *evaluator, _ callInfo, args []any) (any, error) {
	var one [1]any
	total := 0.0
	for _, x := range listOrOne(args[0], &one) {
		f, _ := number(x)
		total += f
	}
	return total, nil
}

func fnCount(_ *evaluator, _ callInfo, args []any) (any, error) {
	var one [1]any
	return boxInt(len(listOrOne(arg(args, 0), &one))), nil
}

func extreme(args []any, better func(a, b float64) bool) any {
	var one [1]any
	xs := listOrOne(arg(args, 0), &one)
	if len(xs) == 0 {
		return undefined
	}
	best, _ := number(xs[0])
	for _, x := range xs[1:] {
		f, _ := number(x)
		if math.IsNaN(f) || better(f, best) {
			best = f
		}
	}
	return best
}

func fnMax(_ *evaluator, _ callInfo, args []any) (any, error) {
	return extreme(args, func(a, b float64) bool { return a > b }), nil
}

func fnMin(_ *evaluator, _ callInfo, args []any) (any, error) {
	return extreme(args, func(a, b float64) bool { return a < b }), nil
}

func fnAverage(_ *evaluator, _ callInfo, args []any) (any, error) {
	var one [1]any
	xs := listOrOne(arg(args, 0), &one)
	if len(xs) == 0 {
		return undefined, nil
	}
	total := 0.0
	for _, x := range xs {
		f, _ := number(x)
		total += f
	}
	return total / float64(len(xs)), nil
}

// maxBuild bounds the size of strings and arrays built from a number in
// the expression or the input, where the reference would exhaust memory.
const maxBuild = 1 << 24

func defineStrings() {
	defineU("string", "<x-b?:s>", 1, fnString)
	defineU("substring", "<s-nn?:s>", 3, fnSubstring)
	defineU("substringBefore", "<s-s:s>", 2, fnSubstringBefore)
	defineU("substringAfter", "<s-s:s>", 2, fnSubstringAfter)
	define("lowercase", "<s-:s>", 1, stringFunc(lower))
	define("uppercase", "<s-:s>", 1, stringFunc(upper))
	defineU("length", "<s-:n>", 1, fnLength)
	define("trim", "<s-:s>", 1, stringFunc(trim))
	defineU("pad", "<s-ns?:s>", 3, fnPad)
	defineU("join", "<a<s>s?:s>", 2, fnJoin)
}

// stringFunc makes a built-in of a string function; undefined stays undefined.
func stringFunc(f func(string) string) builtinFunc {
	return func(_ *evaluator, _ callInfo, args []any) (any, error) {
		if arg(args, 0) == undefined {
			return undefined, nil
		}
		return f(str(args, 0)), nil
	}
}

// toString is the reference's $string: strings as they are, functions as
// "", other values as JSON (numbers with 15 significant digits).
func toString(v any, pretty bool) (string, error) {
	switch x := v.(type) {
	case string:
		return x, nil
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return "", errorValue("D3001", x)
		}
	case *array:
		if x.outer && len(x.items) > 0 {
			v = x.items[0]
		}
	}
	if isFunction(v) {
		return "", nil
	}
	return stringify(v, pretty, true)
}

func fnString(_ *evaluator, _ callInfo, args []any) (any, error) {
	return toString(args[0], jsTruthy(arg(args, 1)))
}

// codePoints splits s into characters (lone surrogates count as one).
func codePoints(s string) []string {
	out := make([]string, 0, len(s))
	for i := 0; i < len(s); {
		n := charLen(s[i:])
		out = append(out, s[i:i+n])
		i += n
	}
	return out
}

func charLen(s string) int {
	if _, ok := decodeSurrogate(s); ok {
		return 3
	}
	_, n := utf8.DecodeRuneInString(s)
	return n
}

func charCount(s string) int {
	n := 0
	for i := 0; i < len(s); i += charLen(s[i:]) {
		n++
	}
	return n
}

// jsSliceIndex converts a JavaScript slice() argument to an index.
func jsSliceIndex(f float64, n int) int {
	if math.IsNaN(f) {
		return 0
	}
	f = math.Trunc(f)
	if f < 0 {
		f += float64(n)
		if f < 0 {
			return 0
		}
	}
	if f > float64(n) {
		return n
	}
	return int(f)
}

func fnSubstring(_ *evaluator, _ callInfo, args []any) (any, error) {
	chars := codePoints(str(args, 0))
	n := len(chars)
	start := math.NaN() // an undefined start behaves as NaN in the reference
	if arg(args, 1) != undefined {
		start = num(args, 1)
	}
	if float64(n)+start < 0 {
		start = 0
	}
	end := float64(n)
	if arg(args, 2) != undefined {
		length := num(args, 2)
		if length <= 0 {
			return "", nil
		}
		end = start + length
		if start < 0 {
			end = float64(n) + start + length
		}
	}
	from, to := jsSliceIndex(start, n), jsSliceIndex(end, n)
	if from >= to {
		return "", nil
	}
	return strings.Join(chars[from:to], ""), nil
}

func fnSubstringBefore(_ *evaluator, _ callInfo, args []any) (any, error) {
	s := str(args, 0)
	if i := strings.Index(s, str(args, 1)); i >= 0 {
		return s[:i], nil
	}
	return s, nil
}

func fnSubstringAfter(_ *evaluator, _ callInfo, args []any) (any, error) {
	s, chars := str(args, 0), str(args, 1)
	if i := strings.Index(s, chars); i >= 0 {
		return s[i+len(chars):], nil
	}
	return s, nil
}

// specialUpper are the unconditional one-to-many upper-case mappings of
// Unicode's SpecialCasing that toUpperCase applies (Latin and Armenian).
var specialUpper = strings.NewReplacer("ß", "SS", "ŉ", "ʼN", "ǰ", "J̌", "ẖ", "H̱", "ẗ", "T̈",
	"ẘ", "W̊", "ẙ", "Y̊", "ẚ", "Aʾ", "ﬀ", "FF", "ﬁ", "FI", "ﬂ", "FL", "ﬃ", "FFI", "ﬄ", "FFL",
	"ﬅ", "ST", "ﬆ", "ST", "և", "ԵՒ", "ﬓ", "ՄՆ", "ﬔ", "ՄԵ", "ﬕ", "ՄԻ", "ﬖ", "ՎՆ", "ﬗ", "ՄԽ")

// upper is toUpperCase.
func upper(s string) string {
	return strings.ToUpper(specialUpper.Replace(s))
}

// lower is toLowerCase: İ lower-cases to i with a combining dot above.
func lower(s string) string {
	return strings.ToLower(strings.ReplaceAll(s, "İ", "i\u0307"))
}

func fnLength(_ *evaluator, _ callInfo, args []any) (any, error) {
	return float64(charCount(str(args, 0))), nil
}

// trim normalises runs of whitespace to one space and strips the ends.
func trim(s string) string {
	var b strings.Builder
	inSpace := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			if !inSpace {
				b.WriteByte(' ')
			}
			inSpace = true
			continue
		}
		inSpace = false
		b.WriteByte(c)
	}
	out := b.String()
	out = strings.TrimPrefix(out, " ")
	return strings.TrimSuffix(out, " ")
}

func fnPad(_ *evaluator, _ callInfo, args []any) (any, error) {
	s := str(args, 0)
	char := " "
	if c, ok := arg(args, 2).(string); ok && c != "" {
		char = c
	}
	width := math.Trunc(num(args, 1))
	padLength := int(math.Abs(width)) - charCount(s)
	if math.IsNaN(width) || padLength <= 0 {
		return s, nil
	}
	if padLength > maxBuild {
		return nil, errorValue("D1001", width)
	}
	padding := strings.Join(codePoints(strings.Repeat(char, padLength))[:padLength], "")
	if width > 0 {
		return s + padding, nil
	}
	return padding + s, nil
}

func fnJoin(_ *evaluator, _ callInfo, args []any) (any, error) {
	xs := list(args, 0)
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i], _ = x.(string)
	}
	return strings.Join(parts, str(args, 1)), nil
}
