package jsonata

import (
	"math"
	"strconv"
	"strings"
)

// $formatNumber: XPath F&O 3.1 fn:format-number, as the reference
// implements it. Strings are handled as UTF-16 (u16) so that offsets and
// the tests of single characters against the (possibly longer) format
// properties behave as in JavaScript.

func defineFormatting() {
	defineU("formatNumber", "<n-so?:s>", 3, fnFormatNumber)
	defineU("formatInteger", "<n-s:s>", 2, fnFormatInteger)
	defineU("parseInteger", "<s-s:n>", 2, fnParseInteger)
}

// decimalFormat is the set of format properties ($formatNumber's options).
type decimalFormat struct {
	decimal, grouping, exponent, minus, percent, perMille, zero, digit, pattern u16
	family                                                                      []u16
	active                                                                      []u16
}

func newDecimalFormat(options any) *decimalFormat {
	props := map[string]string{
		"decimal-separator": ".", "grouping-separator": ",", "exponent-separator": "e",
		"infinity": "Infinity", "minus-sign": "-", "NaN": "NaN", "percent": "%",
		"per-mille": "\u2030", "zero-digit": "0", "digit": "#", "pattern-separator": ";",
	}
	objEach(options, func(k string, v any) bool {
		if s, ok := v.(string); ok {
			props[k] = s
		}
		return true
	})
	p := func(k string) u16 { return toU16(props[k]) }
	f := &decimalFormat{decimal: p("decimal-separator"), grouping: p("grouping-separator"),
		exponent: p("exponent-separator"), minus: p("minus-sign"), percent: p("percent"),
		perMille: p("per-mille"), zero: p("zero-digit"), digit: p("digit"), pattern: p("pattern-separator")}
	zero := uint16('0')
	if len(f.zero) > 0 {
		zero = f.zero[0]
	}
	for i := uint16(0); i < 10; i++ {
		f.family = append(f.family, u16{zero + i})
	}
	f.active = append(append([]u16(nil), f.family...), f.decimal, f.exponent, f.grouping, f.digit, f.pattern)
	return f
}

func member(set []u16, ch u16) bool {
	for _, x := range set {
		if x.equal(ch) {
			return true
		}
	}
	return false
}

func (f *decimalFormat) isDigit(ch u16) bool  { return member(f.family, ch) }
func (f *decimalFormat) isActive(ch u16) bool { return member(f.active, ch) }

// subPicture is one half of a picture, split into its parts (F&O 4.7.3).
type subPicture struct {
	prefix, suffix, active, mantissa, exponent, integer, fraction, picture u16
	hasExponent                                                            bool
}

func (f *decimalFormat) split(pic u16) *subPicture {
	p := &subPicture{picture: pic}
	for i := range pic {
		if ch := pic.charAt(i); f.isActive(ch) && !ch.equal(f.exponent) {
			p.prefix = pic.sub(0, i)
			break
		}
	}
	for i := len(pic) - 1; i >= 0; i-- {
		if ch := pic.charAt(i); f.isActive(ch) && !ch.equal(f.exponent) {
			p.suffix = pic.sub(i+1, len(pic))
			break
		}
	}
	p.active = pic.sub(len(p.prefix), len(pic)-len(p.suffix))
	expPos := pic.indexFrom(f.exponent, len(p.prefix))
	if expPos == -1 || expPos > len(pic)-len(p.suffix) {
		p.mantissa = p.active
	} else {
		p.mantissa = p.active.sub(0, expPos)
		p.exponent = p.active.sub(expPos+1, len(p.active))
		p.hasExponent = true
	}
	if dec := p.mantissa.index(f.decimal); dec == -1 {
		p.integer, p.fraction = p.mantissa, p.suffix
	} else {
		p.integer, p.fraction = p.mantissa.sub(0, dec), p.mantissa.sub(dec+1, len(p.mantissa))
	}
	return p
}

// countChars counts the characters of s that are decimal digits (or,
// with optional, the optional digit sign).
func (f *decimalFormat) countChars(s u16, optional bool) int {
	n := 0
	for i := range s {
		ch := s.charAt(i)
		if f.isDigit(ch) || (optional && ch.equal(f.digit)) {
			n++
		}
	}
	return n
}

// validate checks a sub-picture (F&O 4.7.3); the last rule broken wins.
func (f *decimalFormat) validate(p *subPicture) *Error {
	code := ""
	pic := p.picture
	for _, c := range []struct {
		prop u16
		code string
	}{{f.decimal, "D3081"}, {f.percent, "D3082"}, {f.perMille, "D3083"}} {
		if pic.index(c.prop) != pic.lastIndex(c.prop) {
			code = c.code
		}
	}
	if pic.has(f.percent) && pic.has(f.perMille) {
		code = "D3084"
	}
	if f.countChars(p.mantissa, true) == 0 {
		code = "D3085"
	}
	for i := range p.active {
		if !f.isActive(p.active.charAt(i)) {
			code = "D3086"
		}
	}
	for _, c := range []string{f.validateGrouping(p), f.validateOptional(p), f.validateExponent(p)} {
		if c != "" {
			code = c
		}
	}
	if code != "" {
		return newError(code)
	}
	return nil
}

func (f *decimalFormat) validateGrouping(p *subPicture) string {
	code := ""
	pic := p.picture
	if dec := pic.index(f.decimal); dec != -1 {
		if pic.charAt(dec-1).equal(f.grouping) || pic.charAt(dec+1).equal(f.grouping) {
			code = "D3087"
		}
	} else if p.integer.charAt(len(p.integer) - 1).equal(f.grouping) {
		code = "D3088"
	}
	if pic.has(f.grouping.concat(f.grouping)) {
		code = "D3089"
	}
	return code
}

func (f *decimalFormat) validateOptional(p *subPicture) string {
	code := ""
	if pos := p.integer.index(f.digit); pos != -1 && f.countChars(p.integer.sub(0, pos), false) > 0 {
		code = "D3090"
	}
	if pos := p.fraction.lastIndex(f.digit); pos != -1 && f.countChars(p.fraction.sub(pos, len(p.fraction)), false) > 0 {
		code = "D3091"
	}
	return code
}

func (f *decimalFormat) validateExponent(p *subPicture) string {
	code := ""
	if p.hasExponent && len(p.exponent) > 0 && (p.picture.has(f.percent) || p.picture.has(f.perMille)) {
		code = "D3092"
	}
	if p.hasExponent && (len(p.exponent) == 0 || f.countChars(p.exponent, false) != len(p.exponent)) {
		code = "D3093"
	}
	return code
}

// pictureVars are the variables of an analysed sub-picture (F&O 4.7.4).
type pictureVars struct {
	groupingPositions []int
	regularGrouping   int
	minInteger        int
	scaling           int
	fractionGrouping  []int
	minFraction       int
	maxFraction       int
	minExponent       int
	prefix, suffix    u16
	picture           u16
}

func (f *decimalFormat) groupingPositions(part, integer u16, toLeft bool) []int {
	var positions []int
	for pos := part.index(f.grouping); pos != -1; pos = integer.indexFrom(f.grouping, pos+1) {
		side := part.sub(pos, len(part))
		if toLeft {
			side = part.sub(0, pos)
		}
		positions = append(positions, f.countChars(side, true))
		if len(positions) > len(part)+len(integer) {
			break
		}
	}
	return positions
}

func regularInterval(positions []int) int {
	if len(positions) == 0 {
		return 0
	}
	factor := positions[0]
	for _, p := range positions[1:] {
		factor = gcd(factor, p)
	}
	for i := 1; i <= len(positions); i++ {
		found := false
		for _, p := range positions {
			if p == i*factor {
				found = true
			}
		}
		if !found {
			return 0
		}
	}
	return factor
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

func (f *decimalFormat) analyse(p *subPicture) *pictureVars {
	v := &pictureVars{prefix: p.prefix, suffix: p.suffix, picture: p.picture}
	v.groupingPositions = f.groupingPositions(p.integer, p.integer, false)
	v.regularGrouping = regularInterval(v.groupingPositions)
	v.fractionGrouping = f.groupingPositions(p.fraction, p.integer, true)
	v.minInteger = f.countChars(p.integer, false)
	v.scaling = v.minInteger
	v.minFraction = f.countChars(p.fraction, false)
	v.maxFraction = f.countChars(p.fraction, true)
	if v.minInteger == 0 && v.maxFraction == 0 {
		if p.hasExponent {
			v.minFraction, v.maxFraction = 1, 1
		} else {
			v.minInteger = 1
		}
	}
	if p.hasExponent && v.minInteger == 0 && p.integer.has(f.digit) {
		v.minInteger = 1
	}
	if v.minInteger == 0 && v.minFraction == 0 {
		v.minFraction = 1
	}
	if p.hasExponent {
		v.minExponent = f.countChars(p.exponent, false)
	}
	return v
}

func fnFormatNumber(_ *evaluator, _ callInfo, args []any) (any, error) {
	f := newDecimalFormat(arg(args, 2))
	pictures := strings.Split(str(args, 1), f.pattern.String())
	if len(pictures) > 2 {
		return nil, newError("D3080")
	}
	var vars []*pictureVars
	for _, pic := range pictures {
		p := f.split(toU16(pic))
		if err := f.validate(p); err != nil {
			return nil, err
		}
		vars = append(vars, f.analyse(p))
	}
	if len(vars) == 1 {
		neg := *vars[0]
		neg.prefix = f.minus.concat(neg.prefix)
		vars = append(vars, &neg)
	}
	return f.format(num(args, 0), vars)
}

func (f *decimalFormat) format(value float64, vars []*pictureVars) (any, error) {
	pic := vars[0]
	if !(value >= 0) {
		pic = vars[1]
	}
	adjusted := value
	if pic.picture.has(f.percent) {
		adjusted = value * 100
	} else if pic.picture.has(f.perMille) {
		adjusted = value * 1000
	}
	mantissa, exponent, hasExp := adjusted, 0, pic.minExponent != 0
	if hasExp {
		mantissa, exponent = scaleMantissa(adjusted, pic.scaling)
	}
	if pic.maxFraction > 100 || pic.minInteger > maxBuild {
		return nil, errorValue("D1001", value)
	}
	s := f.makeString(roundHalfEven(mantissa, float64(pic.maxFraction)), pic.maxFraction)
	s = f.layout(s, pic)
	if hasExp {
		e := f.makeString(float64(exponent), 0)
		if pad := pic.minExponent - len(e); pad > 0 {
			e = repeatU16(f.zero, pad).concat(e)
		}
		sign := u16(nil)
		if exponent < 0 {
			sign = f.minus
		}
		s = s.concat(f.exponent, sign, e)
	}
	return pic.prefix.concat(s, pic.suffix).String(), nil
}

func scaleMantissa(v float64, scaling int) (float64, int) {
	maxM, minM := math.Pow(10, float64(scaling)), math.Pow(10, float64(scaling-1))
	exponent := 0
	if v == 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return v, 0
	}
	for math.Abs(v) < minM {
		v *= 10
		exponent--
	}
	for math.Abs(v) > maxM {
		v /= 10
		exponent++
	}
	return v, exponent
}

func repeatU16(s u16, n int) u16 {
	var out u16
	for i := 0; i < n; i++ {
		out = append(out, s...)
	}
	return out
}

// makeString is Math.abs(v).toFixed(dp) in the format's digits.
func (f *decimalFormat) makeString(v float64, dp int) u16 {
	s := strconv.FormatFloat(math.Abs(v), 'f', dp, 64)
	if math.Abs(v) >= 1e21 {
		s = formatNumberJS(math.Abs(v))
	}
	out := toU16(s)
	for i, c := range out {
		if c >= '0' && c <= '9' {
			out[i] = f.family[c-'0'][0]
		}
	}
	return out
}

// layout applies the decimal separator, padding and grouping (bullets 7-12).
func (f *decimalFormat) layout(s u16, pic *pictureVars) u16 {
	if i := s.index(u16{'.'}); i == -1 {
		s = s.concat(f.decimal)
	} else {
		s = s[:i:i].concat(f.decimal, s[i+1:])
	}
	for len(f.zero) > 0 && s.charAt(0).equal(f.zero) {
		s = s[1:]
	}
	for len(f.zero) > 0 && s.charAt(len(s)-1).equal(f.zero) {
		s = s[:len(s)-1]
	}
	dec := s.index(f.decimal)
	padLeft, padRight := pic.minInteger-dec, pic.minFraction-(len(s)-dec-1)
	if padLeft > 0 {
		s = repeatU16(f.zero, padLeft).concat(s)
	}
	if padRight > 0 {
		s = s.concat(repeatU16(f.zero, padRight))
	}
	s = f.group(s, pic)
	dec = s.index(f.decimal)
	if !pic.picture.has(f.decimal) || dec == len(s)-1 {
		s = s[:len(s)-1]
	}
	return s
}

func (f *decimalFormat) group(s u16, pic *pictureVars) u16 {
	dec := s.index(f.decimal)
	if pic.regularGrouping > 0 {
		groups := int(math.Floor(float64(dec-1) / float64(pic.regularGrouping)))
		for g := 1; g <= groups; g++ {
			s = s.insert(dec-g*pic.regularGrouping, f.grouping)
		}
	} else {
		for _, pos := range pic.groupingPositions {
			s = s.insert(dec-pos, f.grouping)
			dec++
		}
	}
	dec = s.index(f.decimal)
	for _, pos := range pic.fractionGrouping {
		s = s.insert(pos+dec+1, f.grouping)
	}
	return s
}
