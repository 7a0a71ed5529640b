// Time to first paint and to interactive for a 200-state machine and a 10,000-event execution
// (created through the API), and the cost of scrolling the virtualised event table. Prints the
// figures; asserts only generous ceilings (the figures go to BENCHMARKS.md).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { join } from 'node:path';
import { createMachine, launchBrowser, pagePath, runExecution, screenshots, startServer } from '../lib/harness.mjs';
import { bigDefinition, manyEvents } from '../lib/workflows.mjs';

let server;
let browser;
const figures = [];

async function timings(page, ready) {
  await page.waitForFunction(ready, undefined, { polling: 'raf', timeout: 120_000 });
  return page.evaluate(() => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    return { firstPaint: fcp ? fcp.startTime : NaN, interactive: performance.now() };
  });
}

function report(name, value, unit = 'ms') {
  figures.push(`${name}: ${typeof value === 'number' ? value.toFixed(0) : value} ${unit}`);
}

describe('console performance', { timeout: 600_000 }, () => {
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    console.log(['console e2e figures (headless chromium, 2 cores):', ...figures.map((f) => '  ' + f)].join('\n'));
    await browser?.close();
    await server?.stop();
  });

  it('renders a 200-state machine', async () => {
    const arn = await createMachine(server, 'big', bigDefinition(200));
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
    await page.goto(server.url + pagePath('state-machines', arn));
    const t = await timings(page, () => document.querySelectorAll('[data-state]').length === 200);
    report('200-state machine, first contentful paint', t.firstPaint);
    report('200-state machine, graph drawn (interactive)', t.interactive);
    const click = await page.evaluate(async () => {
      const t0 = performance.now();
      document.querySelector('[data-state="Step150"]').dispatchEvent(new MouseEvent('click', { bubbles: true }));
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return performance.now() - t0;
    });
    report('200-state machine, click to next frame', click);
    assert.ok(t.interactive < 20_000);
  });

  it('renders a 10,000-event execution', async () => {
    const arn = await createMachine(server, 'many', manyEvents);
    const items = Array.from({ length: 2500 }, (_, i) => i);
    const d = await runExecution(server, arn, { items }, 'ten-thousand', 300_000);
    assert.equal(d.status, 'SUCCEEDED');
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
    await page.goto(server.url + pagePath('executions', d.executionArn));
    const t = await timings(
      page,
      () => /^10006 events$/.test(document.querySelector('.events .muted.small')?.textContent ?? '') &&
        document.querySelector('[data-state="Item"]')?.getAttribute('data-status') === 'succeeded',
    );
    report('10,000-event execution, first contentful paint', t.firstPaint);
    report('10,000-event execution, all events loaded and analysed (interactive)', t.interactive);
    const scroll = await page.evaluate(async () => {
      const body = document.querySelector('.event-body');
      const t0 = performance.now();
      body.scrollTop = body.scrollHeight;
      body.dispatchEvent(new Event('scroll'));
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return { ms: performance.now() - t0, last: !!document.querySelector('[data-event-id="10006"]'), rows: document.querySelectorAll('.event-item').length };
    });
    report('10,000-event execution, scroll to the last event', scroll.ms);
    report('10,000-event execution, event rows in the DOM', scroll.rows, 'rows');
    assert.ok(scroll.last, 'the last event is rendered after scrolling');
    assert.ok(scroll.rows < 100, `the table is virtualised (${scroll.rows} rows in the DOM)`);
    const expand = await page.evaluate(async () => {
      const t0 = performance.now();
      document.querySelector('[aria-label="Event 10006 details"]').click();
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return performance.now() - t0;
    });
    report('10,000-event execution, expand an event', expand);
    await page.evaluate(() => document.getElementById('events-h')?.scrollIntoView());
    await page.screenshot({ path: join(screenshots, 'execution-10000-events.png') });
    assert.ok(t.interactive < 60_000);
  });
});
