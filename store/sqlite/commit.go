package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"

	"github.com/stepwisehq/stepwise/history"
	"github.com/stepwisehq/stepwise/store"
)

// encoder holds a batch's events in their binary encoding, one buffer for
// all, encoded before the write lock is taken.
type encoder struct {
	buf  []byte
	ends []int // ends[i] is where event i's encoding ends in buf
}

var encoders = sync.Pool{New: func() any { return &encoder{buf: make([]byte, 0, 4096)} }}

func getEncoder() *encoder { return encoders.Get().(*encoder) }

func putEncoder(e *encoder) {
	if cap(e.buf) > 1<<20 {
		return // do not keep a huge buffer alive
	}
	e.buf, e.ends = e.buf[:0], e.ends[:0]
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

// insert writes events, whose encodings start at index first of the
// encoder's.
func (e *encoder) insert(w *writer, id int64, events []history.Event, first int) error {
	start := 0
	if first > 0 {
		start = e.ends[first-1]
	}
	for i := range events {
		end := e.ends[first+i]
		if _, err := w.exec(wEventInsert, id, events[i].ID, e.buf[start:end]); err != nil {
			return err
		}
		start = end
	}
	return nil
}

// ExecutionCommit implements store.Executions: the whole batch is one
// transaction, so one fsync, and it applies whole or not at all.
func (s *Store) ExecutionCommit(ctx context.Context, steps []*store.Step) error {
	if len(steps) == 0 {
		return nil
	}
	enc := getEncoder()
	defer putEncoder(enc)
	for _, st := range steps {
		if len(st.Events) > 0 && !continuous(st.Events[0].ID-1, st.Events) {
			return wrap("execution commit", st.Arn, fmt.Errorf("event ids not consecutive: %w", store.ErrConflict))
		}
		if err := enc.add(st.Events); err != nil {
			return wrap("execution commit", st.Arn, err)
		}
	}
	b := &batch{s: s, enc: enc}
	var failed string
	err := s.write(ctx, true, func(w *writer) error {
		first := 0
		for _, st := range steps {
			if err := b.apply(w, st, first); err != nil {
				failed = st.Arn
				return err
			}
			first += len(st.Events)
		}
		return nil
	})
	if err != nil {
		return wrap("execution commit", failed, err)
	}
	for _, c := range b.created {
		s.ids.put(c.arn, c.id)
	}
	return nil
}

// batch is an ExecutionCommit in progress.
type batch struct {
	s   *Store
	enc *encoder
	// created are the executions the batch starts; their ids are cached
	// once the transaction has committed, not before.
	created []createdID
}

type createdID struct {
	arn string
	id  int64
}

// apply applies one step inside ExecutionCommit's transaction.
func (b *batch) apply(w *writer, st *store.Step, first int) error {
	id, err := b.id(w, st)
	if err != nil {
		return err
	}
	if n := int64(len(st.Events)); n > 0 {
		prev := st.Events[0].ID - 1
		err := w.execOne(wExecutionAdvance, prev+n, st.Snapshot, id, prev)
		if errors.Is(err, errNoRow) {
			return fmt.Errorf("events do not continue the history at event %d: %w", prev, store.ErrConflict)
		}
		if err != nil {
			return err
		}
		if err := b.enc.insert(w, id, st.Events, first); err != nil {
			return err
		}
	} else if _, err := w.exec(wExecutionSnapshot, st.Snapshot, id); err != nil {
		return err
	}
	if err := applyStatus(w, id, st); err != nil {
		return err
	}
	if err := applyMapRuns(w, st.MapRuns); err != nil {
		return err
	}
	return applyTokens(w, st)
}

// id returns the surrogate key of a step's execution, inserting the
// execution first when the step starts it.
func (b *batch) id(w *writer, st *store.Step) (int64, error) {
	if st.Create != nil {
		var id int64
		err := w.queryRow(wExecutionInsert, executionArgs(st.Create, st.Arn, st.Create.LastEventID)...).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return 0, store.ErrAlreadyExists
		}
		if err != nil {
			return 0, err
		}
		b.created = append(b.created, createdID{st.Arn, id})
		return id, nil
	}
	for _, c := range b.created {
		if c.arn == st.Arn {
			return c.id, nil
		}
	}
	return b.s.writeID(w, st.Arn)
}

// writeID returns an execution's surrogate key, read on the writer.
func (s *Store) writeID(w *writer, arn string) (int64, error) {
	if id, ok := s.ids.get(arn); ok {
		return id, nil
	}
	var id int64
	if err := w.queryRow(wExecutionID, arn).Scan(&id); err != nil {
		return 0, notFound(err)
	}
	s.ids.put(arn, id)
	return id, nil
}

func applyStatus(w *writer, id int64, st *store.Step) error {
	if r := st.Redrive; r != nil {
		if _, err := w.exec(wExecutionRedrive, r.Count, nanos(r.At), nanos(zeroTime), id); err != nil {
			return err
		}
	}
	if e := st.Ended; e != nil {
		_, err := w.exec(wExecutionEnd, string(e.Status), e.Output, e.HasOutput, e.Error, e.Cause,
			e.HasError, e.HasCause, nanos(e.Stopped), id)
		return err
	}
	return nil
}

func applyTokens(w *writer, st *store.Step) error {
	for i := range st.TokensAdded {
		t := &st.TokensAdded[i]
		_, err := w.exec(wTokenInsert, t.Token, t.ExecutionArn, int64(t.Op), t.ActivityArn, t.Input, nanos(t.Created))
		if err != nil {
			return err
		}
	}
	for _, tok := range st.TokensRemoved {
		if _, err := w.exec(wTokenDelete, tok); err != nil {
			return err
		}
	}
	return nil
}
