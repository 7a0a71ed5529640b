package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/stepwisehq/stepwise/store"
)

// ActivityCreate implements store.Activities.
func (s *Store) ActivityCreate(ctx context.Context, a *store.Activity) error {
	err := s.execOne(ctx, store.ErrAlreadyExists, qActivityInsert, a.Arn, a.Name, nanos(a.Created))
	return wrap("activity create", a.Arn, err)
}

func scanActivity(row pgx.Row) (*store.Activity, error) {
	var a store.Activity
	var created int64
	if err := row.Scan(&a.Arn, &a.Name, &created); err != nil {
		return nil, err
	}
	a.Created = fromNanos(created)
	return &a, nil
}

// ActivityGet implements store.Activities.
func (s *Store) ActivityGet(ctx context.Context, arn string) (*store.Activity, error) {
	if err := ctx.Err(); err != nil {
		return nil, wrap("activity get", arn, err)
	}
	a, err := scanActivity(s.pool.QueryRow(ctx, qActivityGet, arn))
	return a, wrap("activity get", arn, notFound(err))
}

// ActivityDelete implements store.Activities, in one statement. It also
// removes the activity's tags; its queued tasks stay with their
// executions.
func (s *Store) ActivityDelete(ctx context.Context, arn string) error {
	return wrap("activity delete", arn, s.deleteOne(ctx, qActivityDelete, arn))
}

// ActivityList implements store.Activities, ordered by ARN.
func (s *Store) ActivityList(ctx context.Context, p *store.ListParams) ([]*store.Activity, error) {
	rows, err := s.pool.Query(ctx, qActivityList, p.After, limitArg(p.Limit))
	if err != nil {
		return nil, fmt.Errorf("activity list: %w", err)
	}
	defer rows.Close()
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

// ActivityTaskClaim implements store.Activities: exclusive across
// connections and nodes (FOR UPDATE SKIP LOCKED), and never waiting for
// another claim.
func (s *Store) ActivityTaskClaim(ctx context.Context, arn, worker string, now time.Time) (*store.TaskToken, error) {
	if err := ctx.Err(); err != nil {
		return nil, wrap("activity task claim", arn, err)
	}
	t, err := scanToken(s.pool.QueryRow(ctx, qActivityClaim, arn, worker, nanos(now)))
	return t, wrap("activity task claim", arn, notFound(err))
}

func scanToken(row pgx.Row) (*store.TaskToken, error) {
	var t store.TaskToken
	var op, created int64
	if err := row.Scan(&t.Token, &t.ExecutionArn, &op, &t.ActivityArn, &t.Input, &created); err != nil {
		return nil, err
	}
	t.Op, t.Created = uint64(op), fromNanos(created)
	return &t, nil
}

// TaskTokenGet implements store.Executions.
func (s *Store) TaskTokenGet(ctx context.Context, token string) (*store.TaskToken, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("task token get: %w", err)
	}
	t, err := scanToken(s.pool.QueryRow(ctx, qTokenGet, token))
	if err != nil {
		return nil, fmt.Errorf("task token get: %w", notFound(err))
	}
	return t, nil
}
