// Serial factorials in a dedicated worker with its own, unshared copy of
// the app: how a page without cross-origin isolation (no shared memory, no
// thread pool) still keeps the UI thread free, and the processes' baseline
// in the build every process runs. The page sends one step at a time
// (warm-up, repeat, finish), so serial's repeats interleave with the pool
// runs it is compared with, and a worker that dies is noticed at the step.

const WORKER_SOURCE = `
let loading;
self.addEventListener('message', async ({ data }) => {
  try {
    loading ??= import(data.mainJS).then(async (app) => {
      await app.default({ module_or_path: data.module });
      return app;
    });
    const app = await loading;
    // Up and starting the step: from here the page waits for beats.
    postMessage({ beat: true });
    postMessage({ ok: app.playground_serial_step(data.request) });
  } catch (err) {
    postMessage({ error: String(err && err.message || err) });
  }
});`;

let workerUrl;

export class SerialWorker {
  constructor(mainJS, module) {
    workerUrl ??= URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
    this.mainJS = mainJS;
    this.module = module;
    this.worker = new Worker(workerUrl, { type: 'module', name: 'serial factorials' });
  }

  // One step's answer. `deadlineMs`: a worker that closed (no event) or
  // hangs is ended then, and the promise rejects with 'deadline passed';
  // each beat of a long pass gives it `silenceMs` more.
  step(request, signal, deadlineMs, silenceMs) {
    return new Promise((resolve, reject) => {
      const worker = this.worker;
      let timer;
      const onAbort = () => { this.terminate(); finish(reject, new Error('cancelled')); };
      const onMessage = ({ data }) => {
        if (data.beat) arm(silenceMs);
        else if (data.error) finish(reject, new Error(data.error));
        else finish(resolve, data.ok);
      };
      const onError = (event) => {
        this.terminate();
        // No message: the page says the browser gave none, in its language.
        finish(reject, new Error(event.message || ''));
      };
      const finish = (settle, value) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        worker.removeEventListener('message', onMessage);
        worker.removeEventListener('error', onError);
        settle(value);
      };
      // The page names the loss in its language (mod.rs, DEADLINE_PASSED).
      const arm = (ms) => {
        clearTimeout(timer);
        timer = setTimeout(() => { this.terminate(); finish(reject, new Error('deadline passed')); }, ms);
      };
      if (signal.aborted) return reject(new Error('cancelled'));
      arm(deadlineMs);
      signal.addEventListener('abort', onAbort, { once: true });
      worker.addEventListener('message', onMessage);
      worker.addEventListener('error', onError);
      worker.postMessage({ mainJS: this.mainJS, module: this.module, request });
    });
  }

  terminate() {
    this.worker.terminate();
  }
}
