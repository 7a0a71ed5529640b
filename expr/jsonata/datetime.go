package jsonata

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// Date and time: $now, $millis, $fromMillis and $toMillis with XPath F&O
// 3.1 picture strings (fn:format-dateTime), as the reference implements them.

func defineDateTime() {
	define("now", "<s?s?:s>", 2, fnNow)
	define("millis", "<:n>", 0, fnMillis)
	defineU("fromMillis", "<n-s?s?:s>", 3, fnFromMillis)
	defineU("toMillis", "<s-s?:n>", 2, fnToMillis)
}

func (ev *evaluator) nowMillis() float64 {
	return float64(ev.clock().UnixMilli())
}

func fnNow(ev *evaluator, _ callInfo, args []any) (any, error) {
	return formatDateTime(ev.nowMillis(), arg(args, 0), arg(args, 1))
}

func fnMillis(ev *evaluator, _ callInfo, _ []any) (any, error) {
	return ev.nowMillis(), nil
}

func fnFromMillis(_ *evaluator, _ callInfo, args []any) (any, error) {
	return formatDateTime(num(args, 0), arg(args, 1), arg(args, 2))
}

func fnToMillis(ev *evaluator, _ callInfo, args []any) (any, error) {
	s := str(args, 0)
	if arg(args, 1) == undefined {
		if !isISOTimestamp(s) {
			return nil, errorValue("D3110", s)
		}
		return parseISO(s), nil
	}
	return ev.parseDateTime(s, str(args, 1))
}

// marker is one part of an analysed date/time picture: a literal, or a
// component marker such as [Y0001] or [MNn,3-3].
type marker struct {
	literal    string
	isLiteral  bool
	component  byte
	pres1      string
	pres2      string
	ordinal    bool
	names      letterCase
	hasNames   bool
	widthMin   int // -1: none
	widthMax   int // -1: none
	hasWidth   bool
	intFormat  *integerFormat
	yearDigits int
}

var defaultPresentation = map[byte]string{
	'Y': "1", 'M': "1", 'D': "1", 'd': "1", 'F': "n", 'W': "1", 'w': "1", 'X': "1", 'x': "1",
	'H': "1", 'h': "1", 'P': "n", 'm': "01", 's': "01", 'f': "1", 'Z': "01:01", 'z': "01:01",
	'C': "n", 'E': "n",
}

func analyseDateTimePicture(picture string) ([]*marker, *Error) {
	var spec []*marker
	addLiteral := func(s string) {
		if s != "" {
			spec = append(spec, &marker{isLiteral: true, literal: strings.ReplaceAll(s, "]]", "]")})
		}
	}
	start, pos := 0, 0
	for pos < len(picture) {
		if picture[pos] != '[' {
			pos++
			continue
		}
		if pos+1 < len(picture) && picture[pos+1] == '[' {
			addLiteral(picture[start:pos])
			spec = append(spec, &marker{isLiteral: true, literal: "["})
			pos += 2
			start = pos
			continue
		}
		addLiteral(picture[start:pos])
		end := strings.IndexByte(picture[pos:], ']')
		if end < 0 {
			return nil, newError("D3135")
		}
		m, err := parseMarker(picture[pos+1:pos+end], spec)
		if err != nil {
			return nil, err
		}
		spec = append(spec, m)
		pos += end + 1
		start = pos
	}
	addLiteral(picture[start:])
	return spec, nil
}

func parseMarker(text string, spec []*marker) (*marker, *Error) {
	text = strings.Join(strings.Fields(text), "")
	m := &marker{widthMin: -1, widthMax: -1}
	if text != "" {
		m.component = text[0]
	}
	pres := ""
	if comma := strings.LastIndexByte(text, ','); comma >= 0 {
		m.parseWidth(text[comma+1:])
		pres = substring(text, 1, comma)
	} else if text != "" {
		pres = text[1:]
	}
	m.presentation(pres)
	if m.pres1 == "" {
		return nil, errorValue("D3132", string(rune(m.component)))
	}
	if err := m.analyse(spec); err != nil {
		return nil, err
	}
	return m, nil
}

func (m *marker) parseWidth(w string) {
	m.hasWidth = true
	lo, hi := w, ""
	hasHi := false
	if dash := strings.IndexByte(w, '-'); dash >= 0 {
		lo, hi, hasHi = w[:dash], w[dash+1:], true
	}
	m.widthMin = parseWidthValue(lo)
	if hasHi {
		m.widthMax = parseWidthValue(hi)
	}
}

func parseWidthValue(s string) int {
	if s == "*" || s == "" {
		return -1
	}
	v := jsParseInt(s)
	if f, ok := v.(float64); ok && !math.IsNaN(f) {
		return int(f)
	}
	return -1
}

func (m *marker) presentation(pres string) {
	switch {
	case len(pres) == 1:
		m.pres1 = pres
	case len(pres) > 1:
		last := pres[len(pres)-1]
		if strings.IndexByte("atco", last) >= 0 {
			m.pres2, m.pres1 = string(last), pres[:len(pres)-1]
			m.ordinal = last == 'o'
		} else {
			m.pres1 = pres
		}
	default:
		m.pres1 = defaultPresentation[m.component]
	}
}

func (m *marker) analyse(spec []*marker) *Error {
	switch {
	case m.pres1[0] == 'n':
		m.names, m.hasNames = caseLower, true
	case m.pres1[0] == 'N':
		m.names, m.hasNames = caseUpper, true
		if len(m.pres1) > 1 && m.pres1[1] == 'n' {
			m.names = caseTitle
		}
	case strings.IndexByte("YMDdFWwXxHhmsf", m.component) >= 0:
		if err := m.analyseInteger(spec); err != nil {
			return err
		}
	}
	if m.component == 'Z' || m.component == 'z' {
		f, err := analyseIntegerPicture(m.pres1)
		if err != nil {
			return err
		}
		m.intFormat = f
	}
	return nil
}

func (m *marker) analyseInteger(spec []*marker) *Error {
	pattern := m.pres1
	if m.pres2 != "" {
		pattern += ";" + m.pres2
	}
	f, err := analyseIntegerPicture(pattern)
	if err != nil {
		return err
	}
	m.intFormat = f
	if m.widthMin >= 0 && f.mandatory < m.widthMin {
		f.mandatory = m.widthMin
	}
	if m.component == 'Y' {
		m.yearDigits = -1
		if m.widthMax >= 0 {
			m.yearDigits = m.widthMax
			f.mandatory = m.widthMax
		} else if w := f.mandatory + f.optional; w >= 2 {
			m.yearDigits = w
		}
	}
	if len(spec) > 0 && spec[len(spec)-1].intFormat != nil {
		prev := spec[len(spec)-1].intFormat
		prev.parseWidth = prev.mandatory
	}
	return nil
}

var (
	dayNames   = []string{"", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
	monthNames = []string{"January", "February", "March", "April", "May", "June", "July", "August",
		"September", "October", "November", "December"}
)

const isoPicture = "[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]"

// formatDateTime formats epoch milliseconds with a picture (default ISO
// 8601) in a timezone given as ±HHMM (default UTC).
func formatDateTime(millis float64, picture, timezone any) (any, error) {
	offsetHours, offsetMinutes := 0.0, 0.0
	if tz, ok := timezone.(string); ok {
		v, _ := jsParseInt(tz).(float64) // NaN makes the date invalid
		offsetHours, offsetMinutes = math.Floor(v/100), math.Mod(v, 100)
	}
	pic := isoPicture
	if p, ok := picture.(string); ok {
		pic = p
	}
	spec, err := analyseDateTimePicture(pic)
	if err != nil {
		return nil, err
	}
	offset := (60*offsetHours + offsetMinutes) * 60 * 1000
	ms := math.Trunc(millis + offset)
	invalid := math.IsNaN(ms) || math.Abs(ms) > maxDateMillis
	t := time.Unix(0, 0).UTC()
	if !invalid {
		t = millisToTime(ms)
	}
	var b strings.Builder
	for _, m := range spec {
		if m.isLiteral {
			b.WriteString(m.literal)
			continue
		}
		s, err := formatComponent(t, invalid, m, offsetHours, offsetMinutes)
		if err != nil {
			return nil, err
		}
		b.WriteString(s)
	}
	return b.String(), nil
}

func millisToTime(ms float64) time.Time {
	ms = math.Trunc(ms)
	sec := math.Floor(ms / 1000)
	return time.Unix(int64(sec), int64((ms-sec*1000)*1e6)).UTC()
}

// maxDateMillis is the range of JavaScript dates; beyond it (and for NaN)
// a date is invalid and its components are NaN.
const maxDateMillis = 8.64e15

func formatComponent(t time.Time, invalid bool, m *marker, offH, offM float64) (string, *Error) {
	switch {
	case strings.IndexByte("YMDdFWwXxHhms", m.component) >= 0:
		v := dateComponent(t, m.component)
		if invalid {
			v = math.NaN()
		}
		return formatIntegerComponent(v, m)
	case m.component == 'f':
		v := float64(t.Nanosecond() / 1e6)
		if invalid {
			v = math.NaN()
		}
		return formatIntegerValue(v, m.intFormat)
	case m.component == 'Z' || m.component == 'z':
		return formatTimezone(m, offH, offM)
	case m.component == 'P':
		s := "am"
		if t.Hour() >= 12 {
			s = "pm"
		}
		if m.names == caseUpper {
			s = strings.ToUpper(s)
		}
		return s, nil
	case m.component == 'C' || m.component == 'E':
		return "ISO", nil
	}
	return "undefined", nil
}

func formatIntegerComponent(v float64, m *marker) (string, *Error) {
	if m.component == 'Y' && m.yearDigits != -1 {
		v = math.Mod(v, math.Pow(10, float64(m.yearDigits)))
	}
	if !m.hasNames {
		return formatIntegerValue(v, m.intFormat)
	}
	var name string
	switch {
	case math.IsNaN(v) && strings.IndexByte("MxF", m.component) >= 0:
		return "undefined", nil
	case m.component == 'M' || m.component == 'x':
		name = monthNames[int(v)-1]
	case m.component == 'F':
		name = dayNames[int(v)]
	default:
		return "", errorValue("D3133", string(rune(m.component)))
	}
	switch m.names {
	case caseUpper:
		name = strings.ToUpper(name)
	case caseLower:
		name = strings.ToLower(name)
	}
	if m.widthMax >= 0 && len(name) > m.widthMax {
		name = name[:m.widthMax]
	}
	return name, nil
}

func formatTimezone(m *marker, offH, offM float64) (string, *Error) {
	offset := offH*100 + offM
	var s string
	var err *Error
	f := m.intFormat
	switch digits := f.mandatory; {
	case f.regular:
		s, err = formatIntegerValue(offset, f)
	case digits == 1 || digits == 2:
		s, err = formatIntegerValue(offH, f)
		if offM != 0 {
			mm, _ := analyseIntegerPicture("00")
			ms, _ := formatIntegerValue(offM, mm)
			s += ":" + ms
		}
	case digits == 3 || digits == 4:
		s, err = formatIntegerValue(offset, f)
	default:
		return "", errorValue("D3134", float64(digits))
	}
	if err != nil {
		return "", err
	}
	if offset >= 0 {
		s = "+" + s
	}
	if m.component == 'z' {
		s = "GMT" + s
	}
	if offset == 0 && m.pres2 == "t" {
		s = "Z"
	}
	return s, nil
}

// dateComponent returns a numeric component of a (UTC) time.
func dateComponent(t time.Time, c byte) float64 {
	switch c {
	case 'Y':
		return float64(t.Year())
	case 'M':
		return float64(t.Month())
	case 'D':
		return float64(t.Day())
	case 'd':
		return float64(t.YearDay())
	case 'F':
		d := int(t.Weekday())
		if d == 0 {
			d = 7
		}
		return float64(d)
	case 'W':
		return float64(weekInYear(t))
	case 'w':
		return float64(weekInMonth(t))
	case 'X':
		return float64(isoWeekYear(t))
	case 'x':
		return float64(isoWeekMonth(t))
	case 'H':
		return float64(t.Hour())
	case 'h':
		h := t.Hour() % 12
		if h == 0 {
			h = 12
		}
		return float64(h)
	case 'm':
		return float64(t.Minute())
	case 's':
		return float64(t.Second())
	case 'f':
		return float64(t.Nanosecond() / 1e6)
	}
	return 0
}

const dayMillis = 24 * 60 * 60 * 1000

func utcMillis(year int, month time.Month, day int) float64 {
	return float64(time.Date(year, month, day, 0, 0, 0, 0, time.UTC).UnixMilli())
}

// startOfFirstWeek is the start (Monday) of the first ISO week of a year or
// month: the week containing its first Thursday.
func startOfFirstWeek(year int, month time.Month) float64 {
	first := time.Date(year, month, 1, 0, 0, 0, 0, time.UTC)
	day := int(first.Weekday())
	if day == 0 {
		day = 7
	}
	base := float64(first.UnixMilli())
	if day > 4 {
		return base + float64(8-day)*dayMillis
	}
	return base - float64(day-1)*dayMillis
}

func deltaWeeks(start, end float64) float64 { return (end-start)/(dayMillis*7) + 1 }

func weekInYear(t time.Time) int {
	today := utcMillis(t.Year(), t.Month(), t.Day())
	week := deltaWeeks(startOfFirstWeek(t.Year(), time.January), today)
	if week > 52 {
		if today >= startOfFirstWeek(t.Year()+1, time.January) {
			week = 1
		}
	} else if week < 1 {
		week = deltaWeeks(startOfFirstWeek(t.Year()-1, time.January), today)
	}
	return int(math.Floor(week))
}

func weekInMonth(t time.Time) int {
	today := utcMillis(t.Year(), t.Month(), t.Day())
	week := deltaWeeks(startOfFirstWeek(t.Year(), t.Month()), today)
	if week > 4 {
		ny, nm := nextMonth(t.Year(), t.Month())
		if today >= startOfFirstWeek(ny, nm) {
			week = 1
		}
	} else if week < 1 {
		py, pm := previousMonth(t.Year(), t.Month())
		week = deltaWeeks(startOfFirstWeek(py, pm), today)
	}
	return int(math.Floor(week))
}

func nextMonth(y int, m time.Month) (int, time.Month) {
	if m == time.December {
		return y + 1, time.January
	}
	return y, m + 1
}

func previousMonth(y int, m time.Month) (int, time.Month) {
	if m == time.January {
		return y - 1, time.December
	}
	return y, m - 1
}

func isoWeekYear(t time.Time) int {
	now := float64(t.UnixMilli())
	switch {
	case now < startOfFirstWeek(t.Year(), time.January):
		return t.Year() - 1
	case now >= startOfFirstWeek(t.Year()+1, time.January):
		return t.Year() + 1
	}
	return t.Year()
}

func isoWeekMonth(t time.Time) int {
	now := float64(t.UnixMilli())
	ny, nm := nextMonth(t.Year(), t.Month())
	switch {
	case now < startOfFirstWeek(t.Year(), t.Month()):
		_, pm := previousMonth(t.Year(), t.Month())
		return int(pm)
	case now >= startOfFirstWeek(ny, nm):
		return int(nm)
	}
	return int(t.Month())
}

// isISOTimestamp is the reference's check of $toMillis's argument.
func isISOTimestamp(s string) bool { return isoTimestamp.MatchString(s) }

// parseISO is JavaScript's Date.parse for the forms isISOTimestamp
// accepts (NaN for impossible dates).
func parseISO(s string) float64 {
	m := isoParts.FindStringSubmatch(s)
	if m == nil {
		return math.NaN()
	}
	atoi := func(x string, def int) int {
		if x == "" {
			return def
		}
		v, _ := strconv.Atoi(x)
		return v
	}
	year, month, day := atoi(m[1], 0), atoi(m[2], 1), atoi(m[3], 1)
	hour, minute, sec := atoi(m[4], 0), atoi(m[5], 0), atoi(m[6], 0)
	ms := atoi((m[7] + "000")[:3], 0)
	if m[7] != "" && m[4] == "" {
		return math.NaN()
	}
	if month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || sec > 59 ||
		(hour == 24 && (minute != 0 || sec != 0 || ms != 0)) {
		return math.NaN()
	}
	t := time.Date(year, time.Month(month), day, hour, minute, sec, ms*1e6, time.UTC)
	millis := float64(t.UnixMilli())
	if m[8] != "" {
		oh, om := atoi(m[10], 0), atoi(m[11], 0)
		if oh > 23 || om > 59 {
			return math.NaN()
		}
		sign := 1.0
		if m[9] == "-" {
			sign = -1
		}
		millis -= sign * float64((oh*60+om)*60*1000)
	}
	return millis
}

// substring is JavaScript's String.prototype.substring on bytes: the
// bounds are clamped and swapped when reversed.
func substring(s string, from, to int) string {
	from, to = clampIndex(from, len(s)), clampIndex(to, len(s))
	if from > to {
		from, to = to, from
	}
	return s[from:to]
}
