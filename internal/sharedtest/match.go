package sharedtest

import (
	"regexp"
	"slices"
	"strings"

	"github.com/stepwisehq/stepwise/value"
)

// Masks matches what the recorder wrote in place of volatile text: a
// "<name>" token, and the recorded account ID.
var Masks = regexp.MustCompile(`<[A-Za-z][A-Za-z0-9_.:\-]*>|111111111111`)

// recordedAccount is the account ID the recordings show.
const recordedAccount = "111111111111"

// MaskedMatch reports whether got matches the recorded text want, in which
// every match of masks stands for any text, except the recorded account ID,
// which stands for any twelve digits.
func MaskedMatch(masks *regexp.Regexp, want, got string) bool {
	locs := masks.FindAllStringIndex(want, -1)
	if len(locs) == 0 {
		return want == got
	}
	var b strings.Builder
	b.WriteString("^")
	pos := 0
	for _, l := range locs {
		b.WriteString(regexp.QuoteMeta(want[pos:l[0]]))
		if want[l[0]:l[1]] == recordedAccount {
			b.WriteString(`\d{12}`)
		} else {
			b.WriteString(`(?s:.*?)`)
		}
		pos = l[1]
	}
	b.WriteString(regexp.QuoteMeta(want[pos:]) + "$")
	return regexp.MustCompile(b.String()).MatchString(got)
}

// Matcher compares a recorded (masked) value with an actual one as the
// conformance harness does: a placeholder word or a whole mask matches
// anything, other recorded strings match with MaskedMatch (Masks), recorded
// JSON text matches the value it encodes, and objects match member by
// member, with the same keys. The fields choose, by the path of an object
// ("$" for the whole value, then ".Key" and "[]" steps), what else is
// required.
type Matcher struct {
	// Placeholders are the words the recorder wrote in place of volatile
	// values.
	Placeholders map[string]bool
	// Ordered reports whether the object's keys must be in the recorded
	// order; nil means never.
	Ordered func(path string) bool
	// FoldKeys reports whether the object's keys compare ignoring case (HTTP
	// header names); nil means never.
	FoldKeys func(path string) bool
	// Skip reports whether a member of the object is left out of the
	// comparison (its key must still be there); nil means none is.
	Skip func(path, key string) bool
}

// Diff returns the differences between want and got, one line each, each
// starting with the path where it is; none when they match.
func (m *Matcher) Diff(want, got value.Value, path string) []string {
	if s, ok := want.(string); ok {
		if m.Placeholders[s] || Masks.FindString(s) == s {
			return nil
		}
		if _, isStr := got.(string); !isStr {
			return m.Diff(JSONText(want), JSONText(got), path) // recorded text vs value
		}
	}
	if _, ok := want.(*value.Object); ok {
		got = JSONText(got)
	}
	switch w := want.(type) {
	case *value.Object:
		return m.diffObject(w, got, path)
	case []value.Value:
		g, ok := got.([]value.Value)
		if !ok || len(g) != len(w) {
			return []string{path + ": want " + value.String(w) + ", got " + value.String(got)}
		}
		var diffs []string
		for i := range w {
			diffs = append(diffs, m.Diff(w[i], g[i], path+"[]")...)
		}
		return diffs
	case string:
		if g, ok := got.(string); !ok || !MaskedMatch(Masks, w, g) {
			return []string{path + ": want " + value.String(w) + ", got " + value.String(got)}
		}
		return nil
	}
	if !value.Equal(want, got) {
		return []string{path + ": want " + value.String(want) + ", got " + value.String(got)}
	}
	return nil
}

func (m *Matcher) diffObject(w *value.Object, got value.Value, path string) []string {
	g, ok := got.(*value.Object)
	if !ok {
		return []string{path + ": want an object, got " + value.String(got)}
	}
	fold := m.FoldKeys != nil && m.FoldKeys(path)
	if !sameKeys(w.Keys(), g.Keys(), m.Ordered != nil && m.Ordered(path), fold) {
		return []string{path + ": keys " + strings.Join(g.Keys(), ",") + ", want " + strings.Join(w.Keys(), ",")}
	}
	var diffs []string
	for _, mem := range w.Members() {
		if m.Skip != nil && m.Skip(path, mem.Key) {
			continue
		}
		gv, ok := g.Get(mem.Key)
		if !ok && fold {
			gv = getFold(g, mem.Key)
		}
		diffs = append(diffs, m.Diff(mem.Value, gv, path+"."+mem.Key)...)
	}
	return diffs
}

// getFold returns the member of g whose key equals key ignoring case.
func getFold(g *value.Object, key string) value.Value {
	for _, m := range g.Members() {
		if strings.EqualFold(m.Key, key) {
			return m.Value
		}
	}
	return nil
}

// sameKeys compares key lists, in order when inOrder, ignoring case when
// foldCase.
func sameKeys(want, got []string, inOrder, foldCase bool) bool {
	norm := func(keys []string) []string {
		out := slices.Clone(keys)
		if foldCase {
			for i := range out {
				out[i] = strings.ToLower(out[i])
			}
		}
		if !inOrder {
			slices.Sort(out)
		}
		return out
	}
	return slices.Equal(norm(want), norm(got))
}
