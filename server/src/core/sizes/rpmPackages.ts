// RPM distributions (Rocky, Alma, Oracle, CentOS, UBI/RHEL, Fedora, Amazon Linux): their repodata
// is not reachable here, so package sizes are DERIVED from the Debian package of the same role
// (derivedPackages.ts maps the names), read in the Debian suite of the same vintage: EL7/EL8 and
// Amazon Linux 2 -> bullseye, EL9 and Amazon Linux 2023 -> bookworm, EL10 and Fedora 39+ -> trixie.
// RHEL's rolling toolsets (Go, Rust, LLVM/Clang are updated every minor release) read trixie.
// What the base image already has is the Debian base set of that suite (plus python3 where dnf 4
// runs on it). RPM's gcc does not pull the sanitizer runtimes that Debian's does. Their container
// images install without docs (tsflags=nodocs; not assumed for Amazon Linux). dnf's metadata
// cache, when not cleaned, by distribution: public reports of what `dnf clean all` saved (about
// 80 MB on UBI 9/EL 9, about 150 MB on Fedora), a range around them.
import type { DebSuite } from './debSuites';
import { debIndex } from './debSuites';
import { RPM_TO_DEB } from './derivedPackages';
import type { BaseFigure } from './types';
import { basePackages, debName, type PackageSize } from './tables';
import { MB } from './units';

export interface RpmFlavor {
  family: 'el' | 'fedora' | 'amazon' | 'other';
  /** Major release (EL 9, Fedora 40, Amazon Linux 2 or 2023). */
  major: number;
  /** A minimal image (microdnf, no python): ubi-minimal, *-minimal, oraclelinux *-slim. */
  minimal: boolean;
  suite: DebSuite;
  /** Suite of the rolling toolsets (Go, Rust, LLVM). */
  toolSuite: DebSuite;
  nodocs: boolean;
  label: string;
  /** dnf/yum metadata cache left without `clean all`, MB [low, mid, high]. */
  cacheMB: [number, number, number];
}

/** RPM packages that bundle what Debian splits into many packages: a figure of their own. */
export const RPM_FIGURES: Record<string, { mb: [number, number, number]; source: string }> = {
  // Debian's npm depends on 300+ node-* packages and node-gyp's toolchain; RPM's nodejs-npm is npm itself.
  npm: { mb: [8, 14, 20], source: 'npm bundled, as the npm 10.9.2 package unpacks (14.1 MB, npm registry)' },
  'nodejs-npm': { mb: [8, 14, 20], source: 'npm bundled, as the npm 10.9.2 package unpacks (14.1 MB, npm registry)' },
};

const ROLLING = new Set(['golang', 'golang-bin', 'golang-src', 'go-toolset', 'rust', 'cargo', 'rust-toolset', 'rustfmt', 'clippy', 'clang', 'clang-devel', 'llvm', 'llvm-devel', 'llvm-libs', 'lld', 'llvm-toolset']);
const SANITIZERS = ['libasan8', 'libasan6', 'libasan5', 'libtsan2', 'libtsan0', 'liblsan0', 'libubsan1', 'libhwasan0'];

/** The RPM distribution an image reference names (`rockylinux:9.3`, `registry.access.redhat.com/ubi9/ubi-minimal`, `fedora:40`). */
export function rpmFlavor(figure: Pick<BaseFigure, 'ref' | 'resolved'>): RpmFlavor {
  const ref = `${figure.ref} ${figure.resolved}`.toLowerCase();
  const minimal = ref.includes('minimal') || ref.includes('-slim') || ref.includes('micro');
  if (ref.includes('fedora')) {
    const major = numberAfter(ref, 'fedora:') ?? 40;
    const suite: DebSuite = major >= 39 ? 'trixie' : major >= 33 ? 'bookworm' : 'bullseye';
    return { family: 'fedora', major, minimal, suite, toolSuite: suite, nodocs: true, label: `Fedora ${major}`, cacheMB: [80, 170, 320] };
  }
  if (ref.includes('amazonlinux') || ref.includes('amazoncorretto')) {
    const major = ref.includes('2023') ? 2023 : 2;
    const suite: DebSuite = major === 2 ? 'bullseye' : 'bookworm';
    return { family: 'amazon', major, minimal, suite, toolSuite: major === 2 ? suite : 'trixie', nodocs: false, label: `Amazon Linux ${major}`, cacheMB: major === 2 ? [40, 100, 200] : [25, 60, 130] };
  }
  const major = elMajor(ref);
  const family = major ? 'el' : 'other';
  const el = major ?? 9;
  const suite: DebSuite = el >= 10 ? 'trixie' : el === 9 ? 'bookworm' : 'bullseye';
  const ubi = ref.includes('ubi');
  return { family, major: el, minimal, suite, toolSuite: el >= 8 ? 'trixie' : suite, nodocs: true, label: `EL ${el}`, cacheMB: ubi ? [20, 45, 100] : el <= 7 ? [40, 100, 200] : [40, 80, 160] };
}

function numberAfter(text: string, mark: string): number | undefined {
  const at = text.indexOf(mark);
  if (at < 0) return undefined;
  let end = at + mark.length;
  while (end < text.length && text[end] >= '0' && text[end] <= '9') end++;
  return end > at + mark.length ? Number(text.slice(at + mark.length, end)) : undefined;
}

/** `rockylinux:9.3`, `almalinux:8`, `ubi9/ubi`, `centos:7`, `oraclelinux:9-slim`, `quay.io/centos/centos:stream9`, `rhel8`. */
function elMajor(ref: string): number | undefined {
  for (const mark of ['rockylinux:', 'rockylinux/rockylinux:', 'almalinux:', 'oraclelinux:', 'centos:stream', 'centos:', 'ubi', 'rhel', 'el', 'rocky:', 'alma:']) {
    const n = numberAfter(ref, mark);
    if (n && n >= 6 && n <= 12) return n;
  }
  return undefined;
}

/** Debian names for an RPM name: the mapped role, else `-devel` as `lib*-dev`, else the same name. */
export function rpmToDeb(name: string): string[] {
  const n = name.toLowerCase().replace(/\.(x86_64|noarch|aarch64|i686)$/, '');
  const mapped = RPM_TO_DEB[n] ?? (n.endsWith('-devel') ? 'lib' + n.slice(0, -6) + '-dev' : n);
  return mapped.split(' ');
}

const flavorSets = new Map<string, { has(n: string): boolean }>();

/** What the RPM base image already has, as Debian names of the flavor's suite. */
function flavorBase(f: RpmFlavor, suite: DebSuite): { has(n: string): boolean } {
  const key = `${suite} ${f.minimal} ${f.family === 'amazon' && f.major === 2}`;
  let s = flavorSets.get(key);
  if (!s) {
    const base = basePackages('base', suite);
    const extra = new Set<string>(SANITIZERS.map((n) => 'deb:' + n));
    // dnf 4 is Python: python3 is in every non-minimal EL 8/9, Fedora and Amazon Linux 2023 image.
    if (!f.minimal && !(f.family === 'amazon' && f.major === 2)) for (const n of debIndex(suite).install(['python3'], { installed: (x) => base.has('deb:' + x), recommends: false }).added) extra.add('deb:' + n);
    s = { has: (n) => extra.has(n) || base.has(n) };
    flavorSets.set(key, s);
  }
  return s;
}

/**
 * Installed size of RPM names on `flavor`, derived from Debian (see the header); `have` holds what
 * the stage installed so far (Debian names of the flavor's suites, namespaced `deb:`).
 */
export function rpmInstall(names: string[], have: { has(n: string): boolean }, flavor: RpmFlavor, docsFactor: number): PackageSize & { suites: string } {
  const bySuite = new Map<DebSuite, string[]>();
  const unknown: string[] = [];
  for (const raw of names) {
    const suite = ROLLING.has(raw.toLowerCase()) ? flavor.toolSuite : flavor.suite;
    const found = rpmToDeb(raw)
      .map((m) => debName(m, suite) ?? (m.endsWith('-dev') ? debName(m.replace(/^lib/, ''), suite) : undefined))
      .filter((d): d is string => d !== undefined);
    if (found.length) bySuite.set(suite, [...(bySuite.get(suite) ?? []), ...found]);
    else unknown.push(raw);
  }
  let bytes = 0;
  const added: string[] = [];
  for (const [suite, debs] of bySuite) {
    const base = flavorBase(flavor, suite);
    const r = debIndex(suite).install(debs, { installed: (n) => have.has('deb:' + n) || base.has('deb:' + n) || added.includes('deb:' + n), recommends: false, docsFactor });
    bytes += r.bytes;
    added.push(...r.added.map((n) => 'deb:' + n));
  }
  return { bytes, added, unknown, derived: true, suites: [...bySuite.keys()].join('+') };
}

export function rpmCacheSize(f: RpmFlavor): { bytes: number; low: number; high: number } {
  const [low, mid, high] = f.cacheMB;
  return { bytes: mid * MB, low: low * MB, high: high * MB };
}
