// A list of executions (ListExecutions of a state machine, or of a Map Run: its child
// executions), paged by nextToken, with a status filter; each links to its execution page.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useClient, useInterval, usePaged } from '../hooks';
import { formatDate, formatDuration } from '../model/format';
import { Link, paths } from '../router';
import { ErrorBanner, Section, StatusBadge } from './common';

export interface ExecutionItem {
  executionArn: string;
  name: string;
  status: string;
  startDate: number;
  stopDate?: number;
  mapRunArn?: string;
}

/** The statuses ListExecutions filters by. */
export const executionStatuses = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'];

export const executionPageSize = 100;

export interface ExecutionsProps {
  /** What ListExecutions lists: { stateMachineArn } or { mapRunArn }. */
  query: { stateMachineArn: string } | { mapRunArn: string };
  /** The table's accessible name. */
  label?: string;
  /** Read the list again every two seconds (and once more when it turns false). */
  live?: boolean;
}

/** The Executions section: filter, refresh, the table and Load more. */
export function Executions({ query, label = 'Executions', live = false }: ExecutionsProps) {
  const client = useClient();
  const [filter, setFilter] = useState('');
  const key = JSON.stringify(query);
  const list = usePaged(async (nextToken?: string) => {
    const body = { ...query, maxResults: executionPageSize, ...(filter ? { statusFilter: filter } : {}), ...(nextToken ? { nextToken } : {}) };
    const page = await client.call<{ executions?: ExecutionItem[]; nextToken?: string }>('ListExecutions', body);
    return { items: page.executions ?? [], nextToken: page.nextToken };
  }, [key, filter]);
  useInterval(list.reload, 2000, live);
  const wasLive = useRef(live);
  useEffect(() => {
    if (wasLive.current && !live) list.reload();
    wasLive.current = live;
  }, [live]);
  return (
    <Section
      title="Executions"
      id="executions"
      actions={
        <>
          <label class="inline">
            <span>Status</span>
            <select aria-label="Status filter" value={filter} onChange={(e) => setFilter((e.target as HTMLSelectElement).value)}>
              <option value="">All</option>
              {executionStatuses.map((s) => <option key={s} value={s}>{s}</option>)}
            </select>
          </label>
          <button type="button" onClick={list.reload}>Refresh</button>
        </>
      }
    >
      <ErrorBanner error={list.error} />
      {list.items.length === 0 ? <p class="muted">{list.loading ? 'Loading…' : 'No executions.'}</p> : <ExecutionTable items={list.items} label={label} />}
      {list.nextToken ? <button type="button" onClick={list.more} disabled={list.loading}>Load more</button> : null}
    </Section>
  );
}

/** The executions as a table: name (a link), status, start and duration. */
export function ExecutionTable({ items, label = 'Executions' }: { items: ExecutionItem[]; label?: string }) {
  return (
    <div class="table-wrap">
      <table class="list" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Status</th>
            <th scope="col">Started</th>
            <th scope="col">Duration</th>
          </tr>
        </thead>
        <tbody>
          {items.map((x) => (
            <tr key={x.executionArn} data-status={x.status} data-execution={x.executionArn}>
              <td><Link href={paths.execution(x.executionArn)}>{x.name}</Link></td>
              <td><StatusBadge status={x.status} /></td>
              <td>{formatDate(x.startDate)}</td>
              <td>{x.stopDate ? formatDuration(x.stopDate - x.startDate) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
