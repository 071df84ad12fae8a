// How many packages an install puts in node_modules, from the lockfile the stage copied: the
// package manager's own first (npm: package-lock.json or npm-shrinkwrap.json, yarn: yarn.lock,
// pnpm: pnpm-lock.yaml, bun: bun.lock), then any other. bun.lockb is binary and is not read. Dev-only
// packages come from the lockfile where it marks them, else from package.json's dependencies.
import type { RunCtx } from '../runContext';
import { type LockGraph, bunLock, pnpmLock, reachable, yarnLock } from './nodeLockGraphs';
import { contextFile } from './nodeBuild';

export interface LockCount {
  count: number;
  /** The lockfile read, as the note names it. */
  format: string;
  /** The production share is a fraction of all packages: neither the lockfile nor package.json said which are dev. */
  devGuessed?: boolean;
}

/** Production share of node_modules when nothing says which packages are dev-only (70 of 160 MB). */
export const PRODUCTION_SHARE = 70 / 160;

const LOCKFILES: Record<string, string[]> = {
  npm: ['package-lock.json', 'npm-shrinkwrap.json'],
  yarn: ['yarn.lock'],
  pnpm: ['pnpm-lock.yaml'],
  bun: ['bun.lock'],
};
const ORDER = ['npm', 'yarn', 'pnpm', 'bun'];

export interface Manifest {
  deps: [string, string][];
  devDeps: [string, string][];
}

/** package.json's dependencies (with optional ones) and devDependencies; undefined when unreadable. */
export function manifest(ctx: RunCtx, project: string): Manifest | undefined {
  const text = contextFile(ctx, project, 'package.json');
  if (text === undefined) return undefined;
  try {
    const j = JSON.parse(text) as Record<string, unknown>;
    const list = (o: unknown): [string, string][] => (o && typeof o === 'object' ? Object.entries(o).filter((e): e is [string, string] => typeof e[1] === 'string') : []);
    return { deps: [...list(j.dependencies), ...list(j.optionalDependencies)], devDeps: list(j.devDependencies) };
  } catch {
    return undefined;
  }
}

export function lockCount(ctx: RunCtx, project: string, p: string, production: boolean): LockCount | undefined {
  for (const manager of [p, ...ORDER.filter((m) => m !== p)]) {
    for (const name of LOCKFILES[manager] ?? []) {
      const text = contextFile(ctx, project, name);
      if (text === undefined) continue;
      const counted = manager === 'npm' ? npmLock(text, name, production) : graphCount(manager, text, production, () => manifest(ctx, project));
      if (counted) return counted;
    }
  }
  return undefined;
}

function graphCount(manager: string, text: string, production: boolean, pkg: () => Manifest | undefined): LockCount | undefined {
  const graph: LockGraph | undefined = manager === 'yarn' ? yarnLock(text) : manager === 'pnpm' ? pnpmLock(text) : bunLock(text);
  if (!graph || graph.entries.length === 0) return undefined;
  const all = graph.entries.length;
  if (!production) return { count: all, format: graph.format };
  if (graph.dev !== undefined) return { count: Math.max(0, all - graph.dev), format: graph.format };
  const roots = graph.roots?.length ? graph.roots : pkg()?.deps;
  if (roots) return { count: reachable(graph, roots), format: graph.format };
  return { count: Math.round(all * PRODUCTION_SHARE), format: graph.format, devGuessed: true };
}

/** package-lock.json: v2/v3 key each package `node_modules/...`; v1 has one "resolved" per package. */
function npmLock(text: string, name: string, production: boolean): LockCount | undefined {
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
  if (all === 0) [all, dev] = [occurrences(text, '"resolved":'), occurrences(text, '"dev": true')];
  if (all === 0 && !text.includes('"lockfileVersion"')) return undefined;
  return { count: production ? Math.max(0, all - dev) : all, format: name };
}

function occurrences(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}
