// 中文 and English: the page in the reader's language, chosen by the link's
// `lang=` or the browser's languages, switched in place without losing
// results. Chromium (playwright-core) against the real server and app.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, openPage, resultsJson, startServer, waitForComplete, waitForFunction } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); server?.stop(); });

const LINK = 'exp=factorial&n=400&modes=serial,apply,map&workers=1,2&repeat=6&backend=threads,processes';

/**
 * The visible text nodes of the page (SVG text included), without code,
 * the Python program, the results JSON, and words marked as another
 * language (the switch's "English"): what a reader reads as prose.
 */
function proseOf(page) {
  return page.evaluate(() => {
    const skip = 'code, pre, script, style, noscript, textarea, [lang]:not([lang="zh-CN"]):not(html)';
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const texts = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      if (!element || element.closest(skip)) continue;
      // Closed <details> hide their content: a reader sees only the summary.
      const closed = element.closest('details:not([open])');
      if (closed && !element.closest('summary')) continue;
      const style = getComputedStyle(element);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      const text = node.textContent.trim();
      if (text) texts.push(text);
    }
    return texts;
  });
}

/** Latin words left in `text` once mode names, units and names that stay are taken out. */
function englishWords(text) {
  const kept = /\b(apply_async|map_async|apply|map|serial|threads|processes|ms|µs|s|min|KB|MB|CI|z|n|k|ceil|WebAssembly|Web Worker|Worker|rayon|multiprocessing|Pool|Python|Rust|API|HTTP|CPU|I\/O|JSON|CSV|Markdown|SVG|Perfetto|Chrome|playground-server|iframe|factorial|api|mid|access_token|token|pages|count|latency|jitter|workers|repeat|chunk|retries|exp|backend|lang|English)\b/g;
  return text.replace(kept, ' ').match(/[A-Za-z]{2,}/g) ?? [];
}

test('?lang=zh-CN: after a run on both backends the page shows no English prose', async () => {
  const { page, problems } = await openPage(browser, `${server.url}?${LINK}&lang=zh-CN&run=1`);
  const results = await waitForComplete(page, 180_000);
  assert.equal(results.complete, true, JSON.stringify(results.errors));
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  // Open every panel a reader can open, so its words are read too.
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  const prose = await proseOf(page);
  const english = prose.flatMap((text) => englishWords(text).map((word) => `${word} in ${JSON.stringify(text)}`));
  assert.deepEqual(english, [], 'English words on the Chinese page');
  assert.ok(prose.join('').includes('串行'), 'the page reads in Chinese');
  assert.match(await page.textContent('#reading'), /[\u4e00-\u9fff]/);
  assert.deepEqual(problems.errors, []);
});

test('a Chromium started in Chinese with no lang= shows Chinese', async () => {
  const chinese = await launchBrowser({ lang: 'zh-CN' });
  try {
    const { page } = await openPage(chinese, `${server.url}?exp=factorial&n=50`);
    assert.deepEqual(await page.evaluate(() => navigator.languages[0]), 'zh-CN');
    await page.waitForSelector('#run:not([disabled])', { timeout: 30_000 });
    assert.equal(await page.textContent('h1'), '并行编程演练场');
    assert.equal(await page.textContent('#run'), '运行');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
    // The address says nothing the reader did not choose.
    assert.doesNotMatch(page.url(), /lang=/);
  } finally {
    await chinese.close();
  }
});

test('switching language keeps the results on screen, and the address and <html lang> follow', async () => {
  const { page } = await openPage(browser, `${server.url}?exp=factorial&n=200&modes=serial,map&workers=2&repeat=6&run=1`);
  const before = await waitForComplete(page, 120_000);
  assert.equal(before.complete, true);
  const rows = await page.locator('#results-table tbody tr').count();
  const englishReading = await page.textContent('#reading');
  assert.match(englishReading, /One after another/);

  await page.click('#lang-zh-CN');
  await waitForFunction(page, () => document.documentElement.lang === 'zh-CN');
  assert.match(page.url(), /lang=zh-CN/);
  assert.equal(await page.locator('#results-table tbody tr').count(), rows, 'the table stayed');
  const chineseReading = await page.textContent('#reading');
  assert.match(chineseReading, /[\u4e00-\u9fff]/);
  assert.notEqual(chineseReading, englishReading);
  assert.deepEqual(await resultsJson(page), before, 'the results did not change');
  assert.equal(await page.textContent('#run'), '运行');
  // The embed snippet carries the language.
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  assert.match(await page.inputValue('#embed-snippet'), /lang=zh-CN/);

  await page.click('#lang-en');
  await waitForFunction(page, () => document.documentElement.lang === 'en');
  assert.equal(await page.textContent('#reading'), englishReading);
  assert.match(page.url(), /lang=en/);
});

test('lang=xx gets a notice and English', async () => {
  const { page } = await openPage(browser, `${server.url}?exp=factorial&n=50&lang=xx`);
  await page.waitForSelector('.notices li', { timeout: 30_000 });
  assert.match(await page.textContent('.notices'), /lang="xx"/);
  assert.equal(await page.textContent('h1'), 'Parallel playground');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
});
