package resource

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/stepwisehq/stepwise/value"
)

// Registry routes task invocations to Invokers. An invocation goes to the
// Invoker registered for its exact Resource ARN, else to the one registered
// for its Target's ResourceType ("lambda", "sqs", "aws-sdk:s3", "activity"),
// else, for an aws-sdk integration, to the one registered for "aws-sdk".
//
// The zero Registry is empty and ready to use. It is safe for concurrent use;
// lookups take no lock.
type Registry struct {
	mu    sync.Mutex // serialises writers
	table atomic.Pointer[routes]
}

// routes is an immutable snapshot of the registrations.
type routes struct {
	exact  map[string]Invoker
	byType map[string]Invoker
}

var _ Invoker = (*Registry)(nil)

// NewRegistry returns an empty Registry.
func NewRegistry() *Registry { return &Registry{} }

// Register routes a resource to inv: an exact Resource ARN when
// resourceOrType starts with "arn:", otherwise a ResourceType such as
// "lambda" or "aws-sdk:s3" (or "aws-sdk" for every SDK integration).
// Registering again replaces the earlier Invoker; a nil inv removes it.
func (r *Registry) Register(resourceOrType string, inv Invoker) {
	r.mu.Lock()
	defer r.mu.Unlock()
	next := r.table.Load().clone()
	m := next.byType
	if strings.HasPrefix(resourceOrType, "arn:") {
		m = next.exact
	}
	if inv == nil {
		delete(m, resourceOrType)
	} else {
		m[resourceOrType] = inv
	}
	r.table.Store(next)
}

func (t *routes) clone() *routes {
	c := &routes{exact: map[string]Invoker{}, byType: map[string]Invoker{}}
	if t == nil {
		return c
	}
	for k, v := range t.exact {
		c.exact[k] = v
	}
	for k, v := range t.byType {
		c.byType[k] = v
	}
	return c
}

// HandleFunc routes the exact resourceARN to a Go function. A panic in fn
// fails the task with States.TaskFailed instead of crashing the process.
func (r *Registry) HandleFunc(resourceARN string, fn func(ctx context.Context, input value.Value) (value.Value, error)) {
	r.Register(resourceARN, HandlerFunc(fn))
}

// Lookup returns the Invoker that Invoke would call for resource.
func (r *Registry) Lookup(resource string) (Invoker, bool) {
	t := r.table.Load()
	if t == nil {
		return nil, false
	}
	if inv, ok := t.exact[resource]; ok {
		return inv, true
	}
	target, err := ParseTarget(resource)
	if err != nil {
		return nil, false
	}
	if inv, ok := t.byType[target.ResourceType]; ok {
		return inv, true
	}
	if strings.HasPrefix(target.ResourceType, "aws-sdk:") {
		inv, ok := t.byType["aws-sdk"]
		return inv, ok
	}
	return nil, false
}

// Invoke runs req on the Invoker routed to req.Resource. Without one it
// fails with States.Runtime and the message AWS gives for a resource it does
// not know (AWS rejects such a definition when it is created).
func (r *Registry) Invoke(ctx context.Context, req *Request) (value.Value, error) {
	inv, ok := r.Lookup(req.Resource)
	if !ok {
		return nil, noInvoker(req.Resource)
	}
	return inv.Invoke(ctx, req)
}

func noInvoker(resource string) *Failure {
	if _, err := ParseTarget(resource); err != nil {
		return Fail(ErrorRuntime, err.Error())
	}
	return Fail(ErrorRuntime, NotRecognizedMessage(resource))
}
