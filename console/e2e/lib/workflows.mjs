// The state machines the end-to-end tests create.

/** Succeeds: Pass (with Assign), Choice, Parallel (Pass + Wait), Map, Succeed; "Small" is never run. */
export const checkout = {
  Comment: 'Console e2e: a succeeding workflow',
  StartAt: 'Prepare',
  States: {
    Prepare: { Type: 'Pass', Assign: { greeting: 'hello' }, Next: 'Route' },
    Route: {
      Type: 'Choice',
      Choices: [{ Variable: '$.n', NumericGreaterThan: 10, Next: 'Fan' }],
      Default: 'Small',
    },
    Small: { Type: 'Pass', Next: 'Done' },
    Fan: {
      Type: 'Parallel',
      Branches: [
        { StartAt: 'Left', States: { Left: { Type: 'Pass', End: true } } },
        { StartAt: 'Right', States: { Right: { Type: 'Wait', Seconds: 1, End: true } } },
      ],
      ResultPath: '$.fan',
      Next: 'Each',
    },
    Each: {
      Type: 'Map',
      ItemsPath: '$.items',
      ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'Double', States: { Double: { Type: 'Pass', End: true } } },
      ResultPath: '$.each',
      Next: 'Done',
    },
    Done: { Type: 'Succeed' },
  },
};

export const checkoutStatuses = {
  Prepare: 'succeeded', Route: 'succeeded', Small: 'not-run', Fan: 'succeeded', Left: 'succeeded',
  Right: 'succeeded', Each: 'succeeded', Double: 'succeeded', Done: 'succeeded',
};

/** Fails: a caught Parallel failure, then a Fail state. */
export const refund = {
  Comment: 'Console e2e: a failing workflow',
  StartAt: 'Try',
  States: {
    Try: {
      Type: 'Parallel',
      Branches: [{ StartAt: 'Boom', States: { Boom: { Type: 'Fail', Error: 'Custom.Error', Cause: 'first failure' } } }],
      Retry: [{ ErrorEquals: ['States.Timeout'], MaxAttempts: 2 }],
      Catch: [{ ErrorEquals: ['Custom.Error'], ResultPath: '$.error', Next: 'Recover' }],
      Next: 'Unreached',
    },
    Unreached: { Type: 'Pass', End: true },
    Recover: { Type: 'Pass', Next: 'Give up' },
    'Give up': { Type: 'Fail', Error: 'Refund.Failed', Cause: 'could not refund' },
  },
};

export const refundStatuses = { Try: 'caught', Boom: 'failed', Unreached: 'not-run', Recover: 'succeeded', 'Give up': 'failed' };

/** Waits on an activity that no worker serves, so the execution stays RUNNING until stopped. */
export function approval(activityArn) {
  return {
    StartAt: 'Submit',
    States: {
      Submit: { Type: 'Pass', Next: 'Approve' },
      Approve: { Type: 'Task', Resource: activityArn, End: true },
    },
  };
}

/** A 200-state definition: a chain of Pass states with a Choice every tenth state. */
export function bigDefinition(n = 200) {
  const States = {};
  for (let i = 0; i < n; i++) {
    const next = i < n - 1 ? `Step${i + 1}` : undefined;
    if (!next) States[`Step${i}`] = { Type: 'Succeed' };
    else if (i % 10 === 5) States[`Step${i}`] = { Type: 'Choice', Choices: [{ Variable: '$.skip', BooleanEquals: true, Next: next }], Default: next };
    else States[`Step${i}`] = { Type: 'Pass', Next: next };
  }
  return { Comment: `${n} states`, StartAt: 'Step0', States };
}

/** A Map over `items` items: four events per item, about 10,000 events for 2,500. */
export const manyEvents = {
  StartAt: 'Fanout',
  States: {
    Fanout: {
      Type: 'Map',
      ItemsPath: '$.items',
      ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'Item', States: { Item: { Type: 'Pass', End: true } } },
      ResultPath: null,
      End: true,
    },
  },
};

/** A child workflow that `parent` starts. */
export const child = { StartAt: 'Work', States: { Work: { Type: 'Pass', Result: { done: true }, End: true } } };

/** Starts `child` and waits for it (.sync:2), passing its execution id as AWS documents. */
export function parent(childArn) {
  return {
    StartAt: 'Start child',
    States: {
      'Start child': {
        Type: 'Task',
        Resource: 'arn:aws:states:::states:startExecution.sync:2',
        Parameters: { StateMachineArn: childArn, Input: { 'AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$': '$$.Execution.Id' } },
        End: true,
      },
    },
  };
}

/**
 * A distributed Map (STANDARD children, two at a time, one failure tolerated): each item is a
 * child execution that fails when the item says so.
 */
export const fanout = {
  StartAt: 'Fan',
  States: {
    Fan: {
      Type: 'Map',
      ItemsPath: '$.items',
      MaxConcurrency: 2,
      ToleratedFailureCount: 1,
      ItemProcessor: {
        ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
        StartAt: 'Check',
        States: {
          Check: { Type: 'Choice', Choices: [{ Variable: '$.fail', BooleanEquals: true, Next: 'Boom' }], Default: 'Work' },
          Work: { Type: 'Pass', End: true },
          Boom: { Type: 'Fail', Error: 'Item.Bad', Cause: 'bad item' },
        },
      },
      End: true,
    },
  },
};

/** A distributed Map whose children wait on an activity, so that its Map Run stays RUNNING. */
export function fanoutWaiting(activityArn) {
  return {
    StartAt: 'Each',
    States: {
      Each: {
        Type: 'Map',
        Label: 'Waiting',
        ItemsPath: '$.items',
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
          StartAt: 'Approve',
          States: { Approve: { Type: 'Task', Resource: activityArn, End: true } },
        },
        End: true,
      },
    },
  };
}
