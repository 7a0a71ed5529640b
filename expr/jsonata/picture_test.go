package jsonata

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"
)

// describeMarkers prints an analysed date/time picture.
func describeMarkers(spec []*marker) string {
	parts := make([]string, len(spec))
	for i, m := range spec {
		if m.isLiteral {
			parts[i] = fmt.Sprintf("%q", m.literal)
			continue
		}
		s := string(rune(m.component)) + ":" + m.pres1
		if m.pres2 != "" {
			s += ";" + m.pres2
		}
		if m.hasWidth {
			s += fmt.Sprintf(",%d-%d", m.widthMin, m.widthMax)
		}
		if m.hasNames {
			s += fmt.Sprintf("/names%d", m.names)
		}
		if m.intFormat != nil {
			s += fmt.Sprintf("/int%d.%d", m.intFormat.mandatory, m.intFormat.optional)
		}
		parts[i] = "[" + s + "]"
	}
	return strings.Join(parts, " ")
}

func TestAnalyseDateTimePicture(t *testing.T) {
	t.Parallel()
	tests := []struct{ picture, want string }{
		{"[Y0001]-[M01]-[D01]", `[Y:0001/int4.0] "-" [M:01/int2.0] "-" [D:01/int2.0]`},
		{"[Y]", "[Y:1/int1.0]"},
		{"[MNn]", "[M:Nn/names2]"},
		{"[MN,3-3]", "[M:N,3-3/names1]"},
		{"[FNn,*-3]", "[F:Nn,-1-3/names2]"},
		{"[D1o]", "[D:1;o/int1.0]"},
		{"[Dwo]", "[D:w;o/int0.0]"},
		{"[h]:[m01] [P]", `[h:1/int1.0] ":" [m:01/int2.0] " " [P:n/names0]`},
		{"[Z01:01t]", "[Z:01:01;t/int4.0]"},
		{"[z]", "[z:01:01/int4.0]"},
		{"[Y,2]", "[Y:1,2--1/int2.0]"},
		{"[Y,2-4]", "[Y:1,2-4/int4.0]"},
		{"[ Y 0001 ]", "[Y:0001/int4.0]"},
		{"[[lit]] [Y]", `"[" "lit] " [Y:1/int1.0]`},
		{"no markers", `"no markers"`},
		{"[C][E]", "[C:n/names0] [E:n/names0]"},
		{"[f001]", "[f:001/int3.0]"},
		{"[Y##01]", "[Y:##01/int2.2]"},
		{"[X0001]-W[W01]-[F1]", `[X:0001/int4.0] "-W" [W:01/int2.0] "-" [F:1/int1.0]`},
	}
	for _, tt := range tests {
		spec, err := analyseDateTimePicture(tt.picture)
		if err != nil {
			t.Errorf("%s: %v", tt.picture, err)
			continue
		}
		if got := describeMarkers(spec); got != tt.want {
			t.Errorf("%s\n     got %s\n    want %s", tt.picture, got, tt.want)
		}
	}
	for picture, code := range map[string]string{"[Y": "D3135", "[Q]": "D3132", "[]": "D3132", "[Y0١]": "D3131"} {
		if _, err := analyseDateTimePicture(picture); err == nil || err.Code != code {
			t.Errorf("%s: got %v, want %s", picture, err, code)
		}
	}
}

func TestAnalyseIntegerPicture(t *testing.T) {
	t.Parallel()
	tests := []struct{ picture, want string }{
		{"0", "decimal 1.0 regular=false seps=[] zero=48"},
		{"000", "decimal 3.0 regular=false seps=[] zero=48"},
		{"#,##0", "decimal 1.3 regular=true seps=[{3 ,}] zero=48"},
		{"#,###,##0", "decimal 1.6 regular=true seps=[{3 ,}] zero=48"},
		{"#,##,##0", "decimal 1.5 regular=false seps=[{3 ,} {5 ,}] zero=48"},
		{"0'000", "decimal 4.0 regular=true seps=[{3 '}] zero=48"},
		{"١٠", "decimal 2.0 regular=false seps=[] zero=1632"},
		{"1;o", "decimal 1.0 regular=false seps=[] zero=48 ordinal"},
		{"a", "letters lower"},
		{"A", "letters upper"},
		{"i", "roman lower"},
		{"I", "roman upper"},
		{"w", "words lower"},
		{"W", "words upper"},
		{"Ww", "words title"},
		{"w;o", "words lower ordinal"},
		{"x", "sequence x"},
		{"#", "sequence #"},
	}
	for _, tt := range tests {
		f, err := analyseIntegerPicture(tt.picture)
		if err != nil {
			t.Errorf("%s: %v", tt.picture, err)
			continue
		}
		if got := describeIntegerFormat(f); got != tt.want {
			t.Errorf("%s = %s, want %s", tt.picture, got, tt.want)
		}
	}
	if _, err := analyseIntegerPicture("0١"); err == nil || err.Code != "D3131" {
		t.Errorf("mixed digit families: %v", err)
	}
}

func describeIntegerFormat(f *integerFormat) string {
	kinds := map[integerKind]string{intDecimal: "decimal", intLetters: "letters", intRoman: "roman", intWords: "words", intSequence: "sequence"}
	cases := map[letterCase]string{caseLower: "lower", caseUpper: "upper", caseTitle: "title"}
	var s string
	switch f.primary {
	case intDecimal:
		seps := f.separators
		if f.regular {
			seps = []separator{f.regularSep}
		}
		s = fmt.Sprintf("decimal %d.%d regular=%v seps=%v zero=%d", f.mandatory, f.optional, f.regular, seps, f.zeroCode)
	case intSequence:
		s = "sequence " + f.token
	default:
		s = kinds[f.primary] + " " + cases[f.letterCase]
	}
	if f.ordinal {
		s += " ordinal"
	}
	return s
}

func TestFormatNumberPictureErrors(t *testing.T) {
	t.Parallel()
	tests := []struct{ picture, code string }{
		{"#;#;#", "D3080"}, {"#.#.#", "D3081"}, {"#%%", "D3082"}, {"#‰‰", "D3083"}, {"#%‰", "D3084"},
		{"%", "D3086"}, {"x", "D3086"}, {"#a#", "D3086"}, {"#,.0", "D3087"}, {"#,", "D3088"}, {"#,,#", "D3089"},
		{"0#", "D3090"}, {"#.#0", "D3091"}, {"#%e0", "D3092"}, {"#e", "D3093"}, {"#ea", "D3093"},
	}
	for _, tt := range tests {
		src := fmt.Sprintf("$formatNumber(1, %q)", tt.picture)
		if got := evalText(src, Undefined, nil); !strings.HasPrefix(got, "!"+tt.code+":") {
			t.Errorf("%s = %s, want %s", src, got, tt.code)
		}
	}
}

func TestDateComponents(t *testing.T) {
	t.Parallel()
	tm := time.Date(2005, 1, 1, 15, 4, 5, 678_000_000, time.UTC) // a Saturday in ISO week 53 of 2004
	tests := []struct {
		c    byte
		want float64
	}{
		{'Y', 2005}, {'M', 1}, {'D', 1}, {'d', 1}, {'F', 6}, {'W', 53}, {'w', 5}, {'X', 2004}, {'x', 12},
		{'H', 15}, {'h', 3}, {'m', 4}, {'s', 5}, {'f', 678},
	}
	for _, tt := range tests {
		if got := dateComponent(tm, tt.c); got != tt.want {
			t.Errorf("component %c = %v, want %v", tt.c, got, tt.want)
		}
	}
	if dateComponent(time.Date(2024, 1, 7, 0, 0, 0, 0, time.UTC), 'F') != 7 {
		t.Error("Sunday is day 7")
	}
	if dateComponent(time.Date(2024, 1, 1, 0, 30, 0, 0, time.UTC), 'h') != 12 {
		t.Error("half past midnight is 12 on the 12-hour clock")
	}
}

func TestFormatDateTimeInvalid(t *testing.T) {
	t.Parallel()
	for _, ms := range []float64{math.NaN(), math.Inf(1), 1e20, -1e20} {
		got, err := formatDateTime(ms, "[Y0001]-[M01]-[D01] [MNn] [P]", undefined)
		if err != nil || got != "0NaN-NaN-NaN undefined am" {
			t.Errorf("%v: %v %v", ms, got, err)
		}
	}
}
