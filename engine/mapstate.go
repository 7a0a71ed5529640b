package engine

import (
	"time"

	"github.com/stepwisehq/stepwise/asl"
	"github.com/stepwisehq/stepwise/value"
)

// tolerance is a Map's ToleratedFailureCount and ToleratedFailurePercentage.
type tolerance struct {
	count, percent       float64
	hasCount, hasPercent bool
}

// allows reports whether failed failures out of total stay within the
// tolerance.
func (t tolerance) allows(failed, total int) bool {
	if t.hasCount && float64(failed) <= t.count {
		return true
	}
	if t.hasPercent && total > 0 && float64(failed)*100/float64(total) <= t.percent {
		return true
	}
	return false
}

func (f *frame) mapConcurrency(s *asl.Map, in value.Value) (int, error) {
	switch {
	case s.MaxConcPath != nil:
		n, err := f.numberAt(s.MaxConcPath, in, "MaxConcurrencyPath", "integer")
		return int(n), err
	case s.MaxConcExpr != nil:
		n, err := f.intExpr(s.MaxConcExpr, f.statesVar(), 0, "MaxConcurrency", 0)
		return int(n), err
	}
	return int(s.MaxConcurrency), nil
}

func (f *frame) mapTolerance(s *asl.Map, in value.Value) (tolerance, error) {
	t := tolerance{
		count: float64(s.ToleratedFailureCount), hasCount: s.HasToleratedFailureCount,
		percent: s.ToleratedFailurePercentage, hasPercent: s.HasToleratedFailurePercentage,
	}
	var err error
	if s.ToleratedFailureCountPath != nil {
		if t.count, err = f.numberAt(s.ToleratedFailureCountPath, in, "ToleratedFailureCountPath", "integer"); err != nil {
			return t, err
		}
		t.hasCount = true
	}
	if s.ToleratedFailurePercentagePath != nil {
		if t.percent, err = f.numberAt(s.ToleratedFailurePercentagePath, in, "ToleratedFailurePercentagePath", "float"); err != nil {
			return t, err
		}
		t.hasPercent = true
	}
	if err := f.toleranceExprs(s, &t); err != nil {
		return t, err
	}
	if t.hasCount {
		f.x.test.record("toleratedFailureCount", num(int64(t.count)))
	}
	if t.hasPercent {
		f.x.test.record("toleratedFailurePercentage", floatValue(t.percent))
	}
	switch {
	case t.hasCount && t.count < 0:
		return t, runtimeError("ToleratedFailureCount cannot be negative.")
	case t.hasPercent && (t.percent < 0 || t.percent > 100):
		return t, runtimeError("ToleratedFailurePercentage must be between 0 and 100.")
	}
	return t, nil
}

func (f *frame) toleranceExprs(s *asl.Map, t *tolerance) error {
	if s.ToleratedFailureCountExpr != nil {
		n, err := f.intExpr(s.ToleratedFailureCountExpr, f.statesVar(), 0, "ToleratedFailureCount", 0)
		if err != nil {
			return err
		}
		t.count, t.hasCount = float64(n), true
	}
	if s.ToleratedFailurePercentageExpr != nil {
		v, err := s.ToleratedFailurePercentageExpr.Eval(f.statesVar())
		if err != nil {
			return err
		}
		n, ok := v.(value.Number)
		if !ok {
			return queryErrorAt("ToleratedFailurePercentage", "The JSONata expression '%s' specified for the field 'ToleratedFailurePercentage' returned an unexpected result type. Expected 'number', but was '%s' for value: %s", s.ToleratedFailurePercentageExpr.Source(), jsonType(v), value.String(v))
		}
		t.percent, t.hasPercent = n.Float64(), true
	}
	return nil
}

// numberAt reads a number (an integer when kind is "integer") at a path; a
// string holding a number counts, as AWS reads these fields leniently.
func (f *frame) numberAt(p pathSelector, in value.Value, field, kind string) (float64, error) {
	v, err := p.Select(f.env(in))
	if err != nil {
		return 0, err
	}
	text := stringOf(v)
	n, perr := value.ParseString(text)
	num, ok := n.(value.Number)
	if perr == nil && ok {
		if _, isInt := num.Int64(); isInt || kind == "float" {
			return num.Float64(), nil
		}
	}
	return 0, runtimeError("The %s field refers to value \"%s\" which is not a valid %s: %s", field, text, kind, p)
}

func (f *frame) mapItemsJSONata(s *asl.Map) (value.Value, []value.Value, error) {
	if s.ItemsExpr == nil {
		arr, ok := f.input.([]value.Value)
		if !ok {
			return nil, nil, queryError("Map state input must be an array but was: %s", value.String(f.input))
		}
		return f.input, arr, nil
	}
	v, err := s.ItemsExpr.Eval(f.statesVar())
	if err != nil {
		return nil, nil, err
	}
	arr, ok := v.([]value.Value)
	if !ok {
		return nil, nil, queryErrorAt("Items", "The JSONata expression '%s' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '%s' for value: %s", s.ItemsExpr.Source(), jsonType(v), value.String(v))
	}
	return f.input, arr, nil
}

// MapRunUpdate is the state of a distributed Map's run after a step.
type MapRunUpdate struct {
	Arn                        string
	Status                     Status
	Started, Stopped           time.Time
	MaxConcurrency             int
	ToleratedFailureCount      float64
	ToleratedFailurePercentage float64
	// Item counts: Pending have not started, Running have not ended.
	Total, Pending, Running, Succeeded, Failed int
	// RedriveCount and Redriven tell how many times, and when last, the
	// Map Run was redriven.
	RedriveCount int
	Redriven     time.Time
}

// MapRunUpdates returns the Map Runs the last step started or ended (those
// of child executions come with their ChildUpdate).
func (x *Execution) MapRunUpdates() []MapRunUpdate { return x.mapRuns }

// mapRunChanged records the state of the running distributed Map's run; a
// run that ends counts as succeeded the items whose iterations ended and
// did not fail.
func (f *frame) mapRunChanged(status Status) {
	fo := f.par
	if fo == nil || fo.mapRun == "" {
		return
	}
	fo.counted = false
	u := MapRunUpdate{Arn: fo.mapRun, Status: status, Started: fo.mapRunStart, MaxConcurrency: fo.window,
		ToleratedFailureCount: fo.tolerance.count, ToleratedFailurePercentage: fo.tolerance.percent,
		Total: len(fo.items), Pending: len(fo.items) - fo.nextItem + len(fo.redo), Running: fo.pending,
		Succeeded: fo.nextItem - fo.pending - fo.failed - len(fo.redo), Failed: fo.failed,
		RedriveCount: fo.redrives, Redriven: fo.redriven}
	if status != Running {
		u.Stopped = f.x.now
	}
	if c := f.child; c != nil {
		c.mapRuns = append(c.mapRuns, u)
		f.x.touch(c)
		return
	}
	f.x.mapRuns = append(f.x.mapRuns, u)
}

// mapRunCounted notes that the running distributed Map's counters
// changed: its run is recorded once, at the end of the step.
func (f *frame) mapRunCounted() {
	if fo := f.par; fo != nil && fo.mapRun != "" && !fo.counted {
		fo.counted = true
		f.x.counted = append(f.x.counted, f)
	}
}

// countMapRuns records the Map Runs whose counters the step changed and
// that still run.
func (x *Execution) countMapRuns() {
	for _, f := range x.counted {
		if f.par != nil && f.par.counted {
			f.mapRunChanged(Running)
		}
	}
	clear(x.counted)
	x.counted = x.counted[:0]
}
