// Links between nested executions, read the way the AWS console reads them: a child names the
// execution that started it in its input (AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID, which the
// parent passes as "$$.Execution.Id"), and a parent's states:startExecution task reports the
// child's ExecutionArn in its TaskSubmitted / TaskSucceeded output. DescribeExecution names no
// parent, so nothing else is read.
import { tryParse } from './json';
import { type Analysis, type Visit, detailsOf, distinct, visitEvents } from './status';

/** The input key AWS documents for the execution that started an execution. */
export const startedByKey = 'AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID';

const executionArnRe = /^arn:[a-z-]+:states:[^:]*:\d{12}:(execution|express):[^:]+:[^:]+/;

/** Whether a string is a standard or express execution ARN. */
export function isExecutionArn(s: unknown): s is string {
  return typeof s === 'string' && executionArnRe.test(s);
}

/** The execution that started the one with this input, when its input names it. */
export function startedBy(input: string | null | undefined): string | undefined {
  if (!input || !input.includes(startedByKey)) return undefined;
  const v = tryParse(input);
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const id = (v as Record<string, unknown>)[startedByKey];
  return isExecutionArn(id) ? id : undefined;
}

// The task events whose output is StartExecution's answer (or, for .sync and .sync:2, the
// child's description): all of them but a .waitForTaskToken task's TaskSucceeded, whose output
// is what SendTaskSuccess sent. The integration is read as resourceType:resource, which is
// "states:startExecution.sync:2" however the two are split.
const startIntegration = /^states:startExecution(\.sync(:2)?|\.waitForTaskToken)?$/;

function childOf(type: string, details: Record<string, unknown> | undefined): string | undefined {
  if ((type !== 'TaskSubmitted' && type !== 'TaskSucceeded') || !details) return undefined;
  const integration = `${String(details.resourceType)}:${String(details.resource)}`;
  if (!startIntegration.test(integration)) return undefined;
  if (type === 'TaskSucceeded' && integration.endsWith('.waitForTaskToken')) return undefined;
  const out = typeof details.output === 'string' ? tryParse(details.output) : undefined;
  const arn = typeof out === 'object' && out !== null ? (out as Record<string, unknown>).ExecutionArn : undefined;
  return isExecutionArn(arn) ? arn : undefined;
}

/** The executions a visit of a state started through states:startExecution, in event order. */
export function startedExecutions(a: Analysis, v: Visit): string[] {
  return distinct(visitEvents(a, v), (e) => childOf(e.type, detailsOf(e)));
}
