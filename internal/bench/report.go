package bench

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
)

// Report is the outcome of a run.
type Report struct {
	Clients   int       `json:"clients"`
	Duration  float64   `json:"durationSeconds,omitempty"` // each load phase's length
	Count     int       `json:"count,omitempty"`           // or its number of operations
	Rounds    int       `json:"rounds"`                    // times each scenario ran
	Endpoint  string    `json:"endpoint,omitempty"`        // empty: an in-process server
	TimeScale float64   `json:"timeScale"`
	GoVersion string    `json:"goVersion"`
	Platform  string    `json:"platform"`
	CPUs      int       `json:"cpus"`
	Results   []*Result `json:"results"`
}

// Result is one scenario's figures.
type Result struct {
	Scenario  string   `json:"scenario"`
	Unit      string   `json:"unit"`    // what one operation is
	Ops       int      `json:"ops"`     // operations completed
	Errors    int      `json:"errors"`  // operations that failed
	Seconds   float64  `json:"seconds"` // the measured phase's length
	PerSecond float64  `json:"perSecond"`
	Latency   *Latency `json:"latencyMs,omitempty"` // of one operation, as the client saw it
	// AllocsPerOp and BytesPerOp are the process's allocations per
	// operation (the in-process server's and the client's together).
	AllocsPerOp float64  `json:"allocsPerOp,omitempty"`
	BytesPerOp  float64  `json:"bytesPerOp,omitempty"`
	Figures     []Figure `json:"figures,omitempty"`
	FirstError  string   `json:"firstError,omitempty"`
	Failed      string   `json:"failed,omitempty"` // why the scenario could not run to its end
	// RoundRates are the rate that ratios compare (ops/s, or state
	// transitions/s for durable scenarios) of each round, when there were
	// several; the figures above are those of the median round.
	RoundRates []float64 `json:"roundRates,omitempty"`
	Skipped    string    `json:"skipped,omitempty"` // why it did not run

	headline float64 // the rate that ratios to baselines compare
}

// Figure is a named measurement beside a scenario's rate and latency.
type Figure struct {
	Name   string  `json:"name"`
	Value  float64 `json:"value"`
	Unit   string  `json:"unit,omitempty"`
	Target float64 `json:"target,omitempty"` // the value should be at least this
	// Low and High are the lowest and highest value over the rounds, when
	// there were several (Value is their median).
	Low  float64 `json:"low,omitempty"`
	High float64 `json:"high,omitempty"`
}

// add appends a figure.
func (r *Result) add(name string, v float64, unit string) {
	r.Figures = append(r.Figures, Figure{Name: name, Value: v, Unit: unit})
}

// Figure returns the figure named name and whether there is one.
func (r *Result) Figure(name string) (Figure, bool) {
	for _, f := range r.Figures {
		if f.Name == name {
			return f, true
		}
	}
	return Figure{}, false
}

// Result returns the result of scenario name, or nil.
func (rep *Report) Result(name string) *Result {
	for _, r := range rep.Results {
		if r.Scenario == name {
			return r
		}
	}
	return nil
}

// Failed reports whether a scenario failed.
func (rep *Report) Failed() bool {
	for _, r := range rep.Results {
		if r.Failed != "" {
			return true
		}
	}
	return false
}

// WriteJSON writes the report as indented JSON.
func (rep *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}

// WriteText writes the report as a table and a list of figures.
func (rep *Report) WriteText(w io.Writer) error {
	fmt.Fprintf(w, "stepwise bench: %d clients, %s, %s, %s, %d CPUs\n\n", rep.Clients, rep.phase(), rep.server(),
		rep.Platform, rep.CPUs)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "scenario\top\tops\tops/s\tp50 ms\tp90 ms\tp99 ms\tmax ms\tallocs/op\tB/op\terrors\t")
	for _, r := range rep.Results {
		fmt.Fprintln(tw, r.row())
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, r := range rep.Results {
		r.writeNotes(tw)
	}
	return tw.Flush()
}

func (rep *Report) phase() string {
	s := fmt.Sprintf("%gs per phase", rep.Duration)
	if rep.Count > 0 {
		s = fmt.Sprintf("%d operations per phase", rep.Count)
	}
	if rep.Rounds > 1 {
		s += fmt.Sprintf(", median of %d rounds", rep.Rounds)
	}
	return s
}

func (rep *Report) server() string {
	if rep.Endpoint != "" {
		return "endpoint " + rep.Endpoint
	}
	return "in-process server (SQLite), time scale " + strconv.FormatFloat(rep.TimeScale, 'g', -1, 64)
}

// row is the result's line of the table.
func (r *Result) row() string {
	if r.Skipped != "" || (r.Failed != "" && r.Ops == 0) {
		return r.Scenario + strings.Repeat("\t-", 10) + "\t"
	}
	cols := []string{r.Scenario, r.Unit, strconv.Itoa(r.Ops), orDash(r.PerSecond)}
	if l := r.Latency; l != nil {
		cols = append(cols, num(l.P50), num(l.P90), num(l.P99), num(l.Max))
	} else {
		cols = append(cols, "-", "-", "-", "-")
	}
	cols = append(cols, orDash(r.AllocsPerOp), orDash(r.BytesPerOp), strconv.Itoa(r.Errors))
	return strings.Join(cols, "\t") + "\t"
}

// writeNotes writes the result's figures, error and skip reason.
func (r *Result) writeNotes(w io.Writer) {
	if len(r.Figures) == 0 && len(r.RoundRates) < 2 && r.FirstError == "" && r.Failed == "" && r.Skipped == "" {
		return
	}
	fmt.Fprintf(w, "\n%s:\n", r.Scenario)
	if len(r.RoundRates) > 1 {
		rates := make([]string, len(r.RoundRates))
		for i, v := range r.RoundRates {
			rates[i] = num(v)
		}
		fmt.Fprintf(w, "  rate of each round\t%s /s\n", strings.Join(rates, ", "))
	}
	for _, f := range r.Figures {
		fmt.Fprintf(w, "  %s\t%s%s\n", f.Name, num(f.Value), f.suffix())
	}
	for _, s := range []struct{ label, text string }{
		{"skipped", r.Skipped}, {"failed", r.Failed}, {"first error", r.FirstError},
	} {
		if s.text != "" {
			fmt.Fprintf(w, "  %s: %s\n", s.label, s.text)
		}
	}
}

// suffix is the figure's unit and target.
func (f Figure) suffix() string {
	s := ""
	if f.Unit != "" {
		s = " " + f.Unit
	}
	if f.High > f.Low {
		s += fmt.Sprintf(" (rounds: %s to %s)", num(f.Low), num(f.High))
	}
	if f.Target > 0 {
		verdict := "met"
		if f.Value < f.Target {
			verdict = "NOT met"
		}
		s += fmt.Sprintf(" (target >= %s: %s)", num(f.Target), verdict)
	}
	return s
}

// num formats a figure with three significant decimals at most.
func num(v float64) string {
	switch {
	case v >= 100 || v <= -100:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case v >= 10 || v <= -10:
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	return strconv.FormatFloat(v, 'f', 3, 64)
}

func orDash(v float64) string {
	if v == 0 {
		return "-"
	}
	return num(v)
}
