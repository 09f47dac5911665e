// Not a test: prints what WebKitGTK offers an isolated page for shared memory
// (node webkit-probe.mjs; needs dist/ and the server built). WebKitGTK 2.50
// reports crossOriginIsolated yet hides SharedArrayBuffer and will not post
// shared memory, which is what the loader's capability check must detect.
import { launchWebKit } from './browsers.mjs';
import { startServer } from './harness.mjs';

const server = await startServer();
const webkit = await launchWebKit();
try {
  const session = await webkit.newSession();
  await session.goto(`${server.url}?exp=factorial&n=10&modes=serial&repeat=1`);
  // WebDriver's execute/sync awaits a returned promise.
  const probe = await session.evaluate(async () => {
    const attempt = (f) => { try { return f() ?? 'ok'; } catch (e) { return `throws ${e.name}: ${e.message}`; } };
    const out = {
      userAgent: navigator.userAgent,
      crossOriginIsolated: self.crossOriginIsolated,
      'typeof SharedArrayBuffer': typeof SharedArrayBuffer,
      'typeof Atomics.waitAsync': typeof Atomics?.waitAsync,
    };
    let memory;
    out['new WebAssembly.Memory({ shared: true })'] = attempt(() => {
      memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
      return `ok, buffer is ${Object.prototype.toString.call(memory.buffer)}`;
    });
    if (memory) {
      out['MessageChannel post(memory)'] = attempt(() => { new MessageChannel().port1.postMessage(memory); });
      out['MessageChannel post(memory.buffer)'] = attempt(() => { new MessageChannel().port1.postMessage(memory.buffer); });
    }
    const source = `postMessage({ crossOriginIsolated: self.crossOriginIsolated,
      'typeof SharedArrayBuffer': typeof SharedArrayBuffer,
      'shared memory': (() => { try { new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true }); return 'ok'; } catch (e) { return String(e); } })() })`;
    const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
    out['in a worker'] = await new Promise((resolve) => {
      worker.onmessage = (event) => resolve(event.data);
      worker.onerror = (event) => resolve(`error: ${event.message}`);
      setTimeout(() => resolve('no answer in 5 s'), 5000);
    });
    if (memory) out['worker.postMessage(memory)'] = attempt(() => { worker.postMessage(memory); });
    worker.terminate();
    return out;
  });
  console.log(JSON.stringify(probe, null, 2));
} finally {
  await webkit.close();
  server.stop();
}
