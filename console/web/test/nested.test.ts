import { describe, expect, it } from 'vitest';
import { visitDetails } from '../src/model/inspect';
import { isExecutionArn, startedBy, startedExecutions } from '../src/model/nested';
import { analyse, type HistoryEvent } from '../src/model/status';

const parent = 'arn:aws:states:us-east-1:123456789012:execution:parent:p-1';
const child = 'arn:aws:states:us-east-1:123456789012:execution:child:c-1';
const other = 'arn:aws:states:us-east-1:123456789012:execution:child:c-2';

describe('startedBy', () => {
  const cases: [string, string | null | undefined, string | undefined][] = [
    ['the parent the input names', `{"x":1,"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID":"${parent}"}`, parent],
    ['an express parent', '{"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID":"arn:aws:states:eu-west-1:123456789012:express:sm:run:0f1e"}',
      'arn:aws:states:eu-west-1:123456789012:express:sm:run:0f1e'],
    ['no such key', '{"x":1}', undefined],
    ['not an execution ARN', '{"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID":"arn:aws:states:us-east-1:123456789012:stateMachine:sm"}', undefined],
    ['not a string', '{"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID":42}', undefined],
    ['nested deeper', `{"a":{"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID":"${parent}"}}`, undefined],
    ['an array', `["AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID"]`, undefined],
    ['not JSON', 'AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID', undefined],
    ['no input', undefined, undefined],
    ['null input', null, undefined],
  ];
  for (const [name, input, want] of cases) it(name, () => expect(startedBy(input)).toBe(want));
  it('knows execution ARNs', () => {
    expect(isExecutionArn(parent)).toBe(true);
    expect(isExecutionArn('arn:aws-cn:states:cn-north-1:123456789012:execution:sm:e')).toBe(true);
    expect(isExecutionArn('arn:aws:states:us-east-1:123456789012:mapRun:sm/m:1')).toBe(false);
    expect(isExecutionArn(undefined)).toBe(false);
  });
});

function task(id: number, prev: number, type: string, resource: string, output?: object): HistoryEvent {
  const key = type === 'TaskSubmitted' ? 'taskSubmittedEventDetails' : type === 'TaskSucceeded' ? 'taskSucceededEventDetails' : 'taskScheduledEventDetails';
  const details: Record<string, unknown> = { resourceType: 'states', resource };
  if (output) details.output = JSON.stringify(output);
  return { id, previousEventId: prev, timestamp: 0, type, [key]: details };
}

describe('startedExecutions', () => {
  const entered = (id: number, prev: number, name: string): HistoryEvent =>
    ({ id, previousEventId: prev, timestamp: 0, type: 'TaskStateEntered', stateEnteredEventDetails: { name, input: '{}' } });
  const exited = (id: number, prev: number, name: string): HistoryEvent =>
    ({ id, previousEventId: prev, timestamp: 0, type: 'TaskStateExited', stateExitedEventDetails: { name, output: '{}' } });
  const h: HistoryEvent[] = [
    { id: 1, previousEventId: 0, timestamp: 0, type: 'ExecutionStarted' },
    // .sync: the submitted and the succeeded output name the same child.
    entered(2, 0, 'Sync'),
    task(3, 2, 'TaskScheduled', 'startExecution.sync'),
    task(4, 3, 'TaskSubmitted', 'startExecution.sync', { ExecutionArn: child, StartDate: 1 }),
    task(5, 4, 'TaskSucceeded', 'startExecution.sync', { ExecutionArn: child, Output: '{}' }),
    exited(6, 5, 'Sync'),
    // .waitForTaskToken: what SendTaskSuccess sent is not the child.
    entered(7, 6, 'Callback'),
    task(8, 7, 'TaskSubmitted', 'startExecution.waitForTaskToken', { ExecutionArn: other, StartDate: 1 }),
    task(9, 8, 'TaskSucceeded', 'startExecution.waitForTaskToken', { ExecutionArn: parent }),
    exited(10, 9, 'Callback'),
    // Another service's output is not a child either.
    entered(11, 10, 'Lambda'),
    { id: 12, previousEventId: 11, timestamp: 0, type: 'TaskSucceeded', taskSucceededEventDetails: { resourceType: 'lambda', resource: 'invoke', output: JSON.stringify({ ExecutionArn: parent }) } },
    exited(13, 12, 'Lambda'),
  ];
  const a = analyse(h);
  const of = (name: string) => startedExecutions(a, a.byName.get(name)![0]);
  it('reads a .sync task once', () => expect(of('Sync')).toEqual([child]));
  it('reads .sync:2 however its resource is split', () => {
    const split = (id: number, prev: number): HistoryEvent => ({ id, previousEventId: prev, timestamp: 0, type: 'TaskSubmitted',
      taskSubmittedEventDetails: { resourceType: 'states:startExecution.sync', resource: '2', output: JSON.stringify({ ExecutionArn: other }) } });
    const b = analyse([h[0], entered(2, 0, 'Two'), task(3, 2, 'TaskSubmitted', 'startExecution.sync:2', { ExecutionArn: child }), split(4, 3)]);
    expect(startedExecutions(b, b.byName.get('Two')![0])).toEqual([child, other]);
  });
  it('reads a callback task from TaskSubmitted only', () => expect(of('Callback')).toEqual([other]));
  it('reads nothing from other services', () => expect(of('Lambda')).toEqual([]));
  it('is part of the inspector data', () => expect(visitDetails(a, a.byName.get('Sync')![0]).started).toEqual([child]));
});
