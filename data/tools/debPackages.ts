// Reads a Debian Packages index (the text apt fetches) and encodes it in the compact form of
// data/deb-<suite>.json (DebIndexData, read by server/src/core/sizes/debIndex.ts). Used by
// build-deb-index.mjs, and by the unit tests on Packages text of their own.
import type { DebIndexData } from '../../server/src/core/sizes/debIndex';

export interface DebPackage {
  name: string;
  version: string;
  /** Installed-Size, KiB. */
  size: number;
  /** 0 required, 1 important, 2 standard, 3 optional, 4 extra. */
  prio: number;
  essential: boolean;
  /** Pre-Depends and Depends: groups of OR-alternatives, versions and arch qualifiers dropped. */
  deps: string[][];
  recs: string[][];
  provides: string[];
}

const PRIORITY: Record<string, number> = { required: 0, important: 1, standard: 2, optional: 3, extra: 4 };

function field(block: string, name: string): string {
  const at = block.startsWith(name + ':') ? 0 : block.indexOf('\n' + name + ':') + 1;
  if (at === 0 && !block.startsWith(name + ':')) return '';
  const end = block.indexOf('\n', at);
  return block.slice(at + name.length + 1, end < 0 ? undefined : end).trim();
}

/** "a (>= 1) | b:any, c" -> [["a","b"],["c"]]. */
function relations(text: string): string[][] {
  if (!text) return [];
  return text.split(',').map((g) => g.split('|').map((a) => a.trim().split(/[\s(:[]/)[0]).filter(Boolean)).filter((g) => g.length);
}

/** The packages of a Packages text; of two versions of one name, the one `newer` prefers (default: the later stanza). */
export function parsePackages(text: string, newer: (a: string, b: string) => boolean = () => false): Map<string, DebPackage> {
  const pkgs = new Map<string, DebPackage>();
  for (const block of text.split('\n\n')) {
    const name = field(block, 'Package');
    if (!name) continue;
    const p: DebPackage = {
      name, version: field(block, 'Version'), size: Number(field(block, 'Installed-Size') || 0), prio: PRIORITY[field(block, 'Priority')] ?? 3,
      essential: field(block, 'Essential') === 'yes', deps: relations([field(block, 'Pre-Depends'), field(block, 'Depends')].filter(Boolean).join(',')),
      recs: relations(field(block, 'Recommends')), provides: relations(field(block, 'Provides')).map((g) => g[0]),
    };
    const prev = pkgs.get(name);
    if (prev && newer(prev.version, p.version)) continue;
    pkgs.set(name, p);
  }
  return pkgs;
}

// Crate and ABI aliases (librust-serde-1+derive-dev, libghc-base-dev-4.15.1.0-6a406): 12k-54k names a
// suite, never installed by hand. Relations to them point at their one provider instead.
const isAlias = (v: string, providers: string[]) => providers.length === 1 && (v.startsWith('librust-') || v.startsWith('libghc-'));

/** The compact index of one suite (sets left empty: the builder adds them). */
export function encodeSuite(suite: string, src: string, pkgs: Map<string, DebPackage>): DebIndexData {
  const providers = new Map<string, string[]>();
  for (const p of pkgs.values()) for (const v of p.provides) if (!pkgs.has(v)) (providers.get(v) ?? providers.set(v, []).get(v)!).push(p.name);
  // A name with one provider is that provider in a relation; alternatives apt cannot install in
  // this suite are dropped, and a group left empty (a broken relation) with them.
  const target = (n: string) => (pkgs.has(n) ? n : providers.get(n)?.length === 1 ? providers.get(n)![0] : providers.has(n) ? n : '');
  const clean = (groups: string[][], self: string) => groups.map((g) => [...new Set(g.map(target).filter(Boolean))]).filter((g) => g.length && !g.includes(self));
  const deps = new Map<string, string[][]>();
  const recs = new Map<string, string[][]>();
  const refs = new Map<string, number>();
  for (const p of pkgs.values()) {
    const d = clean(p.deps, p.name);
    const depKeys = new Set(d.map((g) => g.join('|')));
    const r = clean(p.recs, p.name).filter((g) => !depKeys.has(g.join('|')));
    deps.set(p.name, d);
    recs.set(p.name, r);
    for (const g of [...d, ...r]) for (const a of g) refs.set(a, (refs.get(a) ?? 0) + 1);
  }
  // Most referenced first: the names every package needs (libc6) get the shortest indexes.
  const byRefs = (a: string, b: string) => (refs.get(b) ?? 0) - (refs.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0);
  const real = [...pkgs.keys()].sort(byRefs);
  const virtual = [...providers.keys()].filter((v) => !isAlias(v, providers.get(v)!)).sort(byRefs);
  const index = new Map([...real, ...virtual].map((n, i) => [n, i.toString(36)]));
  const groupText = (groups: string[][]) => groups.map((g) => g.map((a) => index.get(a)).join('|')).join(' ');
  const rank = (n: string) => pkgs.get(n)!.prio;
  return {
    src, suite, units: 'size: Installed-Size in KiB (1024 bytes), docs included',
    names: ' ' + [...real, ...virtual].join(' ') + ' ', real: real.length, virtual: virtual.length,
    size: real.map((n) => pkgs.get(n)!.size),
    dep: real.map((n) => groupText(deps.get(n)!)).join(','),
    rec: real.map((n) => groupText(recs.get(n)!)).join(','),
    prov: virtual.map((v) => providers.get(v)!.sort((a, b) => rank(a) - rank(b) || byRefs(a, b)).map((n) => index.get(n)).join('|')).join(','),
    req: real.filter((n) => pkgs.get(n)!.essential || pkgs.get(n)!.prio === 0).map((n) => index.get(n)).join(' '),
    sets: {},
  };
}
