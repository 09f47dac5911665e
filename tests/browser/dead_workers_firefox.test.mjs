// The retire path in Firefox ESR (puppeteer-core over WebDriver BiDi). The
// dead-worker cases stay in Chromium (dead_workers.test.mjs): BiDi gives no
// handle on a page's workers, and Runtime.terminateExecution is CDP's.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchFirefox, sleep } from './browsers.mjs';
import { openPage, runAgain, startServer, waitForComplete } from './harness.mjs';

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
