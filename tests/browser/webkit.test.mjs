// WebKitGTK (Debian's MiniBrowser under Xvfb, over W3C WebDriver): the engine
// that is cross-origin isolated yet cannot share memory with a worker. The
// isolated page's factorial links must still run, pool modes on processes.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchWebKit } from './browsers.mjs';
import { factorialBits, startServer, waitForComplete } from './harness.mjs';

let server, webkit;
before(async () => { server = await startServer(); webkit = await launchWebKit(); });
after(async () => { await webkit?.close(); server?.stop(); });

/** What the page shows: the message of a failed wait, so a failure says why. */
const pageState = (session) => session.evaluate(() => JSON.stringify({
  userAgent: navigator.userAgent,
  crossOriginIsolated: self.crossOriginIsolated,
  SharedArrayBuffer: typeof SharedArrayBuffer,
  poolStatus: document.getElementById('pool-status')?.textContent,
  runDisabled: document.getElementById('run')?.disabled,
  fieldErrors: [...document.querySelectorAll('[id^=field-][id$=-error]')].map((e) => e.textContent).filter(Boolean),
  results: document.getElementById('results-json') ? 'present' : 'absent',
}));

/** Opens `query` in a fresh MiniBrowser window and waits for its results. */
async function run(query, timeout) {
  const session = await webkit.newSession();
  await session.goto(server.url + query);
  assert.match(await session.evaluate(() => navigator.userAgent), /AppleWebKit\/[\d.]+ \(KHTML, like Gecko\) Version\/[\d.]+ Safari/,
    'MiniBrowser (WebKitGTK), not a Chromium');
  try {
    // With run=1 a run starts as soon as the app is up: a page that cannot run fails fast.
    await session.waitForFunction(() => document.getElementById('results-json') !== null, null, { timeout: 20_000 });
    return { session, results: await waitForComplete(session, timeout) };
  } catch (error) {
    throw new Error(`${error.message}\nthe page shows: ${await pageState(session)}`);
  }
}

describe('WebKitGTK MiniBrowser (WebKitWebDriver under Xvfb)', () => {
  test('the serial factorial link runs to complete results', async () => {
    const { session, results } = await run('?exp=factorial&n=300&modes=serial&repeat=1&run=1', 60_000);
    assert.equal(results.complete, true, JSON.stringify(results.errors));
    assert.equal(results.environment.cross_origin_isolated, true, 'our server isolates the page');
    assert.deepEqual(results.runs.map((r) => r.mode), ['serial']);
    assert.equal(results.runs[0].tasks.length, 300);
    assert.equal(results.runs[0].check.bits, factorialBits(300));
    await session.close();
  });

  test('the default pool link runs map on 2 workers, on processes', async () => {
    const { session, results } = await run('?exp=factorial&n=300&modes=serial,map&workers=2&repeat=1&run=1', 60_000);
    const shown = JSON.stringify({ errors: results.errors, runs: results.runs.map((r) => `${r.mode}/${r.backend}/${r.workers}`), page: await pageState(session) });
    assert.equal(results.complete, true, shown);
    // Serial is the processes' baseline, its repeats interleaved with map's: its record comes last.
    assert.deepEqual(results.runs.map((r) => `${r.mode}/${r.workers}`), ['map/2', 'serial/1']);
    const map = results.runs.find((r) => r.mode === 'map');
    assert.equal(map.backend, 'processes', 'no shared memory here: map runs on processes');
    assert.equal(new Set(map.tasks.map((t) => t.worker)).size, 2, 'tasks on exactly 2 workers');
    for (const r of results.runs) assert.equal(r.check.bits, factorialBits(300), r.mode);
    await session.close();
  });
});
