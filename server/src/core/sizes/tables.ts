// The shipped size tables (data/*.json, read beside dist/) and lookups over them: base image rows,
// Debian package sizes with dependency closure (the index of the stage's suite, debSuites.ts), the
// packages a base image ships (Ubuntu's from ubuntuSets.ts), and Alpine/RPM sizes derived from them (through bookworm, the suite they were derived against).
import baseData from '../../../../data/base-images.json';
import { bareDebName } from './debIndex';
import { DEFAULT_SUITE, debIndex, type DebSuite } from './debSuites';
import { ALPINE_BASE, APK, APK_TO_DEB, RPM_TO_DEB } from './derivedPackages';
import { openjdkRow } from './alpineJdk';
import { ubuntuSet } from './ubuntuSets';

/** [image, tag, resolvedTag, uncompressedMB, compressedMB|0, date, source, family, packageSet, how] */
export type BaseRow = [string, string, string, number, number, string, string, string, string, string];

export const BASE_ROWS = baseData.rows as BaseRow[];
export const BASE_ALIASES = baseData.alias as [string, string, string][];
export const FAMILY_RATIOS = baseData.ratios as Record<string, number>;
export const TABLE_DATE = baseData.asOf as string;

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

interface Installed {
  has(name: string): boolean;
}

/** The Debian package apt installs for a requested name (`=version` and `:arch` dropped, a virtual name to its provider). */
export function debName(name: string, suite?: DebSuite): string | undefined {
  return debIndex(suite).resolve(name);
}

const SUITES: DebSuite[] = ['bookworm', 'trixie', 'bullseye'];

/**
 * The Debian package that stands for `name` when the stage's suite lacks it: the nearest version in
 * that suite (`postgresql-17` -> bookworm's `postgresql-15`), else the name or its nearest version
 * in another shipped suite (read only then). `nearest: false` asks for the name itself only.
 */
export function debAnalog(name: string, suite?: DebSuite, nearest = true): { name: string; suite: DebSuite } | undefined {
  const own = suite ?? DEFAULT_SUITE;
  const bare = bareDebName(name);
  const here = debIndex(own).resolve(bare) ?? (nearest ? debIndex(own).nearestVersion(bare) : undefined);
  if (here) return { name: here, suite: own };
  for (const s of SUITES) {
    if (s === own) continue;
    const i = debIndex(s);
    const hit = i.resolve(bare) ?? (nearest ? i.nearestVersion(bare) : undefined);
    if (hit) return { name: hit, suite: s };
  }
  return undefined;
}

/** Installed package names, layered: a stage shares its parent's set and records only its changes. */
export class PackageSet {
  private added: Set<string> | undefined;
  private removed: Set<string> | undefined;
  constructor(private readonly parent?: Installed) {}
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

const ALPINE_SET: Installed = new Set(ALPINE_BASE.map((n) => 'apk:' + n));
const NO_SET: Installed = { has: () => false };
const debSets = new Map<string, Installed>();

/**
 * Package names a base image ships, namespaced (`deb:bash`, `apk:musl`). A Debian set reads its
 * suite's index on the first `deb:` question, so a stage that installs nothing loads nothing; an
 * image built on Ubuntu (`ubuntu`: its release) reads Ubuntu's set of the same key, else Debian's.
 */
export function basePackages(set: string | undefined, suite?: DebSuite, ubuntu?: string, image?: string): Installed {
  if (!set) return NO_SET;
  if (set === 'alpine') return (image && alpineImageSet(image)) || ALPINE_SET;
  const composed = COMPOSED_SETS[set];
  if (composed) return composedSet(set, composed, suite, ubuntu);
  // debian:*-slim ships the packages of debian:* (docs excluded): the base set.
  const setKey = set === 'debslim' ? 'base' : set;
  const key = `${suite ?? ''} ${setKey} ${ubuntu ?? ''}`;
  let s = debSets.get(key);
  if (!s) {
    let names: Set<string> | undefined;
    const load = () => new Set((ubuntu && ubuntuSet(ubuntu, setKey)) || debIndex(suite).set(setKey));
    s = { has: (n) => n.startsWith('deb:') && (names ??= load()).has(n.slice(4)) };
    debSets.set(key, s);
  }
  return s;
}

const alpineSets = new Map<string, Installed | null>();

/**
 * What an official image built on Alpine ships beyond Alpine's base (php: curl, libxml2, sqlite-libs
 * ...; node: libstdc++), from its recorded list (data/alpine-image-sets.json) for the Alpine branch
 * its tag names (`php:8.3-fpm-alpine3.22` -> 3.22), else the nearest recorded branch.
 */
function alpineImageSet(image: string): Installed | undefined {
  const colon = image.lastIndexOf(':');
  const name = colon === -1 ? image : image.slice(0, colon);
  let s = alpineSets.get(image);
  if (s === undefined) {
    // A literal path, so the bundler turns it into a require of the file beside dist/ (esbuild.mjs).
    const byBranch = (require('../../../../data/alpine-image-sets.json') as { images: Record<string, Record<string, string>> }).images[name];
    s = null;
    if (byBranch) {
      const wanted = /alpine(3\.[0-9]+)/.exec(image)?.[1];
      const branches = Object.keys(byBranch).sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]));
      const at = (b: string) => Number(b.split('.')[1]);
      const branch = wanted ? branches.reduce((best, b) => (Math.abs(at(b) - at(wanted)) <= Math.abs(at(best) - at(wanted)) ? b : best)) : branches[branches.length - 1];
      s = new Set([...ALPINE_BASE, ...byBranch[branch].split(' ')].map((n) => 'apk:' + n));
    }
    if (alpineSets.size > 200) alpineSets.clear();
    alpineSets.set(image, s);
  }
  return s ?? undefined;
}

/**
 * Sets of images that keep more than the recorded sets hold: the php images (on debian:*-slim)
 * keep $PHPIZE_DEPS, curl and xz-utils and the libraries PHP links to (docker-library/php's
 * Dockerfile: apt-mark manual of what ldd finds), the apache variant apache2 too; eclipse-temurin
 * (on Ubuntu) its tools, fonts and locales. [parent, names]
 * (Debian 13 renamed some libraries for 64-bit time: both names are listed).
 */
const PHP_KEEPS = ['autoconf', 'dpkg-dev', 'file', 'g++', 'gcc', 'libc6-dev', 'make', 'pkg-config', 're2c', 'ca-certificates', 'curl', 'xz-utils',
  'libargon2-1', 'libcurl4', 'libcurl4t64', 'libonig5', 'libreadline8', 'libreadline8t64', 'libsodium23', 'libsqlite3-0', 'libssl3', 'libssl3t64', 'libxml2', 'libxml2-16', 'zlib1g'];
/** adoptium/containers: what the eclipse-temurin images install on Ubuntu before the JDK or JRE. */
const TEMURIN_KEEPS = ['curl', 'wget', 'fontconfig', 'ca-certificates', 'p11-kit', 'binutils', 'tzdata', 'locales'];
const COMPOSED_SETS: Record<string, [string, string[]]> = { php: ['base', PHP_KEEPS], 'php-apache': ['base', [...PHP_KEEPS, 'apache2']], temurin: ['base', TEMURIN_KEEPS] };

function composedSet(key: string, [parent, names]: [string, string[]], suite?: DebSuite, ubuntu?: string): Installed {
  const cacheKey = `${suite ?? ''} ${key} ${ubuntu ?? ''}`;
  let s = debSets.get(cacheKey);
  if (!s) {
    let all: Set<string> | undefined;
    const load = () => {
      const index = debIndex(suite);
      const base = new Set((ubuntu && ubuntuSet(ubuntu, parent)) || index.set(parent));
      const known = names.filter((n) => index.resolve(n));
      for (const n of index.install(known, { installed: (x) => base.has(x), recommends: false }).added) base.add(n);
      return base;
    };
    s = { has: (n) => n.startsWith('deb:') && (all ??= load()).has(n.slice(4)) };
    debSets.set(cacheKey, s);
  }
  return s;
}

/** Installed size of Debian packages and their dependency closure (with what they recommend, as apt installs it by default), minus what `have` holds. */
export function debInstall(names: string[], have: Installed, docsFactor = 1, recommends = false, suite?: DebSuite): PackageSize {
  const r = debIndex(suite).install(names, { installed: (n) => have.has('deb:' + n), recommends, docsFactor });
  return { bytes: r.bytes, added: r.added.map((n) => 'deb:' + n), unknown: r.unknown, derived: false };
}

/**
 * Alpine: the curated sizes of derivedPackages.ts, else the Debian package of the same role scaled
 * by 0.55 (Alpine ships no docs and links against musl). Derived, and labelled so.
 */
export function apkInstall(names: string[], have: Installed): PackageSize {
  const added: string[] = [];
  const unknown: string[] = [];
  let bytes = 0;
  const seen = new Set<string>();
  // `mkcert@testing`: the package from the repository tagged `testing` (/etc/apk/repositories) is still mkcert.
  const stack = names.map((n) => n.split(/[=<>~]/)[0].replace(/@[\w.-]+$/, '').toLowerCase()).filter(Boolean);
  const debHave = new Set<string>();
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    if (have.has('apk:' + n)) continue;
    const row = APK[n] ?? openjdkRow(n);
    if (row) {
      bytes += row[0] * 1024;
      added.push('apk:' + n);
      for (const d of row[1] ? row[1].split(' ') : []) if (!seen.has(d)) stack.push(d);
      continue;
    }
    const deb = debName(APK_TO_DEB[n] ?? n) ?? debName(n.replace(/^py3-/, 'python3-')) ?? debName('lib' + n) ?? staticAsDev(n);
    if (deb) {
      // The Debian package and the libraries it links, not its other dependencies: Alpine splits
      // packages finer (mailcap is a data file there, with perl in Debian).
      const index = debIndex();
      const base = basePackages('base');
      for (const p of [deb, ...libraryClosure(index, deb)]) {
        if (debHave.has(p) || base.has(p) || IN_ALPINE_BASE.has(p)) continue;
        debHave.add(p);
        bytes += (index.sizeKiB(p) ?? 0) * 1024 * 0.55;
      }
      added.push('apk:' + n);
    } else unknown.push(n);
  }
  return { bytes, added, unknown, derived: true };
}

/** `zlib-static`, `libseccomp-static`: Alpine's static archives; Debian ships them in the -dev package, sized as that. */
function staticAsDev(n: string): string | undefined {
  if (!n.endsWith('-static')) return undefined;
  const dev = n.slice(0, -7) + '-dev';
  return debName(APK_TO_DEB[dev] ?? dev) ?? debName('lib' + dev);
}

/** A library package a build links against (not a header, tool or Perl package). */
function isRuntimeLib(name: string): boolean {
  return name.startsWith('lib') && !name.endsWith('-dev') && !name.endsWith('-dev-bin') && !name.endsWith('-perl') && !name.endsWith('-bin');
}

/** The library packages the -dev packages among `requested` depend on: what a program built against them loads. */
function debRuntimeRoots(requested: string[], suite?: DebSuite): string[] {
  const index = debIndex(suite);
  const roots = new Set<string>();
  for (const r of requested) {
    const d = index.resolve(r);
    if (!d || !d.endsWith('-dev')) continue;
    for (const dep of index.depends(d)) if (isRuntimeLib(dep)) roots.add(dep);
  }
  return [...roots];
}

/**
 * What stays when a RUN removes its build dependencies but keeps what the build links to (the
 * docker-library pattern: `apt-mark auto '.*'`, ldd/scanelf over the installed files, `apt-mark
 * manual` or `apk add --virtual .run-deps` of what they find, then purge): the runtime libraries of
 * the -dev packages installed, minus what `have` (the image before the RUN) holds.
 */
export function runtimeLibraries(manager: PackageManager, requested: string[], have: Installed, docsFactor = 1, suite?: DebSuite): PackageSize {
  if (manager === 'deb') {
    const r = debInstall(debRuntimeRoots(requested, suite), have, docsFactor, false, suite);
    return { ...r, unknown: [] };
  }
  // Alpine and RPM: the Debian libraries of the same -dev packages, scaled as their installs are.
  const devs = requested.map((n) => n.toLowerCase()).filter((n) => n.endsWith('-dev') || n.endsWith('-devel')).map((n) => (manager === 'apk' ? apkDevToDeb(n) : RPM_TO_DEB[n] ?? 'lib' + n.slice(0, -6) + '-dev'));
  const base = basePackages('base');
  const musl = new Set(['deb:libssl3', 'deb:zlib1g', 'deb:libc6', 'deb:libgcc-s1', 'deb:libstdc++6']);
  const r = debInstall(debRuntimeRoots(devs), { has: (x) => base.has(x) || (manager === 'apk' && musl.has(x)) });
  const f = manager === 'apk' ? 0.55 : 1.1;
  return { bytes: r.bytes * f, added: [], unknown: [], derived: true };
}

/**
 * The Debian -dev package of an Alpine one: the table's, the same name, `lib` + name (gc-dev ->
 * libgc-dev), or with Alpine's version suffix dropped (gtk+3.0-dev -> libgtk-3-dev, mbedtls2-dev ->
 * libmbedtls-dev).
 */
function apkDevToDeb(n: string): string {
  const mapped = APK_TO_DEB[n];
  if (mapped) return mapped;
  const tries = [n, `lib${n}`];
  let stem = n.slice(0, -4);
  if (stem.endsWith('.0')) stem = stem.slice(0, -2);
  let end = stem.length;
  while (end > 0 && stem.charCodeAt(end - 1) >= 48 && stem.charCodeAt(end - 1) <= 57) end--;
  if (end > 0 && end < stem.length) {
    const name = stem.slice(0, stem[end - 1] === '+' ? end - 1 : end);
    tries.push(`lib${name}-${stem.slice(end)}-dev`, `lib${name}-dev`);
  }
  return tries.find((t) => debName(t)) ?? n;
}

/** Debian libraries whose Alpine counterparts every Alpine image has (musl, libssl3/libcrypto3, zlib). */
const IN_ALPINE_BASE = new Set(['libc6', 'libssl3', 'libssl3t64', 'libssl1.1', 'zlib1g', 'libcrypt1']);

/** The lib* packages a Debian package depends on, transitively (bounded). */
function libraryClosure(index: ReturnType<typeof debIndex>, name: string): string[] {
  const out: string[] = [];
  const seen = new Set([name]);
  const stack = [name];
  while (stack.length && out.length < 200) {
    for (const d of index.depends(stack.pop()!)) {
      if (seen.has(d) || !d.startsWith('lib')) continue;
      seen.add(d);
      out.push(d);
      stack.push(d);
    }
  }
  return out;
}
