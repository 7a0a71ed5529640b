package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
)

// wq names a statement of the writer, rq one of the read pool.
type (
	wq int
	rq int
)

// The writer's statements.
const (
	wBegin wq = iota
	wCommit
	wRollback
	wMachineInsert
	wMachineUpdate
	wMachineDeleteTags
	wMachineDeleteChildren
	wMachineDelete
	wMachineNextVersion
	wExecutionInsert
	wExecutionID
	wEventInsert
	wExecutionAdvance
	wExecutionSnapshot
	wExecutionEnd
	wExecutionRedrive
	wTokenInsert
	wTokenDelete
	wActivityInsert
	wActivityDelete
	wActivityClaim
	wTagSet
	wTagDelete
	wTagsDelete
	wMapRunUpsert
	numW
)

const execInsertCols = `arn, state_machine_arn, version_arn, alias_arn, name, type, status, input,
	output, has_output, error, cause, has_error, has_cause, started, stopped, trace_header, parent_arn,
	map_run_arn, redrive_count, redriven, definition, last_event_id, snapshot`

const machineCols = `arn, kind, parent, version, name, type, definition, role_arn, created, updated,
	revision_id, description, logging_config, tracing_config, encryption_config, routing`

const tokenCols = `token, execution_arn, op, activity_arn, input, created`

var writeSQL = [numW]string{
	wMapRunUpsert: `INSERT INTO map_runs (arn, execution_arn, started, body) VALUES (?, ?, ?, ?)
		ON CONFLICT (arn) DO UPDATE SET body = excluded.body`,
	wBegin:    `BEGIN IMMEDIATE`,
	wCommit:   `COMMIT`,
	wRollback: `ROLLBACK`,
	wMachineInsert: `INSERT INTO state_machines (` + machineCols + `)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (arn) DO NOTHING`,
	wMachineUpdate: `UPDATE state_machines SET kind = ?2, parent = ?3, version = ?4, name = ?5, type = ?6,
		definition = ?7, role_arn = ?8, created = ?9, updated = ?10, revision_id = ?11, description = ?12,
		logging_config = ?13, tracing_config = ?14, encryption_config = ?15, routing = ?16 WHERE arn = ?1`,
	wMachineDeleteTags: `DELETE FROM tags WHERE arn IN
		(SELECT arn FROM state_machines WHERE arn = ?1 OR (parent = ?1 AND kind <> 0))`,
	wMachineDeleteChildren: `DELETE FROM state_machines WHERE parent = ? AND kind <> 0`,
	wMachineDelete:         `DELETE FROM state_machines WHERE arn = ? RETURNING kind`,
	wMachineNextVersion: `UPDATE state_machines SET last_version = last_version + 1
		WHERE arn = ? AND kind = 0 RETURNING last_version`,
	wExecutionInsert: `INSERT INTO executions (` + execInsertCols + `)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (arn) DO NOTHING RETURNING id`,
	wExecutionID:       `SELECT id FROM executions WHERE arn = ?`,
	wEventInsert:       `INSERT INTO events (execution_id, event_id, body) VALUES (?, ?, ?)`,
	wExecutionAdvance:  `UPDATE executions SET last_event_id = ?, snapshot = ? WHERE id = ? AND last_event_id = ?`,
	wExecutionSnapshot: `UPDATE executions SET snapshot = ? WHERE id = ?`,
	wExecutionEnd: `UPDATE executions SET status = ?, output = ?, has_output = ?, error = ?, cause = ?,
		has_error = ?, has_cause = ?, stopped = ? WHERE id = ?`,
	wExecutionRedrive: `UPDATE executions SET redrive_count = ?, redriven = ?, status = 'RUNNING',
		stopped = ?, output = '', has_output = 0, error = '', cause = '', has_error = 0, has_cause = 0
		WHERE id = ?`,
	wTokenInsert:    `INSERT OR REPLACE INTO task_tokens (` + tokenCols + `) VALUES (?, ?, ?, ?, ?, ?)`,
	wTokenDelete:    `DELETE FROM task_tokens WHERE token = ?`,
	wActivityInsert: `INSERT INTO activities (arn, name, created) VALUES (?, ?, ?) ON CONFLICT (arn) DO NOTHING`,
	wActivityDelete: `DELETE FROM activities WHERE arn = ?`,
	wActivityClaim: `UPDATE task_tokens SET claimed = 1, worker = ?, claimed_at = ?
		WHERE seq = (SELECT seq FROM task_tokens WHERE activity_arn = ?3 AND activity_arn <> '' AND claimed = 0
			ORDER BY created, seq LIMIT 1)
		RETURNING ` + tokenCols,
	wTagSet:     `INSERT INTO tags (arn, key, value) VALUES (?, ?, ?) ON CONFLICT (arn, key) DO UPDATE SET value = excluded.value`,
	wTagDelete:  `DELETE FROM tags WHERE arn = ? AND key = ?`,
	wTagsDelete: `DELETE FROM tags WHERE arn = ?`,
}

// The read pool's statements.
const (
	rMachineGet rq = iota
	rMachineList
	rVersionList
	rAliasList
	rExecutionGet
	rExecutionID
	rExecutionRunning
	rHistory
	rHistoryReverse
	rTokenGet
	rActivityGet
	rActivityList
	rTagsGet
	rMapRunGet
	rMapRunList
	numR
)

const execCols = `arn, state_machine_arn, version_arn, alias_arn, name, type, status, input,
	output, has_output, error, cause, has_error, has_cause, started, stopped, trace_header, parent_arn,
	map_run_arn, redrive_count, redriven, definition, last_event_id`

var readSQL = [numR]string{
	rMachineGet: `SELECT ` + machineCols + ` FROM state_machines WHERE arn = ?`,
	rMachineList: `SELECT ` + machineCols + ` FROM state_machines WHERE kind = 0 AND arn > ?
		ORDER BY arn LIMIT ?`,
	rVersionList: `SELECT ` + machineCols + ` FROM state_machines WHERE parent = ? AND kind = 1 AND version < ?
		ORDER BY version DESC LIMIT ?`,
	rAliasList: `SELECT ` + machineCols + ` FROM state_machines WHERE parent = ? AND kind = 2 AND arn > ?
		ORDER BY arn LIMIT ?`,
	rExecutionGet:     `SELECT ` + execCols + `, snapshot FROM executions WHERE arn = ?`,
	rExecutionID:      `SELECT id FROM executions WHERE arn = ?`,
	rExecutionRunning: `SELECT ` + execCols + `, snapshot FROM executions WHERE status = 'RUNNING' ORDER BY arn`,
	rHistory: `SELECT body FROM events WHERE execution_id = ? AND event_id > ?
		ORDER BY event_id LIMIT ?`,
	rHistoryReverse: `SELECT body FROM events WHERE execution_id = ? AND event_id < ?
		ORDER BY event_id DESC LIMIT ?`,
	rTokenGet:     `SELECT ` + tokenCols + ` FROM task_tokens WHERE token = ?`,
	rActivityGet:  `SELECT arn, name, created FROM activities WHERE arn = ?`,
	rActivityList: `SELECT arn, name, created FROM activities WHERE arn > ? ORDER BY arn LIMIT ?`,
	rTagsGet:      `SELECT key, value FROM tags WHERE arn = ?`,
	rMapRunGet:    `SELECT body FROM map_runs WHERE arn = ?`,
	rMapRunList:   `SELECT body FROM map_runs WHERE execution_arn = ? ORDER BY started, arn`,
}

// writer is the one write connection and its prepared statements; mu
// serialises its use.
type writer struct {
	mu    sync.Mutex
	conn  *sql.Conn
	stmts [numW]*sql.Stmt
}

func (w *writer) open(ctx context.Context, db *sql.DB) error {
	var err error
	if w.conn, err = db.Conn(ctx); err != nil {
		return err
	}
	if err = migrate(ctx, w.conn); err != nil {
		return err
	}
	for i, q := range writeSQL {
		if w.stmts[i], err = w.conn.PrepareContext(ctx, q); err != nil {
			return fmt.Errorf("prepare %q: %w", q, err)
		}
	}
	return nil
}

func (w *writer) close() error {
	var err error
	for _, st := range w.stmts {
		if st != nil {
			err = errors.Join(err, st.Close())
		}
	}
	if w.conn != nil {
		err = errors.Join(err, w.conn.Close())
	}
	return err
}

// bg is the context of statements on the writer: a transaction, once
// begun, runs to its end (a context that can be cancelled would also cost
// a goroutine per statement in the driver).
var bg = context.Background()

func (w *writer) exec(q wq, args ...any) (sql.Result, error) {
	return w.stmts[q].ExecContext(bg, args...)
}

// execOne runs a statement that must change one row; ErrNotFound when it
// changes none.
func (w *writer) execOne(q wq, args ...any) error {
	res, err := w.exec(q, args...)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return errors.Join(err, errNoRow)
	}
	return nil
}

var errNoRow = errors.New("no row changed")

func (w *writer) queryRow(q wq, args ...any) *sql.Row {
	return w.stmts[q].QueryRowContext(bg, args...)
}

// write runs fn on the writer, alone; in a transaction when tx is set.
func (s *Store) write(ctx context.Context, tx bool, fn func(w *writer) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	w := &s.w
	w.mu.Lock()
	defer w.mu.Unlock()
	if !tx {
		return fn(w)
	}
	if _, err := w.exec(wBegin); err != nil {
		return err
	}
	if err := fn(w); err != nil {
		// An error inside the driver may already have ended the
		// transaction; a failing ROLLBACK then changes nothing.
		_, _ = w.exec(wRollback)
		return err
	}
	if _, err := w.exec(wCommit); err != nil {
		_, _ = w.exec(wRollback)
		return err
	}
	return nil
}

// readStmts are the read pool's prepared statements.
type readStmts struct {
	stmts [numR]*sql.Stmt
}

func (r *readStmts) prepare(ctx context.Context, db *sql.DB) error {
	var err error
	for i, q := range readSQL {
		if r.stmts[i], err = db.PrepareContext(ctx, q); err != nil {
			return fmt.Errorf("prepare %q: %w", q, err)
		}
	}
	return nil
}

func (r *readStmts) close() error {
	var err error
	for _, st := range r.stmts {
		if st != nil {
			err = errors.Join(err, st.Close())
		}
	}
	return err
}

func (s *Store) queryRow(q rq, args ...any) *sql.Row {
	return s.r.stmts[q].QueryRowContext(bg, args...)
}

func (s *Store) query(ctx context.Context, q rq, args ...any) (*sql.Rows, error) {
	return s.r.stmts[q].QueryContext(ctx, args...)
}
