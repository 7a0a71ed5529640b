package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/stepwisehq/stepwise/store"
)

var _ store.MapRunStore = (*Store)(nil)

// Map Runs are kept as JSON bodies: they are few, and read whole.

func applyMapRuns(w *writer, runs []store.MapRun) error {
	for i := range runs {
		r := &runs[i]
		body, err := json.Marshal(r)
		if err != nil {
			return err
		}
		if _, err := w.exec(wMapRunUpsert, r.Arn, r.ExecutionArn, nanos(r.Started), body); err != nil {
			return err
		}
	}
	return nil
}

// MapRunGet implements store.MapRunStore.
func (s *Store) MapRunGet(ctx context.Context, arn string) (*store.MapRun, error) {
	var body []byte
	err := s.queryRow(rMapRunGet, arn).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
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
	rows, err := s.query(ctx, rMapRunList, executionArn)
	if err != nil {
		return nil, fmt.Errorf("map run list: %w", err)
	}
	defer rows.Close()
	var out []*store.MapRun
	skipping := after != ""
	for rows.Next() {
		var body []byte
		if err := rows.Scan(&body); err != nil {
			return nil, err
		}
		r := &store.MapRun{}
		if err := json.Unmarshal(body, r); err != nil {
			return nil, err
		}
		if skipping {
			skipping = r.Arn != after
			continue
		}
		if limit > 0 && len(out) == limit {
			break
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// MapRunUpdate implements store.MapRunStore.
func (s *Store) MapRunUpdate(ctx context.Context, run *store.MapRun) error {
	if _, err := s.MapRunGet(ctx, run.Arn); err != nil {
		return err
	}
	return s.write(ctx, true, func(w *writer) error { return applyMapRuns(w, []store.MapRun{*run}) })
}
