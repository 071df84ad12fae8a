// `node --expose-gc --import tsx bench/codeActions.ts [--before path/to/server.js] [--files N] [--lenses] [--generated STAGES]`:
// code actions as VS Code asks for them, on every cursor move. For each real Dockerfile of
// test/fixtures/corpus-real the file is opened, then textDocument/codeAction is asked at every
// instruction line in order (a cursor moving down), with the diagnostics on that line as the
// editor sends them, and each request is timed; then every split offered is resolved
// (codeAction/resolve, when the list came without the edit). With --before, another build (e.g.
// one from main) gets the same requests, interleaved one by one, so both see the same machine.
// With --lenses, every size lens of the file is resolved after opening it (not timed), as VS Code
// does when it shows the file: the sizes of the stages as written are then known.
// With --generated, the one file is bench/generate.ts's of that many stages, asked on the
// instructions of 50 stages spread over it (the first, every N/50th, the last).
// Per server: the first request on each stage, the first and every one on stages offering the
// split, and every request (p50/p90/max), as wall time and as the CPU time of the server's main thread (from
// /proc/<pid>/schedstat: what the server itself spent, apart from waiting for a shared CPU).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver/node';
import { parseDockerfile } from '../server/src/core/model/parse';
import { LspClient, SERVER_JS } from '../test/helpers/lspDriver';
import { generateDockerfile } from './generate';
import { settleHarness } from './harnessGc';
import { resolveAllLenses } from './lensResolve';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const servers: Record<string, string> = { ours: SERVER_JS };
if (args.includes('--before')) servers.before = option('--before', '');
const limit = Number(option('--files', '100000'));
const lenses = args.includes('--lenses');
const generated = Number(option('--generated', '0'));
const SPLIT = 'Split into builder stage';

interface Samples {
  wall: number[];
  cpu: number[];
}
interface Run {
  client: LspClient;
  first: Samples;
  splitFirst: Samples;
  splitAll: Samples;
  all: Samples;
  resolve: Samples;
  offered: number;
}

const samples = (): Samples => ({ wall: [], cpu: [] });
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? NaN;
const stats = (xs: number[]) => `p50 ${quantile(xs, 0.5).toFixed(2)}  p90 ${quantile(xs, 0.9).toFixed(2)}  max ${Math.max(...xs).toFixed(1)}`;
const row = (label: string, s: Samples) => `  ${label.padEnd(30)} n=${String(s.wall.length).padStart(5)}  wall ms: ${stats(s.wall)}   server CPU ms: ${stats(s.cpu)}`;

/** CPU time of the server's main thread so far, in ms. */
function cpuMs(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return NaN;
  }
}

async function timed<T>(run: Run, method: string, params: unknown, into: Samples[]): Promise<T> {
  settleHarness();
  const cpu = cpuMs(run.client.pid);
  const r = await run.client.request<T>(method, params);
  if (r.kind !== 'result') throw new Error(`${method}: ${r.kind}`);
  const spent = cpuMs(run.client.pid) - cpu;
  for (const s of into) {
    s.wall.push(r.ms);
    s.cpu.push(spent);
  }
  return r.result;
}

async function main(): Promise<void> {
  const dir = join(__dirname, '..', 'test', 'fixtures', 'corpus-real', 'files');
  const files = generated ? [`generated-${generated}.Dockerfile`] : readdirSync(dir).sort().slice(0, limit);
  const stride = generated ? Math.max(1, Math.floor(generated / 50)) : 1;
  const runs: Record<string, Run> = {};
  for (const [label, js] of Object.entries(servers)) {
    const client = new LspClient(process.execPath, [js, '--stdio']);
    if ((await client.initialize()).kind !== 'result') throw new Error(`${label}: initialize failed`);
    runs[label] = { client, first: samples(), splitFirst: samples(), splitAll: samples(), all: samples(), resolve: samples(), offered: 0 };
  }
  for (const name of files) {
    const uri = `file:///bench/${name}`;
    const text = generated ? generateDockerfile(generated) : readFileSync(join(dir, name), 'utf8');
    const diagnostics: Record<string, Diagnostic[]> = {};
    for (const [label, run] of Object.entries(runs)) {
      diagnostics[label] = (await run.client.openAndWait(uri, text)) ?? [];
      if (lenses) await resolveAllLenses(run.client, uri, 60_000);
    }
    const model = parseDockerfile(text);
    const splits: Record<string, CodeAction[]> = Object.fromEntries(Object.keys(runs).map((l) => [l, []]));
    for (const stage of model.stages) {
      if (stage.index % stride !== 0 && stage.index !== model.stages.length - 1) continue;
      const firstOf: Record<string, { wall: number; cpu: number }> = {};
      const inStage: Record<string, Samples> = Object.fromEntries(Object.keys(runs).map((l) => [l, samples()]));
      const offered: Record<string, boolean> = {};
      for (const ins of stage.instructions) {
        const at = { line: ins.range.start.line, character: 0 };
        for (const [label, run] of Object.entries(runs)) {
          const onLine = diagnostics[label].filter((d) => d.range.start.line <= at.line && at.line <= d.range.end.line);
          const params = { textDocument: { uri }, range: { start: at, end: at }, context: { diagnostics: onLine, triggerKind: 2 } };
          const first = !firstOf[label];
          const result = (await timed<CodeAction[] | null>(run, 'textDocument/codeAction', params, first ? [run.all, run.first, inStage[label]] : [run.all, inStage[label]])) ?? [];
          if (first) firstOf[label] = { wall: run.all.wall.at(-1)!, cpu: run.all.cpu.at(-1)! };
          const split = result.find((a) => a.title.startsWith(SPLIT));
          if (split && !offered[label]) {
            offered[label] = true;
            splits[label].push(split);
          }
        }
      }
      for (const [label, run] of Object.entries(runs)) {
        if (!offered[label]) continue;
        run.splitFirst.wall.push(firstOf[label].wall);
        run.splitFirst.cpu.push(firstOf[label].cpu);
        run.splitAll.wall.push(...inStage[label].wall);
        run.splitAll.cpu.push(...inStage[label].cpu);
      }
    }
    for (const [label, run] of Object.entries(runs)) {
      for (const split of splits[label]) {
        run.offered++;
        if (split.edit) continue;
        const resolved = await timed<CodeAction>(run, 'codeAction/resolve', split, [run.resolve]);
        if (!resolved.edit) throw new Error(`${label} ${name}: the resolved split has no edit`);
      }
      run.client.close(uri);
    }
  }
  for (const [label, run] of Object.entries(runs)) {
    await run.client.shutdown();
    console.log(`${label}: ${servers[label]}\n  ${files.length} files, ${run.all.wall.length} requests, split offered on ${run.offered} stages`);
    console.log(row('first request on a stage', run.first));
    console.log(row('first, on stages with a split', run.splitFirst));
    console.log(row('every request, on those stages', run.splitAll));
    console.log(row('every request', run.all));
    if (run.resolve.wall.length) console.log(row('codeAction/resolve of a split', run.resolve));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
