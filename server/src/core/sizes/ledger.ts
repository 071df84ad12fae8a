// What a stage's filesystem holds, as items with a path and a size: packages, build outputs,
// residue (caches, object files), downloads and build-context files. COPY --from asks the source
// stage's ledger what lies under a path; rm/clean commands remove what the same RUN added. Items
// whose size depends on another stage (COPY --from) or on earlier items (cp, chown -R) are lazy:
// their size is resolved per model version when asked (lazySizes.ts), so a stage's items can be
// listed without estimating the stages it copies from.
import type { KnownDownload } from './downloads';
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
  /** An archive unpacked without --strip-components whose top directory is known (`go` of the Go tarball). */
  top?: string;
  /** Many files (an unpacked archive, an install prefix): one file named inside it is a small part. */
  many?: boolean;
  /** Package names (namespaced) an install added, and the names requested. */
  pkgs?: string[];
  requested?: string[];
  /** apk --virtual group. */
  group?: string;
  /** apt-get install without --no-install-recommends: bytes of the recommended packages included in `size`. */
  recommends?: number;
  /** Counted though it may not exist at all (a module cache while go.mod is not read): no size finding claims it. */
  unsure?: boolean;
  /** For build-context files: the COPY/ADD sources as written (where manifests such as Cargo.lock are looked up). */
  sources?: string[];
  /** For downloads and what they unpacked to: what the archive is, and its sizes. */
  archive?: KnownDownload;
  /** Size and note when the item is still there at the end of its RUN (an unknown archive kept whole: a product, not a source tree). */
  kept?: { size: SizeRange; note: string };
  /** Set when `kept` replaced the size: a file named inside takes its share of the earlier, smaller figure. */
  partScale?: number;
  /** Size (and note) known only once resolved; `size` is then a placeholder. */
  lazy?: Lazy;
  /** What the estimator cannot size here, named for the user (`packages from the PostgreSQL repository`). */
  unknown?: string;
  /** Where a package or download figure comes from, when network lookups are on. */
  origin?: FigureOrigin;
  /**
   * What lies at `path` as a whole from here on (a reinstall or prune of node_modules): a copy of
   * the path sees this item, not the earlier items at or under it, which still take their layers' space.
   */
  replaces?: boolean;
  /** What a copy of `path` takes, when it differs from what this layer adds (a prune: the layer holds whiteouts). */
  view?: SizeRange;
  /** Other paths the same output may be at (a JavaScript build whose framework is not known): a copy of one of them takes it. */
  alternatives?: string[];
}

export type FigureOrigin = 'index' | 'HEAD request' | 'table';

export type Lazy =
  /** COPY --from=<earlier stage>: what that stage holds at `src` (as written, resolved in that stage). */
  | { kind: 'stage'; stage: number; src: string }
  /** cp / chown -R over earlier items: their sum; `{size}` in the template is replaced by it. */
  | { kind: 'sum'; of: Item[]; template: string; tight: boolean; scale?: number };

/** Size placeholder of a lazy item. */
export const UNRESOLVED: SizeRange = { bytes: 0, low: 0, high: 0 };

/**
 * The items of a stage: its own, after those of the stage it is built FROM (shared, not copied, so
 * a long chain of `FROM <previous stage>` stays linear).
 */
export class ItemList {
  readonly own: Item[] = [];
  constructor(readonly parent?: ItemList) {}

  push(item: Item): void {
    this.own.push(item);
  }

  /** Every item, oldest layer first. */
  all(): Item[] {
    if (!this.parent) return this.own;
    const layers: Item[][] = [];
    for (let l: ItemList | undefined = this; l; l = l.parent) if (l.own.length) layers.push(l.own);
    if (layers.length === 1) return layers[0];
    const out: Item[] = [];
    for (let k = layers.length - 1; k >= 0; k--) for (const it of layers[k]) out.push(it);
    return out;
  }

  filter(keep: (it: Item) => boolean): Item[] {
    return this.all().filter(keep);
  }
}

export function normalizePath(p: string, workdir: string, env?: ReadonlyMap<string, string>): string {
  let s = expandSimple(p, env);
  if (isClean(s)) return s;
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

/** An absolute path without `//`, `.` or `..` segments or a trailing slash: already normal. */
function isClean(s: string): boolean {
  const n = s.length;
  if (n === 0 || s.charCodeAt(0) !== 47) return false;
  if (n === 1) return true;
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && s.charCodeAt(j) !== 47) j++;
    const len = j - i - 1;
    if (len === 0 || (len <= 2 && s.charCodeAt(i + 1) === 46 && (len === 1 || s.charCodeAt(i + 2) === 46))) return false;
    i = j;
  }
  return true;
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
      const close = closingBrace(s, j);
      if (close === -1) break;
      const body = s.slice(j + 1, close);
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(:?[-+])/.exec(body);
      if (m) {
        // `${X:-word}` as BuildKit and the shell read it; an X the stage never set is unset, so the
        // default applies (`ENV REF=${REF:-main}` after a bare `ARG REF`). `${X:+word}` of an unknown X stays as written.
        const v = env.get(m[1]);
        const word = body.slice(m[0].length);
        const set = v !== undefined;
        const full = m[2][0] === ':' ? set && v !== '' : set;
        if (m[2].endsWith('-')) out += full ? v : expandSimple(word, env);
        else out += set ? (full ? expandSimple(word, env) : '') : s.slice(i, close + 1);
        i = close + 1;
        continue;
      }
      name = body.split(/[:-]/)[0];
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

/** Index of the `}` that closes the `${` whose brace is at `open` (nested `${A:-${B}}` included), or -1. */
function closingBrace(s: string, open: number): number {
  let depth = 0;
  for (let k = open; k < s.length; k++) {
    if (s[k] === '{') depth++;
    else if (s[k] === '}' && --depth === 0) return k;
  }
  return -1;
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

export interface Match {
  item: Item;
  /** Share of the item's bytes, low and high that the copy takes. */
  f: number;
  lf: number;
  hf: number;
}

/** Items of `items` that a copy of `src` takes: everything under it, or the part of an item it names. */
export function matchItems(items: readonly Item[], src: string): Match[] {
  const { base, glob } = globBase(src);
  const out: Match[] = [];
  for (const item of items) {
    // A command the estimator could not read: it names what is unknown, it holds no files to copy.
    if (item.unknown !== undefined && item.size.bytes === 0 && !item.lazy && !item.view) continue;
    if (item.replaces && (isUnder(item.path, base) || isUnder(base, item.path))) {
      for (let k = out.length - 1; k >= 0; k--) if (isUnder(out[k].item.path, item.path)) out.splice(k, 1);
    }
    if (isUnder(item.path, base)) out.push({ item, f: 1, lf: 1, hf: 1 });
    else if (item.alternatives && item.alternatives.some((a) => isUnder(a, base) || isUnder(base, a))) out.push({ item, f: 1, lf: 1, hf: 1 });
    else if (item.fuzzy && !item.many && !glob && parentOf(base) === item.path && item.kind === 'artifact') out.push({ item, f: 1, lf: 1, hf: 1 });
    // The top directory of an archive unpacked without --strip-components (go/ of the Go tarball).
    else if (item.top && !glob && base === `${item.path}/${item.top}`) out.push({ item, f: 1, lf: 1, hf: 1 });
    else if (!glob && isUnder(base, item.path) && item.kind !== 'package') {
      // A path inside something we only know as a whole: all of a build output whose file name is
      // unknown, a part of many files (an unpacked archive, an install), a small part of the rest.
      const f = item.kind === 'artifact' && !item.many ? 1 : item.many ? 0.1 * (item.partScale ?? 1) : 0.05;
      out.push({ item, f, lf: f * (f === 1 ? 1 : 0.2), hf: Math.min(1, f * 4) });
    }
  }
  return out;
}

/**
 * `path` is the top directory of the unpacked tree `it` (`/usr/src/Python-3.12.1`, `/opt/jdk-21.0.1+12`
 * of a Temurin tarball): its known top, or a directory beside it named like the archive.
 */
export function isTreeTop(path: string, it: Item): boolean {
  if (!it.fuzzy || !it.archive || parentOf(path) !== it.path) return false;
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (it.top && name === it.top.toLowerCase()) return true;
  const read = it.archive.name;
  // The archive file lying beside its tree is not the tree.
  if (!read || name === read.file.toLowerCase() || ARCHIVE_ENDINGS.some((e) => name.endsWith(e))) return false;
  if ((read.kind === 'jdk' || read.kind === 'jre') && (name.startsWith('jdk') || name.startsWith('jre') || name.includes('jdk'))) return true;
  const prefix = namePrefix(read.stem.toLowerCase());
  return prefix.length >= 3 && name.startsWith(prefix);
}

const ARCHIVE_ENDINGS = ['.tar', '.tar.gz', '.tgz', '.tar.xz', '.txz', '.tar.bz2', '.tbz2', '.tar.zst', '.zip', '.asc', '.sig', '.sha256'];

/** The letters of an archive name before its version (`apache-maven-3.9.6-bin` -> `apache-maven-`). */
function namePrefix(stem: string): string {
  let i = 0;
  while (i < stem.length && !(stem[i] >= '0' && stem[i] <= '9')) i++;
  return stem.slice(0, i);
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
