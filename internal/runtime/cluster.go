package runtime

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/stepwisehq/stepwise/engine"
	"github.com/stepwisehq/stepwise/store"
	"github.com/stepwisehq/stepwise/value"
)

// A runtime on a store that many nodes share (Config.Cluster) drives only
// the executions its lease owns: those it started, and those it claimed
// from nodes whose lease ended. It renews its lease at a third of its time
// to live; when the lease is lost (a renewal or a commit is fenced: the
// node stalled past it) it drops every execution and joins again, with a
// new epoch. Inputs from the API for an execution another node owns go to
// that node's inbox; signals (LISTEN/NOTIFY on PostgreSQL) wake inbox
// readers, activity pollers and .sync waiters on every node.

// claimBatch bounds the executions taken per claim.
const claimBatch = 256

// DefaultLease is a lease's time to live when Config.Lease is zero.
const DefaultLease = 10 * time.Second

// membership is the runtime's part of a cluster.
type membership struct {
	st   store.Cluster
	node string
	ttl  time.Duration
	// inbox is poked when the node's inbox may hold messages; lost when a
	// commit was fenced.
	inbox chan struct{}
	lost  chan struct{}
}

func poke(c chan struct{}) {
	select {
	case c <- struct{}{}:
	default:
	}
}

func (m *membership) fenced() { poke(m.lost) }

// startCluster joins the cluster and starts the loops that keep the lease,
// claim executions, read the inbox and listen for signals.
func (d *Durable) startCluster(ctx context.Context) error {
	ttl := d.cfg.Lease
	if ttl <= 0 {
		ttl = DefaultLease
	}
	if d.cfg.Node == "" {
		return errors.New("runtime: a node of a cluster needs a name")
	}
	m := &membership{st: d.cfg.Cluster, node: d.cfg.Node, ttl: ttl,
		inbox: make(chan struct{}, 1), lost: make(chan struct{}, 1)}
	if _, err := m.st.NodeJoin(ctx, m.node, ttl); err != nil {
		return err
	}
	d.cl = m
	d.wg.Add(2)
	go d.clusterLoop()
	go func() {
		defer d.wg.Done()
		_ = m.st.Listen(d.ctx, d.signal)
	}()
	return nil
}

// clusterLoop keeps the lease and takes work: it claims executions at a
// quarter of the lease time (so that a dead node's executions move within
// the lease time and a quarter) and reads the inbox when poked, and at
// every claim in case a signal was missed.
func (d *Durable) clusterLoop() {
	defer d.wg.Done()
	m := d.cl
	renew := time.NewTicker(m.ttl / 3)
	defer renew.Stop()
	claim := time.NewTicker(m.ttl / 4)
	defer claim.Stop()
	d.claim()
	d.readInbox()
	for {
		select {
		case <-d.ctx.Done():
			return
		case <-renew.C:
			d.renew()
		case <-m.lost: // a commit was fenced: by this lease, or an earlier one?
			d.renew()
		case <-claim.C:
			d.claim()
			d.readInbox()
		case <-m.inbox:
			d.readInbox()
		}
	}
}

// renew renews the lease, and joins again when it was lost.
func (d *Durable) renew() {
	m := d.cl
	_, err := m.st.NodeRenew(d.ctx, m.ttl)
	switch {
	case errors.Is(err, store.ErrFenced):
		d.rejoin()
	case err != nil && d.ctx.Err() == nil:
		d.cfg.Logger.Warn("cannot renew the lease", "node", m.node, "err", err)
	}
}

// rejoin lets every execution go after the lease was lost, and joins
// again with a new epoch. Each execution is dropped after the step it is
// committing, and all before the join: whatever committed, committed
// under the lost lease, and is claimable.
func (d *Durable) rejoin() {
	m := d.cl
	d.cfg.Logger.Warn("lease lost: dropping this node's executions", "node", m.node)
	d.mu.Lock()
	lives := make([]*live, 0, len(d.live))
	for _, l := range d.live {
		lives = append(lives, l)
	}
	d.mu.Unlock()
	for _, l := range lives {
		d.drop(l)
	}
	for d.ctx.Err() == nil {
		_, err := m.st.NodeJoin(d.ctx, m.node, m.ttl)
		if err == nil {
			d.claim()
			d.readInbox()
			return
		}
		d.cfg.Logger.Warn("cannot join again", "node", m.node, "err", err)
		select {
		case <-time.After(m.ttl / 4):
		case <-d.ctx.Done():
		}
	}
}

// claim takes over the executions of ended leases, batch by batch.
func (d *Durable) claim() {
	for d.ctx.Err() == nil {
		rows, err := d.cl.st.ExecutionClaim(d.ctx, claimBatch)
		if err != nil {
			if d.ctx.Err() == nil && !errors.Is(err, store.ErrFenced) {
				d.cfg.Logger.Warn("cannot claim executions", "err", err)
			}
			return
		}
		for _, row := range rows {
			if err := d.resume(row); err != nil {
				d.cfg.Logger.Error("cannot resume a claimed execution", "arn", row.Arn, "err", err)
			}
		}
		if len(rows) > 0 {
			d.cfg.Logger.Info("claimed executions", "node", d.cl.node, "count", len(rows))
		}
		if len(rows) < claimBatch {
			return
		}
	}
}

// signal handles a signal from any node.
func (d *Durable) signal(s store.Signal) {
	switch s.Kind {
	case store.SignalInbox:
		if s.Key == d.cl.node {
			poke(d.cl.inbox)
		}
	case store.SignalActivity:
		d.Activity.Notify(s.Key)
	case store.SignalEnded:
		d.Ended.Notify(s.Key)
	case store.SignalResync:
		poke(d.cl.inbox)
		d.Activity.NotifyAll()
	}
}

// inboxInput is an input queued for another node, as its inbox body.
type inboxInput struct {
	Kind   engine.InputKind `json:"k"`
	Token  string           `json:"t,omitempty"`
	Output string           `json:"o,omitempty"`
	Error  string           `json:"e,omitempty"`
	Cause  string           `json:"c,omitempty"`
	Worker string           `json:"w,omitempty"`
	// Child, with Kind Stop, stops that child execution of a distributed
	// Map that the execution runs.
	Child string `json:"x,omitempty"`
}

// inboxOf is the inbox body of an input (for a task token, when set).
func inboxOf(token string, in engine.Input) inboxInput {
	msg := inboxInput{Kind: in.Kind, Token: token, Error: in.Error, Cause: in.Cause, Worker: in.Worker}
	if in.Output != nil {
		msg.Output = value.String(in.Output)
	}
	return msg
}

// post queues an input for the node that owns arn. It reports false when
// the execution is not running.
func (d *Durable) post(ctx context.Context, arn string, msg inboxInput) (bool, error) {
	body, err := json.Marshal(msg)
	if err != nil {
		return false, err
	}
	err = d.cl.st.InboxAdd(ctx, &store.InboxMessage{ExecutionArn: arn, Body: body})
	if errors.Is(err, store.ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}

// readInbox applies the messages queued for this node's executions, each
// consumed by the step it causes (or dropped when it causes none).
func (d *Durable) readInbox() {
	for d.ctx.Err() == nil {
		msgs, err := d.cl.st.InboxList(d.ctx, claimBatch)
		if err != nil {
			if d.ctx.Err() == nil && !errors.Is(err, store.ErrFenced) {
				d.cfg.Logger.Warn("cannot read the inbox", "err", err)
			}
			return
		}
		var drop []int64
		retry := false
		for _, m := range msgs {
			switch d.deliver(m) {
			case dropped:
				drop = append(drop, m.ID)
			case failed:
				retry = true
			}
		}
		if len(drop) > 0 {
			if err := d.cl.st.InboxDelete(d.ctx, drop); err != nil {
				d.cfg.Logger.Warn("cannot drop inbox messages", "err", err)
				return
			}
		}
		if retry || len(msgs) < claimBatch {
			return // a message whose step failed waits for the next read
		}
	}
}

// delivery is what became of an inbox message.
type delivery uint8

const (
	consumed delivery = iota // a committed step consumed it
	dropped                  // it changed nothing: the caller deletes it
	failed                   // its step failed to commit: it stays, for a retry
)

// deliver applies one inbox message.
func (d *Durable) deliver(m *store.InboxMessage) delivery {
	var msg inboxInput
	if json.Unmarshal(m.Body, &msg) != nil {
		return dropped
	}
	l := d.lookup(m.ExecutionArn)
	if l == nil { // owned here, and not live: take it up again
		d.reload(m.ExecutionArn)
		if l = d.lookup(m.ExecutionArn); l == nil {
			return dropped
		}
	}
	in := engine.Input{Kind: msg.Kind, Error: msg.Error, Cause: msg.Cause, Worker: msg.Worker}
	if msg.Output != "" {
		out, err := value.ParseString(msg.Output)
		if err != nil {
			return dropped
		}
		in.Output = out
	}
	if msg.Token != "" {
		l.mu.Lock()
		op, ok := l.tokens[msg.Token]
		l.mu.Unlock()
		if !ok {
			return dropped
		}
		in.Op = op
	}
	var stepped bool
	var err error
	if msg.Child != "" {
		stepped, err = d.stopChild(d.ctx, l, msg.Child, msg.Error, msg.Cause, []int64{m.ID})
	} else {
		stepped, err = d.apply(d.ctx, l, in, []int64{m.ID})
	}
	switch {
	case err != nil && !errors.Is(err, ErrNotRunning):
		d.cfg.Logger.Warn("cannot apply an inbox message", "arn", m.ExecutionArn, "err", err)
		return failed
	case stepped:
		return consumed
	}
	return dropped
}

// Send applies an input from the API (StopExecution) to a running
// execution: here when this node drives it, or through the inbox of the
// node that does. It returns ErrNotRunning when the execution is not
// running.
func (d *Durable) Send(ctx context.Context, arn string, in engine.Input) error {
	if d.cl == nil || d.lookup(arn) != nil {
		return d.Input(ctx, arn, in)
	}
	ok, err := d.post(ctx, arn, inboxOf("", in))
	if err == nil && !ok {
		return ErrNotRunning
	}
	return err
}

// drop lets a live execution go once the step it is committing (if any)
// is through: its timers, its running tasks, its place in live.
func (d *Durable) drop(l *live) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.dead = true
	d.mu.Lock()
	if d.live[l.arn] == l {
		delete(d.live, l.arn)
	}
	d.mu.Unlock()
	for op, cancel := range l.running {
		cancel(errReleased)
		delete(l.running, op)
	}
	d.timers.removeExecution(l.arn)
}
