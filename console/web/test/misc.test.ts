import { describe, expect, it } from 'vitest';
import { detailHeight, detailText, maxDetailHeight, rowAt, rowHeight, rowOffsets } from '../src/model/events';
import { arnName, formatDuration } from '../src/model/format';
import { visitDetails } from '../src/model/inspect';
import { jsonError, prettyJSON, tryParse } from '../src/model/json';
import { analyse, type HistoryEvent } from '../src/model/status';
import { encodeArn, route } from '../src/router';

describe('prettyJSON', () => {
  const cases: [string, string][] = [
    ['{"b":1,"1":2}', '{\n  "b": 1,\n  "1": 2\n}'],
    ['[]', '[]'],
    ['{ }', '{}'],
    ['12345678901234567890.000', '12345678901234567890.000'],
    ['{"a":[1,{"x":"y, \\"z\\" {"}]}', '{\n  "a": [\n    1,\n    {\n      "x": "y, \\"z\\" {"\n    }\n  ]\n}'],
    ['"text"', '"text"'],
    ['"unterminated', '"unterminated'],
  ];
  for (const [input, want] of cases) it(input, () => expect(prettyJSON(input)).toBe(want));
  it('handles null and undefined', () => {
    expect(prettyJSON(undefined)).toBe('');
    expect(prettyJSON(null)).toBe('');
  });
});

describe('json helpers', () => {
  it('validates', () => {
    expect(jsonError('{"a":1}')).toBe('');
    expect(jsonError('{a:1}')).not.toBe('');
    expect(tryParse('[1]')).toEqual([1]);
    expect(tryParse('nope')).toBeUndefined();
  });
});

describe('format', () => {
  it('formats durations', () => {
    expect(formatDuration(0.0425)).toBe('43 ms');
    expect(formatDuration(1.5)).toBe('1.5 s');
    expect(formatDuration(75)).toBe('1 min 15 s');
    expect(formatDuration(3725)).toBe('1 h 2 min 5 s');
    expect(formatDuration(-1)).toBe('');
  });
  it('names ARNs', () => {
    expect(arnName('arn:aws:states:us-east-1:123456789012:stateMachine:hello')).toBe('hello');
    expect(arnName('arn:aws:states:us-east-1:123456789012:execution:hello:run-1')).toBe('run-1');
    expect(arnName('arn:aws:states:us-east-1:123456789012:express:hello:run-1:abc')).toBe('run-1');
  });
});

describe('router', () => {
  const arn = 'arn:aws:states:us-east-1:123456789012:execution:sm:ex 1';
  it('round-trips ARNs', () => {
    const path = `/executions/${encodeArn(arn)}`;
    expect(path).toBe('/executions/arn:aws:states:us-east-1:123456789012:execution:sm:ex%201');
    expect(route(path)).toEqual({ page: 'execution', arn });
  });
  it('matches pages', () => {
    expect(route('/')).toEqual({ page: 'state-machines' });
    expect(route('/activities/')).toEqual({ page: 'activities' });
    expect(route('/state-machines/arn:x')).toEqual({ page: 'state-machine', arn: 'arn:x' });
    expect(route('/state-machines/%E0%A4%A')).toEqual({ page: 'not-found' });
    expect(route('/elsewhere')).toEqual({ page: 'not-found' });
  });
});

describe('event rows', () => {
  it('finds rows by offset', () => {
    const off = rowOffsets(5, (i) => (i === 1 ? 100 : 0));
    expect(Array.from(off)).toEqual([0, rowHeight, 2 * rowHeight + 100, 3 * rowHeight + 100, 4 * rowHeight + 100, 5 * rowHeight + 100]);
    expect(rowAt(off, 0)).toBe(0);
    expect(rowAt(off, rowHeight + 50)).toBe(1);
    expect(rowAt(off, 1e9)).toBe(4);
    expect(rowAt(rowOffsets(0, () => 0), 10)).toBe(0);
  });
  it('finds rows among 10,000 quickly', () => {
    const off = rowOffsets(10000, () => 0);
    expect(rowAt(off, 5000 * rowHeight + 1)).toBe(5000);
  });
  it('shows details with pretty JSON', () => {
    const e: HistoryEvent = { id: 2, timestamp: 0, type: 'PassStateEntered', stateEnteredEventDetails: { name: 'A', input: '{"a":1}', inputDetails: { truncated: false } } };
    expect(detailText(e)).toBe('name: A\ninput: {\n  "a": 1\n}\ninputDetails: {\n  "truncated": false\n}');
    expect(detailText({ id: 1, timestamp: 0, type: 'X' })).toBe('(no details)');
    expect(detailHeight('x\n'.repeat(1000))).toBe(maxDetailHeight);
  });
});

describe('visitDetails', () => {
  const h: HistoryEvent[] = [
    { id: 1, previousEventId: 0, timestamp: 0, type: 'ExecutionStarted' },
    { id: 2, previousEventId: 0, timestamp: 0, type: 'PassStateEntered', stateEnteredEventDetails: { name: 'A', input: '{}' } },
    { id: 3, previousEventId: 2, timestamp: 0, type: 'PassStateExited', stateExitedEventDetails: { name: 'A', output: '{"x":1}', assignedVariables: { x: '42', y: '"s"' } } },
    { id: 4, previousEventId: 3, timestamp: 0, type: 'TaskStateEntered', stateEnteredEventDetails: { name: 'T', input: '{"x":1}' } },
    { id: 5, previousEventId: 4, timestamp: 0, type: 'TaskFailed', taskFailedEventDetails: { error: 'Boom', cause: 'because' } },
    { id: 6, previousEventId: 5, timestamp: 0, type: 'ExecutionFailed', executionFailedEventDetails: { error: 'Boom', cause: 'because' } },
  ];
  const a = analyse(h);
  it('reads input, output and assigned variables', () => {
    const d = visitDetails(a, a.byName.get('A')![0]);
    expect(d).toMatchObject({ input: '{}', output: '{"x":1}', assigned: [['x', '42'], ['y', '"s"']], scope: [] });
  });
  it('reads the scope on entry and the failure', () => {
    const d = visitDetails(a, a.byName.get('T')![0]);
    expect(d).toMatchObject({ input: '{"x":1}', output: undefined, scope: [['x', '42'], ['y', '"s"']], error: 'Boom', cause: 'because' });
  });
});
