package sqlite

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/stepwisehq/stepwise/store"
)

func machineArgs(sm *store.StateMachine) []any {
	return []any{sm.Arn, int(sm.Kind), sm.Parent, sm.Version, sm.Name, sm.Type, sm.Definition,
		sm.RoleArn, nanos(sm.Created), nanos(sm.Updated), sm.RevisionID, sm.Description,
		sm.LoggingConfig, sm.TracingConfig, sm.EncryptionConfig, sm.Routing}
}

func scanMachine(sc scanner) (*store.StateMachine, error) {
	var sm store.StateMachine
	var created, updated int64
	err := sc.Scan(&sm.Arn, &sm.Kind, &sm.Parent, &sm.Version, &sm.Name, &sm.Type, &sm.Definition,
		&sm.RoleArn, &created, &updated, &sm.RevisionID, &sm.Description,
		&sm.LoggingConfig, &sm.TracingConfig, &sm.EncryptionConfig, &sm.Routing)
	if err != nil {
		return nil, err
	}
	sm.Created, sm.Updated = fromNanos(created), fromNanos(updated)
	return &sm, nil
}

// StateMachineCreate implements store.StateMachines.
func (s *Store) StateMachineCreate(ctx context.Context, sm *store.StateMachine) error {
	err := s.write(ctx, false, func(w *writer) error {
		return w.execOne(wMachineInsert, machineArgs(sm)...)
	})
	if errors.Is(err, errNoRow) {
		err = store.ErrAlreadyExists
	}
	return wrap("state machine create", sm.Arn, err)
}

// wrap adds the operation and the ARN to an error.
func wrap(op, arn string, err error) error {
	switch {
	case err == nil:
		return nil
	case arn == "":
		return fmt.Errorf("%s: %w", op, err)
	}
	return fmt.Errorf("%s %s: %w", op, arn, err)
}

// StateMachineGet implements store.StateMachines.
func (s *Store) StateMachineGet(ctx context.Context, arn string) (*store.StateMachine, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	sm, err := scanMachine(s.queryRow(rMachineGet, arn))
	return sm, wrap("state machine get", arn, notFound(err))
}

// StateMachineUpdate implements store.StateMachines.
func (s *Store) StateMachineUpdate(ctx context.Context, sm *store.StateMachine) error {
	err := s.write(ctx, false, func(w *writer) error {
		return w.execOne(wMachineUpdate, machineArgs(sm)...)
	})
	if errors.Is(err, errNoRow) {
		err = store.ErrNotFound
	}
	return wrap("state machine update", sm.Arn, err)
}

// StateMachineDelete implements store.StateMachines. It also removes the
// tags of what it deletes.
func (s *Store) StateMachineDelete(ctx context.Context, arn string) error {
	err := s.write(ctx, true, func(w *writer) error {
		if _, err := w.exec(wMachineDeleteTags, arn); err != nil {
			return err
		}
		var kind store.Kind
		if err := w.queryRow(wMachineDelete, arn).Scan(&kind); err != nil {
			return notFound(err)
		}
		if kind != store.MachineKind {
			return nil
		}
		_, err := w.exec(wMachineDeleteChildren, arn)
		return err
	})
	return wrap("state machine delete", arn, err)
}

// StateMachineList implements store.StateMachines.
func (s *Store) StateMachineList(ctx context.Context, p *store.ListParams) ([]*store.StateMachine, error) {
	var q rq
	var args []any
	switch p.Kind {
	case store.MachineKind:
		q, args = rMachineList, []any{p.After, limitArg(p.Limit)}
	case store.VersionKind:
		below := math.MaxInt64
		if p.After != "" {
			n, err := strconv.Atoi(p.After[strings.LastIndexByte(p.After, ':')+1:])
			if err != nil {
				return nil, fmt.Errorf("state machine list: %q is not a version ARN", p.After)
			}
			below = n
		}
		q, args = rVersionList, []any{p.Parent, below, limitArg(p.Limit)}
	default:
		q, args = rAliasList, []any{p.Parent, p.After, limitArg(p.Limit)}
	}
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("state machine list: %w", err)
	}
	defer func() { _ = rows.Close() }()
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

// StateMachineNextVersion implements store.StateMachines.
func (s *Store) StateMachineNextVersion(ctx context.Context, arn string) (int, error) {
	var n int
	err := s.write(ctx, false, func(w *writer) error {
		return notFound(w.queryRow(wMachineNextVersion, arn).Scan(&n))
	})
	return n, wrap("state machine next version", arn, err)
}

// TagsSet implements store.Tags.
func (s *Store) TagsSet(ctx context.Context, arn string, tags map[string]string) error {
	if len(tags) == 0 {
		return nil
	}
	err := s.write(ctx, true, func(w *writer) error {
		for k, v := range tags {
			if _, err := w.exec(wTagSet, arn, k, v); err != nil {
				return err
			}
		}
		return nil
	})
	return wrap("tags set", arn, err)
}

// TagsRemove implements store.Tags.
func (s *Store) TagsRemove(ctx context.Context, arn string, keys []string) error {
	if len(keys) == 0 {
		return nil
	}
	err := s.write(ctx, true, func(w *writer) error {
		for _, k := range keys {
			if _, err := w.exec(wTagDelete, arn, k); err != nil {
				return err
			}
		}
		return nil
	})
	return wrap("tags remove", arn, err)
}

// TagsGet implements store.Tags.
func (s *Store) TagsGet(ctx context.Context, arn string) (map[string]string, error) {
	rows, err := s.query(ctx, rTagsGet, arn)
	if err != nil {
		return nil, wrap("tags get", arn, err)
	}
	defer func() { _ = rows.Close() }()
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
