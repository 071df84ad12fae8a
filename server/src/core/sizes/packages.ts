// Package manager commands in RUN: apt-get/apt, apk, dnf/yum/microdnf, and what they leave behind
// (index files, caches) unless the same RUN cleans them.
import { apkInstall, debInstall, rpmInstall, type PackageSize } from './tables';
import { operands, program } from './shell';
import type { RunCtx } from './runContext';
import { MB, formatBytes } from './units';

export function packageCommand(words: string[], ctx: RunCtx): boolean {
  const p = program(words);
  if (p === 'apt-get' || p === 'apt' || p === 'aptitude') return apt(words, ctx);
  if (p === 'apk') return apk(words, ctx);
  if (p === 'dnf' || p === 'yum' || p === 'microdnf' || p === 'tdnf') return rpm(words, ctx, p);
  if (p === 'apt-mark' && words.includes('auto')) {
    ctx.aptMarkAuto = true;
    return true;
  }
  return false;
}

/** Table sizes are exact for the release they come from; a name the tables lack may be up to 10 MB. */
function range(r: PackageSize, spread: number) {
  return { bytes: r.bytes, low: r.bytes * (1 - spread), high: r.bytes * (1 + spread) + r.unknown.length * 10 * MB };
}

function pkgNote(cmd: string, names: string[], r: PackageSize): string {
  const shown = names.slice(0, 3).join(' ') + (names.length > 3 ? ` +${names.length - 3}` : '');
  const n = r.added.length;
  const unknown = r.unknown.length ? `, ${r.unknown.length} not in the package table` : '';
  return `${cmd} ${shown} ≈ ${formatBytes(r.bytes)}: ${n} new package${n === 1 ? '' : 's'} including dependencies${r.derived ? ' (sizes estimated)' : ''}${unknown}`;
}

function apt(words: string[], ctx: RunCtx): boolean {
  const sub = operands(words, 1, ['-o', '-t', '-c'])[0];
  if (sub === 'update') {
    ctx.add({ path: '/var/lib/apt/lists', size: { bytes: 19 * MB, low: 9 * MB, high: 45 * MB }, kind: 'residue', note: 'apt lists (apt-get update) not removed' });
    return true;
  }
  if (sub === 'install') {
    const names = ctx.expandWords(operands(words, 1, ['-o', '-t', '-c']).slice(1)).filter((n) => !n.endsWith('.deb'));
    if (!names.length) return true;
    const docs = ctx.figure.slim ? 0.85 : 1;
    const recommends = !words.includes('--no-install-recommends') && !ctx.noRecommends;
    const r = debInstall(names, ctx.installed, docs, recommends, ctx.figure.suite);
    const size = range(r, recommends ? 0.2 : 0.1);
    ctx.addPackages(r, names, size, pkgNote('apt-get install', names, r) + (recommends ? ', recommends included' : ''));
    return true;
  }
  if (sub === 'purge' || sub === 'remove' || sub === 'autoremove') {
    const names = ctx.expandWords(operands(words, 1, ['-o']).slice(1));
    ctx.removePackages(names, words.includes('--auto-remove') || sub === 'autoremove');
    return true;
  }
  if (sub === 'clean' || sub === 'distclean') {
    ctx.removePath('/var/cache/apt');
    return true;
  }
  return true;
}

function apk(words: string[], ctx: RunCtx): boolean {
  const ops = operands(words, 1, ['--virtual', '-t', '--repository', '-X', '--root', '-p']);
  const sub = ops[0];
  const noCache = words.includes('--no-cache');
  if (sub === 'add') {
    // `apk add --virtual .run-deps $runDeps` with runDeps from scanelf: the libraries the build links to.
    if (ctx.computed(ops.slice(1))) ctx.keepRuntime = true;
    const names = ctx.expandWords(ops.slice(1));
    const vIdx = Math.max(words.indexOf('--virtual'), words.indexOf('-t'));
    const group = vIdx > 0 ? words[vIdx + 1] : undefined;
    const wanted = names.filter((n) => n !== group);
    if (wanted.length) {
      const r = apkInstall(wanted, ctx.installed);
      ctx.addPackages(r, names, range(r, 0.25), pkgNote('apk add', wanted, r), group);
    }
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
  const ops = operands(words, 1, ['--setopt', '--enablerepo', '--disablerepo', '-c', '--installroot', '--releasever']);
  let sub = ops[0];
  let names = ops.slice(1);
  if (sub === 'group' || sub === 'groups') {
    sub = ops[1] === 'install' ? 'groupinstall' : ops[1];
    names = ops.slice(2);
  }
  if (sub === 'install' || sub === 'groupinstall') {
    if (sub === 'groupinstall') names = names.map((n) => n.toLowerCase());
    names = ctx.expandWords(names);
    const nodocs = words.includes('--nodocs') || words.some((w) => w.includes('tsflags=nodocs'));
    const weak = !words.some((w) => w.includes('install_weak_deps=0') || w.includes('install_weak_deps=False') || w.includes('install_weak_deps=false')) && p !== 'microdnf';
    const r = rpmInstall(names, ctx.installed, nodocs ? 0.85 : 1);
    const size = range(r, 0.3);
    if (weak) {
      size.bytes *= 1.15;
      size.high *= 1.6;
    }
    ctx.addPackages(r, names, size, pkgNote(`${p} install`, names, r));
    const cacheDir = p === 'yum' ? '/var/cache/yum' : '/var/cache/dnf';
    if (!ctx.mountedCache(cacheDir)) ctx.add({ path: cacheDir, size: { bytes: 90 * MB, low: 20 * MB, high: 250 * MB }, kind: 'residue', note: `${p} metadata cache (no "${p} clean all")` });
    return true;
  }
  if (sub === 'remove' || sub === 'erase' || sub === 'autoremove') {
    ctx.removePackages(ctx.expandWords(names), true);
    return true;
  }
  if (sub === 'clean') {
    ctx.removePath('/var/cache/dnf');
    ctx.removePath('/var/cache/yum');
  }
  return true;
}
