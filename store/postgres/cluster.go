package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/stepwisehq/stepwise/store"
)

var _ store.Cluster = (*Store)(nil)

// The statements of store.Cluster. Lease times are the database's
// (clock_timestamp()), never a node's: nodes' clocks may disagree.
const (
	// qNodeJoin takes the node's next epoch and starts its lease; the
	// node's earlier leases end at once (it restarted: they are dead).
	qNodeJoin = `WITH n AS (
			INSERT INTO stepwise_nodes (node, epoch) VALUES ($1, 1)
			ON CONFLICT (node) DO UPDATE SET epoch = stepwise_nodes.epoch + 1
			RETURNING epoch),
		old AS (
			UPDATE stepwise_leases SET lease_until = '-infinity'
			WHERE node = $1 AND lease_until > '-infinity')
		INSERT INTO stepwise_leases (node, epoch, lease_until)
		SELECT $1, n.epoch, clock_timestamp() + $2 * interval '1 microsecond' FROM n
		RETURNING epoch, lease_until`
	qNodeRenew = `UPDATE stepwise_leases SET lease_until = clock_timestamp() + $3 * interval '1 microsecond'
		WHERE node = $1 AND epoch = $2 AND lease_until > clock_timestamp()
		RETURNING lease_until`
	qNodeLeave = `UPDATE stepwise_leases SET lease_until = '-infinity' WHERE node = $1 AND epoch = $2`
	// myLease holds while the lease ($1, $2) lives.
	myLease = `EXISTS (SELECT FROM stepwise_leases
		WHERE node = $1 AND epoch = $2 AND lease_until > clock_timestamp())`
	// qExecutionClaim takes running executions of ended leases (and of no
	// lease: owner ''), through the owner index; SKIP LOCKED lets many
	// nodes claim at once without waiting on, or taking, the same rows. A
	// distributed Map's children go with the execution that runs the Map.
	qExecutionClaim = `WITH dead AS (
			SELECT node, epoch FROM stepwise_leases WHERE lease_until <= clock_timestamp()
			UNION ALL SELECT '', 0),
		c AS (
			SELECT x.id FROM stepwise_executions x JOIN dead d ON x.owner = d.node AND x.epoch = d.epoch
			WHERE x.status = 'RUNNING' AND x.map_run_arn = '' AND ` + myLease + `
			LIMIT $3 FOR UPDATE OF x SKIP LOCKED)
		UPDATE stepwise_executions x SET owner = $1, epoch = $2 FROM c WHERE x.id = c.id
		RETURNING ` + execCols + `, snapshot`
	// qLeasesForget drops ended leases that own no running execution.
	qLeasesForget = `DELETE FROM stepwise_leases l WHERE lease_until <= clock_timestamp()
		AND NOT EXISTS (SELECT FROM stepwise_executions x
			WHERE x.owner = l.node AND x.epoch = l.epoch AND x.status = 'RUNNING')`
	qExecutionReclaim = `UPDATE stepwise_executions x SET owner = $1, epoch = $2
		WHERE arn = $3 AND status = 'RUNNING' AND map_run_arn = '' AND ` + myLease + ` AND (
			(owner = $1 AND epoch = $2) OR NOT EXISTS (SELECT FROM stepwise_leases l
				WHERE l.node = x.owner AND l.epoch = x.epoch AND l.lease_until > clock_timestamp()))
		RETURNING ` + execCols + `, snapshot`
	qExecutionStatus = `SELECT status FROM stepwise_executions WHERE arn = $1`
	// qInboxAdd queues a message for a running execution and signals its
	// owner; it selects nothing (and queues nothing) for another one.
	qInboxAdd = `WITH x AS (
			SELECT owner FROM stepwise_executions WHERE arn = $1 AND status = 'RUNNING'),
		m AS (
			INSERT INTO stepwise_inbox (execution_arn, body) SELECT $1, $2 FROM x)
		SELECT pg_notify('stepwise', 'i' || owner) FROM x`
	// qInboxList lists the messages of the lease's executions, and those
	// of ended executions (to be dropped by whoever reads them).
	qInboxList = `SELECT i.id, i.execution_arn, i.body FROM stepwise_inbox i
		JOIN stepwise_executions x ON x.arn = i.execution_arn
		WHERE (x.owner = $1 AND x.epoch = $2) OR x.status <> 'RUNNING'
		ORDER BY i.id LIMIT $3`
)

// NodeJoin implements store.Cluster.
func (s *Store) NodeJoin(ctx context.Context, node string, ttl time.Duration) (store.Lease, error) {
	if node == "" {
		return store.Lease{}, errors.New("node join: the node needs a name")
	}
	l := store.Lease{Node: node}
	err := s.pool.QueryRow(ctx, qNodeJoin, node, ttl.Microseconds()).Scan(&l.Epoch, &l.Until)
	if err != nil {
		return store.Lease{}, fmt.Errorf("node join %s: %w", node, err)
	}
	s.lease.Store(&l)
	return l, nil
}

// NodeRenew implements store.Cluster.
func (s *Store) NodeRenew(ctx context.Context, ttl time.Duration) (store.Lease, error) {
	l := s.lease.Load()
	if l == nil {
		return store.Lease{}, fmt.Errorf("node renew: no lease: %w", store.ErrFenced)
	}
	next := *l
	err := s.pool.QueryRow(ctx, qNodeRenew, l.Node, l.Epoch, ttl.Microseconds()).Scan(&next.Until)
	if errors.Is(err, pgx.ErrNoRows) {
		return store.Lease{}, fmt.Errorf("node renew %s epoch %d: %w", l.Node, l.Epoch, store.ErrFenced)
	}
	if err != nil {
		return store.Lease{}, fmt.Errorf("node renew %s: %w", l.Node, err)
	}
	s.lease.CompareAndSwap(l, &next)
	return next, nil
}

// NodeLeave implements store.Cluster.
func (s *Store) NodeLeave(ctx context.Context) error {
	l := s.lease.Load()
	if l == nil {
		return nil
	}
	if _, err := s.pool.Exec(ctx, qNodeLeave, l.Node, l.Epoch); err != nil {
		return fmt.Errorf("node leave %s: %w", l.Node, err)
	}
	return nil
}

// leased returns the lease, or ErrFenced when there is none.
func (s *Store) leased(op string) (*store.Lease, error) {
	l := s.lease.Load()
	if l == nil {
		return nil, fmt.Errorf("%s: no lease: %w", op, store.ErrFenced)
	}
	return l, nil
}

// ExecutionClaim implements store.Cluster.
func (s *Store) ExecutionClaim(ctx context.Context, limit int) ([]*store.Execution, error) {
	l, err := s.leased("execution claim")
	if err != nil {
		return nil, err
	}
	rows, err := s.pool.Query(ctx, qExecutionClaim, l.Node, l.Epoch, limit)
	if err != nil {
		return nil, fmt.Errorf("execution claim: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (*store.Execution, error) {
		return scanExecution(r, true)
	})
	if err != nil {
		return nil, fmt.Errorf("execution claim: %w", err)
	}
	if len(out) < limit {
		if _, err := s.pool.Exec(ctx, qLeasesForget); err != nil {
			return out, fmt.Errorf("execution claim: forget leases: %w", err)
		}
	}
	return out, nil
}

// ExecutionReclaim implements store.Cluster.
func (s *Store) ExecutionReclaim(ctx context.Context, arn string) (*store.Execution, error) {
	l, err := s.leased("execution reclaim")
	if err != nil {
		return nil, err
	}
	x, err := scanExecution(s.pool.QueryRow(ctx, qExecutionReclaim, l.Node, l.Epoch, arn), true)
	if !errors.Is(err, pgx.ErrNoRows) {
		return x, wrap("execution reclaim", arn, err)
	}
	var status string
	err = s.pool.QueryRow(ctx, qExecutionStatus, arn).Scan(&status)
	switch {
	case errors.Is(err, pgx.ErrNoRows) || (err == nil && status != string(store.StatusRunning)):
		return nil, wrap("execution reclaim", arn, store.ErrNotFound)
	case err != nil:
		return nil, wrap("execution reclaim", arn, err)
	}
	return nil, wrap("execution reclaim", arn, fmt.Errorf("owned by a live lease: %w", store.ErrConflict))
}

// InboxAdd implements store.Cluster.
func (s *Store) InboxAdd(ctx context.Context, m *store.InboxMessage) error {
	tag, err := s.pool.Exec(ctx, qInboxAdd, m.ExecutionArn, m.Body)
	if err != nil {
		return wrap("inbox add", m.ExecutionArn, err)
	}
	if tag.RowsAffected() == 0 {
		return wrap("inbox add", m.ExecutionArn, store.ErrNotFound)
	}
	return nil
}

// InboxList implements store.Cluster.
func (s *Store) InboxList(ctx context.Context, limit int) ([]*store.InboxMessage, error) {
	l, err := s.leased("inbox list")
	if err != nil {
		return nil, err
	}
	rows, err := s.pool.Query(ctx, qInboxList, l.Node, l.Epoch, limit)
	if err != nil {
		return nil, fmt.Errorf("inbox list: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (*store.InboxMessage, error) {
		m := &store.InboxMessage{}
		return m, r.Scan(&m.ID, &m.ExecutionArn, &m.Body)
	})
	if err != nil {
		return nil, fmt.Errorf("inbox list: %w", err)
	}
	return out, nil
}

// InboxDelete implements store.Cluster.
func (s *Store) InboxDelete(ctx context.Context, ids []int64) error {
	if _, err := s.pool.Exec(ctx, qInboxDone, ids); err != nil {
		return fmt.Errorf("inbox delete: %w", err)
	}
	return nil
}
