// embed.js: one script tag turns every
//   <a class="parallel-playground" href="LINK">…</a>
// of a tutorial page into an embed of the playground. Until the reader asks
// for it (the card's Run button, or data-load="visible" scrolled into view)
// an embed is a light card: no iframe, no wasm, no workers. Then it is an
// iframe sized to its content (the page reports its height), in the host's
// theme and language. Attributes on the link: data-theme (light, dark,
// auto), data-view (minimal, full), data-load (click, visible),
// data-max-height (pixels: taller content scrolls inside the embed).
// API: ParallelPlayground.run(element, query), ParallelPlayground.setTheme(theme[, element]);
// each embed's element fires `results` (event.detail: the results JSON).
(() => {
  'use strict';
  if (window.ParallelPlayground) return; // the tag twice on one page

  const TYPE = 'parallel-playground:';

  // The card's words; the experiment's, as the server's link previews say
  // them (src/core/i18n, `preview`).
  const WORDS = {
    en: {
      run: 'Run in your browser', open: 'Open the full playground',
      card: 'Parallel playground experiment', frame: 'Parallel playground',
      note: 'Runs on your device: about 300 KB of WebAssembly, loaded when you press Run.',
      factorial: (n) => `Factorials of k = 1..${n}`,
      reposts: (pages) => `${pages} pages of reposts`,
      workers: (list) => `${list} workers`, lanes: (list) => `${list} concurrent requests`,
      list: (items) => items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : items.join(''),
      allModes: 'all five modes', pageBackend: "threads or processes, as the page allows",
    },
    'zh-CN': {
      run: '在浏览器中运行', open: '打开完整的演练场',
      card: '并行编程演练场实验', frame: '并行编程演练场',
      note: '在你的设备上运行：点击运行后才加载约 300 KB 的 WebAssembly。',
      factorial: (n) => `计算 k = 1..${n} 的阶乘`,
      reposts: (pages) => `获取 ${pages} 页转发`,
      workers: (list) => `工作进程数 ${list}`, lanes: (list) => `并发请求数 ${list}`,
      list: (items) => items.length > 1 ? `${items.slice(0, -1).join('、')} 和 ${items.at(-1)}` : items.join(''),
      allModes: '全部五种模式', pageBackend: '由页面决定用线程或进程',
    },
  };

  /** The page's language for a link: its lang=, else the host page's. */
  function languageOf(params) {
    const tag = (params.get('lang') || document.documentElement.lang || navigator.language || '').toLowerCase();
    return tag.startsWith('zh') ? 'zh-CN' : 'en';
  }

  /** light, dark or auto: the link's data-theme, the host's data-theme, its color-scheme. */
  function themeOf(anchor) {
    const named = anchor.dataset.theme || document.documentElement.dataset.theme || document.body?.dataset.theme;
    if (['light', 'dark', 'auto'].includes(named)) return named;
    const scheme = getComputedStyle(document.documentElement).colorScheme || '';
    if (/^\s*dark\s*$/.test(scheme)) return 'dark';
    if (/^\s*light\s*$/.test(scheme)) return 'light';
    return 'auto';
  }

  function describe(params, words) {
    const split = (key) => (params.get(key) || '').split(',').map((s) => s.trim()).filter(Boolean);
    const reposts = params.get('exp') === 'reposts';
    const title = reposts ? words.reposts(params.get('pages') || '10') : words.factorial(params.get('n') || '100');
    const modes = split('modes');
    const workers = split('workers');
    const details = [modes.length ? words.list(modes) : (reposts ? words.list(['serial', 'apply', 'apply_async']) : words.allModes)];
    if (workers.length) details.push((reposts ? words.lanes : words.workers)(words.list(workers)));
    if (!reposts) details.push(split('backend').length ? words.list(split('backend')) : words.pageBackend);
    return { title, details: details.join(' · ') };
  }

  const STYLE = `
    :host { display: block; margin: 1rem 0; font: 1rem/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; }
    .card { border: 1px solid #d9dbe3; border-radius: 0.75rem; padding: 1rem 1.25rem; background: #fbfbfd; color: #1d1d22; }
    .card.dark { background: #1e2026; color: #e8e9ee; border-color: #353844; }
    .title { font-weight: 600; font-size: 1.05rem; margin: 0 0 0.2rem; }
    .details, .note { margin: 0 0 0.75rem; color: #5d6170; font-size: 0.92rem; }
    .dark .details, .dark .note { color: #a3a7b6; }
    .note { margin: 0.6rem 0 0; font-size: 0.85rem; }
    .actions { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; }
    button { font: inherit; padding: 0.55rem 1.2rem; min-height: 2.75rem; border-radius: 0.5rem; border: 1px solid #3451d1;
      background: #3451d1; color: #fff; cursor: pointer; }
    .dark button { background: #8aa0ff; border-color: #8aa0ff; color: #10131f; }
    a { color: #3451d1; } .dark a { color: #8aa0ff; }
    :focus-visible { outline: 3px solid #3451d1; outline-offset: 2px; }
    iframe { display: block; width: 100%; height: 12rem; border: 0; border-radius: 0.75rem; }
    @media (prefers-color-scheme: dark) {
      .card.auto { background: #1e2026; color: #e8e9ee; border-color: #353844; }
      .auto .details, .auto .note { color: #a3a7b6; }
      .auto button { background: #8aa0ff; border-color: #8aa0ff; color: #10131f; }
      .auto a { color: #8aa0ff; }
    }`;

  const embeds = new Map(); // element -> its state
  let sheet = null; // one constructed stylesheet shared by every embed's shadow root

  function mount(anchor) {
    if (anchor.dataset.playgroundMounted) return;
    anchor.dataset.playgroundMounted = '1';
    const link = new URL(anchor.getAttribute('href'), location.href);
    if (link.protocol !== 'http:' && link.protocol !== 'https:') return; // leave anything else a plain link
    const params = link.searchParams;
    const lang = languageOf(params);
    const words = WORDS[lang];
    const { title, details } = describe(params, words);

    const element = document.createElement('div');
    element.className = 'parallel-playground-embed';
    element.setAttribute('role', 'region');
    element.setAttribute('aria-label', `${words.card}: ${title}`);
    element.lang = lang;
    const root = element.attachShadow({ mode: 'open' });
    // A constructed sheet passes a host's CSP that refuses inline <style>.
    if ('adoptedStyleSheets' in root && typeof CSSStyleSheet.prototype.replaceSync === 'function') {
      sheet ??= new CSSStyleSheet();
      if (!sheet.cssRules.length) sheet.replaceSync(STYLE);
      root.adoptedStyleSheets = [sheet];
    } else {
      root.append(Object.assign(document.createElement('style'), { textContent: STYLE }));
    }

    const state = { element, root, link, lang, words, title, theme: themeOf(anchor), view: anchor.dataset.view,
      maxHeight: Number.parseInt(anchor.dataset.maxHeight, 10) > 0 ? Number.parseInt(anchor.dataset.maxHeight, 10) : Infinity, frame: null, ready: false, pending: null };
    const card = document.createElement('div');
    card.className = `card ${state.theme}`;
    const heading = Object.assign(document.createElement('p'), { className: 'title', textContent: title });
    const detail = Object.assign(document.createElement('p'), { className: 'details', textContent: details });
    const actions = Object.assign(document.createElement('div'), { className: 'actions' });
    const button = Object.assign(document.createElement('button'), { type: 'button', textContent: words.run });
    button.setAttribute('aria-label', `${words.run}: ${title}`);
    button.addEventListener('click', () => load(state, { run: true, focus: true }));
    const open = Object.assign(document.createElement('a'), { href: link.href, textContent: words.open, target: '_blank', rel: 'noopener' });
    actions.append(button, open);
    const note = Object.assign(document.createElement('p'), { className: 'note', textContent: words.note });
    card.append(heading, detail, actions, note);
    root.append(card);
    state.card = card;
    anchor.replaceWith(element);
    embeds.set(element, state);

    if (anchor.dataset.load === 'visible' && 'IntersectionObserver' in window) {
      const observer = new IntersectionObserver((entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          observer.disconnect();
          load(state, { run: false });
        }
      }, { rootMargin: '200px' });
      observer.observe(element);
    }
  }

  /** A query in the host's language, theme and view, unless it names its own. */
  function embedQuery(state, query) {
    const params = new URLSearchParams(query);
    if (!params.get('lang')) params.set('lang', state.lang);
    if (!params.get('theme')) params.set('theme', state.theme);
    if (state.view && !params.get('view')) params.set('view', state.view);
    return params;
  }

  /** The iframe's address: the link, compact, in the host's language and theme. */
  function frameUrl(state, { run, query }) {
    const url = new URL(state.link.href);
    const params = embedQuery(state, query ?? url.search);
    params.set('embed', '1');
    if (run) params.set('run', '1'); else params.delete('run');
    url.search = params.toString();
    return url.href;
  }

  function load(state, { run, focus = false, query }) {
    if (state.frame) return;
    const frame = document.createElement('iframe');
    frame.src = frameUrl(state, { run, query });
    state.frameTheme = state.theme; // a theme set before the page is ready is sent when it is
    frame.title = `${state.words.frame}: ${state.title}`;
    frame.allow = 'cross-origin-isolated';
    frame.setAttribute('scrolling', 'no');
    // About as tall as the card, until the page says how tall it is.
    frame.style.height = `${Math.max(state.card.offsetHeight, 160)}px`;
    state.frame = frame;
    state.card.replaceWith(frame);
    if (focus) frame.focus();
  }

  window.addEventListener('message', (event) => {
    const data = event.data;
    if (!data || typeof data.type !== 'string' || !data.type.startsWith(TYPE)) return;
    for (const state of embeds.values()) {
      if (!state.frame || event.source !== state.frame.contentWindow) continue;
      if (event.origin !== state.link.origin) return;
      if (data.type === `${TYPE}resize` && Number.isFinite(data.height) && data.height > 0) {
        const height = Math.ceil(data.height);
        state.frame.style.height = `${Math.min(height, state.maxHeight)}px`;
        state.frame.setAttribute('scrolling', height > state.maxHeight ? 'auto' : 'no');
      } else if (data.type === `${TYPE}ready`) {
        state.ready = true;
        if (state.theme !== state.frameTheme) post(state, { type: `${TYPE}theme`, theme: state.theme });
        if (state.pending !== null) post(state, { type: `${TYPE}run`, query: embedQuery(state, state.pending).toString() });
        state.pending = null;
      } else if (data.type === `${TYPE}results`) {
        state.element.dispatchEvent(new CustomEvent('results', { detail: data.results }));
      }
      return;
    }
  });

  function post(state, message) {
    state.frame?.contentWindow?.postMessage(message, state.link.origin);
  }

  function stateOf(element) {
    const state = embeds.get(element);
    if (!state) throw new TypeError('not an embed of the parallel playground (made by embed.js)');
    return state;
  }

  window.ParallelPlayground = Object.freeze({
    /** Runs `query` (a link's query string) in an embed, loading it first if needed. */
    run(element, query) {
      const state = stateOf(element);
      if (!state.frame) load(state, { run: true, query });
      else if (!state.ready) state.pending = String(query);
      else post(state, { type: `${TYPE}run`, query: embedQuery(state, String(query)).toString() });
    },
    /** The host switched theme: light, dark or auto, for one embed or all. */
    setTheme(theme, element) {
      const targets = element ? [stateOf(element)] : [...embeds.values()];
      for (const state of targets) {
        state.theme = theme;
        if (state.card) state.card.className = `card ${theme}`;
        if (state.ready) post(state, { type: `${TYPE}theme`, theme });
      }
    },
    /** Turns links added to the page since into embeds. */
    scan,
  });

  function scan() {
    document.querySelectorAll('a.parallel-playground').forEach(mount);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', scan, { once: true });
  else scan();
})();
