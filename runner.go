package stepwise

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/stepwisehq/stepwise/engine"
	"github.com/stepwisehq/stepwise/internal/resource/awssdk"
	"github.com/stepwisehq/stepwise/internal/resource/httptask"
	"github.com/stepwisehq/stepwise/internal/resource/lambda"
	"github.com/stepwisehq/stepwise/internal/runtime"
	"github.com/stepwisehq/stepwise/store"
)

// runner owns what drives executions: the durable runtime for STANDARD
// executions and the in-memory one for EXPRESS executions.
type runner struct {
	sw      *Stepwise
	durable *runtime.Durable
	express sync.WaitGroup
	ctx     context.Context
	cancel  context.CancelFunc
}

func newRunner(sw *Stepwise) *runner { return &runner{sw: sw} }

func (sw *Stepwise) engineOptions() engine.Options {
	return engine.Options{Region: sw.cfg.Region, Account: sw.cfg.Account,
		MaxPayloadBytes: sw.cfg.Limits.MaxPayloadBytes, MaxHistoryEvents: sw.cfg.Limits.MaxHistoryEvents,
		ActivityExists: sw.activityExists}
}

// activityExists tells the engine whether an activity exists; when the
// store cannot tell, it does (the task then waits for a worker).
func (sw *Stepwise) activityExists(arn string) bool {
	_, err := sw.store.ActivityGet(context.Background(), arn)
	return !errors.Is(err, store.ErrNotFound)
}

// Start wires the task integrations and resumes the executions the store
// holds as RUNNING.
func (sw *Stepwise) Start(ctx context.Context) error {
	if !sw.cfg.DisableTaskIntegrations {
		if err := sw.registerIntegrations(ctx); err != nil {
			return fmt.Errorf("stepwise: start: %w", err)
		}
	}
	sw.registry.Register("states", nestedInvoker{sw.client})
	r := sw.rt
	r.ctx, r.cancel = context.WithCancel(context.Background())
	cfg := runtime.Config{
		Store: sw.store, Invoker: sw.registry, Now: sw.cfg.Now, TimeScale: sw.cfg.TimeScale,
		Logger: sw.cfg.Logger, Options: sw.engineOptions(), Mocks: sw.mocks,
	}
	if cl, ok := sw.cfg.Store.(store.Cluster); ok {
		cfg.Cluster, cfg.Node, cfg.Lease = cl, sw.cfg.Node, sw.cfg.Lease
		if cfg.Node == "" {
			cfg.Node = defaultNode()
		}
	}
	r.durable = runtime.NewDurable(cfg)
	if err := r.durable.Start(ctx); err != nil {
		return fmt.Errorf("stepwise: start: %w", err)
	}
	return nil
}

// Stop stops driving executions. Running STANDARD executions stay RUNNING
// in the store and resume at the next Start; EXPRESS executions in flight
// are cancelled.
func (sw *Stepwise) Stop(ctx context.Context) error {
	r := sw.rt
	if r.cancel == nil {
		return nil
	}
	r.cancel()
	r.durable.Stop()
	done := make(chan struct{})
	go func() { r.express.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
		return ctx.Err()
	}
	return nil
}

// registerIntegrations wires the AWS service integrations: Lambda, the
// AWS SDK and optimized integrations, and HTTP tasks. Go handlers
// registered with HandleFunc take precedence.
func (sw *Stepwise) registerIntegrations(ctx context.Context) error {
	reg := sw.registry
	if _, ok := reg.Lookup("arn:aws:states:::lambda:invoke"); !ok {
		inv, err := lambda.New(ctx, lambda.Options{MaxResultBytes: sw.cfg.Limits.MaxPayloadBytes})
		if err != nil {
			return err
		}
		reg.Register("lambda", inv)
	}
	poll := awssdk.DefaultPollInterval // Run a Job (.sync) polling scales like other idle waits
	if sw.cfg.TimeScale < 1 {
		poll = max(time.Duration(float64(poll)*sw.cfg.TimeScale), time.Millisecond)
	}
	sdk, err := awssdk.New(ctx, awssdk.Options{MaxResultBytes: sw.cfg.Limits.MaxPayloadBytes, PollInterval: poll})
	if err != nil {
		return err
	}
	for _, typ := range []string{"aws-sdk", "sqs", "sns", "dynamodb", "events", "s3",
		"ecs", "batch", "glue", "codebuild", "athena"} {
		reg.Register(typ, sdk)
	}
	httpInv, err := httptask.New(httptask.Options{AllowPrivate: sw.cfg.AllowPrivateHTTP,
		MaxResultBytes: sw.cfg.Limits.MaxPayloadBytes, Connections: connections(sw.cfg.HTTPConnections)})
	if err != nil {
		return err
	}
	reg.Register("http", httpInv)
	return nil
}

// connections converts the configured connections for the HTTP task.
func connections(in map[string]HTTPConnection) map[string]httptask.Connection {
	out := make(map[string]httptask.Connection, len(in))
	for arn, c := range in {
		var conn httptask.Connection
		switch {
		case c.APIKeyName != "":
			conn.APIKey = &httptask.APIKey{Name: c.APIKeyName, Value: c.APIKeyValue}
		case c.BasicUsername != "":
			conn.Basic = &httptask.Basic{Username: c.BasicUsername, Password: c.BasicPassword}
		case c.OAuthEndpoint != "":
			conn.OAuth = &httptask.OAuth{AuthorizationEndpoint: c.OAuthEndpoint, ClientID: c.OAuthClientID, ClientSecret: c.OAuthClientSecret}
		}
		out[arn] = conn
	}
	return out
}

// defaultNode names a node that was given no name: its host and process.
func defaultNode() string {
	host, err := os.Hostname()
	if err != nil {
		host = "stepwise"
	}
	return fmt.Sprintf("%s-%d", host, os.Getpid())
}
