// The tutorial's lesson (issue 21), in Chromium and Firefox: a fair baseline
// (a pool of one is never measurably faster than serial), repeat=auto (every
// interval means something), the sweep of n with its break-even and
// breakdown, and the verdict first. Timings are never asserted beyond what
// the published times imply.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchFirefox, textOf } from './browsers.mjs';
import { launchBrowser, openPage, startServer, waitForComplete } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server?.stop());

const label = (r) => `${r.mode}/${r.backend}/${r.workers}/n=${r.n}`;

/** The serial run a pool run is measured against: same n, same backend if serial ran there, else the caller's. */
function serialFor(runs, run) {
  const ofN = runs.filter((s) => s.mode === 'serial' && s.n === run.n);
  return ofN.find((s) => s.backend !== null && s.backend === run.backend) ?? ofN.find((s) => s.backend === null) ?? ofN[0];
}

const close = (a, b, what) => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)), `${what}: ${a} vs ${b}`);

for (const engine of ['chromium', 'firefox']) {
  describe(`the lesson in ${engine}`, () => {
    let browser;
    before(async () => { browser = engine === 'firefox' ? await launchFirefox() : await launchBrowser(); });
    after(async () => { await browser?.close(); });

    test('a pool of one is never measurably faster than serial, on threads or processes', async () => {
      const link = '?v=2&exp=factorial&n=3000&modes=serial,map,apply_async&workers=1&backend=threads,processes&run=1';
      const { page, problems } = await openPage(browser, server.url + link);
      const results = await waitForComplete(page, 300_000);
      assert.equal(results.complete, true, JSON.stringify({ errors: results.errors, runs: results.runs.map((r) => `${r.mode}/${r.backend}/${r.workers}/n=${r.n}`) }));
      const ones = results.runs.filter((r) => r.mode !== 'serial');
      assert.deepEqual(ones.map(label).sort(), ['apply_async/processes/1/n=3000', 'apply_async/threads/1/n=3000',
        'map/processes/1/n=3000', 'map/threads/1/n=3000']);
      for (const run of ones) {
        assert.ok(run.speedup, label(run));
        assert.ok(!(run.speedup.lo > 1), `${label(run)}: ${JSON.stringify(run.speedup)} lies entirely above 1`);
      }
      assert.deepEqual(problems.errors, []);
      await page.close();
    });

    test('the default link: at least 9 repeats a run, and an interval narrower than the range', async () => {
      const { page, problems } = await openPage(browser, `${server.url}?v=2&run=1`);
      const results = await waitForComplete(page, 600_000);
      assert.equal(results.complete, true, JSON.stringify({ errors: results.errors, runs: results.runs.map((r) => `${r.mode}/${r.backend}/${r.workers}/n=${r.n}`) }));
      assert.equal(results.config.repeat, 'auto');
      for (const run of results.runs) {
        assert.ok(run.times_ms.length >= 9, `${label(run)}: ${run.times_ms.length} repeats`);
        assert.ok(['precision', 'budget', 'count'].includes(run.repeat_stop), `${label(run)}: ${run.repeat_stop}`);
        const sorted = [...run.times_ms].sort((a, b) => a - b);
        const [lo, hi] = run.ci95_ms;
        // From 9 values the ranks move inward: the interval is not the whole range.
        assert.ok(lo >= sorted[1] && hi <= sorted.at(-2), `${label(run)}: [${lo}, ${hi}] in ${sorted}`);
        if (run.repeat_stop === 'precision') {
          assert.ok(lo >= run.median_ms * 0.95 && hi <= run.median_ms * 1.05, `${label(run)}: ±5% claimed`);
        }
      }
      assert.deepEqual(problems.errors, []);
      await page.close();
    });

    test('a sweep: one serial per n, speed-ups against it, a break-even that agrees, breakdowns that recompute', async () => {
      const link = '?v=2&exp=factorial&n=10,100,1000,3000&modes=serial,map,apply_async&workers=2&run=1';
      const { page, problems } = await openPage(browser, server.url + link);
      const results = await waitForComplete(page, 300_000);
      assert.equal(results.complete, true, JSON.stringify({ errors: results.errors, runs: results.runs.map((r) => `${r.mode}/${r.backend}/${r.workers}/n=${r.n}`) }));
      assert.equal(results.schema, 2);
      assert.deepEqual(results.config.n, [10, 100, 1000, 3000]);
      const serials = results.runs.filter((r) => r.mode === 'serial');
      assert.deepEqual(serials.map((s) => s.n), [10, 100, 1000, 3000], 'one serial run per n');
      const pool = results.runs.filter((r) => r.mode !== 'serial');
      assert.equal(pool.length, 8);
      for (const run of pool) {
        const serial = serialFor(results.runs, run);
        assert.equal(serial.n, run.n, label(run));
        close(run.speedup.median, serial.median_ms / run.median_ms, `${label(run)}: speed-up`);
        // The breakdown of the traced repeat, from its tasks.
        const b = run.breakdown;
        assert.ok(b, `${label(run)}: breakdown`);
        assert.equal(run.tasks.length, run.n, `${label(run)}: the traced repeat`);
        const busy = run.tasks.reduce((sum, t) => sum + (t.end_ms - t.start_ms), 0);
        close(b.wall_ms, run.times_ms.at(-1), `${label(run)}: wall_ms`);
        assert.ok(Math.abs(b.busy_ms - busy) < 1e-6, `${label(run)}: busy_ms ${b.busy_ms} vs ${busy}`);
        assert.ok(Math.abs(b.idle_ms - (run.workers * b.wall_ms - busy)) < 1e-6, `${label(run)}: idle_ms`);
        close(b.work_ms, serial.median_ms, `${label(run)}: work_ms`);
        assert.ok(Number.isFinite(run.predicted_ms), `${label(run)}: predicted_ms`);
      }
      // One break-even per line, agreeing with the points it interpolates.
      assert.equal(results.breakeven.length, 2);
      for (const line of results.breakeven) {
        const points = pool.filter((r) => r.mode === line.mode && r.backend === line.backend && r.workers === line.workers)
          .sort((a, b) => a.n - b.n).map((r) => [r.n, r.speedup.median]);
        assert.equal(points.length, 4, line.mode);
        const pair = points.findIndex(([, s], i) => i + 1 < points.length && (s - 1) * (points[i + 1][1] - 1) <= 0 && s !== points[i + 1][1]);
        if (points[0][1] === 1) {
          assert.equal(line.n_warm, points[0][0]);
        } else if (pair === -1) {
          assert.equal(line.n_warm, null, line.mode);
          assert.equal(line.side_warm, points[0][1] > 1 ? 'faster' : 'slower', line.mode);
          assert.ok(points.every(([, s]) => (s > 1) === (line.side_warm === 'faster')), line.mode);
        } else {
          const [[n1, s1], [n2, s2]] = [points[pair], points[pair + 1]];
          const expected = Math.exp(Math.log(n1) + ((1 - s1) / (s2 - s1)) * (Math.log(n2) - Math.log(n1)));
          assert.ok(Math.abs(line.n_warm - expected) < 1e-6 * expected, `${line.mode}: ${line.n_warm} vs ${expected}`);
          assert.ok(line.n_warm >= n1 && line.n_warm <= n2, line.mode);
        }
      }
      assert.ok(results.model.length >= 1);
      // The page draws the lesson: the speed-up chart and a bar per pool run.
      assert.equal(await page.evaluate(() => document.querySelectorAll('#speedup-chart polyline.measured').length), 2);
      assert.equal(await page.evaluate(() => document.querySelectorAll('#breakdown .breakdown-row').length), 8);
      assert.deepEqual(problems.errors, []);
      await page.close();
    });

    for (const lang of ['en', 'zh-CN']) {
      test(`#verdict names the fastest run measurably faster than serial (${lang})`, async () => {
        const link = `?v=2&exp=factorial&n=3000&modes=serial,map,apply_async&workers=1,2&lang=${lang}&run=1`;
        const { page, problems } = await openPage(browser, server.url + link);
        const results = await waitForComplete(page, 300_000);
        assert.equal(results.complete, true, JSON.stringify({ errors: results.errors, runs: results.runs.map((r) => `${r.mode}/${r.backend}/${r.workers}/n=${r.n}`) }));
        const verdict = await textOf(page, '#verdict');
        const faster = results.runs.filter((r) => r.speedup && r.speedup.lo > 1);
        if (faster.length === 0) {
          assert.match(verdict, lang === 'en' ? /^No pool run is measurably faster than serial here\./ : /^这里没有哪个并行运行明显快于串行。/);
        } else {
          const best = faster.reduce((a, b) => (b.median_ms < a.median_ms ? b : a));
          const workers = lang === 'en' ? `${best.mode} on ${best.workers} worker` : best.mode;
          assert.ok(verdict.startsWith(workers), `${verdict} should name ${label(best)}`);
          // Its speed-up, written as the language writes numbers (2 decimals at most: 1.7, 1.74).
          const written = Number(verdict.match(/(\d+(?:\.\d+)?) ?(?:×| 倍)/)?.[1]);
          assert.ok(Math.abs(written - best.speedup.median) <= 0.005 + 1e-9, `${verdict}: ${best.speedup.median}`);
          assert.match(verdict, lang === 'en' ? /measurably faster than serial/ : /明显快于串行/);
          // Named by its workers count, not another run's.
          const others = faster.filter((r) => r !== best && r.mode === best.mode);
          for (const other of others) assert.ok(!verdict.startsWith(`${other.mode} on ${other.workers} `), verdict);
        }
        // The verdict comes first in the results.
        const first = await page.evaluate(() => document.querySelector('.results > p, .results > .verdict')?.id);
        assert.equal(first, 'verdict');
        assert.deepEqual(problems.errors, []);
        await page.close();
      });
    }

    test('at 1280 px the default table fits without scrolling; the secondary columns show on request', async () => {
      const { page, problems } = await openPage(browser, `${server.url}?v=2&exp=factorial&n=300&modes=serial,apply,apply_async,map,map_async&workers=1,2,4&repeat=9&run=1`);
      await page.setViewport?.({ width: 1280, height: 900 });
      await page.setViewportSize?.({ width: 1280, height: 900 });
      await waitForComplete(page, 300_000);
      const fits = () => page.evaluate(() => {
        const table = document.getElementById('results-table');
        return [table.getBoundingClientRect().width, table.parentElement.clientWidth];
      });
      const [table, box] = await fits();
      assert.ok(table <= box + 1, `table ${table}px in a ${box}px box`);
      assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('#results-table th.secondary')).display), 'none');
      await page.click('#results-table-columns');
      await page.waitForFunction?.(() => document.querySelector('#results-table.all-columns'));
      assert.notEqual(await page.evaluate(() => getComputedStyle(document.querySelector('#results-table th.secondary')).display), 'none');
      assert.deepEqual(problems.errors, []);
      await page.close();
    });
  });
}
