package bench

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"

	_ "modernc.org/sqlite" // the "sqlite" database/sql driver, as the store uses it
)

// runFsyncBaseline measures SQLite's commit rate when every commit is one
// fsync: single-row INSERT transactions, one after the other, on a file in
// WAL mode with synchronous=FULL, on the disk the servers' data goes to.
func runFsyncBaseline(ctx context.Context, r *runner) (*Result, error) {
	dir, err := r.tempDir()
	if err != nil {
		return nil, err
	}
	db, err := openFsyncDB(ctx, filepath.Join(dir, "fsync.db"))
	if err != nil {
		return nil, fmt.Errorf("fsync baseline: %w", err)
	}
	defer db.Close()
	ins, err := db.PrepareContext(ctx, `INSERT INTO t (v) VALUES (?)`)
	if err != nil {
		return nil, fmt.Errorf("fsync baseline: %w", err)
	}
	defer ins.Close()
	row := make([]byte, 200)
	op := func(ctx context.Context, _, _ int) error { return insertOne(ctx, db, ins, row) }
	res := &Result{Unit: "commit"}
	m := startMeter(true)
	s, elapsed := drive(ctx, 1, r.budget(), op)
	res.AllocsPerOp, res.BytesPerOp = m.stop(len(s.lat) + s.errs)
	return res, fill(res, s, elapsed)
}

// openFsyncDB opens a new SQLite file with one connection, WAL and
// synchronous=FULL, and checks that SQLite took the settings.
func openFsyncDB(ctx context.Context, path string) (*sql.DB, error) {
	db, err := sql.Open("sqlite", path+"?_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	if err := checkPragmas(ctx, db); err != nil {
		_ = db.Close()
		return nil, err
	}
	if _, err := db.ExecContext(ctx, `CREATE TABLE t (id INTEGER PRIMARY KEY, v BLOB NOT NULL)`); err != nil {
		_ = db.Close()
		return nil, err
	}
	return db, nil
}

// checkPragmas checks journal_mode=wal and synchronous=2 (FULL).
func checkPragmas(ctx context.Context, db *sql.DB) error {
	var mode string
	var sync int
	if err := db.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil {
		return err
	}
	if err := db.QueryRowContext(ctx, `PRAGMA synchronous`).Scan(&sync); err != nil {
		return err
	}
	if !strings.EqualFold(mode, "wal") || sync != 2 {
		return fmt.Errorf("journal_mode %s, synchronous %d: want wal and 2 (FULL)", mode, sync)
	}
	return nil
}

// insertOne commits one single-row transaction.
func insertOne(ctx context.Context, db *sql.DB, ins *sql.Stmt, row []byte) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if _, err := tx.StmtContext(ctx, ins).ExecContext(ctx, row); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}
