package bench

import (
	"slices"
	"sort"
)

// combine reduces the rounds' results to one result per scenario: the
// round whose rate is the median, with each ratio to a baseline replaced
// by the median of the rounds' ratios (and their range). A round that
// failed is reported instead.
func combine(rounds []*Report) []*Result {
	if len(rounds) == 0 {
		return nil
	}
	if len(rounds) == 1 {
		return rounds[0].Results
	}
	out := make([]*Result, len(rounds[0].Results))
	for j := range out {
		col := make([]*Result, len(rounds))
		for i, r := range rounds {
			col[i] = r.Results[j]
		}
		out[j] = median(col)
	}
	return out
}

// median returns a copy of the median result of one scenario's rounds.
func median(col []*Result) *Result {
	for _, r := range col {
		if r.Failed != "" || r.Skipped != "" {
			return r
		}
	}
	rates := make([]float64, len(col))
	for i, r := range col {
		rates[i] = r.headline
	}
	if slices.Max(rates) <= 0 {
		rates = nil // a scenario without a rate (startup)
	}
	byRate := slices.Clone(col)
	sort.SliceStable(byRate, func(a, b int) bool { return byRate[a].headline < byRate[b].headline })
	mid := *byRate[len(byRate)/2]
	mid.RoundRates = rates
	mid.Figures = slices.Clone(mid.Figures)
	for k, f := range mid.Figures {
		if f.Target > 0 {
			mid.Figures[k] = spreadOf(f, col)
		}
	}
	return &mid
}

// spreadOf returns figure f with the median, lowest and highest of its
// values over the rounds.
func spreadOf(f Figure, col []*Result) Figure {
	var vs []float64
	for _, r := range col {
		if g, ok := r.Figure(f.Name); ok {
			vs = append(vs, g.Value)
		}
	}
	if len(vs) == 0 {
		return f
	}
	slices.Sort(vs)
	f.Value, f.Low, f.High = vs[len(vs)/2], vs[0], vs[len(vs)-1]
	return f
}
