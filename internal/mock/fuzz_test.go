package mock

import (
	"errors"
	"testing"

	"github.com/stepwisehq/stepwise/value"
)

func FuzzParse(f *testing.F) {
	f.Add([]byte(docsConfig))
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"StateMachines": {"SM": {"TestCases": {"T": {"A": "R", "B": "X"}}}},
		"MockedResponses": {"R": {"0-2": {"Return": 1}, "4": {"Throw": {"Error": "E", "Cause": "C"}}}}}`))
	f.Add([]byte(`{"MockedResponses": {"R": {"3-1": {"Return": 1}}}}`))
	f.Add([]byte(`{"MockedResponses": {"R": {"0": {}}}}`))
	f.Add([]byte(`[`))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(data)
		if err != nil {
			if !errors.Is(err, ErrInvalidConfig) {
				t.Fatalf("error %v does not wrap ErrInvalidConfig", err)
			}
			return
		}
		for sm, cases := range c.machines {
			for name, tc := range cases {
				s, err := c.Session(sm, name)
				if err != nil {
					t.Fatalf("Session(%q, %q): %v", sm, name, err)
				}
				for _, m := range tc.mocks {
					exercise(t, s, m.state)
				}
			}
		}
	})
}

// exercise calls Next a few times and checks that each answer is one of a
// value or a failure.
func exercise(t *testing.T, s *Session, state string) {
	for range 4 {
		out, fail, mocked := s.Next(state)
		if !mocked || (fail != nil && out != nil) {
			t.Fatalf("Next(%q) = %v, %v, %v", state, out, fail, mocked)
		}
		if fail != nil && fail.Name == "" && fail.Cause == "" {
			t.Logf("empty failure for %q", state) // allowed: Throw {"Error": ""}
		}
	}
}

func FuzzValidateResult(f *testing.F) {
	for _, c := range recordedCases {
		f.Add(c.resource, c.result, c.mode)
	}
	f.Add(arnGetItem, `{"Item": {"m": {"M": {"l": {"L": [{"N": "1"}]}}}}}`, ModeStrict)
	f.Add(arnGetFunction, `{"Configuration": {"MemorySize": 1e400}}`, ModePresent)
	f.Fuzz(func(t *testing.T, resource, result, mode string) {
		v, err := value.ParseString(result)
		if err != nil {
			return
		}
		msg := ValidateResult(resource, v, mode)
		if mode == ModeNone && msg != "" {
			t.Fatalf("NONE mode reported %q", msg)
		}
		if mode == ModeStrict && msg == "" && ValidateResult(resource, v, ModePresent) != "" {
			t.Fatalf("PRESENT rejects what STRICT accepts: %s", result)
		}
	})
}
