// Dead and retired workers in Firefox ESR (puppeteer-core over WebDriver
// BiDi). BiDi gives no handle on a page's workers and has no
// Runtime.terminateExecution (CDP's), so the process worker is reached from
// the page: a preload script keeps every Worker the page starts, and the test
// terminates one mid-run (the page's own `terminate`, as a browser ends a
// worker it drops: no event, no answer). The threads pool workers and the
// driver are started inside the driver worker, out of the page's reach: those
// cases stay in Chromium (dead_workers.test.mjs).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchFirefox, sleep } from './browsers.mjs';
import { openPage, runAgain, startServer, waitForComplete, waitForFunction } from './harness.mjs';

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launchFirefox();
});
after(async () => { await browser?.close(); server?.stop(); });

const spawned = (results) => results.runs.map((r) => [r.backend, r.workers_spawned]);

test('Firefox: a page hidden past the (shortened) retire delay ends its idle workers; the next Run starts fresh ones', async () => {
  const { page, problems } = await openPage(browser,
    `${server.url}?exp=factorial&n=300&modes=map&workers=2&repeat=1&backend=threads,processes&run=1`);
  assert.match(await page.evaluate(() => navigator.userAgent), /Firefox\/\d+/);
  const first = await waitForComplete(page);
  assert.equal(first.complete, true, JSON.stringify(first.errors));
  assert.deepEqual(spawned(first), [['threads', 2], ['processes', 2]]);
  // Warm: a second Run starts none.
  assert.deepEqual(spawned(await runAgain(page)), [['threads', 0], ['processes', 0]]);

  const setHidden = (hidden) => page.evaluate((hidden) => {
    // The test-only knob (README), read each time the page is hidden.
    globalThis.playgroundRetireHiddenAfterMs = 300;
    for (const [name, value] of [['hidden', hidden], ['visibilityState', hidden ? 'hidden' : 'visible']]) {
      Object.defineProperty(document, name, { configurable: true, get: () => value });
    }
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
  await setHidden(true);
  await sleep(2000);
  await setHidden(false);
  const again = await runAgain(page);
  assert.equal(again.complete, true, JSON.stringify(again.errors));
  assert.deepEqual(spawned(again), [['threads', 2], ['processes', 2]], 'the retired workers were replaced by fresh ones');
  assert.deepEqual(problems.errors, []);
});

test('Firefox: a process worker ended mid-run ends the run within 10 s with a message; the next Run starts a fresh one', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  await page.evaluateOnNewDocument(() => {
    const Native = globalThis.Worker;
    globalThis.startedWorkers = [];
    globalThis.Worker = class extends Native {
      constructor(url, options) {
        super(url, options);
        globalThis.startedWorkers.push({ name: options?.name, worker: this });
      }
    };
  });
  await page.goto(`${server.url}?exp=factorial&n=20000&modes=map&workers=2&repeat=3&backend=processes&run=1`);
  assert.match(await page.evaluate(() => navigator.userAgent), /Firefox\/\d+/);
  await waitForFunction(page, () => document.getElementById('results-json')?.dataset.running === 'true', null);
  await waitForFunction(page, () => globalThis.startedWorkers.some((w) => w.name === 'process 1'), null);
  await sleep(4000);
  assert.equal(await page.evaluate(() => document.getElementById('results-json').dataset.running), 'true', 'still running at 4 s');
  const endedAt = Date.now();
  assert.equal(await page.evaluate(() => {
    const found = globalThis.startedWorkers.filter((w) => w.name === 'process 1');
    for (const { worker } of found) worker.terminate();
    return found.length;
  }), 1);
  const ended = await waitForComplete(page, 10_000);
  const took = Date.now() - endedAt;
  console.log(`Firefox: the run ended ${took} ms after process 1 was ended`);
  assert.ok(took < 10_000, `${took} ms`);
  assert.equal(ended.complete, false);
  assert.ok(ended.errors.some((e) => /process 1 stopped answering/.test(e)), JSON.stringify(ended.errors));
  assert.match(await page.evaluate(() => [...document.querySelectorAll('[role=alert]')].map((e) => e.textContent).join(' ')),
    /process 1 stopped answering/, 'the page says so');

  await page.evaluate(() => { globalThis.startedWorkers.length = 0; });
  const field = await page.$('#field-n');
  await field.click({ count: 3 });
  await field.type('300');
  await waitForFunction(page, () => location.search.includes('n=300&'), null);
  const again = await runAgain(page, 60_000);
  assert.equal(again.complete, true, JSON.stringify(again.errors));
  assert.deepEqual(again.runs.map((r) => r.workers_spawned), [2], 'the lost processes were forgotten: fresh ones ran');
  assert.equal(await page.evaluate(() => globalThis.startedWorkers.filter((w) => /^process /.test(w.name)).length), 2);
  assert.deepEqual(errors, []);
  await page.close();
});
