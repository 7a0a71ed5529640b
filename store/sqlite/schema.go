package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// migrations are the schema's versions: migrations[i] takes a database
// from version i to i+1. Append; never edit one that has shipped.
var migrations = [][]string{{
	`CREATE TABLE state_machines (
		arn               TEXT PRIMARY KEY,
		kind              INTEGER NOT NULL,
		parent            TEXT NOT NULL,
		version           INTEGER NOT NULL,
		last_version      INTEGER NOT NULL DEFAULT 0,
		name              TEXT NOT NULL,
		type              TEXT NOT NULL,
		definition        TEXT NOT NULL,
		role_arn          TEXT NOT NULL,
		created           INTEGER NOT NULL,
		updated           INTEGER NOT NULL,
		revision_id       TEXT NOT NULL,
		description       TEXT NOT NULL,
		logging_config    TEXT NOT NULL,
		tracing_config    TEXT NOT NULL,
		encryption_config TEXT NOT NULL,
		routing           TEXT NOT NULL
	) WITHOUT ROWID`,
	`CREATE INDEX state_machines_children ON state_machines (parent, kind, version)`,
	`CREATE TABLE executions (
		id                INTEGER PRIMARY KEY,
		arn               TEXT NOT NULL UNIQUE,
		state_machine_arn TEXT NOT NULL,
		version_arn       TEXT NOT NULL,
		alias_arn         TEXT NOT NULL,
		name              TEXT NOT NULL,
		type              TEXT NOT NULL,
		status            TEXT NOT NULL,
		input             TEXT NOT NULL,
		output            TEXT NOT NULL,
		has_output        INTEGER NOT NULL,
		error             TEXT NOT NULL,
		cause             TEXT NOT NULL,
		has_error         INTEGER NOT NULL,
		has_cause         INTEGER NOT NULL,
		started           INTEGER NOT NULL,
		stopped           INTEGER NOT NULL,
		trace_header      TEXT NOT NULL,
		parent_arn        TEXT NOT NULL,
		map_run_arn       TEXT NOT NULL,
		redrive_count     INTEGER NOT NULL,
		redriven          INTEGER NOT NULL,
		definition        TEXT NOT NULL,
		snapshot          BLOB,
		last_event_id     INTEGER NOT NULL
	)`,
	`CREATE INDEX executions_by_machine ON executions (state_machine_arn, started, arn)`,
	`CREATE INDEX executions_by_map_run ON executions (map_run_arn, started, arn) WHERE map_run_arn <> ''`,
	`CREATE INDEX executions_running ON executions (arn) WHERE status = 'RUNNING'`,
	`CREATE TABLE events (
		execution_id INTEGER NOT NULL,
		event_id     INTEGER NOT NULL,
		body         BLOB NOT NULL,
		PRIMARY KEY (execution_id, event_id)
	) WITHOUT ROWID`,
	`CREATE TABLE task_tokens (
		seq           INTEGER PRIMARY KEY,
		token         TEXT NOT NULL UNIQUE,
		execution_arn TEXT NOT NULL,
		op            INTEGER NOT NULL,
		activity_arn  TEXT NOT NULL,
		input         TEXT NOT NULL,
		created       INTEGER NOT NULL,
		claimed       INTEGER NOT NULL DEFAULT 0,
		worker        TEXT NOT NULL DEFAULT '',
		claimed_at    INTEGER NOT NULL DEFAULT 0
	)`,
	`CREATE INDEX task_tokens_queue ON task_tokens (activity_arn, created, seq)
		WHERE activity_arn <> '' AND claimed = 0`,
	`CREATE TABLE activities (
		arn     TEXT PRIMARY KEY,
		name    TEXT NOT NULL,
		created INTEGER NOT NULL
	) WITHOUT ROWID`,
	`CREATE TABLE tags (
		arn   TEXT NOT NULL,
		key   TEXT NOT NULL,
		value TEXT NOT NULL,
		PRIMARY KEY (arn, key)
	) WITHOUT ROWID`,
}, {
	`CREATE TABLE map_runs (
		arn           TEXT PRIMARY KEY,
		execution_arn TEXT NOT NULL,
		started       INTEGER NOT NULL,
		body          BLOB NOT NULL
	)`,
	`CREATE INDEX map_runs_by_execution ON map_runs (execution_arn, started)`,
}}

// ErrSchemaTooNew is returned by Open for a database that a newer version
// of Stepwise has migrated.
var ErrSchemaTooNew = errors.New("sqlite: database schema is newer than this program")

// migrate brings the schema to the latest version in one transaction.
func migrate(ctx context.Context, conn *sql.Conn) (err error) {
	if _, err = conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer func() {
		if err != nil {
			_, _ = conn.ExecContext(context.Background(), "ROLLBACK")
			return
		}
		if _, err = conn.ExecContext(context.Background(), "COMMIT"); err != nil {
			err = fmt.Errorf("migrate: %w", err)
		}
	}()
	v, err := schemaVersion(ctx, conn)
	if err != nil {
		return err
	}
	if v > len(migrations) {
		return fmt.Errorf("version %d, newest known %d: %w", v, len(migrations), ErrSchemaTooNew)
	}
	for ; v < len(migrations); v++ {
		for _, stmt := range migrations[v] {
			if _, err = conn.ExecContext(ctx, stmt); err != nil {
				return fmt.Errorf("migrate to version %d: %w", v+1, err)
			}
		}
	}
	if _, err = conn.ExecContext(ctx, "UPDATE schema_version SET version = ?", v); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}

// schemaVersion returns the version recorded in the schema_version table,
// creating the table (version 0) in a new database.
func schemaVersion(ctx context.Context, conn *sql.Conn) (int, error) {
	_, err := conn.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)`)
	if err != nil {
		return 0, fmt.Errorf("migrate: %w", err)
	}
	var v int
	err = conn.QueryRowContext(ctx, `SELECT version FROM schema_version`).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		_, err = conn.ExecContext(ctx, `INSERT INTO schema_version (version) VALUES (0)`)
	}
	if err != nil {
		return 0, fmt.Errorf("migrate: %w", err)
	}
	return v, nil
}
