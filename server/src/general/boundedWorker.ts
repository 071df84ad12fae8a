// Runs requests in a worker thread, one at a time, each within a time budget. A request over its
// budget gets no answer (undefined), the worker is terminated, the log gets one line, and a fresh
// worker starts at once for the requests behind it. A request cancelled while it waits is dropped;
// a newer request with the same key replaces one still waiting (lint of an older text). Whatever
// goes wrong in the worker, the caller gets undefined and the server's thread never waits on it.
import { Worker } from 'node:worker_threads';
import type { CancellationToken } from 'vscode-languageserver';
import type { GeneralMethod, GeneralRequests, WorkerAnswer, WorkerRequest } from './requests';

export interface RunOptions {
  budgetMs: number;
  /** A waiting request with the same key is answered undefined and replaced by this one. */
  key?: string;
  token?: CancellationToken;
  /** Names the request in the log (a document URI). */
  label?: string;
}

interface Job {
  method: GeneralMethod;
  params: unknown;
  options: RunOptions;
  resolve(answer: unknown): void;
}

export class BoundedWorker {
  private worker: Worker | undefined;
  private nextId = 1;
  private running: { id: number; job: Job; timer: NodeJS.Timeout } | undefined;
  private readonly queue: Job[] = [];
  private readonly warned = new Set<string>();
  /** How many times a worker was stopped over its budget (tests and logs read it). */
  overruns = 0;

  constructor(
    private readonly script: string,
    private readonly name: string,
    private readonly log: (message: string) => void,
  ) {}

  run<M extends GeneralMethod>(method: M, params: GeneralRequests[M]['params'], options: RunOptions): Promise<GeneralRequests[M]['answer'] | undefined> {
    return new Promise((resolve) => {
      if (options.key !== undefined) {
        const i = this.queue.findIndex((j) => j.options.key === options.key);
        if (i !== -1) this.queue.splice(i, 1)[0].resolve(undefined);
      }
      this.queue.push({ method, params, options, resolve: resolve as (answer: unknown) => void });
      this.pump();
    });
  }

  /** Starts the worker ahead of the first request, so that request does not wait for it to load. */
  warm(): void {
    this.worker ??= this.start();
  }

  dispose(): void {
    for (const job of this.queue.splice(0)) job.resolve(undefined);
    if (this.running) this.finish(this.running.id, undefined);
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private start(): Worker {
    // Not the server's own flags (its heap settings, a test runner's --import hooks): the worker needs none.
    const worker = new Worker(this.script, { execArgv: [] });
    worker.unref();
    worker.on('message', (m: WorkerAnswer) => {
      if ('error' in m) this.warnOnce(`${this.name} gave up on this input: ${m.error}`);
      this.finish(m.id, 'error' in m ? undefined : m.answer);
    });
    worker.on('error', (e) => this.lost(worker, `${this.name} worker failed: ${e.message}`));
    worker.on('exit', () => this.lost(worker));
    return worker;
  }

  private pump(): void {
    while (!this.running && this.queue.length) {
      const job = this.queue.shift()!;
      if (job.options.token?.isCancellationRequested) {
        job.resolve(undefined);
        continue;
      }
      this.worker ??= this.start();
      const id = this.nextId++;
      const timer = setTimeout(() => this.overrun(id), job.options.budgetMs);
      this.running = { id, job, timer };
      const request: WorkerRequest = { id, method: job.method, params: job.params as WorkerRequest['params'] };
      this.worker.postMessage(request);
    }
  }

  private finish(id: number, answer: unknown): void {
    if (this.running?.id !== id) return;
    clearTimeout(this.running.timer);
    const { job } = this.running;
    this.running = undefined;
    job.resolve(answer);
    this.pump();
  }

  private overrun(id: number): void {
    const running = this.running;
    if (running?.id !== id) return;
    this.overruns++;
    const stopped = this.worker;
    this.worker = undefined;
    void stopped?.terminate();
    const on = running.job.options.label ? ` on ${running.job.options.label}` : '';
    this.log(`${this.name} ${running.job.method}${on} took over ${running.job.options.budgetMs} ms: stopped, answered empty, a fresh worker takes over`);
    this.finish(id, undefined);
    this.warm();
  }

  /** The worker died by itself (an error it could not catch, out of memory): the running request gets undefined. */
  private lost(worker: Worker, message?: string): void {
    if (worker !== this.worker) return;
    this.worker = undefined;
    if (message) this.warnOnce(message);
    if (this.running) this.finish(this.running.id, undefined);
  }

  private warnOnce(message: string): void {
    if (this.warned.has(message) || this.warned.size > 50) return;
    this.warned.add(message);
    this.log(message);
  }
}
