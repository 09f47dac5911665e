// The engine: a driver worker, pools borrowed from a reservoir of reused web
// workers, memory that stays flat, and a main thread that never blocks.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { factorialBits, launchBrowser, openPage, resultsJson, runAgain, startServer, waitForComplete } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); server?.stop(); });

/** The wasm memory's size, read through the app's own module (same instance). */
function memoryBytes(page) {
  return page.evaluate(async () => {
    const url = performance.getEntriesByType('resource').map((r) => r.name)
      .find((name) => /\/playground-app-[0-9a-f]+\.js$/.test(name));
    return (await import(url)).playground_memory_bytes();
  });
}


test('30 runs of a pool of 64 in one page: all complete, memory stays flat', async () => {
  const { page, problems } = await openPage(browser, `${server.url}?exp=factorial&n=50&modes=map&workers=64&repeat=1&run=1`);
  let results = await waitForComplete(page);
  const expectedBits = factorialBits(50);
  let afterThird;
  for (let run = 1; run <= 30; run++) {
    if (run > 1) results = await runAgain(page);
    assert.equal(results.complete, true, `run ${run}: ${JSON.stringify(results.errors)}`);
    const [map] = results.runs;
    assert.equal(map.check.bits, expectedBits, `run ${run}`);
    assert.equal(map.workers_spawned, run === 1 ? 64 : 0, `run ${run}: workers started`);
    if (run === 3) afterThird = await memoryBytes(page);
  }
  const afterThirtieth = await memoryBytes(page);
  assert.ok(afterThirtieth <= afterThird * 1.1,
    `memory grew from ${afterThird} to ${afterThirtieth} bytes over 27 runs`);
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.consoleErrors, []);
});

test('Cancel reaches the driver: a long run stops within seconds and the page runs again', async () => {
  // 17 runs of n=6000 with 10 repeats: minutes of work if Cancel were lost.
  const { page, problems } = await openPage(browser,
    `${server.url}?exp=factorial&n=6000&modes=serial,apply,apply_async,map,map_async&workers=1,2,3,4&repeat=10&run=1`);
  await page.waitForSelector('#progress', { timeout: 30_000 });
  await page.waitForTimeout(500);
  await page.click('#cancel');
  await page.waitForSelector('#results-json[data-running="false"]', { state: 'attached', timeout: 20_000 });
  const cancelled = await resultsJson(page);
  assert.equal(cancelled.complete, false);
  assert.ok(cancelled.runs.length < 17, `${cancelled.runs.length} runs finished despite Cancel`);
  assert.ok(cancelled.errors.some((e) => /cancelled/.test(e)));
  // The driver is free again: a short run completes.
  await page.fill('#field-n', '100');
  await page.fill('#field-repeat', '1');
  const again = await runAgain(page);
  assert.equal(again.complete, true, JSON.stringify(again.errors));
  assert.deepEqual(problems.errors, []);
});

test('16 worker counts from 49 to 64 in one link complete', async () => {
  const counts = Array.from({ length: 16 }, (_, i) => 49 + i);
  const { page, problems } = await openPage(browser,
    `${server.url}?exp=factorial&n=200&modes=apply_async&workers=${counts.join(',')}&repeat=1&run=1`);
  const results = await waitForComplete(page, 240_000);
  assert.equal(results.complete, true, JSON.stringify(results.errors));
  assert.deepEqual(results.runs.map((r) => r.workers), counts);
  // The reservoir grows one worker per new count: only the missing ones start.
  assert.deepEqual(results.runs.map((r) => r.workers_spawned), [49, ...Array(15).fill(1)]);
  for (const run of results.runs) assert.equal(run.check.bits, factorialBits(200));
  assert.deepEqual(problems.errors, []);
});

test('a second run reuses the workers: none started, warm start-up far below cold', async () => {
  const { page } = await openPage(browser, `${server.url}?exp=factorial&n=300&modes=map,apply_async&workers=2,4&repeat=1&run=1`);
  const cold = await waitForComplete(page);
  assert.equal(cold.complete, true, JSON.stringify(cold.errors));
  const startups = (results, workers) => results.runs.find((r) => r.workers === workers && r.mode === 'map');
  assert.equal(startups(cold, 2).workers_spawned, 2);
  assert.equal(startups(cold, 4).workers_spawned, 2, 'a pool of 4 after a pool of 2 starts only 2 workers');
  // The cold start-up paid for starting workers side by side, so divided by
  // their count it is at most what one worker took to start. A warm pool
  // starts none: its start-up (the best of up to 3 runs, as a loaded
  // machine may preempt any one) is below that, by a wide margin unless it
  // started workers.
  const bestWarm = new Map();
  const belowOneStart = (workers) => bestWarm.get(workers) * startups(cold, workers).workers_spawned
    < startups(cold, workers).pool_startup_ms;
  for (let run = 1; run <= 3 && !(belowOneStart(2) && belowOneStart(4)); run++) {
    const warm = await runAgain(page);
    assert.equal(warm.complete, true, JSON.stringify(warm.errors));
    for (const workers of [2, 4]) {
      const [before, again] = [startups(cold, workers), startups(warm, workers)];
      assert.equal(again.workers_spawned, 0, `pool of ${workers}, warm run ${run}: no new workers`);
      assert.equal(again.cold_pool_startup_ms, before.pool_startup_ms, 'the cold cost stays on record');
      bestWarm.set(workers, Math.min(bestWarm.get(workers) ?? Infinity, again.pool_startup_ms));
      // All k pool threads took tasks (each thread is its own leased web worker).
      const async = warm.runs.find((r) => r.workers === workers && r.mode === 'apply_async');
      assert.equal(new Set(async.tasks.map((t) => t.worker)).size, workers);
    }
  }
  for (const workers of [2, 4]) {
    const before = startups(cold, workers);
    assert.ok(belowOneStart(workers), `pool of ${workers}: best warm ${bestWarm.get(workers)} ms against cold `
      + `${before.pool_startup_ms} ms for ${before.workers_spawned} started workers`);
  }
  // The page shows the cold cost apart from the warm one.
  assert.match(await page.textContent('#results-table'), /cold/);
});

test('no main-thread task over 100 ms during and after a run of n=20000 on 2 worker counts', async () => {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push(Math.round(entry.duration));
    }).observe({ type: 'longtask', buffered: false });
  });
  await page.goto(`${server.url}?exp=factorial&n=20000&modes=map&workers=1,2&repeat=1`);
  await page.waitForSelector('#pool-status.ready', { timeout: 30_000 });
  await page.evaluate(() => { window.__longTasks.length = 0; });
  await page.click('#run');
  await page.waitForFunction(() => document.getElementById('results-json')?.dataset.running === 'false',
    null, { timeout: 600_000, polling: 500 });
  // Let the last render and any idle work finish, then look around the page.
  await page.waitForTimeout(1500);
  await page.mouse.move(300, 600);
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForTimeout(500);
  const longTasks = await page.evaluate(() => window.__longTasks);
  // Only now read the (large) results: parsing them here is the test's cost.
  const results = await page.evaluate(() => {
    const { complete, errors, runs } = JSON.parse(document.getElementById('results-json').textContent);
    return { complete, errors, tasks: runs.map((r) => r.tasks.length) };
  });
  assert.equal(results.complete, true, JSON.stringify(results.errors));
  assert.deepEqual(results.tasks, [20000, 20000]);
  assert.ok(longTasks.every((ms) => ms <= 100), `main-thread tasks over 100 ms: ${longTasks.join(', ')}`);
});
