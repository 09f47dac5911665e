// Web workers that join the app's shared wasm memory: the experiment driver,
// and the reservoir workers its pools borrow. As small as wasm-bindgen-rayon's
// helper; everything else is Rust (src/web/backends/threads).

// Held so no browser collects a worker that only shares memory with us
// (Firefox bug 1702191).
const liveWorkers = new Set();
// Reservoir workers that joined, by name; pinged during runs (watchReservoir).
const reservoir = new Map();
let onLost = null;
let pinger = null;

function lost(worker) {
  const name = reservoir.get(worker);
  if (name !== undefined) onLost?.(name);
}

// The worker script (www/engine-worker.js) sits beside the app's JS module.
function newWorker(module, memory, mainJS, role, name, worker = new Worker(new URL('engine-worker.js', mainJS), { type: 'module', name })) {
  liveWorkers.add(worker);
  worker.addEventListener('message', ({ data }) => {
    if (data?.type === 'playground-worker-exit' || data?.type === 'playground-worker-failed') liveWorkers.delete(worker);
  });
  worker.postMessage({ type: 'playground-worker-init', module, memory, mainJS, role });
  return worker;
}

// On the page: the driver worker. Its messages are the engine's events.
// The loader's early driver (self.playgroundBuild.driver) when it started one
// and it has not failed.
export function startDriver(module, memory, mainJS) {
  const build = self.playgroundBuild;
  const early = build?.driver && !build.driverFailed ? build.driver : undefined;
  if (build) build.driver = undefined;
  return newWorker(module, memory, mainJS, 'driver', 'experiment driver', early);
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
      if (data?.type === 'playground-worker-ready') {
        reservoir.set(worker, firstIndex + i);
        resolve();
      }
      if (data?.type === 'playground-worker-exit') reservoir.delete(worker);
      if (data?.type === 'playground-worker-stopped') lost(worker);
      if (data?.type === 'playground-worker-failed') reject(new Error(data.message));
    });
    worker.addEventListener('error', (event) => {
      lost(worker); // a crash after it joined
      liveWorkers.delete(worker);
      // No message: the page says the browser gave none, in its language.
      reject(new Error(event.message || ''));
    });
  })));
  const failure = joined.find((outcome) => outcome.status === 'rejected');
  return {
    started: joined.filter((outcome) => outcome.status === 'fulfilled').length,
    error: failure ? String(failure.reason?.message ?? failure.reason) : null,
  };
}

// During a run: pings every reservoir worker each second. A live one never
// reads it (it is inside a pool's work or waiting for the next); one that
// answers, or fires `error`, is lost: `callback(its index)`.
export function watchReservoir(callback) {
  onLost = callback;
  pinger ??= setInterval(() => {
    for (const worker of reservoir.keys()) worker.postMessage({ type: 'playground-worker-ping' });
  }, 1000);
}

export function unwatchReservoir() {
  onLost = null;
  clearInterval(pinger);
  pinger = null;
}

// Ends the driver and every reservoir worker: a pool that lost a thread
// never finishes, and the driver waits in it for ever.
export function terminateEngine() {
  unwatchReservoir();
  for (const worker of liveWorkers) worker.terminate();
  liveWorkers.clear();
  reservoir.clear();
}
