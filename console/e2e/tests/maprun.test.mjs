// Map Runs against a real `stepwise serve`: a distributed Map's parent execution links its Map
// Run (summary, inspector, event table); the Map Run page shows its status, settings, counters
// and child executions (filtered by status); a child shows its item processor's graph and links
// back to its Map Run and the parent. A Map Run whose children wait on an activity updates live
// and can be edited (UpdateMapRun) while it runs. Writes map-run.png and map-run-child.png.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createMachine, endSession, overflowOf, pagePath, phonePage, runExecution, shoot, startSession, statesOf, waitForStatus } from '../lib/harness.mjs';
import { fanout, fanoutWaiting } from '../lib/workflows.mjs';

let server;
let browser;
let page;
let problems;
let firstMapRun;

const items = [{ n: 1, fail: false }, { n: 2, fail: true }, { n: 3, fail: false }, { n: 4, fail: false }];

async function childStatuses(p) {
  return p.$$eval('table[aria-label="Map Run executions"] tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-status')).sort());
}

async function count(p, key) {
  return Number(await p.locator(`[data-count="${key}"]`).textContent());
}

describe('Map Runs', { timeout: 240_000 }, () => {
  before(async () => {
    ({ server, browser, page, problems } = await startSession());
  });

  after(() => endSession({ server, browser }));

  it('goes from a parent execution to its Map Run, to a child and back', async () => {
    const arn = await createMachine(server, 'fanout', fanout);
    const d = await runExecution(server, arn, { items }, 'fan-1');
    assert.equal(d.status, 'SUCCEEDED', 'one failed item is tolerated');
    const { mapRuns } = await server.api('ListMapRuns', { executionArn: d.executionArn });
    assert.equal(mapRuns.length, 1);
    const mapRunArn = mapRuns[0].mapRunArn;
    firstMapRun = mapRunArn;

    // The parent: the summary, the Map's inspector and the MapRunStarted event link the Map Run.
    await page.goto(server.url + pagePath('executions', d.executionArn));
    await waitForStatus(page, 'SUCCEEDED');
    await page.locator('[data-state="Fan"][data-status="succeeded"]').waitFor();
    assert.equal(await page.locator(`[data-execution-map-run="${mapRunArn}"]`).textContent(), 'Fan');
    await page.getByText('MapRunStarted').waitFor();
    assert.equal(await page.locator(`[data-event-map-run="${mapRunArn}"]`).count(), 1);
    await page.locator('[data-state="Fan"]').focus();
    await page.keyboard.press('Enter');
    const link = page.locator(`[data-inspector="Fan"] [data-map-run-link="${mapRunArn}"]`);
    assert.equal(await link.textContent(), 'Map Run Fan');
    await link.click();

    // The Map Run: status, parent, settings, counters, children.
    await page.waitForURL(`**${pagePath('map-runs', mapRunArn)}`);
    await page.locator('[data-map-run-status="SUCCEEDED"]').waitFor();
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Map Run: Fan SUCCEEDED');
    assert.equal(await page.locator(`[data-parent-execution="${d.executionArn}"]`).textContent(), 'fan-1');
    assert.equal(await page.locator('[data-max-concurrency]').textContent(), '2');
    assert.equal(await page.locator('[data-tolerance]').textContent(), '1 item');
    assert.deepEqual(
      [await count(page, 'items-succeeded'), await count(page, 'items-failed'), await count(page, 'items-total'), await count(page, 'executions-total')],
      [3, 1, 4, 4],
    );
    assert.equal(await page.getByRole('img', { name: /^4 of 4 items done/ }).count(), 1);
    await page.locator('table[aria-label="Map Run executions"] tbody tr').nth(3).waitFor();
    assert.deepEqual(await childStatuses(page), ['FAILED', 'SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
    const listed = await server.api('ListExecutions', { mapRunArn });
    const shown = await page.$$eval('table[aria-label="Map Run executions"] tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-execution')));
    assert.deepEqual(shown, listed.executions.map((x) => x.executionArn));
    assert.equal(await page.getByRole('button', { name: 'Edit' }).count(), 0, 'an ended Map Run cannot be edited');
    await shoot(page, 'map-run.png');

    await page.getByLabel('Status filter').selectOption('SUCCEEDED');
    await page.waitForFunction(() => document.querySelectorAll('table[aria-label="Map Run executions"] tbody tr').length === 3);
    assert.deepEqual(await childStatuses(page), ['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
    await page.getByLabel('Status filter').selectOption('TIMED_OUT');
    await page.getByText('No executions.').waitFor();
    await page.getByLabel('Status filter').selectOption('FAILED');
    const failed = page.locator('table[aria-label="Map Run executions"] tbody tr[data-status="FAILED"]');
    await failed.waitFor();
    assert.equal(await page.locator('table[aria-label="Map Run executions"] tbody tr').count(), 1);
    const childArn = await failed.getAttribute('data-execution');
    assert.match(childArn ?? '', /:execution:fanout\/Fan:/);

    // The child: its item processor's graph, its error, and the way back.
    await failed.getByRole('link').click();
    await page.waitForURL(`**${pagePath('executions', childArn)}`);
    await waitForStatus(page, 'FAILED');
    await page.locator('[data-state="Boom"][data-status="failed"]').waitFor();
    assert.deepEqual(await statesOf(page), { Check: 'succeeded', Work: 'not-run', Boom: 'failed' });
    assert.match((await page.locator('[data-execution-error]').textContent()) ?? '', /Item\.Bad/);
    assert.equal(await page.locator('[data-map-run-child]').textContent(), 'Map Run Fan of fan-1');
    assert.equal(await page.getByRole('button', { name: 'Redrive' }).count(), 0, 'a child is redriven with its parent');
    const crumbs = await page.getByRole('navigation', { name: 'Breadcrumb' }).textContent();
    assert.match(crumbs ?? '', /^State machines \/ fanout \/ fan-1 \/ Map Run Fan \/ /);
    await shoot(page, 'map-run-child.png');
    await page.locator(`[data-map-run="${mapRunArn}"]`).click();
    await page.waitForURL(`**${pagePath('map-runs', mapRunArn)}`);
    await page.locator('[data-map-run-status="SUCCEEDED"]').waitFor();
    await page.goBack();
    await page.locator(`[data-parent-execution="${d.executionArn}"]`).click();
    await page.waitForURL(`**${pagePath('executions', d.executionArn)}`);
    await waitForStatus(page, 'SUCCEEDED');
  });

  it('updates a running Map Run live and edits it', async () => {
    const { activityArn } = await server.api('CreateActivity', { name: 'item-approvals' });
    const arn = await createMachine(server, 'waiting-fanout', fanoutWaiting(activityArn));
    const { executionArn } = await server.api('StartExecution', { stateMachineArn: arn, name: 'wait-1', input: JSON.stringify({ items: [1, 2] }) });
    await page.goto(server.url + pagePath('executions', executionArn));
    const link = page.locator('[data-execution-map-run]');
    await link.waitFor({ timeout: 15_000 });
    assert.equal(await link.textContent(), 'Waiting', 'the Map Run is named by the Map\'s Label');
    await link.click();
    await page.locator('[data-map-run-status="RUNNING"]').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('table[aria-label="Map Run executions"] tbody tr[data-status="RUNNING"]').length === 2, undefined, { timeout: 15_000 });

    await page.getByRole('button', { name: 'Edit' }).click();
    const form = page.getByRole('form', { name: 'Edit Map Run' });
    await form.getByLabel('Max concurrency (0: no limit)').fill('-3');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('Max concurrency must be a whole number of 0 or more.').waitFor();
    await form.getByLabel('Max concurrency (0: no limit)').fill('5');
    await form.getByLabel('Tolerated failure percentage').fill('10');
    await form.getByRole('button', { name: 'Save' }).click();
    await page.locator('[data-max-concurrency]', { hasText: '5' }).waitFor();
    assert.equal(await page.locator('[data-tolerance]').textContent(), '10 %');
    const described = await server.api('DescribeMapRun', { mapRunArn: await page.locator('[data-map-run-status]').evaluate(() => decodeURIComponent(location.pathname.slice('/map-runs/'.length))) });
    assert.equal(described.maxConcurrency, 5);

    for (let i = 0; i < 2; i++) {
      const task = await server.api('GetActivityTask', { activityArn, workerName: 'e2e' });
      assert.ok(task.taskToken, `activity task ${i + 1} was handed out`);
      await server.api('SendTaskSuccess', { taskToken: task.taskToken, output: '{"approved": true}' });
    }
    await page.locator('[data-map-run-status="SUCCEEDED"]').waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => document.querySelectorAll('table[aria-label="Map Run executions"] tbody tr[data-status="SUCCEEDED"]').length === 2, undefined, { timeout: 15_000 });
    assert.equal(await count(page, 'items-succeeded'), 2);
    assert.equal(await page.getByRole('button', { name: 'Edit' }).count(), 0);
  });

  it('fits a phone screen and the dark scheme', async () => {
    const { ctx, page: phone, problems: phoneProblems } = await phonePage(browser);
    await phone.goto(server.url + pagePath('map-runs', firstMapRun));
    await phone.locator('[data-map-run-status="SUCCEEDED"]').waitFor();
    await phone.locator('table[aria-label="Map Run executions"] tbody tr').nth(3).waitFor();
    const overflow = await overflowOf(phone);
    assert.ok(overflow <= 1, `page is ${overflow}px wider than the phone`);
    await ctx.close();
    assert.deepEqual(phoneProblems, []);
  });

  it('raised no page error or CSP violation', () => {
    assert.deepEqual(problems, []);
  });
});
