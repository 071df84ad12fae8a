// The general worker (general/boundedWorker.ts over dist/general-worker.js): a call into
// dockerfile-language-service that never returns is stopped at its budget and answered empty, the
// log gets one line, and the next request gets a real answer from a fresh worker; requests
// cancelled or replaced while they wait are not run.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CancellationTokenSource } from 'vscode-languageserver';
import { BoundedWorker } from '../../server/src/general/boundedWorker';

const SCRIPT = join(__dirname, '..', '..', 'dist', 'general-worker.js');
// The whole text, not the slice the server sends: the service itself loops on it for good.
const LOOPS = 'FROM node:20 AS build\nWORKDIR /app\nCOPY a ./\nFROM build AS node\n';
const log: string[] = [];
const worker = new BoundedWorker(SCRIPT, 'general', (m) => log.push(m));
after(() => worker.dispose());

test('a call that never returns is stopped at its budget; the next request gets a fresh worker', async () => {
  const started = performance.now();
  const hung = worker.run('completion', { text: LOOPS, position: { line: 2, character: 7 } }, { budgetMs: 300, label: 'file:///loop/Dockerfile' });
  const next = worker.run('completion', { text: 'FROM alpine\nWOR', position: { line: 1, character: 3 } }, { budgetMs: 2000 });
  assert.equal(await hung, undefined);
  const waited = performance.now() - started;
  // The upper bound only says it was stopped at all (a loaded machine delays timers by seconds).
  assert.ok(waited >= 290 && waited < 10_000, `stopped after ${waited.toFixed(0)} ms`);
  assert.equal(worker.overruns, 1);
  assert.deepEqual(log, ['general completion on file:///loop/Dockerfile took over 300 ms: stopped, answered empty, a fresh worker takes over']);
  const items = await next;
  assert.ok(items?.some((i) => i.label.startsWith('WORKDIR')), 'the request queued behind it is answered');
});

test('a request cancelled while it waits is not run; a newer one with the same key replaces the waiting one', async () => {
  const before = worker.overruns;
  const blocking = worker.run('completion', { text: LOOPS, position: { line: 2, character: 7 } }, { budgetMs: 300 });
  const source = new CancellationTokenSource();
  const cancelled = worker.run('completion', { text: LOOPS, position: { line: 2, character: 7 } }, { budgetMs: 300, token: source.token });
  source.cancel();
  const older = worker.run('lint', { text: 'FROM alpine\nrun x\n' }, { budgetMs: 2000, key: 'file:///a' });
  const newer = worker.run('lint', { text: 'FROM alpine\nRUN x\nrun y\n' }, { budgetMs: 2000, key: 'file:///a' });
  assert.equal(await blocking, undefined);
  assert.equal(await cancelled, undefined);
  assert.equal(await older, undefined);
  const diagnostics = await newer;
  assert.deepEqual(diagnostics?.map((d) => d.range.start.line), [2]);
  assert.equal(worker.overruns, before + 1, 'only the first ran into its budget');
});

test('an error thrown in the worker answers undefined and is logged once', async () => {
  const bad = { text: 'FROM alpine\n', position: null } as unknown as { text: string; position: { line: number; character: number } };
  assert.equal(await worker.run('completion', bad, { budgetMs: 2000 }), undefined);
  assert.equal(await worker.run('completion', bad, { budgetMs: 2000 }), undefined);
  assert.equal(log.filter((m) => m.includes('gave up on this input')).length, 1, log.join('\n'));
  const hover = await worker.run('hover', { text: 'FROM alpine\n', position: { line: 0, character: 1 } }, { budgetMs: 2000 });
  assert.match(JSON.stringify(hover), /FROM/);
});
