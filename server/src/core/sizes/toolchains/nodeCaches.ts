// Where a Node package manager keeps its cache, and what it leaves there. npm: ~/.npm (or
// --cache, npm_config_cache). Yarn 1: /usr/local/share/.cache/yarn for root (or --cache-folder,
// YARN_CACHE_FOLDER). Yarn Berry: the project's .yarn/cache (Yarn 2 and 3), ~/.yarn/berry/cache
// (Yarn 4, lockfile metadata 8 or later), as .yarnrc.yml or YARN_ENABLE_GLOBAL_CACHE/YARN_CACHE_FOLDER
// say. pnpm: the store (--store-dir, npm_config_store_dir, $PNPM_HOME/store, else
// $XDG_DATA_HOME/pnpm/store). bun: $BUN_INSTALL_CACHE_DIR, else ~/.bun/install/cache. A cache the
// stage already has is not counted again; one under a cache mount is not in the image.
import type { RunCtx } from '../runContext';
import { formatBytes } from '../units';
import { r, residue } from './common';
import { contextFile } from './nodeBuild';

/** The value of `--flag value` or `--flag=value`. */
function flag(args: string[], name: string): string | undefined {
  for (let k = 0; k < args.length; k++) {
    if (args[k] === name) return args[k + 1];
    if (args[k].startsWith(`${name}=`)) return args[k].slice(name.length + 1);
  }
  return undefined;
}

/** `key: value` at the top of a .yarnrc.yml. */
function yarnrc(text: string | undefined, key: string): string | undefined {
  if (!text) return undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith(`${key}:`)) return line.slice(key.length + 1).trim().replace(/^["']|["']$/g, '');
  }
  return undefined;
}

/** Yarn Berry's lockfile metadata version (6: Yarn 3, 8: Yarn 4), undefined for Yarn 1. */
function berryVersion(ctx: RunCtx, project: string): number | undefined {
  const lock = contextFile(ctx, project, 'yarn.lock');
  const at = lock?.indexOf('__metadata:') ?? -1;
  if (!lock || at === -1) return undefined;
  const version = lock.indexOf('version:', at);
  return version === -1 ? 0 : parseInt(lock.slice(version + 8, version + 14), 10) || 0;
}

export function cachePath(ctx: RunCtx, p: string, project: string, args: string[]): string {
  const home = ctx.env('HOME') ?? '/root';
  const at = (rel: string) => (rel.startsWith('/') ? rel : ctx.path(`${project}/${rel}`));
  if (p === 'npm') return flag(args, '--cache') ?? ctx.env('npm_config_cache') ?? ctx.env('NPM_CONFIG_CACHE') ?? `${home}/.npm`;
  if (p === 'pnpm') {
    const pnpmHome = ctx.env('PNPM_HOME');
    return flag(args, '--store-dir') ?? ctx.env('npm_config_store_dir') ?? (pnpmHome ? `${pnpmHome}/store` : `${ctx.env('XDG_DATA_HOME') ?? `${home}/.local/share`}/pnpm/store`);
  }
  if (p === 'bun') return ctx.env('BUN_INSTALL_CACHE_DIR') ?? `${ctx.env('BUN_INSTALL') ?? `${home}/.bun`}/install/cache`;
  const berry = berryVersion(ctx, project);
  if (berry === undefined) return flag(args, '--cache-folder') ?? ctx.env('YARN_CACHE_FOLDER') ?? (home === '/root' ? '/usr/local/share/.cache/yarn' : `${home}/.cache/yarn`);
  const rc = contextFile(ctx, project, '.yarnrc.yml');
  const folder = ctx.env('YARN_CACHE_FOLDER') ?? yarnrc(rc, 'cacheFolder');
  const global = ctx.env('YARN_ENABLE_GLOBAL_CACHE') ?? yarnrc(rc, 'enableGlobalCache');
  if (folder) return at(folder);
  if (global === 'true' || (global === undefined && berry >= 8)) return `${home}/.yarn/berry/cache`;
  return at('.yarn/cache');
}

/**
 * The cache an install or a `pnpm fetch` fills. pnpm's store shares node_modules' files (hard links
 * in one layer): after an install it adds its index; after `pnpm fetch` it holds the packages.
 */
export function packageCache(ctx: RunCtx, p: string, project: string, args: string[], bytes: number, mode: 'install' | 'fetch'): void {
  const path = cachePath(ctx, p, project, args);
  if (ctx.added.some((it) => it.path === path) || ctx.stage.items.all().some((it) => it.path === path)) return;
  if (p === 'pnpm' && mode === 'install') {
    residue(ctx, path, r(bytes * 0.05, bytes * 0.02, bytes * 0.1), `pnpm store index ≈ ${formatBytes(bytes * 0.05)} (its files are node_modules' own, hard-linked)`);
    return;
  }
  if (mode === 'fetch') {
    residue(ctx, path, r(bytes, bytes * 0.65, bytes * 1.6), `pnpm fetch: the store holds the packages ≈ ${formatBytes(bytes)} (a later install links or copies them into node_modules)`);
    return;
  }
  const label = p === 'yarn' && berryVersion(ctx, project) !== undefined ? 'yarn cache (zip archives)' : `${p} cache`;
  residue(ctx, path, r(bytes * 0.5, bytes * 0.2, bytes), `${label} ≈ ${formatBytes(bytes * 0.5)}`);
}
