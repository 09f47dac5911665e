// The largest link that still ends in minutes: n=10000 on every mode and
// 8 worker counts (33 runs of 10000 tasks, past the trace budget of
// 200,000 tasks) completes on the isolated page with its memory, its
// results JSON and the time to publish and export it under the bounds
// README.md states ("Limits of a run"); the runs past the budget keep their
// timings and say that their trace was not kept.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, openPage, startServer, waitForComplete } from './harness.mjs';

// README.md, "Limits of a run": what the largest link may cost.
const MEMORY_BOUND = 512 * 1024 * 1024;
const JSON_BOUND = 32 * 1024 * 1024;
const TRACE_BUDGET = 200_000;

let playground, browser;
before(async () => {
  playground = await startServer();
  // The measurement would otherwise wait for the next garbage collection (up to 20 s).
  // gc(): after the exports, their strings are garbage, not the page's memory.
  browser = await launchBrowser({ args: ['--enable-blink-features=ForceEagerMeasureMemory', '--js-flags=--expose-gc'] });
});
after(async () => { await browser?.close(); playground?.stop(); });

const WORKERS = [1, 2, 3, 4, 6, 8, 12, 16];

test('the largest traced link completes within memory, with the trace budget applied and said', { timeout: 15 * 60_000 }, async () => {
  const query = `v=2&exp=factorial&n=10000&modes=serial,apply,apply_async,map,map_async&workers=${WORKERS.join(',')}&repeat=1&backend=threads&run=1`;
  const { page, problems } = await openPage(browser, `${playground.url}?${query}`);
  assert.equal(await page.evaluate(() => crossOriginIsolated), true);
  // The estimate warns before so long a run, and names the budget.
  const warning = await page.locator('#trace-budget-note').textContent({ timeout: 30_000 });
  assert.match(warning, /330,000.*200,000/, warning);
  const started = Date.now();
  const progress = setInterval(async () => {
    const label = await page.locator('#progress-label').textContent().catch(() => '');
    console.log(`${Math.round((Date.now() - started) / 1000)} s: ${label}`);
  }, 30_000);
  const results = await waitForComplete(page, 14 * 60_000).finally(() => clearInterval(progress));
  const took = Date.now() - started;
  assert.equal(results.complete, true, JSON.stringify(results.errors));
  assert.equal(results.runs.length, 1 + 4 * WORKERS.length);
  const kept = results.runs.reduce((sum, run) => sum + run.tasks.length, 0);
  const omitted = results.runs.filter((run) => run.trace_omitted);
  assert.ok(kept <= TRACE_BUDGET, `${kept} traced tasks kept`);
  const measure = () => page.evaluate(async () => {
    globalThis.gc?.();
    return (await performance.measureUserAgentSpecificMemory()).bytes;
  });
  const memory = await measure();
  assert.ok(memory < MEMORY_BOUND, `page memory after the run: ${memory} bytes`);
  assert.ok(omitted.length > 0, 'the budget dropped some traces');
  for (const run of omitted) {
    assert.equal(run.tasks.length, 0);
    assert.equal(run.trace_omitted, 10000, `${run.mode} on ${run.workers}`);
    assert.ok(run.median_ms > 0, 'its timings stay');
  }
  const { bytes: jsonBytes, publishMs } = await page.evaluate(() => {
    const begin = performance.now();
    const text = document.getElementById('results-json').textContent;
    return { bytes: new TextEncoder().encode(text).length, publishMs: performance.now() - begin };
  });
  assert.ok(jsonBytes < JSON_BOUND, `results JSON ${jsonBytes} bytes`);
  // The exports of the whole document, as the buttons make them.
  const exportMs = {};
  for (const id of ['export-json', 'export-csv', 'export-markdown', 'export-trace']) {
    if (await page.locator(`#${id}`).count() === 0) continue;
    const begin = Date.now();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click(`#${id}`)]);
    await download.path();
    exportMs[id] = Date.now() - begin;
  }
  assert.ok(Object.keys(exportMs).length >= 3, JSON.stringify(exportMs));
  // The timeline says which traces were not kept.
  const timeline = await page.locator('#trace-omitted').count();
  const afterExports = await measure();
  console.log(JSON.stringify({ took_s: took / 1000, runs: results.runs.length, kept, omitted: omitted.length,
    json_mb: jsonBytes / 2 ** 20, read_json_ms: publishMs, export_ms: exportMs, memory_mb: memory / 2 ** 20,
    memory_after_exports_mb: afterExports / 2 ** 20 }));
  assert.ok(afterExports < MEMORY_BOUND, `page memory after the exports: ${afterExports} bytes`);
  assert.ok(timeline > 0 || omitted.every((run) => run !== results.runs.at(-1)), 'the timeline names a run without its trace');
  assert.deepEqual(problems.errors, []);
  await page.close();
});
