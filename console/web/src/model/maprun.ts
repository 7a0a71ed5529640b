// Map Runs, read the way the AWS console reads them: a distributed Map's visit names its Map Run
// in a MapRunStarted event (mapRunStartedEventDetails.mapRunArn); DescribeMapRun gives the
// parent execution (executionArn) and the counters; a child execution's DescribeExecution and
// DescribeStateMachineForExecution give its mapRunArn (and the Map's label); the child runs the
// Map's item processor, which is drawn as the child's graph.
import { type Analysis, type HistoryEvent, type Visit, detailsOf, distinct, visitEvents } from './status';

/** The counters of DescribeMapRun's itemCounts and executionCounts. */
export interface MapRunCounts {
  pending: number;
  running: number;
  succeeded: number;
  failed: number;
  timedOut: number;
  aborted: number;
  total: number;
  resultsWritten: number;
  failuresNotRedrivable?: number;
  pendingRedrive?: number;
}

/** DescribeMapRun's answer. */
export interface MapRunDescription {
  mapRunArn: string;
  executionArn: string;
  status: string;
  startDate: number;
  stopDate?: number;
  maxConcurrency: number;
  toleratedFailurePercentage?: number;
  toleratedFailureCount?: number;
  itemCounts: MapRunCounts;
  executionCounts: MapRunCounts;
  redriveCount?: number;
  redriveDate?: number;
}

/** The parts of a Map Run ARN: arn:aws:states:REGION:ACCOUNT:mapRun:MACHINE/LABEL:ID. */
export interface MapRunArnParts {
  /** The ARN of the state machine whose execution started the Map Run. */
  stateMachineArn: string;
  label: string;
  id: string;
}

const mapRunArnRe = /^(arn:[a-z-]+:states:[^:]*:\d{12}):mapRun:([^:/]+)\/([^:]+):([^:]+)$/;

/** Splits a Map Run ARN, or answers undefined for anything else. */
export function parseMapRunArn(arn: unknown): MapRunArnParts | undefined {
  if (typeof arn !== 'string') return undefined;
  const m = mapRunArnRe.exec(arn);
  if (!m) return undefined;
  return { stateMachineArn: `${m[1]}:stateMachine:${m[2]}`, label: m[3], id: m[4] };
}

/** Whether a string is a Map Run ARN. */
export function isMapRunArn(s: unknown): s is string {
  return parseMapRunArn(s) !== undefined;
}

/** The label of a Map Run (its Map state's Label, or the state's name), from its ARN. */
export function mapRunLabel(arn: string): string {
  return parseMapRunArn(arn)?.label ?? arn;
}

/** The Map Run a MapRunStarted event names. */
export function mapRunOfEvent(e: HistoryEvent): string | undefined {
  if (e.type !== 'MapRunStarted') return undefined;
  const arn = detailsOf(e)?.mapRunArn;
  return isMapRunArn(arn) ? arn : undefined;
}

/** The Map Runs a visit of a Map state started (one, or one more per redrive), in event order. */
export function mapRunsOf(a: Analysis, v: Visit): string[] {
  return distinct(visitEvents(a, v), mapRunOfEvent);
}

/** The counters in the order the AWS console shows them, with their labels. */
export const counterColumns: [keyof MapRunCounts, string][] = [
  ['pending', 'Pending'],
  ['running', 'Running'],
  ['succeeded', 'Succeeded'],
  ['failed', 'Failed'],
  ['timedOut', 'Timed out'],
  ['aborted', 'Aborted'],
  ['total', 'Total'],
];

/** One part of the progress bar: a share of the total items in one state. */
export interface ProgressPart {
  key: 'succeeded' | 'failed' | 'timedOut' | 'aborted' | 'running' | 'pending';
  count: number;
  percent: number;
}

const progressKeys: ProgressPart['key'][] = ['succeeded', 'failed', 'timedOut', 'aborted', 'running', 'pending'];

/** The non-empty parts of the progress bar, in percent of the total (0 when the total is 0). */
export function progressParts(c: MapRunCounts | undefined): ProgressPart[] {
  if (!c) return [];
  const total = c.total > 0 ? c.total : progressKeys.reduce((s, k) => s + (c[k] ?? 0), 0);
  if (total <= 0) return [];
  return progressKeys
    .filter((k) => (c[k] ?? 0) > 0)
    .map((key) => ({ key, count: c[key], percent: Math.min(100, (c[key] / total) * 100) }));
}

/** How many items have ended (succeeded, failed, timed out or aborted). */
export function doneCount(c: MapRunCounts | undefined): number {
  if (!c) return 0;
  return (c.succeeded ?? 0) + (c.failed ?? 0) + (c.timedOut ?? 0) + (c.aborted ?? 0);
}

/** MaxConcurrency as the console says it: 0 means no limit of the user's (AWS runs up to 10,000). */
export function concurrencyText(n: number | undefined): string {
  return n ? String(n) : 'No limit';
}

/** The failure tolerance of a Map Run: a count, a percentage, both or none. */
export function toleranceText(d: Pick<MapRunDescription, 'toleratedFailureCount' | 'toleratedFailurePercentage'>): string {
  const parts: string[] = [];
  if (d.toleratedFailureCount) parts.push(`${d.toleratedFailureCount} ${d.toleratedFailureCount === 1 ? 'item' : 'items'}`);
  if (d.toleratedFailurePercentage) parts.push(`${trimPercent(d.toleratedFailurePercentage)} %`);
  return parts.length ? parts.join(' or ') : 'None (any failure fails the Map Run)';
}

function trimPercent(p: number): string {
  return Number.isInteger(p) ? String(p) : p.toFixed(2).replace(/\.?0+$/, '');
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function processorOfState(st: Obj): Obj | undefined {
  if (isObj(st.ItemProcessor)) return st.ItemProcessor;
  return isObj(st.Iterator) ? st.Iterator : undefined;
}

/**
 * The item processor of the Map state labelled `label` (its Label, or else its name), searched
 * through Parallel branches and Map processors: what a Map Run's child executions run.
 */
export function processorFor(def: unknown, label: string): Obj | undefined {
  if (!isObj(def) || !isObj(def.States)) return undefined;
  for (const [name, st] of Object.entries(def.States)) {
    if (!isObj(st)) continue;
    const proc = st.Type === 'Map' ? processorOfState(st) : undefined;
    if (proc && (st.Label ?? name) === label) return proc;
    const scopes = st.Type === 'Parallel' && Array.isArray(st.Branches) ? st.Branches : proc ? [proc] : [];
    for (const scope of scopes) {
      const found = processorFor(scope, label);
      if (found) return found;
    }
  }
  return undefined;
}

/** The Edit form's fields (text, as typed). */
export interface MapRunSettings {
  maxConcurrency: string;
  toleratedFailureCount: string;
  toleratedFailurePercentage: string;
}

/** The form's fields for a Map Run as it is. */
export function settingsOf(d: MapRunDescription): MapRunSettings {
  return {
    maxConcurrency: String(d.maxConcurrency ?? 0),
    toleratedFailureCount: String(d.toleratedFailureCount ?? 0),
    toleratedFailurePercentage: String(d.toleratedFailurePercentage ?? 0),
  };
}

/** UpdateMapRun's input from the form, or the first field's error (empty fields are left as they are). */
export function updateMapRunInput(mapRunArn: string, f: MapRunSettings): { input?: Record<string, unknown>; error?: string } {
  const input: Record<string, unknown> = { mapRunArn };
  const checks: [keyof MapRunSettings, string, boolean, number][] = [
    ['maxConcurrency', 'Max concurrency', true, Infinity],
    ['toleratedFailureCount', 'Tolerated failure count', true, Infinity],
    ['toleratedFailurePercentage', 'Tolerated failure percentage', false, 100],
  ];
  for (const [key, label, integer, max] of checks) {
    const text = f[key].trim();
    if (text === '') continue;
    const n = Number(text);
    if (!/^\d+(\.\d+)?$/.test(text) || (integer && !Number.isInteger(n))) return { error: `${label} must be a ${integer ? 'whole ' : ''}number of 0 or more.` };
    if (n > max) return { error: `${label} must be ${max} or less.` };
    input[key] = n;
  }
  return { input };
}

/** The Map Runs an execution's events name (its MapRunStarted events), in event order. */
export function mapRunsIn(events: readonly HistoryEvent[]): string[] {
  return distinct(events, mapRunOfEvent);
}
