// A package index as the online lookups hand it to the estimator (and keep it in their cache on
// disk): per package its installed size, dependencies (groups of alternatives), recommendations
// and what it provides; the format's parsers fill it through IndexBuilder (one entry per name, the
// highest version kept), and IndexView answers lookups by name, building its maps on first use.

export interface PackageIndexData {
  format: 'deb' | 'apk' | 'rpm';
  /** What the index is (`Debian bookworm main`), for notes. */
  label: string;
  names: string[];
  /** Installed bytes per package. */
  bytes: number[];
  /** Per package: groups " "-separated, alternatives "|"-separated. */
  deps: string[];
  recs: string[];
  /** Per package: the names it provides, " "-separated. */
  provides: string[];
  /** Packages in every system of the distribution (Debian: Essential or Priority: required). */
  required: string[];
}

export interface IndexEntry {
  name: string;
  version: string;
  bytes: number;
  deps: string[][];
  recs: string[][];
  provides: string[];
  required?: boolean;
}

/** Most packages name a few dozen relations: a longer list is cut (an index of hostile size stays bounded). */
const MAX_RELATIONS = 400;

export class IndexBuilder {
  private readonly at = new Map<string, number>();
  private readonly versions: string[] = [];
  readonly data: PackageIndexData;

  constructor(format: PackageIndexData['format'], label: string) {
    this.data = { format, label, names: [], bytes: [], deps: [], recs: [], provides: [], required: [] };
  }

  get size(): number {
    return this.data.names.length;
  }

  add(e: IndexEntry): void {
    if (!e.name || e.name.length > 256 || !Number.isFinite(e.bytes) || e.bytes < 0) return;
    const d = this.data;
    let i = this.at.get(e.name);
    if (i !== undefined && compareVersions(e.version, this.versions[i]) < 0) return;
    if (i === undefined) {
      i = d.names.length;
      this.at.set(e.name, i);
      d.names.push(e.name);
    }
    this.versions[i] = e.version;
    d.bytes[i] = e.bytes;
    d.deps[i] = groupsText(e.deps);
    d.recs[i] = groupsText(e.recs);
    d.provides[i] = e.provides.slice(0, MAX_RELATIONS).join(' ');
    if (e.required && !d.required.includes(e.name)) d.required.push(e.name);
  }
}

function groupsText(groups: string[][]): string {
  return groups.slice(0, MAX_RELATIONS).map((g) => g.join('|')).join(' ');
}

/** Versions compared run by run, digits as numbers (`1.10` after `1.9`); `~` sorts first, as in dpkg. */
export function compareVersions(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const da = isDigit(a.charCodeAt(i));
    const db = isDigit(b.charCodeAt(j));
    if (da && db) {
      let x = i;
      let y = j;
      while (x < a.length && isDigit(a.charCodeAt(x))) x++;
      while (y < b.length && isDigit(b.charCodeAt(y))) y++;
      const na = Number(a.slice(i, x));
      const nb = Number(b.slice(j, y));
      if (na !== nb) return na < nb ? -1 : 1;
      i = x;
      j = y;
      continue;
    }
    const ca = i < a.length ? a[i] : '';
    const cb = j < b.length ? b[j] : '';
    if (ca !== cb) return ca === '~' ? -1 : cb === '~' ? 1 : ca < cb ? -1 : 1;
    i++;
    j++;
  }
  return 0;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Lookups over one index: its maps are built when first asked. */
export class IndexView {
  private byName: Map<string, number> | undefined;
  private byProvided: Map<string, number[]> | undefined;

  constructor(readonly data: PackageIndexData) {}

  indexOf(name: string): number | undefined {
    if (!this.byName) {
      this.byName = new Map();
      this.data.names.forEach((n, i) => this.byName!.set(n, i));
    }
    return this.byName.get(name);
  }

  /** The packages that provide `name` (not counting one of that name). */
  providers(name: string): number[] {
    if (!this.byProvided) {
      const m = new Map<string, number[]>();
      this.data.provides.forEach((text, i) => {
        if (!text) return;
        for (const p of text.split(' ')) {
          const list = m.get(p);
          if (!list) m.set(p, [i]);
          else if (list[list.length - 1] !== i) list.push(i);
        }
      });
      this.byProvided = m;
    }
    return this.byProvided.get(name) ?? [];
  }

  groups(i: number, recommends: boolean): string[][] {
    const text = recommends ? this.data.recs[i] : this.data.deps[i];
    return text ? text.split(' ').map((g) => g.split('|')) : [];
  }
}

const views = new WeakMap<PackageIndexData, IndexView>();

export function indexView(data: PackageIndexData): IndexView {
  let v = views.get(data);
  if (!v) views.set(data, (v = new IndexView(data)));
  return v;
}

/** Whether a value read back from a cache file has the shape of an index (arrays of the same length). */
export function isIndexData(x: unknown): x is PackageIndexData {
  if (!x || typeof x !== 'object') return false;
  const d = x as Record<string, unknown>;
  const n = Array.isArray(d.names) ? d.names.length : -1;
  return (
    (d.format === 'deb' || d.format === 'apk' || d.format === 'rpm') &&
    typeof d.label === 'string' &&
    n >= 0 &&
    (d.names as unknown[]).every((v) => typeof v === 'string') &&
    Array.isArray(d.bytes) && d.bytes.length === n && d.bytes.every((v) => typeof v === 'number' && v >= 0) &&
    ['deps', 'recs', 'provides', 'required'].every((k) => Array.isArray(d[k]) && (k === 'required' || (d[k] as unknown[]).length === n) && (d[k] as unknown[]).every((v) => typeof v === 'string'))
  );
}
