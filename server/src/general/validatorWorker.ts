// Worker thread running dockerfile-utils' validator (general Dockerfile lint). It runs here, off
// the server's main thread, because it can block for seconds on some inputs and overflow the
// stack on others; the main thread times it out and restarts the worker.
import { parentPort } from 'node:worker_threads';
import { validate } from 'dockerfile-utils';

parentPort?.on('message', (message: { id: number; content: string }) => {
  try {
    parentPort!.postMessage({ id: message.id, diagnostics: validate(message.content) });
  } catch (e) {
    parentPort!.postMessage({ id: message.id, error: e instanceof Error ? e.message : String(e) });
  }
});
