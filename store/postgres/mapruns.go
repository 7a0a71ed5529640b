package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/stepwisehq/stepwise/store"
)

var _ store.MapRunStore = (*Store)(nil)

// Map Runs are kept as JSON bodies: they are few, and read whole.

const (
	qMapRunGet = `SELECT body FROM stepwise_map_runs WHERE arn = $1`
	// qMapRunList pages by (started, arn) after the Map Run $2 ('': from
	// the first).
	qMapRunList = `SELECT body FROM stepwise_map_runs
		WHERE execution_arn = $1 AND ($2 = '' OR (started, arn) > (
			SELECT started, arn FROM stepwise_map_runs WHERE arn = $2))
		ORDER BY started, arn LIMIT $3`
)

// mapRunBody encodes a Map Run; a store.MapRun always encodes.
func mapRunBody(r *store.MapRun) []byte {
	body, _ := json.Marshal(r)
	return body
}

// MapRunGet implements store.MapRunStore.
func (s *Store) MapRunGet(ctx context.Context, arn string) (*store.MapRun, error) {
	var body []byte
	err := s.pool.QueryRow(ctx, qMapRunGet, arn).Scan(&body)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("map run get %s: %w", arn, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("map run get %s: %w", arn, err)
	}
	r := &store.MapRun{}
	return r, json.Unmarshal(body, r)
}

// MapRunList implements store.MapRunStore.
func (s *Store) MapRunList(ctx context.Context, executionArn, after string, limit int) ([]*store.MapRun, error) {
	rows, err := s.pool.Query(ctx, qMapRunList, executionArn, after, limitArg(limit))
	if err != nil {
		return nil, fmt.Errorf("map run list: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (*store.MapRun, error) {
		var body []byte
		if err := r.Scan(&body); err != nil {
			return nil, err
		}
		run := &store.MapRun{}
		return run, json.Unmarshal(body, run)
	})
	if err != nil {
		return nil, fmt.Errorf("map run list: %w", err)
	}
	return out, nil
}

// MapRunUpdate implements store.MapRunStore.
func (s *Store) MapRunUpdate(ctx context.Context, run *store.MapRun) error {
	tag, err := s.pool.Exec(ctx, `UPDATE stepwise_map_runs SET body = $2 WHERE arn = $1`, run.Arn, mapRunBody(run))
	if err != nil {
		return fmt.Errorf("map run update %s: %w", run.Arn, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("map run update %s: %w", run.Arn, store.ErrNotFound)
	}
	return nil
}
