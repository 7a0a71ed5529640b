// Test harness: builds and starts a real `stepwise serve`, calls its API, launches Debian's
// chromium through playwright-core (never a downloaded browser).
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

export const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '..', '..', '..');
export const screenshots = resolve(here, '..', 'screenshots');
export const account = '123456789012';
export const region = 'us-east-1';
export const roleArn = `arn:aws:iam::${account}:role/stepwise-e2e`;

/** The chromium flags this machine needs (no sandbox as root, no network beyond loopback). */
export const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

let built;

/** Builds the stepwise binary once (or uses $STEPWISE_BIN). */
export async function stepwiseBinary() {
  if (process.env.STEPWISE_BIN) return process.env.STEPWISE_BIN;
  if (!built) {
    const out = join(mkdtempSync(join(tmpdir(), 'stepwise-e2e-bin-')), 'stepwise');
    built = promisify(execFile)('go', ['build', '-o', out, './cmd/stepwise'], { cwd: repoRoot }).then(() => out);
  }
  return built;
}

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/** Starts `stepwise serve` on a free loopback port with a fresh data directory. */
export async function startServer(extraArgs = []) {
  const bin = await stepwiseBinary();
  const port = await freePort();
  const data = mkdtempSync(join(tmpdir(), 'stepwise-e2e-data-'));
  const args = ['serve', '--addr', `127.0.0.1:${port}`, '--data', data, '--time-scale', '0', ...extraArgs];
  const proc = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stdout.on('data', (b) => (log += b));
  proc.stderr.on('data', (b) => (log += b));
  const url = `http://127.0.0.1:${port}`;
  await waitUp(url, proc, () => log);
  const server = {
    url,
    port,
    log: () => log,
    api: (action, body) => callApi(url, action, body),
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((ok) => (proc.exitCode !== null ? ok() : proc.once('exit', ok)));
      rmSync(data, { recursive: true, force: true });
    },
  };
  return server;
}

async function waitUp(url, proc, log) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`stepwise serve exited ${proc.exitCode}:\n${log()}`);
    try {
      const res = await fetch(url + '/');
      const text = await res.text();
      if (!text.includes('<div id="app">')) {
        throw new Error(`GET / on stepwise serve did not return the console (status ${res.status}); is console.WithAPI mounted in cmd/stepwise/serve.go?`);
      }
      return;
    } catch (e) {
      if (e instanceof Error && e.message.includes('did not return the console')) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`stepwise serve did not answer in 30 s:\n${log()}`);
}

/** Calls the Step Functions API (unsigned; for servers without --credentials). */
export async function callApi(url, action, body = {}) {
  const res = await fetch(url + '/', {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AWSStepFunctions.${action}` },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${action}: HTTP ${res.status}: ${text}`);
  return text ? JSON.parse(text) : {};
}

/** Creates a state machine through the API and returns its ARN. */
export async function createMachine(server, name, definition, type = 'STANDARD') {
  const out = await server.api('CreateStateMachine', { name, definition: JSON.stringify(definition), roleArn, type });
  return out.stateMachineArn;
}

/** Starts an execution and waits until it is no longer RUNNING (or the timeout). */
export async function runExecution(server, stateMachineArn, input, name, timeoutMs = 60_000) {
  const { executionArn } = await server.api('StartExecution', { stateMachineArn, input: JSON.stringify(input), ...(name ? { name } : {}) });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const d = await server.api('DescribeExecution', { executionArn });
    if (d.status !== 'RUNNING' || Date.now() > deadline) return d;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Launches Debian's chromium. */
export async function launchBrowser() {
  const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
  if (!existsSync(executablePath)) throw new Error(`${executablePath} is missing: apt-get install -y chromium`);
  return chromium.launch({ executablePath, args: chromiumArgs, headless: true });
}

/** Collects page errors and CSP violations (which would mean an inline script or style). */
export function watchPage(page) {
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`);
  });
  return problems;
}

/** The console URL of a state machine or an execution. */
export function pagePath(kind, arn) {
  return `/${kind}/${encodeURIComponent(arn).replace(/%3A/gi, ':')}`;
}

/** The data-status of every state in the graph, by name. */
export async function statesOf(p) {
  return p.$$eval('[data-state]', (els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-state'), e.getAttribute('data-status')])));
}

/** Writes a screenshot of the top of the page to e2e/screenshots. */
export async function shoot(p, name) {
  await p.evaluate(() => {
    if (document.activeElement instanceof HTMLInputElement) document.activeElement.blur();
    window.scrollTo(0, 0);
  });
  await p.screenshot({ path: join(screenshots, name) });
}

/** Waits until the execution page shows this status. */
export async function waitForStatus(p, status) {
  await p.locator(`[data-execution-status="${status}"]`).waitFor({ timeout: 30_000 });
}

/**
 * Starts `stepwise serve` and chromium with one laptop-sized, light page whose errors are
 * collected in `problems`; endSession stops both.
 */
export async function startSession(serverArgs = []) {
  const server = await startServer(serverArgs);
  try {
    const browser = await launchBrowser();
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, colorScheme: 'light' });
    const page = await ctx.newPage();
    return { server, browser, page, problems: watchPage(page) };
  } catch (e) {
    await server.stop();
    throw e;
  }
}

/** Stops what startSession started (either may be missing when it failed). */
export async function endSession({ server, browser } = {}) {
  await browser?.close();
  await server?.stop();
}

/** A new phone-sized page in the dark scheme, with its errors collected in `problems`. */
export async function phonePage(browser) {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: 'dark', isMobile: true, hasTouch: true });
  const page = await ctx.newPage();
  return { ctx, page, problems: watchPage(page) };
}

/** How many pixels the page is wider than its viewport. */
export function overflowOf(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}
