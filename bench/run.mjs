#!/usr/bin/env node
// The benchmark driver of scripts/bench: measures issue 6's figures and the
// tutorial's experiments in headless Chromium and Firefox ESR against the
// real server and the real release build, runs the same pool modes natively
// (native_bench) and the CPython references (bench/python_reference.py),
// once for both browsers, and writes a Markdown report (docs/benchmark.md)
// with every ratio and verdict, per browser.
//
//   node bench/run.mjs [--latency MS] [--target-latency MS] [--no-reposts]
//                      [--quick] [--browsers chromium,firefox]
//                      [--dist DIR] [--out FILE] [--json FILE]
//   node bench/run.mjs --render FILE   (the report again from a saved --json file)
//
// --browsers: which browsers measure the browser figures (default both;
// `--browsers chromium` is the Chromium-only report of before).
//
// Every ratio is taken within this one run: references are measured beside
// the figures, never copied from elsewhere.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { launchFirefox } from '../tests/browser/browsers.mjs';
import { ROOT, launchBrowser, median, openPage, runAgain, startServer, waitForComplete, waitForFunction } from '../tests/browser/harness.mjs';

const options = parseOptions(process.argv.slice(2));
const DIST = options.dist;
const NATIVE = path.join(ROOT, 'target', 'release', 'native_bench');
const say = (text) => process.stderr.write(`  ${text}\n`);

// ---------------------------------------------------------------- options --

function parseOptions(argv) {
  const o = {
    latency: 828, // the tutorial's time for one page
    targetLatency: 300, // issue 6's apply_async row (the app link in the issue)
    reposts: true,
    quick: false,
    dist: path.join(ROOT, 'dist'), // another build (e.g. after wasm-opt) can be measured with --dist
    out: path.join(ROOT, 'docs', 'benchmark.md'),
    json: path.join(ROOT, 'target', 'bench', 'results.json'),
    browsers: ['chromium', 'firefox'],
  };
  for (let i = 0; i < argv.length; i++) {
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${argv[i]} needs a value`);
      return argv[++i];
    };
    switch (argv[i]) {
      case '--latency': o.latency = Number(value()); break;
      case '--target-latency': o.targetLatency = Number(value()); break;
      case '--no-reposts': o.reposts = false; break;
      case '--quick': o.quick = true; break;
      case '--dist': o.dist = path.resolve(value()); break;
      case '--out': o.out = path.resolve(value()); break;
      case '--json': o.json = path.resolve(value()); break;
      case '--render': o.render = path.resolve(value()); break;
      case '--browsers': {
        const names = value().split(',').map((name) => name.trim().toLowerCase()).filter(Boolean);
        const unknown = names.filter((name) => !['chromium', 'firefox'].includes(name));
        if (unknown.length || !names.length) throw new Error(`--browsers takes chromium, firefox or both (got ${unknown.join(', ') || 'none'})`);
        // Chromium first whatever the order given: its figures are the report's first rows.
        o.browsers = ['chromium', 'firefox'].filter((name) => names.includes(name));
        break;
      }
      case '-h': case '--help':
        process.stdout.write(readFileSync(new URL(import.meta.url), 'utf8').split('\n').slice(1, 18).join('\n') + '\n');
        process.exit(0);
      default: throw new Error(`unknown option ${argv[i]} (see --help)`);
    }
  }
  for (const key of ['latency', 'targetLatency']) {
    if (!(o[key] >= 0 && o[key] <= 10_000)) throw new Error(`--${key} must be 0..10000 ms`);
  }
  return o;
}

// ------------------------------------------------------------- references --

/** Runs a command that prints JSON lines; returns them parsed. */
function jsonLines(command, args) {
  const child = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 << 20 });
  if (child.error) throw child.error;
  if (child.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${child.stderr.trim()}`);
  return child.stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

function pythonReference(...extra) {
  const python = ['python3', 'python'].find((name) => spawnSync(name, ['--version']).status === 0);
  if (!python) return { missing: 'python3 not found' };
  try {
    return jsonLines(python, [path.join(ROOT, 'bench', 'python_reference.py'), ...(options.quick ? ['--quick'] : []), ...extra])[0];
  } catch (err) {
    return { missing: String(err.message || err) };
  }
}

/** CPython's warm Pool(2).map of n=100 again, now (beside a browser's warm runs). */
const pythonPoolMap100 = () => pythonReference('--pool-map-100').pool2_map_100_ms ?? null;

const native = {
  kernel: (name, from, to, repeat) => jsonLines(NATIVE, ['kernel', name, String(from), String(to), String(repeat)])[0],
  run: (...queries) => jsonLines(NATIVE, ['run', ...queries]),
  presets: () => jsonLines(NATIVE, ['presets'])[0].presets,
};

// ---------------------------------------------------------------- browser --

/** Chromium's playwright browser (it makes contexts with newContext), not Firefox's puppeteer one. */
const isPlaywright = (browser) => typeof browser.newContext === 'function';

/**
 * openPage in a fresh browser context (its own cache), with either driver:
 * playwright's browser.newPage makes one per page; for puppeteer (Firefox) a
 * BiDi user context is made here, so both browsers start every link cold.
 */
async function openFreshPage(browser, url) {
  const context = isPlaywright(browser) ? null : await browser.createBrowserContext();
  const opened = await openPage(context ?? browser, url);
  return { ...opened, close: () => (context ?? opened.page.context()).close() };
}

/** Opens a link that runs, waits for complete results; throws on errors. */
async function runInPage(browser, server, query, timeout = 300_000) {
  const { page, problems, close } = await openFreshPage(browser, `${server.url}?${query}&run=1`);
  try {
    const results = await waitForComplete(page, timeout);
    const trouble = [...(results.errors ?? []), ...problems.errors, ...problems.consoleErrors];
    if (!results.complete || trouble.length) throw new Error(`${query}: ${trouble.join('; ') || 'incomplete'}`);
    return results;
  } finally {
    await close();
  }
}

/**
 * Pool start-up, cold then warm: one page runs the link, then Run again; the
 * second run borrows the same web workers from the reservoir.
 */
async function poolStartsInPage(browser, server, query) {
  const { page, problems, close } = await openFreshPage(browser, `${server.url}?${query}&run=1`);
  try {
    const cold = await waitForComplete(page);
    const warm = await runAgain(page);
    const trouble = [...(cold.errors ?? []), ...(warm.errors ?? []), ...problems.errors, ...problems.consoleErrors];
    if (!cold.complete || !warm.complete || trouble.length) throw new Error(`${query}: ${trouble.join('; ') || 'incomplete'}`);
    return { cold, warm };
  } finally {
    await close();
  }
}

/**
 * The kernels on the page's main thread, each workload's three interleaved
 * round by round: the app's `factorial` and `naive_product_tree` (the wasm
 * module's `playground_bench_factorials`, src/web/platform/bench_hooks.rs: the app's
 * JS module imported again shares the running instance) and the same
 * page's BigInt, a plain balanced product tree of 2..=k (what a reader
 * types in the console). Each kernel is called once before the rounds (V8
 * tiers up hot code). `factorial(100)` is per call, over many calls (below
 * the isolated page's 5 µs clock).
 */
async function kernelsInPage(page, rounds) {
  return page.evaluate(async ({ rounds }) => {
    const url = performance.getEntriesByType('resource').map((r) => r.name)
      .find((name) => /\/playground-app-[0-9a-f]+\.js$/.test(name));
    const app = await import(url);
    if (!app.playground_bench_factorials) throw new Error('this build has no playground_bench_factorials: rebuild with scripts/build');
    const tree = (lo, hi) => {
      if (hi - lo <= 1) return hi > lo ? BigInt(lo) : 1n;
      const mid = lo + ((hi - lo) >> 1);
      return tree(lo, mid) * tree(mid, hi);
    };
    // The low bits of each result, so no engine can skip the work.
    const bigint = (from, to) => {
      let kept = 0;
      for (let k = from; k <= to; k++) kept += Number(tree(2, k + 1) & 0xffffn);
      return kept;
    };
    const kernels = {
      factorial: (from, to) => app.playground_bench_factorials('factorial', from, to),
      tree: (from, to) => app.playground_bench_factorials('naive_product_tree', from, to),
      bigint,
    };
    const workloads = { list: [1, 3000], single: [100000, 100000] };
    const out = {};
    // A kernel that cannot hold a result (Firefox's BigInt stops at 2^20
    // bits; 100000! has 1.5 million) is left out of that workload: its
    // reason is reported instead of a time.
    const refused = {};
    for (const [w, [from, to]] of Object.entries(workloads)) {
      for (const [k, f] of Object.entries(kernels)) {
        out[`${w}|${k}`] = [];
        try {
          f(from, to);
        } catch (err) {
          refused[`${w}|${k}`] = String(err.message || err);
        }
      }
    }
    for (let round = 0; round < rounds; round++) {
      for (const [w, [from, to]] of Object.entries(workloads)) {
        for (const [k, f] of Object.entries(kernels)) {
          if (refused[`${w}|${k}`]) continue;
          const started = performance.now();
          f(from, to);
          out[`${w}|${k}`].push(performance.now() - started);
        }
      }
    }
    const perCall = { factorial: Infinity, bigint: Infinity };
    const calls = 2000;
    for (let round = 0; round < 7; round++) {
      for (const k of Object.keys(perCall)) {
        const started = performance.now();
        for (let i = 0; i < calls; i++) kernels[k](100, 100);
        perCall[k] = Math.min(perCall[k], (performance.now() - started) / calls);
      }
    }
    const summary = (times) => ({ times, best: Math.min(...times), median: [...times].sort((a, b) => a - b)[times.length >> 1] });
    const of = (w, k) => (refused[`${w}|${k}`] ? { refused: refused[`${w}|${k}`] } : summary(out[`${w}|${k}`]));
    return {
      list: of('list', 'factorial'), listTree: of('list', 'tree'), listBigInt: of('list', 'bigint'),
      single: of('single', 'factorial'), singleTree: of('single', 'tree'), singleBigInt: of('single', 'bigint'),
      factorial100: perCall.factorial, factorial100BigInt: perCall.bigint,
    };
  }, { rounds });
}

/** A cold load (fresh context, empty cache): navigation start to the pool badge saying ready. */
async function measureLoad(browser, server) {
  // playwright: newContext and addInitScript; puppeteer (Firefox, a BiDi user
  // context, which has its own cache): createBrowserContext and evaluateOnNewDocument.
  const puppeteer = !isPlaywright(browser);
  const context = puppeteer ? await browser.createBrowserContext() : await browser.newContext();
  const page = await context.newPage();
  await page[puppeteer ? 'evaluateOnNewDocument' : 'addInitScript'](() => {
    const seen = () => {
      const badge = document.getElementById('pool-status');
      if (badge && !window.__benchUi) window.__benchUi = performance.now();
      if (badge?.classList.contains('ready') && !window.__benchReady) window.__benchReady = performance.now();
    };
    new MutationObserver(seen).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
  });
  try {
    await page.goto(server.url);
    await waitForFunction(page, () => window.__benchReady, null, { timeout: 30_000, polling: 20 });
    return await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      return {
        ready: window.__benchReady,
        ui: window.__benchUi,
        mark: performance.getEntriesByName('playground:interactive')[0]?.startTime ?? null,
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
        domContentLoaded: nav?.domContentLoadedEventEnd ?? null,
        resources: performance.getEntriesByType('resource').map((r) => ({
          name: r.name, encoded: r.encodedBodySize, decoded: r.decodedBodySize, transfer: r.transferSize,
        })),
      };
    });
  } finally {
    await context.close();
  }
}

/** Bytes on the wire for `url` when the client sends `acceptEncoding`, and the encoding the server chose. */
function wireSize(url, acceptEncoding) {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: { 'Accept-Encoding': acceptEncoding } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk) => { bytes += chunk.length; });
      res.on('end', () => resolve({ status: res.statusCode, bytes, encoding: res.headers['content-encoding'] ?? 'identity' }));
    }).on('error', reject);
  });
}

/**
 * Every JS and wasm file of one build, as paths under dist/: the threaded
 * build (dist/ less the build without threads), or with `single` the build
 * without threads (dist/single/, what a page that is not isolated loads).
 */
function servedAssets({ single = false } = {}) {
  const files = [];
  const top = single ? path.join(DIST, 'single') : DIST;
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) {
        if (full !== path.join(DIST, 'single')) walk(full);
      } else if (/\.(js|wasm)$/.test(name) && name !== 'coi-sw.js') {
        files.push(path.relative(DIST, full));
      }
    }
  };
  if (existsSync(top)) walk(top);
  return files.sort();
}

/**
 * The bytes each file costs a browser: on the wire to a client that accepts
 * brotli and gzip (as browsers do), and to one that accepts gzip alone.
 * `bytes` and `encoding` stay the gzip-only figure, as in older results.
 */
async function measureAssets(server, files, attempt) {
  const assets = [];
  for (const file of files) {
    const url = new URL(file.split(path.sep).join('/'), server.url).href;
    const gzip = await attempt(`gzip size of ${file}`, () => wireSize(url, 'gzip'));
    const wire = await attempt(`brotli size of ${file}`, () => wireSize(url, 'br, gzip'));
    if (gzip && wire) {
      assets.push({ file, raw: statSync(path.join(DIST, file)).size, ...gzip, wire: wire.bytes, wireEncoding: wire.encoding });
    }
  }
  return assets;
}

/**
 * Every browser figure of the report, in one browser (Chromium over
 * playwright, Firefox over puppeteer): fills `figures`. A figure that fails
 * is recorded by `attempt` (with its reason) and the next one runs.
 */
async function measureBrowser(browser, server, figures, { label, attempt, repeat, presets, factorialQuery }) {
  say(`${label}: page load to interactive (cold, 5 loads)`);
  const loads = [];
  for (let i = 0; i < 5; i++) {
    const load = await attempt('page load', () => measureLoad(browser, server));
    if (load) loads.push(load);
  }
  figures.loads = loads.map(({ resources, ...rest }) => rest);
  figures.loadResources = loads[0]?.resources ?? [];

  say(`${label}: kernels on the page (the wasm module and the page's BigInt, interleaved, main thread)`);
  await attempt('kernels in the page', async () => {
    const { page, close } = await openFreshPage(browser, server.url);
    try {
      await page.waitForSelector('#pool-status.ready', { timeout: 30_000 });
      Object.assign(figures, await kernelsInPage(page, repeat));
    } finally {
      await close();
    }
  });

  say(`${label}: serial, map and apply_async on 2 workers, n = 3000`);
  figures.map3000 = await attempt('map n=3000', () =>
    runInPage(browser, server, `exp=factorial&n=3000&modes=serial,map,apply_async&workers=2&repeat=${repeat}`));
  // The efficiency figures: their own serial run in the same page (the same
  // moment of a noisy machine), and twice the repeats for steadier bests.
  figures.mapChunk1 = await attempt('map n=3000 chunk=1', () =>
    runInPage(browser, server, `exp=factorial&n=3000&modes=serial,map&workers=2&chunk=1&repeat=${2 * repeat}`));
  say(`${label}: map on 2 warm workers, n = 100 (threads and processes), between CPython's warm Pool(2).map`);
  // The same moment of a shared machine for both sides of the ratio:
  // CPython's run before, between and after the two pages, its best kept.
  const py100 = [pythonPoolMap100()];
  figures.map100 = await attempt('map n=100', () => runInPage(browser, server, 'exp=factorial&n=100&modes=map&workers=2&repeat=20'));
  py100.push(pythonPoolMap100());
  figures.processes100 = await attempt('processes map n=100', () =>
    runInPage(browser, server, 'exp=factorial&n=100&modes=map&workers=2&repeat=20&backend=processes'));
  py100.push(pythonPoolMap100());
  figures.pythonPoolMap100 = py100.every((v) => v == null) ? null : Math.min(...py100.filter((v) => v != null));

  say(`${label}: processes (message-passing workers): map n=3000 chunk=1, both backends side by side`);
  figures.processesChunk1 = await attempt('processes map n=3000 chunk=1', () =>
    runInPage(browser, server, `exp=factorial&n=3000&modes=serial,map&workers=2&chunk=1&backend=processes&repeat=${2 * repeat}`));
  figures.sideBySide = await attempt('threads and processes', () => runInPage(browser, server,
    `exp=factorial&n=3000&modes=serial,apply,apply_async,map,map_async&workers=2&backend=threads,processes&repeat=${repeat}`));

  say(`${label}: pool start-up, cold then warm (reused workers), pools of 2 and 50`);
  figures.poolStarts = await attempt('pool start-up', () =>
    poolStartsInPage(browser, server, 'exp=factorial&n=100&modes=map&workers=2,50&repeat=1'));

  say(`${label}: apply_async, 10 pages on 10 lanes, latency ${options.targetLatency} ms`);
  figures.reposts = await attempt('reposts apply_async', async () => {
    const probe = await wireSize(`${server.url}2/statuses/repost_timeline.json?id=3664072912104801&count=200&page=1&access_token=bench&latency_ms=0`, 'gzip');
    if (probe.status !== 200) throw new Error(`the mock API answered ${probe.status}: not measured yet`);
    return runInPage(browser, server,
      `exp=reposts&pages=10&count=200&latency=${options.targetLatency}&modes=apply_async&workers=10&repeat=3`);
  });

  say(`${label}: the tutorial's experiments`);
  figures.presets = [];
  for (const preset of presets) {
    if (preset.experiment === 'reposts' && !options.reposts) continue;
    const query = preset.experiment === 'factorial' ? factorialQuery(preset) : `${preset.query}&latency=${options.latency}`;
    say(`  ${preset.name}`);
    const results = await attempt(preset.name, () => runInPage(browser, server, query));
    figures.presets.push({ name: preset.name, results });
  }
}

// --------------------------------------------------------------- figures --

function presetFigure(preset, results) {
  const { compare } = preset;
  if (!results) return null;
  if (compare.kind === 'serial_task') {
    const run = results.runs.find((r) => r.mode === 'serial');
    const task = run?.tasks.find((t) => t.input === compare.input);
    if (!task) return null;
    const duration = task.end_ms - task.start_ms;
    return { withStartup: duration, alone: duration };
  }
  const run = results.runs.find((r) => r.mode === compare.mode && (r.mode === 'serial' || r.workers === compare.workers));
  if (!run) return null;
  return { withStartup: run.best_ms + (run.pool_startup_ms ?? 0), alone: run.best_ms, run };
}

/** Ideal time of a repost preset: page 1 alone, then the pages in rounds of min(k, 6) connections. */
function repostIdeal(preset, latency) {
  const query = new URLSearchParams(preset.query);
  const pages = Number(query.get('pages'));
  const { compare } = preset;
  if (compare.kind === 'serial_task') return latency;
  const lanes = compare.mode === 'apply_async' || compare.mode === 'map' || compare.mode === 'map_async'
    ? Math.min(compare.workers, 6) : 1;
  return latency * (1 + Math.ceil(pages / lanes));
}

/**
 * The report, followed by the hand-written sections of the report it
 * replaces, each from its heading to the next \`## \` heading: the kernel's
 * (bench/kernel/run.sh writes its tables between markers, the prose around
 * them is by hand), the notes on where the dispatch's and the load's time
 * goes, the figures behind the code's choices, the limits of a run
 * (tests/browser/largest_link.test.mjs's figures)
 * and the long stay (bench/soak.mjs writes it). This bench must not drop them.
 */
function withKeptSections(report) {
  const headings = ['## The kernel against the browser\'s own BigInt', '## Where the time goes: dispatch and load',
    '## Why the code is as it is', '## The limits of a run', '## The long stay', '## The lesson\'s sweep (issue 21)'];
  const previous = existsSync(options.out) ? readFileSync(options.out, 'utf8') : '';
  let out = report.trimEnd();
  for (const heading of headings) {
    // At the start of a line.
    const from = previous.startsWith(heading) ? 0 : previous.indexOf(`\n${heading}`) + 1;
    if (from === 0 && !previous.startsWith(heading)) continue;
    if (report.includes(heading)) continue;
    const next = previous.indexOf('\n## ', from + heading.length);
    out += `\n\n${previous.slice(from, next < 0 ? previous.length : next).trimEnd()}`;
  }
  return `${out}\n`;
}

// ------------------------------------------------------------------ main --

async function main() {
  if (options.render) {
    const report = withKeptSections(renderReport(JSON.parse(readFileSync(options.render, 'utf8'))));
    writeFileSync(options.out, report);
    process.stdout.write(report);
    return;
  }
  const started = Date.now();
  const data = { options, errors: [] };
  const attempt = async (name, work) => {
    try {
      return await work();
    } catch (err) {
      const message = `${name}: ${String(err.message || err).split('\n')[0]}`;
      data.errors.push(message);
      say(`FAILED ${message}`);
      return null;
    }
  };
  if (!existsSync(NATIVE)) throw new Error(`${NATIVE} is missing: cargo build --release --bin native_bench (scripts/bench does)`);

  say('CPython references (bench/python_reference.py)');
  data.python = pythonReference();

  say('native: kernels and pool modes on OS threads (native_bench)');
  const repeat = options.quick ? 3 : 5;
  data.native = {
    list: native.kernel('factorial', 1, 3000, repeat),
    listTree: native.kernel('naive_product_tree', 1, 3000, 3),
    single: native.kernel('factorial', 100000, 100000, repeat),
    singleTree: native.kernel('naive_product_tree', 100000, 100000, 3),
    factorial100: native.kernel('factorial', 100, 100, 2000),
  };
  const presets = native.presets();
  const factorialQuery = (preset) => `${preset.query}&repeat=10`;
  const [map3000, mapChunk1, map100] = native.run(
    `exp=factorial&n=3000&modes=serial,map,apply_async&workers=2&repeat=${repeat}`,
    `exp=factorial&n=3000&modes=map&workers=2&chunk=1&repeat=${repeat}`,
    'exp=factorial&n=100&modes=map&workers=2&repeat=20',
  );
  Object.assign(data.native, { map3000, mapChunk1, map100 });
  const factorialPresets = presets.filter((p) => p.experiment === 'factorial');
  data.native.presets = native.run(...factorialPresets.map(factorialQuery));

  const server = await startServer(['--latency-ms', String(options.latency)], { dist: DIST });
  try {
    say('server: bytes of JS and wasm on the wire (brotli and gzip, and gzip alone), both builds');
    // The server's bytes, the same for every browser (an older results.json has them under data.browser).
    data.assets = await measureAssets(server, servedAssets(), attempt);
    data.singleAssets = await measureAssets(server, servedAssets({ single: true }), attempt);
    for (const name of options.browsers) {
      // Chromium's figures stay under data.browser (old results.json render as before), Firefox's under data.firefox.
      const key = name === 'chromium' ? 'browser' : name;
      const label = name === 'chromium' ? 'browser' : 'Firefox';
      // Firefox's failures name it; Chromium's read as they always did.
      const tried = name === 'chromium' ? attempt : (what, work) => attempt(`Firefox: ${what}`, work);
      // Filled as it goes: if the browser fails to start or dies, what it measured stays.
      const figures = data[key] = {};
      await tried('the browser', async () => {
        const browser = name === 'chromium' ? await launchBrowser() : await launchFirefox();
        try {
          figures.version = (await browser.version()).replace(/^firefox\//, '');
          await measureBrowser(browser, server, figures, { label, attempt: tried, repeat, presets, factorialQuery });
        } finally {
          await browser.close();
        }
      });
    }
  } finally {
    server.stop();
  }
  data.seconds = (Date.now() - started) / 1000;
  data.presets = presets;

  mkdirSync(path.dirname(options.json), { recursive: true });
  writeFileSync(options.json, JSON.stringify(data, null, 1));
  const report = withKeptSections(renderReport(data));
  mkdirSync(path.dirname(options.out), { recursive: true });
  writeFileSync(options.out, report);
  process.stdout.write(report);
  say(`report written to ${path.relative(process.cwd(), options.out) || options.out}; raw numbers in ${path.relative(process.cwd(), options.json)}`);
}

// ---------------------------------------------------------------- report --

const ms = (value, digits) => {
  if (value == null || Number.isNaN(value)) return '-';
  const d = digits ?? (value >= 100 ? 0 : value >= 10 ? 1 : value >= 1 ? 2 : value >= 0.01 ? 3 : 4);
  return `${value.toFixed(d)} ms`;
};
const ratio = (value) => (value == null || !Number.isFinite(value) ? '-' : `${value.toFixed(2)}x`);
const pct = (value) => (value == null || !Number.isFinite(value) ? '-' : `${(value * 100).toFixed(0)}%`);
const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;
const verdict = (ok) => (ok == null ? 'not measured' : ok ? 'met' : 'NOT met');

function renderReport(d) {
  const py = d.python ?? {};
  const n = d.native ?? {};
  // The browsers of this run (an old results.json has Chromium's alone, under `browser`).
  const browsers = (d.options.browsers ?? ['chromium']).map((key) => (key === 'chromium'
    ? { name: 'Chromium', data: d.browser ?? {} } : { name: 'Firefox', data: d.firefox ?? {} }));
  const b = browsers[0].data;
  const assets = d.assets ?? d.browser?.assets ?? [];
  const lines = [];
  const row = (...cells) => lines.push(`| ${cells.join(' | ')} |`);
  const cpu = (os.cpus()[0]?.model ?? 'unknown CPU').replace(/\s+/g, ' ');
  const commit = spawnSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout?.trim();
  const dirty = spawnSync('git', ['-C', ROOT, 'status', '--porcelain'], { encoding: 'utf8' }).stdout?.trim() ? ' (with uncommitted changes)' : '';
  const runOf = (results, mode, workers, backend) => results?.runs.find((r) => r.mode === mode
    && (mode === 'serial' || r.workers === workers) && (backend == null || r.backend === backend));

  lines.push('# Benchmark', '');
  lines.push(`Written by \`scripts/bench\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${commit || '?'}${dirty}, in ${d.seconds?.toFixed(0)} s.`);
  lines.push(`Machine: ${cpu}, ${os.cpus().length} cores; ${browsers.map(({ name, data }) => `${name} ${data.version ?? '?'} (headless)`).join('; ')}; ` +
    `${py.implementation ?? 'Python'} ${py.python ?? '(absent)'}; ${py.gmp ?? 'GMP not measured'}.`);
  const wasm = assets.find((a) => a.file.endsWith('.wasm'));
  lines.push(`Build measured: \`${path.relative(ROOT, d.options.dist) || d.options.dist}\` (release, \`scripts/build\`)` +
    (wasm ? `, wasm module ${kb(wasm.raw)}` : '') + '. Times are the best of the repeats (as `timeit`), in ms; ' +
    'each ratio is measured against a reference run in this same benchmark run.', '');

  // --- targets
  lines.push('## Issue 6 targets', '');
  row('figure', 'measured', 'reference', 'ratio', 'required', 'goal', 'required?', 'goal?');
  row('---', '---', '---', '---', '---', '---', '---', '---');
  // On the wire: what a browser gets (it accepts brotli); an older results.json measured gzip alone.
  const transferRow = (list, name) => {
    const sum = (key) => list.reduce((total, a) => total + (a[key] ?? a.bytes), 0);
    const [wire, gzip, raw] = [sum('wire'), sum('bytes'), sum('raw')];
    const measured = list.some((a) => a.wire != null) ? `${kb(wire)} (gzip only: ${kb(gzip)})` : `${kb(gzip)} (gzip)`;
    return [name, list.length ? measured : '-', list.length ? `${kb(raw)} uncompressed` : '-', '-',
      '<= 800 KB', '<= 400 KB', verdict(list.length ? wire <= 800 * 1024 : null), verdict(list.length ? wire <= 400 * 1024 : null)];
  };
  const singleAssets = d.singleAssets ?? [];
  const transferRows = [
    transferRow(assets, 'wasm + JS on the wire (the threaded build; `Accept-Encoding: br, gzip`)'),
    singleAssets.length ? transferRow(singleAssets, '↳ the build without threads (dist/single/, for pages that are not isolated)') : null,
  ];
  // One browser's rows of the table: the first browser's carry the figure's
  // name, the next ones' (Firefox beside Chromium) read "↳ Firefox" under it.
  const targetRows = (b, first, who) => {
    const out = [];
    const row = (...cells) => out.push(cells);
    const name = (text, detail = '') => (first ? `${text}${detail}` : `↳ ${who}${detail}`);
    const serial3000 = runOf(b.map3000, 'serial', 1);
    {
      const r = serial3000 && py.serial_list_3000_ms ? serial3000.best_ms / py.serial_list_3000_ms : null;
      const tree = serial3000 && b.listTree ? `; plain product tree in wasm ${ms(b.listTree.best)} (${ratio(serial3000.best_ms / b.listTree.best)})` : '';
      row(name('serial factorial(1..=3000), the app\'s serial run (worker)'), ms(serial3000?.best_ms), `CPython ${ms(py.serial_list_3000_ms)}${tree}`,
        ratio(r), '<= 0.8x', '<= 0.5x', verdict(r == null ? null : r <= 0.8), verdict(r == null ? null : r <= 0.5));
    }
    {
      const r = b.single && py.single_100000_ms ? b.single.best / py.single_100000_ms : null;
      const tree = b.single && b.singleTree ? `; plain product tree in wasm ${ms(b.singleTree.best)} (${ratio(b.single.best / b.singleTree.best)})` : '';
      row(name('a single factorial(100000) (wasm, page main thread)'), ms(b.single?.best), `CPython ${ms(py.single_100000_ms)}${tree}`,
        ratio(r), '<= 0.8x', '<= 0.3x', verdict(r == null ? null : r <= 0.8), verdict(r == null ? null : r <= 0.3));
    }
    {
      // The pool's scaling: tasks handed out one by one. Python's default
      // cuts n=3000 into 8 chunks of rising cost (the last is ~30% of the
      // work), which caps the default map near 80% even natively: that run is
      // in the table beside the targets, with the chunk imbalance to blame.
      const run = runOf(b.mapChunk1, 'map', 2);
      const serial = runOf(b.mapChunk1, 'serial', 1);
      const speedup = serial && run ? serial.best_ms / run.best_ms : null;
      const efficiency = speedup == null ? null : speedup / 2;
      row(name('map on 2 workers vs serial, n=3000, chunk=1 (`pool.map(f, xs, chunksize=1)`)'), `${ms(run?.best_ms)}: speed-up ${ratio(speedup)}, efficiency ${pct(efficiency)}`,
        'ideal 2.00x', pct(efficiency), '>= 85%', '>= 95%', verdict(efficiency == null ? null : efficiency >= 0.85), verdict(efficiency == null ? null : efficiency >= 0.95));
    }
    {
      // The same on processes: every task and result crosses as a message
      // (guided message sizes, two messages in flight per worker: core::pool::process_pool).
      // CPython's own Pool(2).map(chunksize=1) efficiency, beside it, is what
      // one message per task costs multiprocessing on this machine.
      const run = runOf(b.processesChunk1, 'map', 2, 'processes');
      const serial = runOf(b.processesChunk1, 'serial', 1);
      const speedup = serial && run ? serial.best_ms / run.best_ms : null;
      const efficiency = speedup == null ? null : speedup / 2;
      const cpython = py.pool2_map_3000_chunk1_ms ? py.serial_list_3000_ms / py.pool2_map_3000_chunk1_ms / 2 : null;
      row(name('processes: map on 2 workers vs serial, n=3000, chunk=1'), `${ms(run?.best_ms)}: speed-up ${ratio(speedup)}, efficiency ${pct(efficiency)}`,
        `ideal 2.00x (CPython's Pool(2).map(chunksize=1): efficiency ${pct(cpython)})`, pct(efficiency), '>= 85%', '>= 95%', verdict(efficiency == null ? null : efficiency >= 0.85), verdict(efficiency == null ? null : efficiency >= 0.95));
    }
    {
      const run = runOf(b.processes100, 'map', 2, 'processes');
      const r = run && py.pool2_map_100_ms ? run.best_ms / py.pool2_map_100_ms : null;
      row(name('processes: map on 2 warm workers, n=100'), ms(run?.best_ms), `warm Python Pool(2).map ${ms(py.pool2_map_100_ms)}`,
        ratio(r), '<= 1.0x', '<= 0.3x', verdict(r == null ? null : r <= 1.0), verdict(r == null ? null : r <= 0.3));
    }
    const map100 = runOf(b.map100, 'map', 2);
    {
      const r = map100 && py.pool2_map_100_ms ? map100.best_ms / py.pool2_map_100_ms : null;
      row(name('map on 2 warm workers, n=100'), ms(map100?.best_ms), `warm Python Pool(2).map ${ms(py.pool2_map_100_ms)}`,
        ratio(r), '<= 0.5x', '<= 0.1x', verdict(r == null ? null : r <= 0.5), verdict(r == null ? null : r <= 0.1));
    }
    {
      // Pool start-up: asking for a pool of k until it takes work, against
      // CPython's Pool(k) until its first map returns (a pool ready for work).
      const starts = b.poolStarts;
      for (const [k, temperature, required, goal] of [[2, 'warm', 0.2, 0.05], [50, 'warm', 0.2, 0.05], [2, 'cold', null, 2]]) {
        const run = runOf(starts?.[temperature], 'map', k);
        const reference = py[`pool${k}_first_map_ms`];
        const r = run && reference ? run.pool_startup_ms / reference : null;
        row(name(`${temperature} start of a pool of ${k}`, ` (${run?.workers_spawned ?? '-'} workers started)`), ms(run?.pool_startup_ms),
          `CPython \`Pool(${k})\` until its first map returns ${ms(reference)}`, ratio(r),
          required == null ? 'report' : `<= ${required}x`, `<= ${goal}x`,
          required == null ? 'reported' : verdict(r == null ? null : r <= required), verdict(r == null ? null : r <= goal));
      }
    }
    {
      const run = runOf(b.reposts, 'apply_async', 10);
      const ideal = d.options.targetLatency * (1 + Math.ceil(10 / 6));
      const over = run ? run.best_ms / ideal - 1 : null;
      row(name(`apply_async fetch of 10 pages, k=10, latency ${d.options.targetLatency} ms`), run ? ms(run.best_ms) : 'not measured yet',
        `ideal ${ms(ideal)} (L x (1 + ceil(10/6)))`, over == null ? '-' : `${over >= 0 ? '+' : ''}${pct(over)}`, 'within 15%', 'within 5%',
        verdict(over == null ? null : Math.abs(over) <= 0.15), verdict(over == null ? null : Math.abs(over) <= 0.05));
    }
    if (first) out.push(...transferRows);
    else out.push(null, null);
    // The app's own mark when it sets one, else the pool badge turning ready.
    const marked = (b.loads ?? []).every((l) => l.mark != null) && b.loads?.length;
    const readies = (b.loads ?? []).map((l) => (marked ? l.mark : l.ready));
    const loadMedian = readies.length ? median(readies) : null;
    const loadName = first
      ? `page load to interactive (cold, localhost; navigation start to ${marked ? 'the app\'s playground:interactive mark' : 'the pool badge showing ready'}; median of 5)`
      : `↳ ${who}${readies.length ? ` (${marked ? 'playground:interactive mark' : 'pool badge ready'}; median of ${readies.length})` : ': not measured (see the errors below)'}`;
    row(loadName, ms(loadMedian), `best ${ms(readies.length ? Math.min(...readies) : null)}`, '-',
      '< 2 s', '< 0.5 s', verdict(loadMedian == null ? null : loadMedian < 2000), verdict(loadMedian == null ? null : loadMedian < 500));
    return out;
  };
  const perBrowser = browsers.map(({ data, name }, i) => targetRows(data, i === 0, name));
  // Figure by figure: each browser's row under the first's (the transfer row, the server's bytes, is only in the first).
  for (let i = 0; i < perBrowser[0].length; i++) {
    for (const rows of perBrowser) if (rows[i]) row(...rows[i]);
  }
  lines.push('');

  // --- issue 12's goals (performance round 2), each browser beside its reference
  lines.push('## Issue 12 goals (performance round 2)', '');
  lines.push('Each figure in every browser of this run, against its reference from this same run; a missed goal shows how far it is.', '');
  row('figure', 'reference (same run)', 'goal', ...browsers.map(({ name }) => name));
  row('---', '---', '---', ...browsers.map(() => '---'));
  const goalRow = (figure, reference, goal, value, shown, met) => row(figure, reference, goal, ...browsers.map(({ data }) => {
    const v = value(data);
    if (v == null || !Number.isFinite(v)) return 'not measured';
    return `${shown(v)}: ${met(v) ? 'met' : 'NOT met'}`;
  }));
  const chunk1Efficiency = (results, backend) => {
    const run = runOf(results, 'map', 2, backend);
    const serial = runOf(results, 'serial', 1);
    return run && serial ? serial.best_ms / run.best_ms / 2 : null;
  };
  const map100Ratio = (results, backend) => {
    const run = runOf(results, 'map', 2, backend);
    return run && py.pool2_map_100_ms ? run.best_ms / py.pool2_map_100_ms : null;
  };
  goalRow('serial `factorial(1..=3000)`, the app\'s serial run', `CPython ${ms(py.serial_list_3000_ms)}`, '<= 0.5x',
    (b) => (py.serial_list_3000_ms ? runOf(b.map3000, 'serial', 1)?.best_ms / py.serial_list_3000_ms : null), ratio, (r) => r <= 0.5);
  goalRow('one `factorial(100000)`', `CPython ${ms(py.single_100000_ms)}`, '<= 0.3x',
    (b) => (py.single_100000_ms && b.single ? b.single.best / py.single_100000_ms : null), ratio, (r) => r <= 0.3);
  goalRow('the same kernel, wasm against native (`factorial(1..=3000)`)', `native ${ms(n.list?.best_ms)}`, '<= 2x',
    (b) => (n.list?.best_ms && b.list ? b.list.best / n.list.best_ms : null), ratio, (r) => r <= 2);
  goalRow('threads: map on 2 workers, n=3000, chunk=1', 'its page\'s serial run, ideal 2.0x', '>= 95%',
    (b) => chunk1Efficiency(b.mapChunk1), (e) => `efficiency ${pct(e)}`, (e) => e >= 0.95);
  goalRow('processes: map on 2 workers, n=3000, chunk=1', 'its page\'s serial run, ideal 2.0x', '>= 95%',
    (b) => chunk1Efficiency(b.processesChunk1, 'processes'), (e) => `efficiency ${pct(e)}`, (e) => e >= 0.95);
  goalRow('threads: map on 2 warm workers, n=100', `warm CPython \`Pool(2).map\` ${ms(py.pool2_map_100_ms)}`, '<= 0.1x',
    (b) => map100Ratio(b.map100), ratio, (r) => r <= 0.1);
  goalRow('processes: map on 2 warm workers, n=100', `warm CPython \`Pool(2).map\` ${ms(py.pool2_map_100_ms)}`, '<= 0.3x',
    (b) => map100Ratio(b.processes100, 'processes'), ratio, (r) => r <= 0.3);
  {
    const ideal = d.options.targetLatency * (1 + Math.ceil(10 / 6));
    goalRow(`10 pages on 10 lanes, latency ${d.options.targetLatency} ms`, `ideal ${ms(ideal)}`, 'within 3%',
      (b) => { const run = runOf(b.reposts, 'apply_async', 10); return run ? run.best_ms / ideal - 1 : null; },
      (over) => `${over >= 0 ? '+' : ''}${pct(over)}`, (over) => Math.abs(over) <= 0.03);
  }
  {
    const wire = (list) => (list.length ? list.reduce((total, a) => total + (a.wire ?? a.bytes), 0) : null);
    const threaded = wire(assets);
    const single = wire(d.singleAssets ?? []);
    row('wasm + JS on the wire (brotli as browsers accept it)', '-', '<= 300 KB',
      `threaded build ${threaded == null ? '-' : kb(threaded)}: ${verdict(threaded == null ? null : threaded <= 300 * 1024)}; ` +
      `without threads ${single == null ? '-' : kb(single)}: ${verdict(single == null ? null : single <= 300 * 1024)} (the same bytes in every browser)`,
      ...browsers.slice(1).map(() => '(the server\'s bytes)'));
  }
  goalRow('page load to pool ready (cold, localhost, median of 5)', '-', '< 250 ms',
    (b) => { const readies = (b.loads ?? []).map((l) => l.mark ?? l.ready); return readies.length ? median(readies) : null; },
    (v) => ms(v), (v) => v < 250);
  lines.push('');

  // --- issue 25's figures (performance round 3): required and goal, each browser against its reference in this run
  lines.push('## Issue 25 (performance round 3)', '');
  lines.push('Each figure in every browser of this run against its reference from this same run: the BigInt rows are the same page\'s `BigInt` product tree, timed round by round between the kernel\'s calls.', '');
  row('figure', 'reference (same run)', 'required', 'goal', ...browsers.map(({ name }) => name));
  row('---', '---', '---', '---', ...browsers.map(() => '---'));
  // value(b) -> [ratio or ms, what it is against]; both thresholds on the value.
  const roundRow = (figure, reference, required, goal, value, shown, isMet) => row(figure, reference, required ?? 'report', goal,
    ...browsers.map(({ data }) => {
      const measured = value(data);
      if (measured?.refused) return `no reference: ${measured.refused}`;
      if (!measured || measured[0] == null || !Number.isFinite(measured[0])) return 'not measured';
      const [v, against] = measured;
      const verdicts = [required == null ? null : `required ${isMet(v, 'required') ? 'met' : 'NOT met'}`, `goal ${isMet(v, 'goal') ? 'met' : 'NOT met'}`];
      return `${shown(v)}${against ? ` (${against})` : ''}: ${verdicts.filter(Boolean).join(', ')}`;
    }));
  const under = (required, goal) => (v, which) => v <= (which === 'required' ? required : goal);
  const vs = (a, b) => (a != null && b != null ? [a / b, `${ms(a)} against ${ms(b)}`] : null);
  roundRow('`factorial(100000)`, page main thread', 'the same page\'s `BigInt` product tree', '<= 1.0x', '<= 0.5x',
    (b) => (b.singleBigInt?.refused ? b.singleBigInt : vs(b.single?.best, b.singleBigInt?.best)), ratio, under(1.0, 0.5));
  roundRow('`factorial(k)`, k = 1..=3000, the app\'s serial run (its worker)', 'the same page\'s `BigInt` product tree (main thread)', '<= 0.7x', '<= 0.5x',
    (b) => vs(runOf(b.map3000, 'serial', 1)?.best_ms, b.listBigInt?.best), ratio, under(0.7, 0.5));
  roundRow('↳ against CPython', `CPython ${ms(py.serial_list_3000_ms)}`, '<= 0.6x', '<= 0.5x',
    (b) => vs(runOf(b.map3000, 'serial', 1)?.best_ms, py.serial_list_3000_ms), ratio, under(0.6, 0.5));
  roundRow('`factorial(k)`, k = 1..=3000, the kernel alone (page main thread)', 'the same page\'s `BigInt` product tree', null, '<= 0.5x',
    (b) => vs(b.list?.best, b.listBigInt?.best), ratio, under(0.5, 0.5));
  roundRow('the wasm kernel against the native kernel, `factorial(k)`, k = 1..=3000', `native ${ms(n.list?.best_ms)} (same code)`, null, '<= 2x',
    (b) => vs(b.list?.best, n.list?.best_ms), ratio, under(2, 2));
  roundRow('↳ `factorial(100000)`', `native ${ms(n.single?.best_ms)} (same code)`, null, '<= 2x',
    (b) => vs(b.single?.best, n.single?.best_ms), ratio, under(2, 2));
  // CPython's warm map taken beside each browser's warm runs (an older results.json: the run's first).
  const py100 = (b) => b.pythonPoolMap100 ?? py.pool2_map_100_ms;
  roundRow('processes: warm `map` on 2 workers, n=100', 'warm CPython `Pool(2).map`, taken before, between and after the browser\'s two pages', '<= 0.5x', '<= 0.2x',
    (b) => vs(runOf(b.processes100, 'map', 2, 'processes')?.best_ms, py100(b)), ratio, under(0.5, 0.2));
  roundRow('threads: warm `map` on 2 workers, n=100', 'the same', '<= 0.12x', '<= 0.08x',
    (b) => vs(runOf(b.map100, 'map', 2)?.best_ms, py100(b)), ratio, under(0.12, 0.08));
  roundRow('page load to pool ready, cold, localhost (median of 5)', '-', '< 300 ms', '< 200 ms',
    (b) => { const readies = (b.loads ?? []).map((l) => l.mark ?? l.ready); return readies.length ? [median(readies), `best ${ms(Math.min(...readies))}`] : null; },
    (v) => ms(v), (v, which) => v < (which === 'required' ? 300 : 200));
  lines.push('');

  browsers.forEach(({ name, data }, i) => {
    // Threads and processes in one run of one page: what message passing costs (one table per browser).
    const side = data.sideBySide;
    const where = i === 0 ? '' : ` in ${name}`;
    if (!side && i > 0) lines.push(`Threads against processes${where}: not measured (see the errors below).`, '');
    if (side) {
      const tasks = side.config.n;
      lines.push(`Threads against processes${where}, one run (n=${tasks}, 2 workers, best of ${side.runs[0]?.times_ms.length} repeats; serial ${ms(runOf(side, 'serial', 1)?.best_ms)}):`, '');
      row('mode', 'threads', 'processes', 'processes - threads, per task');
      row('---', '---', '---', '---');
      for (const mode of ['apply', 'apply_async', 'map', 'map_async']) {
        const t = runOf(side, mode, 2, 'threads');
        const p = runOf(side, mode, 2, 'processes');
        const extra = t && p ? ((p.best_ms - t.best_ms) * 1000) / tasks : null;
        row(mode, ms(t?.best_ms), ms(p?.best_ms), extra == null ? '-' : `${extra.toFixed(1)} µs`);
      }
      lines.push('');
    }
  });
  lines.push('How each figure is taken:', '');
  lines.push(`- serial and map: one page, \`?exp=factorial&n=3000&modes=serial,map,apply_async&workers=2&repeat=${d.options.quick ? 3 : 5}&run=1\`: ` +
    'each run after one uncounted warm-up; the serial run is the app\'s (in its driver worker); efficiency = serial best / map best / 2. ' +
    `The map target rows (threads, and processes with \`backend=processes\`) are the same map with \`chunk=1\` in a page of their own, \`modes=serial,map&chunk=1&repeat=${d.options.quick ? 6 : 10}\`, against that page's own serial run: the pool's scaling without the imbalance of Python's default chunks (whose run is in the table below).`);
  lines.push('- the kernels: the wasm module\'s `playground_bench_factorials` export (src/web/platform/bench_hooks.rs) called on the page\'s main thread, `factorial`, `naive_product_tree` and the same page\'s `BigInt` product tree of 2..=k interleaved round by round (one uncounted call each first), best of the rounds; one factorial(100) per call, best of 7 rounds of 2000 calls, also interleaved.');
  lines.push('- map on warm workers: `?exp=factorial&n=100&modes=map&workers=2&repeat=20&run=1` (pool started and warmed before the counted runs).');
  lines.push('- pool start-up: one page runs `?exp=factorial&n=100&modes=map&workers=2,50&repeat=1&run=1` (cold: the web workers are started), then Run again (warm: the pools borrow the same workers from the reservoir); `pool_startup_ms` is from asking for the pool until every thread has taken work. CPython: `Pool(k)` created until its first `map(math.factorial, range(1, 101))` returns.');
  lines.push(`- reposts: \`?exp=reposts&pages=10&count=200&latency=${d.options.targetLatency}&modes=apply_async&workers=10&repeat=3&run=1\`, best of 3; ` +
    'the ideal is page 1 alone (for `total_number`), then 10 pages over the browser\'s 6 connections per host.');
  lines.push('- transfer: every JS and wasm file of the threaded build (what an isolated page and its workers load), and of the build without threads (dist/single/), fetched from the server with `Accept-Encoding: br, gzip` (what browsers send) and with `Accept-Encoding: gzip` alone; bytes on the wire. The server sends the brotli and gzip files that scripts/build made beside each file (`src/bin/precompress.rs`).');
  lines.push('- load: a fresh browser context (empty cache) per load; CPython: `bench/python_reference.py` (best of `timeit` repeats).');
  if (browsers.some(({ name }) => name === 'Firefox')) {
    lines.push('- Firefox: Debian\'s Firefox ESR, headless, driven by puppeteer-core over WebDriver BiDi, through the same links and the same in-page calls as Chromium (which playwright-core drives over CDP), one after the other in this run, against the same server and build; ' +
      'each link and each load opens in a fresh BiDi user context (its own cache), as each does in a fresh context in Chromium; the load is read from the page\'s own `performance` entries (navigation, paint) and the pool badge. ' +
      'Firefox\'s clock ticks every 20 µs on an isolated page (Chromium\'s every 5 µs), so its figures under 0.1 ms are whole multiples of 0.02 ms. ' +
      'The native and CPython references are measured once and shared by both browsers; the transfer row is the server\'s bytes, the same for both.');
  }
  lines.push('');

  // --- diagnostics beside the targets: one column per browser
  lines.push('### Beside the targets', '');
  const each = (cell) => browsers.map(({ data }) => cell(data, runOf(data.map3000, 'serial', 1), runOf(data.map100, 'map', 2)));
  row('figure', ...(browsers.length === 1 && browsers[0].name === 'Chromium' ? ['browser'] : browsers.map(({ name }) => name)),
    'native (OS threads)', 'CPython', 'GMP (gmpy2)');
  row('---', ...browsers.map(() => '---'), '---', '---', '---');
  const eff = (s, r) => (s && r ? ` (efficiency ${pct(s.best_ms / r.best_ms / 2)})` : '');
  row('factorial(1..=3000), kernel alone (`factorial`)', ...each((x) => ms(x.list?.best)), ms(n.list?.best_ms), ms(py.serial_list_3000_ms), ms(py.gmp_serial_list_3000_ms));
  row('factorial(1..=3000), plain product tree of 2..=k (`naive_product_tree`)', ...each((x) => ms(x.listTree?.best)), ms(n.listTree?.best_ms), '-', '-');
  row('factorial(1..=3000), the serial run of the app', ...each((x, serial) => ms(serial?.best_ms)), ms(runOf(n.map3000, 'serial', 1)?.best_ms), '-', '-');
  row('factorial(100000) (`factorial`)', ...each((x) => ms(x.single?.best)), ms(n.single?.best_ms), ms(py.single_100000_ms), ms(py.gmp_single_100000_ms));
  row('factorial(100000) (`naive_product_tree`)', ...each((x) => ms(x.singleTree?.best)), ms(n.singleTree?.best_ms), '-', '-');
  row('one factorial(100)', ...each((x) => ms(x.factorial100)), ms(n.factorial100?.best_ms), ms(py.factorial_100_ms), '-');
  // The same page's BigInt, timed between the kernel's calls: each kernel row's reference.
  const bigintCell = (mine, theirs) => (theirs == null ? '-' : `${ms(theirs)}${mine != null ? ` (kernel ${ratio(mine / theirs)})` : ''}`);
  const refusedCell = (figure, cell) => (figure?.refused ? `cannot: ${figure.refused}` : cell);
  row('factorial(1..=3000), `BigInt` product tree of 2..=k (same page, interleaved)', ...each((x) => refusedCell(x.listBigInt, bigintCell(x.list?.best, x.listBigInt?.best))), '-', '-', '-');
  row('factorial(100000), `BigInt` product tree (same page, interleaved)', ...each((x) => refusedCell(x.singleBigInt, bigintCell(x.single?.best, x.singleBigInt?.best))), '-', '-', '-');
  row('one factorial(100), `BigInt` product tree (same page, interleaved)', ...each((x) => bigintCell(x.factorial100, x.factorial100BigInt)), '-', '-', '-');
  for (const mode of ['map', 'apply_async']) {
    const chunks = mode === 'map' ? ', Python\'s default chunks (8 of rising cost: the last is ~30% of the work)' : '';
    const nrun = runOf(n.map3000, mode, 2);
    row(`${mode} on 2 workers, n=3000${chunks}`, ...each((x, serial) => { const run = runOf(x.map3000, mode, 2); return `${ms(run?.best_ms)}${eff(serial, run)}`; }),
      `${ms(nrun?.best_ms)}${eff(runOf(n.map3000, 'serial', 1), nrun)}`, '-', '-');
  }
  {
    const nrun = runOf(n.mapChunk1, 'map', 2);
    row('map on 2 workers, n=3000, chunk=1 (tasks handed out one by one)', ...each((x) => { const run = runOf(x.mapChunk1, 'map', 2); return `${ms(run?.best_ms)}${eff(runOf(x.mapChunk1, 'serial', 1), run)}`; }),
      `${ms(nrun?.best_ms)}${eff(runOf(n.map3000, 'serial', 1), nrun)}`, '-', '-');
  }
  const nmap100 = runOf(n.map100, 'map', 2);
  row('map on 2 warm workers, n=100', ...each((x, s, map100) => ms(map100?.best_ms)), ms(nmap100?.best_ms), ms(py.pool2_map_100_ms), '-');
  row('  the same dispatch with empty tasks', ...each((x, s, map100) => ms(map100?.dispatch_ms)), ms(nmap100?.dispatch_ms), '-', '-');
  row('processes: map on 2 warm workers, n=100', ...each((x) => ms(runOf(x.processes100, 'map', 2, 'processes')?.best_ms)), '-', ms(py.pool2_map_100_ms), '-');
  row('  the same dispatch with empty tasks', ...each((x) => ms(runOf(x.processes100, 'map', 2, 'processes')?.dispatch_ms)), '-', '-', '-');
  row('starting a pool of 2', ...each((x, s, map100) => ms(map100?.pool_startup_ms)), ms(nmap100?.pool_startup_ms), ms(py.pool2_startup_ms), '-');
  if (browsers.some(({ data }) => data.loads?.length)) {
    const med = (loads, key) => {
      const values = (loads ?? []).map((l) => l[key]).filter((v) => v != null);
      return values.length ? ms(median(values)) : '-';
    };
    row('page load: first contentful paint / UI mounted / pool ready (median)',
      ...each((x) => (x.loads?.length ? `${med(x.loads, 'fcp')} / ${med(x.loads, 'ui')} / ${med(x.loads, 'ready')}` : 'not measured')), '-', '-', '-');
  }
  lines.push('');
  if (assets.length) {
    lines.push('Files of both builds as the server sends them to a client that accepts brotli and gzip, and to one that accepts gzip alone:', '');
    row('file', 'uncompressed', '`br, gzip`', '`gzip`');
    row('---', '---', '---', '---');
    const wire = (a) => (a.wire == null ? '-' : `${kb(a.wire)} (${a.wireEncoding})`);
    for (const a of [...assets, ...singleAssets]) row(`\`${a.file}\``, kb(a.raw), wire(a), `${kb(a.bytes)} (${a.encoding})`);
    lines.push('');
  }

  // --- tutorial
  lines.push('## The tutorial\'s experiments', '');
  lines.push('Every row of both tables of `shared/SEED.md`, run from the same links as the page\'s presets ' +
    '(factorial presets with `repeat=10` instead of 3 for steadier bests). "with start-up" adds starting the pool, ' +
    'which the tutorial paid in every timing (it created its `Pool` inside each timed function); "run alone" is the warm pool. ' +
    `Repost pages were served with a latency of ${d.options.latency} ms` +
    (d.options.latency === 828 ? ' (the tutorial\'s one-page time).' : ` (the tutorial's was 828 ms: compare with the ideal column, not the tutorial's times).`), '');
  const who = browsers.length === 1 && browsers[0].name === 'Chromium' ? ['browser'] : browsers.map(({ name }) => name);
  row('experiment', 'tutorial', ...who.flatMap((w) => [`${w}, with start-up`, `${w}, run alone`]), 'native, with start-up', 'native, run alone', 'ideal');
  row('---', '---', ...who.flatMap(() => ['---', '---']), '---', '---', '---');
  const nativeByQuery = new Map((n.presets ?? []).map((doc) => [doc.query, doc]));
  for (const preset of d.presets ?? []) {
    if (preset.experiment === 'reposts' && !d.options.reposts) continue;
    // One task is below the isolated page's 5 µs clock: the kernel per call instead.
    const perCall = preset.experiment === 'factorial' && preset.compare.kind === 'serial_task' && preset.compare.input === 100;
    const cells = browsers.flatMap(({ data }) => {
      const measured = (data.presets ?? []).find((p) => p.name === preset.name);
      let fig = presetFigure(preset, measured?.results);
      if (perCall) fig = data.factorial100 != null ? { withStartup: data.factorial100, alone: data.factorial100 } : fig;
      const failed = measured && !measured.results ? 'failed' : '-';
      return [fig ? ms(fig.withStartup) : failed, fig ? ms(fig.alone) : failed];
    });
    let nfig = preset.experiment === 'factorial' ? presetFigure(preset, nativeByQuery.get(`${preset.query}&repeat=10`)) : null;
    if (perCall) nfig = n.factorial100 ? { withStartup: n.factorial100.best_ms, alone: n.factorial100.best_ms } : nfig;
    const ideal = preset.experiment === 'reposts' ? ms(repostIdeal(preset, d.options.latency)) : '-';
    row(preset.name, ms(preset.tutorial_ms), ...cells, nfig ? ms(nfig.withStartup) : '-', nfig ? ms(nfig.alone) : '-', ideal);
  }
  lines.push('');
  lines.push('"one factorial(100)": the kernel per call (best of 7 rounds of 2000 calls in the page; the best single call natively), ' +
    'because one task of the serial trace lasts less than the isolated page\'s 5 µs clock tick. ' +
    'The other factorial rows are the runs of the presets\' links; the repost rows have no pool to start (their lanes are async fetches).', '');

  // --- what could not be measured
  const missing = [];
  if (py.missing) missing.push(`CPython references: ${py.missing}.`);
  if (!py.gmp_single_100000_ms) missing.push(`GMP: ${py.gmp ?? 'not measured'}; the issue's figures (factorial(100000) ~11 ms, the list ~39 ms) are not re-measured here.`);
  missing.push('GMP in the browser: there is none (the kernel must stay num-bigint).');
  browsers.forEach(({ name, data }, i) => {
    const where = i === 0 ? '' : ` in ${name}`;
    if (!runOf(data.reposts, 'apply_async', 10)) missing.push(`The repost row${where}: the mock API did not answer, or the run failed (see errors).`);
    // Page load: say which of its readings this browser did not expose (never a number in their place).
    const loads = data.loads ?? [];
    if (i > 0 && !loads.length) missing.push(`Page load${where}: no load completed (see errors).`);
    if (i > 0 && loads.length && loads.every((l) => l.fcp == null)) missing.push(`Page load${where}: no \`first-contentful-paint\` paint entry, so no first contentful paint.`);
  });
  for (const error of d.errors ?? []) missing.push(`Error: ${error}`);
  lines.push('## Not measured, and errors', '');
  for (const m of missing) lines.push(`- ${m}`);
  lines.push('');
  return lines.join('\n');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
