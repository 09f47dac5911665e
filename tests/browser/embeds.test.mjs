// Embeds in a real tutorial: a Hugo-built blog (tests/embed-site), served by a
// plain static file server without isolation headers on another origin,
// embedding experiments through one script tag (embed.js). Chromium
// (playwright-core) and Firefox ESR (puppeteer-core, WebDriver BiDi).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { launchFirefox, launchWebKit, sleep } from './browsers.mjs';
import { ROOT, isPuppeteer, launchBrowser, startPlainServer, startServer, waitForFunction } from './harness.mjs';

let playground, blog;

before(async () => {
  playground = await startServer();
  // The blog names the playground's address, as an author's config would.
  const site = mkdtempSync(path.join(tmpdir(), 'embed-site-'));
  execFileSync('hugo', ['--source', path.join(ROOT, 'tests', 'embed-site'), '--destination', site, '--quiet'], {
    env: { ...process.env, HUGO_PARAMS_PLAYGROUND: playground.url },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  blog = await startPlainServer(site);
});
after(() => { playground?.stop(); blog?.stop(); });

/** Every URL the page (and its frames and workers) requested. */
function watch(page) {
  const fetched = [];
  page.on('request', (request) => fetched.push(request.url()));
  return fetched;
}

/** `frame.waitForFunction(fn)` with a timeout, for either driver (`page` tells which). */
function waitInFrame(page, frame, fn, timeout = 60_000) {
  return isPuppeteer(page) ? frame.waitForFunction(fn, { timeout, polling: 200 }) : frame.waitForFunction(fn, null, { timeout, polling: 200 });
}

const embedFrames = (page) => page.evaluate(() => [...document.querySelectorAll('.parallel-playground-embed')]
  .map((element) => element.shadowRoot.querySelector('iframe') ? 'frame' : 'card'));

/** The embed's results, once its `results` event fired. */
async function resultsOf(page, index, timeout = 120_000) {
  await waitForFunction(page, (i) => (window.embedResults?.[i] ?? null) !== null, index, { timeout });
  return page.evaluate((i) => window.embedResults[i], index);
}

async function listenForResults(page) {
  await page.evaluate(() => {
    window.embedResults = [];
    document.querySelectorAll('.parallel-playground-embed').forEach((element, i) => {
      window.embedResults[i] = null;
      element.addEventListener('results', (event) => { window.embedResults[i] = event.detail; });
    });
  });
}

/** The iframe's height and the height of its content (the embedded document's). */
async function heights(page, index) {
  const frameHeight = await page.evaluate((i) => document.querySelectorAll('.parallel-playground-embed')[i]
    .shadowRoot.querySelector('iframe').getBoundingClientRect().height, index);
  const element = await page.evaluateHandle((i) => document.querySelectorAll('.parallel-playground-embed')[i]
    .shadowRoot.querySelector('iframe'), index);
  const frame = await element.asElement().contentFrame();
  const inner = await frame.evaluate(() => ({
    content: document.documentElement.getBoundingClientRect().height,
    scrollHeight: document.documentElement.scrollHeight,
    clientHeight: document.documentElement.clientHeight,
    scrollY: window.scrollY,
  }));
  return { frameHeight, ...inner, frame };
}

/** The iframe is as tall as its content (within a few pixels) and cannot scroll. */
async function assertSized(page, index, what) {
  await waitForFunction(page, ([i, base]) => {
    const frame = document.querySelectorAll('.parallel-playground-embed')[i]?.shadowRoot.querySelector('iframe');
    return frame && frame.getBoundingClientRect().height > 150 && frame.src.startsWith(base);
  }, [index, playground.url]);
  // Chromium does not render an iframe out of view (nor run its resize
  // observers): the reader sees an embed where it is on screen.
  await page.evaluate((i) => document.querySelectorAll('.parallel-playground-embed')[i].scrollIntoView(), index);
  let last;
  for (let tries = 0; tries < 40; tries++) {
    last = await heights(page, index);
    if (Math.abs(last.frameHeight - last.content) <= 3 && last.scrollHeight <= last.clientHeight + 3) break;
    await sleep(150);
  }
  assert.ok(Math.abs(last.frameHeight - last.content) <= 3, `${what}: iframe ${last.frameHeight}px, content ${last.content}px`);
  assert.ok(last.scrollHeight <= last.clientHeight + 3, `${what}: the iframe scrolls (${last.scrollHeight} > ${last.clientHeight})`);
  assert.equal(last.scrollY, 0, what);
  return last.frame;
}

for (const [name, launch] of [['Chromium', () => launchBrowser()], ['Firefox', () => launchFirefox()]]) {
  describe(`embeds in a Hugo blog (${name})`, () => {
    let browser;
    before(async () => { browser = await launch(); });
    after(async () => { await browser?.close(); });

    test('cards load nothing until clicked; both embeds then run to complete results, sized to their content', async () => {
      const page = await browser.newPage();
      const fetched = watch(page);
      await page.goto(`${blog.url}posts/pools/`);
      await waitForFunction(page, () => document.querySelectorAll('.parallel-playground-embed').length === 2, null);
      await sleep(500);
      assert.deepEqual(await embedFrames(page), ['card', 'card']);
      assert.deepEqual(fetched.filter((url) => url.endsWith('.wasm') || url.includes('worker')), [], 'no wasm, no worker before a click');
      assert.deepEqual(fetched.filter((url) => url.startsWith(playground.url)).map((url) => new URL(url).pathname), ['/embed.js']);
      // The card names the experiment in the page's language, with its button.
      const card = await page.evaluate(() => document.querySelector('.parallel-playground-embed').shadowRoot.textContent);
      assert.match(card, /Factorials of k = 1\.\.2000/);
      assert.match(card, /Run in your browser/);

      await listenForResults(page);
      for (const index of [0, 1]) {
        await page.evaluate((i) => document.querySelectorAll('.parallel-playground-embed')[i].shadowRoot.querySelector('button').click(), index);
      }
      const factorials = await resultsOf(page, 0);
      assert.equal(factorials.complete, true, JSON.stringify(factorials.errors));
      assert.equal(factorials.environment.cross_origin_isolated, false, 'a plain host: no isolation');
      const map = factorials.runs.find((r) => r.mode === 'map');
      assert.equal(map.backend, 'processes');
      assert.equal(new Set(map.tasks.map((t) => t.worker)).size, 2);
      const reposts = await resultsOf(page, 1);
      assert.equal(reposts.complete, true, JSON.stringify(reposts.errors));
      assert.equal(reposts.experiment, 'reposts');
      assert.ok(reposts.runs.every((r) => r.tasks.every((t) => t.status === 200)), 'every page from the mock API');

      await assertSized(page, 0, 'factorials after the run');
      const frame = await assertSized(page, 1, 'reposts after the run');
      // Switching the language inside the embed re-sizes it.
      await frame.evaluate(() => [...document.querySelectorAll('.lang-switch button')].find((b) => b.lang === 'zh-CN' || /中文/.test(b.textContent)).click());
      await waitInFrame(page, frame, () => document.documentElement.lang === 'zh-CN');
      await assertSized(page, 1, 'reposts in Chinese');
      await page.close();
    });

    test('a dark host gets a dark embed; view=minimal is the Run button, the verdict and one chart', async () => {
      const page = await browser.newPage();
      await page.goto(`${blog.url}posts/dark/`);
      await waitForFunction(page, () => document.querySelectorAll('.parallel-playground-embed').length === 2, null);
      await page.evaluate(() => document.querySelector('.parallel-playground-embed').shadowRoot.querySelector('button').click());
      await listenForResults(page);
      const frame = await assertSized(page, 0, 'minimal before a run');
      await waitInFrame(page, frame, () => document.getElementById('results-json')?.dataset.running === 'false');
      const look = await frame.evaluate(() => {
        const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+/g).map(Number);
        const visible = (selector) => [...document.querySelectorAll(selector)].filter((e) => e.getClientRects().length > 0);
        return {
          theme: document.documentElement.dataset.theme,
          luminance: (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255,
          buttons: visible('button').map((e) => e.id),
          inputs: visible('input, select, textarea').length,
          charts: visible('figure.chart').length,
          verdict: document.getElementById('verdict')?.textContent ?? '',
          openFull: document.getElementById('open-full')?.getAttribute('href') ?? '',
        };
      });
      assert.equal(look.theme, 'dark');
      assert.ok(look.luminance < 0.25, `a dark background (${look.luminance})`);
      assert.deepEqual(look.buttons.sort(), ['cancel', 'run']);
      assert.equal(look.inputs, 0, 'no other control');
      assert.equal(look.charts, 1);
      assert.ok(look.verdict.length > 20, look.verdict);
      // "Open the full playground" opens the same experiment.
      const full = new URL(look.openFull);
      for (const [key, value] of [['n', '300'], ['modes', 'serial,map'], ['workers', '2'], ['repeat', '1']]) {
        assert.equal(full.searchParams.get(key), value, key);
      }
      assert.equal(full.searchParams.get('embed'), null);
      assert.equal(full.searchParams.get('view'), null);
      await assertSized(page, 0, 'minimal after the run');
      // The host switches theme later: the embed follows.
      await page.evaluate(() => window.ParallelPlayground.setTheme('light'));
      await waitInFrame(page, frame, () => document.documentElement.dataset.theme === 'light');
      // The host switches the view (and runs again) through the API: sized anew.
      await page.evaluate(() => window.ParallelPlayground.run(document.querySelector('.parallel-playground-embed'),
        'v=2&exp=factorial&n=300&modes=serial,map&workers=2&repeat=1&view=full'));
      await waitInFrame(page, frame, () => !!document.querySelector('form.controls details.fields'));
      await waitInFrame(page, frame, () => document.getElementById('results-json')?.dataset.running === 'false');
      await assertSized(page, 0, 'the full view');
      // data-load="visible": the second loads once scrolled into view, without running.
      assert.deepEqual(await embedFrames(page), ['frame', 'card']);
      await page.evaluate(() => document.querySelectorAll('.parallel-playground-embed')[1].scrollIntoView());
      await waitForFunction(page, () => !!document.querySelectorAll('.parallel-playground-embed')[1].shadowRoot.querySelector('iframe'), null);
      await page.close();
    });

    test('a host with a strict CSP gets a styled card; data-max-height caps the iframe; a theme set before the page is ready is applied', async () => {
      const page = await browser.newPage();
      await page.goto(`${blog.url}posts/strict/`);
      await waitForFunction(page, () => document.querySelectorAll('.parallel-playground-embed').length === 1, null);
      // The card's sheet is a constructed one: the host's style-src lets it in.
      const buttonColour = await page.evaluate(() => getComputedStyle(document.querySelector('.parallel-playground-embed')
        .shadowRoot.querySelector('button')).backgroundColor);
      assert.equal(buttonColour, 'rgb(52, 81, 209)');
      await listenForResults(page);
      await page.evaluate(() => {
        const embed = document.querySelector('.parallel-playground-embed');
        embed.shadowRoot.querySelector('button').click();
        window.ParallelPlayground.setTheme('dark', embed);
      });
      const results = await resultsOf(page, 0);
      assert.equal(results.complete, true, JSON.stringify(results.errors));
      const { frameHeight, content, frame } = await heights(page, 0);
      assert.ok(content > 450, `the content is taller than the cap (${content}px)`);
      assert.ok(Math.abs(frameHeight - 400) <= 1, `capped at 400px: ${frameHeight}px`);
      assert.equal(await page.evaluate(() => document.querySelector('.parallel-playground-embed').shadowRoot
        .querySelector('iframe').getAttribute('scrolling')), 'auto');
      await waitInFrame(page, frame, () => document.documentElement.dataset.theme === 'dark');
      await page.close();
    });

    test('a Chinese host page gets a Chinese embed without lang= in the link', async () => {
      const page = await browser.newPage();
      await page.goto(`${blog.url}zh-cn/posts/pools/`);
      await waitForFunction(page, () => document.querySelectorAll('.parallel-playground-embed').length === 1, null);
      const card = await page.evaluate(() => document.querySelector('.parallel-playground-embed').shadowRoot.textContent);
      assert.match(card, /在浏览器中运行/);
      assert.match(card, /计算 k = 1\.\.500 的阶乘/);
      await page.evaluate(() => document.querySelector('.parallel-playground-embed').shadowRoot.querySelector('button').click());
      const frame = await assertSized(page, 0, 'the Chinese embed');
      await waitInFrame(page, frame, () => document.documentElement.lang === 'zh-CN' && !!document.getElementById('run'));
      assert.equal(await frame.evaluate(() => document.getElementById('run').textContent), '运行');
      await page.close();
    });
  });
}

describe('embeds in a Hugo blog (WebKitGTK): the card and the sizing', () => {
  let webkit;
  before(async () => { webkit = await launchWebKit(); });
  after(async () => { await webkit?.close(); });

  test('a card until clicked, then an iframe as tall as its content', async () => {
    const session = await webkit.newSession();
    await session.goto(`${blog.url}posts/pools/`);
    await session.waitForFunction(() => document.querySelectorAll('.parallel-playground-embed').length === 2);
    const card = await session.evaluate(() => document.querySelector('.parallel-playground-embed').shadowRoot.textContent);
    assert.match(card, /Factorials of k = 1\.\.2000/);
    assert.equal(await session.evaluate(() => performance.getEntriesByType('resource')
      .filter((e) => e.name.endsWith('.wasm') || e.name.includes('worker')).length), 0, 'no wasm, no worker before a click');
    assert.equal(await session.evaluate(() => document.querySelectorAll('.parallel-playground-embed')[0].shadowRoot.querySelector('iframe')), null);
    await session.evaluate(() => document.querySelector('.parallel-playground-embed').shadowRoot.querySelector('button').click());
    const frame = () => document.querySelector('.parallel-playground-embed').shadowRoot.querySelector('iframe');
    await session.waitForFunction(() => document.querySelector('.parallel-playground-embed').shadowRoot.querySelector('iframe'));
    let sizes;
    for (let tries = 0; tries < 100; tries++) {
      const frameHeight = await session.evaluate(() => document.querySelector('.parallel-playground-embed').shadowRoot
        .querySelector('iframe').getBoundingClientRect().height);
      const inner = await session.inFrame(frame, undefined, () => ({
        content: document.documentElement.getBoundingClientRect().height,
        scrollHeight: document.documentElement.scrollHeight,
        clientHeight: document.documentElement.clientHeight,
        done: document.getElementById('results-json')?.dataset.running === 'false',
      }));
      sizes = { frameHeight, ...inner };
      if (inner.done && Math.abs(frameHeight - inner.content) <= 3 && inner.scrollHeight <= inner.clientHeight + 3) break;
      await sleep(300);
    }
    assert.ok(sizes.done, `the run ends: ${JSON.stringify(sizes)}`);
    assert.ok(Math.abs(sizes.frameHeight - sizes.content) <= 3, JSON.stringify(sizes));
    assert.ok(sizes.scrollHeight <= sizes.clientHeight + 3, `the iframe scrolls: ${JSON.stringify(sizes)}`);
    await session.close();
  });
});
