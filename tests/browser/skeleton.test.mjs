// Walking skeleton: an isolated, threaded page that runs the link's
// experiment on a pool of exactly the requested workers.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { factorialBits, launchBrowser, openPage, startServer, waitForComplete } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); server?.stop(); });

test('the run link computes factorial(1..=300) with map on exactly 2 workers', async () => {
  const { page, problems } = await openPage(browser, `${server.url}?exp=factorial&n=300&modes=map&workers=2&repeat=1&run=1`);
  assert.equal(await page.evaluate(() => crossOriginIsolated), true, 'page must be cross-origin isolated');
  const results = await waitForComplete(page, 60_000);

  assert.equal(results.schema, 2);
  assert.equal(results.experiment, 'factorial');
  assert.equal(results.complete, true, JSON.stringify(results.errors));
  assert.deepEqual(results.config.modes, ['map']);
  assert.deepEqual(results.config.workers, [2]);
  assert.equal(results.config.n, 300);
  assert.equal(results.environment.cross_origin_isolated, true);
  assert.ok(results.environment.hardware_concurrency >= 1);
  assert.ok(results.environment.user_agent.length > 0);

  assert.equal(results.runs.length, 1);
  const [run] = results.runs;
  assert.equal(run.mode, 'map');
  assert.equal(run.workers, 2);
  assert.equal(run.times_ms.length, 1);
  assert.equal(run.tasks.length, 300);
  assert.deepEqual(run.tasks.map((t) => t.input), Array.from({ length: 300 }, (_, i) => i + 1));
  assert.deepEqual(new Set(run.tasks.map((t) => t.worker)), new Set([0, 1]), 'tasks on exactly 2 distinct workers');
  assert.equal(run.check.bits, factorialBits(300));

  // The page says what the pool is.
  const status = await page.textContent('#pool-status');
  assert.match(status, /cross-origin isolated/);
  assert.match(status, /threads ready: pools of up to 64 workers/);

  assert.deepEqual(problems.errors, [], 'uncaught errors');
  assert.deepEqual(problems.consoleErrors, [], 'console errors');
});
