package stepwise

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stepwisehq/stepwise/store/memory"
)

// The control-plane tests share these helpers: a Client on an in-memory
// store with a controllable clock, and assertions on API errors.

const (
	testRole   = "arn:aws:iam::123456789012:role/test"
	testPrefix = "arn:aws:states:us-east-1:123456789012:"
	passDef    = `{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}`
	passDef2   = `{"StartAt":"Q","States":{"Q":{"Type":"Pass","End":true}}}`
)

// testClock is a clock that tests move forward.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// controlBundle is what a control-plane test works with.
type controlBundle struct {
	ctx   context.Context
	c     *Client
	clock *testClock
}

func newControl(t *testing.T) *controlBundle {
	t.Helper()
	clock := &testClock{now: time.Date(2024, 5, 1, 12, 0, 0, 123_000_000, time.UTC)}
	sw, err := New(Config{Store: memory.New(), Now: clock.Now})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return &controlBundle{ctx: context.Background(), c: sw.Client(), clock: clock}
}

// createMachine creates a state machine and returns its ARN.
func (b *controlBundle) createMachine(t *testing.T, name, def string, publish bool) *CreateStateMachineOutput {
	t.Helper()
	out, err := b.c.CreateStateMachine(b.ctx, &CreateStateMachineInput{Name: name, Definition: def, RoleArn: testRole, Publish: publish})
	if err != nil {
		t.Fatalf("CreateStateMachine(%s): %v", name, err)
	}
	return out
}

// update changes a state machine's definition and returns the output.
func (b *controlBundle) update(t *testing.T, arn, def string, publish bool) *UpdateStateMachineOutput {
	t.Helper()
	out, err := b.c.UpdateStateMachine(b.ctx, &UpdateStateMachineInput{StateMachineArn: arn, Definition: def, Publish: publish})
	if err != nil {
		t.Fatalf("UpdateStateMachine: %v", err)
	}
	return out
}

// wantAPIError checks that err is an *Error with code and message.
func wantAPIError(t *testing.T, what string, err error, code ErrorCode, message string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("%s: error %v (%T), want %s: %s", what, err, err, code, message)
	}
	if e.Code != code || e.Message != message {
		t.Errorf("%s:\n got %s: %s\nwant %s: %s", what, e.Code, e.Message, code, message)
	}
}

// wantCode checks only an error's code.
func wantCode(t *testing.T, what string, err error, code ErrorCode) {
	t.Helper()
	if got := ErrorCodeOf(err); got != code || err == nil {
		t.Errorf("%s: error %v, want code %s", what, err, code)
	}
}

func cpMust(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func cpPtr[T any](v T) *T { return &v }

// machineArn returns the ARN the test Client gives a state machine.
func machineArn(name string) string { return testPrefix + "stateMachine:" + name }

func joinArns(arns ...string) string { return "[" + strings.Join(arns, ", ") + "]" }
