package bench

import (
	"slices"
	"strings"
	"testing"
)

func TestSelect(t *testing.T) {
	t.Parallel()
	every := []string{"baseline-http", "express-pass", "fsync-baseline", "durable-pass", "wait-heavy",
		"map-fanout", "callback", "idle-waiting"}
	tests := []struct {
		name    string
		in      []string
		extras  bool
		want    []string
		wantErr string
	}{
		{"nothing is all", nil, false, every, ""},
		{"empty names are all", []string{"", " "}, false, every, ""},
		{"all", []string{"all"}, false, every, ""},
		{"all with startup", []string{"all"}, true, append(slices.Clone(every), "startup"), ""},
		{"startup alone", []string{"startup"}, false, []string{"startup"}, ""},
		{"express-pass brings its baseline", []string{"express-pass"}, false, []string{"baseline-http", "express-pass"}, ""},
		{"durable-pass brings its baseline", []string{"durable-pass"}, false, []string{"fsync-baseline", "durable-pass"}, ""},
		{"table order, spaces trimmed", []string{" callback", "wait-heavy "}, false, []string{"wait-heavy", "callback"}, ""},
		{"duplicates once", []string{"map-fanout", "map-fanout"}, false, []string{"map-fanout"}, ""},
		{"a baseline alone", []string{"fsync-baseline"}, false, []string{"fsync-baseline"}, ""},
		{"unknown", []string{"express-pass", "nope"}, false, nil, `unknown scenario "nope"`},
		{"case matters", []string{"Express-Pass"}, false, nil, `unknown scenario "Express-Pass"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := Select(tt.in, tt.extras)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Select(%q) error = %v, want %q", tt.in, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Select(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNamesDescribeEveryScenario(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, n := range Names() {
		if n[0] == "" || n[1] == "" || seen[n[0]] {
			t.Errorf("scenario %q: empty or duplicate name or description", n)
		}
		seen[n[0]] = true
	}
	for _, s := range scenarios() {
		if s.base != "" && !seen[s.base] {
			t.Errorf("%s is compared with unknown %s", s.name, s.base)
		}
		if s.run == nil {
			t.Errorf("%s has no run function", s.name)
		}
	}
}

func FuzzSelect(f *testing.F) {
	f.Add("all", false)
	f.Add("express-pass,durable-pass", true)
	f.Add(",,startup,", false)
	f.Fuzz(func(t *testing.T, list string, extras bool) {
		got, err := Select(strings.Split(list, ","), extras)
		if err != nil {
			return
		}
		all := scenarioNames(scenarios())
		last := -1
		for _, n := range got {
			i := slices.Index(all, n)
			if i <= last {
				t.Fatalf("Select(%q) = %q: unknown, repeated or out of order", list, got)
			}
			last = i
		}
		if len(got) == 0 {
			t.Fatalf("Select(%q) chose nothing", list)
		}
	})
}
