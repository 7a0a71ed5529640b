package jsonata

import (
	"math"
	"strconv"
	"strings"
)

// $formatInteger and $parseInteger: XPath F&O 3.1 fn:format-integer, as
// the reference implements it (decimal patterns, letters, roman numerals,
// words).

type integerKind uint8

const (
	intDecimal integerKind = iota
	intLetters
	intRoman
	intWords
	intSequence
)

type letterCase uint8

const (
	caseLower letterCase = iota
	caseUpper
	caseTitle
)

type separator struct {
	position int
	char     string
}

// integerFormat is an analysed integer picture.
type integerFormat struct {
	primary    integerKind
	letterCase letterCase
	ordinal    bool
	zeroCode   rune
	mandatory  int
	optional   int
	regular    bool
	separators []separator // when not regular
	regularSep separator   // when regular
	token      string
	parseWidth int
}

var decimalGroups = []rune{0x30, 0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6,
	0x0C66, 0x0CE6, 0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946,
	0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0,
	0xAA50, 0xABF0, 0xFF10}

func digitGroup(r rune) (rune, bool) {
	for _, g := range decimalGroups {
		if r >= g && r <= g+9 {
			return g, true
		}
	}
	return 0, false
}

func analyseIntegerPicture(picture string) (*integerFormat, *Error) {
	f := &integerFormat{primary: intDecimal, letterCase: caseLower}
	primary := picture
	if i := strings.LastIndexByte(picture, ';'); i >= 0 {
		primary = picture[:i]
		if strings.HasPrefix(picture[i+1:], "o") {
			f.ordinal = true
		}
	}
	switch primary {
	case "A":
		f.primary, f.letterCase = intLetters, caseUpper
	case "a":
		f.primary = intLetters
	case "I":
		f.primary, f.letterCase = intRoman, caseUpper
	case "i":
		f.primary = intRoman
	case "W":
		f.primary, f.letterCase = intWords, caseUpper
	case "Ww":
		f.primary, f.letterCase = intWords, caseTitle
	case "w":
		f.primary = intWords
	default:
		return f, f.analyseDecimal(primary)
	}
	return f, nil
}

func (f *integerFormat) analyseDecimal(primary string) *Error {
	runes := []rune(primary)
	var zero rune = -1
	position := 0
	var seps []separator
	for i := len(runes) - 1; i >= 0; i-- {
		r := runes[i]
		if g, ok := digitGroup(r); ok {
			f.mandatory++
			position++
			if zero == -1 {
				zero = g
			} else if g != zero {
				return newError("D3131")
			}
			continue
		}
		if r == '#' {
			position++
			f.optional++
			continue
		}
		seps = append(seps, separator{position: position, char: string(r)})
	}
	if f.mandatory == 0 {
		f.primary, f.token = intSequence, primary
		return nil
	}
	f.zeroCode = zero
	if every := regularSeparators(seps); every > 0 {
		f.regular, f.regularSep = true, separator{position: every, char: seps[0].char}
	} else {
		f.separators = seps
	}
	return nil
}

func regularSeparators(seps []separator) int {
	if len(seps) == 0 {
		return 0
	}
	positions := make([]int, len(seps))
	for i, s := range seps {
		if s.char != seps[0].char {
			return 0
		}
		positions[i] = s.position
	}
	return regularInterval(positions)
}

// formatIntegerValue formats an integer with an analysed picture.
func formatIntegerValue(value float64, f *integerFormat) (string, *Error) {
	negative := value < 0
	value = math.Abs(value)
	var s string
	switch f.primary {
	case intLetters:
		s = toLetters(value, f.letterCase == caseUpper)
	case intRoman:
		s = toRoman(value)
		if f.letterCase == caseUpper {
			s = strings.ToUpper(s)
		}
	case intWords:
		if math.IsNaN(value) || math.IsInf(value, 0) {
			break
		}
		s = caseWords(numberToWords(value, f.ordinal), f.letterCase)
	case intDecimal:
		var err *Error
		if s, err = f.formatDecimal(value); err != nil {
			return "", err
		}
	default:
		return "", errorValue("D3130", f.token)
	}
	if negative {
		s = "-" + s
	}
	return s, nil
}

func caseWords(s string, c letterCase) string {
	switch c {
	case caseUpper:
		return strings.ToUpper(s)
	case caseLower:
		return strings.ToLower(s)
	}
	return s
}

func (f *integerFormat) formatDecimal(value float64) (string, *Error) {
	s := formatNumberJS(value)
	if pad := f.mandatory - len(s); pad > 0 {
		if pad > maxBuild {
			return "", errorValue("D1001", value)
		}
		s = strings.Repeat("0", pad) + s
	}
	if f.zeroCode != '0' {
		s = shiftDigits(s, f.zeroCode-'0')
	}
	s = f.insertSeparators(s)
	if f.ordinal {
		s += ordinalSuffix(s)
	}
	return s, nil
}

func shiftDigits(s string, by rune) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(r + by)
	}
	return b.String()
}

func (f *integerFormat) insertSeparators(str string) string {
	s := toU16(str)
	if f.regular {
		sep := toU16(f.regularSep.char)
		for i := (len(s) - 1) / f.regularSep.position; i > 0; i-- {
			s = s.insert(len(s)-i*f.regularSep.position, sep)
		}
		return s.String()
	}
	for i := len(f.separators) - 1; i >= 0; i-- {
		sep := f.separators[i]
		s = s.insert(len(s)-sep.position, toU16(sep.char))
	}
	return s.String()
}

func ordinalSuffix(s string) string {
	last := s[len(s)-1]
	suffix := map[byte]string{'1': "st", '2': "nd", '3': "rd"}[last]
	if suffix == "" || (len(s) > 1 && s[len(s)-2] == '1') {
		return "th"
	}
	return suffix
}

func toLetters(value float64, upper bool) string {
	a := 'a'
	if upper {
		a = 'A'
	}
	var letters []rune
	for value > 0 {
		letters = append([]rune{rune(math.Mod(value-1, 26)) + a}, letters...)
		value = math.Floor((value - 1) / 26)
	}
	return string(letters)
}

var romanNumerals = []struct {
	value   float64
	numeral string
}{{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
	{40, "xl"}, {10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"}}

func toRoman(value float64) string {
	var b strings.Builder
	for _, rn := range romanNumerals {
		for value >= rn.value {
			if b.Len() > maxBuild {
				return b.String()
			}
			b.WriteString(rn.numeral)
			value -= rn.value
		}
	}
	return b.String()
}

var (
	fewWords     = []string{"Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen"}
	ordinalWords = []string{"Zeroth", "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth", "Eleventh", "Twelfth", "Thirteenth", "Fourteenth", "Fifteenth", "Sixteenth", "Seventeenth", "Eighteenth", "Nineteenth"}
	decadeWords  = []string{"Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety", "Hundred"}
	magnitudes   = []string{"Thousand", "Million", "Billion", "Trillion"}
)

func numberToWords(value float64, ordinal bool) string {
	return wordsFor(value, false, ordinal)
}

func wordsFor(num float64, prev, ord bool) string {
	sep := func(s string) string {
		if prev {
			return s
		}
		return ""
	}
	switch {
	case num <= 19:
		w := fewWords[int(num)]
		if ord {
			w = ordinalWords[int(num)]
		}
		return sep(" and ") + w
	case num < 100:
		tens, rem := int(num)/10, math.Mod(num, 10)
		w := sep(" and ") + decadeWords[tens-2]
		if rem > 0 {
			return w + "-" + wordsFor(rem, false, ord)
		}
		if ord {
			return w[:len(w)-1] + "ieth"
		}
		return w
	case num < 1000:
		w := sep(", ") + fewWords[int(num)/100] + " Hundred"
		return w + wordsTail(math.Mod(num, 100), ord)
	}
	mag := int(math.Floor(math.Log10(num) / 3))
	if mag > len(magnitudes) {
		mag = len(magnitudes)
	}
	factor := math.Pow(10, float64(mag*3))
	mant := math.Floor(num / factor)
	w := sep(", ") + wordsFor(mant, false, false) + " " + magnitudes[mag-1]
	return w + wordsTail(num-mant*factor, ord)
}

func wordsTail(rem float64, ord bool) string {
	if rem > 0 {
		return wordsFor(rem, true, ord)
	}
	if ord {
		return "th"
	}
	return ""
}

func fnFormatInteger(_ *evaluator, _ callInfo, args []any) (any, error) {
	f, err := analyseIntegerPicture(str(args, 1))
	if err != nil {
		return nil, err
	}
	s, err := formatIntegerValue(math.Floor(num(args, 0)), f)
	if err != nil {
		return nil, err
	}
	return s, nil
}

func fnParseInteger(_ *evaluator, _ callInfo, args []any) (any, error) {
	f, err := analyseIntegerPicture(str(args, 1))
	if err != nil {
		return nil, err
	}
	m, err := integerMatcher(f)
	if err != nil {
		return nil, err
	}
	return m.parse(str(args, 0)), nil
}

// intMatcher recognises and parses a formatted integer.
type intMatcher struct {
	regex string
	parse func(string) any
}

func integerMatcher(f *integerFormat) (*intMatcher, *Error) {
	switch f.primary {
	case intLetters:
		return lettersMatcher(f.letterCase == caseUpper), nil
	case intRoman:
		return romanMatcher(f.letterCase == caseUpper), nil
	case intWords:
		return &intMatcher{regex: wordsRegex, parse: func(s string) any { return wordsToNumber(strings.ToLower(s)) }}, nil
	case intDecimal:
		return decimalMatcher(f), nil
	}
	return nil, errorValue("D3130", f.token)
}

func lettersMatcher(upper bool) *intMatcher {
	re, a := "[a-z]+", 'a'
	if upper {
		re, a = "[A-Z]+", 'A'
	}
	return &intMatcher{regex: re, parse: func(s string) any {
		v := 0.0
		for i, r := range reverseRunes(s) {
			v += float64(r-a+1) * math.Pow(26, float64(i))
		}
		return v
	}}
}

func reverseRunes(s string) []rune {
	rs := []rune(s)
	for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
		rs[i], rs[j] = rs[j], rs[i]
	}
	return rs
}

var romanValues = map[rune]float64{'M': 1000, 'D': 500, 'C': 100, 'L': 50, 'X': 10, 'V': 5, 'I': 1}

func romanMatcher(upper bool) *intMatcher {
	re := "[mdclxvi]+"
	if upper {
		re = "[MDCLXVI]+"
	}
	return &intMatcher{regex: re, parse: func(s string) any {
		if !upper {
			s = strings.ToUpper(s)
		}
		decimal, max := 0.0, 1.0
		for _, r := range reverseRunes(s) {
			v, ok := romanValues[r]
			if !ok {
				return math.NaN()
			}
			if v < max {
				decimal -= v
			} else {
				max = v
				decimal += v
			}
		}
		return decimal
	}}
}

func decimalMatcher(f *integerFormat) *intMatcher {
	re := "[0-9]+"
	if f.parseWidth > 0 {
		re = "[0-9]{" + strconv.Itoa(f.parseWidth) + "}"
	}
	if f.ordinal {
		re += "(?:th|st|nd|rd)"
	}
	return &intMatcher{regex: re, parse: func(s string) any {
		digits := s
		if f.ordinal && len(digits) >= 2 {
			digits = digits[:len(digits)-2]
		}
		if f.regular {
			digits = strings.ReplaceAll(digits, ",", "")
		} else {
			for _, sep := range f.separators {
				digits = strings.ReplaceAll(digits, sep.char, "")
			}
		}
		if f.zeroCode != '0' {
			digits = shiftDigits(digits, '0'-f.zeroCode)
		}
		return jsParseInt(digits)
	}}
}

// jsParseInt is parseInt(s, 10): leading digits, NaN when there are none.
func jsParseInt(s string) any {
	s = strings.TrimLeft(s, " \t\n\r\v\f")
	sign := 1.0
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+") {
		if s[0] == '-' {
			sign = -1
		}
		s = s[1:]
	}
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	if i == 0 {
		return math.NaN()
	}
	v, _ := strconv.ParseFloat(s[:i], 64)
	return sign * v
}

// wordValues maps number words (lower case) to their values.
var wordValues, wordsRegex = buildWordValues()

func buildWordValues() (map[string]float64, string) {
	values := map[string]float64{}
	var keys []string
	add := func(k string, v float64) {
		if _, ok := values[k]; !ok {
			keys = append(keys, k)
		}
		values[k] = v
	}
	for i, w := range fewWords {
		add(strings.ToLower(w), float64(i))
	}
	for i, w := range ordinalWords {
		add(strings.ToLower(w), float64(i))
	}
	for i, w := range decadeWords {
		lw := strings.ToLower(w)
		add(lw, float64((i+2)*10))
		add(lw[:len(lw)-1]+"ieth", float64((i+2)*10))
	}
	add("hundredth", 100)
	for i, w := range magnitudes {
		lw := strings.ToLower(w)
		v := math.Pow(10, float64((i+1)*3))
		add(lw, v)
		add(lw+"th", v)
	}
	keys = append(keys, "and", `[\-, ]`)
	return values, "(?:" + strings.Join(keys, "|") + ")+"
}

// wordsToNumber parses English number words.
func wordsToNumber(text string) float64 {
	segs := []float64{0}
	for _, part := range splitWords(text) {
		value, ok := wordValues[part]
		if !ok {
			value = math.NaN()
		}
		top := segs[len(segs)-1]
		segs = segs[:len(segs)-1]
		if value < 100 {
			if top >= 1000 {
				segs = append(segs, top)
				top = 0
			}
			segs = append(segs, top+value)
		} else {
			segs = append(segs, top*value)
		}
	}
	total := 0.0
	for _, s := range segs {
		total += s
	}
	return total
}

// splitWords is text.split(/,\s|\sand\s|[\s\\-]/).
func splitWords(text string) []string {
	var parts []string
	start := 0
	for i := 0; i < len(text); {
		n := wordSeparatorAt(text, i)
		if n == 0 {
			i++
			continue
		}
		parts = append(parts, text[start:i])
		i += n
		start = i
	}
	return append(parts, text[start:])
}

func wordSeparatorAt(s string, i int) int {
	isWS := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' }
	switch {
	case s[i] == ',' && i+1 < len(s) && isWS(s[i+1]):
		return 2
	case isWS(s[i]) && strings.HasPrefix(s[i+1:], "and") && i+4 < len(s) && isWS(s[i+4]):
		return 5
	case isWS(s[i]) || s[i] == '\\' || s[i] == '-':
		return 1
	}
	return 0
}
