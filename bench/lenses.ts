// A focused run of the lens metrics alone, to iterate on them without the whole benchmark: our
// server over stdio on the benchmark's generated file, every lens resolved at once right after
// opening a new document, then after keystrokes (as bench/measure.ts measures them), with the CPU
// time the server and this client spent on the latter (lens list included), and as many requests
// for a closed document (the transport alone). The client frames messages as the benchmark's lens
// metrics do ('batched'); --client stock uses vscode-jsonrpc's reader and writer, as VS Code's
// client does.
//
//   node --expose-gc --import tsx bench/lenses.ts [--stages 5000] [--reps 10] [--opens 5] [--transport-rounds 5] [--server-prof DIR] [--server dist/server.js] [--client stock|batched]
//     [--server-node-args '--max-semi-space-size=4'] [--samples]
// --server-prof writes a CPU profile of the server process to DIR (run `npm run build` first).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDockerfile } from './generate';
import { resolveAllLenses } from './lensResolve';
import { findProbes } from './probes';
import { ms, stat } from './report';
import { LspClient } from '../test/helpers/lspDriver';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const stages = Number(option('--stages', '5000'));
const reps = Number(option('--reps', '10'));
const opens = Number(option('--opens', String(Math.min(reps, 5))));
const transportRounds = Number(option('--transport-rounds', '5'));
const prof = option('--server-prof', '');
const timeoutMs = 60_000;

/** CPU time of a process, all its threads, in ms (Linux schedstat): robust to a busy machine, unlike wall time. */
function cpuMs(pid: number): number {
  let ns = 0;
  try {
    for (const t of readdirSync(`/proc/${pid}/task`)) ns += Number(readFileSync(`/proc/${pid}/task/${t}/schedstat`, 'utf8').split(' ')[0]);
  } catch {
    return NaN;
  }
  return ns / 1e6;
}

async function main(): Promise<void> {
  const text = generateDockerfile(stages);
  const at = findProbes(text).edit;
  const server = option('--server', join(__dirname, '..', 'dist', 'server.js'));
  const nodeArgs = option('--server-node-args', '').split(' ').filter(Boolean);
  const client = new LspClient(process.execPath, [...nodeArgs, ...(prof ? ['--cpu-prof', '--cpu-prof-dir', prof] : []), server, '--stdio'], { transport: option('--client', 'batched') as 'stock' | 'batched' });
  await client.initialize();
  const onOpen: (number | string)[] = [];
  let uri = '';
  for (let i = 0; i <= opens; i++) {
    if (uri) client.close(uri);
    uri = `file:///bench/${i}/gen-${stages}.Dockerfile`;
    await client.openAndWait(uri, text, 1, timeoutMs);
    const all = await resolveAllLenses(client, uri, timeoutMs);
    if (i > 0) onOpen.push(all.sample);
  }
  const afterKeystroke: (number | string)[] = [];
  const serverCpu: number[] = [];
  const clientCpu: number[] = [];
  let titled = 0;
  for (let i = 0, version = 1; i <= reps; i++) {
    version++;
    const next = client.nextDiagnostics(uri, version, timeoutMs);
    client.change(uri, version, [i % 2 === 0 ? { range: { start: at, end: at }, text: 'x' } : { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' }]);
    await next;
    const [server0, client0] = [cpuMs(client.pid), process.cpuUsage()];
    const all = await resolveAllLenses(client, uri, timeoutMs);
    if (i > 0) {
      afterKeystroke.push(all.sample);
      serverCpu.push(cpuMs(client.pid) - server0);
      const used = process.cpuUsage(client0);
      clientCpu.push((used.user + used.system) / 1000);
    }
    titled = all.titled;
  }
  // The same requests for a document that is not open: what JSON-RPC and the handler's lookups cost alone.
  const transport: number[] = [];
  const transportCpu: number[] = [];
  const list = await client.request<{ range: unknown; data: { uri: string; stage: number } }[]>('textDocument/codeLens', { textDocument: { uri } }, timeoutMs);
  const closed = list.kind === 'result' ? list.result.map((l) => ({ ...l, data: { ...l.data, uri: 'file:///bench/closed.Dockerfile' } })) : [];
  for (let i = 0; i <= transportRounds; i++) {
    const server0 = cpuMs(client.pid);
    const r = await client.requestAll('codeLens/resolve', closed, timeoutMs);
    if (i > 0 && r.kind === 'result') {
      transport.push(r.ms);
      transportCpu.push(cpuMs(client.pid) - server0);
    }
  }
  const show = (label: string, s: (number | string)[]) => {
    const st = stat(s);
    console.log(`${label.padEnd(34)} median ${ms(st?.median).padStart(6)} ms   p90 ${ms(st?.p90).padStart(6)} ms   min ${ms(st?.min).padStart(6)} ms   (${st?.n} samples${st?.failed ? `, ${st.failed} failed` : ''})`);
  };
  console.log(`gen-${stages}.Dockerfile over stdio (dist/server.js): ${titled} lenses resolved with a title`);
  show('codeLens: resolve all on open', onOpen);
  show('codeLens: resolve all (keystroke)', afterKeystroke);
  if (args.includes('--samples')) console.log(afterKeystroke.map((x) => (typeof x === 'number' ? x.toFixed(0) : x)).join(' '), '| server CPU', serverCpu.map((x) => x.toFixed(0)).join(' '));
  show('  CPU of the server in it', serverCpu);
  show('  CPU of this client in it', clientCpu);
  show('as many, for a closed document', transport);
  show('  CPU of the server in it', transportCpu);
  const errors = client.errorLogs();
  if (errors.length) console.log(`server errors: ${errors.slice(0, 3).join(' / ')}`);
  await client.shutdown();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
