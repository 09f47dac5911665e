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
 * In the page: imports the app's own JS module again (its exports share the
 * running instance) and compares `playground_factorial_hex(k)` with BigInt
 * for every k in 1..=upTo (a running product) and for each of `large` (a
 * balanced product tree). Returns the ks that differ and the build's file.
 */
function compareInPage(page, upTo, large) {
  return page.evaluate(async ({ upTo, large }) => {
    const url = performance.getEntriesByType('resource').map((r) => r.name)
      .find((name) => /\/playground-app(-[0-9a-f]+)?\.js$/.test(name));
    const app = await import(url);
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
    return { wrong, build: new URL(url).pathname };
  }, { upTo, large });
}

for (const [name, launch] of [['Chromium', launchBrowser], ['Firefox', launchFirefox]]) {
  describe(name, () => {
    let browser;
    before(async () => { browser = await launch(); });
    after(async () => { await browser?.close(); });

    // single/single.html is Trunk's entry page of the build without threads.
    for (const [build, where, single] of [['the threaded build', '', false], ['the build without threads', 'single/single.html', true]]) {
      test(`${build}: factorial(k) equals BigInt's for every k up to 3000 and for ${LARGE.join(', ')}`, { timeout: 300_000 }, async () => {
        const { page, problems } = await openPage(browser, server.url + where);
        await page.waitForSelector('#pool-status', { timeout: 30_000 });
        const { wrong, build: file } = await compareInPage(page, 3000, LARGE);
        assert.equal(file.startsWith('/single/'), single, `${file}: the build this page loads`);
        assert.deepEqual(wrong, [], `${file}: wrong factorials`);
        assert.deepEqual(problems.errors, []);
      });
    }
  });
}
