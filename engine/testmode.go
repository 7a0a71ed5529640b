package engine

import (
	"math"
	"time"

	"github.com/stepwisehq/stepwise/asl"
	"github.com/stepwisehq/stepwise/value"
)

// TestConfig runs one state the way AWS's TestState API does: the state
// runs alone, its Next is reported instead of followed, a matching Retrier
// or Catcher is reported instead of acted on, and a mock may stand in for
// the state's task (or Map/Parallel children).
type TestConfig struct {
	// State is the state to run.
	State string
	// Inspect collects inspection data (TestState's DEBUG and TRACE levels).
	Inspect bool
	// Variables are the workflow variables in scope.
	Variables *value.Object
	// Mock replaces the state's task or children; nil runs them.
	Mock *TestMock
	// RetryCount is the number of retries already made
	// (stateConfiguration.retrierRetryCount).
	RetryCount int64
	// MapFailures is the number of failed iterations of a mocked Map
	// (stateConfiguration.mapIterationFailureCount).
	MapFailures int
	// Context replaces the context object, when set.
	Context value.Value
	// ReaderData stands in for what the state's ItemReader reads from its
	// source (stateConfiguration.mapItemReaderData): the text of the object
	// for getObject, a JSON array of objects for listObjectsV2.
	ReaderData *string
}

// TestMock is a mocked result or error.
type TestMock struct {
	Result       value.Value
	IsError      bool
	Error, Cause string
}

// The TestState statuses.
const (
	TestSucceeded   = "SUCCEEDED"
	TestFailed      = "FAILED"
	TestRetriable   = "RETRIABLE"
	TestCaughtError = "CAUGHT_ERROR"
)

// TestOutcome is TestState's answer.
type TestOutcome struct {
	Status             string
	Output             value.Value
	HasOutput          bool
	Error, Cause       string
	HasError, HasCause bool
	NextState          string
	// Inspection holds inspectionData's members; nil without Inspect.
	Inspection *value.Object
}

type testRun struct {
	cfg     *TestConfig
	outcome *TestOutcome
	insp    []value.Member
}

// StartTest runs one state under TestConfig; drive it with Apply like any
// execution (a task that is not mocked is invoked), then read TestOutcome.
func (p *Program) StartTest(meta Meta, input value.Value, ids IDs, now time.Time, cfg *TestConfig) (*Execution, []Command) {
	x := &Execution{Meta: meta, Input: input, prog: p, ids: ids, nextID: 1}
	x.test = &testRun{cfg: cfg}
	x.begin(now)
	m := &asl.Machine{StartAt: cfg.State, States: p.def.States, Order: p.def.Order}
	x.root = x.newFrame(m, nil, input)
	for _, v := range cfg.Variables.Members() {
		x.root.vars.set(v.Key, v.Value)
	}
	if cfg.Variables.Len() > 0 && cfg.Inspect {
		x.test.record("variables", cfg.Variables)
	}
	x.run()
	return x, x.commands
}

// TestOutcome returns the outcome of a test started with StartTest, once
// the execution is done.
func (x *Execution) TestOutcome() *TestOutcome {
	t := x.test
	if t == nil {
		return nil
	}
	o := t.outcome
	if o == nil {
		r := x.Result
		o = &TestOutcome{Status: TestFailed, Error: r.Error, Cause: r.Cause, HasError: r.HasError, HasCause: r.HasCause}
		if r.Status == Succeeded {
			o = &TestOutcome{Status: TestSucceeded, Output: r.Output, HasOutput: true}
		}
	}
	if t.cfg.Inspect {
		o.Inspection = value.NewObject(t.insp)
	}
	return o
}

// record adds an inspection datum (the first value of a key wins).
func (t *testRun) record(key string, v value.Value) {
	if t == nil || !t.cfg.Inspect {
		return
	}
	for _, m := range t.insp {
		if m.Key == key {
			return
		}
	}
	t.insp = append(t.insp, value.Member{Key: key, Value: v})
}

// testEnd ends a test with an outcome.
func (x *Execution) testEnd(o *TestOutcome) {
	x.test.outcome = o
	x.Result = Result{Status: Succeeded}
	if o.Status == TestFailed {
		x.Result.Status = Failed
	}
	x.ops = nil
}

// testRaise reports a failure's Retrier or Catcher instead of acting on it.
// It returns false when neither matches.
func (f *frame) testRaise(fl *Failure) bool {
	b := f.base()
	t := f.x.test
	for i := range b.Retry {
		r := &b.Retry[i]
		if !asl.Matches(r.ErrorEquals, fl.Error) {
			continue
		}
		if t.cfg.RetryCount < r.MaxAttempts {
			secs := float64(r.IntervalSeconds) * math.Pow(r.BackoffRate, float64(t.cfg.RetryCount))
			t.record("errorDetails", obj("retryBackoffIntervalSeconds", num(int64(secs)), "retryIndex", num(int64(i))))
			f.x.testEnd(failedOutcome(TestRetriable, fl))
			return true
		}
		t.record("errorDetails", obj("retryIndex", num(int64(i))))
		break
	}
	for i := range b.Catch {
		if asl.Matches(b.Catch[i].ErrorEquals, fl.Error) {
			t.record("errorDetails", obj("catchIndex", num(int64(i))))
			f.catch(&b.Catch[i], fl)
			return true
		}
	}
	return false
}

func failedOutcome(status string, fl *Failure) *TestOutcome {
	return &TestOutcome{Status: status, Error: fl.Error, Cause: fl.Cause, HasError: fl.HasError, HasCause: fl.HasCause && fl.Cause != ""}
}

// testExit ends a test at the state's exit, reporting the next state.
func (f *frame) testExit() {
	o := &TestOutcome{Status: TestSucceeded, Output: f.output, HasOutput: true, NextState: f.next}
	if f.caught != nil {
		o = failedOutcome(TestCaughtError, f.caught)
		o.Output, o.HasOutput, o.NextState = f.output, true, f.next
	}
	f.x.testEnd(o)
}

// mocked returns the mock standing in for the current state's work, when
// running a test with one.
func (f *frame) mocked() *TestMock {
	if f.x.test == nil || f.parent != nil {
		return nil
	}
	return f.x.test.cfg.Mock
}

// mockFanOut finishes a mocked Map or Parallel state with its mock.
func (f *frame) mockFanOut(m *TestMock, items int) {
	if m.IsError {
		f.raise(newFailure(m.Error, m.Cause))
		return
	}
	items, ok := f.mockedItemCount(items)
	if !ok {
		return
	}
	if fo := f.par; fo != nil && f.x.test.cfg.MapFailures > 0 && declaresTolerance(f.st) {
		if !fo.tolerance.allows(f.x.test.cfg.MapFailures, items) {
			f.par = nil
			f.raise(newFailure(asl.ErrExceedToleratedFail, "The specified tolerated failure threshold was exceeded"))
			return
		}
	}
	f.par = nil
	results, _ := m.Result.([]value.Value)
	if results == nil {
		results = []value.Value{}
	}
	f.finishChildren(results)
}

// testReaderData is the data a test gives in place of what the tested
// state's ItemReader reads.
func (f *frame) testReaderData() (value.Value, bool) {
	if f.x.test == nil || f.parent != nil || f.x.test.cfg.ReaderData == nil {
		return nil, false
	}
	return *f.x.test.cfg.ReaderData, true
}

// mockedItemCount is how many items a mocked Map iterates: n, or for a
// Map whose ItemReader's data the test gives, the items read from that
// data. It reports false when reading them failed the state.
func (f *frame) mockedItemCount(n int) (int, bool) {
	s, _ := f.st.(*asl.Map)
	data, ok := f.testReaderData()
	if s == nil || s.Reader == nil || !ok {
		return n, true
	}
	limit, err := f.readerLimit(s.Reader, f.par.input)
	if err != nil {
		f.par = nil
		f.evalFailed(err)
		return 0, false
	}
	items, err := readerItems(s.Reader, data, limit)
	if err != nil {
		f.par = nil
		f.raise(newFailure(asl.ErrItemReaderFailed, err.Error()))
		return 0, false
	}
	return len(items), true
}

// declaresTolerance reports whether a Map state declares a tolerated
// failure count or percentage: TestState checks the iteration failures it
// is given only against a declared threshold.
func declaresTolerance(st asl.State) bool {
	m, ok := st.(*asl.Map)
	return ok && (m.HasToleratedFailureCount || m.HasToleratedFailurePercentage ||
		m.ToleratedFailureCountPath != nil || m.ToleratedFailurePercentagePath != nil ||
		m.ToleratedFailureCountExpr != nil || m.ToleratedFailurePercentageExpr != nil)
}
