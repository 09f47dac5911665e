// Firefox ESR (Debian's), over WebDriver BiDi with puppeteer-core: the
// skeleton run, a long stay of repeated runs, bad links, the embed, and the
// processes backend (a plain page's embed, both backends side by side).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchFirefox, textOf, countOf, isDisabled, sleep } from './browsers.mjs';
import { factorialBits, openPage, runAgain, startHosts, waitForComplete, waitForFunction } from './harness.mjs';

let hosts, server, tutorialHost, plainHost, browser;
before(async () => {
  hosts = await startHosts();
  ({ playground: server, tutorialHost, plainHost } = hosts);
  browser = await launchFirefox();
});
after(async () => { await browser?.close(); hosts?.stop(); });

/** Every page here must really be Firefox (not a Chromium picked up by mistake). */
async function assertFirefox(page) {
  assert.match(await page.evaluate(() => navigator.userAgent), /Firefox\/\d+/);
}

/** A run that never ends fails with what the page (or frame) shows: which run it is stuck in. */
async function settled(page, wait) {
  try {
    return await wait;
  } catch (error) {
    const shown = await page.evaluate(() => [document.getElementById('pool-status')?.textContent,
      document.getElementById('progress-label')?.textContent].join(' | '));
    throw new Error(`${error.message}; the page shows: ${shown}`);
  }
}

describe('Firefox ESR (puppeteer-core over WebDriver BiDi)', () => {
  test('the run link computes factorial(1..=300) with map on exactly 2 workers', async (t) => {
    t.diagnostic(`browser: ${await browser.version()}`);
    const { page, problems } = await openPage(browser, `${server.url}?exp=factorial&n=300&modes=map&workers=2&repeat=1&run=1`);
    await assertFirefox(page);
    assert.equal(await page.evaluate(() => crossOriginIsolated), true, 'page must be cross-origin isolated');
    const results = await settled(page, waitForComplete(page, 60_000));

    assert.equal(results.complete, true, JSON.stringify(results.errors));
    assert.deepEqual(results.config.modes, ['map']);
    assert.deepEqual(results.config.workers, [2]);
    assert.equal(results.environment.cross_origin_isolated, true);
    assert.match(results.environment.user_agent, /Firefox/);
    assert.equal(results.runs.length, 1);
    const [run] = results.runs;
    assert.equal(run.mode, 'map');
    assert.equal(run.workers, 2);
    assert.equal(run.tasks.length, 300);
    assert.deepEqual(run.tasks.map((t) => t.input), Array.from({ length: 300 }, (_, i) => i + 1));
    assert.deepEqual(new Set(run.tasks.map((t) => t.worker)), new Set([0, 1]), 'tasks on exactly 2 distinct workers');
    assert.equal(run.check.bits, factorialBits(300));
    assert.match(await textOf(page, '#pool-status'), /threads ready: pools of up to 64 workers/);
    assert.deepEqual(problems.errors, [], 'uncaught errors');
    assert.deepEqual(problems.consoleErrors, [], 'console errors');
    await page.close();
  });

  test('Run pressed 5 times in one page: every run completes on warm workers', async () => {
    const { page, problems } = await openPage(browser,
      `${server.url}?exp=factorial&n=300&modes=map,apply_async&workers=2,4&repeat=1&run=1`);
    const expectedBits = factorialBits(300);
    let results = await settled(page, waitForComplete(page, 60_000));
    for (let run = 1; run <= 5; run++) {
      if (run > 1) results = await settled(page, runAgain(page, 60_000));
      assert.equal(results.complete, true, `run ${run}: ${JSON.stringify(results.errors)}`);
      assert.deepEqual(results.runs.map((r) => `${r.mode}/${r.workers}`).sort(),
        ['apply_async/2', 'apply_async/4', 'map/2', 'map/4'], `run ${run}`);
      for (const r of results.runs) {
        const name = `run ${run}, ${r.mode} on ${r.workers}`;
        assert.equal(r.check.bits, expectedBits, name);
        // The reservoir: only the first run starts workers (2, then 2 more for the pool of 4).
        if (run > 1) assert.equal(r.workers_spawned, 0, `${name}: workers started`);
      }
      const async4 = results.runs.find((r) => r.mode === 'apply_async' && r.workers === 4);
      assert.equal(new Set(async4.tasks.map((t) => t.worker)).size, 4, `run ${run}: apply_async on 4 distinct workers`);
    }
    assert.deepEqual(problems.errors, []);
    assert.deepEqual(problems.consoleErrors, []);
    await page.close();
  });

  test('bad links: a message next to the field, no error, no dialog, no injected element, nothing runs', async () => {
    const bad = [
      ['n=abc&run=1', 'n'],
      ['n=-5&run=1', 'n'],
      ['workers=0,65&run=1', 'workers'],
      ['repeat=1e9&run=1', 'repeat'],
      ['modes=serial,fork&run=1', 'modes'],
      ['exp=reposts&api=javascript:alert(1)&run=1', 'api'],
      ['n=<img src=x onerror="window.__injected=1">&run=1', 'n'],
      ['modes=<script>window.__injected=1</script>&run=1', 'modes'],
      ['n=%E0%A4%A&workers=%ZZ&run=1', 'n'],
    ];
    for (const [query, field] of bad) {
      const { page, problems } = await openPage(browser, `${server.url}?${query}`);
      await page.waitForSelector('#pool-status.ready, #pool-status.off', { timeout: 30_000 });
      const message = await textOf(page, `#field-${field}-error`);
      assert.ok(message?.trim().length > 0, `${query}: no message for ${field}`);
      assert.equal(await isDisabled(page, '#run'), true, `${query}: Run enabled`);
      await sleep(300);
      assert.equal(await countOf(page, '#results-json'), 0, `${query}: something ran`);
      assert.equal(await page.evaluate(() => window.__injected), undefined, `${query}: script ran`);
      assert.equal(await countOf(page, 'main img, main script:not([type="application/json"]), main iframe'), 0, `${query}: element injected`);
      assert.deepEqual(problems.errors, [], query);
      assert.deepEqual(problems.dialogs, [], query);
      await page.close();
    }
  });

  test('an isolated tutorial page on another origin embeds a threaded run and drives it', async () => {
    const results = (page) => page.evaluate(() => (window.playgroundMessages ?? [])
      .filter((m) => m.type === 'parallel-playground:results'));
    const waitForResults = async (page, count) => {
      const frame = page.frames().find((f) => f.url().startsWith(server.url));
      await settled(frame ?? page, waitForFunction(page, (n) => (window.playgroundMessages ?? [])
        .filter((m) => m.type === 'parallel-playground:results').length >= n, count, { timeout: 60_000 }));
      return results(page);
    };
    const query = 'exp=factorial&n=400&modes=serial,map&workers=2&repeat=1&run=1';
    const url = `${tutorialHost.url}?playground=${encodeURIComponent(server.url)}&query=${encodeURIComponent(query)}`;
    const { page, problems } = await openPage(browser, url);
    await assertFirefox(page);
    assert.equal(await page.evaluate(() => crossOriginIsolated), true, 'the tutorial page is isolated');
    const [first] = await waitForResults(page, 1);
    assert.equal((await page.evaluate(() => window.playgroundMessages[0].type)), 'parallel-playground:ready');
    assert.equal(first.results.complete, true, JSON.stringify(first.results.errors));
    assert.equal(first.results.environment.cross_origin_isolated, true);
    const map = first.results.runs.find((r) => r.mode === 'map');
    assert.equal(map.workers, 2);
    assert.equal(new Set(map.tasks.map((t) => t.worker)).size, 2, 'the pool run used 2 workers');
    assert.equal(map.check.bits, factorialBits(400));

    // The parent sends a run; the embed runs it.
    await page.evaluate(() => { document.getElementById('query').value = 'exp=factorial&n=120&modes=map_async&workers=1,2&repeat=2'; });
    await page.click('#run-form button');
    const [, second] = await waitForResults(page, 2);
    assert.equal(second.results.complete, true);
    assert.equal(second.results.config.n, 120);
    assert.deepEqual(second.results.runs.map((r) => `${r.mode}/${r.workers}`), ['map_async/1', 'map_async/2']);
    assert.equal(second.results.runs[1].check.bits, factorialBits(120));
    // The frame is the compact view: a link to the full playground.
    const frame = page.frames().find((f) => f.url().startsWith(server.url));
    assert.ok(frame, 'the playground frame');
    assert.equal(await frame.evaluate(() => document.querySelectorAll('#open-full').length), 1);
    assert.deepEqual(problems.errors, []);
    assert.deepEqual(problems.consoleErrors, []);
    await page.close();
  });

  test('a plain page without isolation embeds the playground and gets parallel runs on processes', async () => {
    const query = 'exp=factorial&modes=serial,map,apply_async&workers=2&n=3000&repeat=2&run=1&embed=1';
    const url = `${plainHost.url}tutorial.html?playground=${encodeURIComponent(server.url)}&query=${encodeURIComponent(query)}`;
    const { page, problems } = await openPage(browser, url);
    await assertFirefox(page);
    assert.equal(await page.evaluate(() => crossOriginIsolated), false, 'the tutorial page is not isolated');
    await settled(page, waitForFunction(page, () => (window.playgroundMessages ?? [])
      .some((m) => m.type === 'parallel-playground:results'), null, { timeout: 120_000 }));
    const { results } = await page.evaluate(() => window.playgroundMessages.find((m) => m.type === 'parallel-playground:results'));
    assert.equal(results.complete, true, JSON.stringify(results.errors));
    // Serial is the processes' baseline, its repeats interleaved with theirs: its record comes last.
    assert.deepEqual(results.runs.map((r) => `${r.mode}/${r.backend}/${r.workers}`),
      ['apply_async/processes/2', 'map/processes/2', 'serial/null/1']);
    const bits = factorialBits(3000);
    for (const run of results.runs) assert.equal(run.check.bits, bits, run.mode);
    for (const run of results.runs.filter((r) => r.mode !== 'serial')) {
      assert.deepEqual(new Set(run.tasks.map((t) => t.worker)), new Set([0, 1]), `${run.mode}: exactly 2 processes`);
    }
    assert.deepEqual(problems.errors, []);
    await page.close();
  });

  test('an isolated page runs threads and processes side by side, every mode on both, one check', async () => {
    const { page, problems } = await openPage(browser,
      `${server.url}?exp=factorial&n=400&modes=serial,apply,apply_async,map,map_async&workers=2&repeat=1&backend=threads,processes&run=1`);
    await assertFirefox(page);
    const results = await settled(page, waitForComplete(page, 120_000));
    assert.equal(results.complete, true, JSON.stringify(results.errors));
    assert.deepEqual(results.runs.map((r) => `${r.mode}/${r.backend}`), [
      // Serial's repeats interleave with the threads runs of its n: its record comes after them;
      // the processes get a serial run of their own build (serial/processes), interleaved with theirs likewise.
      'apply/threads', 'apply_async/threads', 'map/threads', 'map_async/threads', 'serial/null',
      'apply/processes', 'apply_async/processes', 'map/processes', 'map_async/processes', 'serial/processes']);
    assert.equal(new Set(results.runs.map((r) => r.check.digest)).size, 1, 'one digest for every run');
    for (const run of results.runs) assert.equal(run.check.bits, factorialBits(400), `${run.mode}/${run.backend}`);
    assert.deepEqual(problems.errors, []);
    await page.close();
  });
});
