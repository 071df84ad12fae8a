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

/** name -> [installed KiB, "depends ...", "recommends ..."]. */
const DEB = debData.p as unknown as Record<string, [number, string?, string?]>;
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

const recCache = new Map<string, string[]>();
function debRecommends(name: string): string[] {
  let recs = recCache.get(name);
  if (!recs) {
    const r = DEB[name]?.[2];
    recs = r ? r.split(' ') : [];
    recCache.set(name, recs);
  }
  return recs;
}

export function debName(name: string): string | undefined {
  const bare = name.split(/[=:]/)[0].toLowerCase();
  if (DEB[bare]) return bare;
  return DEB_VIRTUAL[bare];
}

const setCache = new Map<string, Set<string>>();
/** Installed package names, layered: a stage shares its parent's set and records only its changes. */
export class PackageSet {
  private added: Set<string> | undefined;
  private removed: Set<string> | undefined;
  constructor(private readonly parent?: { has(name: string): boolean }) {}
  has(name: string): boolean {
    if (this.added?.has(name)) return true;
    if (this.removed?.has(name)) return false;
    return this.parent?.has(name) ?? false;
  }
  add(name: string): void {
    this.removed?.delete(name);
    (this.added ??= new Set()).add(name);
  }
  delete(name: string): void {
    this.added?.delete(name);
    (this.removed ??= new Set()).add(name);
  }
  /** Applies this layer's changes to `into` (a RUN's installs and removals, once the RUN is done). */
  applyTo(into: PackageSet, keep: (name: string) => boolean = () => true): void {
    for (const n of this.removed ?? []) into.delete(n);
    for (const n of this.added ?? []) if (keep(n)) into.add(n);
  }
}

/** Package names a base image ships, namespaced (`deb:bash`, `apk:musl`). */
export function basePackages(set: string | undefined): Set<string> {
  if (!set) return new Set();
  let s = setCache.get(set);
  if (!s) {
    // debian:*-slim ships the packages of debian:* (docs excluded): the base set.
    const deb = DEB_SETS[set === 'debslim' ? 'base' : set] ?? '';
    s = new Set(set === 'alpine' ? ALPINE_BASE.map((n) => 'apk:' + n) : deb.split(' ').filter(Boolean).map((n) => 'deb:' + n));
    setCache.set(set, s);
  }
  return s;
}

const closureCache = new Map<string, { names: string[]; unknown: string[] }>();

/** Dependency closure of the requested packages (cached by request), deepest last. */
function debClosure(names: string[], recommends = false): { names: string[]; unknown: string[] } {
  const key = (recommends ? '+' : '') + names.join(' ');
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
    if (recommends) for (const d of debRecommends(n)) if (!seen.has(d)) stack.push(d);
  }
  hit = { names: out, unknown };
  if (closureCache.size > 5000) closureCache.clear();
  closureCache.set(key, hit);
  return hit;
}

/** Installed size of Debian packages and their dependency closure (with what they recommend, as apt installs it by default), minus what `have` holds. */
export function debInstall(names: string[], have: { has(name: string): boolean }, docsFactor = 1, recommends = false): PackageSize {
  const closure = debClosure(names, recommends);
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

/** A library package a build links against (not a header, tool or Perl package). */
function isRuntimeLib(name: string): boolean {
  return name.startsWith('lib') && !name.endsWith('-dev') && !name.endsWith('-dev-bin') && !name.endsWith('-perl') && !name.endsWith('-bin');
}

/** The library packages the -dev packages among `requested` depend on: what a program built against them loads. */
function debRuntimeRoots(requested: string[]): string[] {
  const roots = new Set<string>();
  for (const r of requested) {
    const d = debName(r);
    if (!d || !d.endsWith('-dev')) continue;
    for (const dep of debDeps(d)) if (isRuntimeLib(dep)) roots.add(dep);
  }
  return [...roots];
}

/**
 * What stays when a RUN removes its build dependencies but keeps what the build links to (the
 * docker-library pattern: `apt-mark auto '.*'`, ldd/scanelf over the installed files, `apt-mark
 * manual` or `apk add --virtual .run-deps` of what they find, then purge): the runtime libraries of
 * the -dev packages installed, minus what `have` (the image before the RUN) holds.
 */
export function runtimeLibraries(manager: PackageManager, requested: string[], have: { has(name: string): boolean }, docsFactor = 1): PackageSize {
  if (manager === 'deb') {
    const r = debInstall(debRuntimeRoots(requested), have, docsFactor);
    return { ...r, unknown: [] };
  }
  // Alpine and RPM: the Debian libraries of the same -dev packages, scaled as their installs are.
  const devs = requested.map((n) => n.toLowerCase()).filter((n) => n.endsWith('-dev') || n.endsWith('-devel')).map((n) => (manager === 'apk' ? APK_TO_DEB[n] ?? n : RPM_TO_DEB[n] ?? 'lib' + n.slice(0, -6) + '-dev'));
  const base = basePackages('base');
  const musl = new Set(['deb:libssl3', 'deb:zlib1g', 'deb:libc6', 'deb:libgcc-s1', 'deb:libstdc++6']);
  const r = debInstall(debRuntimeRoots(devs), { has: (x) => base.has(x) || (manager === 'apk' && musl.has(x)) });
  const f = manager === 'apk' ? 0.55 : 1.1;
  return { bytes: r.bytes * f, added: [], unknown: [], derived: true };
}
