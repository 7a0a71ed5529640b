package runtime

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/stepwisehq/stepwise/asl"
	"github.com/stepwisehq/stepwise/engine"
	"github.com/stepwisehq/stepwise/history"
	"github.com/stepwisehq/stepwise/internal/mock"
	"github.com/stepwisehq/stepwise/internal/resource"
	"github.com/stepwisehq/stepwise/store"
	"github.com/stepwisehq/stepwise/value"
)

// Config configures a Durable runtime.
type Config struct {
	Store     store.Store
	Invoker   resource.Invoker
	IDs       engine.IDs
	Now       func() time.Time
	TimeScale float64 // 1 waits as AWS does; 0 fires timers at once
	Logger    *slog.Logger
	Options   engine.Options
	// Mocks answers the tasks of executions started with a test case.
	Mocks *mock.Config
	// Cluster, when set, shares the store with other nodes: this runtime
	// drives only the executions its lease owns (see cluster.go). Node
	// names the node; Lease is its lease's time to live.
	Cluster store.Cluster
	Node    string
	Lease   time.Duration
}

// Durable drives STANDARD executions on a store: every step's events,
// snapshot and task tokens are committed (group commit) before the step's
// commands are carried out, so a crash loses nothing that was acknowledged
// and applies no transition twice.
type Durable struct {
	cfg    Config
	com    *committer
	timers *timerQueue
	progs  programs
	// express caches programs that build no history.
	express     programs
	expressOnce sync.Once

	mu   sync.Mutex
	live map[string]*live

	// resumeMu guards resumed: the executions resumed since Start, while
	// the background resume runs (nil afterwards).
	resumeMu sync.Mutex
	resumed  map[string]bool

	ctx      context.Context
	cancel   context.CancelFunc
	stopOnce sync.Once
	wg       sync.WaitGroup
	// Activity is notified when an activity task is queued.
	Activity *Notifier
	// Ended is notified with an execution's ARN when it ends.
	Ended *Notifier
	// cl is the cluster membership; nil on a store of one node.
	cl *membership
}

// live is a running execution held in memory.
type live struct {
	mu      sync.Mutex
	x       *engine.Execution
	arn     string
	running map[engine.OpID]context.CancelCauseFunc
	tokens  map[string]engine.OpID
	mocks   *mock.Session // nil unless the execution runs a mock test case
	// dead is set when the node lost its lease and let the execution go.
	dead bool
}

// NewDurable returns a Durable runtime; call Start to resume executions.
func NewDurable(cfg Config) *Durable {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.IDs == nil {
		cfg.IDs = RandomIDs{}
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	d := &Durable{cfg: cfg, live: map[string]*live{}, Activity: NewNotifier(), Ended: NewNotifier()}
	d.progs.opts = cfg.Options
	return d
}

// Start resumes every RUNNING execution found in the store and starts the
// group committer and the timers.
func (d *Durable) Start(ctx context.Context) error {
	d.ctx, d.cancel = context.WithCancel(context.Background())
	d.com = newCommitter(d.cfg.Store)
	d.timers = newTimerQueue(d.fire)
	if d.cfg.Cluster != nil {
		return d.startCluster(ctx)
	}
	d.resumed = map[string]bool{}
	d.wg.Add(1)
	go d.resumeAll()
	return nil
}

// resumeAll resumes the executions the store holds as RUNNING, in the
// background so that the server starts at once whatever their number; an
// input for one not resumed yet loads it first (see load).
func (d *Durable) resumeAll() {
	defer d.wg.Done()
	rows, err := d.cfg.Store.ExecutionListRunning(d.ctx)
	if err != nil {
		d.cfg.Logger.Error("cannot list running executions", "err", err)
		return
	}
	for _, row := range rows {
		if d.ctx.Err() != nil {
			return
		}
		d.resumeMu.Lock()
		if !d.resumed[row.Arn] {
			d.resumed[row.Arn] = true
			if err := d.resume(row); err != nil {
				d.cfg.Logger.Error("cannot resume execution", "arn", row.Arn, "err", err)
			}
		}
		d.resumeMu.Unlock()
	}
	d.resumeMu.Lock()
	d.resumed = nil // every running execution is live from here on
	d.resumeMu.Unlock()
}

// load resumes an execution that is running in the store but not live
// here yet (the background resume has not reached it). It returns the live
// execution, or nil.
func (d *Durable) load(ctx context.Context, arn string) *live {
	d.resumeMu.Lock()
	defer d.resumeMu.Unlock()
	if d.resumed == nil || d.resumed[arn] {
		return d.lookup(arn)
	}
	d.resumed[arn] = true
	row, err := d.cfg.Store.ExecutionGet(ctx, arn)
	if err != nil || row.Status != store.StatusRunning {
		return nil
	}
	if err := d.resume(row); err != nil {
		d.cfg.Logger.Error("cannot resume execution", "arn", arn, "err", err)
		return nil
	}
	return d.lookup(arn)
}

// markResumed keeps the background resume away from an execution this
// runtime already holds (one started since Start).
func (d *Durable) markResumed(arn string) {
	d.resumeMu.Lock()
	defer d.resumeMu.Unlock()
	if d.resumed != nil {
		d.resumed[arn] = true
	}
}

func (d *Durable) lookup(arn string) *live {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.live[arn]
}

// Stop stops the runtime; running executions stay RUNNING in the store and
// resume at the next Start.
func (d *Durable) Stop() {
	if d.cancel == nil {
		return
	}
	d.stopOnce.Do(d.stop)
}

func (d *Durable) stop() {
	d.cancel()
	d.timers.stop()
	d.wg.Wait()
	d.com.close()
	if d.cl != nil { // a clean stop: other nodes may take over at once
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := d.cl.st.NodeLeave(ctx); err != nil {
			d.cfg.Logger.Warn("cannot leave the cluster", "err", err)
		}
	}
}

func (d *Durable) resume(row *store.Execution) error {
	if row.MapRunArn != "" {
		return nil // a distributed Map's child: the execution that runs the Map drives it
	}
	prog, err := d.progs.get(row.Definition)
	if err != nil {
		return err
	}
	x, err := prog.Restore(row.Snapshot, d.cfg.IDs)
	if err != nil {
		return err
	}
	l := d.trackNew(row.Arn, x)
	if l == nil {
		return nil // live already: started or loaded here since the row was read
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for tok, op := range x.Tokens() {
		l.tokens[tok] = op
	}
	d.dispatch(l, x.Pending())
	return nil
}

// trackNew tracks a new execution; nil when one with arn is running here.
func (d *Durable) trackNew(arn string, x *engine.Execution) *live {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.live[arn] != nil {
		return nil
	}
	l := newLive(arn, x)
	l.mocks = d.session(x.Meta)
	d.live[arn] = l
	return l
}

// session returns the mock session of an execution's test case.
func (d *Durable) session(m engine.Meta) *mock.Session {
	if m.TestCase == "" || d.cfg.Mocks == nil {
		return nil
	}
	s, err := d.cfg.Mocks.Session(m.StateMachineName, m.TestCase)
	if err != nil {
		d.cfg.Logger.Warn("mock test case not found", "testCase", m.TestCase, "err", err)
		return nil
	}
	return s
}

func newLive(arn string, x *engine.Execution) *live {
	return &live{x: x, arn: arn, running: map[engine.OpID]context.CancelCauseFunc{},
		tokens: map[string]engine.OpID{}}
}

// StartExecution starts an execution whose row (without snapshot) is
// given: ExecutionStarted and the first steps are committed with the row in
// one transaction. It returns store.ErrAlreadyExists for a taken ARN.
func (d *Durable) StartExecution(ctx context.Context, row *store.Execution, meta engine.Meta, input value.Value) error {
	prog, err := d.progs.get(row.Definition)
	if err != nil {
		return err
	}
	x, evs, cmds := prog.Start(meta, input, d.cfg.IDs, meta.StartTime)
	d.markResumed(row.Arn)
	l := d.trackNew(row.Arn, x)
	if l == nil {
		return store.ErrAlreadyExists
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := d.persist(ctx, l, evs, cmds, row, nil); err != nil {
		// The row may exist all the same (a RUNNING execution of that name
		// not resumed yet, or a COMMIT whose outcome was lost): take up
		// what the store holds, if it is this node's to drive.
		d.commitFailed(row.Arn, err)
		return err
	}
	d.dispatch(l, cmds)
	return nil
}

// ErrNotRunning reports an input for an execution that is not running here.
var ErrNotRunning = errors.New("runtime: execution is not running")

// Input applies an input to a running execution durably: when it returns
// nil, the step it caused is committed.
func (d *Durable) Input(ctx context.Context, arn string, in engine.Input) error {
	l := d.lookup(arn)
	if l == nil {
		l = d.load(ctx, arn)
	}
	if l == nil {
		return ErrNotRunning
	}
	_, err := d.apply(ctx, l, in, nil)
	return err
}

// apply applies an input to a live execution and commits the step it
// causes, with the inbox messages it consumes (done). It reports whether
// there was a step.
func (d *Durable) apply(ctx context.Context, l *live, in engine.Input, done []int64) (bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.dead || l.x.Done() {
		return false, ErrNotRunning
	}
	evs, cmds := l.x.Apply(in, d.cfg.Now().UTC())
	if len(evs) == 0 && len(cmds) == 0 && len(l.x.ChildUpdates()) == 0 {
		return false, nil // (a step of child executions alone is committed too)
	}
	if err := d.persist(ctx, l, evs, cmds, nil, done); err != nil {
		d.commitFailed(l.arn, err)
		return false, err
	}
	d.dispatch(l, cmds)
	return true, nil
}

// persist commits a step of l (creating the execution when row is set),
// with the inbox messages it consumed.
func (d *Durable) persist(ctx context.Context, l *live, evs []history.Event, cmds []engine.Command, row *store.Execution, done []int64) error {
	step := &store.Step{Arn: l.arn, Events: evs, Create: row, InboxDone: done}
	if l.x.Done() {
		step.Ended = ending(l.x, d.cfg.Now().UTC())
	}
	if !l.x.Done() || l.x.Result.Status != engine.Succeeded {
		step.Snapshot = l.x.Snapshot() // a failed execution keeps one, for RedriveExecution
	}
	if row != nil {
		row.Snapshot = step.Snapshot
	}
	d.tokenChanges(l, step, cmds)
	step.MapRuns = mapRuns(l.x)
	if err := d.com.commit(ctx, append([]*store.Step{step}, childSteps(l.x)...)...); err != nil {
		return err
	}
	l.x.Release()
	if l.x.Done() {
		d.forget(l.arn, resource.ErrTaskCancelled)
		d.Ended.Notify(l.arn)
	}
	return nil
}

// tokenChanges records new callback and activity tokens, and drops those
// whose task has ended.
func (d *Durable) tokenChanges(l *live, step *store.Step, cmds []engine.Command) {
	now := d.cfg.Now().UTC()
	for _, c := range cmds {
		if c.Kind != engine.InvokeTask || c.Task.TaskToken == "" {
			continue
		}
		tt := store.TaskToken{Token: c.Task.TaskToken, ExecutionArn: l.arn, Op: uint64(c.Op), Created: now}
		if t, err := resource.ParseTarget(c.Task.Resource); err == nil && t.Activity {
			tt.ActivityArn = c.Task.Resource
			tt.Input = value.String(c.Task.Input)
		}
		step.TokensAdded = append(step.TokensAdded, tt)
		l.tokens[c.Task.TaskToken] = c.Op
	}
	live := l.x.Tokens()
	for tok := range l.tokens {
		if _, ok := live[tok]; !ok {
			step.TokensRemoved = append(step.TokensRemoved, tok)
			delete(l.tokens, tok)
		}
	}
}

func ending(x *engine.Execution, now time.Time) *store.Ending {
	r := x.Result
	e := &store.Ending{Status: store.Status(r.Status.String()), Error: r.Error, Cause: r.Cause,
		HasError: r.HasError, HasCause: r.HasCause, Stopped: now}
	if r.Status == engine.Succeeded {
		e.Output, e.HasOutput = value.String(r.Output), true
	}
	return e
}

// errReleased cancels the tasks of an execution that leaves this runtime
// (to be reloaded, or taken over by another node): unlike
// resource.ErrTaskCancelled, it does not stop the jobs they follow.
var errReleased = errors.New("runtime: the execution left this runtime")

// forget drops a live execution: its timers, and its running tasks,
// cancelled with cause.
func (d *Durable) forget(arn string, cause error) {
	d.mu.Lock()
	l := d.live[arn]
	delete(d.live, arn)
	d.mu.Unlock()
	if l == nil {
		return
	}
	for op, cancel := range l.running {
		cancel(cause)
		delete(l.running, op)
	}
	d.timers.removeExecution(arn)
}

// commitFailed handles a step that failed to commit: a node that lost its
// lease lets everything go; otherwise the execution's in-memory state is
// replaced with the store's.
func (d *Durable) commitFailed(arn string, err error) {
	if errors.Is(err, store.ErrFenced) && d.cl != nil {
		d.forget(arn, errReleased) // its memory is ahead of the store
		d.cl.fenced()
		return
	}
	d.reload(arn)
}

// reload replaces an execution's in-memory state with the store's, after a
// step failed to commit; under a lease, only while the lease owns it.
func (d *Durable) reload(arn string) {
	d.forget(arn, errReleased)
	ctx := context.Background()
	var row *store.Execution
	var err error
	if d.cl != nil {
		row, err = d.cfg.Cluster.ExecutionReclaim(ctx, arn)
	} else if row, err = d.cfg.Store.ExecutionGet(ctx, arn); err == nil && row.Status != store.StatusRunning {
		return
	}
	if err != nil {
		return
	}
	if err := d.resume(row); err != nil {
		d.cfg.Logger.Error("cannot reload execution", "arn", arn, "err", err)
	}
}

// programs caches compiled definitions by their text.
type programs struct {
	mu   sync.Mutex
	m    map[string]*engine.Program
	opts engine.Options
}

func (p *programs) get(def string) (*engine.Program, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if prog := p.m[def]; prog != nil {
		return prog, nil
	}
	d, err := asl.Parse(def, asl.Options{})
	if err != nil {
		return nil, err
	}
	if p.m == nil {
		p.m = map[string]*engine.Program{}
	}
	prog := engine.New(d, p.opts)
	p.m[def] = prog
	return prog, nil
}

// Program returns the compiled program of a definition text.
func (d *Durable) Program(def string) (*engine.Program, error) { return d.progs.get(def) }

// ExpressProgram returns the compiled program of a definition text for
// EXPRESS executions, which keep no history (AWS sends it to logs only).
func (d *Durable) ExpressProgram(def string) (*engine.Program, error) {
	d.expressOnce.Do(func() {
		d.express.opts = d.cfg.Options
		d.express.opts.NoHistory = true
	})
	return d.express.get(def)
}

// Redrive restarts an ended execution from its stored snapshot.
func (d *Durable) Redrive(ctx context.Context, row *store.Execution) error {
	prog, err := d.progs.get(row.Definition)
	if err != nil {
		return err
	}
	x, err := prog.Restore(row.Snapshot, d.cfg.IDs)
	if err != nil {
		return err
	}
	now := d.cfg.Now().UTC()
	evs, cmds, err := x.Redrive(now)
	if err != nil {
		return err
	}
	d.markResumed(row.Arn)
	l := d.trackNew(row.Arn, x)
	if l == nil && d.settle(row.Arn) {
		l = d.trackNew(row.Arn, x)
	}
	if l == nil {
		return store.ErrConflict
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	step := &store.Step{Arn: row.Arn, Events: evs, Redrive: &store.Redrive{Count: x.Meta.RedriveCount, At: now}}
	if x.Done() {
		step.Ended = ending(x, now)
	}
	step.Snapshot = x.Snapshot()
	d.tokenChanges(l, step, cmds)
	step.MapRuns = mapRuns(x)
	if err := d.com.commit(ctx, append([]*store.Step{step}, childSteps(x)...)...); err != nil {
		d.forget(row.Arn, errReleased)
		return err
	}
	if x.Done() {
		d.forget(row.Arn, resource.ErrTaskCancelled)
		d.Ended.Notify(row.Arn)
	}
	d.dispatch(l, cmds)
	return nil
}

// settle waits for the step a live execution is committing, and reports
// whether it is gone from here then: an execution whose last step just
// ended it is still held while that step commits.
func (d *Durable) settle(arn string) bool {
	l := d.lookup(arn)
	if l == nil {
		return true
	}
	l.mu.Lock()
	done := l.dead || l.x.Done()
	l.mu.Unlock()
	if done {
		d.forget(arn, errReleased)
	}
	return d.lookup(arn) == nil
}

// mapRuns converts the Map Runs a step started, changed or ended to store
// records.
func mapRuns(x *engine.Execution) []store.MapRun {
	ups := x.MapRunUpdates()
	if len(ups) == 0 {
		return nil
	}
	out := make([]store.MapRun, len(ups))
	for i := range ups {
		out[i] = mapRunRecord(&ups[i], x.Meta.ExecutionArn, x.Meta.StateMachineArn)
	}
	return out
}

// mapRunRecord is the store record of a Map Run update; the Map Run
// belongs to the execution executionArn (a child, when Maps nest).
func mapRunRecord(u *engine.MapRunUpdate, executionArn, stateMachineArn string) store.MapRun {
	return store.MapRun{
		Arn: u.Arn, ExecutionArn: executionArn, StateMachineArn: stateMachineArn,
		Status: store.Status(u.Status.String()), Started: u.Started, Stopped: u.Stopped,
		MaxConcurrency: u.MaxConcurrency, ToleratedFailureCount: int64(u.ToleratedFailureCount),
		ToleratedFailurePercentage: u.ToleratedFailurePercentage,
		Total:                      int64(u.Total), Pending: int64(u.Pending), Running: int64(u.Running),
		Succeeded: int64(u.Succeeded), Failed: int64(u.Failed),
		RedriveCount: u.RedriveCount, Redriven: u.Redriven,
	}
}
