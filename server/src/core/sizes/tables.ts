// The shipped size tables (data/*.json, bundled by esbuild) and lookups over them: base image rows,
// Debian package sizes with dependency closure, and Alpine/RPM sizes derived from them.
import baseData from '../../../../data/base-images.json';
import debData from '../../../../data/deb-packages.json';
import { ALPINE_BASE, APK, APK_TO_DEB, RPM_TO_DEB } from './derivedPackages';

/** [image, tag, resolvedTag, uncompressedMB, compressedMB|0, date, source, family, packageSet, how] */
export type BaseRow = [string, string, string, number, number, string, string, string, string, string];

export const BASE_ROWS = baseData.rows as BaseRow[];
export const BASE_ALIASES = baseData.alias as [string, string, string][];
export const FAMILY_RATIOS = baseData.ratios as Record<string, number>;
export const TABLE_DATE = baseData.asOf as string;

const DEB = debData.p as unknown as Record<string, [number, string?]>;
const DEB_VIRTUAL = debData.v as Record<string, string>;
const DEB_SETS = debData.s as Record<string, string>;

export type PackageManager = 'deb' | 'apk' | 'rpm';

export interface PackageSize {
  /** Bytes installed by the packages and the dependencies not already present. */
  bytes: number;
  /** Names (namespaced by manager) that the install adds. */
  added: string[];
  /** Requested names found in no table (estimated with a default). */
  unknown: string[];
  derived: boolean;
}

const depCache = new Map<string, string[]>();
function debDeps(name: string): string[] {
  let deps = depCache.get(name);
  if (!deps) {
    const d = DEB[name]?.[1];
    deps = d ? d.split(' ') : [];
    depCache.set(name, deps);
  }
  return deps;
}

export function debName(name: string): string | undefined {
  const bare = name.split(/[=:]/)[0].toLowerCase();
  if (DEB[bare]) return bare;
  return DEB_VIRTUAL[bare];
}

const setCache = new Map<string, Set<string>>();
/** Installed package names, layered: a stage shares its parent's set and records only its changes. */
export class PackageSet {
  private added = new Set<string>();
  private removed = new Set<string>();
  constructor(private readonly parent?: { has(name: string): boolean }) {}
  has(name: string): boolean {
    if (this.added.has(name)) return true;
    if (this.removed.has(name)) return false;
    return this.parent?.has(name) ?? false;
  }
  add(name: string): void {
    this.removed.delete(name);
    this.added.add(name);
  }
  delete(name: string): void {
    this.added.delete(name);
    this.removed.add(name);
  }
}

/** Package names a base image ships, namespaced (`deb:bash`, `apk:musl`). */
export function basePackages(set: string | undefined): Set<string> {
  if (!set) return new Set();
  let s = setCache.get(set);
  if (!s) {
    s = new Set(set === 'alpine' ? ALPINE_BASE.map((n) => 'apk:' + n) : (DEB_SETS[set] ?? '').split(' ').filter(Boolean).map((n) => 'deb:' + n));
    setCache.set(set, s);
  }
  return s;
}

const closureCache = new Map<string, { names: string[]; unknown: string[] }>();

/** Dependency closure of the requested packages (cached by request), deepest last. */
function debClosure(names: string[]): { names: string[]; unknown: string[] } {
  const key = names.join(' ');
  let hit = closureCache.get(key);
  if (hit) return hit;
  const out: string[] = [];
  const unknown: string[] = [];
  const seen = new Set<string>();
  const stack: string[] = [];
  for (const n of names) {
    const r = debName(n);
    if (r) stack.push(r);
    else unknown.push(n);
  }
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    out.push(n);
    for (const d of debDeps(n)) if (!seen.has(d)) stack.push(d);
  }
  hit = { names: out, unknown };
  if (closureCache.size > 5000) closureCache.clear();
  closureCache.set(key, hit);
  return hit;
}

/** Installed size of Debian packages and their dependency closure, minus what `have` holds. */
export function debInstall(names: string[], have: { has(name: string): boolean }, docsFactor = 1): PackageSize {
  const closure = debClosure(names);
  const added: string[] = [];
  let kib = 0;
  for (const n of closure.names) {
    if (have.has('deb:' + n)) continue;
    kib += DEB[n]?.[0] ?? 0;
    added.push('deb:' + n);
  }
  return { bytes: kib * 1024 * docsFactor + closure.unknown.length * 2e6, added, unknown: closure.unknown, derived: false };
}

/**
 * Alpine: the curated sizes of derivedPackages.ts, else the Debian package of the same role scaled
 * by 0.55 (Alpine ships no docs and links against musl). Derived, and labelled so.
 */
export function apkInstall(names: string[], have: { has(name: string): boolean }): PackageSize {
  const added: string[] = [];
  const unknown: string[] = [];
  let bytes = 0;
  const seen = new Set<string>();
  const stack = names.map((n) => n.split(/[=<>~]/)[0].toLowerCase()).filter(Boolean);
  const debHave = new Set<string>();
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    if (have.has('apk:' + n)) continue;
    const row = APK[n];
    if (row) {
      bytes += row[0] * 1024;
      added.push('apk:' + n);
      for (const d of row[1] ? row[1].split(' ') : []) if (!seen.has(d)) stack.push(d);
      continue;
    }
    const deb = debName(APK_TO_DEB[n] ?? n) ?? debName(n.replace(/^py3-/, 'python3-')) ?? debName('lib' + n);
    if (deb) {
      const base = basePackages('base');
      const d = debInstall([deb], { has: (x) => debHave.has(x) || base.has(x) });
      for (const a of d.added) debHave.add(a);
      bytes += d.bytes * 0.55;
      added.push('apk:' + n);
    } else {
      unknown.push(n);
      bytes += 1.5e6;
    }
  }
  return { bytes, added, unknown, derived: true };
}

/** RPM distributions: the Debian package of the same role, scaled by 1.1 (Fedora/RHEL builds keep docs and are a little larger). */
export function rpmInstall(names: string[], have: { has(name: string): boolean }, docsFactor = 1): PackageSize {
  const debs: string[] = [];
  const unknown: string[] = [];
  for (const raw of names) {
    const n = raw.toLowerCase().replace(/\.(x86_64|noarch)$/, '');
    const mapped = RPM_TO_DEB[n] ?? (n.endsWith('-devel') ? RPM_TO_DEB[n] ?? 'lib' + n.slice(0, -6) + '-dev' : n);
    const list = mapped.split(' ');
    let found = false;
    for (const m of list) {
      const d = debName(m) ?? (m.endsWith('-dev') ? debName(m.replace(/^lib/, '')) : undefined);
      if (d) {
        debs.push(d);
        found = true;
      }
    }
    if (!found) unknown.push(raw);
  }
  const r = debInstall(debs, have, 1.1 * docsFactor);
  return { bytes: r.bytes + unknown.length * 3e6, added: r.added, unknown, derived: true };
}
