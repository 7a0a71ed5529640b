package jsonata

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// A match found by a matcher (a regex, or a function that behaves like
// one). Offsets are byte offsets into the subject string.
type match struct {
	text   string
	start  int
	end    int
	groups []any // strings, or undefined for groups that did not take part
}

// matchIter walks the successive matches of a matcher over a string, with
// the reference's rules: after the first match, a match of the empty
// string is an error (D1004).
type matchIter interface {
	next() (*match, error)
}

// regexIter iterates a Go regex's matches the way the reference's
// JavaScript global regex iterates.
type regexIter struct {
	re    *regexFn
	str   string
	all   [][]int
	i     int
	prev  []int
	first bool
}

func (r *regexFn) matches(str string) *regexIter {
	return &regexIter{re: r, str: str, all: r.lit.re.FindAllStringSubmatchIndex(str, -1), first: true}
}

func (it *regexIter) next() (*match, error) {
	if it.first {
		it.first = false
		if len(it.all) == 0 {
			return nil, nil
		}
		it.prev = it.all[0]
		it.i = 1
		return it.make(it.prev), nil
	}
	end := it.prev[1]
	if end >= len(it.str) {
		return nil, nil
	}
	if it.prev[0] == it.prev[1] || it.re.emptyMatchAt(it.str, end) {
		return nil, it.re.zeroLength()
	}
	if it.i >= len(it.all) {
		return nil, nil
	}
	it.prev = it.all[it.i]
	it.i++
	if it.prev[0] == it.prev[1] {
		return nil, it.re.zeroLength()
	}
	return it.make(it.prev), nil
}

func (it *regexIter) make(loc []int) *match {
	m := &match{text: it.str[loc[0]:loc[1]], start: loc[0], end: loc[1]}
	m.groups = make([]any, 0, len(loc)/2-1)
	for g := 2; g+1 < len(loc); g += 2 {
		if loc[g] < 0 {
			m.groups = append(m.groups, undefined)
		} else {
			m.groups = append(m.groups, it.str[loc[g]:loc[g+1]])
		}
	}
	return m
}

func (r *regexFn) zeroLength() *Error {
	e := errorValue("D1004", r.lit.src)
	e.Position = r.pos
	return e
}

// emptyMatchAt reports whether the regex's preferred match at offset at is
// empty (which Go's iteration skips and JavaScript's reports). Patterns
// whose meaning depends on the text before the offset are not checked.
func (r *regexFn) emptyMatchAt(str string, at int) bool {
	if strings.Contains(r.lit.src, "^") || strings.Contains(r.lit.src, `\b`) || strings.Contains(r.lit.src, `\B`) {
		return false
	}
	loc := r.lit.re.FindStringIndex(str[at:])
	return loc != nil && loc[0] == 0 && loc[1] == 0
}

// call is the regex used as a function: regex(str) returns the first match
// object, with a next() function for the following ones.
func (r *regexFn) call(args []any) any {
	str, ok := argString(args, 0)
	if !ok {
		return undefined
	}
	from := 0
	if len(args) > 1 {
		if f, ok := number(args[1]); ok && f > 0 {
			from = utf16ToByte(str, int(f))
		}
	}
	return r.matchObject(str, from)
}

func argString(args []any, i int) (string, bool) {
	if i >= len(args) {
		return "", false
	}
	s, ok := args[i].(string)
	return s, ok
}

func (r *regexFn) matchObject(str string, from int) any {
	loc := r.lit.re.FindStringSubmatchIndex(str[from:])
	if loc == nil {
		return undefined
	}
	for i := range loc {
		if loc[i] >= 0 {
			loc[i] += from
		}
	}
	it := &regexIter{re: r, str: str}
	m := it.make(loc)
	o := newObject(5)
	o.set("match", m.text)
	o.set("start", float64(utf16Len(str[:m.start])))
	o.set("end", float64(utf16Len(str[:m.end])))
	o.set("groups", &array{items: m.groups})
	o.set("next", &nextFn{re: r, str: str, from: m.end})
	return o
}

func (n *nextFn) call() any {
	if n.from >= len(n.str) {
		return undefined
	}
	return n.re.matchObject(n.str, n.from)
}

// funcIter iterates the matches of a matcher function (anything callable
// that returns match objects {match, start, end, groups, next}).
type funcIter struct {
	ev    *evaluator
	fn    any
	str   string
	env   *frame
	name  string
	first bool
	cur   any
}

func (it *funcIter) next() (*match, error) {
	var err error
	if it.first {
		it.first = false
		it.cur, err = it.ev.apply(it.fn, []any{it.str}, nil, it.env, it.name)
	} else {
		nextFn, _ := objGet(it.cur, "next")
		it.cur, err = it.ev.apply(nextFn, []any{undefined}, nil, it.env, it.name)
	}
	if err != nil || it.cur == undefined {
		return nil, err
	}
	return it.decode(it.cur)
}

// decode checks and reads a match object.
func (it *funcIter) decode(v any) (*match, error) {
	if !jsTruthy(v) {
		return nil, nil
	}
	start, hasStart := objGet(v, "start")
	groups, _ := objGet(v, "groups")
	next, _ := objGet(v, "next")
	if typeSymbol(start) != 'n' && !isArray(groups) && !isFunction(next) {
		return nil, newError("T1010")
	}
	_ = hasStart
	text, _ := objGet(v, "match")
	m := &match{}
	m.text, _ = text.(string)
	s, _ := number(start)
	m.start = utf16ToByte(it.str, int(s))
	m.end = m.start + len(m.text)
	m.groups, _ = items(groups)
	return m, nil
}

// matcherFor returns the matches of a matcher argument over a string.
func (ev *evaluator) matcherFor(fn any, str string, c callInfo) matchIter {
	if r, ok := fn.(*regexFn); ok {
		return r.matches(str)
	}
	return &funcIter{ev: ev, fn: fn, str: str, env: c.env, name: c.name, first: true}
}

// utf16Len is the length of s in UTF-16 code units (JavaScript's length).
func utf16Len(s string) int {
	n := 0
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			n++
			i++
			continue
		}
		if _, ok := decodeSurrogate(s[i:]); ok {
			n++
			i += 3
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		n += len(utf16.Encode([]rune{r}))
		i += size
	}
	return n
}

// utf16ToByte converts a UTF-16 offset into s to a byte offset.
func utf16ToByte(s string, units int) int {
	n := 0
	for i := 0; i < len(s); {
		if n >= units {
			return i
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if _, ok := decodeSurrogate(s[i:]); ok {
			size = 3
		} else if r >= 0x10000 {
			n++
		}
		n++
		i += size
	}
	return len(s)
}
