import { describe, expect, it } from 'vitest';
import { executionGraphFromText, nodeId } from '../src/model/asl';
import { visitDetails } from '../src/model/inspect';
import {
  concurrencyText, doneCount, isMapRunArn, type MapRunCounts, type MapRunDescription, mapRunLabel, mapRunOfEvent, mapRunsIn,
  mapRunsOf, parseMapRunArn, processorFor, progressParts, settingsOf, toleranceText, updateMapRunInput,
} from '../src/model/maprun';
import { firstPages, morePages, type Page } from '../src/model/paging';
import { analyse, type HistoryEvent, stateStatuses } from '../src/model/status';
import { paths, route } from '../src/router';

const run1 = 'arn:aws:states:us-east-1:123456789012:mapRun:dmap/Fan:634a7a23-afc6-42b0-94c7-98a0007d7707';
const run2 = 'arn:aws:states:us-east-1:123456789012:mapRun:dmap/Fan:0f1e2d3c-0000-4000-8000-000000000002';
const parentArn = 'arn:aws:states:us-east-1:123456789012:execution:dmap:run-1';

describe('Map Run ARNs', () => {
  it('splits a Map Run ARN', () => {
    expect(parseMapRunArn(run1)).toEqual({
      stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:dmap',
      label: 'Fan',
      id: '634a7a23-afc6-42b0-94c7-98a0007d7707',
    });
    expect(parseMapRunArn('arn:aws-cn:states:cn-north-1:123456789012:mapRun:sm/My label:1')).toEqual({
      stateMachineArn: 'arn:aws-cn:states:cn-north-1:123456789012:stateMachine:sm',
      label: 'My label',
      id: '1',
    });
  });
  const notMapRuns: [string, unknown][] = [
    ['an execution', parentArn],
    ['a Map Run child', 'arn:aws:states:us-east-1:123456789012:execution:dmap/Fan:3dd315bc'],
    ['no label', 'arn:aws:states:us-east-1:123456789012:mapRun:dmap:1'],
    ['a masked recording', 'map_run_arn'],
    ['a number', 42],
    ['nothing', undefined],
  ];
  for (const [name, v] of notMapRuns) {
    it(`refuses ${name}`, () => {
      expect(parseMapRunArn(v)).toBeUndefined();
      expect(isMapRunArn(v)).toBe(false);
    });
  }
  it('names a Map Run by its label', () => {
    expect(mapRunLabel(run1)).toBe('Fan');
    expect(mapRunLabel('not an arn')).toBe('not an arn');
  });
  it('routes /map-runs/<arn> and back', () => {
    const path = paths.mapRun(run1);
    expect(path).toBe('/map-runs/arn:aws:states:us-east-1:123456789012:mapRun:dmap%2FFan:634a7a23-afc6-42b0-94c7-98a0007d7707');
    expect(route(path)).toEqual({ page: 'map-run', arn: run1 });
    expect(route('/map-runs/')).toEqual({ page: 'not-found' });
    expect(route(paths.execution('arn:aws:states:us-east-1:123456789012:execution:dmap/Fan:c-1'))).toEqual({
      page: 'execution', arn: 'arn:aws:states:us-east-1:123456789012:execution:dmap/Fan:c-1',
    });
  });
});

// The parent's history as `stepwise serve` records it (and AWS: the recorded cases have the same
// events and links), with the Map entered twice: once per loop, each with its own Map Run.
function parentHistory(): HistoryEvent[] {
  const ev = (id: number, prev: number, type: string, extra: Record<string, unknown> = {}): HistoryEvent =>
    ({ id, previousEventId: prev, timestamp: 1795676510 + id / 1000, type, ...extra });
  const entered = (name: string) => ({ stateEnteredEventDetails: { name, input: '{}' } });
  const exited = (name: string) => ({ stateExitedEventDetails: { name, output: '[]' } });
  return [
    ev(1, 0, 'ExecutionStarted', { executionStartedEventDetails: { input: '{}' } }),
    ev(2, 0, 'MapStateEntered', entered('Fan')),
    ev(3, 2, 'MapStateStarted', { mapStateStartedEventDetails: { length: 4 } }),
    ev(4, 3, 'MapRunStarted', { mapRunStartedEventDetails: { mapRunArn: run1 } }),
    ev(5, 4, 'MapRunSucceeded'),
    ev(6, 5, 'MapStateSucceeded'),
    ev(7, 5, 'MapStateExited', exited('Fan')),
    ev(8, 7, 'PassStateEntered', entered('Again')),
    ev(9, 8, 'PassStateExited', exited('Again')),
    ev(10, 9, 'MapStateEntered', entered('Fan')),
    ev(11, 10, 'MapStateStarted', { mapStateStartedEventDetails: { length: 4 } }),
    ev(12, 11, 'MapRunStarted', { mapRunStartedEventDetails: { mapRunArn: run2 } }),
    ev(13, 12, 'MapRunFailed', { mapRunFailedEventDetails: { error: 'States.ExceedToleratedFailureThreshold', cause: 'too many' } }),
    ev(14, 13, 'MapStateFailed'),
    ev(15, 14, 'ExecutionFailed', { executionFailedEventDetails: { error: 'States.ExceedToleratedFailureThreshold', cause: 'too many' } }),
  ];
}

describe('the Map Runs of an execution', () => {
  const events = parentHistory();
  const a = analyse(events);
  const [first, second] = a.byName.get('Fan')!;
  it('reads a MapRunStarted event', () => {
    expect(mapRunOfEvent(events[3])).toBe(run1);
    expect(mapRunOfEvent(events[4])).toBeUndefined();
    expect(mapRunOfEvent({ id: 1, timestamp: 0, type: 'MapRunStarted', mapRunStartedEventDetails: { mapRunArn: 'map_run_arn' } })).toBeUndefined();
  });
  it('gives each visit of the Map its own Map Run', () => {
    expect(mapRunsOf(a, first)).toEqual([run1]);
    expect(mapRunsOf(a, second)).toEqual([run2]);
    expect(mapRunsOf(a, a.byName.get('Again')![0])).toEqual([]);
  });
  it('puts them in the inspector data', () => {
    expect(visitDetails(a, first).mapRuns).toEqual([run1]);
    // MapStateFailed has no details: the Map's error is its Map Run's (MapRunFailed).
    expect(visitDetails(a, second)).toMatchObject({ mapRuns: [run2], error: 'States.ExceedToleratedFailureThreshold', cause: 'too many' });
  });
  it('lists all of them once, in event order', () => {
    expect(mapRunsIn(events)).toEqual([run1, run2]);
    expect(mapRunsIn([...events, events[3]])).toEqual([run1, run2]);
    expect(mapRunsIn([])).toEqual([]);
  });
  it('colours the Map by its last visit', () => {
    expect(stateStatuses(a, 'FAILED').get('Fan')).toBe('failed');
  });
});

const counts = (c: Partial<MapRunCounts>): MapRunCounts =>
  ({ pending: 0, running: 0, succeeded: 0, failed: 0, timedOut: 0, aborted: 0, total: 0, resultsWritten: 0, ...c });

describe('Map Run counters', () => {
  it('splits the progress bar by item status', () => {
    expect(progressParts(counts({ succeeded: 3, failed: 1, total: 4 }))).toEqual([
      { key: 'succeeded', count: 3, percent: 75 },
      { key: 'failed', count: 1, percent: 25 },
    ]);
    expect(progressParts(counts({ running: 2, pending: 6, total: 8 })).map((p) => [p.key, p.percent])).toEqual([['running', 25], ['pending', 75]]);
  });
  it('has no bar without items', () => {
    expect(progressParts(counts({}))).toEqual([]);
    expect(progressParts(undefined)).toEqual([]);
  });
  it('adds the parts up when the total is missing', () => {
    expect(progressParts(counts({ succeeded: 1, aborted: 1 })).map((p) => p.percent)).toEqual([50, 50]);
  });
  it('counts the ended items', () => {
    expect(doneCount(counts({ succeeded: 2, failed: 1, timedOut: 1, aborted: 1, running: 5, pending: 4 }))).toBe(5);
    expect(doneCount(undefined)).toBe(0);
  });
  it('says the concurrency', () => {
    expect(concurrencyText(0)).toBe('No limit');
    expect(concurrencyText(undefined)).toBe('No limit');
    expect(concurrencyText(2)).toBe('2');
  });
  const tolerances: [Partial<MapRunDescription>, string][] = [
    [{}, 'None (any failure fails the Map Run)'],
    [{ toleratedFailureCount: 0, toleratedFailurePercentage: 0 }, 'None (any failure fails the Map Run)'],
    [{ toleratedFailureCount: 1 }, '1 item'],
    [{ toleratedFailureCount: 5 }, '5 items'],
    [{ toleratedFailurePercentage: 12.5 }, '12.5 %'],
    [{ toleratedFailurePercentage: 100 }, '100 %'],
    [{ toleratedFailureCount: 3, toleratedFailurePercentage: 33.333333 }, '3 items or 33.33 %'],
  ];
  for (const [d, want] of tolerances) it(`says the tolerance ${want}`, () => expect(toleranceText(d)).toBe(want));
});

describe('UpdateMapRun from the Edit form', () => {
  const d: MapRunDescription = {
    mapRunArn: run1, executionArn: parentArn, status: 'RUNNING', startDate: 1, maxConcurrency: 2, toleratedFailureCount: 1,
    itemCounts: counts({}), executionCounts: counts({}),
  };
  it('starts from the Map Run as it is', () => {
    expect(settingsOf(d)).toEqual({ maxConcurrency: '2', toleratedFailureCount: '1', toleratedFailurePercentage: '0' });
  });
  it('sends numbers', () => {
    expect(updateMapRunInput(run1, { maxConcurrency: ' 10 ', toleratedFailureCount: '0', toleratedFailurePercentage: '2.5' })).toEqual({
      input: { mapRunArn: run1, maxConcurrency: 10, toleratedFailureCount: 0, toleratedFailurePercentage: 2.5 },
    });
  });
  it('leaves empty fields out', () => {
    expect(updateMapRunInput(run1, { maxConcurrency: '', toleratedFailureCount: '', toleratedFailurePercentage: '' })).toEqual({ input: { mapRunArn: run1 } });
  });
  const bad: [Partial<Record<string, string>>, string][] = [
    [{ maxConcurrency: '-1' }, 'Max concurrency must be a whole number of 0 or more.'],
    [{ maxConcurrency: '1.5' }, 'Max concurrency must be a whole number of 0 or more.'],
    [{ toleratedFailureCount: 'x' }, 'Tolerated failure count must be a whole number of 0 or more.'],
    [{ toleratedFailurePercentage: '100.5' }, 'Tolerated failure percentage must be 100 or less.'],
    [{ toleratedFailurePercentage: '1e2' }, 'Tolerated failure percentage must be a number of 0 or more.'],
  ];
  for (const [f, want] of bad) {
    it(`refuses ${JSON.stringify(f)}`, () => {
      const form = { maxConcurrency: '', toleratedFailureCount: '', toleratedFailurePercentage: '', ...f };
      expect(updateMapRunInput(run1, form)).toEqual({ error: want });
    });
  }
});

describe('the graph of a Map Run child', () => {
  const def = {
    StartAt: 'Prepare',
    States: {
      Prepare: { Type: 'Pass', Next: 'Both' },
      Both: {
        Type: 'Parallel',
        Branches: [
          {
            StartAt: 'Outer',
            States: {
              Outer: {
                Type: 'Map',
                ItemProcessor: {
                  ProcessorConfig: { Mode: 'INLINE' },
                  StartAt: 'Inner',
                  States: {
                    Inner: { Type: 'Map', Label: 'Deep', ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED' }, StartAt: 'Leaf', States: { Leaf: { Type: 'Pass', End: true } } }, End: true },
                  },
                },
                End: true,
              },
            },
          },
        ],
        Next: 'Fan',
      },
      Fan: { Type: 'Map', ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED' }, StartAt: 'Work', States: { Work: { Type: 'Pass', Next: 'Done' }, Done: { Type: 'Succeed' } } }, End: true },
      Old: { Type: 'Map', Iterator: { StartAt: 'Legacy', States: { Legacy: { Type: 'Pass', End: true } } }, End: true },
    },
  };
  const names = (label?: string) =>
    executionGraphFromText(JSON.stringify(def), label).nodes.filter((n) => n.type !== 'Start' && n.type !== 'End').map((n) => n.name);
  it('finds a Map by its name', () => expect(processorFor(def, 'Fan')?.StartAt).toBe('Work'));
  it('finds a Map by its Label, not its name', () => {
    expect(processorFor(def, 'Deep')?.StartAt).toBe('Leaf');
    expect(processorFor(def, 'Inner')).toBeUndefined();
  });
  it('reads an Iterator', () => expect(processorFor(def, 'Old')?.StartAt).toBe('Legacy'));
  it('draws the item processor the child ran', () => {
    expect(names('Fan')).toEqual(['Work', 'Done']);
    expect(names('Deep')).toEqual(['Leaf']);
    const g = executionGraphFromText(JSON.stringify(def), 'Fan');
    expect(g.edges.some((e) => e.from === 'start:root' && e.to === nodeId('Work'))).toBe(true);
  });
  it('draws the whole definition without a label or a match', () => {
    expect(names()).toEqual(['Prepare', 'Both', 'Fan', 'Old']);
    expect(names('Nowhere')).toEqual(['Prepare', 'Both', 'Fan', 'Old']);
  });
  it('draws a definition that is already the processor', () => {
    const proc = JSON.stringify(def.States.Fan.ItemProcessor);
    expect(executionGraphFromText(proc, 'Fan').nodes.map((n) => n.name)).toContain('Work');
  });
  it('still refuses what is not a definition', () => {
    expect(() => executionGraphFromText('{', 'Fan')).toThrow(/not valid JSON/);
    expect(processorFor([], 'Fan')).toBeUndefined();
  });
});

describe('paging', () => {
  const all = Array.from({ length: 7 }, (_, i) => i);
  const calls: (string | undefined)[] = [];
  const read = async (token?: string): Promise<Page<number>> => {
    calls.push(token);
    const from = token ? Number(token) : 0;
    const next = from + 3 < all.length ? String(from + 3) : undefined;
    return { items: all.slice(from, from + 3), nextToken: next };
  };
  it('reads the first page', async () => {
    calls.length = 0;
    expect(await firstPages(read, 1)).toEqual({ items: [0, 1, 2], nextToken: '3', pages: 1 });
    expect(calls).toEqual([undefined]);
  });
  it('appends the next page', async () => {
    const one = await firstPages(read, 1);
    expect(await morePages(read, one)).toEqual({ items: [0, 1, 2, 3, 4, 5], nextToken: '6', pages: 2 });
  });
  it('reads the pages shown again, stopping at the end', async () => {
    calls.length = 0;
    expect(await firstPages(read, 2)).toEqual({ items: [0, 1, 2, 3, 4, 5], nextToken: '6', pages: 2 });
    expect(calls).toEqual([undefined, '3']);
    expect(await firstPages(read, 10)).toEqual({ items: all, nextToken: undefined, pages: 3 });
  });
  it('reads an empty list once', async () => {
    let n = 0;
    const empty = async (): Promise<Page<number>> => (n++, { items: [] });
    expect(await firstPages(empty, 0)).toEqual({ items: [], nextToken: undefined, pages: 1 });
    expect(n).toBe(1);
  });
});
