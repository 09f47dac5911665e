// The one script every worker of the playground runs: the threads' driver
// and pool workers, the processes and the serial workers. It loads the
// build named in the page's `init` message and hands the worker to that
// build's Rust entry for its role (src/web/backends/worker.rs, which
// declares every message). This file writes only the messages that come
// while no build runs here: `failed` (the build did not load) and, for a
// pool worker, `stopped` (its script was stopped mid-task).

// Every message is `{ type, body }` (body left out when there is none).
// Messages that arrive while the build loads wait for the role's listener.
const early = [];
const keep = (event) => early.push(event.data);
self.addEventListener('message', keep);

// The page's loader sends the early driver the app's JS URL first: its
// import overlaps the page's own load, and init finds it done.
let preloaded = null;

self.addEventListener('message', async function init({ data }) {
  if (data?.type === 'preload') {
    preloaded = { mainJs: data.body.main_js, app: import(data.body.main_js) };
    preloaded.app.catch(() => {}); // init imports again, and reports the failure
    return;
  }
  if (data?.type !== 'init') return;
  self.removeEventListener('message', init);
  early.length = 0;
  const { role, main_js: mainJs, module, memory } = data.body;
  try {
    const app = await (preloaded?.mainJs === mainJs
      ? preloaded.app.catch(() => import(mainJs))
      : import(mainJs));
    const wasm = await app.default({ module_or_path: module, memory: memory ?? undefined });
    if (role === 'pool') {
      // A live pool worker never returns to its event loop (it serves pools
      // inside playground_worker_main until retired): one that reads a ping
      // had its script stopped mid-task, and the page takes it for lost.
      self.addEventListener('message', ({ data }) => {
        if (data?.type === 'ping') postMessage({ type: 'stopped' });
      });
    }
    self.removeEventListener('message', keep);
    const retired = app.playground_worker_main(role);
    for (const message of early.splice(0)) self.dispatchEvent(new MessageEvent('message', { data: message }));
    if (retired) {
      // Frees this thread's stack and TLS in the shared memory, which
      // would otherwise stay allocated for ever.
      wasm.__wbindgen_thread_destroy();
      close();
    }
  } catch (err) {
    postMessage({ type: 'failed', body: { message: String(err?.message ?? err) } });
    close();
  }
});
