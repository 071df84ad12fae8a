// Measures one server on one file, in a fresh server process, the way an editor uses it: open,
// keystrokes with incremental sync (a character, then new lines), then the stage requests at fixed
// positions. Every sample is a wall-clock round trip seen by the client (JSON-RPC over the
// server's stdio included); the harness's own garbage collection is kept out of them (harnessGc.ts).
import { performance } from 'node:perf_hooks';
import type { CodeLens, TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { LspClient } from '../test/helpers/lspDriver';
import { settleHarness } from './harnessGc';
import { resolveAllLenses } from './lensResolve';
import type { Probes } from './probes';

export interface ServerSpec {
  label: string;
  command: string;
  args: string[];
}

/** Samples in ms; a string marks a failed sample (timeout, error, crash). */
export type Samples = (number | string)[];

export interface FileRun {
  server: string;
  /** spawn -> initialize result. */
  startMs: number;
  /** ms samples per metric; null when the server does not offer the method. */
  metrics: Record<string, Samples | null>;
  /** Answer sizes, to see that each server did the work (items, locations, edits, lenses). */
  answers: Record<string, number | null>;
  /** After all measurements (eleven opens, every request): garbage included. */
  memory: { rssKiB: number; peakKiB: number };
  /** A fresh process through one editing session (see sessionMemory). */
  session?: SessionMemory;
  /** The same, started with the environment the VS Code client gives the server (client/src/client.ts). */
  sessionAsVsCode?: SessionMemory;
  diagnostics: number;
  errorLogs: string[];
  crashed: boolean;
}

export const METRICS = [
  'open→diagnostics',
  'keystroke→diagnostics',
  'new line→diagnostics',
  'keystroke→completion',
  'completion',
  'definition',
  'references',
  'rename',
  'hover',
  'codeLens',
  'codeLens/resolve',
  'codeLens: resolve all',
  'codeLens: resolve all on open',
  'documentSymbol',
  'semanticTokens',
  'inlayHint',
] as const;

export async function measureFile(server: ServerSpec, name: string, text: string, probes: Probes, reps: number, timeoutMs: number): Promise<FileRun> {
  const t0 = performance.now();
  const client = new LspClient(server.command, server.args);
  const init = await client.initialize();
  const run: FileRun = { server: server.label, startMs: performance.now() - t0, metrics: {}, answers: {}, memory: { rssKiB: 0, peakKiB: 0 }, diagnostics: 0, errorLogs: [], crashed: false };
  if (init.kind !== 'result') {
    run.crashed = true;
    run.errorLogs.push(`initialize: ${JSON.stringify(init)}`);
    client.kill();
    return run;
  }
  const caps = client.capabilities;
  const samples = (metric: string): Samples => (run.metrics[metric] ??= []);

  // Open: a new uri each time (the previous one closed), the first open not counted (cold).
  let uri = '';
  for (let i = 0; i <= reps; i++) {
    if (uri) client.close(uri);
    uri = `file:///bench/${i}/${name}`;
    const next = client.nextDiagnostics(uri, 1, timeoutMs);
    settleHarness();
    const start = performance.now();
    client.open(uri, text, 1);
    const published = await next;
    if (published) run.diagnostics = published.params.diagnostics.length;
    if (i > 0) samples('open→diagnostics').push(published ? published.at - start : 'timeout');
  }

  // Keystrokes: type and delete one character at the end of a line near the middle.
  let version = 1;
  const at = probes.edit;
  const keystroke = (i: number): TextDocumentContentChangeEvent =>
    i % 2 === 0
      ? { range: { start: at, end: at }, text: 'x' }
      : { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' };
  const typed = 2 * Math.ceil(reps / 2);
  for (let i = 0; i < typed; i++) {
    version++;
    const next = client.nextDiagnostics(uri, version, timeoutMs);
    settleHarness();
    const start = performance.now();
    client.change(uri, version, [keystroke(i)]);
    const published = await next;
    samples('keystroke→diagnostics').push(published ? published.at - start : 'timeout');
  }
  // Enter, then Backspace: every line below moves, and so does every stage below the edit.
  const newLine = (i: number): TextDocumentContentChangeEvent =>
    i % 2 === 0 ? { range: { start: at, end: at }, text: '\n' } : { range: { start: at, end: { line: at.line + 1, character: 0 } }, text: '' };
  for (let i = 0; i < typed; i++) {
    version++;
    const next = client.nextDiagnostics(uri, version, timeoutMs);
    settleHarness();
    const start = performance.now();
    client.change(uri, version, [newLine(i)]);
    const published = await next;
    samples('new line→diagnostics').push(published ? published.at - start : 'timeout');
  }

  const doc = { uri };
  const timed = async (metric: string, method: string, params: unknown, answer: (r: unknown) => number): Promise<unknown> => {
    let first: unknown;
    for (let i = 0; i <= reps; i++) {
      settleHarness();
      const r = await client.request(method, params, timeoutMs);
      if (i === 0) {
        first = r.kind === 'result' ? r.result : undefined;
        run.answers[metric] = r.kind === 'result' ? answer(r.result) : null;
        continue; // warm-up
      }
      samples(metric).push(r.kind === 'result' ? r.ms : r.kind === 'error' ? `error: ${r.message}` : r.kind);
    }
    return first;
  };
  const count = (r: unknown): number => (Array.isArray(r) ? r.length : r && typeof r === 'object' && 'items' in r ? (r as { items: unknown[] }).items.length : r ? 1 : 0);

  // Typing right before asking: the request pays for bringing the model up to date.
  if (caps.completionProvider && probes.completion) {
    for (let i = 0; i < typed; i++) {
      version++;
      settleHarness();
      const start = performance.now();
      client.change(uri, version, [keystroke(i)]);
      const r = await client.request('textDocument/completion', { textDocument: doc, position: probes.completion, context: { triggerKind: 1 } }, timeoutMs);
      samples('keystroke→completion').push(r.kind === 'result' ? performance.now() - start : r.kind);
    }
    await client.settledDiagnostics(uri, version, timeoutMs);
  } else run.metrics['keystroke→completion'] = null;

  const position = { completion: probes.completion, reference: probes.reference, stageName: probes.stageName };
  if (caps.completionProvider && position.completion) await timed('completion', 'textDocument/completion', { textDocument: doc, position: position.completion, context: { triggerKind: 1 } }, count);
  else run.metrics.completion = null;
  if (caps.definitionProvider && position.reference) await timed('definition', 'textDocument/definition', { textDocument: doc, position: position.reference }, count);
  else run.metrics.definition = null;
  if (caps.referencesProvider && position.stageName) await timed('references', 'textDocument/references', { textDocument: doc, position: position.stageName, context: { includeDeclaration: true } }, count);
  else run.metrics.references = null;
  if (caps.renameProvider && position.stageName) await timed('rename', 'textDocument/rename', { textDocument: doc, position: position.stageName, newName: 'renamed-stage' }, editCount);
  else run.metrics.rename = null;
  if (caps.hoverProvider && position.reference) await timed('hover', 'textDocument/hover', { textDocument: doc, position: position.reference }, count);
  else run.metrics.hover = null;
  if (caps.codeLensProvider) {
    const lenses = ((await timed('codeLens', 'textDocument/codeLens', { textDocument: doc }, count)) ?? []) as CodeLens[];
    const lens = lenses[Math.floor(lenses.length / 2)];
    if (lens && !lens.command && caps.codeLensProvider.resolveProvider) await timed('codeLens/resolve', 'codeLens/resolve', lens, (r) => ((r as CodeLens)?.command ? 1 : 0));
    else run.metrics['codeLens/resolve'] = null;
  } else {
    run.metrics.codeLens = null;
    run.metrics['codeLens/resolve'] = null;
  }
  if (caps.documentSymbolProvider) await timed('documentSymbol', 'textDocument/documentSymbol', { textDocument: doc }, count);
  else run.metrics.documentSymbol = null;
  // Editors ask for these after every keystroke, for the visible part of the file.
  const lines = text.split('\n').length;
  const visible = { start: { line: Math.max(0, probes.edit.line - 30), character: 0 }, end: { line: Math.min(lines, probes.edit.line + 30), character: 0 } };
  if (caps.semanticTokensProvider) await timed('semanticTokens', 'textDocument/semanticTokens/full', { textDocument: doc }, (r) => ((r as { data?: number[] })?.data?.length ?? 0) / 5);
  else run.metrics.semanticTokens = null;
  if (caps.inlayHintProvider) await timed('inlayHint', 'textDocument/inlayHint', { textDocument: doc, range: visible }, count);
  else run.metrics.inlayHint = null;

  run.memory = client.memory();
  run.errorLogs = client.errorLogs().map((m) => m.slice(0, 300));
  run.crashed = client.exited !== null;
  await client.shutdown();
  return run;
}

/**
 * Every size lens of the file resolved at once (bench/lensResolve.ts), in a fresh server process:
 * right after each open of a new document (nothing of it cached), then after each keystroke (the
 * edited version's estimates are new, the unchanged stages' layouts are not, as in real editing);
 * the first of each is a warm-up. The client writes its burst of 5,000 requests in a few writes,
 * with the server's own framing (LspClient transport 'batched'): vscode-jsonrpc's stock writer,
 * which the rest of the benchmark uses as VS Code's client does, spends about 100 ms of the
 * client's own CPU on 10,000 messages, and this metric is about the server.
 */
export async function measureResolveAll(server: ServerSpec, name: string, text: string, probes: Probes, reps: number, timeoutMs: number): Promise<{ metrics: Record<string, Samples | null>; resolved: number | null }> {
  const metrics: Record<string, Samples | null> = { 'codeLens: resolve all': null, 'codeLens: resolve all on open': null };
  const client = new LspClient(server.command, server.args, { transport: 'batched' });
  try {
    if ((await client.initialize()).kind !== 'result' || !client.capabilities.codeLensProvider?.resolveProvider) return { metrics, resolved: null };
    const onOpen: Samples = (metrics['codeLens: resolve all on open'] = []);
    const afterKeystroke: Samples = (metrics['codeLens: resolve all'] = []);
    let uri = '';
    for (let i = 0; i <= reps; i++) {
      if (uri) client.close(uri);
      uri = `file:///bench/lenses/${i}/${name}`;
      if (!(await client.openAndWait(uri, text, 1, timeoutMs))) {
        onOpen.push('timeout');
        continue;
      }
      const all = await resolveAllLenses(client, uri, timeoutMs);
      if (i > 0) onOpen.push(all.sample);
    }
    const at = probes.edit;
    let resolved: number | null = null;
    for (let i = 0, version = 1; i <= reps; i++) {
      version++;
      const next = client.nextDiagnostics(uri, version, timeoutMs);
      client.change(uri, version, [i % 2 === 0 ? { range: { start: at, end: at }, text: 'x' } : { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' }]);
      await next;
      const all = await resolveAllLenses(client, uri, timeoutMs);
      if (i === 0) resolved = all.titled;
      else afterKeystroke.push(all.sample);
    }
    return { metrics, resolved };
  } finally {
    await client.shutdown();
  }
}

function editCount(r: unknown): number {
  const edit = r as { changes?: Record<string, unknown[]>; documentChanges?: { edits: unknown[] }[] } | null;
  if (!edit) return 0;
  if (edit.documentChanges) return edit.documentChanges.reduce((n, c) => n + (c.edits?.length ?? 0), 0);
  return Object.values(edit.changes ?? {}).reduce((n, e) => n + e.length, 0);
}

/**
 * Memory of an editing session in a fresh server process: open the file, type 20 keystrokes,
 * ask for the outline, lenses and tokens, then stay idle for two seconds (as an editor does
 * between bursts) and read the resident size and its peak.
 */
/** Resident memory after an editing session: the median session of `runs` (each in a fresh process), and every run's RSS. */
export interface SessionMemory {
  rssKiB: number;
  peakKiB: number;
  runsKiB?: number[];
}

/**
 * The median of several sessions: one process's resident memory moves by a few MB from run to run
 * (when V8 collects, which threads' malloc arenas the compiler used), which one sample would report
 * as a change.
 */
export async function medianSessionMemory(server: ServerSpec, name: string, text: string, probes: Probes, timeoutMs: number, runs: number, env?: Record<string, string>): Promise<SessionMemory | undefined> {
  const all: SessionMemory[] = [];
  for (let i = 0; i < runs; i++) {
    const m = await sessionMemory(server, name, text, probes, timeoutMs, env);
    if (m) all.push(m);
  }
  if (!all.length) return undefined;
  all.sort((a, b) => a.rssKiB - b.rssKiB);
  return { ...all[(all.length - 1) >> 1], runsKiB: all.map((m) => m.rssKiB) };
}

export async function sessionMemory(server: ServerSpec, name: string, text: string, probes: Probes, timeoutMs: number, env?: Record<string, string>): Promise<{ rssKiB: number; peakKiB: number } | undefined> {
  const client = new LspClient(server.command, server.args, { env });
  try {
    if ((await client.initialize()).kind !== 'result') return undefined;
    const uri = `file:///bench/session/${name}`;
    await client.openAndWait(uri, text, 1, timeoutMs);
    const at = probes.edit;
    for (let v = 2; v < 22; v++) {
      const next = client.nextDiagnostics(uri, v, timeoutMs);
      client.change(uri, v, [v % 2 ? { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' } : { range: { start: at, end: at }, text: 'x' }]);
      await next;
    }
    for (const method of ['textDocument/documentSymbol', 'textDocument/codeLens', 'textDocument/semanticTokens/full']) await client.request(method, { textDocument: { uri } }, timeoutMs);
    await new Promise((r) => setTimeout(r, 2000));
    return client.memory();
  } finally {
    await client.shutdown();
  }
}
