// Repost lab: the tutorial's flow against our mock Weibo API, concurrency by
// async fetches, the browser's 6-connection limit, failures and Cancel.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import { launchBrowser, openPage, startServer, waitForComplete } from './harness.mjs';

let playground, flaky, browser;

/**
 * A compatible API that proxies ours but breaks some pages: page 3 answers
 * HTTP 500 on its first attempt, page 5 always answers broken JSON.
 */
function startFlakyApi(upstream) {
  const server = createServer(async (request, response) => {
    const url = new URL(request.url, 'http://x');
    const page = url.searchParams.get('page');
    const attempt = (url.searchParams.get('_req') ?? '').split('-').at(-1);
    const headers = { 'access-control-allow-origin': '*', 'content-type': 'application/json' };
    if (page === '3' && attempt === '0') return response.writeHead(500, headers).end('{"oops": true}');
    if (page === '5' && url.searchParams.get('count') === '199') return response.writeHead(200, headers).end('{"reposts": [');
    const answer = await fetch(new URL(url.pathname + url.search, upstream));
    response.writeHead(answer.status, headers).end(Buffer.from(await answer.arrayBuffer()));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () =>
    resolve({ url: `http://127.0.0.1:${server.address().port}`, stop: () => server.close() })));
}

before(async () => {
  playground = await startServer();
  flaky = await startFlakyApi(playground.url);
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); playground?.stop(); flaky?.stop(); });

const run = (results, mode, workers) => results.runs.find((r) => r.mode === mode && (mode === 'serial' || r.workers === workers));

test('10 pages in every mode: 2000 reposts each, and the orderings of the tutorial', async () => {
  const link = '?exp=reposts&pages=10&count=200&latency=300&modes=serial,apply,apply_async&workers=2,10&repeat=1&run=1';
  const { page, problems } = await openPage(browser, playground.url + link);
  const results = await waitForComplete(page, 120_000);
  assert.equal(results.experiment, 'reposts');
  assert.equal(results.complete, true, JSON.stringify(results.errors));
  assert.equal(results.runs.length, 5);
  for (const r of results.runs) {
    assert.equal(r.check.reposts, 2000, `${r.mode}/${r.workers}`);
    assert.equal(r.check.pages, 10, `${r.mode}/${r.workers}`);
    assert.equal(r.tasks.length, 11, 'the probe for total_number, then 10 pages');
    for (const t of r.tasks) {
      assert.equal(t.status, 200);
      assert.ok(t.bytes > 10_000);
    }
  }
  const serial = run(results, 'serial').best_ms;
  // 11 requests of 300 ms one after another; broad bounds, never tight times.
  assert.ok(serial > 11 * 300 * 0.95 && serial < 11 * 300 * 2, `serial took ${serial} ms`);
  const async2 = run(results, 'apply_async', 2).best_ms;
  const async10 = run(results, 'apply_async', 10).best_ms;
  assert.ok(async10 < async2, `apply_async: 10 lanes ${async10} ms, 2 lanes ${async2} ms`);
  assert.ok(async2 < serial, `apply_async on 2 ${async2} ms vs serial ${serial} ms`);
  const apply10 = run(results, 'apply', 10).best_ms;
  assert.ok(apply10 / serial > 0.8 && apply10 / serial < 1.25, `apply on 10 ${apply10} ms vs serial ${serial} ms`);
  // apply is one request at a time; apply_async on 10 has more than 6 at once.
  const maxInFlight = (tasks) => Math.max(...tasks.map((a) => tasks.filter((b) => b.start_ms <= a.start_ms && a.start_ms < b.end_ms).length));
  assert.equal(maxInFlight(run(results, 'apply', 10).tasks.slice(1)), 1);
  assert.ok(maxInFlight(run(results, 'apply_async', 10).tasks.slice(1)) >= 6);
  // The waterfall explains the browser's limit of 6 connections per host.
  await page.selectOption('#waterfall-run', { label: 'apply_async on 10 workers' });
  assert.match(await page.textContent('#waterfall-reading'), /6 HTTP\/1\.1 connections per host/);
  assert.ok(run(results, 'apply_async', 10).tasks.some((t) => t.queued_ms > 100), 'some requests queued in the browser');
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.consoleErrors, []);
});

test('a failing page is named, the other pages are kept, the run is incomplete; retries recover', async () => {
  const api = encodeURIComponent(flaky.url);
  const broken = `?exp=reposts&pages=10&count=199&latency=0&modes=apply_async&workers=4&repeat=1&api=${api}&run=1`;
  const { page, problems } = await openPage(browser, playground.url + broken);
  const results = await waitForComplete(page, 60_000);
  assert.equal(results.complete, false);
  const messages = results.errors.join('\n');
  assert.match(messages, /page 3 failed: HTTP 500/);
  assert.match(messages, /page 5 failed: bad JSON/);
  assert.equal(results.runs[0].check.pages, 8, 'the eight good pages are kept');
  assert.equal(await page.locator('.alert').count() > 0, true);

  const retried = `?exp=reposts&pages=10&count=200&latency=0&modes=apply_async&workers=4&repeat=1&retries=1&api=${api}&run=1`;
  const second = await openPage(browser, playground.url + retried);
  const recovered = await waitForComplete(second.page, 60_000);
  assert.equal(recovered.complete, true, JSON.stringify(recovered.errors));
  assert.equal(recovered.runs[0].check.reposts, 2000);
  assert.equal(recovered.runs[0].tasks.filter((t) => t.input === 3 && t.error).length, 1, 'the failed attempt is traced');
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(second.problems.errors, []);
});

test('Cancel aborts the requests in flight and the page stays usable', async () => {
  const { page, problems } = await openPage(browser, `${playground.url}?exp=reposts&pages=10&count=20&latency=5000&modes=apply_async&workers=10&repeat=1&run=1`);
  await page.waitForSelector('#progress');
  await page.waitForTimeout(500);
  const started = Date.now();
  await page.click('#cancel');
  await page.waitForSelector('#progress', { state: 'detached', timeout: 10_000 });
  assert.ok(Date.now() - started < 3000, 'cancel did not wait for the 5 s requests');
  const results = JSON.parse(await page.textContent('#results-json'));
  assert.equal(results.complete, false);
  await page.fill('#field-latency', '0');
  await page.click('#run');
  const again = await waitForComplete(page, 60_000);
  assert.equal(again.complete, true);
  assert.deepEqual(problems.errors, []);
});
