// The processes backend's workers: each a dedicated web worker with its own
// instance of the app's build without shared memory. They share nothing with
// the page: a batch of inputs arrives as a message, and each result leaves as
// the bytes of k! in a transferred ArrayBuffer (as multiprocessing pickles
// results). The scheduling is Rust (core::process_pool); this is the wire.

const WORKER_SOURCE = `
let app;
self.addEventListener('message', async ({ data }) => {
  if (data.type === 'init') {
    try {
      app = await import(data.mainJS);
      await app.default({ module_or_path: data.module });
      postMessage({ type: 'ready' });
    } catch (err) {
      postMessage({ type: 'failed', message: String(err && err.message || err) });
    }
    return;
  }
  // A batch: run its tasks in order. Times on the shared clock (the epoch),
  // start and end of each task in one small array (cloned, not transferred:
  // for a few numbers a copy is cheaper than detaching a buffer).
  const { run, batch, inputs, empty } = data;
  const results = [];
  const times = new Float64Array(2 * inputs.length);
  for (let i = 0; i < inputs.length; i++) {
    times[2 * i] = performance.timeOrigin + performance.now();
    results.push(empty ? new ArrayBuffer(0) : app.playground_factorial_bytes(inputs[i]).buffer);
    times[2 * i + 1] = performance.timeOrigin + performance.now();
  }
  postMessage({ type: 'answer', run, batch, results, times }, empty ? [] : results);
});`;

let workerUrl;
const compiled = new Map();

// The build without shared memory, compiled once per page and posted to
// every worker (a WebAssembly.Module can be posted; its bytes are not re-fetched).
function compileOnce(wasm) {
  if (wasm instanceof WebAssembly.Module) return Promise.resolve(wasm);
  if (!compiled.has(wasm)) {
    const module = WebAssembly.compileStreaming(fetch(wasm)).catch(async () =>
      WebAssembly.compile(await (await fetch(wasm)).arrayBuffer()));
    compiled.set(wasm, module);
    module.catch(() => compiled.delete(wasm));
  }
  return compiled.get(wasm);
}

// Starts one process. Resolves with the worker once its app is up; every
// answer after that goes to `onAnswer(run, batch, results, times)`, and a
// crash to `onFailure(message)`.
export async function startProcess(mainJS, wasm, name, onAnswer, onFailure) {
  workerUrl ??= URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
  const module = await compileOnce(wasm);
  const worker = new Worker(workerUrl, { type: 'module', name });
  await new Promise((resolve, reject) => {
    worker.onmessage = ({ data }) => {
      if (data.type === 'ready') resolve();
      else if (data.type === 'failed') reject(new Error(data.message));
    };
    worker.onerror = (event) => reject(new Error(event.message || 'the browser could not start a web worker'));
    worker.postMessage({ type: 'init', mainJS: String(mainJS), module });
  }).catch((err) => { worker.terminate(); throw err; });
  worker.onmessage = ({ data }) => onAnswer(data.run, data.batch, data.results, data.times);
  worker.onerror = (event) => onFailure(event.message || 'the worker stopped');
  return worker;
}

// Sends a batch of inputs for run `run` (a plain array: tiny batches clone
// faster than they transfer).
export function sendBatch(worker, run, batch, first, count, empty) {
  const inputs = new Array(count);
  for (let i = 0; i < count; i++) inputs[i] = first + i;
  worker.postMessage({ type: 'batch', run, batch, inputs, empty });
}

// The epoch clock the workers stamp their tasks with.
export function epochNow() {
  return performance.timeOrigin + performance.now();
}
