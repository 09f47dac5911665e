// The processes backend's workers: each a dedicated web worker with its own
// instance of the app's build without shared memory. They share nothing with
// the page: a run of inputs arrives as a message, and the results leave as
// the bytes of each k!, packed in a transferred ArrayBuffer (as
// multiprocessing pickles results). The scheduling is Rust
// (core::pool::process_pool); this is the wire.

const WORKER_SOURCE = `
const ANSWER_BYTES = 1 << 20;
// A busy worker answers at least this often (core::pool::process_pool's
// ANSWER_AT_LEAST_EVERY_MS): the page takes a long silence for a lost worker.
const ANSWER_EVERY_MS = 1000;
const spare = [];
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
  // A run of consecutive tasks. Results pile up in the worker's wasm memory
  // and leave copied into one transferred buffer per answer: one message for
  // the lot, or a part whenever a megabyte is ready (a long message streams
  // back). The page sends the buffers back for reuse: a fresh one costs
  // more (allocated and zeroed) than the copy. Each task's start and end
  // are stamped on the shared clock (the epoch).
  const { run, index, input, count, empty } = data;
  spare.push(...data.spare);
  let from = 0;
  let ends = [];
  let times = [];
  let answered = performance.now();
  const answer = (upTo) => {
    const length = empty ? 0 : app.playground_results_len();
    let buffer = null;
    if (length > 0) {
      const fits = spare.findIndex((b) => b.byteLength >= length);
      buffer = fits >= 0 ? spare.splice(fits, 1)[0] : new ArrayBuffer(Math.max(length, ANSWER_BYTES));
      app.playground_take_results(new Uint8Array(buffer, 0, length));
    }
    postMessage({ run, index: index + from, buffer, length, ends: new Uint32Array(ends), times: new Float64Array(times) },
      buffer ? [buffer] : []);
    from = upTo;
    answered = performance.now();
    ends = [];
    times = [];
  };
  for (let i = 0; i < count; i++) {
    times.push(performance.timeOrigin + performance.now());
    const end = empty ? 0 : app.playground_append_factorial(input + i);
    times.push(performance.timeOrigin + performance.now());
    ends.push(end);
    if (end >= ANSWER_BYTES || performance.now() - answered >= ANSWER_EVERY_MS) answer(i + 1);
  }
  if (from < count) answer(count);
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
// answer after that goes to `onAnswer(run, index, buffer, length, ends, times)`, and
// a crash to `onFailure(message)`.
export async function startProcess(mainJS, wasm, name, onAnswer, onFailure) {
  workerUrl ??= URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
  const module = await compileOnce(wasm);
  const worker = new Worker(workerUrl, { type: 'module', name });
  await new Promise((resolve, reject) => {
    worker.onmessage = ({ data }) => {
      if (data.type === 'ready') resolve();
      else if (data.type === 'failed') reject(new Error(data.message));
    };
    // No message: the page says the browser gave none, in its language.
    worker.onerror = (event) => reject(new Error(event.message || ''));
    worker.postMessage({ type: 'init', mainJS: String(mainJS), module });
  }).catch((err) => { worker.terminate(); throw err; });
  worker.onmessage = ({ data }) => onAnswer(data.run, data.index, data.buffer, data.length, data.ends, data.times);
  worker.onerror = (event) => onFailure(event.message || '');
  return worker;
}

// Sends tasks `index..index + count` of run `run`, whose inputs are
// `input..input + count`, and hands back the buffers `spare` for reuse.
export function sendTasks(worker, run, index, input, count, empty, spare) {
  worker.postMessage({ type: 'tasks', run, index, input, count, empty, spare }, spare);
}

// Resolves after `ms`: the page's look at who has gone silent.
export function sleepMs(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// The epoch clock the workers stamp their tasks with.
export function epochNow() {
  return performance.timeOrigin + performance.now();
}
