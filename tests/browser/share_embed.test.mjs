// Share, embed, export: the message API from another origin, with and
// without isolation; strict links; results in a link; exports match the table.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { factorialBits, launchBrowser, openPage, startHosts, waitForComplete } from './harness.mjs';

let hosts, playground, tutorialHost, plainHost, browser;

before(async () => {
  hosts = await startHosts();
  ({ playground, tutorialHost, plainHost } = hosts);
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); hosts?.stop(); });

const messages = (page) => page.evaluate(() => window.playgroundMessages ?? []);
async function waitForResults(page, count, timeout = 60_000) {
  await page.waitForFunction((n) => (window.playgroundMessages ?? [])
    .filter((m) => m.type === 'parallel-playground:results').length >= n, count, { timeout, polling: 200 });
  return (await messages(page)).filter((m) => m.type === 'parallel-playground:results');
}

test('an isolated tutorial page on another origin embeds a threaded run and drives it', async () => {
  const query = 'exp=factorial&n=400&modes=serial,map&workers=2&repeat=1&run=1';
  const url = `${tutorialHost.url}?playground=${encodeURIComponent(playground.url)}&query=${encodeURIComponent(query)}`;
  const { page, problems } = await openPage(browser, url);
  assert.equal(await page.evaluate(() => crossOriginIsolated), true, 'the tutorial page is isolated');
  const [first] = await waitForResults(page, 1);
  assert.equal((await messages(page))[0].type, 'parallel-playground:ready');
  assert.equal(first.results.complete, true);
  assert.equal(first.results.environment.cross_origin_isolated, true);
  const map = first.results.runs.find((r) => r.mode === 'map');
  assert.equal(map.workers, 2);
  assert.equal(new Set(map.tasks.map((t) => t.worker)).size, 2, 'the pool run used 2 workers');
  assert.equal(map.check.bits, factorialBits(400));

  // The parent sends a run; the same strict codec reads it.
  const frame = page.frameLocator('#playground');
  await page.fill('#query', 'exp=factorial&n=120&modes=map_async&workers=1,2&repeat=2');
  await page.click('#run-form button');
  const [, second] = await waitForResults(page, 2);
  assert.equal(second.results.complete, true);
  assert.equal(second.results.config.n, 120);
  assert.deepEqual(second.results.runs.map((r) => `${r.mode}/${r.workers}`), ['map_async/1', 'map_async/2']);
  assert.equal(second.results.runs[1].check.bits, factorialBits(120));
  // Compact view: results and Run, a link to the full playground.
  assert.equal(await frame.locator('#open-full').count(), 1);
  assert.equal(await frame.locator('#run').isVisible(), true);
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.consoleErrors, []);
});

test('on a static host without headers, the service worker isolates the page and threads run', async () => {
  const { page, problems } = await openPage(browser, `${plainHost.url}?exp=factorial&n=300&modes=map&workers=2&repeat=1&run=1`);
  const results = await waitForComplete(page, 60_000);
  assert.equal(await page.evaluate(() => crossOriginIsolated), true);
  assert.equal(results.complete, true);
  assert.equal(new Set(results.runs[0].tasks.map((t) => t.worker)).size, 2);
  assert.deepEqual(problems.errors, []);
});

test('bad links: a message each, no uncaught error, no dialog, no injected element, nothing runs', async () => {
  const bad = [
    ['n=-5&run=1', 'n'],
    ['n=99999999999999999999999&run=1', 'n'],
    ['workers=0,65&run=1', 'workers'],
    ['repeat=1e9&run=1', 'repeat'],
    ['modes=serial,fork&run=1', 'modes'],
    ['exp=reposts&api=javascript:alert(1)&run=1', 'api'],
    ['exp=reposts&api=data:text/html,<script>alert(1)</script>&run=1', 'api'],
    ['n=<img src=x onerror="window.__injected=1">&run=1', 'n'],
    ['modes=<script>window.__injected=1</script>&run=1', 'modes'],
    ['n=%E0%A4%A&workers=%ZZ&run=1', 'n'],
    ['exp=reposts&pages=%3Csvg%20onload%3Dalert(1)%3E&run=1', 'pages'],
  ];
  for (const [query, field] of bad) {
    const { page, problems } = await openPage(browser, `${playground.url}?${query}`);
    await page.waitForSelector('#pool-status.ready, #pool-status.off', { timeout: 30_000 });
    const message = await page.textContent(`#field-${field}-error`);
    assert.ok(message.trim().length > 0, `${query}: no message for ${field}`);
    await page.waitForTimeout(300);
    assert.equal(await page.locator('#results-json').count(), 0, `${query}: something ran`);
    assert.equal(await page.evaluate(() => window.__injected), undefined, `${query}: script ran`);
    assert.equal(await page.locator('main img, main script:not([type="application/json"]), main iframe').count(), 0, `${query}: element injected`);
    assert.deepEqual(problems.errors, [], query);
    assert.deepEqual(problems.dialogs, [], query);
    await page.close();
  }
});

test('run messages are taken only from the parent window', async () => {
  const run = { type: 'parallel-playground:run', query: 'exp=factorial&n=50&modes=serial&repeat=1' };
  // A top-level page has no parent: a window posting to itself is not one,
  // and neither is any other window (an opener, a sibling frame).
  const { page, problems } = await openPage(browser, `${playground.url}?exp=factorial&n=60&modes=serial&repeat=1`);
  await page.waitForSelector('#pool-status.ready', { timeout: 30_000 });
  await page.evaluate((message) => window.postMessage(message, '*'), run);
  await page.waitForTimeout(1500);
  assert.equal(await page.locator('#results-json').count(), 0, 'a message from the page itself started a run');
  // (The parent's own run message is exercised by the tutorial-page test above.)
  assert.deepEqual(problems.errors, []);
  await page.close();
});

test('an embed stays an embed when the reader switches experiments', async () => {
  const { page, problems } = await openPage(browser, `${playground.url}?exp=factorial&n=150&modes=serial&repeat=1&embed=1`);
  await page.waitForSelector('main.embedded');
  await page.click('details.fields > summary'); // the compact view folds the controls away
  for (const experiment of ['reposts', 'factorial']) {
    await page.click(`#tab-${experiment}`);
    await page.waitForFunction((exp) => location.search.includes(`exp=${exp}`), experiment);
    assert.match(await page.evaluate(() => location.search), /embed=1/, `${experiment}: the address keeps embed=1`);
    assert.equal(await page.locator('main.embedded').count(), 1, `${experiment}: still the compact view`);
  }
  assert.deepEqual(problems.errors, []);
  await page.close();
});

test('a minimal embed of a bad link says why Run is disabled, in the page\'s language', async () => {
  for (const [lang, words] of [['en', /n/], ['zh-CN', /[\u4e00-\u9fff]/]]) {
    const { page, problems } = await openPage(browser,
      `${playground.url}?v=2&exp=factorial&n=-5&modes=serial&repeat=1&embed=1&view=minimal&lang=${lang}&colour=red&run=1`);
    await page.waitForSelector('#link-problems');
    const shown = await page.evaluate(() => ({
      run: document.getElementById('run').disabled,
      errors: [...document.querySelectorAll('#link-problems > p')].map((p) => p.textContent),
      notices: [...document.querySelectorAll('#link-problems li')].map((li) => li.textContent),
      results: !!document.getElementById('verdict'),
    }));
    assert.equal(shown.run, true, `${lang}: Run is disabled`);
    assert.equal(shown.errors.length, 1, `${lang}: ${JSON.stringify(shown)}`);
    assert.ok(shown.errors[0].startsWith('n ') && words.test(shown.errors[0].slice(2)), `${lang}: ${shown.errors[0]}`);
    assert.ok(shown.notices.some((n) => n.includes('colour')), `${lang}: ${JSON.stringify(shown.notices)}`);
    assert.equal(shown.results, false, `${lang}: nothing ran`);
    assert.deepEqual(problems.errors, []);
    await page.close();
  }
});

test('the address follows the controls, and a link with results opens them beside a fresh run', async () => {
  const { page, problems } = await openPage(browser, `${playground.url}?exp=factorial&n=150&modes=serial,map&workers=2&repeat=1&run=1`);
  const results = await waitForComplete(page);
  assert.equal(results.complete, true);
  await page.fill('#field-n', '160');
  await page.waitForFunction(() => location.search.includes('n=160'));

  await page.click('#share-results');
  const link = await page.inputValue('#share-link');
  assert.match(link, /#results=[A-Za-z0-9_-]+$/);
  const viewer = await openPage(browser, link);
  await viewer.page.waitForSelector('#shared-results');
  assert.equal(await viewer.page.locator('#shared-table tbody tr').count(), 2);
  assert.match(await viewer.page.textContent('#shared-results'), /logical cores/);
  assert.deepEqual(viewer.problems.errors, []);
  assert.deepEqual(problems.errors, []);
});

test('exports carry the figures of the table', async () => {
  const { page } = await openPage(browser, `${playground.url}?exp=factorial&n=200&modes=serial,apply_async&workers=1,2&repeat=2&run=1`);
  const results = await waitForComplete(page);
  const download = async (id) => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.click(id)]);
    return readFileSync(await file.path(), 'utf8');
  };
  const csv = (await download('#export-csv')).trim().split('\n');
  assert.equal(csv.length, 1 + results.runs.length);
  for (const [i, run] of results.runs.entries()) {
    const cells = csv[i + 1].split(',');
    assert.equal(cells[0], run.mode);
    assert.equal(Number(cells[1]), run.workers);
    assert.ok(Math.abs(Number(cells[2]) - run.best_ms) < 1e-3);
  }
  const tableBest = await page.locator('#results-table tbody tr td:nth-child(3)').allTextContents();
  const markdown = await download('#export-markdown');
  for (const best of tableBest) assert.ok(markdown.includes(`| ${best} |`), `${best} missing from the Markdown`);
  const json = JSON.parse(await download('#export-json'));
  assert.deepEqual(json.runs.map((r) => r.best_ms), results.runs.map((r) => r.best_ms));
  const svg = await download('#export-svg');
  assert.match(svg, /^<\?xml/);
  assert.match(svg, /<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.equal((svg.match(/<circle/g) ?? []).length, results.runs.filter((r) => r.mode !== 'serial').length);
});

test('a serial-only run exports a chart of serial, not an empty file', async () => {
  const { page, problems } = await openPage(browser, `${playground.url}?exp=factorial&n=200&modes=serial&repeat=7&run=1`);
  const results = await waitForComplete(page);
  assert.equal(results.complete, true);
  const [file] = await Promise.all([page.waitForEvent('download'), page.click('#export-svg')]);
  const svg = readFileSync(await file.path(), 'utf8');
  assert.match(svg, /^<\?xml[^>]*>\n<svg id="time-chart"/);
  assert.match(svg, /<title>serial: median /);
  assert.match(svg, /class="serial-band"/);
  assert.deepEqual(problems.errors, []);
  await page.close();
});

test('a second link with results opened in the same tab shows its results', async () => {
  // Two fragments: results of one run (serial) and of two (serial, map on 2).
  const fragment = async (query) => {
    const { page } = await openPage(browser, `${playground.url}?${query}&run=1`);
    await waitForComplete(page);
    await page.click('#share-results');
    const link = await page.inputValue('#share-link');
    await page.close();
    return link.slice(link.indexOf('#') + 1);
  };
  const one = await fragment('exp=factorial&n=150&modes=serial&repeat=1');
  const two = await fragment('exp=factorial&n=150&modes=serial,map&workers=2&repeat=1');
  const { page, problems } = await openPage(browser, `${playground.url}?exp=factorial&n=150&modes=serial&repeat=1#${one}`);
  await page.waitForSelector('#shared-table');
  assert.equal(await page.locator('#shared-table tbody tr').count(), 1);
  // The address the page writes keeps the fragment.
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => location.hash), `#${one}`);
  // The same address with the other fragment: the document stays, the hash changes.
  await page.evaluate((hash) => { location.href = `${location.pathname}${location.search}#${hash}`; }, two);
  await page.waitForFunction(() => document.querySelectorAll('#shared-table tbody tr').length === 2, null, { timeout: 10_000 });
  assert.equal(await page.evaluate(() => location.hash), `#${two}`);
  assert.deepEqual(problems.errors, []);
  await page.close();
});

test('on a static host the repost lab says in words that there is no mock API', async () => {
  const query = 'exp=reposts&pages=2&count=20&latency=0&modes=serial,apply&workers=1,2&repeat=1&run=1';
  const { page, problems } = await openPage(browser, `${plainHost.url}?${query}`);
  const results = await waitForComplete(page, 60_000);
  assert.equal(results.complete, false);
  assert.equal(results.runs.length, 0);
  assert.deepEqual(results.errors, [
    'This host serves no mock API (HTTP 404 for /2/statuses/repost_timeline.json): serve the playground with '
      + 'playground-server, or point api= at a compatible server.',
  ]);
  assert.match(await page.textContent('.results .alert'), /This host serves no mock API/);
  assert.deepEqual(problems.errors, []);
  await page.close();
});

test('two Run presses in one task start one run', async () => {
  const { page, problems } = await openPage(browser, `${playground.url}?exp=factorial&n=150&modes=serial&repeat=1`);
  await page.waitForSelector('#pool-status.ready', { timeout: 30_000 });
  await page.evaluate(() => { const run = document.getElementById('run'); run.click(); run.click(); });
  const results = await waitForComplete(page);
  assert.equal(results.runs.length, 1);
  assert.deepEqual(results.errors ?? [], []);
  await page.waitForTimeout(500);
  assert.equal(await page.getAttribute('#results-json', 'data-finished'), '1');
  assert.deepEqual(problems.errors, []);
  await page.close();
});
