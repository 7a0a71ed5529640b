package jsonata

import (
	"math"
	"strconv"
	"strings"
)

func defineRegexFunctions() {
	define("contains", "<s-(sf):b>", 2, fnContains)
	defineU("split", "<s-(sf)n?:a<s>>", 3, fnSplit)
	defineU("match", "<s-f<s:o>n?:a<o>>", 3, fnMatch)
	defineU("replace", "<s-(sf)(sf)n?:s>", 4, fnReplace)
}

func fnContains(ev *evaluator, c callInfo, args []any) (any, error) {
	if arg(args, 0) == undefined || arg(args, 1) == undefined {
		return undefined, nil
	}
	s := str(args, 0)
	if token, ok := args[1].(string); ok {
		return strings.Contains(s, token), nil
	}
	m, err := ev.matcherFor(args[1], s, c).next()
	return m != nil, err
}

// limitArg reads an optional limit argument: -1 when absent.
func limitArg(args []any, i int, code string) (float64, error) {
	v := arg(args, i)
	if v == undefined {
		return -1, nil
	}
	f, _ := number(v)
	if f < 0 {
		e := errorValue(code, v)
		e.index = i + 1
		return 0, e
	}
	return f, nil
}

func under(count int, limit float64) bool { return limit < 0 || float64(count) < limit }

func fnSplit(ev *evaluator, c callInfo, args []any) (any, error) {
	limit, err := limitArg(args, 2, "D3020")
	if err != nil {
		return nil, err
	}
	s := str(args, 0)
	result := &array{}
	if limit == 0 {
		return result, nil
	}
	if sep, ok := args[1].(string); ok {
		result.items = splitString(s, sep, limit)
		return result, nil
	}
	return result, splitMatches(ev.matcherFor(args[1], s, c), s, limit, result)
}

// splitMatches splits a string at a matcher's matches.
func splitMatches(it matchIter, s string, limit float64, result *array) error {
	start, count := 0, 0
	m, err := it.next()
	if m == nil {
		if err == nil {
			result.push(s)
		}
		return err
	}
	for m != nil && under(count, limit) {
		result.push(safeSlice(s, start, m.start))
		start = m.end
		count++
		if m, err = it.next(); err != nil {
			return err
		}
	}
	if under(count, limit) {
		result.push(safeSlice(s, start, len(s)))
	}
	return nil
}

func safeSlice(s string, from, to int) string {
	if from > to || from > len(s) {
		return ""
	}
	if to > len(s) {
		to = len(s)
	}
	return s[from:to]
}

// splitString is JavaScript's String.prototype.split with a string.
func splitString(s, sep string, limit float64) []any {
	var parts []string
	if sep == "" {
		parts = codePoints(s)
	} else {
		parts = strings.Split(s, sep)
	}
	if limit >= 0 && float64(len(parts)) > limit {
		parts = parts[:int(limit)]
	}
	out := make([]any, len(parts))
	for i, p := range parts {
		out[i] = p
	}
	return out
}

func fnMatch(ev *evaluator, c callInfo, args []any) (any, error) {
	limit, err := limitArg(args, 2, "D3040")
	if err != nil {
		return nil, err
	}
	s := str(args, 0)
	result := newSeq(0)
	if limit == 0 {
		return result, nil
	}
	it := ev.matcherFor(args[1], s, c)
	for count := 0; under(count, limit); count++ {
		m, err := it.next()
		if err != nil {
			return nil, err
		}
		if m == nil {
			break
		}
		o := newObject(3)
		o.set("match", m.text)
		o.set("index", float64(utf16Len(s[:m.start])))
		o.set("groups", &array{items: m.groups})
		result.push(o)
	}
	return result, nil
}

func fnReplace(ev *evaluator, c callInfo, args []any) (any, error) {
	if p, ok := arg(args, 1).(string); ok && p == "" {
		e := errorValue("D3010", p)
		e.index = 2
		return nil, e
	}
	limit, err := limitArg(args, 3, "D3011")
	if err != nil {
		return nil, err
	}
	s := str(args, 0)
	if limit == 0 {
		return s, nil
	}
	if pattern, ok := args[1].(string); ok {
		return replaceString(s, pattern, arg(args, 2), limit)
	}
	return ev.replaceMatches(s, args[1], arg(args, 2), limit, c)
}

func replaceString(s, pattern string, replacement any, limit float64) (any, error) {
	rep, _ := replacement.(string)
	var b strings.Builder
	pos, count := 0, 0
	for under(count, limit) {
		i := strings.Index(s[pos:], pattern)
		if i < 0 {
			break
		}
		b.WriteString(s[pos : pos+i])
		b.WriteString(rep)
		pos += i + len(pattern)
		count++
	}
	b.WriteString(s[pos:])
	return b.String(), nil
}

func (ev *evaluator) replaceMatches(s string, matcher, replacement any, limit float64, c callInfo) (any, error) {
	it := ev.matcherFor(matcher, s, c)
	m, err := it.next()
	if err != nil || m == nil {
		return s, err
	}
	var b strings.Builder
	pos := 0
	for count := 0; m != nil && under(count, limit); count++ {
		b.WriteString(safeSlice(s, pos, m.start))
		sub, err := ev.substitute(m, replacement, s, c)
		if err != nil {
			return nil, err
		}
		b.WriteString(sub)
		pos = m.start + len(m.text)
		if m, err = it.next(); err != nil {
			return nil, err
		}
	}
	b.WriteString(safeSlice(s, pos, len(s)))
	return b.String(), nil
}

// substitute computes the replacement text for one match.
func (ev *evaluator) substitute(m *match, replacement any, s string, c callInfo) (string, error) {
	if rep, ok := replacement.(string); ok {
		return expandReplacement(rep, m), nil
	}
	o := newObject(4)
	o.set("match", m.text)
	o.set("start", float64(utf16Len(s[:m.start])))
	o.set("end", float64(utf16Len(s[:m.end])))
	o.set("groups", &array{items: m.groups})
	v, err := ev.apply(replacement, []any{o}, nil, c.env, c.name)
	if err != nil {
		return "", err
	}
	out, ok := v.(string)
	if !ok {
		return "", errorValue("D3012", v)
	}
	return out, nil
}

// expandReplacement replaces $0, $1... in a replacement string by the
// match and its groups, and $$ by $.
func expandReplacement(rep string, m *match) string {
	var b strings.Builder
	pos := 0
	for pos < len(rep) {
		i := strings.IndexByte(rep[pos:], '$')
		if i < 0 {
			break
		}
		b.WriteString(rep[pos : pos+i])
		pos += i + 1
		pos = expandDollar(&b, rep, pos, m)
	}
	if pos < len(rep) {
		b.WriteString(rep[pos:])
	}
	return b.String()
}

func expandDollar(b *strings.Builder, rep string, pos int, m *match) int {
	if pos < len(rep) && rep[pos] == '$' {
		b.WriteByte('$')
		return pos + 1
	}
	if pos < len(rep) && rep[pos] == '0' {
		b.WriteString(m.text)
		return pos + 1
	}
	maxDigits := 1
	if len(m.groups) > 0 {
		maxDigits = int(math.Floor(math.Log10(float64(len(m.groups))))) + 1
	}
	index, ok := parseLeadingInt(rep[pos:], maxDigits)
	if maxDigits > 1 && ok && index > len(m.groups) {
		index, ok = parseLeadingInt(rep[pos:], maxDigits-1)
	}
	if !ok {
		b.WriteByte('$')
		return pos
	}
	if len(m.groups) > 0 && index >= 1 && index <= len(m.groups) {
		if g, ok := m.groups[index-1].(string); ok {
			b.WriteString(g)
		}
	}
	return pos + len(strconv.Itoa(index))
}

// parseLeadingInt is parseInt(s.substring(0, n), 10).
func parseLeadingInt(s string, n int) (int, bool) {
	if n > len(s) {
		n = len(s)
	}
	s = s[:n]
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	if i == 0 {
		return 0, false
	}
	v, err := strconv.Atoi(s[:i])
	return v, err == nil
}
