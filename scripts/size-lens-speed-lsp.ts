// The same measurement over the language server, as an editor drives it: dist/server.js over
// stdio, the generated file opened under a new URI each round (a new document: nothing cached),
// diagnostics awaited, the lens list asked, then the middle 60 lenses resolved at once (as VS Code
// resolves the visible ones), then every lens of another fresh document. Run through
// scripts/size-lens-speed.mjs --lsp.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { CodeLens } from 'vscode-languageserver-protocol';

const [file, repsArg, root] = process.argv.slice(2);
const reps = Number(repsArg ?? 5);
const text = readFileSync(file, 'utf8');
const server = spawn(process.execPath, [...(process.env.SERVER_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.SERVER_PROF] : []), join(root, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const conn = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
const opened = new Map<string, () => void>();
conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string }) => opened.get(p.uri)?.());
conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
for (const m of ['client/registerCapability', 'workspace/inlayHint/refresh', 'workspace/semanticTokens/refresh', 'workspace/codeLens/refresh']) conn.onRequest(m, () => null);
conn.listen();

async function open(uri: string): Promise<CodeLens[]> {
  const ready = new Promise<void>((resolve) => opened.set(uri, resolve));
  void conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
  await ready;
  return conn.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
}

async function timeResolve(lenses: CodeLens[], check = true): Promise<number> {
  const t = performance.now();
  const out = await Promise.all(lenses.map((l) => conn.sendRequest<CodeLens>('codeLens/resolve', l)));
  if (check && !out.every((l) => l.command?.title)) throw new Error('a lens resolved without a title');
  return performance.now() - t;
}

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: { workspace: { configuration: true } } });
void conn.sendNotification('initialized', {});
const middle: number[] = [];
const all: number[] = [];
const transport: number[] = [];
for (let rep = 0; rep < reps; rep++) {
  const a = await open(`untitled:gen-${rep}-a`);
  const mid = Math.floor(a.length / 2);
  middle.push(await timeResolve(a.slice(mid - 30, mid + 30)));
  const b = await open(`untitled:gen-${rep}-b`);
  all.push(await timeResolve(b));
  // The same number of requests for a document that is not open: what the protocol itself costs.
  transport.push(await timeResolve(b.map((l) => ({ ...l, data: { uri: 'untitled:closed', stage: 0 } })), false));
  for (const uri of [`untitled:gen-${rep}-a`, `untitled:gen-${rep}-b`]) void conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
}
console.log(`${file} over LSP (dist/server.js), ${reps} rounds, each on newly opened documents:`);
console.log(`  middle 60 lenses resolved       first ${middle[0].toFixed(1).padStart(7)} ms   median ${median(middle).toFixed(1).padStart(7)} ms`);
console.log(`  all lenses resolved             first ${all[0].toFixed(1).padStart(7)} ms   median ${median(all).toFixed(1).padStart(7)} ms`);
console.log(`  as many requests, answered empty           median ${median(transport).toFixed(1).padStart(7)} ms (JSON-RPC and the handler's lookups alone)`);
await conn.sendRequest('shutdown');
void conn.sendNotification('exit');
setTimeout(() => process.exit(0), 200);
