// A focused run of the lens metrics alone, to iterate on them without the whole benchmark: our
// server over stdio on the benchmark's generated file, every lens resolved at once right after
// opening a new document, then after keystrokes (as bench/measure.ts measures them).
//
//   node --import tsx bench/lenses.ts [--stages 5000] [--reps 10] [--server-prof DIR]
// --server-prof writes a CPU profile of the server process to DIR (run `npm run build` first).
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
const prof = option('--server-prof', '');
const timeoutMs = 60_000;

async function main(): Promise<void> {
  const text = generateDockerfile(stages);
  const at = findProbes(text).edit;
  const server = join(__dirname, '..', 'dist', 'server.js');
  const client = new LspClient(process.execPath, [...(prof ? ['--cpu-prof', '--cpu-prof-dir', prof] : []), server, '--stdio']);
  await client.initialize();
  const onOpen: (number | string)[] = [];
  let uri = '';
  for (let i = 0; i <= Math.min(reps, 5); i++) {
    if (uri) client.close(uri);
    uri = `file:///bench/${i}/gen-${stages}.Dockerfile`;
    await client.openAndWait(uri, text, 1, timeoutMs);
    const all = await resolveAllLenses(client, uri, timeoutMs);
    if (i > 0) onOpen.push(all.sample);
  }
  const afterKeystroke: (number | string)[] = [];
  let titled = 0;
  for (let i = 0, version = 1; i <= reps; i++) {
    version++;
    const next = client.nextDiagnostics(uri, version, timeoutMs);
    client.change(uri, version, [i % 2 === 0 ? { range: { start: at, end: at }, text: 'x' } : { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' }]);
    await next;
    const all = await resolveAllLenses(client, uri, timeoutMs);
    if (i > 0) afterKeystroke.push(all.sample);
    titled = all.titled;
  }
  const show = (label: string, s: (number | string)[]) => {
    const st = stat(s);
    console.log(`${label.padEnd(34)} median ${ms(st?.median).padStart(6)} ms   p90 ${ms(st?.p90).padStart(6)} ms   min ${ms(st?.min).padStart(6)} ms   (${st?.n} samples${st?.failed ? `, ${st.failed} failed` : ''})`);
  };
  console.log(`gen-${stages}.Dockerfile over stdio (dist/server.js): ${titled} lenses resolved with a title`);
  show('codeLens: resolve all on open', onOpen);
  show('codeLens: resolve all (keystroke)', afterKeystroke);
  const errors = client.errorLogs();
  if (errors.length) console.log(`server errors: ${errors.slice(0, 3).join(' / ')}`);
  await client.shutdown();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
