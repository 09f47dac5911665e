import { launchBrowser, startServer, waitForComplete } from './harness.mjs';
const dist = process.argv[2];
const server = await startServer([], { dist }); const browser = await launchBrowser();
async function look(width, link, name, selectors) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.url + link);
  await waitForComplete(page, 240000);
  const info = await page.evaluate((selectors) => {
    const out = { docScroll: document.documentElement.scrollWidth, vw: document.documentElement.clientWidth };
    for (const s of selectors) {
      const el = document.querySelector(s); if (!el) { out[s] = 'missing'; continue; }
      let box = el.parentElement;
      while (box && !['auto','scroll'].includes(getComputedStyle(box).overflowX) && box !== document.body) box = box.parentElement;
      out[s] = { w: el.getBoundingClientRect().width, right: el.getBoundingClientRect().right, box: box.className || box.tagName, boxW: box.clientWidth, boxRight: box.getBoundingClientRect().right, boxScrollW: box.scrollWidth };
    }
    return out;
  }, selectors);
  console.log(name, JSON.stringify(info));
  await page.screenshot({ path: `/tmp/wt10-${name}.png`, fullPage: true });
  await context.close();
}
try {
  await look(390, '?exp=factorial&n=300&modes=serial,apply,apply_async,map,map_async&workers=1,2,4&repeat=6&run=1', 'f390', ['#time-chart', '#timeline', '#results-table']);
  await look(1280, '?exp=reposts&pages=3&latency=0&modes=serial,apply,apply_async&workers=1,4,10&repeat=1&run=1', 'r1280', ['#results-table', '#time-chart', '#waterfall']);
} finally { await browser.close(); server.stop(); }
