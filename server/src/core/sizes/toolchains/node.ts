// Node: `npm ci`/`npm install`, `yarn`, `pnpm`, `bun` (node_modules sized from package-lock.json
// when the context has one, production or all), global installs, a build script's output, and the
// package manager's cache unless cleaned (pnpm's store holds node_modules' own files, hard-linked: only its index adds).
import type { RunCtx } from '../runContext';
import { operands } from '../shell';
import { MB, formatBytes } from '../units';
import { artifact, r, residue } from './common';

function lockPackages(ctx: RunCtx, production: boolean): number | undefined {
  const text = ctx.io?.contextText?.('package-lock.json');
  if (text === undefined) return undefined;
  let all = 0;
  let dev = 0;
  let i = 0;
  while ((i = text.indexOf('"node_modules/', i)) !== -1) {
    const close = text.indexOf('}', i);
    const block = text.slice(i, close === -1 ? i + 400 : close);
    all++;
    if (block.includes('"dev": true')) dev++;
    i += 14;
  }
  return production ? all - dev : all;
}

/** Flags that only print something (`yarn --version`, `npm -v`). */
const INFO_FLAGS = new Set(['--version', '-v', '-V', '--help', '-h']);

export function node(words: string[], ctx: RunCtx, p: string): boolean {
  if (words.slice(1).some((w) => INFO_FLAGS.has(w))) return true;
  const sub = words[1] ?? (p === 'yarn' ? 'install' : '');
  const production = words.some((w) => w === '--production' || w === '--omit=dev' || w === '--only=production' || w === '--prod') || ctx.env('NODE_ENV') === 'production';
  if (sub === 'ci' || sub === 'install' || sub === 'i' || (p === 'yarn' && (words.length === 1 || words[1].startsWith('-')))) {
    if (words.includes('-g') || words.includes('--global')) {
      const pkgs = operands(words, 2).length || 1;
      artifact(ctx, '/usr/local/lib/node_modules', r(pkgs * 12 * MB, pkgs * 3 * MB, pkgs * 50 * MB), `${p} install -g: ${pkgs} package${pkgs === 1 ? '' : 's'}`);
      return true;
    }
    const count = lockPackages(ctx, production);
    const bytes = count === undefined ? (production ? 70 : 160) * MB : Math.max(0.3 * MB, count * 0.32 * MB);
    const modules = ctx.path('node_modules');
    ctx.add({
      path: modules, size: r(bytes, bytes * (count === undefined ? 0.35 : 0.65), bytes * (count === undefined ? 2.5 : 1.6)), kind: 'artifact',
      note: `${p} ${sub}: node_modules ≈ ${formatBytes(bytes)}${count !== undefined ? ` (${count} packages in the lockfile)` : ' (a guess: no lockfile read)'}${production ? ', production only' : ''}`,
      // Without the lockfile the dependencies are a guess, and the user is told so.
      unknown: count === undefined ? `${modules} without a lockfile read` : undefined,
    });
    if (p === 'pnpm') {
      // pnpm's store and node_modules share their files (hard links in the same layer): what the store adds is its index.
      residue(ctx, '/root/.local/share/pnpm', r(bytes * 0.05, bytes * 0.02, bytes * 0.1), `pnpm store index ≈ ${formatBytes(bytes * 0.05)} (its files are node_modules' own, hard-linked)`);
      return true;
    }
    const cache = p === 'npm' ? '/root/.npm' : p === 'yarn' ? '/usr/local/share/.cache/yarn' : '/root/.bun/install/cache';
    residue(ctx, cache, r(bytes * 0.5, bytes * 0.2, bytes), `${p} cache ≈ ${formatBytes(bytes * 0.5)}`);
    return true;
  }
  if (sub === 'run' || sub === 'build' || (p === 'yarn' && words[1] === 'build')) {
    artifact(ctx, ctx.path('dist'), r(4 * MB, 0.5 * MB, 30 * MB), `${p} ${words.slice(1, 3).join(' ')}: build output ≈ 4 MB`);
    return true;
  }
  if (p === 'bun' && sub === 'pm' && words[2] === 'cache' && words[3] === 'rm') {
    ctx.removePath('/root/.bun/install/cache');
    return true;
  }
  if (sub === 'cache' && words[2] === 'clean') {
    ctx.removePath('/root/.npm');
    ctx.removePath('/usr/local/share/.cache/yarn');
    return true;
  }
  if (sub === 'prune') return true;
  return true;
}
