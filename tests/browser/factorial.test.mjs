// Factorial lab: every mode and worker count, checked, traced, cancellable.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { factorialBits, launchBrowser, median, openPage, startServer, waitForComplete } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); server?.stop(); });

// Isolated pages get a clock coarsened to 5 µs, read on different threads:
// two tasks overlap only when they share more than a few ticks.
const CLOCK_SLACK_MS = 0.02;
const overlap = (a, b) => Math.min(a.end_ms, b.end_ms) - Math.max(a.start_ms, b.start_ms) > CLOCK_SLACK_MS;
const overlaps = (tasks) => tasks.some((a, i) => tasks.slice(i + 1).some((b) => overlap(a, b)));
const crossWorkerOverlap = (tasks) => tasks.some((a) => tasks.some((b) => a.worker !== b.worker && overlap(a, b)));

test('all five modes on 1 and 2 workers: nine checked, traced runs', async () => {
  const link = '?exp=factorial&n=2000&modes=serial,apply,apply_async,map,map_async&workers=1,2&repeat=3&run=1';
  const { page, problems } = await openPage(browser, server.url + link);
  const results = await waitForComplete(page, 240_000);
  assert.equal(results.complete, true, JSON.stringify(results.errors));
  assert.equal(results.runs.length, 9);
  const expectedBits = factorialBits(2000);
  const digests = new Set();
  for (const run of results.runs) {
    const name = `${run.mode} on ${run.workers}`;
    assert.equal(run.times_ms.length, 3, name);
    assert.equal(run.best_ms, Math.min(...run.times_ms), name);
    assert.ok(Math.abs(run.median_ms - median(run.times_ms)) < 1e-9, name);
    assert.equal(run.check.bits, expectedBits, name);
    digests.add(run.check.digest);
    assert.equal(run.tasks.length, 2000, name);
    assert.deepEqual(run.tasks.map((t) => t.input), Array.from({ length: 2000 }, (_, i) => i + 1), name);
    for (const t of run.tasks) assert.ok(t.end_ms >= t.start_ms && t.start_ms >= 0, name);
    if (run.mode === 'apply') assert.ok(!overlaps(run.tasks), `${name}: apply tasks overlapped`);
    if (run.mode !== 'serial' && run.mode !== 'apply') {
      assert.deepEqual(new Set(run.tasks.map((t) => t.worker)).size, run.workers, `${name}: distinct workers`);
      if (run.workers === 2) assert.ok(crossWorkerOverlap(run.tasks), `${name}: no overlap on 2 workers`);
    }
    if (run.mode !== 'serial') assert.ok(run.pool_startup_ms > 0, `${name}: pool start-up measured`);
  }
  assert.equal(digests.size, 1, 'every run computed the same results');
  const modes = results.runs.map((r) => `${r.mode}/${r.workers}`).sort();
  assert.deepEqual(modes, ['apply/1', 'apply/2', 'apply_async/1', 'apply_async/2', 'map/1', 'map/2', 'map_async/1', 'map_async/2', 'serial/1']);

  // The table and the reading of the numbers are on screen.
  assert.equal(await page.locator('#results-table tbody tr').count(), 9);
  assert.match(await page.textContent('#reading'), /per task on average/);
  // The timeline's bars stand for every task (narrow neighbours merge into one bar).
  const covered = await page.$$eval('#timeline rect.task', (rects) => rects.reduce((n, r) => n + Number(r.dataset.tasks), 0));
  assert.equal(covered, 2000);
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.consoleErrors, []);
});

test('Cancel stops a long run and leaves the page usable', async () => {
  const { page, problems } = await openPage(browser, `${server.url}?exp=factorial&n=6000&modes=serial,apply,map&workers=1,2&repeat=5&run=1`);
  await page.waitForSelector('#progress', { timeout: 30_000 });
  await page.click('#cancel');
  await page.waitForSelector('#progress', { state: 'detached', timeout: 60_000 });
  const cancelled = JSON.parse(await page.textContent('#results-json'));
  assert.equal(cancelled.complete, false);
  assert.ok(cancelled.errors.some((e) => /cancel/i.test(e)));

  // Usable afterwards: edit a field, run again, get complete results.
  await page.fill('#field-n', '200');
  await page.fill('#field-repeat', '1');
  await page.click('#run');
  const results = await waitForComplete(page, 60_000);
  assert.equal(results.complete, true);
  assert.equal(results.config.n, 200);
  assert.equal(results.runs[0].check.bits, factorialBits(200));
  assert.deepEqual(problems.errors, []);
});

test('bad input: a message next to each field, nothing runs', async () => {
  const { page, problems } = await openPage(browser, `${server.url}?exp=factorial&n=0&workers=1,99&repeat=51&modes=fork&run=1`);
  await page.waitForSelector('#pool-status.ready', { timeout: 30_000 });
  for (const field of ['n', 'workers', 'repeat', 'modes']) {
    const message = await page.textContent(`#field-${field}-error`);
    assert.ok(message.trim().length > 0, `no message for ${field}`);
  }
  assert.equal(await page.isDisabled('#run'), true);
  await page.waitForTimeout(500);
  assert.equal(await page.locator('#results-json').count(), 0, 'nothing ran');
  // Fixing the fields enables Run; ticking a mode replaces the unknown one.
  await page.fill('#field-n', '50');
  await page.fill('#field-workers', '2');
  await page.fill('#field-repeat', '1');
  assert.equal(await page.isDisabled('#run'), true, 'modes still invalid');
  await page.check('input[name=mode][value=map]');
  assert.equal(await page.textContent('#field-modes-error'), '');
  assert.equal(await page.isDisabled('#run'), false);
  await page.click('#run');
  const results = await waitForComplete(page, 60_000);
  assert.equal(results.complete, true);
  assert.deepEqual(results.config.workers, [2]);
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.dialogs, []);
});
