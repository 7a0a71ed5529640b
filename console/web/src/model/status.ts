// What happened to each state of an execution, computed from its history events
// (GetExecutionHistory): the visits of each state (one per StateEntered event), which event
// belongs to which visit (through previousEventId, as AWS links them), and a status per state.

export type Status = 'succeeded' | 'failed' | 'running' | 'caught' | 'cancelled' | 'not-run';

export interface HistoryEvent {
  id: number;
  previousEventId?: number;
  timestamp: number;
  type: string;
  [details: string]: unknown;
}

export type VisitEnd = 'open' | 'exited' | 'failed' | 'aborted';

/** One entry into a state: from its StateEntered event to its exit, failure or abort. */
export interface Visit {
  name: string;
  type: string;
  enteredId: number;
  parent?: Visit;
  epoch: number;
  end: VisitEnd;
  /** The last outcome event was a failure (a caught failure when the visit then exits). */
  failing: boolean;
  failureId?: number;
  exitedId?: number;
  /** The visit is on the path of the execution's failure. */
  blamed: boolean;
}

export interface Analysis {
  visits: Visit[];
  byName: Map<string, Visit[]>;
  /** The visit each event belongs to (undefined for execution-level events). */
  owner: Map<number, Visit | undefined>;
  byId: Map<number, HistoryEvent>;
  terminal?: HistoryEvent;
}

const enteredRe = /^(\w+)StateEntered$/;
const exitedRe = /^(\w+)StateExited$/;
const abortedRe = /^(\w+)StateAborted$/;
const stateFailedRe = /^(Parallel|Map)State(Failed)$/;
const stateLevelRe = /^(Parallel|Map)State(Started|Succeeded)$/;
const failureRe = /^(Task|LambdaFunction|Activity)(Failed|TimedOut|StartFailed|ScheduleFailed|SubmitFailed)$|^MapRunFailed$|^EvaluationFailed$/;
const successRe = /^(Task|LambdaFunction|Activity)Succeeded$|^MapRunSucceeded$/;
const executionEndRe = /^Execution(Succeeded|Failed|Aborted|TimedOut)$/;

/** Analyses history events (in id order; the order GetExecutionHistory returns by default). */
export function analyse(events: readonly HistoryEvent[]): Analysis {
  const a = new Analyzer();
  for (const e of events) a.add(e);
  return a.result();
}

class Analyzer {
  private visits: Visit[] = [];
  private byName = new Map<string, Visit[]>();
  private owner = new Map<number, Visit | undefined>();
  private after = new Map<number, Visit | undefined>();
  private byId = new Map<number, HistoryEvent>();
  private epoch = 0;
  private last?: HistoryEvent;
  private terminal?: HistoryEvent;

  add(e: HistoryEvent): void {
    this.byId.set(e.id, e);
    const ctx = this.context(e);
    const [own, next] = this.step(e, ctx);
    this.owner.set(e.id, own);
    this.after.set(e.id, next);
    this.last = e;
  }

  result(): Analysis {
    return { visits: this.visits, byName: this.byName, owner: this.owner, byId: this.byId, terminal: this.terminal };
  }

  /** The visit that was current after the event's previous event. */
  private context(e: HistoryEvent): Visit | undefined {
    const prev = e.previousEventId;
    if (prev !== undefined && this.after.has(prev)) return this.after.get(prev);
    if (prev === 0) return undefined;
    return this.last ? this.after.get(this.last.id) : undefined;
  }

  private step(e: HistoryEvent, ctx: Visit | undefined): [Visit | undefined, Visit | undefined] {
    let m = enteredRe.exec(e.type);
    if (m) return this.enter(e, m[1], ctx);
    if ((m = exitedRe.exec(e.type))) return this.exit(e, ctx);
    if ((m = abortedRe.exec(e.type))) return this.abort(m[1], ctx);
    if ((m = stateFailedRe.exec(e.type))) return this.fail(e, this.nearest(ctx, m[1]));
    if ((m = stateLevelRe.exec(e.type))) return this.succeedLevel(e, this.nearest(ctx, m[1]));
    if (e.type.startsWith('MapIteration')) return this.iteration(e, ctx);
    if (e.type === 'ExecutionRedriven') return this.redrive();
    if (executionEndRe.test(e.type)) return this.finish(e, ctx);
    const own = this.nearest(ctx) ?? this.named(e);
    if (own && failureRe.test(e.type)) return this.fail(e, own);
    if (own && successRe.test(e.type)) own.failing = false;
    return [own, own];
  }

  private enter(e: HistoryEvent, type: string, ctx: Visit | undefined): [Visit, Visit] {
    const name = stateName(e, 'stateEnteredEventDetails');
    const v: Visit = { name, type, enteredId: e.id, parent: this.nearest(ctx), epoch: this.epoch, end: 'open', failing: false, blamed: false };
    if (type === 'Fail') {
      v.end = 'failed';
      v.failing = true;
      v.failureId = e.id;
    }
    this.visits.push(v);
    const list = this.byName.get(name);
    if (list) list.push(v);
    else this.byName.set(name, [v]);
    return [v, v];
  }

  private exit(e: HistoryEvent, ctx: Visit | undefined): [Visit | undefined, Visit | undefined] {
    const name = stateName(e, 'stateExitedEventDetails');
    const v = this.findOpen(ctx, (x) => x.name === name) ?? this.latestOpen(name);
    if (!v) return [undefined, ctx];
    v.end = 'exited';
    v.exitedId = e.id;
    return [v, v.parent];
  }

  private abort(type: string, ctx: Visit | undefined): [Visit | undefined, Visit | undefined] {
    const v = this.nearest(ctx, type);
    if (!v) return [undefined, ctx];
    v.end = 'aborted';
    return [v, v.parent];
  }

  /**
   * A failure of the visit. A failure without error details (MapStateFailed after MapRunFailed,
   * ParallelStateFailed) keeps the failure that caused it as the visit's failure event.
   */
  private fail(e: HistoryEvent, v: Visit | undefined): [Visit | undefined, Visit | undefined] {
    if (v) {
      if (!v.failing || v.failureId === undefined || hasError(e)) v.failureId = e.id;
      v.failing = true;
    }
    return [v, v];
  }

  private succeedLevel(e: HistoryEvent, v: Visit | undefined): [Visit | undefined, Visit | undefined] {
    if (v && e.type.endsWith('Succeeded')) v.failing = false;
    return [v, v];
  }

  private iteration(e: HistoryEvent, ctx: Visit | undefined): [Visit | undefined, Visit | undefined] {
    const details = detailsOf(e);
    const name = typeof details?.name === 'string' ? details.name : '';
    const v = this.findOpen(ctx, (x) => x.name === name) ?? this.latestOpen(name) ?? this.nearest(ctx, 'Map');
    return [v, v];
  }

  private redrive(): [undefined, undefined] {
    this.epoch++;
    this.terminal = undefined;
    return [undefined, undefined];
  }

  /** An execution's end: a failure blames the open visits on the failing event's path. */
  private finish(e: HistoryEvent, ctx: Visit | undefined): [undefined, undefined] {
    this.terminal = e;
    if (e.type === 'ExecutionFailed') {
      for (let v = ctx; v; v = v.parent) if (v.end === 'open' || v.end === 'failed') v.blamed = true;
    }
    return [undefined, undefined];
  }

  /** The nearest visit from ctx upward that is still open (of the given state type, if any). */
  private nearest(ctx: Visit | undefined, type?: string): Visit | undefined {
    return this.findOpen(ctx, (x) => type === undefined || x.type === type);
  }

  private findOpen(ctx: Visit | undefined, ok: (v: Visit) => boolean): Visit | undefined {
    for (let v = ctx; v; v = v.parent) if (v.end === 'open' && ok(v)) return v;
    return undefined;
  }

  /** The open visit an event names in its details' `state` (EvaluationFailed does). */
  private named(e: HistoryEvent): Visit | undefined {
    const state = detailsOf(e)?.state;
    return typeof state === 'string' ? this.latestOpen(state) : undefined;
  }

  private latestOpen(name: string): Visit | undefined {
    const list = this.byName.get(name) ?? [];
    for (let i = list.length - 1; i >= 0; i--) if (list[i].end === 'open') return list[i];
    return undefined;
  }
}

function stateName(e: HistoryEvent, key: string): string {
  const d = e[key] as { name?: unknown } | undefined;
  return typeof d?.name === 'string' ? d.name : '';
}

function hasError(e: HistoryEvent): boolean {
  const d = detailsOf(e);
  return d !== undefined && (d.error !== undefined || d.cause !== undefined);
}

/** The details object of an event (the one member whose name ends in EventDetails). */
export function detailsOf(e: HistoryEvent): Record<string, unknown> | undefined {
  for (const k in e) {
    if (k.endsWith('EventDetails') && typeof e[k] === 'object' && e[k] !== null) return e[k] as Record<string, unknown>;
  }
  return undefined;
}

/** The events a visit owns, in id order. */
export function visitEvents(a: Analysis, v: Visit): HistoryEvent[] {
  const out: HistoryEvent[] = [];
  for (const [id, owner] of a.owner) {
    const e = owner === v ? a.byId.get(id) : undefined;
    if (e) out.push(e);
  }
  return out;
}

/** The distinct values `pick` finds in events, in event order. */
export function distinct<T>(events: Iterable<HistoryEvent>, pick: (e: HistoryEvent) => T | undefined): T[] {
  const out: T[] = [];
  for (const e of events) {
    const v = pick(e);
    if (v !== undefined && !out.includes(v)) out.push(v);
  }
  return out;
}

/** The status of one visit, given the execution's status (RUNNING, SUCCEEDED, FAILED, ...). */
export function visitStatus(v: Visit, executionStatus: string, current: boolean): Status {
  switch (v.end) {
    case 'exited':
      return v.failing ? 'caught' : 'succeeded';
    case 'failed':
      return 'failed';
    case 'aborted':
      return 'cancelled';
  }
  if (executionStatus === 'RUNNING' && current) return 'running';
  if (v.failing || v.blamed) return 'failed';
  return 'cancelled';
}

const priority: Status[] = ['running', 'failed', 'caught', 'cancelled', 'succeeded'];

/** The status of every visited state: its visits' statuses, the most telling one winning. */
export function stateStatuses(a: Analysis, executionStatus: string): Map<string, Status> {
  const out = new Map<string, Status>();
  const epoch = a.visits.reduce((m, v) => Math.max(m, v.epoch), 0);
  for (const [name, visits] of a.byName) {
    const last = Math.max(...visits.map((v) => v.epoch));
    let best = priority.length;
    for (const v of visits) {
      if (v.epoch !== last) continue;
      const s = visitStatus(v, executionStatus, v.epoch === epoch);
      best = Math.min(best, priority.indexOf(s));
    }
    out.set(name, priority[best] ?? 'not-run');
  }
  return out;
}

/** The status of a state by name ('not-run' when it was never entered). */
export function statusOf(statuses: Map<string, Status>, name: string): Status {
  return statuses.get(name) ?? 'not-run';
}
