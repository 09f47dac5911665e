// The other engines: Debian's Firefox ESR, driven by puppeteer-core over
// WebDriver BiDi (no browser download), and WebKitGTK's MiniBrowser under
// Xvfb, driven by WebKitWebDriver over plain W3C WebDriver (a few HTTP calls
// with Node's fetch: no client library).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { freePort } from './harness.mjs';

const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';

/** Launches Debian's Firefox ESR headless, over WebDriver BiDi. */
export async function launchFirefox() {
  if (!existsSync(FIREFOX)) {
    throw new Error(
      `Firefox not found at ${FIREFOX}. Install it with: sudo apt-get install -y firefox-esr ` +
      '(scripts/test does this), or point FIREFOX at a Firefox binary.'
    );
  }
  // English, whatever the machine's locale: the page follows the browser's languages.
  return puppeteer.launch({
    browser: 'firefox', executablePath: FIREFOX, headless: true, protocol: 'webDriverBiDi',
    extraPrefsFirefox: { 'intl.accept_languages': 'en-US', 'intl.locale.requested': 'en-US' },
  });
}

// DOM readings through page.evaluate, which both drivers share (puppeteer has
// no textContent, getAttribute or isDisabled of its own).
export const textOf = (page, selector) =>
  page.evaluate((s) => document.querySelector(s)?.textContent ?? null, selector);
export const countOf = (page, selector) =>
  page.evaluate((s) => document.querySelectorAll(s).length, selector);
export const isDisabled = (page, selector) =>
  page.evaluate((s) => document.querySelector(s).disabled, selector);
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------
// WebKitGTK

/** MiniBrowser lives in the multiarch library directory (libwebkit2gtk-4.1-0). */
function findMiniBrowser() {
  if (process.env.MINIBROWSER) return existsSync(process.env.MINIBROWSER) ? process.env.MINIBROWSER : null;
  for (const dir of readdirSync('/usr/lib')) {
    const candidate = path.join('/usr/lib', dir, 'webkit2gtk-4.1', 'MiniBrowser');
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/** Drains a child's output (a full pipe would stall it); returns a reader of its last 10 kB. */
function tail(stream) {
  let text = '';
  stream.on('data', (chunk) => { text = (text + chunk).slice(-10_000); });
  return () => text;
}

function onPath(command) {
  return (process.env.PATH || '').split(':').some((dir) => existsSync(path.join(dir, command)));
}

/**
 * Starts Xvfb on a free display and WebKitWebDriver on a free port.
 * Resolves with { newSession(), close() }.
 */
export async function launchWebKit() {
  const miniBrowser = findMiniBrowser();
  if (!onPath('WebKitWebDriver') || !onPath('Xvfb') || !miniBrowser) {
    throw new Error(
      'WebKitGTK not found (WebKitWebDriver, Xvfb and MiniBrowser are needed). Install them with: ' +
      'sudo apt-get install -y webkit2gtk-driver xvfb (scripts/test does this).'
    );
  }
  // -displayfd: Xvfb picks a free display and writes its number to fd 3.
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'],
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  const xvfbLog = tail(xvfb.stderr);
  const display = await new Promise((resolve, reject) => {
    let out = '';
    xvfb.stdio[3].on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve(`:${out.trim()}`);
    });
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited with ${code}: ${xvfbLog()}`)));
  });
  const port = await freePort();
  const driver = spawn('WebKitWebDriver', [`--port=${port}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, DISPLAY: display },
  });
  const driverLog = tail(driver.stderr);
  const base = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    try {
      if ((await fetch(`${base}/status`)).ok) break;
    } catch { /* not listening yet */ }
    if (tries > 100) throw new Error(`WebKitWebDriver did not start: ${driverLog()}`);
    await sleep(100);
  }
  const sessions = [];
  return {
    async newSession() {
      // WebKitWebDriver drives one window at a time: a window a failed test
      // left open would refuse every later test its session.
      for (const open of sessions.splice(0)) await open.close().catch(() => {});
      const session = await WebKitSession.create(base, miniBrowser);
      sessions.push(session);
      return session;
    },
    async close() {
      for (const session of sessions) await session.close().catch(() => {});
      driver.kill('SIGTERM');
      xvfb.kill('SIGTERM');
    },
  };
}

/** Far longer than a MiniBrowser window takes to open, even on a loaded machine. */
const SESSION_START_MS = 30_000;

/** One MiniBrowser window, as a W3C WebDriver session. */
class WebKitSession {
  static async create(base, miniBrowser) {
    const capabilities = {
      alwaysMatch: {
        // --automation: the window accepts WebDriver control.
        'webkitgtk:browserOptions': { binary: miniBrowser, args: ['--automation'] },
      },
    };
    // A MiniBrowser that never reports back (now and then, on a loaded
    // machine) leaves the request unanswered; a new window then starts
    // normally.
    for (let attempt = 1; ; attempt++) {
      try {
        const signal = AbortSignal.timeout(SESSION_START_MS);
        const { sessionId } = await command(base, 'POST', '/session', { capabilities }, signal);
        return new WebKitSession(`${base}/session/${sessionId}`);
      } catch (error) {
        if (error.name !== 'TimeoutError' || attempt === 3) throw error;
      }
    }
  }

  constructor(url) { this.url = url; this.closed = false; }

  goto(url) { return command(this.url, 'POST', '/url', { url }); }

  /** Runs `fn(arg)` in the page; its result must be JSON. */
  evaluate(fn, arg) {
    return command(this.url, 'POST', '/execute/sync', {
      script: `return (${fn}).apply(null, arguments);`,
      args: arg === undefined ? [] : [arg],
    });
  }

  /**
   * Evaluates in the iframe element `frame(arg)` returns (a function run in
   * the page), then comes back to the top page: WebDriver's frame switching,
   * which crosses origins where scripts cannot.
   */
  async inFrame(frame, arg, fn) {
    const element = await this.evaluate(frame, arg);
    await command(this.url, 'POST', '/frame', { id: element });
    try {
      return await this.evaluate(fn);
    } finally {
      await command(this.url, 'POST', '/frame/parent', {});
    }
  }

  /** Polls `fn(arg)` until it returns something truthy; resolves with it. */
  async waitForFunction(fn, arg, { timeout = 30_000, polling = 200 } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const value = await this.evaluate(fn, arg);
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${fn}`);
      await sleep(polling);
    }
  }

  async close() {
    if (this.closed) return;
    this.closed = true;
    await command(this.url, 'DELETE', '');
  }
}

/** One WebDriver command; a WebDriver error becomes a thrown Error. */
async function command(base, method, route, body, signal) {
  const response = await fetch(base + route, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
  });
  const { value } = await response.json();
  if (!response.ok || value?.error) {
    throw new Error(`WebDriver ${method} ${route}: ${value?.error}: ${value?.message}`);
  }
  return value ?? null;
}
