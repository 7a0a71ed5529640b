package postgres

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/stepwisehq/stepwise/history"
	"github.com/stepwisehq/stepwise/store"
)

// scanExecution reads the columns of execCols, and the snapshot after them
// when withSnapshot is set.
func scanExecution(row pgx.Row, withSnapshot bool) (*store.Execution, error) {
	var x store.Execution
	var status string
	var started, stopped, redriven int64
	dest := []any{&x.Arn, &x.StateMachineArn, &x.VersionArn, &x.AliasArn, &x.Name, &x.Type, &status,
		&x.Input, &x.Output, &x.HasOutput, &x.Error, &x.Cause, &x.HasError, &x.HasCause,
		&started, &stopped, &x.TraceHeader, &x.ParentArn, &x.MapRunArn,
		&x.RedriveCount, &redriven, &x.Definition, &x.LastEventID, &x.Snapshot}
	if !withSnapshot {
		dest = dest[:len(dest)-1]
	}
	if err := row.Scan(dest...); err != nil {
		return nil, err
	}
	x.Status = store.Status(status)
	x.Started, x.Stopped, x.Redriven = fromNanos(started), fromNanos(stopped), fromNanos(redriven)
	if len(x.Snapshot) == 0 {
		x.Snapshot = nil
	}
	return &x, nil
}

// ExecutionGet implements store.Executions.
func (s *Store) ExecutionGet(ctx context.Context, arn string) (*store.Execution, error) {
	if err := ctx.Err(); err != nil {
		return nil, wrap("execution get", arn, err)
	}
	x, err := scanExecution(s.pool.QueryRow(ctx, qExecutionGet, arn), true)
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
	rows, err := s.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("execution list: %w", err)
	}
	out, err := scanExecutions(rows, false)
	if err != nil {
		return nil, fmt.Errorf("execution list: %w", err)
	}
	return out, nil
}

// listQuery builds ExecutionList's query; only fixed text goes into it.
func listQuery(p *store.ExecutionListParams) (string, []any) {
	var b strings.Builder
	var args []any
	b.WriteString(`SELECT ` + execCols + ` FROM stepwise_executions WHERE true`)
	cond := func(sql string, arg any) {
		args = append(args, arg)
		b.WriteString(strings.Replace(sql, "$?", "$"+strconv.Itoa(len(args)), 1))
	}
	if p.StateMachineArn != "" {
		cond(` AND state_machine_arn = $?`, p.StateMachineArn)
	}
	if p.MapRunArn != "" {
		cond(` AND map_run_arn = $? AND map_run_arn <> ''`, p.MapRunArn)
	}
	for _, f := range []struct{ col, v string }{
		{"version_arn", p.VersionArn}, {"alias_arn", p.AliasArn}, {"status", string(p.Status)},
	} {
		if f.v != "" {
			cond(` AND `+f.col+` = $?`, f.v)
		}
	}
	switch p.RedriveFilter {
	case "REDRIVEN":
		b.WriteString(` AND redrive_count > 0`)
	case "NOT_REDRIVEN":
		b.WriteString(` AND redrive_count = 0`)
	}
	if p.After != "" {
		cond(` AND (started, arn) < (SELECT started, arn FROM stepwise_executions WHERE arn = $?)`, p.After)
	}
	cond(` ORDER BY started DESC, arn DESC LIMIT $?`, limitArg(p.Limit))
	return b.String(), args
}

func scanExecutions(rows pgx.Rows, withSnapshot bool) ([]*store.Execution, error) {
	defer rows.Close()
	var out []*store.Execution
	for rows.Next() {
		x, err := scanExecution(rows, withSnapshot)
		if err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// ExecutionListRunning implements store.Executions, ordered by ARN.
func (s *Store) ExecutionListRunning(ctx context.Context) ([]*store.Execution, error) {
	rows, err := s.pool.Query(ctx, qExecutionRunning)
	if err != nil {
		return nil, fmt.Errorf("execution list running: %w", err)
	}
	out, err := scanExecutions(rows, true)
	if err != nil {
		return nil, fmt.Errorf("execution list running: %w", err)
	}
	return out, nil
}

// HistoryGet implements store.Executions. An empty page asks whether the
// execution exists (ErrNotFound otherwise).
func (s *Store) HistoryGet(ctx context.Context, p *store.HistoryParams) ([]history.Event, error) {
	if err := ctx.Err(); err != nil {
		return nil, wrap("history get", p.Arn, err)
	}
	var rows pgx.Rows
	var err error
	if p.Reverse {
		before := p.After
		if before <= 0 {
			before = math.MaxInt64
		}
		rows, err = s.pool.Query(ctx, qHistoryReverse, p.Arn, before, limitArg(p.Limit))
	} else {
		rows, err = s.pool.Query(ctx, qHistory, p.Arn, p.After, limitArg(p.Limit))
	}
	if err != nil {
		return nil, wrap("history get", p.Arn, err)
	}
	evs, err := scanEvents(rows, p.Limit)
	if err == nil && len(evs) == 0 {
		err = s.mustExist(ctx, p.Arn)
	}
	if err != nil {
		return nil, wrap("history get", p.Arn, err)
	}
	return evs, nil
}

// mustExist returns ErrNotFound when there is no execution arn.
func (s *Store) mustExist(ctx context.Context, arn string) error {
	var ok bool
	if err := s.pool.QueryRow(ctx, qExecutionExists, arn).Scan(&ok); err != nil {
		return err
	}
	if !ok {
		return store.ErrNotFound
	}
	return nil
}

// scanEvents decodes event bodies straight from the connection's buffer
// (bytea comes in the binary format: the bytes themselves).
func scanEvents(rows pgx.Rows, limit int) ([]history.Event, error) {
	defer rows.Close()
	var evs []history.Event
	if limit > 0 && limit <= 1000 {
		evs = make([]history.Event, 0, limit)
	}
	var body []byte
	for rows.Next() {
		if rows.FieldDescriptions()[0].Format == pgx.BinaryFormatCode {
			body = rows.RawValues()[0]
		} else if err := rows.Scan(&body); err != nil {
			return nil, err
		}
		evs = append(evs, history.Event{})
		if err := evs[len(evs)-1].UnmarshalBinary(body); err != nil {
			return nil, err
		}
	}
	return evs, rows.Err()
}
