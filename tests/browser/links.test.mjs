// Links that last and travel: a real link unfurler (unfurl.js, as chat and
// CMS servers read links: no JavaScript) reads the real server's preview of
// a link; the page writes versioned links and opens old ones unchanged.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { unfurl } from 'unfurl.js';
import { launchBrowser, openPage, startServer } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); server?.stop(); });

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(bytes) {
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG signature');
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  return [view.getUint32(16), view.getUint32(20)];
}

test('an unfurler reads the title, description and image of a link, in its language', async () => {
  const link = `${server.url}?exp=factorial&n=3000&modes=map&workers=2`;
  const english = await unfurl(link);
  assert.equal(english.title, 'Factorials of k = 1..3000 · Parallel playground');
  assert.match(english.description, /^map on pools of 2 workers/);
  assert.equal(english.open_graph.title, english.title);
  assert.equal(english.open_graph.locale, 'en_US');
  assert.equal(english.twitter_card.card, 'summary_large_image');
  const [image] = english.open_graph.images;
  assert.equal(image.type, 'image/png');
  const response = await fetch(image.url);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'image/png');
  assert.deepEqual(pngSize(new Uint8Array(await response.arrayBuffer())), [1200, 630]);
  // It found the oEmbed endpoint through the page's discovery link.
  assert.equal(english.oEmbed?.type, 'rich', JSON.stringify(english.oEmbed));
  assert.equal(english.oEmbed.version, '1.0');
  assert.match(english.oEmbed.html, /^<a class="parallel-playground" href="http:\/\/127\.0\.0\.1:\d+\/\?v=2(&amp;|&)exp=factorial(&amp;|&)n=3000/);
  assert.match(english.oEmbed.html, /<script src="http:\/\/127\.0\.0\.1:\d+\/embed\.js" async><\/script>$/);

  const chinese = await unfurl(`${link}&lang=zh-CN`);
  assert.equal(chinese.title, '计算 k = 1..3000 的阶乘 · 并行编程演练场');
  assert.equal(chinese.open_graph.locale, 'zh_CN');
  assert.match(chinese.description, /池大小 2/);
});

test('every link the page writes carries v=2, an old link opens the same experiment, v=99 gets a notice', async () => {
  // A version-1 link (from before links had versions), as the README wrote them.
  const old = 'exp=factorial&n=300&modes=map&workers=2&repeat=1';
  const { page, problems } = await openPage(browser, `${server.url}?${old}`);
  await page.waitForSelector('#run');
  const address = new URLSearchParams(await page.evaluate(() => location.search));
  assert.equal(address.get('v'), '2');
  for (const [key, value] of new URLSearchParams(old)) assert.equal(address.get(key), value, key);
  assert.equal(await page.inputValue('#field-n'), '300');
  // The embed snippet and the presets' links are versioned too.
  const snippet = await page.evaluate(() => document.getElementById('embed-snippet').value);
  assert.match(snippet, /\?v=2&exp=factorial&n=300&/);
  const presets = await page.$$eval('#presets a', (links) => links.map((a) => a.getAttribute('href')));
  // The tutorial's 17 rows, and the sweep of n (issue 21).
  assert.equal(presets.length, 18);
  assert.ok(presets.some((href) => href.includes('n=10,30,100,300,1000,3000')), 'the sweep preset');
  for (const href of presets) assert.match(href, /^\?v=2&exp=/, href);
  // Reopening what the page wrote gives the same form.
  const again = await openPage(browser, `${server.url}?${address}`);
  await again.page.waitForSelector('#run');
  assert.equal(new URLSearchParams(await again.page.evaluate(() => location.search)).toString(), address.toString());
  await again.page.close();

  await page.goto(`${server.url}?v=99&exp=factorial&n=300&run=1`);
  await page.waitForSelector('.notices li');
  const notice = await page.textContent('.notices');
  assert.match(notice, /unknown link version v="99"/);
  assert.equal(await page.evaluate(() => document.getElementById('results-json')), null, 'a link of an unknown version does not run');
  assert.deepEqual(problems.errors, []);
  await page.close();
});
