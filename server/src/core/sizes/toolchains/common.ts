// Helpers every toolchain handler uses: a size range literal, and recording a build output
// (artifact: what later stages copy) or residue (caches, object files: what a builder pays for).
import type { RunCtx } from '../runContext';
import type { SizeRange } from '../types';

export const r = (bytes: number, low: number, high: number): SizeRange => ({ bytes, low, high });

export function artifact(ctx: RunCtx, path: string, size: SizeRange, note: string, fuzzy = false): void {
  ctx.add({ path, size, kind: 'artifact', note, fuzzy });
}

export function residue(ctx: RunCtx, path: string, size: SizeRange, note: string): void {
  ctx.add({ path, size, kind: 'residue', note });
}

/** `dir/` -> `dir`, `./x/` -> `x`, `.` -> `` (a loop: a regex on a run of slashes backtracks). */
export function bareDir(p: string): string {
  let start = 0;
  if (p.startsWith('./')) start = 2;
  else if (p === '.') start = 1;
  let end = p.length;
  while (end > start && p[end - 1] === '/') end--;
  return p.slice(start, end);
}
