package postgres

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/stepwisehq/stepwise/store"
)

func machineArgs(sm *store.StateMachine) []any {
	return []any{sm.Arn, int16(sm.Kind), sm.Parent, sm.Version, sm.Name, sm.Type, sm.Definition,
		sm.RoleArn, nanos(sm.Created), nanos(sm.Updated), sm.RevisionID, sm.Description,
		sm.LoggingConfig, sm.TracingConfig, sm.EncryptionConfig, sm.Routing}
}

func scanMachine(row pgx.Row) (*store.StateMachine, error) {
	var sm store.StateMachine
	var kind int16
	var created, updated int64
	err := row.Scan(&sm.Arn, &kind, &sm.Parent, &sm.Version, &sm.Name, &sm.Type, &sm.Definition,
		&sm.RoleArn, &created, &updated, &sm.RevisionID, &sm.Description,
		&sm.LoggingConfig, &sm.TracingConfig, &sm.EncryptionConfig, &sm.Routing)
	if err != nil {
		return nil, err
	}
	sm.Kind = store.Kind(kind)
	sm.Created, sm.Updated = fromNanos(created), fromNanos(updated)
	return &sm, nil
}

// execOne runs a statement that must change one row; else it returns
// none.
func (s *Store) execOne(ctx context.Context, none error, sql string, args ...any) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	tag, err := s.pool.Exec(ctx, sql, args...)
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		return none
	}
	return nil
}

// StateMachineCreate implements store.StateMachines.
func (s *Store) StateMachineCreate(ctx context.Context, sm *store.StateMachine) error {
	err := s.execOne(ctx, store.ErrAlreadyExists, qMachineInsert, machineArgs(sm)...)
	return wrap("state machine create", sm.Arn, err)
}

// StateMachineGet implements store.StateMachines.
func (s *Store) StateMachineGet(ctx context.Context, arn string) (*store.StateMachine, error) {
	if err := ctx.Err(); err != nil {
		return nil, wrap("state machine get", arn, err)
	}
	sm, err := scanMachine(s.pool.QueryRow(ctx, qMachineGet, arn))
	return sm, wrap("state machine get", arn, notFound(err))
}

// StateMachineUpdate implements store.StateMachines.
func (s *Store) StateMachineUpdate(ctx context.Context, sm *store.StateMachine) error {
	err := s.execOne(ctx, store.ErrNotFound, qMachineUpdate, machineArgs(sm)...)
	return wrap("state machine update", sm.Arn, err)
}

// StateMachineDelete implements store.StateMachines, in one statement. It
// also removes the tags of what it deletes.
func (s *Store) StateMachineDelete(ctx context.Context, arn string) error {
	return wrap("state machine delete", arn, s.deleteOne(ctx, qMachineDelete, arn))
}

// deleteOne runs a delete statement that returns how many records it
// deleted; ErrNotFound for none.
func (s *Store) deleteOne(ctx context.Context, sql, arn string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	var n int64
	if err := s.pool.QueryRow(ctx, sql, arn).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return store.ErrNotFound
	}
	return nil
}

// StateMachineList implements store.StateMachines.
func (s *Store) StateMachineList(ctx context.Context, p *store.ListParams) ([]*store.StateMachine, error) {
	var q string
	var args []any
	switch p.Kind {
	case store.MachineKind:
		q, args = qMachineList, []any{p.After, limitArg(p.Limit)}
	case store.VersionKind:
		below, err := versionBelow(p.After)
		if err != nil {
			return nil, fmt.Errorf("state machine list: %w", err)
		}
		q, args = qVersionList, []any{p.Parent, below, limitArg(p.Limit)}
	default:
		q, args = qAliasList, []any{p.Parent, p.After, limitArg(p.Limit)}
	}
	rows, err := s.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("state machine list: %w", err)
	}
	defer rows.Close()
	var out []*store.StateMachine
	for rows.Next() {
		sm, err := scanMachine(rows)
		if err != nil {
			return nil, fmt.Errorf("state machine list: %w", err)
		}
		out = append(out, sm)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("state machine list: %w", err)
	}
	return out, nil
}

// versionBelow returns the version number of a version ARN that a page of
// versions follows (they descend): the page holds smaller numbers.
func versionBelow(after string) (int64, error) {
	if after == "" {
		return math.MaxInt64, nil
	}
	n, err := strconv.ParseInt(after[strings.LastIndexByte(after, ':')+1:], 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not a version ARN", after)
	}
	return n, nil
}

// StateMachineNextVersion implements store.StateMachines.
func (s *Store) StateMachineNextVersion(ctx context.Context, arn string) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, wrap("state machine next version", arn, err)
	}
	var n int
	err := s.pool.QueryRow(ctx, qMachineNextVersion, arn).Scan(&n)
	return n, wrap("state machine next version", arn, notFound(err))
}

// TagsSet implements store.Tags, in one statement.
func (s *Store) TagsSet(ctx context.Context, arn string, tags map[string]string) error {
	if len(tags) == 0 {
		return nil
	}
	keys := make([]string, 0, len(tags))
	values := make([]string, 0, len(tags))
	for k, v := range tags {
		keys, values = append(keys, k), append(values, v)
	}
	_, err := s.exec(ctx, qTagsSet, arn, keys, values)
	return wrap("tags set", arn, err)
}

// TagsRemove implements store.Tags.
func (s *Store) TagsRemove(ctx context.Context, arn string, keys []string) error {
	if len(keys) == 0 {
		return nil
	}
	_, err := s.exec(ctx, qTagsRemove, arn, keys)
	return wrap("tags remove", arn, err)
}

func (s *Store) exec(ctx context.Context, sql string, args ...any) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	tag, err := s.pool.Exec(ctx, sql, args...)
	return tag.RowsAffected(), err
}

// TagsGet implements store.Tags.
func (s *Store) TagsGet(ctx context.Context, arn string) (map[string]string, error) {
	rows, err := s.pool.Query(ctx, qTagsGet, arn)
	if err != nil {
		return nil, wrap("tags get", arn, err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, wrap("tags get", arn, err)
		}
		out[k] = v
	}
	return out, wrap("tags get", arn, rows.Err())
}
