#!/usr/bin/env node
// Bundles scripts/size-lens-speed.ts with esbuild (as the server is bundled) and runs it on a
// generated Dockerfile; with --lsp, scripts/size-lens-speed-lsp.ts instead, which drives the built
// server (run `npm run build` first). Usage: node scripts/size-lens-speed.mjs [FILE] [--reps N] [--cpu-prof] [--lsp]
// Without FILE, writes a 5,000-stage file with ../shared/tools/lsp-bench/gen.mjs (each stage copies
// from the one before it). --cpu-prof writes a profile of the run (not of the server) to the temp dir.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';

const root = join(import.meta.dirname, '..');
const args = process.argv.slice(2);
const reps = args.includes('--reps') ? args[args.indexOf('--reps') + 1] : '7';
const prof = args.includes('--cpu-prof');
const out = mkdtempSync(join(tmpdir(), 'size-lens-speed-'));
let file = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--reps');
if (!file) {
  const shared = [join(root, '..', 'shared'), join(root, '..', '..', 'shared')].find((d) => existsSync(join(d, 'tools', 'lsp-bench', 'gen.mjs')));
  if (!shared) throw new Error('no FILE given and no ../shared/tools/lsp-bench/gen.mjs to generate one');
  spawnSync(process.execPath, [join(shared, 'tools', 'lsp-bench', 'gen.mjs'), out, '5000'], { stdio: 'ignore' });
  file = join(out, 'gen-5000.Dockerfile');
}
const lsp = args.includes('--lsp');
const entry = join(root, 'scripts', lsp ? 'size-lens-speed-lsp.ts' : 'size-lens-speed.ts');
// The LSP driver awaits at top level: an ES module, with require for the CommonJS dependencies.
const banner = lsp ? { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" } : undefined;
await esbuild.build({ entryPoints: [entry], bundle: true, platform: 'node', target: 'node20', format: lsp ? 'esm' : 'cjs', outfile: join(out, lsp ? 'speed.mjs' : 'speed.js'), logLevel: 'warning', alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' }, banner });
const script = join(out, lsp ? 'speed.mjs' : 'speed.js');
const r = spawnSync(process.execPath, [...(prof ? ['--cpu-prof', '--cpu-prof-dir', out] : []), script, file, reps, root], { stdio: 'inherit' });
if (prof) console.log(`cpu profile in ${out}`);
process.exit(r.status ?? 1);
