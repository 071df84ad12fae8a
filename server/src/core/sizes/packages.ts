// Package manager commands in RUN: apt-get/apt, apk, dnf/yum/microdnf, and what they leave behind
// (index files, caches) unless the same RUN cleans them.
import type { DebSuite } from './debSuites';
import { addLeftovers } from './leftovers';
import { fileLeftover, majorOf, orphanLeftover, requested, unknownWord, vendorFor, vendorLeftover, type Leftover, type Requested } from './pkgNames';
import { apkCommandRepos, isAlpineRepo, isDistroExtra, isRepoPackage, type AddedRepo } from './repos';
import { RPM_FIGURES, rpmCacheSize, rpmFlavor, rpmInstall } from './rpmPackages';
import { apkInstall, debAnalog, debInstall, type PackageSize } from './tables';
import { bareDebName } from './debIndex';
import { debIndex } from './debSuites';
import { installFromIndex, markTable } from './online/installs';
import { operands, program } from './shell';
import type { RunCtx } from './runContext';
import { MB, formatBytes } from './units';

const XARGS_VALUE_FLAGS = ['-n', '-L', '-I', '-P', '-d', '-s', '-a', '-E'];
const APK_VALUE_FLAGS = ['--virtual', '-t', '--repository', '-X', '--root', '-p', '--arch', '--cache-dir', '--keys-dir'];
const RPM_VALUE_FLAGS = ['--setopt', '--enablerepo', '--disablerepo', '-c', '--installroot', '--releasever', '--repo', '--repoid', '--exclude', '-x', '--forcearch', '--repofrompath'];
/** apt and apt-get options that take the next word (`--snapshot 20260301T000000Z`, `-t bookworm-backports`). */
const APT_VALUE_FLAGS = ['-o', '--option', '-t', '--target-release', '--default-release', '-c', '--config-file', '-S', '--snapshot'];

export function packageCommand(words: string[], ctx: RunCtx): boolean {
  let p = program(words);
  if (p === 'xargs') {
    // `apt-mark showmanual | xargs apt-mark auto`, `... | xargs -r apt-mark manual`: the command xargs runs, on names it reads.
    let k = 1;
    while (k < words.length && words[k].startsWith('-')) k += XARGS_VALUE_FLAGS.includes(words[k]) ? 2 : 1;
    words = words.slice(k);
    ctx.known = ctx.known?.slice(k);
    p = program(words);
    if (p !== 'apt-mark') return false;
  }
  if (p === 'apt-get' || p === 'apt' || p === 'aptitude') return apt(words, ctx);
  if (p === 'apk') return apk(words, ctx);
  if (p === 'dnf' || p === 'dnf5' || p === 'yum' || p === 'microdnf' || p === 'tdnf') return rpm(words, ctx, p);
  if ((p === 'dpkg' && (words.includes('-i') || words.includes('--install'))) || (p === 'rpm' && words.some(isRpmInstallFlag))) {
    // A package file installed by hand (a download or a COPY): its vendor's figure, else named.
    const files = requested(words, ctx.known, 1, [], ctx).names.filter((n) => (n.endsWith('.deb') || n.endsWith('.rpm')) && !isRepoPackage(n));
    const suite = ctx.figure.distro === 'rpm' ? rpmFlavor(ctx.figure).suite : ctx.figure.suite;
    addLeftovers(files.map(fileLeftover), ctx, { suite, docs: 1, recommends: false, scale: 1, native: p === 'dpkg' });
    return true;
  }
  if (p === 'apt-mark' && words.includes('auto')) {
    ctx.aptMarkAuto = true;
    return true;
  }
  if (p === 'apt-mark' && words[1] === 'manual') {
    for (const n of requested(words, ctx.known, 2, [], ctx).names) ctx.manualNames.add(n);
    return true;
  }
  return false;
}

/** `-i`, `-U`, `-ivh`, `-Uvh` (not a query such as `-qip`). */
function isRpmInstallFlag(w: string): boolean {
  return w[0] === '-' && w[1] !== '-' && !w.includes('q') && (w.includes('i') || w.includes('U'));
}

/** Table sizes are exact for the release they come from (names the tables lack are items of their own, leftovers.ts). */
function range(r: PackageSize, spread: number) {
  return { bytes: r.bytes, low: r.bytes * (1 - spread), high: r.bytes * (1 + spread) };
}

function pkgNote(cmd: string, names: string[], r: PackageSize): string {
  const shown = names.slice(0, 3).join(' ') + (names.length > 3 ? ` +${names.length - 3}` : '');
  const n = r.added.length;
  return `${cmd} ${shown} ≈ ${formatBytes(r.bytes)}: ${n} new package${n === 1 ? '' : 's'} including dependencies${r.derived ? ' (sizes estimated)' : ''}`;
}

function apt(words: string[], ctx: RunCtx): boolean {
  const sub = operands(words, 1, APT_VALUE_FLAGS)[0];
  // `apt install --update` (apt 3) fetches the lists first, as `apt-get update` does.
  if (sub === 'update' || (sub === 'install' && words.includes('--update'))) {
    ctx.add({ path: '/var/lib/apt/lists', size: { bytes: 19 * MB, low: 9 * MB, high: 45 * MB }, kind: 'residue', note: 'apt lists (apt-get update) not removed' });
    if (sub === 'update') return true;
  }
  if (sub === 'install') {
    const req = requested(words, ctx.known, words.indexOf(sub, 1) + 1, APT_VALUE_FLAGS, ctx);
    const docs = ctx.figure.slim ? 0.85 : 1;
    const recommends = !words.includes('--no-install-recommends') && !ctx.stage.noRecommends && !words.some(offRecommends);
    const suite = ctx.figure.suite;
    const mark = ctx.added.length;
    const files = req.names.filter((n) => n.endsWith('.deb'));
    const online = installFromIndex(ctx, { format: 'deb', cmd: 'apt-get install', names: req.names.filter((n) => !files.includes(n)), recommends, docs, repos: ctx.repos, detail: docs !== 1 ? ', no docs (x0.85)' : '' });
    const { names, leftovers } = planDeb({ ...req, names: [...files, ...online.rest] }, ctx, suite);
    if (names.length) {
      const r = debInstall(names, ctx.installed, docs, recommends, suite);
      const lean = recommends ? debInstall(names, ctx.installed, docs, false, suite).bytes : r.bytes;
      const third = thirdPartyDeb(ctx.repos);
      const size = third ? { bytes: r.bytes, low: r.bytes * 0.8, high: r.bytes * 2.5 } : range(r, recommends ? 0.2 : 0.1);
      const from = third ? `, sized as Debian's, but ${third.label} (added by this stage) may ship its own builds of them` : '';
      const item = ctx.addPackages(r, names, size, pkgNote('apt-get install', names, r) + (recommends ? ', recommends included' : '') + from);
      if (r.bytes > lean) item.recommends = r.bytes - lean;
    }
    addLeftovers(leftovers, ctx, { suite, docs, recommends, scale: 1, native: true });
    if (online.on) markTable(ctx, mark, online.fallback);
    return true;
  }
  if (sub === 'purge' || sub === 'remove' || sub === 'autoremove') {
    const names = ctx.expandWords(operands(words, 1, APT_VALUE_FLAGS).slice(1));
    ctx.removePackages(names, words.includes('--auto-remove') || words.includes('--autoremove') || sub === 'autoremove');
    return true;
  }
  if (sub === 'clean') {
    ctx.removePath('/var/cache/apt');
    return true;
  }
  if (sub === 'distclean' || sub === 'dist-clean') {
    // apt 2.7.8+: the package cache and the lists `apt-get update` fetched.
    ctx.removePath('/var/cache/apt');
    ctx.removePath('/var/lib/apt/lists');
    return true;
  }
  return true;
}

/** A deb repository the stage added that no vendor rule describes: its builds of Debian's names are its own. */
function thirdPartyDeb(repos: readonly AddedRepo[]): AddedRepo | undefined {
  const third = repos.filter((r) => r.kind !== 'apk' && r.kind !== 'rpm' && !r.vendor && !isDistroExtra(r) && !isAlpineRepo(r));
  return third[third.length - 1];
}

/** `-o APT::Install-Recommends=false` (or `=0`). */
function offRecommends(w: string): boolean {
  return w.includes('Install-Recommends=') && (w.endsWith('=false') || w.endsWith('=0') || w.endsWith('=no'));
}

/**
 * Debian names the suite's index sizes, and the rest: a vendor's package (from a repository the
 * stage added), the nearest version of the name (`python3.10` on a bookworm-vintage stage), the
 * name in another suite, or a named unknown.
 */
function planDeb(req: Requested, ctx: RunCtx, suite: DebSuite | undefined): { names: string[]; leftovers: Leftover[] } {
  const names: string[] = [];
  const leftovers: Leftover[] = [];
  const repos = ctx.repos;
  const distro = `Debian ${suite ?? 'bookworm'}`;
  for (const n of req.names) {
    if (n.endsWith('.deb')) {
      if (!isRepoPackage(n)) leftovers.push(fileLeftover(n));
      continue;
    }
    const bare = bareDebName(n);
    const v = vendorFor(repos, bare);
    if (v) leftovers.push(vendorLeftover(bare, v, majorOf(n, repos)));
    else if (debIndex(suite).resolve(bare)) names.push(n);
    else {
      // The same software under another version or suite is Debian's (or Ubuntu's) own package, not a repository's.
      const analog = debAnalog(bare, suite);
      leftovers.push(analog ? { kind: 'analog', name: bare, deb: [analog.name], why: `${bare} (not in ${distro})` } : orphanLeftover(bare, repos, distro));
    }
  }
  for (const w of req.unknown) leftovers.push(unknownWord(w, false, repos));
  if (req.runtime) ctx.keepRuntime = true;
  else for (const w of req.computed) leftovers.push(unknownWord(w, true, repos));
  return { names, leftovers };
}

function apk(words: string[], ctx: RunCtx): boolean {
  const ops = operands(words, 1, APK_VALUE_FLAGS);
  const sub = ops[0];
  const noCache = words.includes('--no-cache');
  if (sub === 'add') {
    const vIdx = Math.max(words.indexOf('--virtual'), words.indexOf('-t'));
    const group = vIdx > 0 ? words[vIdx + 1] : undefined;
    const req = requested(words, ctx.known, words.indexOf('add', 1) + 1, APK_VALUE_FLAGS, ctx);
    // `apk add --virtual .run-deps $runDeps` with runDeps from scanelf: the libraries the build links to.
    if (req.runtime) ctx.keepRuntime = true;
    const repos = [...ctx.repos, ...apkCommandRepos(words)];
    const mark = ctx.added.length;
    const online = installFromIndex(ctx, { format: 'apk', cmd: 'apk add', names: req.names.filter((n) => n !== group), recommends: false, docs: 1, repos, group });
    const leftovers: Leftover[] = [];
    const tabled: string[] = [];
    for (const n of online.rest) {
      const bare = n.split(/[=<>~]/)[0].toLowerCase();
      const v = vendorFor(repos, bare);
      if (v) leftovers.push(vendorLeftover(bare, v, majorOf(n, repos)));
      else tabled.push(n);
    }
    if (tabled.length) {
      const r = apkInstall(tabled, ctx.installed);
      ctx.addPackages(r, tabled, range(r, 0.25), pkgNote('apk add', tabled, r), group);
      // Alpine's tables are partial (derivedPackages.ts); most Alpine packages are small.
      for (const u of r.unknown) leftovers.push(orphanLeftover(u, repos, "Alpine's tables", [0.02, 1.5, 15]));
    }
    for (const w of req.unknown) leftovers.push(unknownWord(w, false, repos));
    if (!req.runtime) for (const w of req.computed) leftovers.push(unknownWord(w, true, repos));
    addLeftovers(leftovers, ctx, { suite: undefined, docs: 1, recommends: false, scale: 0.55, native: false, group });
    if (online.on) markTable(ctx, mark, online.fallback);
    if (!noCache && !words.includes('--no-network') && !ctx.mountedCache('/var/cache/apk')) apkIndex(ctx, 'apk index cache (no --no-cache)');
    return true;
  }
  if (sub === 'update' && !noCache) {
    apkIndex(ctx, 'apk index cache (apk update)');
    return true;
  }
  if (sub === 'del') {
    ctx.removePackages(ctx.expandWords(ops.slice(1)), true);
    return true;
  }
  if (sub === 'cache' && ops[1] === 'clean') ctx.removePath('/var/cache/apk');
  return true;
}

/** The APKINDEX files, once: a later `apk add` reuses what `apk update` fetched. */
function apkIndex(ctx: RunCtx, note: string): void {
  if (ctx.added.some((it) => it.path === '/var/cache/apk' && it.kind === 'residue')) return;
  ctx.add({ path: '/var/cache/apk', size: { bytes: 2.6 * MB, low: 1.5 * MB, high: 4 * MB }, kind: 'residue', note });
}

function rpm(words: string[], ctx: RunCtx, p: string): boolean {
  const ops = operands(words, 1, RPM_VALUE_FLAGS);
  let sub = ops[0];
  let names = ops.slice(1);
  let at = words.indexOf(sub, 1);
  if (sub === 'group' || sub === 'groups') {
    sub = ops[1] === 'install' ? 'groupinstall' : ops[1];
    names = ops.slice(2);
    at = words.indexOf(ops[1], at + 1);
  }
  if (sub === 'install' || sub === 'groupinstall') {
    const req = requested(words, ctx.known, at + 1, RPM_VALUE_FLAGS, ctx);
    const repos = ctx.repos;
    const flavor = rpmFlavor(ctx.figure);
    const nodocs = flavor.nodocs || words.includes('--nodocs') || words.some((w) => w.includes('tsflags=nodocs'));
    const weak = !words.some((w) => w.includes('install_weak_deps=0') || w.includes('install_weak_deps=False') || w.includes('install_weak_deps=false')) && p !== 'microdnf';
    const docs = nodocs ? 0.85 : 1;
    const mark = ctx.added.length;
    const byName = sub === 'groupinstall' ? [] : req.names.filter((n) => !isRepoPackage(n) && !n.endsWith('.rpm') && !n.startsWith('@'));
    const online = installFromIndex(ctx, { format: 'rpm', cmd: `${p} install`, names: byName, recommends: weak, docs, repos, detail: nodocs ? ', no docs (x0.85)' : '' });
    const leftovers: Leftover[] = [];
    const tabled: string[] = [];
    for (const raw of [...req.names.filter((n) => !byName.includes(n)), ...online.rest]) {
      if (isRepoPackage(raw)) continue;
      const n = sub === 'groupinstall' ? raw.toLowerCase() : raw;
      const v = vendorFor(repos, n.toLowerCase());
      const figure = RPM_FIGURES[n.toLowerCase()];
      if (v) leftovers.push(vendorLeftover(n.toLowerCase(), v, majorOf(n, repos)));
      else if (figure) leftovers.push({ kind: 'figure', name: n, mb: figure.mb, why: `${n} (${figure.source})` });
      else if (n.endsWith('.rpm')) leftovers.push(fileLeftover(n));
      else tabled.push(n);
    }
    const weakFactor = weak ? 1.05 : 1;
    if (tabled.length) {
      const r = rpmInstall(tabled, ctx.installed, flavor, docs * weakFactor);
      const size = { bytes: r.bytes, low: r.bytes * 0.7, high: r.bytes * (weak ? 1.5 : 1.35) };
      ctx.addPackages(r, tabled, size, `${pkgNote(`${p} install`, tabled, r)} on ${flavor.label}, read in Debian ${r.suites || flavor.suite}${nodocs ? ', no docs' : ''}${weak ? ', weak deps' : ''}`);
      for (const u of r.unknown) leftovers.push(orphanLeftover(u, repos, `the ${flavor.label} tables`));
    }
    for (const w of req.unknown) leftovers.push(unknownWord(w, false, repos));
    if (req.runtime) ctx.keepRuntime = true;
    else for (const w of req.computed) leftovers.push(unknownWord(w, true, repos));
    addLeftovers(leftovers, ctx, { suite: flavor.suite, docs, recommends: false, scale: 1, native: false });
    if (online.on) markTable(ctx, mark, online.fallback);
    const cacheDir = p === 'dnf' || p === 'dnf5' ? '/var/cache/dnf' : p === 'tdnf' ? '/var/cache/tdnf' : '/var/cache/yum';
    if (!ctx.mountedCache(cacheDir) && !ctx.added.some((it) => it.path === cacheDir && it.kind === 'residue')) ctx.add({ path: cacheDir, size: rpmCacheSize(flavor), kind: 'residue', note: `${p} metadata cache of ${flavor.label} (no "${p} clean all"; derived from reports)` });
    return true;
  }
  if (sub === 'remove' || sub === 'erase' || sub === 'autoremove') {
    ctx.removePackages(ctx.expandWords(names), true);
    return true;
  }
  if (sub === 'clean') {
    ctx.removePath('/var/cache/dnf');
    ctx.removePath('/var/cache/yum');
    ctx.removePath('/var/cache/tdnf');
  }
  return true;
}
