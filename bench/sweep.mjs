#!/usr/bin/env node
// The lesson's sweep (issue 21): the preset that opens the task-size sweep
// (`presets::SWEEP_QUERY`, repeat=auto), run in Chromium and Firefox against
// the real server and the release build, timed from Run to results; its
// break-even n for map and apply_async on both backends, beside CPython's
// for the same n (bench/python_reference.py --sweep, measured in this run).
// Writes the section "## The lesson's sweep" of docs/benchmark.md (which
// scripts/bench keeps) and prints it.
//
//   node bench/sweep.mjs [--browsers chromium,firefox] [--dist DIR] [--out FILE]
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { launchFirefox } from '../tests/browser/browsers.mjs';
import { ROOT, launchBrowser, openPage, startServer, waitForComplete } from '../tests/browser/harness.mjs';

const HEADING = '## The lesson\'s sweep (issue 21)';
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const browsers = option('--browsers', 'chromium,firefox').split(',');
const dist = option('--dist', path.join(ROOT, 'dist'));
const out = option('--out', path.join(ROOT, 'docs', 'benchmark.md'));
const say = (text) => process.stderr.write(`  ${text}\n`);

// The preset's link, as the page's presets panel writes it.
const presets = readFileSync(path.join(ROOT, 'src', 'core', 'link', 'presets.rs'), 'utf8');
const SWEEP_QUERY = presets.match(/pub const SWEEP_QUERY: &str = "([^"]+)";/)[1];
const SIZES = new URLSearchParams(SWEEP_QUERY).get('n').split(',').map(Number);

/** The first crossing of 1 by (n, speed-up) points, in log n: core::results::breakeven's rule. */
function crossing(points) {
  const sorted = points.filter(([n, s]) => n > 0 && Number.isFinite(s)).sort((a, b) => a[0] - b[0]);
  if (sorted.length === 0) return null;
  if (sorted[0][1] === 1) return sorted[0][0];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const [[n1, s1], [n2, s2]] = [sorted[i], sorted[i + 1]];
    if ((s1 - 1) * (s2 - 1) <= 0 && s1 !== s2) {
      return Math.exp(Math.log(n1) + ((1 - s1) / (s2 - s1)) * (Math.log(n2) - Math.log(n1)));
    }
  }
  return sorted[0][1] > 1 ? 'faster' : 'slower';
}

function cpythonSweep() {
  const child = spawnSync('python3', [path.join(ROOT, 'bench', 'python_reference.py'), '--sweep', SIZES.join(',')], { encoding: 'utf8' });
  if (child.status !== 0) return { missing: child.stderr.trim() || String(child.error) };
  const data = JSON.parse(child.stdout);
  const line = (key) => ({
    warm: crossing(data.points.map((p) => [p.n, p.serial_ms / p[key]])),
    withStartup: crossing(data.points.map((p) => [p.n, p.serial_ms / (p[key] + data.pool2_startup_ms)])),
  });
  return { ...data, map: line('pool2_map_ms'), apply_async: line('pool2_apply_async_ms') };
}

async function browserSweep(name, server) {
  const browser = name === 'firefox' ? await launchFirefox() : await launchBrowser();
  try {
    const version = (await browser.version()).replace(/^firefox\//i, '');
    const { page, problems } = await openPage(browser, `${server.url}?${SWEEP_QUERY}`);
    await page.waitForSelector('#run:not([disabled])', { timeout: 60_000 });
    const started = Date.now();
    await page.click('#run');
    const results = await waitForComplete(page, 600_000);
    const seconds = (Date.now() - started) / 1000;
    if (problems.errors.length) throw new Error(problems.errors.join('; '));
    return { version, seconds, results };
  } finally {
    await browser.close();
  }
}

const nText = (value) => (value == null ? 'does not cross' : typeof value === 'string'
  ? `${value} throughout` : `n ≈ ${value >= 100 ? Math.round(value) : value.toFixed(1)}`);

function render(python, measured) {
  const lines = [HEADING, ''];
  lines.push(`Measured by \`node bench/sweep.mjs\` on ${new Date().toISOString().slice(0, 10)}: the preset ` +
    `\`?${SWEEP_QUERY}\` (repeat=auto), from pressing Run to the complete results, in each browser, ` +
    'and CPython\'s `Pool(2)` over the same n in the same run (bench/python_reference.py --sweep: ' +
    'best of 5, warm pool; "with start-up" adds creating the pool, as the tutorial did in every timed function). ' +
    'The break-even is the n where the speed-up over serial crosses 1, interpolated in log n between the two ' +
    'measured points around the first crossing (README, "Reading the results").', '');
  lines.push('| browser | the sweep took | required |', '| --- | --- | --- |');
  for (const [name, m] of Object.entries(measured)) {
    lines.push(m.error ? `| ${name} | failed: ${m.error} | < 60 s |`
      : `| ${name} ${m.version} | ${m.seconds.toFixed(1)} s (${m.results.runs.length} runs) | < 60 s: ${m.seconds < 60 ? 'met' : 'NOT met'} |`);
  }
  lines.push('', '| line | ' + Object.keys(measured).map((b) => `${b}: warm | ${b}: with start-up`).join(' | ') + ' |');
  lines.push('| --- | ' + Object.keys(measured).map(() => '--- | ---').join(' | ') + ' |');
  for (const backend of ['threads', 'processes']) {
    for (const mode of ['map', 'apply_async']) {
      const cells = Object.values(measured).map((m) => {
        const line = m.results?.breakeven.find((b) => b.mode === mode && b.backend === backend && b.workers === 2);
        if (!line) return '- | -';
        return `${nText(line.n_warm ?? line.side_warm)} | ${nText(line.n_with_startup ?? line.side_with_startup)}`;
      });
      lines.push(`| ${mode} on 2 ${backend} | ${cells.join(' | ')} |`);
    }
  }
  if (python.missing) {
    lines.push('', `CPython: not measured (${python.missing}).`);
  } else {
    lines.push('', `| CPython ${python.python}, Pool(2) (start-up ${python.pool2_startup_ms.toFixed(0)} ms) | warm | with start-up |`, '| --- | --- | --- |');
    for (const mode of ['map', 'apply_async']) {
      lines.push(`| ${mode} | ${nText(python[mode].warm)} | ${nText(python[mode].withStartup)} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

async function main() {
  say('CPython: Pool(2) over the sweep\'s n');
  const python = cpythonSweep();
  const server = await startServer([], { dist });
  const measured = {};
  try {
    for (const name of browsers) {
      say(`${name}: the sweep preset`);
      try {
        measured[name] = await browserSweep(name, server);
        say(`${name}: ${measured[name].seconds.toFixed(1)} s`);
      } catch (err) {
        measured[name] = { error: String(err.message || err).split('\n')[0] };
      }
    }
  } finally {
    server.stop();
  }
  const section = render(python, measured);
  const report = readFileSync(out, 'utf8');
  const at = report.indexOf(HEADING);
  const next = at === -1 ? -1 : report.indexOf('\n## ', at + HEADING.length);
  const updated = at === -1 ? `${report.trimEnd()}\n\n${section}`
    : `${report.slice(0, at)}${section}${next === -1 ? '' : report.slice(next)}`;
  writeFileSync(out, updated);
  process.stdout.write(section);
}

await main();
