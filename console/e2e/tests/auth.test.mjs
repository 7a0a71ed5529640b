// With --credentials the console asks for an access key and signs every call with SigV4;
// the server verifies the signatures.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, startServer, watchPage } from '../lib/harness.mjs';

let server;
let browser;

describe('console with credentials', { timeout: 120_000 }, () => {
  before(async () => {
    server = await startServer(['--credentials', 'AKIDE2E:e2e-secret-key']);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('refuses unsigned API calls', async () => {
    await assert.rejects(server.api('ListStateMachines', {}), /HTTP 4\d\d/);
  });

  it('asks for credentials, rejects a wrong secret and signs with the right one', async () => {
    const page = await (await browser.newContext()).newPage();
    const problems = watchPage(page);
    await page.goto(server.url + '/');
    await page.getByRole('heading', { name: 'Sign in to Stepwise' }).waitFor();
    await page.getByLabel('Access key ID').fill('AKIDE2E');
    await page.getByLabel('Secret access key').fill('wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    assert.match((await page.getByRole('alert').textContent()) ?? '', /signature/i);
    await page.getByLabel('Access key ID').fill('AKIDE2E');
    await page.getByLabel('Secret access key').fill('e2e-secret-key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'State machines', level: 1 }).waitFor();
    await page.getByText('No state machines.').waitFor();
    await page.getByRole('button', { name: 'Create state machine' }).click();
    const form = page.getByRole('form', { name: 'Create state machine' });
    await form.getByLabel('Name').fill('signed');
    await form.getByRole('button', { name: 'Create' }).click();
    await page.locator('[data-state="Hello"]').waitFor();
    assert.deepEqual(problems, []);
  });
});
