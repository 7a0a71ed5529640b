package mock

import (
	"errors"
	"fmt"
	"strconv"
	"sync/atomic"

	"github.com/stepwisehq/stepwise/internal/resource"
	"github.com/stepwisehq/stepwise/value"
)

// ErrUnknownTestCase is wrapped by Session's error when the configuration
// holds no such state machine or test case.
var ErrUnknownTestCase = errors.New("mock: unknown test case")

// CauseActivityMocked is Step Functions Local's cause (with States.Runtime)
// when a test case mocks a Task state whose resource is an activity.
const CauseActivityMocked = "Activity state cannot be mocked. " +
	"Please remove mocks mapped for all activity state in the mock config file."

// Session hands out one execution's mocked responses. Each mocked state has
// its own invocation counter for the whole execution. A Session is safe for
// concurrent use: Parallel branches and Map iterations may call it at once.
// A nil *Session mocks nothing.
type Session struct {
	machine, testCase string
	tc                *testCase
	counts            []atomic.Int64 // invocations so far, by position in tc.mocks
}

// Session starts the mocked responses of one execution of the named state
// machine's test case. Its error wraps ErrUnknownTestCase.
func (c *Config) Session(stateMachineName, testCase string) (*Session, error) {
	if c == nil {
		return nil, fmt.Errorf("%w: no mock configuration is loaded", ErrUnknownTestCase)
	}
	cases, ok := c.machines[stateMachineName]
	if !ok {
		return nil, fmt.Errorf("%w: state machine %q has no test cases in the mock configuration",
			ErrUnknownTestCase, stateMachineName)
	}
	tc, ok := cases[testCase]
	if !ok {
		return nil, fmt.Errorf("%w: test case %q is not defined for state machine %q in the mock configuration",
			ErrUnknownTestCase, testCase, stateMachineName)
	}
	return &Session{machine: stateMachineName, testCase: testCase, tc: tc,
		counts: make([]atomic.Int64, len(tc.mocks))}, nil
}

// StateMachine returns the name of the state machine the session mocks.
func (s *Session) StateMachine() string { return s.machine }

// TestCase returns the name of the session's test case.
func (s *Session) TestCase() string { return s.testCase }

// Mocked reports whether the test case mocks stateName, without counting an
// invocation.
func (s *Session) Mocked(stateName string) bool {
	if s == nil {
		return false
	}
	_, ok := s.tc.index[stateName]
	return ok
}

// Next answers the next invocation of stateName. When the test case does not
// mock the state, mocked is false and the real integration should run.
// Otherwise exactly one of out and fail is meaningful: the Return value (which
// may be JSON null), or the Throw as a task failure. An invocation the mocked
// response has no entry for, or a mocked response missing from the
// configuration, fails with States.Runtime. The Return value is shared and
// must not be changed; each failure is a new *resource.Failure.
func (s *Session) Next(stateName string) (out value.Value, fail *resource.Failure, mocked bool) {
	if s == nil {
		return nil, nil, false
	}
	i, ok := s.tc.index[stateName]
	if !ok {
		return nil, nil, false
	}
	n := s.counts[i].Add(1) - 1
	out, fail = s.tc.mocks[i].respond(n, s.testCase)
	return out, fail, true
}

// respond returns the response to invocation n (0-based).
func (m *stateMock) respond(n int64, testCase string) (value.Value, *resource.Failure) {
	if !m.defined {
		return nil, resource.Fail(resource.ErrorRuntime, "The mocked response '"+m.response+
			"' used by state '"+m.state+"' in test case '"+testCase+"' is not defined in MockedResponses.")
	}
	st := m.find(n)
	switch {
	case st == nil:
		return nil, resource.Fail(resource.ErrorRuntime, "The mocked response '"+m.response+
			"' has no entry for invocation "+strconv.FormatInt(n, 10)+" of state '"+m.state+"'.")
	case st.fail != nil:
		return nil, resource.Fail(st.fail.Name, st.fail.Cause)
	}
	return st.ret, nil
}

// find returns the step that covers invocation n, or nil.
func (m *stateMock) find(n int64) *step {
	lo, hi := 0, len(m.steps)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		switch st := &m.steps[mid]; {
		case n < st.from:
			hi = mid
		case n > st.to:
			lo = mid + 1
		default:
			return st
		}
	}
	return nil
}
