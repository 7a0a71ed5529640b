// Package stepwise runs Amazon States Language state machines with the
// behaviour of AWS Step Functions, in a Go program or behind the AWS Step
// Functions API (see package api and the stepwise command).
//
// New returns a Stepwise with a Client whose methods are the Step Functions
// API's operations, with the same inputs, outputs and errors:
//
//	sw, err := stepwise.New(stepwise.Config{Store: memory.New()})
//	...
//	sw.Start(ctx)
//	defer sw.Stop(ctx)
//	out, err := sw.Client().CreateStateMachine(ctx, &stepwise.CreateStateMachineInput{...})
package stepwise

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/stepwisehq/stepwise/internal/mock"
	"github.com/stepwisehq/stepwise/internal/resource"
	"github.com/stepwisehq/stepwise/store"
	"github.com/stepwisehq/stepwise/value"
)

// Config configures a Stepwise. Only Store is required.
type Config struct {
	// Store keeps state machines, executions and histories (store/memory,
	// store/sqlite, store/postgres).
	Store store.Store
	// Region and Account appear in ARNs (defaults us-east-1, 123456789012).
	Region  string
	Account string
	// Limits default to AWS's.
	Limits Limits
	// Logger receives operational logs (default: slog.Default()).
	Logger *slog.Logger
	// Now is the clock (default time.Now); tests inject their own.
	Now func() time.Time
	// TimeScale scales idle waits (Wait states, retry intervals, timeouts):
	// 1 waits as AWS does, 0.01 a hundred times faster; a negative value
	// fires timers at once. Zero means 1. For tests.
	TimeScale float64
	// DisableTaskIntegrations leaves out the AWS service integrations
	// (Lambda, ...): only Go handlers and activities run tasks.
	DisableTaskIntegrations bool
	// AllowPrivateHTTP lets HTTP tasks (arn:aws:states:::http:invoke) call
	// loopback and private addresses; cloud metadata addresses are always
	// refused. stepwise serve sets it when it listens on loopback.
	AllowPrivateHTTP bool
	// HTTPConnections gives the credentials of the EventBridge connections
	// HTTP tasks name in Authentication.ConnectionArn, by ARN.
	HTTPConnections map[string]HTTPConnection
	// MockConfigFile is a Step Functions Local mock configuration file:
	// executions started with "stateMachineArn#TestCase" get the mocked
	// responses of that test case instead of calling their tasks.
	MockConfigFile string
	// Node names this node when Store is shared by many nodes (a
	// store.Cluster: store/postgres). Give each node a name of its own
	// that it keeps across restarts: a node that restarts under its name
	// takes its executions back at once, where a new name waits for the
	// old lease to end. Default: the host name and the process id.
	Node string
	// Lease is how long a node's hold on its executions lasts without
	// renewal (default 10s): a node that dies or stalls for longer loses
	// them to the other nodes.
	Lease time.Duration
}

// HTTPConnection is the authorization of an EventBridge connection: one of
// an API key, basic credentials or OAuth client credentials.
type HTTPConnection struct {
	APIKeyName        string `json:"apiKeyName,omitempty"`
	APIKeyValue       string `json:"apiKeyValue,omitempty"`
	BasicUsername     string `json:"basicUsername,omitempty"`
	BasicPassword     string `json:"basicPassword,omitempty"`
	OAuthEndpoint     string `json:"oauthEndpoint,omitempty"` // the token endpoint
	OAuthClientID     string `json:"oauthClientId,omitempty"`
	OAuthClientSecret string `json:"oauthClientSecret,omitempty"`
}

// Limits are the service quotas Stepwise enforces. Zero fields take AWS's
// value.
type Limits struct {
	MaxPayloadBytes   int // a state's or execution's input/output (256 KiB)
	MaxRequestBytes   int // an API request (1 MiB)
	MaxHistoryEvents  int // events of one execution (25,000)
	MaxDefinitionSize int // a definition (1 MiB)
}

func (l Limits) withDefaults() Limits {
	if l.MaxPayloadBytes == 0 {
		l.MaxPayloadBytes = 256 * 1024
	}
	if l.MaxRequestBytes == 0 {
		l.MaxRequestBytes = 1024 * 1024
	}
	if l.MaxHistoryEvents == 0 {
		l.MaxHistoryEvents = 25000
	}
	if l.MaxDefinitionSize == 0 {
		l.MaxDefinitionSize = 1024 * 1024
	}
	return l
}

// Stepwise is a running engine: it owns the runtime that drives executions.
type Stepwise struct {
	cfg      Config
	store    store.Store
	registry *resource.Registry
	client   *Client
	rt       *runner
	mocks    *mock.Config
}

// New returns a Stepwise for cfg. Call Start before using its Client.
func New(cfg Config) (*Stepwise, error) {
	if cfg.Store == nil {
		return nil, errors.New("stepwise: Config.Store is required")
	}
	if cfg.Region == "" {
		cfg.Region = "us-east-1"
	}
	if cfg.Account == "" {
		cfg.Account = "123456789012"
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	cfg.Limits = cfg.Limits.withDefaults()
	switch {
	case cfg.TimeScale == 0:
		cfg.TimeScale = 1
	case cfg.TimeScale < 0:
		cfg.TimeScale = 0
	}
	sw := &Stepwise{cfg: cfg, store: newCachingStore(cfg.Store, cfg.Now), registry: resource.NewRegistry()}
	if cfg.MockConfigFile != "" {
		m, err := mock.Load(cfg.MockConfigFile)
		if err != nil {
			return nil, fmt.Errorf("stepwise: mock config: %w", err)
		}
		sw.mocks = m
	}
	sw.client = &Client{sw: sw}
	sw.rt = newRunner(sw)
	return sw, nil
}

// Client returns the client whose methods are the Step Functions API.
func (sw *Stepwise) Client() *Client { return sw.client }

// HandleFunc registers a Go function that runs the Task states whose
// Resource is resourceARN. A returned *TaskError fails the task with its
// error name and cause; any other error fails it with States.TaskFailed.
func (sw *Stepwise) HandleFunc(resourceARN string, fn func(ctx context.Context, input value.Value) (value.Value, error)) {
	sw.registry.HandleFunc(resourceARN, fn)
}

// TaskError fails a task with an error name and cause, for Retry and Catch.
type TaskError = resource.Failure

// Client performs the Step Functions API's operations. It is safe for
// concurrent use.
type Client struct {
	sw *Stepwise
}

func (c *Client) now() time.Time { return c.sw.cfg.Now().UTC() }
