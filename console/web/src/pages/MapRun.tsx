// One Map Run (a distributed Map's run, as on AWS): its status, dates, concurrency and failure
// tolerance, the item and child-execution counters with a progress bar, Edit (UpdateMapRun)
// while it runs, and its child executions (ListExecutions with mapRunArn). While the Map Run
// runs, DescribeMapRun and the list are read again every two seconds.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ErrorBanner, Facts, Section, StatusBadge } from '../components/common';
import { Executions } from '../components/Executions';
import { useAsync, useClient, useInterval, useNow } from '../hooks';
import { arnName, formatDate, formatDuration } from '../model/format';
import {
  concurrencyText, counterColumns, doneCount, type MapRunCounts, type MapRunDescription, type MapRunSettings,
  mapRunLabel, parseMapRunArn, progressParts, settingsOf, toleranceText, updateMapRunInput,
} from '../model/maprun';
import { Link, paths } from '../router';

/** The Map Run page (`/map-runs/<arn>`). */
export function MapRunPage({ arn }: { arn: string }) {
  const client = useClient();
  const run = useAsync(() => client.call<MapRunDescription>('DescribeMapRun', { mapRunArn: arn }), [arn]);
  const [editing, setEditing] = useState(false);
  const d = run.data;
  const running = d?.status === 'RUNNING';
  useInterval(run.reload, 2000, running);
  return (
    <>
      <MapRunCrumbs arn={arn} parent={d?.executionArn} />
      <div class="page-head">
        <h1>Map Run: {mapRunLabel(arn)} <StatusBadge status={d?.status} /></h1>
        {running ? (
          <button type="button" aria-expanded={editing} onClick={() => setEditing(!editing)}>{editing ? 'Cancel' : 'Edit'}</button>
        ) : null}
      </div>
      <ErrorBanner error={run.error} />
      {editing && running && d ? <EditForm d={d} onDone={() => (setEditing(false), run.reload())} /> : null}
      {d ? <Details d={d} /> : run.loading ? <p class="muted">Loading…</p> : null}
      {d ? <Counters d={d} /> : null}
      <Executions query={{ mapRunArn: arn }} label="Map Run executions" live={running} />
    </>
  );
}

function MapRunCrumbs({ arn, parent }: { arn: string; parent?: string }) {
  const sm = parseMapRunArn(arn)?.stateMachineArn;
  return (
    <nav class="crumbs" aria-label="Breadcrumb">
      <Link href={paths.stateMachines()}>State machines</Link> /{' '}
      {sm ? <><Link href={paths.stateMachine(sm)}>{arnName(sm)}</Link> / </> : null}
      {parent ? <><Link href={paths.execution(parent)}>{arnName(parent)}</Link> / </> : null}
      <span>Map Run {mapRunLabel(arn)}</span>
    </nav>
  );
}

function Details({ d }: { d: MapRunDescription }) {
  const now = useNow(1000, d.status === 'RUNNING');
  const end = d.stopDate ?? now / 1000;
  const facts: [string, ComponentChildren][] = [
    ['Status', <span data-map-run-status={d.status}>{d.status}</span>],
    ['Execution', <Link href={paths.execution(d.executionArn)} data-parent-execution={d.executionArn}>{arnName(d.executionArn)}</Link>],
    ['Duration', formatDuration(end - d.startDate)],
    ['Started', formatDate(d.startDate)],
    ['Ended', d.stopDate ? formatDate(d.stopDate) : '—'],
    ['Max concurrency', <span data-max-concurrency>{concurrencyText(d.maxConcurrency)}</span>],
    ['Tolerated failures', <span data-tolerance>{toleranceText(d)}</span>],
    ['Redrives', String(d.redriveCount ?? 0)],
    ['ARN', <code>{d.mapRunArn}</code>],
  ];
  return (
    <Section title="Details" id="details">
      <Facts items={facts} />
    </Section>
  );
}

function Counters({ d }: { d: MapRunDescription }) {
  const items = d.itemCounts;
  const rows: [string, string, MapRunCounts | undefined][] = [['items', 'Items', items], ['executions', 'Child executions', d.executionCounts]];
  return (
    <Section title="Item processing status" id="counts">
      <Progress counts={items} />
      <div class="table-wrap">
        <table class="list counts" aria-label="Map Run counts">
          <thead>
            <tr>
              <th scope="col"><span class="sr-only">Counted</span></th>
              {counterColumns.map(([, label]) => <th scope="col" key={label}>{label}</th>)}
              <th scope="col">Results written</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([key, label, c]) => (
              <tr key={key}>
                <th scope="row">{label}</th>
                {counterColumns.map(([k]) => <td key={k} data-count={`${key}-${k}`}>{c?.[k] ?? 0}</td>)}
                <td data-count={`${key}-resultsWritten`}>{c?.resultsWritten ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

function Progress({ counts }: { counts?: MapRunCounts }) {
  const parts = progressParts(counts);
  const total = counts?.total ?? 0;
  const text = `${doneCount(counts)} of ${total} items done: ${parts.map((p) => `${p.count} ${p.key}`).join(', ') || 'none yet'}`;
  return (
    <div class="progress-wrap">
      <div class="progress" role="img" aria-label={text}>
        {parts.map((p) => <span key={p.key} class={`progress-${p.key}`} style={{ width: `${p.percent}%` }} />)}
      </div>
      <p class="muted small">{text}</p>
    </div>
  );
}

function EditForm({ d, onDone }: { d: MapRunDescription; onDone: () => void }) {
  const client = useClient();
  const [f, setF] = useState<MapRunSettings>(() => settingsOf(d));
  const [error, setError] = useState<Error | string>();
  const [busy, setBusy] = useState(false);
  const field = (key: keyof MapRunSettings, label: string) => (
    <label>
      <span>{label}</span>
      <input inputMode="decimal" value={f[key]} onInput={(e) => setF({ ...f, [key]: (e.target as HTMLInputElement).value })} />
    </label>
  );
  const submit = async (e: Event) => {
    e.preventDefault();
    const { input, error: invalid } = updateMapRunInput(d.mapRunArn, f);
    if (!input) return setError(invalid);
    setBusy(true);
    setError(undefined);
    try {
      await client.call('UpdateMapRun', input);
      onDone();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title="Edit Map Run" id="edit">
      <form class="form" onSubmit={submit} aria-label="Edit Map Run">
        {field('maxConcurrency', 'Max concurrency (0: no limit)')}
        {field('toleratedFailureCount', 'Tolerated failure count')}
        {field('toleratedFailurePercentage', 'Tolerated failure percentage')}
        <ErrorBanner error={error} />
        <div class="form-actions"><button type="submit" class="primary" disabled={busy}>Save</button></div>
      </form>
    </Section>
  );
}
