import { describe, expect, it } from 'vitest';
import { analyse, type HistoryEvent, stateStatuses } from '../src/model/status';

let t = 0;
function ev(id: number, prev: number, type: string, details?: Record<string, unknown>): HistoryEvent {
  const e: HistoryEvent = { id, previousEventId: prev, timestamp: 1700000000 + t++ / 1000, type };
  if (details) Object.assign(e, details);
  return e;
}
const entered = (id: number, prev: number, type: string, name: string, input = '{}') =>
  ev(id, prev, `${type}StateEntered`, { stateEnteredEventDetails: { name, input } });
const exited = (id: number, prev: number, type: string, name: string, output = '{}', extra: Record<string, unknown> = {}) =>
  ev(id, prev, `${type}StateExited`, { stateExitedEventDetails: { name, output, ...extra } });

function statuses(events: HistoryEvent[], exec: string): Record<string, string> {
  return Object.fromEntries(stateStatuses(analyse(events), exec));
}

describe('stateStatuses', () => {
  it('marks entered and exited states succeeded', () => {
    const h = [ev(1, 0, 'ExecutionStarted'), entered(2, 0, 'Pass', 'A'), exited(3, 2, 'Pass', 'A'), entered(4, 3, 'Succeed', 'B'), exited(5, 4, 'Succeed', 'B'), ev(6, 5, 'ExecutionSucceeded')];
    expect(statuses(h, 'SUCCEEDED')).toEqual({ A: 'succeeded', B: 'succeeded' });
  });

  it('marks an entered state of a running execution running', () => {
    const h = [ev(1, 0, 'ExecutionStarted'), entered(2, 0, 'Pass', 'A'), exited(3, 2, 'Pass', 'A'), entered(4, 3, 'Wait', 'W'), ev(5, 4, 'WaitStateStarted')];
    expect(statuses(h, 'RUNNING')).toEqual({ A: 'succeeded', W: 'running' });
  });

  it('marks a task that failed the execution failed', () => {
    const h = [
      ev(1, 0, 'ExecutionStarted'), entered(2, 0, 'Task', 'T'), ev(3, 2, 'TaskScheduled'), ev(4, 3, 'TaskStarted'),
      ev(5, 4, 'TaskFailed', { taskFailedEventDetails: { error: 'E', cause: 'C' } }), ev(6, 5, 'ExecutionFailed', { executionFailedEventDetails: { error: 'E', cause: 'C' } }),
    ];
    expect(statuses(h, 'FAILED')).toEqual({ T: 'failed' });
  });

  it('marks a state failing with a runtime error (no failure event of its own) failed', () => {
    const h = [ev(1, 0, 'ExecutionStarted'), entered(2, 0, 'Pass', 'P'), ev(3, 2, 'ExecutionFailed', { executionFailedEventDetails: { error: 'States.Runtime' } })];
    expect(statuses(h, 'FAILED')).toEqual({ P: 'failed' });
  });

  it('marks a caught task caught and its handler succeeded (recorded AWS history)', () => {
    const h = [
      ev(1, 0, 'ExecutionStarted'), entered(2, 0, 'Task', 'InvokeLambda'), ev(3, 2, 'TaskScheduled'), ev(4, 3, 'TaskStarted'),
      ev(5, 4, 'TaskFailed', { taskFailedEventDetails: { error: 'States.DataLimitExceeded' } }), exited(6, 5, 'Task', 'InvokeLambda'),
      entered(7, 6, 'Pass', 'HandleGeneralError'), exited(8, 7, 'Pass', 'HandleGeneralError'), ev(9, 8, 'ExecutionSucceeded'),
    ];
    expect(statuses(h, 'SUCCEEDED')).toEqual({ InvokeLambda: 'caught', HandleGeneralError: 'succeeded' });
  });

  it('does not call a retried task that then succeeded caught', () => {
    const h = [
      ev(1, 0, 'ExecutionStarted'), entered(2, 0, 'Task', 'T'), ev(3, 2, 'TaskScheduled'), ev(4, 3, 'TaskStarted'), ev(5, 4, 'TaskFailed'),
      ev(6, 5, 'TaskScheduled'), ev(7, 6, 'TaskStarted'), ev(8, 7, 'TaskSucceeded'), exited(9, 8, 'Task', 'T'), ev(10, 9, 'ExecutionSucceeded'),
    ];
    expect(statuses(h, 'SUCCEEDED')).toEqual({ T: 'succeeded' });
  });

  it('marks a retrying task running while the execution runs', () => {
    const h = [ev(1, 0, 'ExecutionStarted'), entered(2, 0, 'Task', 'T'), ev(3, 2, 'TaskScheduled'), ev(4, 3, 'TaskStarted'), ev(5, 4, 'TaskFailed')];
    expect(statuses(h, 'RUNNING')).toEqual({ T: 'running' });
  });

  it('handles a caught Parallel whose branch failed (recorded AWS history)', () => {
    const h = [
      ev(1, 0, 'ExecutionStarted'), entered(2, 0, 'Parallel', 'ParallelState'), ev(3, 2, 'ParallelStateStarted'),
      entered(4, 3, 'Fail', 'Branch1'), ev(5, 4, 'ParallelStateFailed'), exited(6, 5, 'Parallel', 'ParallelState'),
      entered(7, 6, 'Pass', 'FinalCaught'), exited(8, 7, 'Pass', 'FinalCaught'), ev(9, 8, 'ExecutionSucceeded'),
    ];
    expect(statuses(h, 'SUCCEEDED')).toEqual({ ParallelState: 'caught', Branch1: 'failed', FinalCaught: 'succeeded' });
  });

  it('marks a branch aborted by its sibling cancelled', () => {
    const h = [
      ev(1, 0, 'ExecutionStarted'), entered(2, 0, 'Parallel', 'P'), ev(3, 2, 'ParallelStateStarted'),
      entered(4, 3, 'Task', 'Slow'), entered(5, 3, 'Fail', 'Boom'), ev(6, 4, 'TaskScheduled'), ev(7, 6, 'TaskStateAborted'),
      ev(8, 5, 'ParallelStateFailed'), ev(9, 8, 'ExecutionFailed'),
    ];
    expect(statuses(h, 'FAILED')).toEqual({ P: 'failed', Slow: 'cancelled', Boom: 'failed' });
  });

  it('follows Map iterations (recorded AWS history, shortened)', () => {
    const h = [
      ev(1, 0, 'ExecutionStarted'), entered(4, 0, 'Map', 'MapState'), ev(5, 4, 'MapStateStarted'),
      ev(6, 5, 'MapIterationStarted', { mapIterationStartedEventDetails: { index: 0, name: 'MapState' } }),
      entered(7, 6, 'Choice', 'Equals3'), exited(8, 7, 'Choice', 'Equals3'), entered(9, 8, 'Pass', 'Pass'), exited(10, 9, 'Pass', 'Pass'),
      ev(11, 10, 'MapIterationSucceeded', { mapIterationSucceededEventDetails: { index: 0, name: 'MapState' } }),
      ev(12, 10, 'MapIterationStarted', { mapIterationStartedEventDetails: { index: 1, name: 'MapState' } }),
      entered(13, 12, 'Choice', 'Equals3'), exited(14, 13, 'Choice', 'Equals3'), entered(15, 14, 'Fail', 'Break'),
      ev(16, 15, 'MapIterationFailed', { mapIterationFailedEventDetails: { index: 1, name: 'MapState' } }),
      ev(17, 15, 'MapStateFailed'), ev(18, 17, 'ExecutionFailed'),
    ];
    const a = analyse(h);
    expect(Object.fromEntries(stateStatuses(a, 'FAILED'))).toEqual({ MapState: 'failed', Equals3: 'succeeded', Pass: 'succeeded', Break: 'failed' });
    expect(a.byName.get('Equals3')?.length).toBe(2);
    expect(a.owner.get(12)?.name).toBe('MapState');
    expect(a.byName.get('Break')?.[0].parent?.name).toBe('MapState');
  });

  it('marks the open state of an aborted execution cancelled', () => {
    const h = [ev(1, 0, 'ExecutionStarted'), entered(2, 0, 'Wait', 'W'), ev(3, 2, 'ExecutionAborted')];
    expect(statuses(h, 'ABORTED')).toEqual({ W: 'cancelled' });
  });

  it('marks the open state of a timed-out execution cancelled', () => {
    const h = [ev(1, 0, 'ExecutionStarted'), entered(2, 0, 'Task', 'T'), ev(3, 2, 'TaskScheduled'), ev(4, 3, 'ExecutionTimedOut')];
    expect(statuses(h, 'TIMED_OUT')).toEqual({ T: 'cancelled' });
  });

  it('lets a redriven visit replace the failed one', () => {
    const h = [
      ev(1, 0, 'ExecutionStarted'), entered(2, 0, 'Pass', 'A'), exited(3, 2, 'Pass', 'A'), entered(4, 3, 'Task', 'T'), ev(5, 4, 'TaskFailed'), ev(6, 5, 'ExecutionFailed'),
      ev(7, 6, 'ExecutionRedriven'), entered(8, 7, 'Task', 'T'), ev(9, 8, 'TaskSucceeded'), exited(10, 9, 'Task', 'T'), ev(11, 10, 'ExecutionSucceeded'),
    ];
    expect(statuses(h, 'SUCCEEDED')).toEqual({ A: 'succeeded', T: 'succeeded' });
  });

  it('keeps a nested Parallel inside a Parallel apart', () => {
    const h = [
      ev(1, 0, 'ExecutionStarted'), entered(2, 0, 'Parallel', 'Outer'), ev(3, 2, 'ParallelStateStarted'),
      entered(4, 3, 'Parallel', 'Inner'), ev(5, 4, 'ParallelStateStarted'), entered(6, 5, 'Pass', 'Leaf'), exited(7, 6, 'Pass', 'Leaf'),
      ev(8, 7, 'ParallelStateSucceeded'), exited(9, 8, 'Parallel', 'Inner'), ev(10, 9, 'ParallelStateSucceeded'), exited(11, 10, 'Parallel', 'Outer'),
      ev(12, 11, 'ExecutionSucceeded'),
    ];
    const a = analyse(h);
    expect(a.owner.get(8)?.name).toBe('Inner');
    expect(a.owner.get(10)?.name).toBe('Outer');
    expect(Object.fromEntries(stateStatuses(a, 'SUCCEEDED'))).toEqual({ Outer: 'succeeded', Inner: 'succeeded', Leaf: 'succeeded' });
  });

  it('attributes task events to their state', () => {
    const h = [ev(1, 0, 'ExecutionStarted'), entered(2, 0, 'Task', 'T'), ev(3, 2, 'TaskScheduled'), ev(4, 3, 'TaskStarted'), ev(5, 4, 'TaskSucceeded'), exited(6, 5, 'Task', 'T')];
    const a = analyse(h);
    expect([1, 2, 3, 4, 5, 6].map((id) => a.owner.get(id)?.name ?? '')).toEqual(['', 'T', 'T', 'T', 'T', 'T']);
  });

  it('survives events without previousEventId or with unknown ones', () => {
    const h: HistoryEvent[] = [
      { id: 1, timestamp: 0, type: 'ExecutionStarted' },
      { id: 2, timestamp: 0, type: 'PassStateEntered', previousEventId: 99, stateEnteredEventDetails: { name: 'A' } },
      { id: 3, timestamp: 0, type: 'PassStateExited', stateExitedEventDetails: { name: 'A' } },
      { id: 4, timestamp: 0, type: 'PassStateExited', stateExitedEventDetails: { name: 'Nobody' } },
      { id: 5, timestamp: 0, type: 'Mystery' },
    ];
    expect(statuses(h, 'SUCCEEDED')).toEqual({ A: 'succeeded' });
  });
});

describe('EvaluationFailed', () => {
  it('belongs to the state its details name (AWS records previousEventId 0)', () => {
    const h = [
      ev(1, 0, 'ExecutionStarted'), entered(2, 0, 'Pass', 'State0'),
      ev(3, 0, 'EvaluationFailed', { evaluationFailedEventDetails: { error: 'States.QueryEvaluationError', state: 'State0', location: 'Assign/result' } }),
      ev(4, 3, 'ExecutionFailed'),
    ];
    const a = analyse(h);
    expect(a.owner.get(3)?.name).toBe('State0');
    expect(Object.fromEntries(stateStatuses(a, 'FAILED'))).toEqual({ State0: 'failed' });
  });
});
