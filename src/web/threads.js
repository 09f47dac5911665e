// Starts web workers that share the app's wasm memory and run one Rust
// closure each: the threads of a rayon pool of exactly k workers.
// Kept as small as wasm-bindgen-rayon's helper; everything else is Rust.

// The worker's whole script. It imports the app's own JS module, joins the
// shared memory, says it is ready, then runs its closure until the pool ends.
const WORKER_SOURCE = `
self.addEventListener('message', async ({ data }) => {
  if (data == null || data.type !== 'playground-thread-init') return;
  const app = await import(data.mainJS);
  await app.default({ module_or_path: data.module, memory: data.memory });
  postMessage({ type: 'playground-thread-ready' });
  app.playground_thread_main(data.entry);
  postMessage({ type: 'playground-thread-exit' });
  close();
});`;

let workerUrl;
// Held so no browser collects a worker that only shares memory with us.
const liveWorkers = new Set();

function startWorker(module, memory, mainJS, entry, name) {
  workerUrl ??= URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl, { type: 'module', name });
    worker.addEventListener('message', ({ data }) => {
      if (data?.type === 'playground-thread-ready') resolve(worker);
      if (data?.type === 'playground-thread-exit') liveWorkers.delete(worker);
    });
    worker.addEventListener('error', (event) => {
      liveWorkers.delete(worker);
      reject(new Error(`${name} failed to start: ${event.message || 'worker error'}`));
    });
    liveWorkers.add(worker);
    worker.postMessage({ type: 'playground-thread-init', module, memory, mainJS, entry });
  });
}

// Resolves once every worker runs the app's module and waits for its closure.
export async function spawnThreads(module, memory, mainJS, entries, namePrefix) {
  await Promise.all(
    Array.from(entries, (entry, i) => startWorker(module, memory, mainJS, entry, `${namePrefix} ${i}`))
  );
}
