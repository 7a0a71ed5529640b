package postgres

// The store's SQL. pgx prepares each statement once per connection (its
// statement cache) and sends it by name afterwards.

const execInsertCols = `arn, state_machine_arn, version_arn, alias_arn, name, type, status, input,
	output, has_output, error, cause, has_error, has_cause, started, stopped, trace_header, parent_arn,
	map_run_arn, redrive_count, redriven, definition, last_event_id, snapshot, owner, epoch`

const execCols = `arn, state_machine_arn, version_arn, alias_arn, name, type, status, input,
	output, has_output, error, cause, has_error, has_cause, started, stopped, trace_header, parent_arn,
	map_run_arn, redrive_count, redriven, definition, last_event_id`

const machineCols = `arn, kind, parent, version, name, type, definition, role_arn, created, updated,
	revision_id, description, logging_config, tracing_config, encryption_config, routing`

const tokenCols = `token, execution_arn, op, activity_arn, input, created`

// Statements of ExecutionCommit.
const (
	qExecutionInsert = `INSERT INTO stepwise_executions (` + execInsertCols + `)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
			$21, $22, $23, $24, $25, $26)
		ON CONFLICT (arn) DO NOTHING`
	// qExecutionAdvance moves last_event_id from $2 to $3, only from $2
	// (the conditional update that keeps the history gapless), and inserts
	// the events $5 with ids $2+1, $2+2, ...: a row per event inserted, none
	// when the history has moved on.
	//
	// Under a lease ($6 the node, $7 the epoch; $6 '' for none) a running
	// execution advances only for its owner: the fence that keeps a node
	// that lost an execution from committing to it.
	qExecutionAdvance = `WITH x AS (
			UPDATE stepwise_executions SET last_event_id = $3, snapshot = $4
			WHERE arn = $1 AND last_event_id = $2 AND ` + ownerFence + `
			RETURNING id)
		INSERT INTO stepwise_events (execution_id, event_id, body)
		SELECT x.id, $2 + e.n, e.body FROM x, unnest($5::bytea[]) WITH ORDINALITY AS e (body, n)`
	qExecutionSnapshot = `UPDATE stepwise_executions SET snapshot = $2
		WHERE arn = $1 AND ($3::text = '' OR status <> 'RUNNING' OR map_run_arn <> ''
			OR (owner = $3 AND epoch = $4))`
	// ownerFence holds when no lease is in force, when the execution has
	// ended (a redrive may come from any node), when it is a distributed
	// Map's child (committed with the step of the execution that runs the
	// Map, which the fence guards) or when the lease owns it.
	ownerFence = `($6::text = '' OR status <> 'RUNNING' OR map_run_arn <> '' OR (owner = $6 AND epoch = $7))`
	// qLeaseFence opens every batch under a lease: it selects the lease
	// only while it lives, by the database's clock.
	qLeaseFence = `SELECT FROM stepwise_leases WHERE node = $1 AND epoch = $2 AND lease_until > clock_timestamp()`
	qNotify     = `SELECT pg_notify('stepwise', p) FROM unnest($1::text[]) AS p`
	qInboxDone  = `DELETE FROM stepwise_inbox WHERE id = ANY($1)`
	qMapRunPut  = `INSERT INTO stepwise_map_runs (arn, execution_arn, started, body) VALUES ($1, $2, $3, $4)
		ON CONFLICT (arn) DO UPDATE SET body = excluded.body`
	qExecutionEnd = `UPDATE stepwise_executions SET status = $2, output = $3, has_output = $4, error = $5,
		cause = $6, has_error = $7, has_cause = $8, stopped = $9 WHERE arn = $1`
	qExecutionRedrive = `UPDATE stepwise_executions SET redrive_count = $2, redriven = $3, status = 'RUNNING',
		stopped = $4, output = '', has_output = false, error = '', cause = '', has_error = false,
		has_cause = false, owner = $5, epoch = $6
		WHERE arn = $1`
	// qTokenAdd replaces a token that exists, as a new one (queued again,
	// at the end).
	qTokenAdd = `INSERT INTO stepwise_task_tokens (` + tokenCols + `) VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (token) DO UPDATE SET execution_arn = excluded.execution_arn, op = excluded.op,
			activity_arn = excluded.activity_arn, input = excluded.input, created = excluded.created,
			seq = excluded.seq, claimed = false, worker = '', claimed_at = 0`
	qTokensRemove  = `DELETE FROM stepwise_task_tokens WHERE token = ANY($1)`
	qExecutionLast = `SELECT last_event_id FROM stepwise_executions WHERE arn = $1`
)

// Statements of the execution reads.
const (
	qExecutionGet     = `SELECT ` + execCols + `, snapshot FROM stepwise_executions WHERE arn = $1`
	qExecutionRunning = `SELECT ` + execCols + `, snapshot FROM stepwise_executions
		WHERE status = 'RUNNING' ORDER BY arn`
	qExecutionExists = `SELECT EXISTS (SELECT FROM stepwise_executions WHERE arn = $1)`
	qHistory         = `SELECT e.body FROM stepwise_executions x
		JOIN stepwise_events e ON e.execution_id = x.id
		WHERE x.arn = $1 AND e.event_id > $2 ORDER BY e.event_id LIMIT $3`
	qHistoryReverse = `SELECT e.body FROM stepwise_executions x
		JOIN stepwise_events e ON e.execution_id = x.id
		WHERE x.arn = $1 AND e.event_id < $2 ORDER BY e.event_id DESC LIMIT $3`
)

// Statements of state machines and tags.
const (
	qMachineInsert = `INSERT INTO stepwise_state_machines (` + machineCols + `)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
		ON CONFLICT (arn) DO NOTHING`
	qMachineUpdate = `UPDATE stepwise_state_machines SET kind = $2, parent = $3, version = $4, name = $5,
		type = $6, definition = $7, role_arn = $8, created = $9, updated = $10, revision_id = $11,
		description = $12, logging_config = $13, tracing_config = $14, encryption_config = $15,
		routing = $16
		WHERE arn = $1`
	// qMachineDelete deletes a record, a state machine's versions and
	// aliases with it, and the tags of all it deletes; it returns how many
	// records $1 named (0 or 1).
	qMachineDelete = `WITH m AS (
			DELETE FROM stepwise_state_machines WHERE arn = $1 RETURNING kind),
		c AS (
			DELETE FROM stepwise_state_machines
			WHERE parent = $1 AND kind <> 0 AND EXISTS (SELECT FROM m WHERE kind = 0)
			RETURNING arn),
		t AS (
			DELETE FROM stepwise_tags
			WHERE (arn = $1 AND EXISTS (SELECT FROM m)) OR arn IN (SELECT arn FROM c))
		SELECT count(*) FROM m`
	qMachineNextVersion = `UPDATE stepwise_state_machines SET last_version = last_version + 1
		WHERE arn = $1 AND kind = 0 RETURNING last_version`
	qMachineGet  = `SELECT ` + machineCols + ` FROM stepwise_state_machines WHERE arn = $1`
	qMachineList = `SELECT ` + machineCols + ` FROM stepwise_state_machines WHERE kind = 0 AND arn > $1
		ORDER BY arn LIMIT $2`
	qVersionList = `SELECT ` + machineCols + ` FROM stepwise_state_machines
		WHERE parent = $1 AND kind = 1 AND version < $2::bigint
		ORDER BY version DESC LIMIT $3`
	qAliasList = `SELECT ` + machineCols + ` FROM stepwise_state_machines
		WHERE parent = $1 AND kind = 2 AND arn > $2
		ORDER BY arn LIMIT $3`
	qTagsSet = `INSERT INTO stepwise_tags (arn, key, value)
		SELECT $1, t.key, t.value FROM unnest($2::text[], $3::text[]) AS t (key, value)
		ON CONFLICT (arn, key) DO UPDATE SET value = excluded.value`
	qTagsRemove = `DELETE FROM stepwise_tags WHERE arn = $1 AND key = ANY($2)`
	qTagsGet    = `SELECT key, value FROM stepwise_tags WHERE arn = $1`
)

// Statements of activities and task tokens.
const (
	qActivityInsert = `INSERT INTO stepwise_activities (arn, name, created) VALUES ($1, $2, $3)
		ON CONFLICT (arn) DO NOTHING`
	qActivityDelete = `WITH a AS (
			DELETE FROM stepwise_activities WHERE arn = $1 RETURNING arn),
		t AS (
			DELETE FROM stepwise_tags WHERE arn IN (SELECT arn FROM a))
		SELECT count(*) FROM a`
	qActivityGet  = `SELECT arn, name, created FROM stepwise_activities WHERE arn = $1`
	qActivityList = `SELECT arn, name, created FROM stepwise_activities WHERE arn > $1 ORDER BY arn LIMIT $2`
	// qActivityClaim takes the oldest unclaimed task of activity $1. SKIP
	// LOCKED passes over a task that another claim holds, so that claims
	// from many connections (many nodes) never wait on each other nor take
	// the same task.
	qActivityClaim = `UPDATE stepwise_task_tokens SET claimed = true, worker = $2, claimed_at = $3
		WHERE seq = (
			SELECT seq FROM stepwise_task_tokens
			WHERE activity_arn = $1 AND activity_arn <> '' AND NOT claimed
			ORDER BY created, seq LIMIT 1
			FOR UPDATE SKIP LOCKED)
		RETURNING ` + tokenCols
	qTokenGet = `SELECT ` + tokenCols + ` FROM stepwise_task_tokens WHERE token = $1`
)
