// The package names an install command asks for, as the shell model expanded them: fully known
// names (pins kept), names whose version part is unknown (`name=$VERSION`, `name-$V`: the name
// stands), lists computed during the build (`$runDeps` from `$(scanelf ...)`, `$(cat list)`), and
// names that stay unknown (`${PKG}` without a value). What the tables cannot size is said so: an
// analogy with a named Debian package, a measured figure, or a NAMED unknown with a wide range,
// never a silent small price.
import type { Item } from './ledger';
import type { AddedRepo } from './repos';
import { isAlpineRepo, isDistroExtra } from './repos';
import type { RunCtx } from './runContext';
import { MB, formatBytes } from './units';
import { VENDORS, vendorRule, type MBRange, type Vendor, type VendorRule } from './vendors';

export interface Requested {
  /** Names to look up (pins and architectures as written). */
  names: string[];
  /** Lists only the build computes (`$runDeps`, `$(cat packages.txt)`), as written. */
  computed: string[];
  /** Of those, lists of the libraries a build links to (scanelf, ldd, `apk info --installed`, `so:` names). */
  runtime: boolean;
  /** Words whose name part is unknown (`${PKG}=$V`, `lib$X-dev`), as written. */
  unknown: string[];
}

/** Operands of a package command from word `start` on: flags and the values of `valueFlags` skipped. */
export function requested(words: string[], known: readonly boolean[] | undefined, start: number, valueFlags: string[], ctx: RunCtx): Requested {
  const out: Requested = { names: [], computed: [], runtime: false, unknown: [] };
  for (let k = start; k < words.length; k++) {
    const w = words[k];
    if (w.startsWith('-')) {
      if (valueFlags.includes(w)) k++;
      continue;
    }
    if (known?.[k] !== false && !w.includes('$') && !w.includes('`')) {
      out.names.push(w);
      continue;
    }
    const cut = firstExpansion(w);
    const head = w.slice(0, cut);
    if (cut === 0) {
      const source = computedSource(w, ctx);
      if (source !== undefined) {
        out.computed.push(w);
        if (isRuntimeList(source)) out.runtime = true;
      } else out.unknown.push(w);
      continue;
    }
    // `name=$VERSION`, `name-$V`, `name:$ARCH`: the name is known, its version or architecture is not.
    const last = head[head.length - 1];
    if ((last === '=' || last === '-' || last === ':' || last === '_') && head.length > 2) out.names.push(head.slice(0, -1));
    else out.unknown.push(w);
  }
  return out;
}

function firstExpansion(w: string): number {
  const d = w.indexOf('$');
  const b = w.indexOf('`');
  return d < 0 ? b : b < 0 ? d : Math.min(d, b);
}

/** The command a list comes from: the substitution itself, or the value of the variable it names when that was computed. */
function computedSource(w: string, ctx: RunCtx): string | undefined {
  if (w.startsWith('$(') || w.startsWith('`')) return w;
  const name = w.startsWith('${') ? w.slice(2, w.indexOf('}') > 0 ? w.indexOf('}') : w.length) : w.slice(1);
  const v = ctx.env(name);
  return v !== undefined && (v.includes('$(') || v.includes('`')) ? v : undefined;
}

function isRuntimeList(source: string): boolean {
  return source.includes('scanelf') || source.includes('ldd') || source.includes('apk info') || source.includes('so:') || source.includes('dpkg-query') || source.includes('dpkg -S') || source.includes('find-requires');
}

/** How a name the tables lack is sized. */
export type Leftover =
  /** The same software in a Debian index (`deb` names), sized in the stage's suite or `suite`. */
  | { kind: 'analog'; name: string; deb: string[]; why: string; range?: MBRange }
  /** A published or measured figure. */
  | { kind: 'figure'; name: string; mb: MBRange; why: string }
  /** Nothing to size it by: named, with a wide range. */
  | { kind: 'unknown'; name: string; mb: MBRange; what: string };

/** The vendor (of those added) whose rule covers `bare`. */
export function vendorFor(repos: readonly AddedRepo[], bare: string): { vendor: Vendor; rule: VendorRule; version: string } | undefined {
  for (const r of repos) {
    if (!r.vendor) continue;
    const hit = vendorRule(r.vendor, bare);
    if (hit) return { vendor: r.vendor, ...hit };
  }
  return undefined;
}

/** A vendor package: by analogy, by its figure, or named unknown. `major` picks a per-version figure. */
export function vendorLeftover(name: string, v: { vendor: Vendor; rule: VendorRule; version: string }, major: string | undefined): Leftover {
  const { vendor, rule, version } = v;
  const from = `${name} from ${vendor.label}`;
  if (rule.deb) return { kind: 'analog', name, deb: (rule.deb === '=' ? name : rule.deb.split('#').join(version)).split(' '), why: from, range: rule.unknownMB };
  const byMajor = major && rule.byMajor?.[major];
  if (byMajor || rule.mb) return { kind: 'figure', name, mb: byMajor || rule.mb!, why: `${from} (${rule.source ?? 'published figure'})` };
  return { kind: 'unknown', name, mb: rule.unknownMB ?? vendor.unknownMB, what: from };
}

/** The package name in a .deb or .rpm file name (`mongodb-org-server_7.0.5_amd64.deb`, `google-chrome-stable_current_amd64.deb`, `jdk-21_linux-x64_bin.rpm`). */
export function packageFileName(file: string): string {
  const base = file.slice(file.lastIndexOf('/') + 1).toLowerCase();
  const us = base.indexOf('_');
  if (us > 0) return base.slice(0, us);
  // name-version-release.arch.rpm: the name ends before the first `-` that a digit follows.
  for (let i = 1; i < base.length - 1; i++) if (base[i] === '-' && base[i + 1] >= '0' && base[i + 1] <= '9') return base.slice(0, i);
  return base.replace(/\.(deb|rpm)$/, '');
}

/** A package installed from a file (`dpkg -i x.deb`, `apt-get install ./x.deb`, `rpm -i x.rpm`): its vendor's rule if any vendor ships that name, else named. */
export function fileLeftover(file: string): Leftover {
  // `mongodb-database-tools-debian12-x86_64-100.9.4.deb`: the longest leading part a vendor ships.
  for (let name = packageFileName(file); name; name = name.slice(0, Math.max(0, name.lastIndexOf('-')))) {
    for (const vendor of VENDORS) {
      const hit = vendorRule(vendor, name);
      if (hit) return vendorLeftover(name, { vendor, ...hit }, undefined);
    }
  }
  return { kind: 'unknown', name: file, mb: [0.1, 20, 400], what: `the package file ${short(file)}` };
}

/** A name no table has and no vendor rule covers: from the repositories the stage added, or missing from the distribution. */
export function orphanLeftover(name: string, repos: readonly AddedRepo[], distro: string, mb: MBRange = [0.05, 2, 40]): Leftover {
  const third = repos.filter((r) => !isAlpineRepo(r) && !isDistroExtra(r));
  if (third.length) {
    const r = third[third.length - 1];
    return { kind: 'unknown', name, mb: r.vendor?.unknownMB ?? [1, 40, 400], what: `${name} from ${r.label}` };
  }
  return { kind: 'unknown', name, mb, what: `${name} (not in ${distro})` };
}

/** A word whose package name stays unknown before the build. */
export function unknownWord(word: string, computed: boolean, repos: readonly AddedRepo[]): Leftover {
  const third = repos.some((r) => !isAlpineRepo(r) && !isDistroExtra(r));
  const what = computed ? `packages the build lists with ${short(word)}` : `packages named by ${short(word)} (no value before the build)`;
  return { kind: 'unknown', name: word, mb: third ? [1, 60, 500] : [0, 15, 300], what };
}

function short(w: string): string {
  return w.length > 60 ? w.slice(0, 57) + '...' : w;
}

/** Items for a figure or a named unknown (analogies are sized by the package manager's tables). */
export function leftoverItem(l: Leftover, requestedNames: string[], group: string | undefined): Item | undefined {
  if (l.kind === 'analog') return undefined;
  const [low, mid, high] = l.mb;
  const size = { bytes: mid * MB, low: low * MB, high: high * MB };
  if (l.kind === 'figure') return { path: '/usr', size, kind: 'package', note: `${l.why} ≈ ${formatBytes(size.bytes)}`, pkgs: [], requested: requestedNames, group };
  return { path: '/usr', size, kind: 'package', note: `${l.what}: size unknown, ${formatBytes(size.low)}–${formatBytes(size.high)}`, pkgs: [], requested: requestedNames, group, unknown: l.what };
}

/** The major version a request or an added repository names (`nodejs=22.11.0-1nodesource1`, `setup_20.x`, `node_22.x`). */
export function majorOf(spec: string, repos: readonly AddedRepo[]): string | undefined {
  const eq = spec.indexOf('=');
  if (eq > 0) return leadingDigits(spec.slice(eq + 1));
  for (const r of repos) {
    for (const mark of ['setup_', 'node_', '_']) {
      const at = r.text.indexOf(mark);
      if (at >= 0) {
        const d = leadingDigits(r.text.slice(at + mark.length));
        if (d && r.text.startsWith('.x', at + mark.length + d.length)) return d;
      }
    }
  }
  return undefined;
}

function leadingDigits(s: string): string | undefined {
  let end = 0;
  while (end < s.length && s[end] >= '0' && s[end] <= '9') end++;
  return end ? s.slice(0, end) : undefined;
}
