// `npm run bench`: our language server side by side with dockerfile-language-server-nodejs (the
// peer, pinned as a dev dependency), both driven over stdio like an editor drives them, on
// generated Dockerfiles of growing size and on the real ones in test/fixtures/corpus; then the
// client side (activation, bundle sizes). Prints tables and writes bench/results/*.json.
//
//   npm run bench -- [--sizes 10,100,1000,5000] [--reps 10] [--memory-runs 3] [--growth-rounds 3]
//                    [--no-peer] [--no-corpus] [--quick]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { generateDockerfile } from './generate';
import { machineSpeed } from './machine';
import { measureFile, measureResolveAll, medianSessionMemory, METRICS, type FileInput, type FileRun, type ServerSpec } from './measure';
import { findProbes } from './probes';
import { corpusTable, fileTable, growthTable, ms, stat, table, targets, targetTable, type FileResult } from './report';

const ROOT = join(__dirname, '..');
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i !== -1 && args[i + 1] ? args[i + 1] : fallback;
};
const quick = flag('--quick');
const sizes = option('--sizes', quick ? '10,100,1000' : '10,100,1000,5000').split(',').map(Number);
const reps = Number(option('--reps', quick ? '5' : '10'));
const timeoutMs = Number(option('--timeout', '60000'));
const sessionRuns = Number(option('--memory-runs', '3'));
const growthRounds = Number(option('--growth-rounds', quick ? '0' : '3'));

/** What client/src/client.ts adds to the server's environment. */
const VSCODE_SERVER_ENV = { MALLOC_ARENA_MAX: '2' };
const OURS: ServerSpec = { label: 'ours', command: process.execPath, args: [join(ROOT, 'dist', 'server.js'), '--stdio'] };
const PEER: ServerSpec = { label: 'peer', command: process.execPath, args: [join(ROOT, 'node_modules', 'dockerfile-language-server-nodejs', 'bin', 'docker-langserver'), '--stdio'] };
const servers = flag('--no-peer') ? [OURS] : [OURS, PEER];

function ensureBuilt(): void {
  const dist = join(ROOT, 'dist');
  const sources = ['server/src', 'client/src'].map((d) => join(ROOT, d));
  const newest = Math.max(...sources.flatMap((d) => walk(d).map((f) => statSync(f).mtimeMs)));
  const built = ['server.js', 'server-main.js', 'extension.js'].map((f) => join(dist, f));
  if (built.every((f) => existsSync(f) && statSync(f).mtimeMs >= newest)) return;
  console.error('building dist/ (node esbuild.mjs)...');
  const r = spawnSync(process.execPath, [join(ROOT, 'esbuild.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('build failed');
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

function inputs(): { name: string; kind: FileResult['kind']; text: string }[] {
  const genDir = join(ROOT, 'bench', 'gen');
  mkdirSync(genDir, { recursive: true });
  const out: { name: string; kind: FileResult['kind']; text: string }[] = [];
  for (const n of sizes) {
    const text = generateDockerfile(n);
    const name = `gen-${n}.Dockerfile`;
    writeFileSync(join(genDir, name), text);
    out.push({ name, kind: 'generated', text });
  }
  if (!flag('--no-corpus')) {
    const dir = join(ROOT, 'test', 'fixtures', 'corpus');
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.Dockerfile')).sort()) out.push({ name: f, kind: 'corpus', text: readFileSync(join(dir, f), 'utf8') });
  }
  return out;
}

function activation(samples: number): { requireMs: number | null; activateMs: number | null; totalMs: number | null; errors: string[] } {
  const runs: { requireMs: number; activateMs: number; totalMs: number; errors?: string[]; error?: string }[] = [];
  for (let i = 0; i < samples; i++) {
    const r = spawnSync(process.execPath, [join(ROOT, 'bench', 'activate.cjs')], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    try {
      runs.push(JSON.parse(r.stdout.trim().split('\n').pop() ?? ''));
    } catch {
      runs.push({ requireMs: NaN, activateMs: NaN, totalMs: NaN, error: `${r.stdout}${r.stderr}`.slice(0, 300) });
    }
  }
  const errors = runs.flatMap((r) => [...(r.errors ?? []), ...(r.error ? [r.error] : [])]);
  const ok = runs.filter((r) => !r.error && !r.errors?.length);
  const med = (k: 'requireMs' | 'activateMs' | 'totalMs') => stat(ok.map((r) => r[k]))?.median ?? null;
  return { requireMs: med('requireMs'), activateMs: med('activateMs'), totalMs: med('totalMs'), errors: [...new Set(errors)] };
}

function bundles(): Record<string, { bytes: number; gzip: number }> {
  const out: Record<string, { bytes: number; gzip: number }> = {};
  for (const f of ['extension.js', 'server.js', 'server-main.js', 'validator.js', 'cli.js']) {
    const p = join(ROOT, 'dist', f);
    if (!existsSync(p)) continue;
    const body = readFileSync(p);
    out[f] = { bytes: body.length, gzip: gzipSync(body).length };
  }
  return out;
}

async function main(): Promise<void> {
  ensureBuilt();
  const started = new Date();
  const speed = machineSpeed();
  const files: FileResult[] = [];
  for (const input of inputs()) {
    const probes = findProbes(input.text);
    const result: FileResult = { file: input.name, kind: input.kind, stages: 0, lines: input.text.split('\n').length, bytes: Buffer.byteLength(input.text), runs: {}, stats: {} };
    result.stages = (input.text.match(/^\s*FROM\s/gim) ?? []).length;
    for (const server of servers) {
      process.stderr.write(`${input.name} (${result.lines} lines): ${server.label}...`);
      const t0 = Date.now();
      const [run] = await measureRequests(server, [{ name: input.name, text: input.text, probes, lines: result.lines }]);
      // Ours on the large files, where the memory target applies: the median of several sessions. The
      // peer's session there takes minutes (20 keystrokes at seconds each) and is far from the line.
      const large = input.kind === 'generated' && result.lines > 10_000;
      const memoryRuns = server === OURS && large ? sessionRuns : 1;
      run.session = await medianSessionMemory(server, input.name, input.text, probes, timeoutMs, memoryRuns);
      if (server === OURS && large) run.sessionAsVsCode = await medianSessionMemory(server, input.name, input.text, probes, timeoutMs, memoryRuns, VSCODE_SERVER_ENV);
      process.stderr.write(` ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
      result.runs[server.label] = run;
      result.stats[server.label] = Object.fromEntries(METRICS.map((m) => [m, stat(run.metrics[m])]));
    }
    files.push(result);
  }
  await measureGrowthRounds(files);

  const act = activation(quick ? 3 : 7);
  const sizesOut = bundles();
  // Client and server: the extension, the server and the server's validator worker (the CLI apart).
  const bundleBytes = (sizesOut['extension.js']?.bytes ?? 0) + (sizesOut['server.js']?.bytes ?? 0) + (sizesOut['server-main.js']?.bytes ?? 0) + (sizesOut['validator.js']?.bytes ?? 0);
  const peer = servers.find((s) => s !== OURS)?.label;

  const print = (s = '') => process.stdout.write(s + '\n');
  print(`\nDockerfile Stages benchmark, ${started.toISOString().slice(0, 16)}Z, ${cpus().length}× ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${reps} samples per metric (30 on files under 1,000 lines)`);
  print(`machine speed: a fresh memory page costs ${speed.pageTouchUs.toFixed(2)} µs to touch, JSON.parse of 1 MB takes ${ms(speed.jsonParseMs)} ms (compare runs by these)`);
  print(`${peer ? `peer: dockerfile-language-server-nodejs ${peerVersion()}; ` : ''}n/a: the server does not offer the method\n`);
  for (const f of files) {
    print(`== ${f.file}: ${f.stages} stages, ${f.lines} lines, ${(f.bytes / 1024).toFixed(0)} KiB; diagnostics on open: ${servers.map((s) => `${s.label} ${f.runs[s.label]?.diagnostics ?? 'n/a'}`).join(', ')}`);
    print(fileTable(f, 'ours', peer));
    const answers = servers.map((s) => `${s.label}: ${Object.entries(f.runs[s.label]?.answers ?? {}).map(([k, v]) => `${k} ${v ?? '-'}`).join(', ')}`);
    print(`answer sizes (items / locations / edits / lenses) ${answers.join(' | ')}`);
    for (const s of servers) if (f.runs[s.label]?.errorLogs.length) print(`${s.label} logged errors: ${f.runs[s.label].errorLogs.slice(0, 3).join(' / ')}`);
    print();
  }
  if (files.some((f) => f.kind === 'corpus')) print(corpusTable(files, 'ours', peer) + '\n');
  if (files.filter((f) => f.kind === 'generated').length > 1) print(growthTable(files, servers.map((s) => s.label), 'ours') + '\n');
  print(table([
    ['client', 'value'],
    ['activation: require dist/extension.js (median ms)', ms(act.requireMs)],
    ['activation: activate() until the client has started the server (median ms)', ms(act.activateMs)],
    ['activation: total (median ms)', ms(act.totalMs)],
    ...Object.entries(sizesOut).map(([f, s]) => [`bundle dist/${f}`, `${(s.bytes / 1024).toFixed(0)} KiB (${(s.gzip / 1024).toFixed(0)} KiB gzip)`]),
  ]));
  if (act.errors.length) print(`activation errors: ${act.errors.join(' / ')}`);
  const checked = targets(files, 'ours', { bundleBytes });
  print('\n' + targetTable(checked));

  const outDir = join(ROOT, 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  const report = {
    date: started.toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model.trim(), memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: process.platform, speed },
    options: { sizes, reps, memoryRuns: sessionRuns, growthRounds, peer: peer ? `dockerfile-language-server-nodejs ${peerVersion()}` : null },
    files: files.map((f) => ({ ...f, runs: Object.fromEntries(Object.entries(f.runs).map(([k, r]) => [k, { ...r, metrics: r.metrics }])) })),
    client: { activation: act, bundles: sizesOut },
    targets: checked,
  };
  const file = join(outDir, `bench-${started.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(report, null, 1));
  writeFileSync(join(outDir, 'latest.json'), JSON.stringify(report, null, 1));
  print(`\nJSON report: ${file.slice(ROOT.length + 1)}`);
}

/** Every request metric of one server on each file (one file, or two measured together), resolving all lenses included. */
async function measureRequests(server: ServerSpec, files: (FileInput & { lines: number })[]): Promise<FileRun[]> {
  // Small files are cheap to sample: 30 samples make their p90 a percentile, not the one slowest.
  const samples = files.every((f) => f.lines < 1000) ? Math.max(reps, 30) : reps;
  const runs = await measureFile(server, files, samples, timeoutMs);
  const lenses = await measureResolveAll(server, files, samples, timeoutMs);
  runs.forEach((run, i) => {
    Object.assign(run.metrics, lenses[i].metrics);
    run.answers['codeLens: resolve all'] = lenses[i].resolved;
  });
  return runs;
}

/**
 * Our growth between the two largest generated files, measured in further rounds, each with both
 * files open in one server and their samples interleaved (measure.ts): measured one after the
 * other, minutes apart, a metric's exponent moved by up to ±0.3 between runs of the same code, as
 * the shared machine's speed drifted between the two files. The exponent reported is the median
 * over the rounds (report.ts, roundsGrowth).
 */
async function measureGrowthRounds(files: FileResult[]): Promise<void> {
  const gen = files.filter((f) => f.kind === 'generated').sort((a, b) => a.lines - b.lines);
  if (gen.length < 2 || growthRounds < 1) return;
  const pair = gen.slice(-2);
  const inputs = pair.map((f) => {
    const text = readFileSync(join(ROOT, 'bench', 'gen', f.file), 'utf8');
    return { name: f.file, text, probes: findProbes(text), lines: f.lines };
  });
  for (let round = 1; round <= growthRounds; round++) {
    process.stderr.write(`growth round ${round} of ${growthRounds}: ${pair.map((f) => f.file).join(' and ')} together: ours...`);
    const t0 = Date.now();
    const runs = await measureRequests(OURS, inputs);
    pair.forEach((f, i) => (f.rounds ??= []).push(Object.fromEntries(METRICS.map((m) => [m, stat(runs[i].metrics[m])]))));
    process.stderr.write(` ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  }
}

function peerVersion(): string {
  try {
    return JSON.parse(readFileSync(join(ROOT, 'node_modules', 'dockerfile-language-server-nodejs', 'package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
