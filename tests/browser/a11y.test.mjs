// Keyboard and screen readers: axe-core finds no violation in an embed's
// card or in the embedded page, Tab goes from the host page through the
// embed and out again, and Lighthouse's accessibility audit (12.2.3, against
// Debian's Chromium) scores the playground 100.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { launchFirefox } from './browsers.mjs';
import { isPuppeteer, launchBrowser, startPlainServer, startServer } from './harness.mjs';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let playground, host;
before(async () => {
  playground = await startServer();
  // A host page of its own, on another origin: text, an embed, a link after it.
  const dir = mkdtempSync(path.join(tmpdir(), 'a11y-host-'));
  writeFileSync(path.join(dir, 'index.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>A tutorial</title></head><body><main><h1>A tutorial</h1>
<p><a id="before" href="#before">Before the embed</a></p>
<a class="parallel-playground" href="${playground.url}?v=2&exp=factorial&n=200&modes=serial,map&workers=2&repeat=1">Factorials</a>
<p><a id="after" href="#after">After the embed</a></p>
</main><script src="${playground.url}embed.js" async></script></body></html>`);
  host = await startPlainServer(dir);
});
after(async () => { playground?.stop(); host?.stop(); });

/** axe-core's violations in `frame` (a page or an iframe's frame). */
async function axe(frame, context = 'document') {
  await frame.evaluate(AXE);
  return frame.evaluate(async (selector) => {
    const element = selector === 'document' ? document : document.querySelector(selector);
    const result = await window.axe.run(element, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, context);
}

/** `frame.waitForFunction(fn)` for either driver (`page` tells which). */
function waitInFrame(page, frame, fn, timeout = 60_000) {
  return isPuppeteer(page) ? frame.waitForFunction(fn, { timeout, polling: 200 }) : frame.waitForFunction(fn, null, { timeout, polling: 200 });
}

/** The element that has focus, described across the shadow root and the iframe. */
const focused = (page) => page.evaluate(() => {
  const active = document.activeElement;
  if (active?.classList.contains('parallel-playground-embed')) {
    const inner = active.shadowRoot.activeElement;
    return inner ? `card:${inner.tagName.toLowerCase()}` : 'card';
  }
  return active?.id || active?.tagName.toLowerCase();
});

for (const [name, launch] of [['Chromium', () => launchBrowser()], ['Firefox', () => launchFirefox()]]) {
test(`the card and the embedded page have no axe violations; Tab goes through the embed and out (${name})`, async () => {
  const browser = await launch();
  const page = await browser.newPage();
  await page.goto(host.url);
  await page.waitForSelector('.parallel-playground-embed');
  assert.deepEqual(await axe(page), [], 'the host page with its card');
  const label = await page.evaluate(() => document.querySelector('.parallel-playground-embed').getAttribute('aria-label'));
  assert.match(label, /Factorials of k = 1\.\.200/);

  // Tab: the link before, the card's button and link, the link after.
  await page.focus('#before');
  const stops = [];
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('Tab');
    stops.push(await focused(page));
  }
  assert.deepEqual(stops, ['card:button', 'card:a', 'after']);

  // Run: the iframe takes the card's place, titled in the page's language.
  await page.focus('#before');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  const frameElement = await page.waitForFunction(() => document.querySelector('.parallel-playground-embed').shadowRoot.querySelector('iframe'));
  assert.match(await frameElement.evaluate((f) => f.title), /^Parallel playground: Factorials of k = 1\.\.200$/);
  const frame = await frameElement.asElement().contentFrame();
  await waitInFrame(page, frame, () => document.getElementById('results-json')?.dataset.running === 'false');
  assert.deepEqual(await axe(frame), [], 'the embedded page after a run');

  // Tab walks the embed's controls and leaves it: focus is never trapped.
  await page.focus('#before');
  let left = false;
  for (let i = 0; i < 60 && !left; i++) {
    await page.keyboard.press('Tab');
    left = (await focused(page)) === 'after';
  }
  assert.ok(left, 'Tab from the host page through the embed reaches the link after it');
  await browser.close();
});
}

test('Lighthouse scores the playground 100 for accessibility', async () => {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM || '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=en-US'],
  });
  try {
    for (const query of ['', '?v=2&exp=factorial&n=100&modes=serial,map&workers=2&repeat=3&run=1', '?lang=zh-CN&exp=reposts']) {
      const { lhr } = await lighthouse(`${playground.url}${query}`, {
        port: chrome.port, onlyCategories: ['accessibility'], logLevel: 'error', output: 'json',
      });
      const failed = Object.values(lhr.audits)
        .filter((audit) => audit.score !== null && audit.score < 1 && audit.scoreDisplayMode === 'binary')
        .map((audit) => `${audit.id}: ${audit.details?.items?.map((item) => item.node?.snippet).join(' ') ?? ''}`);
      assert.equal(lhr.categories.accessibility.score, 1, `${query || '/'}: ${failed.join('\n')}`);
    }
  } finally {
    await chrome.kill();
  }
});
