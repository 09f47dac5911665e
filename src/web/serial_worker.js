// Runs the serial factorial measurement in a dedicated worker with its own,
// unshared copy of the app: how a page without cross-origin isolation (no
// shared memory, no thread pool) still keeps the UI thread free.

const WORKER_SOURCE = `
self.addEventListener('message', async ({ data }) => {
  try {
    const app = await import(data.mainJS);
    await app.default({ module_or_path: data.module });
    postMessage({ ok: app.playground_measure_serial(data.request) });
  } catch (err) {
    postMessage({ error: String(err && err.message || err) });
  }
});`;

let workerUrl;

// `deadlineMs`: a worker that closed (no event) or hangs is ended then.
export function measureInWorker(mainJS, module, request, signal, deadlineMs) {
  workerUrl ??= URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl, { type: 'module', name: 'serial factorials' });
    let timer;
    const finish = (settle, value) => { clearTimeout(timer); worker.terminate(); settle(value); };
    // The page names the loss in its language (serial_worker.rs, DEADLINE_PASSED).
    timer = setTimeout(() => finish(reject, new Error('deadline passed')), deadlineMs);
    signal.addEventListener('abort', () => finish(reject, new Error('cancelled')), { once: true });
    worker.addEventListener('message', ({ data }) =>
      data.error ? finish(reject, new Error(data.error)) : finish(resolve, data.ok));
    worker.addEventListener('error', (event) => finish(reject, new Error(event.message || 'the worker failed')));
    worker.postMessage({ mainJS, module, request });
  });
}
