package resource

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stepwisehq/stepwise/value"
)

// named is an Invoker that answers its own name, to show which one ran.
type named string

func (n named) Invoke(context.Context, *Request) (value.Value, error) { return string(n), nil }

func TestRegistryRouting(t *testing.T) {
	t.Parallel()
	r := NewRegistry()
	r.Register("lambda", named("lambda type"))
	r.Register("arn:aws:states:::lambda:invoke", named("exact invoke"))
	r.Register("aws-sdk", named("any sdk"))
	r.Register("aws-sdk:s3", named("sdk s3"))
	r.Register("activity", named("activities"))
	tests := []struct {
		resource string
		want     string // "" = no invoker
	}{
		{"arn:aws:states:::lambda:invoke", "exact invoke"},
		{"arn:aws:states:::lambda:invoke.waitForTaskToken", "lambda type"},
		{"arn:aws:lambda:us-east-1:123456789012:function:fn", "lambda type"},
		{"arn:aws:states:::aws-sdk:s3:getObject", "sdk s3"},
		{"arn:aws:states:::aws-sdk:dynamodb:query", "any sdk"},
		{"arn:aws:states:us-east-1:123456789012:activity:act", "activities"},
		{"arn:aws:states:::sqs:sendMessage", ""},
		{"arn:aws:states:::lambda:invoke.bogus", ""},
		{"not an arn", ""},
	}
	for _, tt := range tests {
		got, err := r.Invoke(context.Background(), &Request{Resource: tt.resource})
		if tt.want == "" {
			var f *Failure
			if !errors.As(err, &f) || f.Name != ErrorRuntime {
				t.Errorf("%s: got %v, %v; want a States.Runtime failure", tt.resource, got, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%s: got %v, %v; want %q", tt.resource, got, err, tt.want)
		}
	}
}

func TestRegistryNoInvokerMessages(t *testing.T) {
	t.Parallel()
	var r Registry // the zero Registry is usable
	tests := []struct{ resource, cause string }{
		{"arn:aws:states:::sqs:sendMessage",
			"The resource provided arn:aws:states:::sqs:sendMessage is not recognized. " +
				"The value is not a valid resource ARN, or the resource is not available in this region."},
		{"arn:aws:lambda:us-east-1:123456789012:function:fn",
			"The resource provided arn:aws:lambda:us-east-1:123456789012:function:fn is not recognized. " +
				"The value is not a valid resource ARN, or the resource is not available in this region."},
		{"bogus", "Value is not a valid resource ARN"},
	}
	for _, tt := range tests {
		_, err := r.Invoke(context.Background(), &Request{Resource: tt.resource})
		want := &Failure{Name: ErrorRuntime, Cause: tt.cause}
		var f *Failure
		if !errors.As(err, &f) || *f != *want {
			t.Errorf("%s: err = %#v, want %#v", tt.resource, err, want)
		}
	}
}

func TestRegistryReplaceAndRemove(t *testing.T) {
	t.Parallel()
	r := NewRegistry()
	const arn = "arn:aws:states:::lambda:invoke"
	r.Register(arn, named("one"))
	r.Register(arn, named("two"))
	if inv, ok := r.Lookup(arn); !ok || inv != named("two") {
		t.Fatalf("Lookup after replace = %v, %v", inv, ok)
	}
	r.Register(arn, nil)
	if inv, ok := r.Lookup(arn); ok {
		t.Fatalf("Lookup after remove = %v", inv)
	}
	r.Register("lambda", named("type"))
	r.Register("lambda", nil)
	if inv, ok := r.Lookup(arn); ok {
		t.Fatalf("Lookup after type removal = %v", inv)
	}
}

func TestHandleFunc(t *testing.T) {
	t.Parallel()
	r := NewRegistry()
	const base = "arn:aws:states:::stepwise:"
	r.HandleFunc(base+"echo", func(_ context.Context, in value.Value) (value.Value, error) { return in, nil })
	r.HandleFunc(base+"failure", func(context.Context, value.Value) (value.Value, error) {
		return nil, fmt.Errorf("wrapped: %w", Fail("Custom.Error", "it broke"))
	})
	r.HandleFunc(base+"plain", func(context.Context, value.Value) (value.Value, error) {
		return nil, errors.New("plain error")
	})
	r.HandleFunc(base+"panic", func(context.Context, value.Value) (value.Value, error) { panic("boom") })
	r.HandleFunc(base+"cancel", func(ctx context.Context, _ value.Value) (value.Value, error) {
		<-ctx.Done()
		return nil, fmt.Errorf("gave up: %w", ctx.Err())
	})
	r.HandleFunc(base+"deadline", func(context.Context, value.Value) (value.Value, error) {
		return nil, context.DeadlineExceeded // not the context's own error: a task failure
	})
	in := value.MustParse(`{"b":1,"a":[true,null]}`)
	tests := []struct {
		name    string
		want    value.Value
		failure *Failure
		ctxErr  bool
	}{
		{"echo", in, nil, false},
		{"failure", nil, &Failure{Name: "Custom.Error", Cause: "it broke"}, false},
		{"plain", nil, &Failure{Name: ErrorTaskFailed, Cause: "plain error"}, false},
		{"panic", nil, &Failure{Name: ErrorTaskFailed, Cause: "panic: boom"}, false},
		{"cancel", nil, nil, true},
		{"deadline", nil, &Failure{Name: ErrorTaskFailed, Cause: "context deadline exceeded"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithCancel(context.Background())
			if tt.ctxErr {
				time.AfterFunc(5*time.Millisecond, cancel)
			}
			defer cancel()
			got, err := r.Invoke(ctx, &Request{Resource: base + tt.name, Input: in})
			checkHandlerResult(t, got, err, tt.want, tt.failure, tt.ctxErr)
		})
	}
}

func checkHandlerResult(t *testing.T, got value.Value, err error, want value.Value, failure *Failure, ctxErr bool) {
	t.Helper()
	switch {
	case ctxErr:
		var f *Failure
		if !errors.Is(err, context.Canceled) || errors.As(err, &f) {
			t.Errorf("err = %v, want the context's error, not a failure", err)
		}
	case failure != nil:
		var f *Failure
		if !errors.As(err, &f) || *f != *failure {
			t.Errorf("err = %#v, want %#v", err, failure)
		}
	default:
		if err != nil || value.String(got) != value.String(want) {
			t.Errorf("got %s, %v; want %s", value.String(got), err, value.String(want))
		}
	}
}

func TestRegistryConcurrentUse(t *testing.T) {
	t.Parallel()
	r := NewRegistry()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(2)
		go func() {
			defer wg.Done()
			r.Register(fmt.Sprintf("arn:aws:states:::stepwise:t%d", i), named("x"))
		}()
		go func() {
			defer wg.Done()
			for range 100 {
				_, _ = r.Invoke(context.Background(), &Request{Resource: "arn:aws:states:::stepwise:t0"})
			}
		}()
	}
	wg.Wait()
	for i := range 8 {
		if _, ok := r.Lookup(fmt.Sprintf("arn:aws:states:::stepwise:t%d", i)); !ok {
			t.Errorf("registration %d lost", i)
		}
	}
}

func TestFailureError(t *testing.T) {
	t.Parallel()
	if got := Fail("States.Timeout", "").Error(); got != "States.Timeout" {
		t.Errorf("Error() = %q", got)
	}
	if got := Fail("Lambda.Unknown", "why").Error(); got != "Lambda.Unknown: why" {
		t.Errorf("Error() = %q", got)
	}
}

func TestRequestDefaults(t *testing.T) {
	t.Parallel()
	var r Request
	if r.RegionOrDefault() != "us-east-1" || r.AccountOrDefault() != "123456789012" {
		t.Errorf("defaults = %s %s", r.RegionOrDefault(), r.AccountOrDefault())
	}
	r = Request{Region: "eu-west-1", Account: "111122223333"}
	if r.RegionOrDefault() != "eu-west-1" || r.AccountOrDefault() != "111122223333" {
		t.Errorf("set = %s %s", r.RegionOrDefault(), r.AccountOrDefault())
	}
}

func TestInvokerFunc(t *testing.T) {
	t.Parallel()
	inv := InvokerFunc(func(_ context.Context, req *Request) (value.Value, error) { return req.TaskToken, nil })
	got, err := inv.Invoke(context.Background(), &Request{TaskToken: "tok"})
	if err != nil || got != "tok" {
		t.Errorf("got %v, %v", got, err)
	}
}

func BenchmarkRegistryInvoke(b *testing.B) {
	r := NewRegistry()
	r.Register("lambda", named("x"))
	r.Register("arn:aws:states:::stepwise:exact", named("y"))
	req := &Request{Resource: "arn:aws:lambda:us-east-1:123456789012:function:fn"}
	exact := &Request{Resource: "arn:aws:states:::stepwise:exact"}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		_, _ = r.Invoke(ctx, req)
		_, _ = r.Invoke(ctx, exact)
	}
}
