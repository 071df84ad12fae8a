// Measures one server on a file (or two at once, interleaved, for their growth), in a fresh server
// process, the way an editor uses it: open, keystrokes with incremental sync (a character, then new
// lines), then the stage requests at fixed positions. Every sample is a wall-clock round trip seen
// by the client (JSON-RPC over the server's stdio included); the harness's own garbage collection
// is kept out of them (harnessGc.ts).
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
  'hover on an instruction',
  'completion of an instruction',
  'codeLens',
  'codeLens/resolve',
  'codeLens: resolve all',
  'codeLens: resolve all on open',
  'documentSymbol',
  'semanticTokens',
  'inlayHint',
  'keystroke→inlayHint',
] as const;

/** A file measured in a session: its text and where to type and ask. */
export interface FileInput {
  name: string;
  text: string;
  probes: Probes;
}

/**
 * Repeats one sample on every document of a session, `count` times, the documents' order reversed
 * each time (A B, B A, A B, ...): when two files are measured together for their growth, each
 * sample of one has a sample of the other next to it, so the machine's speed drifting during the
 * session weighs on both alike, and each follows a sample of either file equally often.
 */
export async function interleave<T>(docs: T[], count: number, sample: (doc: T, i: number) => Promise<void>): Promise<void> {
  for (let i = 0; i < count; i++) for (const doc of i % 2 ? [...docs].reverse() : docs) await sample(doc, i);
}

/**
 * Every request metric on each file, in one fresh server process that has all of them open; one
 * file is the benchmark's main pass, two are a growth round (bench.ts). Returns a run per file.
 */
export async function measureFile(server: ServerSpec, files: FileInput[], reps: number, timeoutMs: number): Promise<FileRun[]> {
  const t0 = performance.now();
  const client = new LspClient(server.command, server.args);
  const init = await client.initialize();
  const startMs = performance.now() - t0;
  const docs = files.map((file) => ({ ...file, uri: '', version: 1, run: { server: server.label, startMs, metrics: {}, answers: {}, memory: { rssKiB: 0, peakKiB: 0 }, diagnostics: 0, errorLogs: [], crashed: false } as FileRun }));
  if (init.kind !== 'result') {
    for (const d of docs) {
      d.run.crashed = true;
      d.run.errorLogs.push(`initialize: ${JSON.stringify(init)}`);
    }
    client.kill();
    return docs.map((d) => d.run);
  }
  type Doc = (typeof docs)[number];
  const caps = client.capabilities;
  const samples = (d: Doc, metric: string): Samples => (d.run.metrics[metric] ??= []);
  const unsupported = (metric: string) => docs.forEach((d) => (d.run.metrics[metric] = null));

  // Open: a new uri each time (the previous one closed), the first open not counted (cold).
  await interleave(docs, reps + 1, async (d, i) => {
    if (d.uri) client.close(d.uri);
    d.uri = `file:///bench/${i}/${d.name}`;
    const next = client.nextDiagnostics(d.uri, 1, timeoutMs);
    settleHarness();
    const start = performance.now();
    client.open(d.uri, d.text, 1);
    const published = await next;
    if (published) d.run.diagnostics = published.params.diagnostics.length;
    if (i > 0) samples(d, 'open→diagnostics').push(published ? published.at - start : 'timeout');
  });

  // Keystrokes: type and delete one character at the end of a line near the middle.
  const keystroke = (d: Doc, i: number): TextDocumentContentChangeEvent => {
    const at = d.probes.edit;
    return i % 2 === 0
      ? { range: { start: at, end: at }, text: 'x' }
      : { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' };
  };
  // Enter, then Backspace: every line below moves, and so does every stage below the edit.
  const newLine = (d: Doc, i: number): TextDocumentContentChangeEvent => {
    const at = d.probes.edit;
    return i % 2 === 0 ? { range: { start: at, end: at }, text: '\n' } : { range: { start: at, end: { line: at.line + 1, character: 0 } }, text: '' };
  };
  const typed = 2 * Math.ceil(reps / 2);
  for (const [metric, edit] of [['keystroke→diagnostics', keystroke], ['new line→diagnostics', newLine]] as const) {
    await interleave(docs, typed, async (d, i) => {
      const next = client.nextDiagnostics(d.uri, ++d.version, timeoutMs);
      settleHarness();
      const start = performance.now();
      client.change(d.uri, d.version, [edit(d, i)]);
      const published = await next;
      samples(d, metric).push(published ? published.at - start : 'timeout');
    });
  }

  const timed = async (metric: string, method: string, params: (d: Doc) => unknown, answer: (r: unknown) => number): Promise<Map<Doc, unknown>> => {
    const first = new Map<Doc, unknown>();
    await interleave(docs, reps + 1, async (d, i) => {
      settleHarness();
      const r = await client.request(method, params(d), timeoutMs);
      if (i === 0) {
        first.set(d, r.kind === 'result' ? r.result : undefined);
        d.run.answers[metric] = r.kind === 'result' ? answer(r.result) : null;
        return; // warm-up
      }
      samples(d, metric).push(r.kind === 'result' ? r.ms : r.kind === 'error' ? `error: ${r.message}` : r.kind);
    });
    return first;
  };
  const count = (r: unknown): number => (Array.isArray(r) ? r.length : r && typeof r === 'object' && 'items' in r ? (r as { items: unknown[] }).items.length : r ? 1 : 0);
  const doc = (d: Doc) => ({ uri: d.uri });
  const completionAt = (d: Doc) => ({ textDocument: doc(d), position: d.probes.completion, context: { triggerKind: 1 } });
  const withProbe = (probe: keyof Probes) => docs.every((d) => d.probes[probe]);

  // Typing right before asking: the request pays for bringing the model up to date.
  if (caps.completionProvider && withProbe('completion')) {
    await interleave(docs, typed, async (d, i) => {
      settleHarness();
      const start = performance.now();
      client.change(d.uri, ++d.version, [keystroke(d, i)]);
      const r = await client.request('textDocument/completion', completionAt(d), timeoutMs);
      samples(d, 'keystroke→completion').push(r.kind === 'result' ? performance.now() - start : r.kind);
      // With two files open, one's pending diagnostics must not run inside the other's sample.
      if (docs.length > 1) await client.settledDiagnostics(d.uri, d.version, timeoutMs);
    });
    for (const d of docs) await client.settledDiagnostics(d.uri, d.version, timeoutMs);
  } else unsupported('keystroke→completion');

  if (caps.completionProvider && withProbe('completion')) await timed('completion', 'textDocument/completion', completionAt, count);
  else unsupported('completion');
  if (caps.definitionProvider && withProbe('reference')) await timed('definition', 'textDocument/definition', (d) => ({ textDocument: doc(d), position: d.probes.reference }), count);
  else unsupported('definition');
  if (caps.referencesProvider && withProbe('stageName')) await timed('references', 'textDocument/references', (d) => ({ textDocument: doc(d), position: d.probes.stageName, context: { includeDeclaration: true } }), count);
  else unsupported('references');
  if (caps.renameProvider && withProbe('stageName')) await timed('rename', 'textDocument/rename', (d) => ({ textDocument: doc(d), position: d.probes.stageName, newName: 'renamed-stage' }), editCount);
  else unsupported('rename');
  if (caps.hoverProvider && withProbe('reference')) await timed('hover', 'textDocument/hover', (d) => ({ textDocument: doc(d), position: d.probes.reference }), count);
  else unsupported('hover');
  // The general features, where no stage is named: instruction documentation, instruction names.
  if (caps.hoverProvider && withProbe('keyword')) await timed('hover on an instruction', 'textDocument/hover', (d) => ({ textDocument: doc(d), position: d.probes.keyword }), count);
  else unsupported('hover on an instruction');
  if (caps.completionProvider && withProbe('keyword')) await timed('completion of an instruction', 'textDocument/completion', (d) => ({ textDocument: doc(d), position: { line: d.probes.keyword!.line, character: 0 }, context: { triggerKind: 1 } }), count);
  else unsupported('completion of an instruction');
  if (caps.codeLensProvider) {
    const lists = await timed('codeLens', 'textDocument/codeLens', (d) => ({ textDocument: doc(d) }), count);
    const middle = (d: Doc) => {
      const lenses = (lists.get(d) ?? []) as CodeLens[];
      return lenses[Math.floor(lenses.length / 2)];
    };
    if (caps.codeLensProvider.resolveProvider && docs.every((d) => middle(d) && !middle(d).command)) await timed('codeLens/resolve', 'codeLens/resolve', middle, (r) => ((r as CodeLens)?.command ? 1 : 0));
    else unsupported('codeLens/resolve');
  } else {
    unsupported('codeLens');
    unsupported('codeLens/resolve');
  }
  if (caps.documentSymbolProvider) await timed('documentSymbol', 'textDocument/documentSymbol', (d) => ({ textDocument: doc(d) }), count);
  else unsupported('documentSymbol');
  // Editors ask for these after every keystroke, for the visible part of the file.
  const visible = (d: Doc) => {
    const lines = d.text.split('\n').length;
    return { start: { line: Math.max(0, d.probes.edit.line - 30), character: 0 }, end: { line: Math.min(lines, d.probes.edit.line + 30), character: 0 } };
  };
  if (caps.semanticTokensProvider) await timed('semanticTokens', 'textDocument/semanticTokens/full', (d) => ({ textDocument: doc(d) }), (r) => ((r as { data?: number[] })?.data?.length ?? 0) / 5);
  else unsupported('semanticTokens');
  if (caps.inlayHintProvider) await timed('inlayHint', 'textDocument/inlayHint', (d) => ({ textDocument: doc(d), range: visible(d) }), count);
  else unsupported('inlayHint');
  // A keystroke on the screen, then its inlay hints: the edited stage's size hints are estimated again.
  if (caps.inlayHintProvider) {
    await interleave(docs, typed, async (d, i) => {
      settleHarness();
      const start = performance.now();
      client.change(d.uri, ++d.version, [keystroke(d, i)]);
      const r = await client.request('textDocument/inlayHint', { textDocument: doc(d), range: visible(d) }, timeoutMs);
      samples(d, 'keystroke→inlayHint').push(r.kind === 'result' ? performance.now() - start : r.kind);
      await client.settledDiagnostics(d.uri, d.version, timeoutMs);
    });
  } else unsupported('keystroke→inlayHint');

  const memory = client.memory();
  const errorLogs = client.errorLogs().map((m) => m.slice(0, 300));
  for (const d of docs) Object.assign(d.run, { memory, errorLogs, crashed: client.exited !== null });
  await client.shutdown();
  return docs.map((d) => d.run);
}

/**
 * Every size lens of each file resolved at once (bench/lensResolve.ts), in a fresh server process:
 * right after each open of a new document (nothing of it cached), then after each keystroke (the
 * edited version's estimates are new, the unchanged stages' layouts are not, as in real editing);
 * the first of each is a warm-up. Two files are interleaved as in measureFile. The client writes
 * its burst of 5,000 requests in a few writes, with the server's own framing (LspClient transport
 * 'batched'): vscode-jsonrpc's stock writer, which the rest of the benchmark uses as VS Code's
 * client does, spends about 100 ms of the client's own CPU on 10,000 messages, and this metric is
 * about the server.
 */
export async function measureResolveAll(server: ServerSpec, files: FileInput[], reps: number, timeoutMs: number): Promise<{ metrics: Record<string, Samples | null>; resolved: number | null }[]> {
  const docs = files.map((file) => ({ ...file, uri: '', version: 1, resolved: null as number | null, metrics: { 'codeLens: resolve all': null, 'codeLens: resolve all on open': null } as Record<string, Samples | null> }));
  const client = new LspClient(server.command, server.args, { transport: 'batched' });
  const results = () => docs.map((d) => ({ metrics: d.metrics, resolved: d.resolved }));
  try {
    if ((await client.initialize()).kind !== 'result' || !client.capabilities.codeLensProvider?.resolveProvider) return results();
    for (const d of docs) Object.assign(d.metrics, { 'codeLens: resolve all': [], 'codeLens: resolve all on open': [] });
    await interleave(docs, reps + 1, async (d, i) => {
      if (d.uri) client.close(d.uri);
      d.uri = `file:///bench/lenses/${i}/${d.name}`;
      if (!(await client.openAndWait(d.uri, d.text, 1, timeoutMs))) return void d.metrics['codeLens: resolve all on open']!.push('timeout');
      const all = await resolveAllLenses(client, d.uri, timeoutMs);
      if (i > 0) d.metrics['codeLens: resolve all on open']!.push(all.sample);
    });
    await interleave(docs, reps + 1, async (d, i) => {
      const at = d.probes.edit;
      const next = client.nextDiagnostics(d.uri, ++d.version, timeoutMs);
      client.change(d.uri, d.version, [i % 2 === 0 ? { range: { start: at, end: at }, text: 'x' } : { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' }]);
      await next;
      const all = await resolveAllLenses(client, d.uri, timeoutMs);
      if (i === 0) d.resolved = all.titled;
      else d.metrics['codeLens: resolve all']!.push(all.sample);
    });
    return results();
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
