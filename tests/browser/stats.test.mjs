// Trustworthy numbers: the statistics the page publishes, recomputed here from
// the published times by the README's methods; charts and tables that fit a
// phone's width; the trace export. Timings are never asserted (the machine is
// shared and noisy): only what follows from the published times.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { launchBrowser, median, openPage, startServer, waitForComplete } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); server?.stop(); });

/** The rank l of the README's interval, in exact integers: the largest l >= 1
 *  with P(B <= l-1) <= 0.025, B ~ Binomial(n, 1/2), i.e. 40 * sum C(n, i) <= 2^n. */
function ciRank(n) {
  const total = 2n ** BigInt(n);
  let choose = 1n; // C(n, 0)
  let cumulative = 0n;
  let rank = null;
  for (let i = 0; i < n; i++) {
    cumulative += choose; // P(B <= i) * 2^n
    if (40n * cumulative > total) break;
    rank = i + 1;
    choose = (choose * BigInt(n - i)) / BigInt(i + 1);
  }
  return rank;
}

function ci95(times) {
  const l = ciRank(times.length);
  if (l === null) return null;
  const sorted = [...times].sort((a, b) => a - b);
  return [sorted[l - 1], sorted[times.length - l]];
}

function outliers(times) {
  const center = median(times);
  const mad = median(times.map((x) => Math.abs(x - center)));
  if (!(mad > 0)) return [];
  return times.flatMap((x, i) => (Math.abs((0.6745 * (x - center)) / mad) > 3.5 ? [i] : []));
}

// Non-finite ratios (a time of 0 at the clock's limit) are published as null.
function speedup(serial, run) {
  const [a, b] = [ci95(serial.times_ms), ci95(run.times_ms)];
  const finite = (v) => (Number.isFinite(v) ? v : null);
  const median = finite(serial.median_ms / run.median_ms);
  if (median === null) return null;
  return { median, lo: a && b ? finite(a[0] / b[1]) : null, hi: a && b ? finite(a[1] / b[0]) : null };
}

test('repeat=20: interval, outliers, speed-up and clock figures recompute from times_ms', async () => {
  const link = '?exp=factorial&n=300&modes=serial,map,apply_async&workers=2&repeat=20&run=1';
  const { page, problems } = await openPage(browser, server.url + link);
  const results = await waitForComplete(page, 240_000);
  assert.equal(results.complete, true, JSON.stringify(results.errors));
  const resolution = results.environment.timer_resolution_ms;
  assert.ok(Number.isFinite(resolution) && resolution > 0 && resolution < 1, `timer_resolution_ms ${resolution}`);
  assert.equal(await page.evaluate(() => document.hidden), false, 'the page is visible');
  const serial = results.runs.find((r) => r.mode === 'serial');
  for (const run of results.runs) {
    const name = `${run.mode} on ${run.workers}`;
    assert.equal(run.times_ms.length, 20, name);
    assert.deepEqual(run.ci95_ms, ci95(run.times_ms), name);
    // x(6) and x(15) of the sorted times, for n = 20.
    const sorted = [...run.times_ms].sort((a, b) => a - b);
    assert.deepEqual(run.ci95_ms, [sorted[5], sorted[14]], name);
    assert.deepEqual(run.outliers, outliers(run.times_ms), name);
    assert.equal(run.at_clock_limit, run.median_ms < 100 * resolution, name);
    // The page stayed visible through the run: no run is marked hidden.
    assert.equal(run.hidden, false, name);
    if (run.mode === 'serial') assert.equal(run.speedup, null, name);
    else assert.deepEqual(run.speedup, speedup(serial, run), name);
  }

  // The reading claims a speed-up only when its interval is above 1.
  const reading = await page.textContent('#reading');
  for (const run of results.runs.filter((r) => r.mode !== 'serial')) {
    const label = `${run.mode} on 2 workers`;
    const claim = (word) => new RegExp(`${label}: [\\d.]+× \\([\\d.]+–[\\d.]+\\) ${word} than serial`).test(reading);
    if (claim('faster')) assert.ok(run.speedup.lo > 1, `${label} called faster with lo ${run.speedup.lo}: ${reading}`);
    if (claim('slower')) assert.ok(run.speedup.hi < 1, `${label} called slower with hi ${run.speedup.hi}: ${reading}`);
    if (run.speedup.lo <= 1 && run.speedup.hi >= 1) {
      assert.ok(!claim('faster') && !claim('slower'), `${label}: ${reading}`);
      assert.match(reading, /no measurable difference/);
    }
  }
  // The table shows the interval of every run and the speed-up's.
  const intervals = await page.locator('#results-table tbody td.interval').allTextContents();
  assert.equal(intervals.length, results.runs.length);
  for (const text of intervals) assert.match(text, /\d.*–\d/);
  const speedups = await page.locator('#results-table tbody tr:not([data-mode="serial"]) td.speedup').allTextContents();
  for (const text of speedups) assert.match(text, /^\d+\.\d\d× \(\d+\.\d\d–\d+\.\d\d\)$/);
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.consoleErrors, []);
  await page.close();
});

/** Opens `url` at the given viewport width. */
async function openAtWidth(width, url) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  await page.goto(url);
  return { page, context, errors };
}

/** For each selector: is the element wider than its box without that box
 *  scrolling, or does the box itself stick out of the page? */
function clippedElements(page, selectors) {
  return page.evaluate((selectors) => {
    const problems = [];
    const viewport = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > viewport + 1) {
      problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${viewport}`);
    }
    for (const selector of selectors) {
      const element = document.querySelector(selector);
      if (!element) { problems.push(`${selector} missing`); continue; }
      let box = element.parentElement;
      while (box && !['auto', 'scroll'].includes(getComputedStyle(box).overflowX) && box !== document.body) box = box.parentElement;
      const boxRect = box.getBoundingClientRect();
      const width = element.getBoundingClientRect().width;
      const scrolls = ['auto', 'scroll'].includes(getComputedStyle(box).overflowX);
      if (boxRect.right > viewport + 1 || boxRect.left < -1) problems.push(`${selector}: its box is cut off (${boxRect.left}..${boxRect.right} of ${viewport})`);
      if (width > box.clientWidth + 1 && !(scrolls && box.scrollWidth > box.clientWidth)) {
        problems.push(`${selector}: ${width}px wide in a ${box.clientWidth}px box that does not scroll`);
      }
    }
    return problems;
  }, selectors);
}

test('at 390 px wide nothing is clipped: charts and table fit or scroll in their own box', async () => {
  const link = '?exp=factorial&n=300&modes=serial,apply,apply_async,map,map_async&workers=1,2,4&repeat=6&run=1';
  const { page, context, errors } = await openAtWidth(390, server.url + link);
  await waitForComplete(page, 240_000);
  await page.waitForSelector('#time-chart');
  await page.click('#presets summary');
  assert.deepEqual(await clippedElements(page, ['#time-chart', '#timeline', '#results-table', '#presets table']), []);
  // The chart's labels stay inside the chart.
  const outside = await page.evaluate(() => {
    const svg = document.getElementById('time-chart').getBoundingClientRect();
    return [...document.querySelectorAll('#time-chart text')]
      .map((t) => t.getBoundingClientRect())
      .filter((r) => r.right > svg.right + 1 || r.left < svg.left - 1).length;
  });
  assert.equal(outside, 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('repost lab at 1280 px: the results table is not cut off', async () => {
  const link = '?exp=reposts&pages=3&latency=0&modes=serial,apply,apply_async&workers=1,4,10&repeat=1&run=1';
  const { page, context, errors } = await openAtWidth(1280, server.url + link);
  await waitForComplete(page, 120_000);
  assert.deepEqual(await clippedElements(page, ['#results-table', '#time-chart', '#timeline', '#waterfall']), []);
  // At this width the table fits outright: no sideways scrolling needed.
  const [table, box] = await page.evaluate(() => {
    const table = document.getElementById('results-table');
    return [table.getBoundingClientRect().width, table.parentElement.clientWidth];
  });
  assert.ok(table <= box + 1, `table ${table}px in a ${box}px box`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('timeline: bounded bars at n=20000, every task covered, hover names a task; trace export', async () => {
  const link = '?exp=factorial&n=20000&modes=map&workers=2&repeat=1&chunk=100&run=1';
  const { page, problems } = await openPage(browser, server.url + link);
  const results = await waitForComplete(page, 240_000);
  assert.equal(results.complete, true, JSON.stringify(results.errors));
  const bars = await page.$$eval('#timeline rect.task', (rects) => rects.map((r) => Number(r.dataset.tasks)));
  assert.equal(bars.reduce((a, b) => a + b, 0), 20000, 'every task is in one bar');
  assert.ok(bars.length <= 2 * 600, `${bars.length} bars for 20000 tasks`);

  // Point at the middle of worker 0's lane: the caption names one task.
  await page.locator('#timeline').scrollIntoViewIfNeeded();
  const svg = await page.locator('#timeline').boundingBox();
  const [, , , height] = (await page.getAttribute('#timeline', 'viewBox')).split(' ').map(Number);
  const lane0 = svg.y + ((16 + 11) / height) * svg.height;
  await page.mouse.move(svg.x + svg.width * 0.5, lane0);
  await page.waitForFunction(() => /^input \d+ on worker 0: /.test(document.getElementById('timeline-hover').textContent));
  const hover = await page.textContent('#timeline-hover');
  const input = Number(hover.match(/^input (\d+)/)[1]);
  assert.equal(results.runs[0].tasks.find((t) => t.input === input).worker, 0, hover);

  const [file] = await Promise.all([page.waitForEvent('download'), page.click('#export-trace')]);
  const trace = JSON.parse(readFileSync(await file.path(), 'utf8'));
  const complete = trace.traceEvents.filter((e) => e.ph === 'X');
  assert.equal(complete.length, results.runs.reduce((n, r) => n + r.tasks.length, 0), 'one event per task');
  const processes = trace.traceEvents.filter((e) => e.ph === 'M' && e.name === 'process_name');
  assert.equal(processes.length, results.runs.length, 'one process per run');
  const threads = trace.traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name');
  assert.equal(threads.length, 2, 'one thread per worker');
  const inputs = complete.map((e) => e.args.input).sort((a, b) => a - b);
  assert.deepEqual(inputs, Array.from({ length: 20000 }, (_, i) => i + 1));
  for (const e of complete.slice(0, 50)) {
    const task = results.runs[0].tasks.find((t) => t.input === e.args.input);
    assert.equal(e.tid, task.worker + 1);
    assert.ok(Math.abs(e.ts - task.start_ms * 1000) < 1e-6 && e.dur >= 0);
  }
  assert.deepEqual(problems.errors, []);
  await page.close();
});
