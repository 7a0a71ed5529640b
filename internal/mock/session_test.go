package mock

import (
	"sync"
	"testing"

	"github.com/stepwisehq/stepwise/internal/resource"
	"github.com/stepwisehq/stepwise/value"
)

// call is one expected answer of Session.Next.
type call struct {
	state  string
	out    string // JSON of the Return, when fail is nil and mocked
	fail   *resource.Failure
	mocked bool
}

func ret(state, out string) call { return call{state: state, out: out, mocked: true} }

func throw(state, name, cause string) call {
	return call{state: state, fail: resource.Fail(name, cause), mocked: true}
}

func unmocked(state string) call { return call{state: state} }

const (
	lambdaOK     = `{"StatusCode":200,"Payload":{"StatusCode":200,"body":"Hello from Lambda!"}}`
	sqsOK        = `{"MD5OfMessageBody":"3bcb6e8e-7h85-4375-b0bc-1a59812c6e51","MessageId":"3bcb6e8e-8b51-4375-b0bc-1a59812c6e51"}`
	notReady     = "Lambda.ResourceNotReadyException"
	notReadyText = "Lambda resource is not ready."
)

func TestSessionNext(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, config, sm, tc string
		calls                []call
	}{
		{"happy path", docsConfig, "LambdaSQSIntegration", "HappyPath", []call{
			ret("LambdaState", lambdaOK), ret("SQSState", sqsOK),
		}},
		{"retry path: every invocation counts", docsConfig, "LambdaSQSIntegration", "RetryPath", []call{
			throw("LambdaState", notReady, notReadyText),
			throw("LambdaState", "Lambda.TimeoutException", "Lambda timed out."),
			throw("LambdaState", "Lambda.TimeoutException", "Lambda timed out."),
			ret("LambdaState", lambdaOK),
			ret("SQSState", sqsOK),
		}},
		{"hybrid path: unnamed states are not mocked", docsConfig, "LambdaSQSIntegration", "HybridPath", []call{
			ret("LambdaState", lambdaOK), unmocked("SQSState"), unmocked("SQSState"), unmocked("Unknown"),
		}},
		{"past the last entry fails the execution", docsConfig, "LambdaSQSIntegration", "HappyPath", []call{
			ret("LambdaState", lambdaOK),
			throw("LambdaState", resource.ErrorRuntime,
				"The mocked response 'MockedLambdaSuccess' has no entry for invocation 1 of state 'LambdaState'."),
			throw("LambdaState", resource.ErrorRuntime,
				"The mocked response 'MockedLambdaSuccess' has no entry for invocation 2 of state 'LambdaState'."),
		}},
		{"counters are per state", `{"StateMachines": {"SM": {"TestCases": {"T": {"A": "R", "B": "R"}}}},
			"MockedResponses": {"R": {"0": {"Return": "zero"}, "1": {"Return": "one"}}}}`, "SM", "T", []call{
			ret("A", `"zero"`), ret("B", `"zero"`), ret("A", `"one"`), ret("B", `"one"`),
		}},
		{"gap fails only its invocation", `{"StateMachines": {"SM": {"TestCases": {"T": {"A": "R"}}}},
			"MockedResponses": {"R": {"0": {"Return": 0}, "2-3": {"Return": 2}, "5": {"Return": 5}}}}`, "SM", "T", []call{
			ret("A", `0`),
			throw("A", resource.ErrorRuntime, "The mocked response 'R' has no entry for invocation 1 of state 'A'."),
			ret("A", `2`), ret("A", `2`),
			throw("A", resource.ErrorRuntime, "The mocked response 'R' has no entry for invocation 4 of state 'A'."),
			ret("A", `5`),
		}},
		{"undefined mocked response", `{"StateMachines": {"SM": {"TestCases": {"T": {"A": "Nope"}}}}}`, "SM", "T", []call{
			throw("A", resource.ErrorRuntime,
				"The mocked response 'Nope' used by state 'A' in test case 'T' is not defined in MockedResponses."),
		}},
		{"empty mocked response", `{"StateMachines": {"SM": {"TestCases": {"T": {"A": "R"}}}}, "MockedResponses": {"R": {}}}`,
			"SM", "T", []call{
				throw("A", resource.ErrorRuntime, "The mocked response 'R' has no entry for invocation 0 of state 'A'."),
			}},
		{"return of any JSON value", `{"StateMachines": {"SM": {"TestCases": {"T": {"A": "R"}}}},
			"MockedResponses": {"R": {"0": {"Return": null}, "1": {"Return": [1, "x"]}, "2": {"Return": 1.50}, "3": {"Return": "s"}}}}`,
			"SM", "T", []call{ret("A", `null`), ret("A", `[1,"x"]`), ret("A", `1.50`), ret("A", `"s"`)}},
		{"throw without a cause", `{"StateMachines": {"SM": {"TestCases": {"T": {"A": "R"}}}},
			"MockedResponses": {"R": {"0": {"Throw": {"Error": "Custom.Error"}}}}}`, "SM", "T", []call{
			throw("A", "Custom.Error", ""),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := mustSession(t, tt.config, tt.sm, tt.tc)
			for i, want := range tt.calls {
				out, fail, mocked := s.Next(want.state)
				checkCall(t, i, want, out, fail, mocked)
			}
		})
	}
}

func mustSession(t *testing.T, config, sm, tc string) *Session {
	t.Helper()
	c, err := Parse([]byte(config))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	s, err := c.Session(sm, tc)
	if err != nil {
		t.Fatalf("Session: %v", err)
	}
	return s
}

func checkCall(t *testing.T, i int, want call, out value.Value, fail *resource.Failure, mocked bool) {
	t.Helper()
	switch {
	case mocked != want.mocked:
		t.Errorf("call %d Next(%q) mocked = %v, want %v", i, want.state, mocked, want.mocked)
	case want.fail != nil:
		if fail == nil || *fail != *want.fail || out != nil {
			t.Errorf("call %d Next(%q) = %v, %v; want failure %v", i, want.state, out, fail, want.fail)
		}
	case !mocked:
		if out != nil || fail != nil {
			t.Errorf("call %d Next(%q) = %v, %v for an unmocked state", i, want.state, out, fail)
		}
	case fail != nil || value.String(out) != want.out:
		t.Errorf("call %d Next(%q) = %s, %v; want %s", i, want.state, value.String(out), fail, want.out)
	}
}

func TestSessionsAreIndependent(t *testing.T) {
	t.Parallel()
	c, err := Parse([]byte(docsConfig))
	if err != nil {
		t.Fatal(err)
	}
	a, _ := c.Session("LambdaSQSIntegration", "RetryPath")
	b, _ := c.Session("LambdaSQSIntegration", "RetryPath")
	a.Next("LambdaState")
	a.Next("LambdaState")
	_, fail, _ := b.Next("LambdaState")
	if fail == nil || fail.Name != notReady {
		t.Errorf("second session's first invocation = %v, want %s", fail, notReady)
	}
	if a.StateMachine() != "LambdaSQSIntegration" || a.TestCase() != "RetryPath" {
		t.Errorf("names = %q, %q", a.StateMachine(), a.TestCase())
	}
}

func TestSessionFailuresAreCopies(t *testing.T) {
	t.Parallel()
	s := mustSession(t, docsConfig, "LambdaSQSIntegration", "RetryPath")
	_, first, _ := s.Next("LambdaState")
	first.Name = "changed"
	c, _ := Parse([]byte(docsConfig))
	s2, _ := c.Session("LambdaSQSIntegration", "RetryPath")
	if _, f, _ := s2.Next("LambdaState"); f.Name != notReady {
		t.Errorf("changing a returned failure changed the configuration: %v", f)
	}
}

func TestNilSession(t *testing.T) {
	t.Parallel()
	var s *Session
	if out, fail, mocked := s.Next("A"); out != nil || fail != nil || mocked {
		t.Errorf("nil Session Next = %v, %v, %v", out, fail, mocked)
	}
	if s.Mocked("A") {
		t.Error("nil Session mocks a state")
	}
}

func TestSessionMocked(t *testing.T) {
	t.Parallel()
	s := mustSession(t, docsConfig, "LambdaSQSIntegration", "HybridPath")
	if !s.Mocked("LambdaState") || s.Mocked("SQSState") {
		t.Errorf("Mocked(LambdaState, SQSState) = %v, %v", s.Mocked("LambdaState"), s.Mocked("SQSState"))
	}
	// Mocked does not count an invocation.
	if out, _, _ := s.Next("LambdaState"); value.String(out) != lambdaOK {
		t.Errorf("first Next after Mocked = %s", value.String(out))
	}
}

// TestSessionConcurrent checks that concurrent Map iterations or Parallel
// branches each get a distinct invocation, as Step Functions Local's
// per-execution counter hands them out.
func TestSessionConcurrent(t *testing.T) {
	t.Parallel()
	const n = 64
	s := mustSession(t, `{"StateMachines": {"SM": {"TestCases": {"T": {"A": "R", "B": "R"}}}},
		"MockedResponses": {"R": {"0-9": {"Return": "low"}, "10-62": {"Throw": {"Error": "Mid", "Cause": ""}}, "63": {"Return": "last"}}}}`,
		"SM", "T")
	var wg sync.WaitGroup
	var mu sync.Mutex
	counts := map[string]int{}
	for range n {
		wg.Add(2)
		for _, state := range []string{"A", "B"} {
			go func() {
				defer wg.Done()
				out, fail, _ := s.Next(state)
				k := state + ":" + value.String(out)
				if fail != nil {
					k = state + ":" + fail.Name
				}
				mu.Lock()
				counts[k]++
				mu.Unlock()
			}()
		}
	}
	wg.Wait()
	want := map[string]int{`A:"low"`: 10, "A:Mid": 53, `A:"last"`: 1, `B:"low"`: 10, "B:Mid": 53, `B:"last"`: 1}
	for k, v := range want {
		if counts[k] != v {
			t.Errorf("count[%s] = %d, want %d (all: %v)", k, counts[k], v, counts)
		}
	}
}

func TestFind(t *testing.T) {
	t.Parallel()
	m := stateMock{defined: true, steps: []step{{from: 0, to: 0}, {from: 2, to: 4}, {from: 7, to: 7}, {from: 9, to: 100}}}
	covered := map[int64]bool{0: true, 2: true, 3: true, 4: true, 7: true, 9: true, 50: true, 100: true}
	for n := int64(0); n <= 102; n++ {
		if got := m.find(n) != nil; got != (covered[n] || (n > 9 && n <= 100)) {
			t.Errorf("find(%d) found = %v", n, got)
		}
	}
}
