// Shared test harness: starts the real server on a free port against the
// real built app (dist/), and real Chromium (Debian's) through playwright-core.
// Firefox and WebKitGTK are in browsers.mjs; the page helpers here take a
// playwright (Chromium) or a puppeteer (Firefox) page.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { Page as PuppeteerPage } from 'puppeteer-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SERVER = process.env.PLAYGROUND_SERVER || path.join(ROOT, 'target', 'release', 'playground-server');

export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Starts playground-server; resolves with its base URL once it prints it. */
export async function startServer(extraArgs = [], { dist = path.join(ROOT, 'dist') } = {}) {
  if (!existsSync(SERVER)) {
    throw new Error(`${SERVER} is missing: build it with scripts/build (or run scripts/test, which does).`);
  }
  if (!existsSync(path.join(dist, 'index.html'))) {
    throw new Error('dist/index.html is missing: build the app with scripts/build.');
  }
  const port = await freePort();
  const child = spawn(SERVER, ['--port', String(port), '--dist', dist, ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const url = await new Promise((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = stdout.match(/at (http:\/\/\S+\/)/);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
  });
  return { url, port, stop: () => child.kill('SIGTERM') };
}

const MIME = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };

/**
 * A tutorial page on another origin (another port) with COOP/COEP: our
 * server, serving only the example embedding page as its index.
 */
export function startTutorialHost() {
  const dir = mkdtempSync(path.join(tmpdir(), 'tutorial-'));
  copyFileSync(path.join(ROOT, 'dist', 'embed-example.html'), path.join(dir, 'index.html'));
  return startServer([], { dist: dir });
}

/**
 * The playground's server, a tutorial page on another origin, and a host of
 * dist/ with no isolation headers at all; `stop` ends the three.
 */
export async function startHosts() {
  const hosts = {};
  const stop = () => Object.values(hosts).forEach((host) => host.stop());
  try {
    hosts.playground = await startServer();
    hosts.tutorialHost = await startTutorialHost();
    hosts.plainHost = await startPlainServer(path.join(ROOT, 'dist'));
  } catch (error) {
    stop();
    throw error;
  }
  return { ...hosts, stop };
}

/** A static host with no COOP/COEP at all: serves `dir`, and the example page as /tutorial.html. */
export function startPlainServer(dir) {
  const server = createHttpServer((request, response) => {
    let file = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    if (file === '/tutorial.html') file = '/embed-example.html';
    if (file.endsWith('/')) file += 'index.html';
    const full = path.join(dir, path.normalize(file));
    try {
      if (!full.startsWith(dir)) throw new Error('outside');
      const body = readFileSync(full);
      response.writeHead(200, { 'content-type': MIME[path.extname(full)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () =>
    resolve({ url: `http://127.0.0.1:${server.address().port}/`, stop: () => server.close() })));
}

/**
 * Launches Debian's Chromium headless with the flags this machine needs, in
 * English unless `lang` names another locale (the page follows the browser's
 * languages, so the tests pin them).
 */
export async function launchBrowser({ lang = 'en-US', args = [] } = {}) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. Install it with: sudo apt-get install -y chromium chromium-driver ` +
      '(scripts/setup does this), or point CHROMIUM at a Chromium binary.'
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      `--lang=${lang}`, `--accept-lang=${lang}`, ...args,
    ],
  });
}

/**
 * Opens a page and records everything that would mean a broken page:
 * uncaught errors, console errors and dialogs.
 */
export async function openPage(browser, url) {
  const page = await browser.newPage();
  const problems = { errors: [], consoleErrors: [], dialogs: [] };
  page.on('pageerror', (err) => problems.errors.push(String(err)));
  page.on('console', (msg) => { if (msg.type() === 'error') problems.consoleErrors.push(msg.text()); });
  page.on('dialog', async (dialog) => { problems.dialogs.push(dialog.message()); await dialog.dismiss(); });
  page.on('worker', (worker) => worker.on('console', (msg) => {
    if (msg.type() === 'error') problems.consoleErrors.push(`worker: ${msg.text()}`);
  }));
  await page.goto(url);
  return { page, problems };
}

/** The page's results JSON, or null before the first run. */
export async function resultsJson(page) {
  const text = await page.evaluate(() => document.getElementById('results-json')?.textContent ?? null);
  return text === null ? null : JSON.parse(text);
}

/** Whether `page` is puppeteer's (Firefox) rather than playwright's (Chromium). */
export const isPuppeteer = (page) => page instanceof PuppeteerPage;

/**
 * page.waitForFunction with one argument, for either driver: playwright
 * takes (fn, arg, options), puppeteer (fn, options, ...args).
 */
export function waitForFunction(page, fn, arg, { timeout = 30_000, polling = 200 } = {}) {
  return isPuppeteer(page)
    ? page.waitForFunction(fn, { timeout, polling }, arg)
    : page.waitForFunction(fn, arg, { timeout, polling });
}

/**
 * Waits until the run in progress ends (the results JSON's `data-running`
 * turns false: cheap to poll, the document itself may be megabytes), then
 * returns the results.
 */
export async function waitForComplete(page, timeout = 120_000) {
  await waitForFunction(page,
    () => document.getElementById('results-json')?.dataset.running === 'false', null, { timeout });
  return resultsJson(page);
}

/** Presses Run and waits for that run's results (`data-finished` counts runs). */
export async function runAgain(page, timeout = 120_000) {
  const finished = await page.evaluate(() => Number(document.getElementById('results-json')?.dataset.finished ?? 0));
  await page.click('#run');
  await waitForFunction(page,
    (n) => Number(document.getElementById('results-json')?.dataset.finished) === n, finished + 1, { timeout });
  return waitForComplete(page, timeout);
}

/** Sum of the bit lengths of k! for k in 1..=n, computed here with BigInt. */
export function factorialBits(n) {
  let value = 1n;
  let bits = 0;
  for (let k = 1n; k <= BigInt(n); k++) {
    value *= k;
    bits += value.toString(2).length;
  }
  return bits;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
