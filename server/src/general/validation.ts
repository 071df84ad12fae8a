// General Dockerfile lint (dockerfile-utils) in a worker thread with a time limit. One request at a
// time: a newer text replaces a waiting one, and a run over the limit terminates the worker (the
// next request starts a fresh one). Whatever goes wrong, the answer is "no general diagnostics".
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from 'vscode-languageserver-types';

export interface GeneralValidator {
  validate(content: string): Promise<Diagnostic[] | undefined>;
  dispose(): void;
}

export function createValidator(log: (message: string) => void, timeoutMs = 3000): GeneralValidator {
  let worker: Worker | undefined;
  let nextId = 1;
  let busy: { id: number; resolve: (d: Diagnostic[] | undefined) => void; timer: NodeJS.Timeout } | undefined;
  let waiting: { content: string; resolve: (d: Diagnostic[] | undefined) => void } | undefined;
  const warned = new Set<string>();
  const warnOnce = (message: string) => {
    if (warned.has(message)) return;
    warned.add(message);
    log(message);
  };

  const start = (): Worker => {
    const w = new Worker(path.join(__dirname, 'validator.js'));
    w.unref();
    w.on('message', (m: { id: number; diagnostics?: Diagnostic[]; error?: string }) => {
      if (!busy || m.id !== busy.id) return;
      if (m.error) warnOnce(`general Dockerfile lint failed (no general diagnostics for such input): ${m.error}`);
      finish(m.diagnostics);
    });
    w.on('error', (e) => {
      warnOnce(`general Dockerfile lint worker failed: ${e.message}`);
      worker = undefined;
      finish(undefined);
    });
    return w;
  };

  const finish = (diagnostics: Diagnostic[] | undefined) => {
    if (busy) {
      clearTimeout(busy.timer);
      busy.resolve(diagnostics);
      busy = undefined;
    }
    if (waiting) {
      const next = waiting;
      waiting = undefined;
      run(next.content, next.resolve);
    }
  };

  const run = (content: string, resolve: (d: Diagnostic[] | undefined) => void) => {
    worker ??= start();
    const id = nextId++;
    const timer = setTimeout(() => {
      warnOnce(`general Dockerfile lint took over ${timeoutMs} ms and was stopped; stage diagnostics are unaffected`);
      void worker?.terminate();
      worker = undefined;
      finish(undefined);
    }, timeoutMs);
    busy = { id, resolve, timer };
    worker.postMessage({ id, content });
  };

  return {
    validate(content) {
      return new Promise((resolve) => {
        if (!busy) return run(content, resolve);
        waiting?.resolve(undefined);
        waiting = { content, resolve };
      });
    },
    dispose() {
      waiting?.resolve(undefined);
      waiting = undefined;
      void worker?.terminate();
      worker = undefined;
    },
  };
}
