package sqlite

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/stepwisehq/stepwise/store"
)

// ActivityCreate implements store.Activities.
func (s *Store) ActivityCreate(ctx context.Context, a *store.Activity) error {
	err := s.write(ctx, false, func(w *writer) error {
		return w.execOne(wActivityInsert, a.Arn, a.Name, nanos(a.Created))
	})
	if errors.Is(err, errNoRow) {
		err = store.ErrAlreadyExists
	}
	return wrap("activity create", a.Arn, err)
}

func scanActivity(sc scanner) (*store.Activity, error) {
	var a store.Activity
	var created int64
	if err := sc.Scan(&a.Arn, &a.Name, &created); err != nil {
		return nil, err
	}
	a.Created = fromNanos(created)
	return &a, nil
}

// ActivityGet implements store.Activities.
func (s *Store) ActivityGet(ctx context.Context, arn string) (*store.Activity, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	a, err := scanActivity(s.queryRow(rActivityGet, arn))
	return a, wrap("activity get", arn, notFound(err))
}

// ActivityDelete implements store.Activities. It also removes the
// activity's tags; its queued tasks stay with their executions.
func (s *Store) ActivityDelete(ctx context.Context, arn string) error {
	err := s.write(ctx, true, func(w *writer) error {
		if err := w.execOne(wActivityDelete, arn); err != nil {
			return err
		}
		_, err := w.exec(wTagsDelete, arn)
		return err
	})
	if errors.Is(err, errNoRow) {
		err = store.ErrNotFound
	}
	return wrap("activity delete", arn, err)
}

// ActivityList implements store.Activities, ordered by ARN.
func (s *Store) ActivityList(ctx context.Context, p *store.ListParams) ([]*store.Activity, error) {
	rows, err := s.query(ctx, rActivityList, p.After, limitArg(p.Limit))
	if err != nil {
		return nil, fmt.Errorf("activity list: %w", err)
	}
	defer func() { _ = rows.Close() }()
	var out []*store.Activity
	for rows.Next() {
		a, err := scanActivity(rows)
		if err != nil {
			return nil, fmt.Errorf("activity list: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("activity list: %w", err)
	}
	return out, nil
}

// ActivityTaskClaim implements store.Activities.
func (s *Store) ActivityTaskClaim(ctx context.Context, arn, worker string, now time.Time) (*store.TaskToken, error) {
	var t *store.TaskToken
	err := s.write(ctx, false, func(w *writer) error {
		var err error
		t, err = scanToken(w.queryRow(wActivityClaim, worker, nanos(now), arn))
		return notFound(err)
	})
	return t, wrap("activity task claim", arn, err)
}

func scanToken(sc scanner) (*store.TaskToken, error) {
	var t store.TaskToken
	var op, created int64
	if err := sc.Scan(&t.Token, &t.ExecutionArn, &op, &t.ActivityArn, &t.Input, &created); err != nil {
		return nil, err
	}
	t.Op, t.Created = uint64(op), fromNanos(created)
	return &t, nil
}

// TaskTokenGet implements store.Executions.
func (s *Store) TaskTokenGet(ctx context.Context, token string) (*store.TaskToken, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	t, err := scanToken(s.queryRow(rTokenGet, token))
	if err != nil {
		return nil, fmt.Errorf("task token get: %w", notFound(err))
	}
	return t, nil
}
