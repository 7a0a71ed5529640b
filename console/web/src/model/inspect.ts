// The state inspector's data: a visit's input, output, assigned variables, error, the
// variables in scope when it was entered, and the executions and Map Runs it started, all read
// from the history events.
import { mapRunsOf } from './maprun';
import { startedExecutions } from './nested';
import { type Analysis, type HistoryEvent, type Visit, detailsOf } from './status';

export interface VisitDetails {
  input?: string;
  output?: string;
  assigned: [string, string][];
  scope: [string, string][];
  error?: string;
  cause?: string;
  /** The executions the visit started (a states:startExecution task). */
  started: string[];
  /** The Map Runs the visit started (a distributed Map's MapRunStarted events). */
  mapRuns: string[];
}

/** Reads one visit's details from the analysed events. */
export function visitDetails(a: Analysis, v: Visit): VisitDetails {
  const entered = a.byId.get(v.enteredId);
  const exited = v.exitedId !== undefined ? a.byId.get(v.exitedId) : undefined;
  const d: VisitDetails = {
    input: textOf(entered && detailsOf(entered)?.input),
    output: textOf(exited && detailsOf(exited)?.output),
    assigned: exited ? assignedOf(exited) : [],
    scope: scopeAt(a, v),
    started: startedExecutions(a, v),
    mapRuns: mapRunsOf(a, v),
  };
  const failure = failureEvent(a, v);
  const fd = failure && detailsOf(failure);
  if (fd) {
    d.error = textOf(fd.error);
    d.cause = textOf(fd.cause);
  }
  return d;
}

function failureEvent(a: Analysis, v: Visit): HistoryEvent | undefined {
  if (v.failureId !== undefined && v.type !== 'Fail') return a.byId.get(v.failureId);
  if (v.blamed && a.terminal?.type === 'ExecutionFailed') return a.terminal;
  return undefined;
}

function textOf(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** The variables an exit event assigned, in event order (values are JSON text). */
export function assignedOf(e: HistoryEvent): [string, string][] {
  const vars = detailsOf(e)?.assignedVariables;
  if (typeof vars !== 'object' || vars === null) return [];
  return Object.entries(vars as Record<string, unknown>).map(([k, val]) => [k, textOf(val) ?? 'null']);
}

/** The variables visible when v was entered: assignments of earlier exits in v's enclosing scopes. */
export function scopeAt(a: Analysis, v: Visit): [string, string][] {
  const scopes = new Set<Visit | undefined>([undefined]);
  for (let p = v.parent; p; p = p.parent) scopes.add(p);
  const exits = a.visits
    .filter((x) => x.exitedId !== undefined && x.exitedId < v.enteredId && scopes.has(x.parent))
    .sort((x, y) => (x.exitedId ?? 0) - (y.exitedId ?? 0));
  const vars = new Map<string, string>();
  for (const x of exits) {
    const e = a.byId.get(x.exitedId as number);
    if (e) for (const [k, val] of assignedOf(e)) vars.set(k, val);
  }
  return [...vars];
}
