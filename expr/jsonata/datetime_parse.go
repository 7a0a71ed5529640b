package jsonata

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

var (
	isoTimestamp = regexp.MustCompile(`^\d{4}(-[01]\d)?(-[0-3]\d)?(T[0-2]\d:[0-5]\d:[0-5]\d)?(\.\d+)?([+-][0-2]\d:?[0-5]\d|Z)?$`)
	isoParts     = regexp.MustCompile(`^(\d{4})(?:-(\d\d))?(?:-(\d\d))?(?:T(\d\d):(\d\d):(\d\d))?(?:\.(\d+))?(([+-])(\d\d):?(\d\d)|Z)?$`)
)

// partMatcher recognises one part of a timestamp and converts it.
type partMatcher struct {
	regex     string
	component byte
	parse     func(string) (float64, bool)
}

func dateTimeMatchers(spec []*marker) ([]*partMatcher, *Error) {
	out := make([]*partMatcher, 0, len(spec))
	for _, m := range spec {
		pm, err := dateTimeMatcher(m)
		if err != nil {
			return nil, err
		}
		out = append(out, pm)
	}
	return out, nil
}

func dateTimeMatcher(m *marker) (*partMatcher, *Error) {
	switch {
	case m.isLiteral:
		return &partMatcher{regex: regexp.QuoteMeta(m.literal)}, nil
	case m.component == 'Z' || m.component == 'z':
		return timezoneMatcher(m), nil
	case m.component == 'f':
		return &partMatcher{regex: "[0-9]+", component: 'f', parse: func(v string) (float64, bool) {
			f, err := strconv.ParseFloat("0."+(v + "000")[:3], 64)
			return f * 1000, err == nil
		}}, nil
	case m.intFormat != nil:
		im, err := integerMatcher(m.intFormat)
		if err != nil {
			return nil, err
		}
		return &partMatcher{regex: im.regex, component: m.component, parse: func(v string) (float64, bool) {
			f, _ := im.parse(v).(float64)
			return f, true
		}}, nil
	}
	return nameMatcher(m)
}

func timezoneMatcher(m *marker) *partMatcher {
	sep := ""
	if m.intFormat.regular {
		sep = m.intFormat.regularSep.char
	}
	re := "[-+][0-9]+"
	if m.component == 'z' {
		re = "GMT" + re
	}
	if sep != "" {
		re += regexp.QuoteMeta(sep) + "[0-9]+"
	}
	return &partMatcher{regex: re, component: m.component, parse: func(v string) (float64, bool) {
		if m.component == 'z' {
			v = v[3:]
		}
		var h, mi float64
		if sep != "" {
			i := strings.Index(v, sep)
			h, mi = intOf(v[:i]), intOf(v[i+len(sep):])
		} else if len(v)-1 <= 2 {
			h = intOf(v)
		} else {
			h, mi = intOf(v[:3]), intOf(v[3:])
		}
		return h*60 + mi, true
	}}
}

func intOf(s string) float64 {
	f, _ := jsParseInt(s).(float64)
	return f
}

func nameMatcher(m *marker) (*partMatcher, *Error) {
	lookup := map[string]float64{}
	switch m.component {
	case 'M', 'x':
		for i, n := range monthNames {
			lookup[truncName(n, m)] = float64(i + 1)
		}
	case 'F':
		for i, n := range dayNames[1:] {
			lookup[truncName(n, m)] = float64(i + 1)
		}
	case 'P':
		lookup = map[string]float64{"am": 0, "AM": 0, "pm": 1, "PM": 1}
	default:
		return nil, errorValue("D3133", string(rune(m.component)))
	}
	return &partMatcher{regex: "[a-zA-Z]+", component: m.component, parse: func(v string) (float64, bool) {
		f, ok := lookup[v]
		return f, ok
	}}, nil
}

func truncName(n string, m *marker) string {
	if m.widthMax > 0 && len(n) > m.widthMax {
		return n[:m.widthMax]
	}
	return n
}

// parseDateTime parses a timestamp with a picture into epoch millis.
func (ev *evaluator) parseDateTime(timestamp, picture string) (any, error) {
	spec, err := analyseDateTimePicture(picture)
	if err != nil {
		return nil, err
	}
	parts, err := dateTimeMatchers(spec)
	if err != nil {
		return nil, err
	}
	info := matchTimestamp(parts, timestamp)
	if info == nil {
		return undefined, nil
	}
	comps := map[byte]float64{}
	parsed := 0
	for i, p := range parts {
		if p.parse == nil {
			continue
		}
		parsed++
		if v, ok := p.parse(info[i+1]); ok {
			comps[p.component] = v
		} else {
			delete(comps, p.component) // an unknown name is undefined
		}
	}
	if parsed == 0 {
		return undefined, nil
	}
	return ev.assembleDateTime(comps)
}

// matchTimestamp matches a timestamp against the parts' patterns (case
// insensitively), returning the text of each part, or nil.
func matchTimestamp(parts []*partMatcher, timestamp string) []string {
	var re strings.Builder
	re.WriteString("(?i)^")
	for _, p := range parts {
		re.WriteString("(" + p.regex + ")")
	}
	re.WriteString("$")
	matcher, err := regexp.Compile(re.String())
	if err != nil {
		return nil
	}
	return matcher.FindStringSubmatch(timestamp)
}

const (
	dateMaskA = 161 // Y M D
	dateMaskB = 130 // Y d
	dateMaskC = 84  // X x w F
	dateMaskD = 72  // X W F
	timeMaskA = 23  // H m s f
	timeMaskB = 47  // P h m s f
)

func componentMask(comps map[byte]float64, order string) int {
	mask := 0
	for i := 0; i < len(order); i++ {
		mask <<= 1
		if v, ok := comps[order[i]]; ok && v != 0 && !math.IsNaN(v) {
			mask++
		}
	}
	return mask
}

func isMaskType(mask, typ int) bool { return ^typ&mask == 0 && typ&mask != 0 }

// assembleDateTime fills in unspecified components (from now for the most
// significant, zero for the least) and builds the timestamp.
func (ev *evaluator) assembleDateTime(comps map[byte]float64) (any, error) {
	dmask := componentMask(comps, "YXMxWwdD")
	dateA := isMaskType(dmask, dateMaskA)
	dateB := !dateA && isMaskType(dmask, dateMaskB)
	dateC := isMaskType(dmask, dateMaskC)
	dateD := !dateC && isMaskType(dmask, dateMaskD)
	tmask := componentMask(comps, "PHhmsf")
	timeA := isMaskType(tmask, timeMaskA)
	timeB := !timeA && isMaskType(tmask, timeMaskB)
	dateComps := "YMD"
	switch {
	case dateB:
		dateComps = "Yd"
	case dateC:
		dateComps = "XxwF"
	case dateD:
		dateComps = "XWF"
	}
	timeComps := "Hmsf"
	if timeB {
		timeComps = "Phmsf"
	}
	if err := ev.defaultComponents(comps, dateComps+timeComps); err != nil {
		return nil, err
	}
	if dateC || dateD {
		return nil, newError("D3136")
	}
	return buildTimestamp(comps, dateB, timeB), nil
}

func (ev *evaluator) defaultComponents(comps map[byte]float64, order string) error {
	now := ev.clock().UTC()
	started, ended := false, false
	for i := 0; i < len(order); i++ {
		c := order[i]
		if _, ok := comps[c]; ok {
			started = true
			if ended {
				return newError("D3136")
			}
			continue
		}
		if started {
			comps[c] = 0
			if strings.IndexByte("MDd", c) >= 0 {
				comps[c] = 1
			}
			ended = true
		} else {
			comps[c] = dateComponent(now, c) // 'P' from now is never 1 in the reference
		}
	}
	return nil
}

func buildTimestamp(comps map[byte]float64, dateB, timeB bool) float64 {
	month := comps['M'] - 1
	if !(comps['M'] > 0) {
		month = 0
	}
	day := comps['D']
	if dateB {
		first := utcMillis(int(comps['Y']), time.January, 1)
		derived := millisToTime(first + (comps['d']-1)*dayMillis)
		month, day = float64(derived.Month()-1), float64(derived.Day())
	}
	hour := comps['H']
	if timeB {
		hour = comps['h']
		if hour == 12 {
			hour = 0
		}
		if comps['P'] == 1 {
			hour += 12
		}
	}
	vals := []float64{comps['Y'], month, day, hour, comps['m'], comps['s'], comps['f']}
	for _, v := range vals {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return math.NaN()
		}
	}
	t := time.Date(int(vals[0]), time.Month(int(vals[1])+1), int(vals[2]), int(vals[3]), int(vals[4]), int(vals[5]), int(vals[6])*1e6, time.UTC)
	millis := float64(t.UnixMilli())
	if z, ok := comps['Z']; ok && z != 0 {
		millis -= z * 60 * 1000
	} else if z, ok := comps['z']; ok && z != 0 {
		millis -= z * 60 * 1000
	}
	return millis
}
