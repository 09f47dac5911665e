// The processes backend: message-passing web workers that share nothing,
// so parallel runs reach pages without shared memory (a plain blog page
// embedding the playground) and sit beside threads on an isolated page.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, factorialBits, launchBrowser, openPage, runAgain, startPlainServer, startServer, waitForComplete } from './harness.mjs';

let playground, plainHost, browser;
before(async () => {
  playground = await startServer();
  // Another origin with no COOP/COEP at all: the tutorial page (the embed example).
  plainHost = await startPlainServer(path.join(ROOT, 'dist'));
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); playground?.stop(); plainHost?.stop(); });

const overlaps = (tasks) => tasks.some((a, i) => tasks.slice(i + 1).some((b) => a.start_ms < b.end_ms && b.start_ms < a.end_ms));
const workersOf = (run) => new Set(run.tasks.map((t) => t.worker));

test('a plain page without isolation embeds the playground and gets parallel runs on processes', async () => {
  const query = 'exp=factorial&modes=serial,map,apply_async&workers=2&n=3000&repeat=2&run=1&embed=1';
  const url = `${plainHost.url}tutorial.html?playground=${encodeURIComponent(playground.url)}&query=${encodeURIComponent(query)}`;
  const { page, problems } = await openPage(browser, url);
  assert.equal(await page.evaluate(() => crossOriginIsolated), false, 'the tutorial page is not isolated');
  await page.waitForFunction(() => (window.playgroundMessages ?? []).some((m) => m.type === 'parallel-playground:results'),
    null, { timeout: 120_000, polling: 250 });
  const { results } = (await page.evaluate(() => window.playgroundMessages)).find((m) => m.type === 'parallel-playground:results');
  assert.equal(results.complete, true, JSON.stringify(results.errors));
  assert.equal(results.environment.cross_origin_isolated, false);
  // Serial is the processes' baseline, its repeats interleaved with theirs: its record comes last.
  assert.deepEqual(results.runs.map((r) => `${r.mode}/${r.backend}/${r.workers}`),
    ['apply_async/processes/2', 'map/processes/2', 'serial/null/1']);
  const bits = factorialBits(3000);
  for (const run of results.runs) {
    assert.equal(run.check.bits, bits, `${run.mode}: check.bits`);
    assert.equal(run.tasks.length, 3000);
    assert.deepEqual(run.tasks.map((t) => t.input), Array.from({ length: 3000 }, (_, i) => i + 1));
  }
  for (const run of results.runs.filter((r) => r.backend === 'processes')) {
    assert.deepEqual(workersOf(run), new Set([0, 1]), `${run.mode}: tasks on exactly 2 processes`);
    assert.ok(run.pool_startup_ms > 0, `${run.mode}: start-up recorded`);
    // The pass with empty tasks still sends messages and waits for answers: it takes time.
    assert.ok(Number.isFinite(run.dispatch_ms) && run.dispatch_ms > 0, `${run.mode}: dispatch ${run.dispatch_ms} ms`);
    // map sends a few chunks: without the work its pass is the shorter one.
    if (run.mode === 'map') {
      assert.ok(run.dispatch_ms < run.median_ms, `map: dispatch ${run.dispatch_ms} ms vs median ${run.median_ms} ms`);
    }
  }
  const frame = page.frameLocator('#playground');
  assert.match(await frame.locator('#pool-status').textContent(), /threads off/);
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.consoleErrors, []);
});

test('an isolated page runs threads and processes side by side, every mode on both, one check', async () => {
  const { page, problems } = await openPage(browser,
    `${playground.url}?exp=factorial&n=400&modes=serial,apply,apply_async,map,map_async&workers=2&repeat=1&backend=threads,processes&run=1`);
  const results = await waitForComplete(page);
  assert.equal(results.complete, true, JSON.stringify(results.errors));
  assert.deepEqual(results.config.backend, ['threads', 'processes']);
  const label = (r) => `${r.mode}/${r.backend}`;
  assert.deepEqual(results.runs.map(label), [
    // Serial's repeats interleave with the threads runs of its n: its record comes after them;
    // the processes get a serial run of their own build (serial/processes), interleaved with theirs likewise.
    'apply/threads', 'apply_async/threads', 'map/threads', 'map_async/threads', 'serial/null',
    'apply/processes', 'apply_async/processes', 'map/processes', 'map_async/processes', 'serial/processes']);
  const bits = factorialBits(400);
  for (const run of results.runs) assert.equal(run.check.bits, bits, label(run));
  assert.equal(new Set(results.runs.map((r) => r.check.digest)).size, 1, 'one digest for every run');
  // The table names the backend of each row.
  const rows = await page.locator('#results-table tbody tr').allTextContents();
  assert.ok(rows.some((row) => /processes/.test(row)) && rows.some((row) => /threads/.test(row)), rows.join('\n'));
  assert.deepEqual(problems.errors, []);
});

test('on processes, apply never overlaps and map does; Cancel ends the processes mid-run', async () => {
  const { page, problems } = await openPage(browser,
    `${playground.url}?exp=factorial&n=1500&modes=apply,map&workers=2&repeat=1&backend=processes&chunk=1&run=1`);
  const results = await waitForComplete(page);
  const [apply, map] = results.runs;
  assert.equal(apply.mode, 'apply');
  assert.equal(overlaps(apply.tasks), false, 'apply waits for each result before the next task');
  assert.equal(map.mode, 'map');
  assert.equal(overlaps(map.tasks), true, 'map runs tasks on both processes at once');

  // A long run, cancelled while the processes are busy: it stops at once.
  await page.fill('#field-n', '60000');
  await page.fill('#field-workers', '2');
  await page.waitForFunction(() => location.search.includes('n=60000'));
  await page.click('#run');
  await page.waitForSelector('#progress');
  await page.waitForTimeout(1500);
  const cancelledAt = Date.now();
  await page.click('#cancel');
  const cancelled = await waitForComplete(page, 20_000);
  assert.ok(Date.now() - cancelledAt < 5_000, 'Cancel took effect within seconds');
  assert.equal(cancelled.complete, false);
  assert.ok(cancelled.errors.some((e) => /cancelled/.test(e)), JSON.stringify(cancelled.errors));
  // The next run starts new processes and completes.
  await page.fill('#field-n', '200');
  await page.waitForFunction(() => location.search.includes('n=200&'));
  await page.click('#run');
  await page.waitForFunction(() => document.getElementById('results-json')?.dataset.running === 'true');
  const again = await waitForComplete(page);
  assert.equal(again.complete, true, JSON.stringify(again.errors));
  // apply and map share one pool of 2 (their repeats interleave): started once for both.
  assert.deepEqual(again.runs.map((r) => r.workers_spawned), [2, 2], 'terminated processes are replaced');
  const warm = await runAgain(page);
  assert.equal(warm.complete, true, JSON.stringify(warm.errors));
  assert.deepEqual(warm.runs.map((r) => r.workers_spawned), [0, 0], 'then reused');
  assert.deepEqual(problems.errors, []);
});

test('processes are kept between runs: a second Run starts none', async () => {
  const { page, problems } = await openPage(browser,
    `${playground.url}?exp=factorial&n=300&modes=map&workers=2,4&repeat=1&backend=processes&run=1`);
  const first = await waitForComplete(page);
  assert.deepEqual(first.runs.map((r) => r.workers_spawned), [2, 2], 'a pool of 4 after a pool of 2 starts only 2');
  for (let i = 0; i < 5; i++) {
    const finished = Number(await page.getAttribute('#results-json', 'data-finished'));
    await page.click('#run');
    await page.waitForSelector(`#results-json[data-finished="${finished + 1}"]`, { state: 'attached', timeout: 60_000 });
    const again = await waitForComplete(page);
    assert.equal(again.complete, true);
    assert.deepEqual(again.runs.map((r) => r.workers_spawned), [0, 0], `run ${i + 2}: warm`);
  }
  assert.deepEqual(problems.errors, []);
});
