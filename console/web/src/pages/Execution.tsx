// One execution: the graph coloured by status, its status and duration, the execution that
// started it (when its input names it) or, for a Map Run's child, its Map Run and the parent
// execution, input/output, error/cause, the event table, the state inspector, and Stop /
// Redrive. While the execution runs, DescribeExecution and GetExecutionHistory are polled every
// second. A Map Run's child shows the graph of the Map's item processor, which it ran.
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { ErrorBanner, Facts, JsonBlock, Section, StatusBadge } from '../components/common';
import { EventTable } from '../components/EventTable';
import { Inspector } from '../components/Inspector';
import { GraphView } from '../graph/Graph';
import { useAsync, useClient, useInterval, useNow } from '../hooks';
import { executionGraphFromText, type Subgraph } from '../model/asl';
import { arnName, formatDate, formatDuration } from '../model/format';
import { mapRunLabel, type MapRunDescription, mapRunsIn, parseMapRunArn } from '../model/maprun';
import { startedBy } from '../model/nested';
import { analyse, type HistoryEvent, stateStatuses } from '../model/status';
import { Link, paths } from '../router';

export interface ExecutionDescription {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: string;
  startDate: number;
  stopDate?: number;
  input?: string;
  output?: string;
  error?: string;
  cause?: string;
  redriveCount?: number;
  redriveStatus?: string;
  /** The Map Run that started this execution (a distributed Map's child). */
  mapRunArn?: string;
}

/** The execution page (`/executions/<arn>`). */
export function ExecutionPage({ arn }: { arn: string }) {
  const x = useExecution(arn);
  const [selected, setSelected] = useState<string>();
  const analysis = useMemo(() => analyse(x.events), [x.events]);
  const status = x.desc?.status ?? '';
  const statuses = useMemo(() => stateStatuses(analysis, status), [analysis, status]);
  const d = x.desc;
  const parent = useMapRunParent(d?.mapRunArn);
  const mapRuns = useMemo(() => mapRunsIn(x.events), [x.events]);
  return (
    <>
      <Crumbs arn={arn} d={d} parent={parent} />
      <div class="page-head">
        <h1>{d?.name ?? arnName(arn)} <StatusBadge status={status} /></h1>
        {d ? <Controls desc={d} onChanged={x.refresh} /> : null}
      </div>
      <ErrorBanner error={x.error} />
      {d ? <Summary d={d} parent={parent} mapRuns={mapRuns} /> : <p class="muted">Loading…</p>}
      {x.graph ? (
        <div class={`graph-and-inspector${selected ? ' with-inspector' : ''}`}>
          <Section title="Graph">
            <GraphView graph={x.graph} statuses={statuses} selected={selected} onSelect={setSelected} label="Execution graph" />
          </Section>
          {selected ? <Inspector name={selected} analysis={analysis} statuses={statuses} executionStatus={status} onClose={() => setSelected(undefined)} /> : null}
        </div>
      ) : null}
      {d ? <InputOutput d={d} /> : null}
      <Section title="Events" id="events">
        {x.historyError ? <ErrorBanner error={x.historyError} /> : <EventTable events={x.events} analysis={analysis} />}
        {x.loadingHistory ? <p class="muted" role="status">Loading events… {x.events.length}</p> : null}
      </Section>
    </>
  );
}

interface ExecutionState {
  desc?: ExecutionDescription;
  graph?: Subgraph;
  events: HistoryEvent[];
  error?: Error;
  historyError?: Error;
  loadingHistory: boolean;
  refresh: () => Promise<void>;
}

function useExecution(arn: string): ExecutionState {
  const client = useClient();
  const [desc, setDesc] = useState<ExecutionDescription>();
  const [graph, setGraph] = useState<Subgraph>();
  const [events, setEvents] = useState<HistoryEvent[]>([]);
  const [error, setError] = useState<Error>();
  const [historyError, setHistoryError] = useState<Error>();
  const [loadingHistory, setLoadingHistory] = useState(true);
  const eventsRef = useRef<HistoryEvent[]>([]);
  const put = (list: HistoryEvent[]) => {
    eventsRef.current = list;
    setEvents(list);
  };
  useEffect(() => {
    let live = true;
    put([]);
    setLoadingHistory(true);
    client.call<ExecutionDescription>('DescribeExecution', { executionArn: arn }).then((v) => live && setDesc(v), (e) => live && setError(e));
    client.call<{ definition: string; label?: string }>('DescribeStateMachineForExecution', { executionArn: arn }).then(
      (v) => live && setGraph(safeGraph(v.definition, v.label)),
      (e: Error) => live && !(e instanceof ApiError && e.code === 'ExecutionDoesNotExist') && setError(e),
    );
    client.history(arn, (page) => live && put([...page])).then(
      () => live && setLoadingHistory(false),
      (e) => live && (setHistoryError(e), setLoadingHistory(false)),
    );
    return () => {
      live = false;
    };
  }, [arn]);
  const refresh = async () => {
    const v = await client.call<ExecutionDescription>('DescribeExecution', { executionArn: arn });
    const last = eventsRef.current[eventsRef.current.length - 1]?.id ?? 0;
    const fresh = await client.newEvents(arn, last);
    if (fresh.length) put([...eventsRef.current, ...fresh]);
    setDesc(v);
  };
  useInterval(refresh, 1000, desc?.status === 'RUNNING' && !loadingHistory);
  return { desc, graph, events, error, historyError, loadingHistory, refresh };
}

function safeGraph(definition: string, label?: string): Subgraph | undefined {
  try {
    return executionGraphFromText(definition, label);
  } catch {
    return undefined;
  }
}

/** The execution that started a Map Run's child: DescribeMapRun's executionArn. */
function useMapRunParent(mapRunArn: string | undefined): string | undefined {
  const client = useClient();
  const run = useAsync(
    async () => (mapRunArn ? client.call<MapRunDescription>('DescribeMapRun', { mapRunArn }) : undefined),
    [mapRunArn],
  );
  return run.data?.executionArn;
}

/** State machines / machine / execution, or for a Map Run's child: / parent / Map Run / child. */
function Crumbs({ arn, d, parent }: { arn: string; d?: ExecutionDescription; parent?: string }) {
  const run = d?.mapRunArn;
  const sm = (run && parseMapRunArn(run)?.stateMachineArn) || d?.stateMachineArn;
  return (
    <nav class="crumbs" aria-label="Breadcrumb">
      <Link href={paths.stateMachines()}>State machines</Link> /{' '}
      {sm ? <Link href={paths.stateMachine(sm)}>{arnName(sm)}</Link> : '…'} /{' '}
      {parent ? <><Link href={paths.execution(parent)}>{arnName(parent)}</Link> / </> : null}
      {run ? <><Link href={paths.mapRun(run)}>Map Run {mapRunLabel(run)}</Link> / </> : null}
      <span>{arnName(arn)}</span>
    </nav>
  );
}

/** Who started the execution: a Map Run (of a parent execution), or the execution its input names. */
function startedByFact(d: ExecutionDescription, parent?: string): ComponentChildren {
  if (d.mapRunArn) {
    return (
      <span data-map-run-child>
        <Link href={paths.mapRun(d.mapRunArn)} data-map-run={d.mapRunArn}>Map Run {mapRunLabel(d.mapRunArn)}</Link>
        {parent ? <> of <Link href={paths.execution(parent)} data-parent-execution={parent}>{arnName(parent)}</Link></> : null}
      </span>
    );
  }
  const by = startedBy(d.input);
  return by ? <Link href={paths.execution(by)} data-started-by={by}>{arnName(by)}</Link> : undefined;
}

function Summary({ d, parent, mapRuns }: { d: ExecutionDescription; parent?: string; mapRuns: string[] }) {
  const running = d.status === 'RUNNING';
  const now = useNow(1000, running);
  const end = d.stopDate ?? now / 1000;
  const by = startedByFact(d, parent);
  const facts: [string, ComponentChildren][] = [
    ['Status', <span data-execution-status={d.status}>{d.status}</span>],
    ['Duration', <span data-duration>{formatDuration(end - d.startDate)}</span>],
    ['Started', formatDate(d.startDate)],
    ['Ended', d.stopDate ? formatDate(d.stopDate) : '—'],
    ['ARN', <code>{d.executionArn}</code>],
    ['Redrives', String(d.redriveCount ?? 0)],
  ];
  if (by) facts.push(['Started by', by]);
  if (mapRuns.length) facts.push(['Map Runs', <MapRunLinks arns={mapRuns} />]);
  return (
    <Section title="Execution">
      <Facts items={facts} />
      {d.error !== undefined || d.cause !== undefined ? (
        <div class="banner error" role="note" data-execution-error>
          <strong>{d.error ?? 'Error'}</strong>
          {d.cause ? <pre class="cause">{d.cause}</pre> : null}
        </div>
      ) : null}
    </Section>
  );
}

function MapRunLinks({ arns }: { arns: string[] }) {
  return (
    <span class="link-list">
      {arns.map((arn) => <Link key={arn} href={paths.mapRun(arn)} data-execution-map-run={arn}>{mapRunLabel(arn)}</Link>)}
    </span>
  );
}

function InputOutput({ d }: { d: ExecutionDescription }) {
  return (
    <div class="two-col">
      <Section title="Input"><JsonBlock text={d.input} label="Execution input" /></Section>
      <Section title="Output"><JsonBlock text={d.output} label="Execution output" /></Section>
    </div>
  );
}

const redrivable = new Set(['FAILED', 'TIMED_OUT', 'ABORTED']);

/**
 * Redrive is offered when DescribeExecution says REDRIVABLE (or, without it, for ended failures);
 * never for a Map Run's child, which AWS redrives only with its parent (REDRIVABLE_BY_MAP_RUN).
 */
function canRedrive(d: ExecutionDescription): boolean {
  if (d.mapRunArn) return false;
  if (d.redriveStatus) return d.redriveStatus === 'REDRIVABLE';
  return redrivable.has(d.status);
}

function Controls({ desc, onChanged }: { desc: ExecutionDescription; onChanged: () => Promise<void> }) {
  const client = useClient();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<Error>();
  const act = async (action: string) => {
    setError(undefined);
    setConfirming(false);
    try {
      await client.call(action, { executionArn: desc.executionArn });
      await onChanged();
    } catch (e) {
      setError(e as Error);
    }
  };
  return (
    <div class="actions">
      {desc.status === 'RUNNING' && !confirming ? <button type="button" class="danger" onClick={() => setConfirming(true)}>Stop</button> : null}
      {confirming ? (
        <span class="confirm" role="group" aria-label="Confirm stop">
          <button type="button" class="danger" onClick={() => act('StopExecution')}>Confirm stop</button>
          <button type="button" onClick={() => setConfirming(false)}>Cancel</button>
        </span>
      ) : null}
      {canRedrive(desc) ? <button type="button" onClick={() => act('RedriveExecution')}>Redrive</button> : null}
      <ErrorBanner error={error} />
    </div>
  );
}
