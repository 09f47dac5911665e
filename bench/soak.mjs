#!/usr/bin/env node
// The long stay (not in CI): one isolated playground page in headless
// Chromium, open for --minutes (default 30), pressing Run again and again at
// mixed settings (threads and processes, 1 to 64 workers, n up to 20000),
// the way a reader experimenting for an afternoon does. After every run it
// reads the page's memory (performance.measureUserAgentSpecificMemory) and
// its live workers, and at the end it says whether both stayed flat and
// bounded, and writes its figures into docs/benchmark.md (between the soak
// markers, replacing the last ones).
//
//   node bench/soak.mjs [--minutes 30] [--dist DIR] [--out FILE]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, launchBrowser, median, openPage, runAgain, startServer } from '../tests/browser/harness.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const MINUTES = Number(option('minutes', '30'));
const DIST = path.resolve(option('dist', path.join(ROOT, 'dist')));
const OUT = path.resolve(option('out', path.join(ROOT, 'docs', 'benchmark.md')));
const say = (text) => process.stderr.write(`  ${text}\n`);

// The settings cycle through these, one run each (the largest pool is 64).
const SETTINGS = [
  { n: 3000, modes: ['serial', 'map', 'apply_async'], workers: '1,2,4', backend: ['threads'] },
  { n: 3000, modes: ['map', 'map_async'], workers: '2,8', backend: ['processes'] },
  { n: 20000, modes: ['map'], workers: '2', backend: ['threads', 'processes'] },
  { n: 300, modes: ['apply', 'apply_async', 'map'], workers: '16,32,64', backend: ['threads'] },
  { n: 1000, modes: ['map', 'apply_async'], workers: '1,64', backend: ['processes'] },
  { n: 10000, modes: ['serial', 'map_async'], workers: '4,12', backend: ['threads', 'processes'] },
];

const MOST_WORKERS = 64 + 64 + 2;

async function setForm(page, { n, modes, workers, backend }) {
  await page.fill('#field-n', String(n));
  await page.fill('#field-workers', workers);
  await page.fill('#field-repeat', '2');
  // Check the wanted boxes first: an empty list falls back to the default.
  const tick = async (group, all, wanted) => {
    for (const name of wanted) await page.setChecked(`input[name=${group}][value=${name}]`, true);
    for (const name of all.filter((n) => !wanted.includes(n))) {
      await page.setChecked(`input[name=${group}][value=${name}]`, false);
    }
  };
  await tick('mode', ['serial', 'apply', 'apply_async', 'map', 'map_async'], modes);
  await tick('backend', ['threads', 'processes'], backend);
  await page.waitForFunction((want) => new URLSearchParams(location.search).get('n') === want, String(n));
}

async function main() {
  const server = await startServer([], { dist: DIST });
  const browser = await launchBrowser({ args: ['--enable-blink-features=ForceEagerMeasureMemory'] });
  const { page, problems } = await openPage(browser, `${server.url}?v=2&exp=factorial&n=300&modes=map&workers=2&repeat=1`);
  if (!(await page.evaluate(() => crossOriginIsolated))) throw new Error('the soak needs the isolated page');
  const memory = () => page.evaluate(async () => (await performance.measureUserAgentSpecificMemory()).bytes);
  const samples = [];
  const started = Date.now();
  const end = started + MINUTES * 60_000;
  let failures = 0;
  for (let index = 0; Date.now() < end; index++) {
    const settings = SETTINGS[index % SETTINGS.length];
    await setForm(page, settings);
    const results = await runAgain(page, 10 * 60_000);
    if (!results.complete) failures++;
    const sample = {
      minute: (Date.now() - started) / 60_000,
      settings: index % SETTINGS.length,
      bytes: await memory(),
      workers: page.workers().length,
      complete: results.complete,
    };
    samples.push(sample);
    say(`${sample.minute.toFixed(1)} min, run ${index + 1} (settings ${sample.settings}): ` +
      `${(sample.bytes / 2 ** 20).toFixed(1)} MB, ${sample.workers} workers${results.complete ? '' : ', INCOMPLETE'}`);
  }
  const openMinutes = (Date.now() - started) / 60_000;
  await browser.close();
  server.stop();

  // Flat: the last cycle's memory against the first cycle's, setting by setting.
  const cycle = SETTINGS.length;
  const firstCycle = samples.slice(cycle, 2 * cycle); // after one cycle of warming up
  const lastCycle = samples.slice(-cycle);
  const mb = (list) => median(list.map((s) => s.bytes)) / 2 ** 20;
  const growth = firstCycle.length === cycle && lastCycle.length === cycle ? mb(lastCycle) / mb(firstCycle) : NaN;
  const peakWorkers = Math.max(...samples.map((s) => s.workers));
  const verdict = {
    flat: Number.isFinite(growth) && growth < 1.2,
    // Each backend's reservoir keeps at most the largest pool (64), plus
    // the threads engine's driver and the serial worker.
    bounded: peakWorkers <= MOST_WORKERS,
    complete: failures === 0 && problems.errors.length === 0,
  };
  const section = renderSection({ samples, openMinutes, growth, peakWorkers, failures, errors: problems.errors, verdict });
  process.stdout.write(section);
  writeSection(section);
  if (!verdict.flat || !verdict.bounded || !verdict.complete) process.exitCode = 1;
}

function renderSection({ samples, openMinutes, growth, peakWorkers, failures, errors, verdict }) {
  const mbOf = (s) => (s.bytes / 2 ** 20).toFixed(1);
  const minutes = samples.at(-1)?.minute ?? 0;
  const lines = [
    '## The long stay (bench/soak.mjs, issue 24)',
    '',
    `${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, headless Chromium, the isolated page; ` +
      `the page open ${openMinutes.toFixed(1)} minutes, ${samples.length} runs (the last ended ${minutes.toFixed(1)} minutes in), cycling through ${SETTINGS.length} settings ` +
      '(threads and processes, 1 to 64 workers, n up to 20000, repeat 2); memory is ' +
      '`performance.measureUserAgentSpecificMemory()` after each run.',
    '',
    '| figure | value |',
    '| --- | --- |',
    `| memory over the second cycle (median of its runs) | ${(median(samples.slice(SETTINGS.length, 2 * SETTINGS.length).map((s) => s.bytes)) / 2 ** 20).toFixed(1)} MB |`,
    `| memory over the last cycle (median of its runs) | ${(median(samples.slice(-SETTINGS.length).map((s) => s.bytes)) / 2 ** 20).toFixed(1)} MB |`,
    `| last cycle ÷ second cycle | ${growth.toFixed(3)} (flat: under 1.2) |`,
    `| memory, lowest and highest sample | ${mbOf(samples.reduce((a, b) => (a.bytes < b.bytes ? a : b)))} MB, ${mbOf(samples.reduce((a, b) => (a.bytes > b.bytes ? a : b)))} MB |`,
    `| live workers, most at once | ${peakWorkers} (bounded: at most ${MOST_WORKERS}, both reservoirs' 64, the driver, the serial worker) |`,
    `| incomplete runs, page errors | ${failures}, ${errors.length} |`,
    `| verdict | ${verdict.flat && verdict.bounded && verdict.complete ? 'flat, bounded, complete' : `NOT ${JSON.stringify(verdict)}`} |`,
    '',
    '<!-- soak: end -->',
  ];
  return `${lines.join('\n')}\n`;
}

/** Replaces the section of the last soak (or appends one). */
function writeSection(section) {
  const heading = '## The long stay';
  const end = '<!-- soak: end -->';
  const previous = existsSync(OUT) ? readFileSync(OUT, 'utf8') : '';
  const from = previous.indexOf(heading);
  const to = previous.indexOf(end, from);
  const next = from >= 0 && to >= 0
    ? previous.slice(0, from) + section.trimEnd() + previous.slice(to + end.length)
    : `${previous.trimEnd()}\n\n${section}`;
  writeFileSync(OUT, next);
  say(`wrote ${path.relative(ROOT, OUT)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
