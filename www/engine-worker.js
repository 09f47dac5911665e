// The script of the web workers that join the app's shared wasm memory:
// the experiment driver, and the reservoir workers its pools borrow
// (src/web/backends/threads/workers.js starts them; the page's loader starts the
// driver early, while the wasm downloads). It imports the app's own JS
// module and joins the shared memory. The driver then listens for the
// page's commands; a reservoir worker serves pools until it is retired,
// then frees its stack and TLS in the shared memory (without that they
// stay allocated for ever).

// The page's loader sends the early driver the app's JS URL first: its
// import overlaps the page's own load, and init finds it done.
let preloaded = null;
self.addEventListener('message', function preload({ data }) {
  if (data?.type !== 'playground-worker-preload') return;
  self.removeEventListener('message', preload);
  preloaded = { mainJS: data.mainJS, app: import(data.mainJS) };
  preloaded.app.catch(() => {}); // init imports again, and reports the failure
});
self.addEventListener('message', async function init({ data }) {
  if (data == null || data.type !== 'playground-worker-init') return;
  self.removeEventListener('message', init);
  try {
    const app = await (preloaded?.mainJS === data.mainJS ? preloaded.app.catch(() => import(data.mainJS)) : import(data.mainJS));
    const wasm = await app.default({ module_or_path: data.module, memory: data.memory });
    if (data.role === 'driver') {
      app.playground_driver_main();
      return;
    }
    // A live reservoir worker never returns to its event loop (it serves
    // pools inside the call below until retired): one that answers a ping
    // had its script stopped mid-task, and the page takes it for lost.
    self.addEventListener('message', ({ data }) => {
      if (data?.type === 'playground-worker-ping') postMessage({ type: 'playground-worker-stopped' });
    });
    postMessage({ type: 'playground-worker-ready' });
    app.playground_reservoir_worker();
    wasm.__wbindgen_thread_destroy();
    postMessage({ type: 'playground-worker-exit' });
  } catch (err) {
    const message = String(err && err.message || err);
    // The driver speaks the engine's protocol (EngineEvent::Failed).
    postMessage(data.role === 'driver' ? JSON.stringify({ type: 'failed', failure: { kind: 'driver_not_started', reason: message } })
      : { type: 'playground-worker-failed', message });
  }
  close();
});
