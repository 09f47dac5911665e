// Workers that die mid-run, and workers retired while the page is hidden:
// a dead worker ends its run within seconds with a message, and the next
// Run starts fresh workers and completes.
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { launchBrowser, openPage, runAgain, startServer, waitForComplete } from './harness.mjs';

let playground, browser;
before(async () => {
  playground = await startServer();
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); playground?.stop(); });
// One page at a time, even after a failed test: workers are found by title.
afterEach(async () => { for (const context of browser.contexts()) await context.close(); });

// Every worker runs worker.js: the processes' beside the build without
// shared memory (single/), the engine's (driver and pool) beside the threaded one.
const processWorkers = (page) => page.workers().filter((w) => w.url().endsWith('/single/worker.js'));
const poolWorkers = (page) => page.workers().filter((w) => w.url().endsWith('/worker.js') && !w.url().endsWith('/single/worker.js'));

async function until(check, timeout, what) {
  const end = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Opens a threads link long enough to stop a worker in (n=20000 map on 2
 * workers), waits until it has run 4 s, and stops the script of the worker
 * titled `title` as a crash would: over the browser's CDP, attached to that
 * worker (playwright's newCDPSession takes no worker). Resolves with the
 * page, when it was stopped, and the CDP session.
 */
async function stopMidRun(title) {
  const { page, problems } = await openPage(browser,
    `${playground.url}?exp=factorial&n=20000&modes=map&workers=2&repeat=3&backend=threads&run=1`);
  await page.waitForFunction(() => document.getElementById('results-json')?.dataset.running === 'true', null, { timeout: 30_000 });
  await until(() => poolWorkers(page).length === 3, 30_000, 'the driver and two pool workers');
  await page.waitForTimeout(4000);
  assert.equal(await page.evaluate(() => document.getElementById('results-json').dataset.running), 'true', 'still running at 4 s');
  const cdp = await browser.newBrowserCDPSession();
  const { targetInfos } = await cdp.send('Target.getTargets');
  // Every test closes its page, so the worker titled `title` is this page's:
  // stopping another page's (an earlier test's driver) would stop nothing here.
  const matching = targetInfos.filter((t) => t.type === 'worker' && t.title === title);
  assert.equal(matching.length, 1, JSON.stringify(targetInfos.map((t) => [t.type, t.title])));
  const [target] = matching;
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
  const stoppedAt = Date.now();
  await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: 1, method: 'Runtime.terminateExecution' }) });
  return { page, problems, stoppedAt, cdp };
}

test('a process worker closed mid-run ends the run within 10 s with a message; the next Run starts a fresh one', async () => {
  const { page, problems } = await openPage(browser,
    `${playground.url}?exp=factorial&n=20000&modes=map&workers=2&repeat=3&backend=processes&run=1`);
  await page.waitForFunction(() => document.getElementById('results-json')?.dataset.running === 'true', null, { timeout: 30_000 });
  await until(() => processWorkers(page).length === 2, 30_000, 'two processes');
  await page.waitForTimeout(4000);
  assert.equal(await page.evaluate(() => document.getElementById('results-json').dataset.running), 'true', 'still running at 4 s');
  // What a browser does to a worker it drops: no event reaches the page.
  // The worker runs it between two of its messages; from then on it is gone.
  // The processes start together, so the list's order is not their numbers':
  // close the one named "process 1".
  const asked = Date.now();
  const workers = processWorkers(page);
  const names = await Promise.all(workers.map((worker) => worker.evaluate(() => self.name)));
  const target = workers[names.indexOf('process 1')];
  assert.ok(target, JSON.stringify(names));
  await target.evaluate(() => self.close()).catch(() => {});
  const closedAt = Date.now();
  const ended = await waitForComplete(page, 10_000);
  const took = Date.now() - closedAt;
  console.log(`the process closed ${closedAt - asked} ms after asked; the run ended ${took} ms after it closed`);
  assert.ok(took < 10_000, `${took} ms`);
  assert.equal(ended.complete, false);
  assert.ok(ended.errors.some((e) => /process 1 stopped answering/.test(e)), JSON.stringify(ended.errors));
  assert.ok(await page.locator('[role=alert]', { hasText: 'process 1 stopped answering' }).count() > 0, 'the page says so');

  await page.fill('#field-n', '300');
  await page.waitForFunction(() => location.search.includes('n=300&'));
  const again = await runAgain(page, 60_000);
  assert.equal(again.complete, true, JSON.stringify(again.errors));
  assert.deepEqual(again.runs.map((r) => r.workers_spawned), [2], 'the lost processes were forgotten: fresh ones ran');
  assert.deepEqual(problems.errors, []);
  await page.close();
});

/**
 * Stops `title` mid-run: the run ends within 10 s with `error` among its
 * errors and `alert` on the page, the engine's workers end, and the next Run
 * starts a fresh driver on fresh workers.
 */
async function endsThenStartsAfresh(title, error, alert) {
  const { page, problems, stoppedAt, cdp } = await stopMidRun(title);
  const ended = await waitForComplete(page, 10_000);
  const took = Date.now() - stoppedAt;
  console.log(`run ended ${took} ms after the ${title} stopped`);
  assert.ok(took < 10_000, `${took} ms`);
  assert.equal(ended.complete, false);
  assert.ok(ended.errors.some((e) => e.includes(error)), JSON.stringify(ended.errors));
  assert.ok(await page.locator('[role=alert]', { hasText: alert }).count() > 0, `the page says "${alert}"`);
  await cdp.detach().catch(() => {});
  await until(() => poolWorkers(page).length === 0, 5_000, 'the engine\'s workers to end');

  await page.fill('#field-n', '300');
  await page.waitForFunction(() => location.search.includes('n=300&'));
  const again = await runAgain(page, 60_000);
  assert.equal(again.complete, true, JSON.stringify(again.errors));
  assert.deepEqual(again.runs.map((r) => [r.backend, r.workers_spawned]), [['threads', 2]], 'a fresh driver on fresh workers');
  assert.deepEqual(problems.errors, []);
  await page.close();
}

test('a threads pool worker stopped mid-task ends the run within 10 s with a message; the next Run starts a fresh engine', async () => {
  await endsThenStartsAfresh('pool worker 1', 'pool worker 1 stopped mid-task', 'pool worker 1 stopped mid-task');
});

test('the driver stopped mid-run ends the run within 10 s with a message; the next Run starts a fresh engine', async () => {
  // The driver waits in its pool for the workers' tasks; its script is stopped there.
  await endsThenStartsAfresh('experiment driver', 'the experiment driver stopped mid-run',
    'press Run to start a fresh engine');
});

test('the serial worker closed mid-run is named within 10 s; the processes runs go on, and the next Run starts a fresh serial worker', async () => {
  // Serial repeats one step per message, interleaved with map's repeats:
  // 40 rounds of factorial(1..=3000) take longer than the test waits.
  const { page, problems } = await openPage(browser,
    `${playground.url}?exp=factorial&n=3000&modes=serial,map&workers=1&repeat=40&backend=processes&run=1`);
  await page.waitForFunction(() => document.getElementById('results-json')?.dataset.running === 'true', null, { timeout: 30_000 });
  const serialWorker = async () => {
    for (const worker of processWorkers(page)) {
      if (await worker.evaluate(() => self.name).catch(() => '') === 'serial factorials') return worker;
    }
    return null;
  };
  await until(async () => (await serialWorker()) !== null, 60_000, 'the serial worker');
  await page.waitForTimeout(1500);
  assert.equal(await page.evaluate(() => document.getElementById('results-json').dataset.running), 'true', 'still running');
  const target = await serialWorker();
  await target.evaluate(() => self.close()).catch(() => {});
  const closedAt = Date.now();
  const lost = page.locator('[role=alert]', { hasText: 'the serial worker gave no answer' });
  await until(async () => (await lost.count()) > 0, 10_000, 'the page to name the lost serial worker');
  const took = Date.now() - closedAt;
  console.log(`the page named the lost serial worker ${took} ms after it closed`);
  assert.ok(took < 10_000, `${took} ms`);
  const ended = await waitForComplete(page, 120_000);
  assert.equal(ended.complete, false);
  assert.ok(ended.errors.some((e) => /serial worker gave no answer/.test(e)), JSON.stringify(ended.errors));
  assert.deepEqual(ended.runs.filter((r) => r.backend === 'processes').map((r) => [r.mode, r.times_ms.length]), [['map', 40]],
    'map on processes went on; the lost serial run has no record');

  await page.fill('#field-repeat', '3');
  await page.waitForFunction(() => location.search.includes('repeat=3'));
  const again = await runAgain(page, 120_000);
  assert.equal(again.complete, true, JSON.stringify(again.errors));
  assert.deepEqual(again.runs.filter((r) => r.backend === 'processes').map((r) => r.mode).sort(), ['map', 'serial'],
    'a fresh serial worker measured the processes\' baseline');
  assert.deepEqual(problems.errors, []);
  await page.close();
});

test('the serial worker stopped mid-pass at n=20000 is named within 10 s (it beats once a second while it passes)', async () => {
  const { page, problems } = await openPage(browser,
    `${playground.url}?exp=factorial&n=20000&modes=serial,map&workers=1&repeat=1&backend=processes&run=1`);
  await page.waitForFunction(() => document.getElementById('results-json')?.dataset.running === 'true', null, { timeout: 30_000 });
  const cdp = await browser.newBrowserCDPSession();
  const serialTarget = async () => {
    const matching = (await cdp.send('Target.getTargets')).targetInfos
      .filter((t) => t.type === 'worker' && t.title === 'serial factorials');
    assert.ok(matching.length <= 1, 'one serial worker: this page\'s');
    return matching[0];
  };
  // It starts once the driver's own serial run of n=20000 is done (seconds
  // per pass; more on a loaded machine).
  await until(async () => (await serialTarget()) !== undefined, 120_000, 'the serial worker');
  // Stopped inside a pass, not between two steps (where there is nothing to
  // stop): a worker in its synchronous pass does not answer an evaluate.
  const within = (worker, ms) => Promise.race([worker.evaluate(() => self.name).catch(() => ''),
    new Promise((resolve) => setTimeout(() => resolve(null), ms))]);
  let serial = null;
  await until(async () => {
    for (const worker of processWorkers(page)) if (await within(worker, 300) === 'serial factorials') serial = worker;
    return serial !== null;
  }, 60_000, 'the serial worker, idle');
  const busy = async () => (await within(serial, 500)) === null;
  await until(busy, 60_000, 'the serial worker inside a pass');
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: (await serialTarget()).targetId, flatten: false });
  const stoppedAt = Date.now();
  await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: 1, method: 'Runtime.terminateExecution' }) });
  const lost = page.locator('[role=alert]', { hasText: 'the serial worker gave no answer' });
  await until(async () => (await lost.count()) > 0, 10_000, 'the page to name the stopped serial worker');
  const took = Date.now() - stoppedAt;
  console.log(`the page named the stopped serial worker ${took} ms after it stopped`);
  assert.ok(took < 10_000, `${took} ms`);
  await cdp.detach().catch(() => {});
  await page.click('#cancel').catch(() => {});
  await waitForComplete(page, 60_000);
  assert.deepEqual(problems.errors, []);
  await page.close();
});

test('the retire path: a page hidden past the (shortened) delay ends its idle workers; the next Run starts fresh ones', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  // The test-only knob (README): retire after 300 ms hidden instead of five minutes.
  await page.addInitScript(() => { globalThis.playgroundRetireHiddenAfterMs = 300; });
  await page.goto(`${playground.url}?exp=factorial&n=300&modes=map&workers=2&repeat=1&backend=threads,processes&run=1`);
  const first = await waitForComplete(page);
  assert.equal(first.complete, true, JSON.stringify(first.errors));
  assert.deepEqual(first.runs.map((r) => [r.backend, r.workers_spawned]), [['threads', 2], ['processes', 2]]);
  await until(() => processWorkers(page).length === 2 && poolWorkers(page).length === 3, 10_000, 'the workers of the first run');

  const setHidden = (hidden) => page.evaluate((hidden) => {
    for (const [name, value] of [['hidden', hidden], ['visibilityState', hidden ? 'hidden' : 'visible']]) {
      Object.defineProperty(document, name, { configurable: true, get: () => value });
    }
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
  await setHidden(true);
  // Both processes and both pool workers end; the driver stays.
  await until(() => processWorkers(page).length === 0 && poolWorkers(page).length === 1, 10_000, 'the idle workers to retire');
  await setHidden(false);

  const again = await runAgain(page, 60_000);
  assert.equal(again.complete, true, JSON.stringify(again.errors));
  assert.deepEqual(again.runs.map((r) => [r.backend, r.workers_spawned]), [['threads', 2], ['processes', 2]], 'fresh workers');
  assert.deepEqual(errors, []);
  await page.close();
});
