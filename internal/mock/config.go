// Package mock holds the two ways Step Functions lets a Task state answer
// without calling its integration:
//
//   - the mock configuration file of Step Functions Local (SFN_MOCK_CONFIG):
//     test cases that map state names to mocked responses, chosen by starting
//     an execution on "<stateMachineArn>#<testCaseName>". Load or Parse reads
//     one into an immutable Config; Config.Session gives each execution a
//     Session that hands out the responses invocation by invocation;
//   - the mock of the TestState API, whose result AWS checks against the
//     output shape of the Task's integration (ValidateResult).
//
// Step Functions Local's rules, as AWS documents them: a mocked response maps
// invocation numbers ("0", "1", ...) or inclusive ranges ("1-2") to a Return
// (the result) or a Throw (an Error and a Cause). Every invocation of a state
// counts, retries included, and the count is kept per state for the whole
// execution, so Map iterations and loops go on where the last one stopped. A
// state the test case does not name is not mocked: its integration runs. An
// invocation with no response fails the execution with States.Runtime.
package mock

import (
	"errors"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/stepwisehq/stepwise/internal/resource"
	"github.com/stepwisehq/stepwise/value"
)

// ErrInvalidConfig is wrapped by every error about the content of a mock
// configuration.
var ErrInvalidConfig = errors.New("invalid mock configuration")

// Config is a parsed mock configuration. It is immutable and safe for
// concurrent use.
type Config struct {
	machines map[string]map[string]*testCase // state machine -> test case
}

// testCase is one test case with its mocked states resolved.
type testCase struct {
	index map[string]int // state name -> position in mocks
	mocks []stateMock
}

// stateMock is the mocked response one state of a test case uses.
type stateMock struct {
	state    string
	response string
	defined  bool   // the response exists in MockedResponses
	steps    []step // sorted by from; never overlapping
}

// step answers the invocations from..to (inclusive).
type step struct {
	from, to int64
	ret      value.Value
	fail     *resource.Failure // nil for a Return
}

// maxInvocation bounds invocation numbers, as a Java int would.
const maxInvocation = 1<<31 - 1

// Load reads and parses the mock configuration file at path.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("mock: %w", err)
	}
	c, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("mock: load %s: %w", path, err)
	}
	return c, nil
}

// Parse reads a mock configuration. Its errors wrap ErrInvalidConfig and name
// the field at fault, e.g. MockedResponses["Retry"]["1-x"].
func Parse(data []byte) (*Config, error) {
	v, err := value.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%w: not valid JSON: %w", ErrInvalidConfig, err)
	}
	root, ok := v.(*value.Object)
	if !ok {
		return nil, invalid("the configuration", "must be a JSON object")
	}
	responses, err := parseResponses(root)
	if err != nil {
		return nil, err
	}
	machines, err := parseMachines(root, responses)
	if err != nil {
		return nil, err
	}
	return &Config{machines: machines}, nil
}

// invalid returns an ErrInvalidConfig error about the field at path.
func invalid(path, problem string) error {
	return fmt.Errorf("%w: %s: %s", ErrInvalidConfig, path, problem)
}

// key appends a quoted member name to a field path.
func key(path, name string) string { return path + "[" + strconv.Quote(name) + "]" }

// eachMember calls fn with each member of the object v at path, and the
// member's own path.
func eachMember(v value.Value, path string, fn func(name string, v value.Value, path string) error) error {
	o, ok := v.(*value.Object)
	if !ok {
		return invalid(path, "must be an object")
	}
	for _, m := range o.Members() {
		if err := fn(m.Key, m.Value, key(path, m.Key)); err != nil {
			return err
		}
	}
	return nil
}

func parseMachines(root *value.Object, responses map[string][]step) (map[string]map[string]*testCase, error) {
	out := map[string]map[string]*testCase{}
	sms, ok := root.Get("StateMachines")
	if !ok {
		return out, nil
	}
	return out, eachMember(sms, "StateMachines", func(name string, v value.Value, path string) error {
		cases, err := parseMachine(v, path, responses)
		out[name] = cases
		return err
	})
}

func parseMachine(v value.Value, path string, responses map[string][]step) (map[string]*testCase, error) {
	sm, ok := v.(*value.Object)
	if !ok {
		return nil, invalid(path, "must be an object")
	}
	tcs, ok := sm.Get("TestCases")
	if !ok {
		return nil, invalid(path+".TestCases", "is required")
	}
	out := map[string]*testCase{}
	return out, eachMember(tcs, path+".TestCases", func(name string, v value.Value, path string) error {
		tc, err := parseTestCase(v, path, responses)
		out[name] = tc
		return err
	})
}

func parseTestCase(v value.Value, path string, responses map[string][]step) (*testCase, error) {
	tc := &testCase{index: map[string]int{}}
	return tc, eachMember(v, path, func(state string, v value.Value, path string) error {
		name, ok := v.(string)
		if !ok {
			return invalid(path, "must be a string naming a mocked response")
		}
		steps, defined := responses[name]
		tc.index[state] = len(tc.mocks)
		tc.mocks = append(tc.mocks, stateMock{state: state, response: name, defined: defined, steps: steps})
		return nil
	})
}

func parseResponses(root *value.Object) (map[string][]step, error) {
	out := map[string][]step{}
	rs, ok := root.Get("MockedResponses")
	if !ok {
		return out, nil
	}
	return out, eachMember(rs, "MockedResponses", func(name string, v value.Value, path string) error {
		steps, err := parseResponse(v, path)
		out[name] = steps
		return err
	})
}

// parseResponse reads one mocked response: invocation keys to Return/Throw.
func parseResponse(v value.Value, path string) ([]step, error) {
	var steps []step
	err := eachMember(v, path, func(k string, v value.Value, path string) error {
		s, err := parseStep(k, v, path)
		steps = append(steps, s)
		return err
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(steps, func(i, j int) bool { return steps[i].from < steps[j].from })
	return steps, checkOverlaps(steps, path)
}

// checkOverlaps rejects two keys that claim the same invocation.
func checkOverlaps(steps []step, path string) error {
	for i := 1; i < len(steps); i++ {
		if prev := steps[i-1]; steps[i].from <= prev.to {
			return invalid(key(path, rangeText(steps[i])),
				fmt.Sprintf("invocation %d is already covered by %q", steps[i].from, rangeText(prev)))
		}
	}
	return nil
}

func rangeText(s step) string {
	if s.from == s.to {
		return strconv.FormatInt(s.from, 10)
	}
	return strconv.FormatInt(s.from, 10) + "-" + strconv.FormatInt(s.to, 10)
}

func parseStep(k string, v value.Value, path string) (step, error) {
	from, to, err := parseRange(k, path)
	if err != nil {
		return step{}, err
	}
	o, ok := v.(*value.Object)
	if !ok {
		return step{}, invalid(path, "must be an object with Return or Throw")
	}
	ret, hasReturn := o.Get("Return")
	throw, hasThrow := o.Get("Throw")
	switch {
	case hasReturn && hasThrow:
		return step{}, invalid(path, "must contain only one of Return and Throw")
	case hasReturn:
		return step{from: from, to: to, ret: ret}, nil
	case !hasThrow:
		return step{}, invalid(path, "must contain Return or Throw")
	}
	fail, err := parseThrow(throw, path+".Throw")
	return step{from: from, to: to, fail: fail}, err
}

// parseRange reads an invocation key: "3" or an inclusive range "1-2".
func parseRange(k, path string) (from, to int64, err error) {
	a, b, isRange := strings.Cut(k, "-")
	if !isRange {
		b = a
	}
	from, okA := invocationNumber(a)
	to, okB := invocationNumber(b)
	switch {
	case !okA || !okB:
		return 0, 0, invalid(path, `invocation key must be a number like "0" or a range like "1-2"`)
	case to < from:
		return 0, 0, invalid(path, "range ends before it starts")
	}
	return from, to, nil
}

func invocationNumber(s string) (int64, bool) {
	if s == "" || len(s) > 10 {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil && n <= maxInvocation
}

// parseThrow reads {"Error": "...", "Cause": "..."}; Cause may be absent.
func parseThrow(v value.Value, path string) (*resource.Failure, error) {
	o, ok := v.(*value.Object)
	if !ok {
		return nil, invalid(path, "must be an object with Error and Cause")
	}
	e, _ := o.Get("Error")
	name, ok := e.(string)
	if !ok {
		return nil, invalid(path+".Error", "must be a string")
	}
	cause := ""
	if c, present := o.Get("Cause"); present {
		if cause, ok = c.(string); !ok {
			return nil, invalid(path+".Cause", "must be a string")
		}
	}
	return resource.Fail(name, cause), nil
}
