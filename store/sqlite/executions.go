package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/stepwisehq/stepwise/history"
	"github.com/stepwisehq/stepwise/store"
)

// executionArgs returns the values of execInsertCols for x under arn.
func executionArgs(x *store.Execution, arn string, last int64) []any {
	return []any{arn, x.StateMachineArn, x.VersionArn, x.AliasArn, x.Name, x.Type, string(x.Status),
		x.Input, x.Output, x.HasOutput, x.Error, x.Cause, x.HasError, x.HasCause,
		nanos(x.Started), nanos(x.Stopped), x.TraceHeader, x.ParentArn, x.MapRunArn,
		x.RedriveCount, nanos(x.Redriven), x.Definition, last, x.Snapshot}
}

// scanExecution reads the columns of execCols, and the snapshot after them
// when withSnapshot is set.
func scanExecution(sc scanner, withSnapshot bool) (*store.Execution, error) {
	var x store.Execution
	var started, stopped, redriven int64
	dest := []any{&x.Arn, &x.StateMachineArn, &x.VersionArn, &x.AliasArn, &x.Name, &x.Type, &x.Status,
		&x.Input, &x.Output, &x.HasOutput, &x.Error, &x.Cause, &x.HasError, &x.HasCause,
		&started, &stopped, &x.TraceHeader, &x.ParentArn, &x.MapRunArn,
		&x.RedriveCount, &redriven, &x.Definition, &x.LastEventID, &x.Snapshot}
	if !withSnapshot {
		dest = dest[:len(dest)-1]
	}
	if err := sc.Scan(dest...); err != nil {
		return nil, err
	}
	x.Started, x.Stopped, x.Redriven = fromNanos(started), fromNanos(stopped), fromNanos(redriven)
	if len(x.Snapshot) == 0 {
		x.Snapshot = nil
	}
	return &x, nil
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

// ExecutionCreate implements store.Executions. The events must have
// consecutive ids (ErrConflict otherwise); LastEventID becomes the last
// one's.
func (s *Store) ExecutionCreate(ctx context.Context, p *store.ExecutionCreateParams) error {
	x := p.Execution
	if len(p.Events) > 0 && !continuous(p.Events[0].ID-1, p.Events) {
		return wrap("execution create", x.Arn, fmt.Errorf("event ids not consecutive: %w", store.ErrConflict))
	}
	enc := getEncoder()
	defer putEncoder(enc)
	if err := enc.add(p.Events); err != nil {
		return wrap("execution create", x.Arn, err)
	}
	last := x.LastEventID
	if n := len(p.Events); n > 0 {
		last = p.Events[n-1].ID
	}
	var id int64
	err := s.write(ctx, true, func(w *writer) error {
		err := w.queryRow(wExecutionInsert, executionArgs(x, x.Arn, last)...).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return store.ErrAlreadyExists
		}
		if err != nil {
			return err
		}
		return enc.insert(w, id, p.Events, 0)
	})
	if err != nil {
		return wrap("execution create", x.Arn, err)
	}
	s.ids.put(x.Arn, id)
	return nil
}

// ExecutionGet implements store.Executions.
func (s *Store) ExecutionGet(ctx context.Context, arn string) (*store.Execution, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	x, err := scanExecution(s.queryRow(rExecutionGet, arn), true)
	return x, wrap("execution get", arn, notFound(err))
}

// ExecutionList implements store.Executions: newest first, then by ARN
// descending. Listed executions leave out their snapshot. A page after an
// execution that does not exist is empty.
func (s *Store) ExecutionList(ctx context.Context, p *store.ExecutionListParams) ([]*store.Execution, error) {
	if p.StateMachineArn == "" && p.MapRunArn == "" {
		return nil, fmt.Errorf("execution list: a state machine or map run ARN is required")
	}
	q, args := listQuery(p)
	rows, err := s.rdb.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("execution list: %w", err)
	}
	return scanExecutions(rows, false)
}

// listQuery builds ExecutionList's query; only fixed text goes into it.
func listQuery(p *store.ExecutionListParams) (string, []any) {
	var b strings.Builder
	var args []any
	b.WriteString(`SELECT ` + execCols + ` FROM executions WHERE 1 = 1`)
	cond := func(sql string, arg any) {
		b.WriteString(sql)
		args = append(args, arg)
	}
	if p.StateMachineArn != "" {
		cond(` AND state_machine_arn = ?`, p.StateMachineArn)
	}
	if p.MapRunArn != "" {
		cond(` AND map_run_arn = ? AND map_run_arn <> ''`, p.MapRunArn)
	}
	for _, f := range []struct{ col, v string }{
		{"version_arn", p.VersionArn}, {"alias_arn", p.AliasArn}, {"status", string(p.Status)},
	} {
		if f.v != "" {
			cond(` AND `+f.col+` = ?`, f.v)
		}
	}
	switch p.RedriveFilter {
	case "REDRIVEN":
		b.WriteString(` AND redrive_count > 0`)
	case "NOT_REDRIVEN":
		b.WriteString(` AND redrive_count = 0`)
	}
	if p.After != "" {
		cond(` AND (started, arn) < (SELECT started, arn FROM executions WHERE arn = ?)`, p.After)
	}
	cond(` ORDER BY started DESC, arn DESC LIMIT ?`, limitArg(p.Limit))
	return b.String(), args
}

func scanExecutions(rows *sql.Rows, withSnapshot bool) ([]*store.Execution, error) {
	defer func() { _ = rows.Close() }()
	var out []*store.Execution
	for rows.Next() {
		x, err := scanExecution(rows, withSnapshot)
		if err != nil {
			return nil, fmt.Errorf("execution list: %w", err)
		}
		out = append(out, x)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("execution list: %w", err)
	}
	return out, nil
}

// ExecutionListRunning implements store.Executions, ordered by ARN.
func (s *Store) ExecutionListRunning(ctx context.Context) ([]*store.Execution, error) {
	rows, err := s.query(ctx, rExecutionRunning)
	if err != nil {
		return nil, fmt.Errorf("execution list running: %w", err)
	}
	return scanExecutions(rows, true)
}

// readID returns an execution's surrogate key.
func (s *Store) readID(arn string) (int64, error) {
	if id, ok := s.ids.get(arn); ok {
		return id, nil
	}
	var id int64
	if err := s.queryRow(rExecutionID, arn).Scan(&id); err != nil {
		return 0, notFound(err)
	}
	s.ids.put(arn, id)
	return id, nil
}

// HistoryGet implements store.Executions.
func (s *Store) HistoryGet(ctx context.Context, p *store.HistoryParams) ([]history.Event, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	id, err := s.readID(p.Arn)
	if err != nil {
		return nil, wrap("history get", p.Arn, err)
	}
	var rows *sql.Rows
	if p.Reverse {
		before := p.After
		if before <= 0 {
			before = math.MaxInt64
		}
		rows, err = s.query(ctx, rHistoryReverse, id, before, limitArg(p.Limit))
	} else {
		rows, err = s.query(ctx, rHistory, id, p.After, limitArg(p.Limit))
	}
	if err != nil {
		return nil, wrap("history get", p.Arn, err)
	}
	evs, err := scanEvents(rows, p.Limit)
	return evs, wrap("history get", p.Arn, err)
}

func scanEvents(rows *sql.Rows, limit int) ([]history.Event, error) {
	defer func() { _ = rows.Close() }()
	var evs []history.Event
	if limit > 0 && limit <= 1000 {
		evs = make([]history.Event, 0, limit)
	}
	var body sql.RawBytes
	for rows.Next() {
		if err := rows.Scan(&body); err != nil {
			return nil, err
		}
		evs = append(evs, history.Event{})
		if err := evs[len(evs)-1].UnmarshalBinary(body); err != nil {
			return nil, err
		}
	}
	return evs, rows.Err()
}
