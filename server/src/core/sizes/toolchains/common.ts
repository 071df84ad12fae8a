// Helpers every toolchain handler uses: a size range literal, and recording a build output
// (artifact: what later stages copy) or residue (caches, object files: what a builder pays for).
import type { RunCtx } from '../runContext';
import type { SizeRange } from '../types';

export const r = (bytes: number, low: number, high: number): SizeRange => ({ bytes, low, high });

export function artifact(ctx: RunCtx, path: string, size: SizeRange, note: string, fuzzy = false, unknown?: string): void {
  ctx.add({ path, size, kind: 'artifact', note, fuzzy, unknown });
}

export function residue(ctx: RunCtx, path: string, size: SizeRange, note: string): void {
  ctx.add({ path, size, kind: 'residue', note });
}

/** A file of the build context where the working directory was copied from (`COPY ./backend .`), else at its root. */
export function contextTextBeside(ctx: RunCtx, name: string): string | undefined {
  for (const raw of [...ctx.contextSourcesAt(ctx.cwd ?? ctx.workdir), '']) {
    const d = bareDir(raw);
    const text = ctx.io?.contextText?.(d ? `${d}/${name}` : name);
    if (text !== undefined) return text;
  }
  return undefined;
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

/**
 * Where pip installs in the official python images: /usr/local/lib/python3.X/site-packages, X from
 * PYTHON_VERSION or the image's tag (a later `COPY --from=builder /usr/local/lib/python3.12` finds it).
 */
export function sitePackages(ctx: RunCtx): string {
  const version = ctx.env('PYTHON_VERSION') ?? /(?:^|\/)python:(3\.\d+)/.exec(ctx.figure.ref)?.[1];
  const minor = version && /^3\.\d+/.exec(version)?.[0];
  return `/usr/local/lib/python${minor ?? '3'}/site-packages`;
}
