// The factorial kernel as the app is built (both wasm builds: the threaded
// one, and the one without threads that pages without isolation and the
// processes run), against the browser's own BigInt: every k up to 3000 and
// a set of large k, in Chromium and Firefox.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchFirefox } from './browsers.mjs';
import { launchBrowser, openPage, startServer } from './harness.mjs';

// Products of every NTT length from 2^10 up, the switch between the kernel's
// two ways of squaring, primes past its sieve table, the link's largest n
// (100000) and twice that (as the native tests, src/core/factorial.rs).
const LARGE = [5000, 8192, 20000, 40000, 65537, 100000, 200000];

let server;
before(async () => { server = await startServer(); });
after(() => server?.stop());

/**
 * Compares `app.playground_factorial_hex(k)` with BigInt for every k in
 * 1..=upTo (a running product) and for each of `large` (a balanced product
 * tree); returns the ks that differ. Runs in the page or in a worker.
 */
function compare(app, upTo, large) {
  const wrong = [];
  let product = 1n;
  for (let k = 1; k <= upTo; k++) {
    product *= BigInt(k);
    if (app.playground_factorial_hex(k) !== product.toString(16)) wrong.push(k);
  }
  const tree = (lo, hi) => {
    if (hi - lo <= 1) return hi > lo ? BigInt(lo) : 1n;
    const mid = lo + ((hi - lo) >> 1);
    return tree(lo, mid) * tree(mid, hi);
  };
  for (const k of large) {
    if (app.playground_factorial_hex(k) !== tree(2, k + 1).toString(16)) wrong.push(k);
  }
  return wrong;
}

/**
 * The threaded build: the page's own instance (its JS module imported again
 * shares it). The build without threads: in a worker, as the processes run
 * it (a page would mount a second app).
 */
function compareInPage(page, build, upTo, large) {
  return page.evaluate(async ({ build, source, upTo, large }) => {
    if (build === 'threaded') {
      const url = performance.getEntriesByType('resource').map((r) => r.name)
        .find((name) => /\/playground-app-[0-9a-f]+\.js$/.test(name));
      const app = await import(url);
      return (0, eval)(`(${source})`)(app, upTo, large);
    }
    const script = `self.onmessage = async ({ data }) => {
      try {
        const app = await import(data.js);
        await app.default({ module_or_path: data.wasm });
        postMessage((${source})(app, data.upTo, data.large));
      } catch (err) { postMessage(String(err)); }
    };`;
    const worker = new Worker(URL.createObjectURL(new Blob([script], { type: 'text/javascript' })), { type: 'module' });
    const base = location.origin;
    const answer = await new Promise((resolve) => {
      worker.onmessage = ({ data }) => resolve(data);
      worker.postMessage({ js: `${base}/single/playground-app.js`, wasm: `${base}/single/playground-app_bg.wasm`, upTo, large });
    });
    worker.terminate();
    if (typeof answer === 'string') throw new Error(answer);
    return answer;
  }, { build, source: compare.toString(), upTo, large });
}

// Firefox's BigInt holds at most 2^20 bits (100000! has 1.5 million), so
// its large ks stop at 65537 (954 thousand bits).
const browsers = [['Chromium', launchBrowser, LARGE], ['Firefox', launchFirefox, LARGE.filter((k) => k <= 65537)]];
for (const [name, launch, large] of browsers) {
  describe(name, () => {
    let browser;
    before(async () => { browser = await launch(); });
    after(async () => { await browser?.close(); });

    for (const [build, label] of [['threaded', 'the threaded build'], ['single', 'the build without threads']]) {
      test(`${label}: factorial(k) equals BigInt's for every k up to 3000 and for ${large.join(', ')}`, { timeout: 300_000 }, async () => {
        const { page, problems } = await openPage(browser, server.url);
        await page.waitForSelector('#pool-status.ready', { timeout: 30_000 });
        assert.deepEqual(await compareInPage(page, build, 3000, large), [], 'wrong factorials');
        assert.deepEqual(problems.errors, []);
      });
    }
  });
}
