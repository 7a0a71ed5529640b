package bench

import (
	"bytes"
	"strings"
	"testing"
)

func round(rate, ratio float64) *Report {
	base := &Result{Scenario: "baseline-http", PerSecond: 100, headline: 100}
	exp := &Result{Scenario: "express-pass", PerSecond: rate, headline: rate,
		Figures: []Figure{{Name: "other", Value: rate}, {Name: "ratio to baseline-http", Value: ratio, Target: 0.5}}}
	return &Report{Results: []*Result{base, exp}}
}

func TestCombine(t *testing.T) {
	t.Parallel()
	if combine(nil) != nil {
		t.Error("combine(nil)")
	}
	one := round(50, 0.5)
	if got := combine([]*Report{one}); len(got) != 2 || got[1] != one.Results[1] || got[1].RoundRates != nil {
		t.Errorf("one round is reported as it is: %+v", got)
	}
	rounds := []*Report{round(30, 0.9), round(70, 0.2), round(50, 0.4)}
	got := combine(rounds)
	exp := got[1]
	if exp.PerSecond != 50 {
		t.Errorf("median round rate %v, want 50", exp.PerSecond)
	}
	if f, _ := exp.Figure("other"); f.Value != 50 || f.Low != 0 || f.High != 0 {
		t.Errorf("figures come from the median round: %+v", f)
	}
	if f, _ := exp.Figure("ratio to baseline-http"); f.Value != 0.4 || f.Low != 0.2 || f.High != 0.9 {
		t.Errorf("ratio = %+v, want median 0.4 in 0.2..0.9", f)
	}
	if len(exp.RoundRates) != 3 || exp.RoundRates[0] != 30 || exp.RoundRates[2] != 50 {
		t.Errorf("round rates %v, want in run order", exp.RoundRates)
	}
	if f, _ := rounds[2].Results[1].Figure("ratio to baseline-http"); f.Low != 0 {
		t.Error("combine changed a round's figures")
	}
	var buf bytes.Buffer
	rep := &Report{Rounds: 3, Duration: 1, Results: got}
	_ = rep.WriteText(&buf)
	for _, want := range []string{"median of 3 rounds", "rate of each round", "30.0, 70.0, 50.0 /s", "0.400 (rounds: 0.200 to 0.900) (target >= 0.500: NOT met)"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, buf.String())
		}
	}
}

func TestCombineReportsAFailedRound(t *testing.T) {
	t.Parallel()
	bad := round(10, 0.1)
	bad.Results[1].Failed = "boom"
	got := combine([]*Report{round(30, 0.9), bad, round(50, 0.4)})
	if got[1].Failed != "boom" {
		t.Errorf("a failed round is hidden: %+v", got[1])
	}
	if got[0].Failed != "" || len(got[0].RoundRates) != 3 {
		t.Errorf("the baseline: %+v", got[0])
	}
}

func TestSpreadOfAFigureMissingInRounds(t *testing.T) {
	t.Parallel()
	f := Figure{Name: "ratio to x", Value: 2, Target: 1}
	if got := spreadOf(f, []*Result{{}, {}}); got != f {
		t.Errorf("spreadOf = %+v, want %+v unchanged", got, f)
	}
}

func TestRunRounds(t *testing.T) {
	if testing.Short() {
		t.Skip("starts servers")
	}
	opts := tinyOptions(t, "express-pass")
	opts.Rounds = 2
	rep, err := Run(t.Context(), opts)
	if err != nil {
		t.Fatal(err)
	}
	exp := rep.Result("express-pass")
	if rep.Rounds != 2 || exp == nil || len(exp.RoundRates) != 2 {
		t.Fatalf("report %+v, express-pass %+v", rep, exp)
	}
	if f, ok := exp.Figure("ratio to baseline-http"); !ok || f.Low > f.Value || f.Value > f.High {
		t.Errorf("ratio %+v", f)
	}
}

func TestCombineWithoutRates(t *testing.T) {
	t.Parallel()
	mk := func(v float64) *Report {
		return &Report{Results: []*Result{{Scenario: "startup", Ops: 3, Figures: []Figure{{Name: "startup", Value: v}}}}}
	}
	got := combine([]*Report{mk(1), mk(2), mk(3)})
	if got[0].RoundRates != nil {
		t.Errorf("round rates %v for a scenario without a rate", got[0].RoundRates)
	}
}
