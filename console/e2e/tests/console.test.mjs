// The console against a real `stepwise serve`: create a workflow through the UI, start a
// succeeding and a failing execution, check the list, the graph's data-status of every state,
// the event table, the inspector, Start and Stop; write the README's screenshots.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { account, createMachine, endSession, overflowOf, pagePath, phonePage, region, runExecution, shoot, startSession, statesOf, waitForStatus } from '../lib/harness.mjs';
import { approval, checkout, checkoutStatuses, child, parent, refund, refundStatuses } from '../lib/workflows.mjs';

let server;
let browser;
let page;
let problems;
const smArn = (name) => `arn:aws:states:${region}:${account}:stateMachine:${name}`;

describe('console', { timeout: 240_000 }, () => {
  before(async () => {
    ({ server, browser, page, problems } = await startSession());
  });

  after(() => endSession({ server, browser }));

  it('serves the app with its security headers and refuses foreign hosts', async () => {
    const res = await fetch(server.url + '/');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    assert.match(res.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    const status = await new Promise((ok, fail) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: '/', headers: { Host: `rebind.example:${server.port}` } }, (r) => {
        r.resume();
        ok(r.statusCode);
      });
      req.on('error', fail);
      req.end();
    });
    assert.equal(status, 403);
  });

  it('creates a state machine through the form and lists it', async () => {
    await page.goto(server.url + '/');
    await page.getByRole('heading', { name: 'State machines', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Create state machine' }).click();
    const form = page.getByRole('form', { name: 'Create state machine' });
    await form.getByLabel('Name').fill('checkout');
    await form.getByLabel('Definition (Amazon States Language JSON)').fill('{ not json');
    await page.getByText('Invalid JSON:').waitFor();
    assert.equal(await form.getByRole('button', { name: 'Create' }).isDisabled(), true);
    await form.getByLabel('Definition (Amazon States Language JSON)').fill(JSON.stringify(checkout, null, 2));
    await form.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(`**${pagePath('state-machines', smArn('checkout'))}`);
    await page.locator('[data-state="Route"]').waitFor();
    const states = await statesOf(page);
    assert.deepEqual(Object.keys(states).sort(), Object.keys(checkoutStatuses).sort());
    assert.equal(await page.locator('[data-state="Route"]').getAttribute('data-type'), 'Choice');
    assert.equal(await page.locator('.edge-choice text').first().textContent(), '$.n NumericGreaterThan 10');

    await createMachine(server, 'refund', refund);
    await page.getByRole('link', { name: 'State machines' }).first().click();
    await page.getByRole('link', { name: 'refund' }).waitFor();
    const names = await page.$$eval('table[aria-label="State machines"] tbody td:first-child', (tds) => tds.map((t) => t.textContent));
    assert.deepEqual(names.sort(), ['checkout', 'refund']);
    await page.getByPlaceholder('Search by name').fill('ref');
    assert.deepEqual(await page.$$eval('table[aria-label="State machines"] tbody td:first-child', (tds) => tds.map((t) => t.textContent)), ['refund']);
    await page.getByPlaceholder('Search by name').fill('');
    await shoot(page, 'state-machines.png');
  });

  it('starts a succeeding execution from the form and colours its graph', async () => {
    await page.goto(server.url + pagePath('state-machines', smArn('checkout')));
    await page.locator('[data-state="Route"]').waitFor();
    await shoot(page, 'state-machine.png');
    await page.getByRole('button', { name: 'Start execution' }).click();
    const form = page.getByRole('form', { name: 'Start execution' });
    await form.getByLabel('Name (optional)').fill('order-1');
    await form.getByLabel('Input (JSON)').fill('{"n": 12,');
    await page.getByText('Invalid JSON:').waitFor();
    assert.equal(await form.getByRole('button', { name: 'Start' }).isDisabled(), true);
    await form.getByLabel('Input (JSON)').fill('{"n": 12, "items": [1, 2, 3]}');
    await form.getByRole('button', { name: 'Start' }).click();
    await page.waitForURL('**/executions/**');
    await waitForStatus(page, 'SUCCEEDED');
    await page.locator('[data-state="Done"][data-status="succeeded"]').waitFor();
    assert.deepEqual(await statesOf(page), checkoutStatuses);
    await page.getByText(/\d+ events/).waitFor();
    const eventTypes = await page.$$eval('.event-row .c-type[role="cell"]', (els) => els.map((e) => e.textContent));
    assert.equal(eventTypes[0], 'ExecutionStarted');
    assert.ok(eventTypes.includes('MapIterationStarted'));
    await page.getByRole('button', { name: 'Event 2 details' }).click();
    const detail = await page.getByLabel('Details of event 2').textContent();
    assert.match(detail ?? '', /name: Prepare/);
    await page.locator('[data-state="Prepare"]').click();
    const inspector = page.locator('[data-inspector="Prepare"]');
    await inspector.waitFor();
    assert.match((await inspector.textContent()) ?? '', /\$greeting/);
    await shoot(page, 'execution-succeeded.png');
  });

  it('shows a failing execution with caught and failed states, error and cause', async () => {
    const d = await runExecution(server, smArn('refund'), { order: 7 }, 'refund-1');
    assert.equal(d.status, 'FAILED');
    await page.goto(server.url + pagePath('executions', d.executionArn));
    await waitForStatus(page, 'FAILED');
    await page.locator('[data-state="Give up"][data-status="failed"]').waitFor();
    assert.deepEqual(await statesOf(page), refundStatuses);
    const error = await page.locator('[data-execution-error]').textContent();
    assert.match(error ?? '', /Refund\.Failed/);
    assert.match(error ?? '', /could not refund/);
    assert.equal(await page.locator('.edge-catch text').first().textContent(), 'Custom.Error');
    assert.equal(await page.locator('[data-state="Try"] .retry-badge').count(), 1);
    await page.locator('[data-state="Try"]').focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-inspector="Try"]').waitFor();
    await shoot(page, 'execution-failed.png');
    // Redrive calls RedriveExecution: the execution runs again from the failed state (and here
    // fails again at once: its history gains ExecutionRedriven), or the server's error is shown.
    await page.getByRole('button', { name: 'Redrive' }).click();
    await page.waitForFunction(
      () => !!document.querySelector('.page-head [role="alert"]') ||
        document.querySelector('[data-execution-status]')?.getAttribute('data-execution-status') !== 'FAILED' ||
        document.body.textContent.includes('ExecutionRedriven'),
      undefined,
      { timeout: 15_000 },
    );
    const redriven = await server.api('DescribeExecution', { executionArn: d.executionArn });
    assert.equal(redriven.redriveCount, 1, 'RedriveExecution ran');
  });

  it('filters executions by status', async () => {
    await runExecution(server, smArn('refund'), {}, 'refund-2');
    await page.goto(server.url + pagePath('state-machines', smArn('refund')));
    await page.getByRole('link', { name: 'refund-2' }).waitFor();
    await page.getByLabel('Status filter').selectOption('SUCCEEDED');
    await page.getByText('No executions.').waitFor();
    await page.getByLabel('Status filter').selectOption('FAILED');
    await page.getByRole('link', { name: 'refund-1' }).waitFor();
  });

  it('updates a running execution live until it ends', async () => {
    const { activityArn } = await server.api('CreateActivity', { name: 'approvals' });
    const arn = await createMachine(server, 'approval', approval(activityArn));
    const { executionArn } = await server.api('StartExecution', { stateMachineArn: arn, name: 'live-1', input: '{"amount": 5}' });
    await page.goto(server.url + pagePath('executions', executionArn));
    await page.locator('[data-state="Approve"][data-status="running"]').waitFor({ timeout: 15_000 });
    const task = await server.api('GetActivityTask', { activityArn, workerName: 'e2e' });
    assert.ok(task.taskToken, 'the activity task was handed out');
    await server.api('SendTaskSuccess', { taskToken: task.taskToken, output: '{"approved": true}' });
    await waitForStatus(page, 'SUCCEEDED');
    await page.locator('[data-state="Approve"][data-status="succeeded"]').waitFor();
    await page.getByLabel('Execution output').getByText('"approved": true').waitFor();
    await page.getByText('ActivitySucceeded').waitFor();
  });

  it('stops a running execution', async () => {
    const arn = smArn('approval');
    await page.goto(server.url + pagePath('state-machines', arn));
    await page.getByRole('button', { name: 'Start execution' }).click();
    await page.getByRole('form', { name: 'Start execution' }).getByRole('button', { name: 'Start' }).click();
    await page.waitForURL('**/executions/**');
    await waitForStatus(page, 'RUNNING');
    await page.locator('[data-state="Approve"][data-status="running"]').waitFor({ timeout: 15_000 });
    assert.equal(await page.locator('[data-state="Submit"]').getAttribute('data-status'), 'succeeded');
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.getByRole('button', { name: 'Confirm stop' }).click();
    await waitForStatus(page, 'ABORTED');
    await page.locator('[data-state="Approve"][data-status="cancelled"]').waitFor();
    await page.getByText('ExecutionAborted').waitFor();
    await page.goto(server.url + '/activities');
    await page.getByRole('cell', { name: 'approvals', exact: true }).waitFor();
  });

  it('links a nested execution and the execution that started it', async () => {
    const childArn = await createMachine(server, 'child', child);
    const parentArn = await createMachine(server, 'parent', parent(childArn));
    const d = await runExecution(server, parentArn, {}, 'parent-1');
    assert.equal(d.status, 'SUCCEEDED');
    await page.goto(server.url + pagePath('executions', d.executionArn));
    await waitForStatus(page, 'SUCCEEDED');
    assert.equal(await page.locator('[data-started-by]').count(), 0);
    await page.locator('[data-state="Start child"]').click();
    const started = page.locator('[data-inspector="Start child"] [data-started-execution]');
    await started.waitFor();
    const childExecution = await started.getAttribute('data-started-execution');
    assert.match(childExecution ?? '', /:execution:child:/);
    await started.click();
    await page.waitForURL(`**${pagePath('executions', childExecution)}`);
    await waitForStatus(page, 'SUCCEEDED');
    const startedBy = page.locator('[data-started-by]');
    assert.equal(await startedBy.textContent(), 'parent-1');
    await startedBy.click();
    await page.waitForURL(`**${pagePath('executions', d.executionArn)}`);
    await page.locator('[data-state="Start child"][data-status="succeeded"]').waitFor();
  });

  it('fits a phone screen and the dark scheme', async () => {
    const d = await server.api('ListExecutions', { stateMachineArn: smArn('checkout') });
    const { ctx, page: phone, problems: phoneProblems } = await phonePage(browser);
    await phone.goto(server.url + pagePath('executions', d.executions[0].executionArn));
    await waitForStatus(phone, 'SUCCEEDED');
    await phone.locator('[data-state="Done"][data-status="succeeded"]').waitFor();
    const overflow = await overflowOf(phone);
    assert.ok(overflow <= 1, `page is ${overflow}px wider than the phone`);
    await shoot(phone, 'execution-phone-dark.png');
    await ctx.close();
    assert.deepEqual(phoneProblems, []);
  });

  it('raised no page error or CSP violation', () => {
    assert.deepEqual(problems, []);
  });
});
