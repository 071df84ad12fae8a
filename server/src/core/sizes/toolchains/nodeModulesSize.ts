// The size of an install's node_modules: from the lockfile's package count when one is read
// (nodeLockfiles.ts), else a guess scaled by package.json's dependency count, else a flat guess.
// Both guesses are named as such (the caller records "<path> without a lockfile read").
import type { RunCtx } from '../runContext';
import type { SizeRange } from '../types';
import { MB, formatBytes } from '../units';
import { r } from './common';
import { PRODUCTION_SHARE, lockCount, manifest } from './nodeLockfiles';

/**
 * Bytes per installed package. Published and measured figures span 0.06–0.47 MB: webpack 4.6.0, 536
 * packages in 32 MB (npm/npm#20427); this repository's node_modules, 478 packages in 222.5 MB
 * (esbuild, TypeScript); the fitted 0.32 MB sits between and its range (×0.65–×1.6) covers most.
 */
export const PER_PACKAGE = 0.32 * MB;
/** Without a lockfile or package.json: node_modules of a typical app, all and production only. */
export const GUESS_ALL = 160 * MB;
export const GUESS_PRODUCTION = GUESS_ALL * PRODUCTION_SHARE;
/** Per direct dependency, without a lockfile: this repository's 32 direct dependencies install 222.5 MB. */
const PER_DEPENDENCY = 7 * MB;
/** Direct dependencies that bring a toolchain, by a published install size. */
const TOOLCHAINS: Record<string, number> = {
  // A new create-react-app project's node_modules: 218.7 MB (flaviocopes.com/node-modules-size).
  'react-scripts': 218.7 * MB,
  // webpack 4.6.0: 536 packages, 32 MB (npm/npm#20427).
  webpack: 32 * MB,
  // typescript 5.x unpacked: 23.7 MB (this repository's node_modules/typescript).
  typescript: 23.7 * MB,
};

export interface ModulesSize {
  size: SizeRange;
  /** What the note says after "node_modules ≈ X". */
  what: string;
  /** True when no lockfile was read (a guess, named as one). */
  guess: boolean;
  /** The package count, when a lockfile gave one. */
  count?: number;
}

export function nodeModulesSize(ctx: RunCtx, p: string, project: string, production: boolean): ModulesSize {
  const lock = lockCount(ctx, project, p, production);
  if (lock) {
    const bytes = Math.max(0.3 * MB, lock.count * PER_PACKAGE);
    const wide = lock.devGuessed ? 0.5 : 0.65;
    const dev = lock.devGuessed ? ', dev share not known' : '';
    return { size: r(bytes, bytes * wide, bytes * 1.6), what: `${formatBytes(bytes)} (${lock.count} packages in ${lock.format}${dev})`, guess: false, count: lock.count };
  }
  const pkg = manifest(ctx, project);
  if (pkg) {
    const direct = production ? pkg.deps : [...pkg.deps, ...pkg.devDeps];
    let bytes = 0;
    for (const [name] of direct) bytes += TOOLCHAINS[name] ?? PER_DEPENDENCY;
    bytes = Math.max(0.3 * MB, bytes);
    const n = direct.length;
    return { size: r(bytes, bytes * 0.3, bytes * 3), what: `${formatBytes(bytes)} (a guess from package.json's ${n} dependenc${n === 1 ? 'y' : 'ies'}: no lockfile read)`, guess: true };
  }
  const bytes = production ? GUESS_PRODUCTION : GUESS_ALL;
  return { size: r(bytes, bytes * 0.35, bytes * 2.5), what: `${formatBytes(bytes)} (a guess: no lockfile read)`, guess: true };
}
