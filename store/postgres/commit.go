package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/stepwisehq/stepwise/history"
	"github.com/stepwisehq/stepwise/store"
)

// encoder holds a batch's events in their binary encoding, one buffer for
// all, and each step's bodies as slices of it.
type encoder struct {
	buf    []byte
	ends   []int    // ends[i] is where event i's encoding ends in buf
	bodies [][]byte // every event's encoding, in order
}

var encoders = sync.Pool{New: func() any { return &encoder{buf: make([]byte, 0, 4096)} }}

func getEncoder() *encoder { return encoders.Get().(*encoder) }

func putEncoder(e *encoder) {
	if cap(e.buf) > 1<<20 {
		return // do not keep a huge buffer alive
	}
	clear(e.bodies)
	e.buf, e.ends, e.bodies = e.buf[:0], e.ends[:0], e.bodies[:0]
	encoders.Put(e)
}

func (e *encoder) add(events []history.Event) error {
	for i := range events {
		var err error
		if e.buf, err = events[i].AppendBinary(e.buf); err != nil {
			return err
		}
		e.ends = append(e.ends, len(e.buf))
	}
	return nil
}

// slice cuts the buffer into the events' bodies, once every event is in.
func (e *encoder) slice() {
	start := 0
	for _, end := range e.ends {
		e.bodies = append(e.bodies, e.buf[start:end:end])
		start = end
	}
}

// continuous reports whether events' ids follow last without a gap.
func continuous(last int64, events []history.Event) bool {
	for i := range events {
		if events[i].ID != last+1+int64(i) {
			return false
		}
	}
	return true
}

// ExecutionCommit implements store.Executions: the whole batch is one
// transaction, sent as one pipelined batch of statements (with its BEGIN)
// and a COMMIT, so one WAL flush; it applies whole or not at all. Steps are
// applied in ARN order (a step's order among those of its execution is
// kept), so that batches that share executions lock them in one order and
// never deadlock.
//
// A context canceled before the COMMIT is sent rolls the batch back; one
// canceled while the COMMIT is in flight leaves the outcome unknown, as a
// lost connection does: the caller reads the execution back.
func (s *Store) ExecutionCommit(ctx context.Context, steps []*store.Step) error {
	return s.commit(ctx, "execution commit", steps)
}

// ExecutionCreate implements store.Executions as a commit of one step that
// creates the execution. The events must have consecutive ids (ErrConflict
// otherwise); LastEventID becomes the last one's.
func (s *Store) ExecutionCreate(ctx context.Context, p *store.ExecutionCreateParams) error {
	row := *p.Execution
	if len(p.Events) > 0 {
		row.LastEventID = p.Events[0].ID - 1
	}
	st := &store.Step{Arn: row.Arn, Create: &row, Events: p.Events, Snapshot: row.Snapshot}
	return s.commit(ctx, "execution create", []*store.Step{st})
}

func (s *Store) commit(ctx context.Context, op string, steps []*store.Step) error {
	if len(steps) == 0 {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return wrap(op, "", err)
	}
	steps = lockOrder(steps)
	enc := getEncoder()
	defer putEncoder(enc)
	for _, st := range steps {
		if len(st.Events) > 0 && !continuous(st.Events[0].ID-1, st.Events) {
			return wrap(op, st.Arn, fmt.Errorf("event ids not consecutive: %w", store.ErrConflict))
		}
		if err := enc.add(st.Events); err != nil {
			return wrap(op, st.Arn, err)
		}
	}
	enc.slice()
	lease := s.lease.Load()
	if lease == nil {
		lease = &store.Lease{}
	}
	arn, err := s.send(ctx, newBatch(steps, enc.bodies, lease), steps)
	return wrap(op, arn, err)
}

// lockOrder returns the steps in ARN order, a stable sort.
func lockOrder(steps []*store.Step) []*store.Step {
	byArn := func(a, b *store.Step) int { return strings.Compare(a.Arn, b.Arn) }
	if slices.IsSortedFunc(steps, byArn) {
		return steps
	}
	sorted := slices.Clone(steps)
	slices.SortStableFunc(sorted, byArn)
	return sorted
}

// stepError is a step's statement that changed no row: the execution
// exists already (create), is unknown, or its history has moved on.
type stepError struct {
	step int
	err  error
}

func (e *stepError) Error() string { return e.err.Error() }
func (e *stepError) Unwrap() error { return e.err }

// errNoAdvance: a step changed nothing; the execution is unknown, its
// history has moved on or another lease owns it, which a query in the
// transaction tells apart.
var errNoAdvance = errors.New("no advance")

// newBatch queues the statements of the steps after a BEGIN; bodies are the
// steps' events' encodings, in order. Under a lease (lease.Node set) the
// batch opens with the lease's fence, and ends with the signals its steps
// send to other nodes.
func newBatch(steps []*store.Step, bodies [][]byte, lease *store.Lease) *pgx.Batch {
	b := &pgx.Batch{}
	b.BeginTx(pgx.TxOptions{})
	if lease.Node != "" {
		expect(b.Queue(qLeaseFence, lease.Node, lease.Epoch), -1, 1, store.ErrFenced)
	}
	first := 0
	for i, st := range steps {
		n := len(st.Events)
		queueStep(b, i, st, bodies[first:first+n:first+n], lease)
		first += n
	}
	if lease.Node != "" {
		if sigs := signals(steps); len(sigs) > 0 {
			b.Queue(qNotify, sigs)
		}
	}
	return b
}

// signals returns the notifications a batch sends: an activity's queue
// has a task, an execution ended.
func signals(steps []*store.Step) []string {
	var out []string
	for _, st := range steps {
		for i := range st.TokensAdded {
			if a := st.TokensAdded[i].ActivityArn; a != "" {
				out = append(out, signalText(store.Signal{Kind: store.SignalActivity, Key: a}))
			}
		}
		if st.Ended != nil {
			out = append(out, signalText(store.Signal{Kind: store.SignalEnded, Key: st.Arn}))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func queueStep(b *pgx.Batch, i int, st *store.Step, bodies [][]byte, lease *store.Lease) {
	if x := st.Create; x != nil {
		expect(b.Queue(qExecutionInsert, executionArgs(x, st.Arn, lease)...), i, 1, store.ErrAlreadyExists)
	}
	if n := int64(len(bodies)); n > 0 {
		prev := st.Events[0].ID - 1
		expect(b.Queue(qExecutionAdvance, st.Arn, prev, prev+n, st.Snapshot, bodies, lease.Node, lease.Epoch),
			i, n, errNoAdvance)
	} else {
		expect(b.Queue(qExecutionSnapshot, st.Arn, st.Snapshot, lease.Node, lease.Epoch), i, 1, errNoAdvance)
	}
	if r := st.Redrive; r != nil {
		b.Queue(qExecutionRedrive, st.Arn, r.Count, nanos(r.At), nanos(zeroTime), lease.Node, lease.Epoch)
	}
	for j := range st.MapRuns {
		r := &st.MapRuns[j]
		b.Queue(qMapRunPut, r.Arn, r.ExecutionArn, nanos(r.Started), mapRunBody(r))
	}
	if len(st.InboxDone) > 0 {
		b.Queue(qInboxDone, st.InboxDone)
	}
	if e := st.Ended; e != nil {
		b.Queue(qExecutionEnd, st.Arn, string(e.Status), e.Output, e.HasOutput, e.Error, e.Cause,
			e.HasError, e.HasCause, nanos(e.Stopped))
	}
	for j := range st.TokensAdded {
		t := &st.TokensAdded[j]
		b.Queue(qTokenAdd, t.Token, t.ExecutionArn, int64(t.Op), t.ActivityArn, t.Input, nanos(t.Created))
	}
	if len(st.TokensRemoved) > 0 {
		b.Queue(qTokensRemove, st.TokensRemoved)
	}
}

// expect fails the batch with err, as step i's, unless the statement
// changes rows rows.
func expect(q *pgx.QueuedQuery, i int, rows int64, err error) {
	q.Exec(func(tag pgconn.CommandTag) error {
		if tag.RowsAffected() != rows {
			return &stepError{step: i, err: err}
		}
		return nil
	})
}

// executionArgs returns the values of execInsertCols for x under arn,
// owned by lease.
func executionArgs(x *store.Execution, arn string, lease *store.Lease) []any {
	return []any{arn, x.StateMachineArn, x.VersionArn, x.AliasArn, x.Name, x.Type, string(x.Status),
		x.Input, x.Output, x.HasOutput, x.Error, x.Cause, x.HasError, x.HasCause,
		nanos(x.Started), nanos(x.Stopped), x.TraceHeader, x.ParentArn, x.MapRunArn,
		x.RedriveCount, nanos(x.Redriven), x.Definition, x.LastEventID, x.Snapshot, lease.Node, lease.Epoch}
}

// send sends the batch and commits it, or rolls it back and returns the
// ARN of the step that failed it (when one did) and why.
func (s *Store) send(ctx context.Context, b *pgx.Batch, steps []*store.Step) (string, error) {
	br := s.pool.SendBatch(ctx, b)
	err := br.Close()
	tx := br.Tx()
	if err == nil {
		return "", tx.Commit(ctx)
	}
	arn := ""
	if se := (*stepError)(nil); errors.As(err, &se) && se.step >= 0 {
		st := steps[se.step]
		arn = st.Arn
		if se.err == errNoAdvance {
			err = noAdvance(ctx, tx, st)
		}
	}
	// Closed already when the batch never began; then this does nothing.
	_ = tx.Rollback(context.WithoutCancel(ctx))
	return arn, err
}

// noAdvance tells why a step changed nothing: its execution is unknown,
// its history is not where the step continues it, or another lease owns it.
func noAdvance(ctx context.Context, tx pgx.Tx, st *store.Step) error {
	var last int64
	err := tx.QueryRow(ctx, qExecutionLast, st.Arn).Scan(&last)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return store.ErrNotFound
	case err != nil: // a later statement of the batch failed the transaction
		return fmt.Errorf("events from id %d do not continue the history (%v): %w", firstID(st), err, store.ErrConflict)
	case len(st.Events) == 0 || last == st.Events[0].ID-1:
		return fmt.Errorf("execution owned by another node: %w", store.ErrConflict)
	}
	return fmt.Errorf("events from id %d do not continue the history at event %d: %w",
		st.Events[0].ID, last, store.ErrConflict)
}

// firstID returns the id of a step's first event; 0 when it has none.
func firstID(st *store.Step) int64 {
	if len(st.Events) == 0 {
		return 0
	}
	return st.Events[0].ID
}
