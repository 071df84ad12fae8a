// What a stage's filesystem holds, as items with a path and a size: packages, build outputs,
// residue (caches, object files), downloads and build-context files. COPY --from asks the source
// stage's ledger what lies under a path; rm/clean commands remove what the same RUN added.
import type { SizeRange } from './types';

export type ItemKind = 'package' | 'artifact' | 'residue' | 'download' | 'context' | 'tree' | 'copied';

export interface Item {
  /** Absolute path; for `fuzzy` items, the directory the file lands in. */
  path: string;
  size: SizeRange;
  kind: ItemKind;
  note: string;
  /** The file name is unknown (e.g. `go build` without -o): any path in `path` may be it. */
  fuzzy?: boolean;
  /** Package names (namespaced) an install added, and the names requested. */
  pkgs?: string[];
  requested?: string[];
  /** apk --virtual group. */
  group?: string;
  /** For downloads: what the archive is and its unpacked size. */
  archive?: { unpacked: number; what: string };
}

export function normalizePath(p: string, workdir: string, env?: ReadonlyMap<string, string>): string {
  let s = expandSimple(p, env);
  if (s.startsWith('~')) s = '/root' + s.slice(1);
  if (!s.startsWith('/')) s = (workdir.endsWith('/') ? workdir : workdir + '/') + s;
  const parts: string[] = [];
  for (const seg of s.split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return '/' + parts.join('/');
}

/** `$VAR` and `${VAR}` from `env`; unknown variables are left as written. */
export function expandSimple(s: string, env?: ReadonlyMap<string, string>): string {
  if (!env || s.indexOf('$') === -1) return s;
  let out = '';
  let i = 0;
  while (i < s.length) {
    if (s[i] !== '$') {
      out += s[i++];
      continue;
    }
    let name = '';
    let j = i + 1;
    if (s[j] === '{') {
      const close = s.indexOf('}', j);
      if (close === -1) break;
      name = s.slice(j + 1, close).split(/[:-]/)[0];
      j = close + 1;
    } else {
      while (j < s.length && /[A-Za-z0-9_]/.test(s[j])) j++;
      name = s.slice(i + 1, j);
    }
    const v = env.get(name);
    out += v ?? s.slice(i, j);
    i = Math.max(j, i + 1);
  }
  return out;
}

/** Strips a trailing glob (`/var/lib/apt/lists/*` -> `/var/lib/apt/lists`). */
export function globBase(p: string): { base: string; glob: boolean } {
  const star = p.search(/[*?[]/);
  if (star === -1) return { base: withoutTrailingSlashes(p) || '/', glob: false };
  const cut = p.lastIndexOf('/', star);
  return { base: cut <= 0 ? '/' : p.slice(0, cut), glob: true };
}

export function isUnder(path: string, dir: string): boolean {
  return dir === '/' || path === dir || path.startsWith(dir.endsWith('/') ? dir : dir + '/');
}

/** Items of `items` that a copy of `src` takes: everything under it, or the part of an item it names. */
export function itemsAt(items: readonly Item[], src: string): { size: SizeRange; matched: Item[] } {
  const { base, glob } = globBase(src);
  const matched: Item[] = [];
  let bytes = 0;
  let low = 0;
  let high = 0;
  for (const it of items) {
    if (isUnder(it.path, base)) {
      matched.push(it);
      bytes += it.size.bytes;
      low += it.size.low;
      high += it.size.high;
    } else if (it.fuzzy && !glob && parentOf(base) === it.path && it.kind === 'artifact') {
      matched.push(it);
      bytes += it.size.bytes;
      low += it.size.low;
      high += it.size.high;
    } else if (!glob && isUnder(base, it.path) && it.kind !== 'package') {
      // A file inside a tree we only know as a whole: a small part of it.
      const f = it.kind === 'artifact' ? 1 : 0.05;
      matched.push(it);
      bytes += it.size.bytes * f;
      low += it.size.low * f * 0.1;
      high += it.size.high * Math.min(1, f * 4);
    }
  }
  return { size: { bytes, low, high }, matched };
}

function parentOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

/** A loop, not /\/+$/: that backtracks quadratically on a long run of slashes. */
function withoutTrailingSlashes(p: string): string {
  let end = p.length;
  while (end > 0 && p[end - 1] === '/') end--;
  return p.slice(0, end);
}
