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
  // Batches, each (batch, first input, count), run in order and answered
  // together. Times on the shared clock (the epoch): start and end of each
  // task in one small array (cloned: for a few numbers a copy beats a transfer).
  const { run, batches, empty } = data;
  const done = [];
  const results = [];
  const times = [];
  for (let b = 0; b < batches.length; b += 3) {
    const [batch, first, count] = [batches[b], batches[b + 1], batches[b + 2]];
    for (let i = 0; i < count; i++) {
      times.push(performance.timeOrigin + performance.now());
      results.push(empty ? new ArrayBuffer(0) : app.playground_factorial_bytes(first + i).buffer);
      times.push(performance.timeOrigin + performance.now());
    }
    done.push(batch);
  }
  postMessage({ run, batches: done, results, times: new Float64Array(times) }, empty ? [] : results);
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
// answer after that goes to `onAnswer(run, batches, results, times)`, and a
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
  worker.onmessage = ({ data }) => onAnswer(data.run, new Uint32Array(data.batches), data.results, data.times);
  worker.onerror = (event) => onFailure(event.message || 'the worker stopped');
  return worker;
}

// Sends batches (batch, first input, count triples) for run `run`; the
// view into wasm memory is copied into a plain array of its own.
export function sendBatches(worker, run, batches, empty) {
  worker.postMessage({ type: 'batches', run, batches: Array.from(batches), empty });
}

// The epoch clock the workers stamp their tasks with.
export function epochNow() {
  return performance.timeOrigin + performance.now();
}
