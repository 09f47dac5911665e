import { launchBrowser, startServer, waitForComplete } from './harness.mjs';
const server = await startServer([], { dist: '/work/wt10/dist' }); const browser = await launchBrowser();
try {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.url + '?exp=factorial&n=1500&modes=serial,apply,apply_async,map,map_async&workers=1,2,4&repeat=7&run=1');
  const r = await waitForComplete(page, 240000);
  await page.locator('#time-chart').screenshot({ path: '/tmp/wt10-chart-lin.png' });
  if (await page.locator('#log-scale').count()) { await page.click('#log-scale'); await page.locator('#time-chart').screenshot({ path: '/tmp/wt10-chart-log.png' }); }
  await page.locator('#results-table').screenshot({ path: '/tmp/wt10-table.png' });
  console.log(await page.textContent('#reading'));
  await context.close();
} finally { await browser.close(); server.stop(); }
