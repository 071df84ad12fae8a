#!/usr/bin/env node
// Bundles scripts/size-lens-speed.ts with esbuild (as the server is bundled) and runs it on a
// generated Dockerfile. Usage: node scripts/size-lens-speed.mjs [FILE] [--reps N] [--cpu-prof]
// Without FILE, writes a 5,000-stage file with bench/generate.ts when present, else with
// ../shared/tools/lsp-bench/gen.mjs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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
await esbuild.build({ entryPoints: [join(root, 'scripts', 'size-lens-speed.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: join(out, 'speed.js'), logLevel: 'warning', alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' } });
const r = spawnSync(process.execPath, ['--expose-gc', ...(prof ? ['--cpu-prof', '--cpu-prof-dir', out] : []), join(out, 'speed.js'), file, reps], { stdio: 'inherit' });
if (prof) console.log(`cpu profile in ${out}`);
process.exit(r.status ?? 1);
void dirname;
