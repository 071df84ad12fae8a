// `node --import tsx bench/hop.ts [--reps 200] [--before path/to/dist/server.js]`: what the hop to
// the general worker costs. General hover and completion on an instruction of every corpus file,
// asked of this build and of another (e.g. a build from before the worker), interleaved request by
// request so both see the same machine; prints the medians and their difference.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LspClient, SERVER_JS } from '../test/helpers/lspDriver';
import { findProbes } from './probes';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const reps = Number(option('--reps', '200'));
const servers = { ours: SERVER_JS, before: option('--before', '') };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const dir = join(__dirname, '..', 'test', 'fixtures', 'corpus');
  const files = readdirSync(dir).filter((f) => f.endsWith('.Dockerfile')).sort().map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
  const clients: Record<string, LspClient> = {};
  for (const [label, js] of Object.entries(servers)) {
    if (!js) continue;
    clients[label] = new LspClient(process.execPath, [js, '--stdio']);
    await clients[label].initialize();
    for (const f of files) await clients[label].openAndWait(`file:///hop/${f.name}`, f.text);
  }
  const rows: string[] = [];
  for (const f of files) {
    const keyword = findProbes(f.text).keyword!;
    const requests = {
      'hover on an instruction': ['textDocument/hover', { position: keyword }],
      'completion of an instruction': ['textDocument/completion', { position: { line: keyword.line, character: 0 }, context: { triggerKind: 1 } }],
    } as const;
    for (const [metric, [method, extra]] of Object.entries(requests)) {
      const samples: Record<string, number[]> = Object.fromEntries(Object.keys(clients).map((l) => [l, []]));
      for (let i = 0; i < reps + 10; i++) {
        for (const [label, client] of Object.entries(clients)) {
          const r = await client.request(method, { textDocument: { uri: `file:///hop/${f.name}` }, ...extra });
          if (i >= 10 && r.kind === 'result') samples[label].push(r.ms);
        }
      }
      const m = Object.fromEntries(Object.entries(samples).map(([l, xs]) => [l, median(xs)]));
      rows.push(`${f.name.padEnd(28)} ${metric.padEnd(30)} ${Object.entries(m).map(([l, v]) => `${l} ${v.toFixed(3)} ms`).join('  ')}${m.before !== undefined ? `  hop ${(m.ours - m.before).toFixed(3)} ms` : ''}`);
    }
  }
  for (const c of Object.values(clients)) await c.shutdown();
  console.log(`medians of ${reps} requests each, interleaved\n` + rows.join('\n'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
