// Web workers that join the app's shared wasm memory: the experiment driver,
// and the reservoir workers its pools borrow. As small as wasm-bindgen-rayon's
// helper; everything else is Rust (src/web/engine).

// A worker's whole script. It imports the app's own JS module and joins the
// shared memory. The driver then listens for the page's commands; a
// reservoir worker serves pools until it is retired, then frees its stack
// and TLS in the shared memory (without that they stay allocated for ever).
const WORKER_SOURCE = `
self.addEventListener('message', async function init({ data }) {
  if (data == null || data.type !== 'playground-worker-init') return;
  self.removeEventListener('message', init);
  try {
    const app = await import(data.mainJS);
    const wasm = await app.default({ module_or_path: data.module, memory: data.memory });
    if (data.role === 'driver') {
      app.playground_driver_main();
      return;
    }
    postMessage({ type: 'playground-worker-ready' });
    app.playground_reservoir_worker();
    wasm.__wbindgen_thread_destroy();
    postMessage({ type: 'playground-worker-exit' });
  } catch (err) {
    const message = String(err && err.message || err);
    // The driver speaks the engine's protocol (EngineEvent::Failed).
    postMessage(data.role === 'driver' ? JSON.stringify({ type: 'failed', message })
      : { type: 'playground-worker-failed', message });
  }
  close();
});`;

let workerUrl;
// Held so no browser collects a worker that only shares memory with us
// (Firefox bug 1702191).
const liveWorkers = new Set();

function newWorker(module, memory, mainJS, role, name) {
  workerUrl ??= URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
  const worker = new Worker(workerUrl, { type: 'module', name });
  liveWorkers.add(worker);
  worker.addEventListener('message', ({ data }) => {
    if (data?.type === 'playground-worker-exit' || data?.type === 'playground-worker-failed') liveWorkers.delete(worker);
  });
  worker.postMessage({ type: 'playground-worker-init', module, memory, mainJS, role });
  return worker;
}

// On the page: the driver worker. Its messages are the engine's events.
export function startDriver(module, memory, mainJS) {
  return newWorker(module, memory, mainJS, 'driver', 'experiment driver');
}

// On the page, for the driver: starts `count` reservoir workers. Resolves with how many
// joined and, if some could not start, why.
export async function startReservoirWorkers(module, memory, mainJS, count, firstIndex) {
  const joined = await Promise.allSettled(Array.from({ length: count }, (_, i) => new Promise((resolve, reject) => {
    let worker;
    try {
      worker = newWorker(module, memory, mainJS, 'reservoir', `pool worker ${firstIndex + i}`);
    } catch (err) {
      reject(err);
      return;
    }
    worker.addEventListener('message', ({ data }) => {
      if (data?.type === 'playground-worker-ready') resolve();
      if (data?.type === 'playground-worker-failed') reject(new Error(data.message));
    });
    worker.addEventListener('error', (event) => {
      liveWorkers.delete(worker);
      reject(new Error(event.message || 'the browser refused to start a web worker'));
    });
  })));
  const failure = joined.find((outcome) => outcome.status === 'rejected');
  return {
    started: joined.filter((outcome) => outcome.status === 'fulfilled').length,
    error: failure ? String(failure.reason?.message || failure.reason) : null,
  };
}
