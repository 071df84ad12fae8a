// One Debian suite's package index (data/deb-<suite>.json, written by data/tools/build-deb-index.mjs):
// what `apt-get install` of some names adds to an image that already holds some packages, and its
// installed size. Pure: the caller hands in the parsed data (debSuites.ts loads the shipped files).

export interface DebIndexData {
  suite: string;
  /** Where and when the index was read, and what it holds. */
  src?: string;
  units?: string;
  note?: string;
  /** " a b ... ": real packages first, then virtual-only names; an index is a position in this list. */
  names: string;
  real: number;
  virtual: number;
  /** Installed-Size (KiB) per real package. */
  size: number[];
  /** Per real package, ","-separated: groups " "-separated, OR-alternatives "|"-separated, indexes in base 36. */
  dep: string;
  rec: string;
  /** Per virtual-only name, ","-separated: its providers, "|"-separated. */
  prov: string;
  /** Essential or Priority: required, " "-separated. */
  req: string;
  /** Base-image package sets, " "-separated indexes. */
  sets: Record<string, string>;
}

export interface DebInstallOptions {
  /** Already installed (bare Debian name): not added again, and what it depends on is taken as there. */
  installed?: (name: string) => boolean;
  /** Follow Recommends, as apt does unless `--no-install-recommends` (default true). */
  recommends?: boolean;
  /** Factor on Installed-Size: slim images drop docs (0.85 in the estimator). */
  docsFactor?: number;
}

export interface DebInstall {
  /** Installed-Size of the added packages in bytes (KiB x 1024), times docsFactor. */
  bytes: number;
  /** Packages apt would add, bare names. */
  added: string[];
  /** Requested names this suite has neither as a package nor as a virtual name. */
  unknown: string[];
}

type Groups = number[][];
const NO_GROUPS: Groups = [];
const MAX_NAME = 128;

/** `curl=7.88.1-10+deb12u5`, `libssl3:amd64`, `nginx/bookworm-backports` -> the package name. */
export function bareDebName(spec: string): string {
  let end = spec.length;
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i];
    if (c === '=' || c === ':' || c === '/') {
      end = i;
      break;
    }
  }
  return spec.slice(0, end).toLowerCase();
}

function parseIndexes(text: string, sep: string): number[] {
  return text ? text.split(sep).map((x) => parseInt(x, 36)) : [];
}

/** Where each of `count` `sep`-separated fields of `text` starts (plus one past the end). */
function fieldStarts(text: string, sep: string, count: number, from = 0): Int32Array {
  const starts = new Int32Array(count + 1);
  let p = from;
  for (let i = 0; i < count; i++) {
    starts[i] = p;
    const q = text.indexOf(sep, p);
    p = q < 0 ? text.length + 1 : q + 1;
  }
  starts[count] = p;
  return starts;
}

function field(text: string, starts: Int32Array, i: number): string {
  return text.slice(starts[i], starts[i + 1] - 1);
}

export class DebIndex {
  readonly suite: string;
  private readonly count: number;
  private readonly nameAt: Int32Array;
  private readonly depAt: Int32Array;
  private readonly recAt: Int32Array;
  private readonly provAt: Int32Array;
  private readonly lookups = new Map<string, number | undefined>();
  private readonly deps: (Groups | undefined)[] = [];
  private readonly recs: (Groups | undefined)[] = [];
  private readonly provs: (number[] | undefined)[] = [];

  constructor(private readonly data: DebIndexData) {
    this.suite = data.suite;
    const real = data.real;
    this.count = real + data.virtual;
    this.nameAt = fieldStarts(data.names, ' ', this.count, 1);
    this.depAt = fieldStarts(data.dep, ',', real);
    this.recAt = fieldStarts(data.rec, ',', real);
    this.provAt = fieldStarts(data.prov, ',', data.virtual);
  }

  private name(i: number): string {
    return field(this.data.names, this.nameAt, i);
  }

  /** A name's index: found in the names text (a lookup is rare: requested names only), then by binary search of the starts. */
  private indexOf(name: string): number | undefined {
    if (this.lookups.has(name)) return this.lookups.get(name);
    // Debian names are short (under 100 characters): a longer word from a Dockerfile is no name to search for.
    const at = name && name.length <= MAX_NAME && !name.includes(' ') ? this.data.names.indexOf(' ' + name + ' ') : -1;
    let found: number | undefined;
    if (at >= 0) {
      let lo = 0;
      let hi = this.count - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (this.nameAt[mid] <= at + 1) lo = mid;
        else hi = mid - 1;
      }
      found = lo;
    }
    if (this.lookups.size > 2000) this.lookups.clear();
    this.lookups.set(name, found);
    return found;
  }

  private groups(i: number, rec: boolean): Groups {
    const cache = rec ? this.recs : this.deps;
    let g = cache[i];
    if (!g) {
      const text = rec ? field(this.data.rec, this.recAt, i) : field(this.data.dep, this.depAt, i);
      g = text ? text.split(' ').map((alt) => parseIndexes(alt, '|')) : NO_GROUPS;
      cache[i] = g;
    }
    return g;
  }

  private providers(i: number): number[] {
    const v = i - this.data.real;
    return (this.provs[v] ??= parseIndexes(field(this.data.prov, this.provAt, v), '|'));
  }

  /** The package apt installs for a requested name (pins and arch dropped, a virtual name to its first provider). */
  resolve(spec: string): string | undefined {
    const i = this.indexOf(bareDebName(spec));
    return i === undefined ? undefined : this.name(i < this.data.real ? i : this.providers(i)[0]);
  }

  /**
   * The package of this suite that differs from `name` only in its version number, nearest first
   * (`postgresql-17` -> `postgresql-15` in bookworm, `python3.10` -> `python3.11`, `php8.3-cli` -> `php8.2-cli`).
   */
  nearestVersion(name: string): string | undefined {
    const span = versionSpan(name);
    if (!span) return undefined;
    const head = ' ' + name.slice(0, span[0]);
    const tail = name.slice(span[1]) + ' ';
    const want = versionValue(name.slice(span[0], span[1]));
    const names = this.data.names;
    let best: string | undefined;
    let bestD = Infinity;
    let hits = 0;
    for (let at = names.indexOf(head); at >= 0 && hits < 20_000; at = names.indexOf(head, at + 1), hits++) {
      const start = at + head.length;
      let end = start;
      while (end < names.length && isVersionChar(names.charCodeAt(end), end > start)) end++;
      if (end === start || !names.startsWith(tail, end)) continue;
      const candidate = names.slice(at + 1, end + tail.length - 1);
      const i = this.indexOf(candidate);
      if (i === undefined || i >= this.data.real) continue;
      const v = versionValue(names.slice(start, end));
      const d = Math.abs(v - want) + (v > want ? 0.5 : 0);
      if (d < bestD) [best, bestD] = [candidate, d];
    }
    return best;
  }

  /** Installed-Size in KiB of a real package. */
  sizeKiB(name: string): number | undefined {
    const i = this.indexOf(name);
    return i !== undefined && i < this.data.real ? this.data.size[i] : undefined;
  }

  /** What a package depends on (Depends and Pre-Depends), apt's first pick of each OR group. */
  depends(name: string): string[] {
    const i = this.indexOf(name);
    if (i === undefined || i >= this.data.real) return [];
    return this.groups(i, false).map((g) => this.name(g[0] < this.data.real ? g[0] : this.providers(g[0])[0]));
  }

  /** Essential and Priority: required packages: in every Debian system. */
  required(): string[] {
    return parseIndexes(this.data.req, ' ').map((i) => this.name(i));
  }

  /** A base-image package set (base, curl, scm, full, slim, gobuild, rust). */
  set(key: string): string[] {
    return parseIndexes(this.data.sets[key] ?? '', ' ').map((i) => this.name(i));
  }

  /** The packages `apt-get install specs` adds on top of `installed`, and their size. */
  install(specs: string[], opts: DebInstallOptions = {}): DebInstall {
    const installed = opts.installed;
    const recommends = opts.recommends ?? true;
    const real = this.data.real;
    const chosen = new Set<number>();
    const added: number[] = [];
    const unknown: string[] = [];
    const met = (i: number): boolean => (i < real ? chosen.has(i) || !!installed?.(this.name(i)) : this.providers(i).some(met));
    // apt keeps what satisfies a relation already; otherwise it takes the first alternative (and a virtual name's first provider).
    const pick = (i: number): number => (i < real ? i : this.providers(i).find(met) ?? this.providers(i)[0]);
    const want = (i: number): void => {
      if (chosen.has(i)) return;
      chosen.add(i);
      if (!installed?.(this.name(i))) added.push(i);
    };
    for (const spec of specs) {
      const i = this.indexOf(bareDebName(spec));
      if (i === undefined) unknown.push(spec);
      else want(pick(i));
    }
    for (let k = 0; k < added.length; k++) {
      const i = added[k];
      for (const g of this.groups(i, false)) if (!g.some(met)) want(pick(g[0]));
      if (recommends) for (const g of this.groups(i, true)) if (!g.some(met)) want(pick(g[0]));
    }
    let kib = 0;
    for (const i of added) kib += this.data.size[i];
    return { bytes: kib * 1024 * (opts.docsFactor ?? 1), added: added.map((i) => this.name(i)), unknown };
  }
}

function isVersionChar(c: number, inside: boolean): boolean {
  return (c >= 48 && c <= 57) || (inside && c === 46);
}

/** Where the first version number of a package name lies (`postgresql-16-postgis-3` -> `16`), after a stem of 3+ characters. */
function versionSpan(name: string): [number, number] | undefined {
  let start = 0;
  while (start < name.length && !isVersionChar(name.charCodeAt(start), false)) start++;
  if (start < 3 || start >= name.length) return undefined;
  let end = start;
  while (end < name.length && isVersionChar(name.charCodeAt(end), end > start)) end++;
  if (name[end - 1] === '.') end--;
  return [start, end];
}

/** `15` -> 15000, `3.11` -> 3011, `1.22` -> 1022: comparable distances between versions. */
function versionValue(v: string): number {
  const [major, minor] = v.split('.');
  return Number(major) * 1000 + (minor ? Math.min(999, Number(minor)) : 0);
}
