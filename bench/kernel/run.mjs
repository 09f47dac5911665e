#!/usr/bin/env node
// The kernel (wasm, built by bench/kernel/run.sh) against the JS engine's own
// BigInt in the same engine: a plain balanced product tree of 2..=n, the
// figure a reader gets from the console. Both workloads, interleaved, best of
// N rounds, in Node and in headless Chromium (the same function runs in a
// blank page). Each module is first checked against plain products.
//
//   node bench/kernel/run.mjs [--rounds N] [--engines node,chromium] [--cpu]
//        [--native FILE] [--write docs/benchmark.md] name=kernel.wasm ...
//
// --cpu: Node's CPU time instead of the clock (steadier when other processes
// share the cores; Chromium always uses the clock). --native: the JSON of
// kernel-native (the same kernel natively). --write: replaces the kernel
// section of that file (between its markers) with this run's tables.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};
const rounds = Number(option('--rounds', 7));
const engines = option('--engines', 'node,chromium').split(',');
const cpu = args.includes('--cpu');
const native = option('--native') ? JSON.parse(readFileSync(option('--native'), 'utf8')) : null;
const modules = args
  .filter((a) => a.includes('=') && !a.startsWith('--'))
  .map((a) => {
    const [name, file] = a.split('=');
    return [name, Array.from(readFileSync(file))];
  });

// Self-contained: serialised into the page for Chromium.
async function measure({ modules, rounds, cpu }) {
  const now = cpu
    ? () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; }
    : () => performance.now();
  // lo * (lo + 1) * ... * (hi - 1), split in the middle.
  const tree = (lo, hi) => {
    if (hi - lo <= 1) return hi > lo ? BigInt(lo) : 1n;
    const mid = lo + ((hi - lo) >> 1);
    return tree(lo, mid) * tree(mid, hi);
  };
  const bigint = (from, to) => {
    let kept = 0;
    for (let k = from; k <= to; k++) kept += Number(tree(2, k + 1) & 0xffffn);
    return kept;
  };
  const kernels = [['BigInt', bigint]];
  const checks = {};
  for (const [name, bytes] of modules) {
    const { instance } = await WebAssembly.instantiate(new Uint8Array(bytes), {});
    const e = instance.exports;
    const large = [5000, 20000, 65537, 100000, 200000];
    // (A module without the checks, such as an older kernel's, is only timed.)
    if (e.check_up_to) checks[name] = e.check_up_to(3000) === 1 && large.every((n) => e.check_large(n) === 1);
    kernels.push([name, (from, to) => e.bench_factorials(0, from, to)]);
  }
  const work = [['factorial(100000)', 100000, 100000], ['factorial(k), k = 1..=3000', 1, 3000]];
  const best = {};
  for (const [w, from, to] of work) {
    for (const [k, f] of kernels) {
      f(from, to); // warm-up
      best[`${w}|${k}`] = Infinity;
    }
  }
  for (let r = 0; r < rounds; r++) {
    for (const [w, from, to] of work) {
      for (const [k, f] of kernels) {
        const t = now();
        f(from, to);
        best[`${w}|${k}`] = Math.min(best[`${w}|${k}`], now() - t);
      }
    }
  }
  return { best, checks, work: work.map(([w]) => w) };
}

async function inChromium(input) {
  const require = createRequire(new URL('../../tests/browser/', import.meta.url));
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage();
    const result = await page.evaluate(
      ([source, input]) => (0, eval)(`(${source})`)(input),
      [measure.toString(), { ...input, cpu: false }],
    );
    return { engine: `Chromium ${browser.version()}`, ...result };
  } finally {
    await browser.close();
  }
}

const ms = (t) => (t >= 100 ? t.toFixed(0) : t.toFixed(1));
const runs = [];
for (const engine of engines) {
  const input = { modules, rounds, cpu };
  const run = engine === 'chromium'
    ? await inChromium(input)
    : { engine: `Node ${process.version} (V8 ${process.versions.v8})${cpu ? ', CPU time' : ''}`, ...(await measure(input)) };
  runs.push(run);
}

const lines = [];
for (const run of runs) {
  const names = modules.map(([name]) => name);
  lines.push(`${run.engine}, best of ${rounds} interleaved rounds:`, '');
  lines.push(`| workload | BigInt product tree | ${names.join(' | ')} |${native ? ' native (same code) |' : ''}`);
  lines.push(`| --- | --- |${names.map(() => ' --- |').join('')}${native ? ' --- |' : ''}`);
  run.work.forEach((w, i) => {
    const ref = run.best[`${w}|BigInt`];
    const cells = names.map((name) => {
      const t = run.best[`${w}|${name}`];
      return `${ms(t)} ms (${(t / ref).toFixed(2)}x)`;
    });
    const nativeCell = native ? ` ${ms(i === 0 ? native.single : native.list)} ms |` : '';
    lines.push(`| ${w} | ${ms(ref)} ms | ${cells.join(' | ')} |${nativeCell}`);
  });
  const checked = Object.entries(run.checks);
  const wrong = checked.filter(([, ok]) => !ok).map(([name]) => name);
  lines.push('', wrong.length
    ? `**Wrong results** from ${wrong.join(', ')}.`
    : `Checked first, in this engine: ${checked.map(([name]) => `"${name}"`).join(' and ')} equal the plain product for every k in 1..=3000, and the product tree for n = 5000, 20000, 65537, 100000 and 200000.`, '');
}
const report = lines.join('\n');
console.log(report);

const out = option('--write');
if (out) {
  const [begin, end] = ['<!-- kernel: begin (bench/kernel/run.sh) -->', '<!-- kernel: end -->'];
  const text = readFileSync(out, 'utf8');
  const [from, to] = [text.indexOf(begin), text.indexOf(end)];
  if (from < 0 || to < 0) throw new Error(`${out} has no kernel section markers`);
  const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const section = `${begin}\nMeasured on ${when} UTC, ${os.cpus()[0].model.trim()}, ${os.cpus().length} cores.\n\n${report}\n`;
  writeFileSync(out, text.slice(0, from) + section + text.slice(to));
}
