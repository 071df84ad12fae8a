// Package installs sized from real package indexes (when the lookups are on): the stage's
// distribution indexes and those of the repositories it added, all answered, resolve what they can
// (the tables size the rest, labelled so). While an answer is on its way the tables' figure stands
// and the estimate is redone when it lands; an index that failed (late, too large, malformed)
// leaves the tables' figure with a note saying why. What the base image holds counts zero: its
// package set where the tables know it, Debian's Essential and required packages, Alpine's base,
// and for RPM images (no set known) the closure of their package manager and shell.
import type { Item } from '../ledger';
import { vendorFor } from '../pkgNames';
import type { AddedRepo } from '../repos';
import type { RunCtx } from '../runContext';
import { ALPINE_BASE } from '../derivedPackages';
import { rpmFlavor } from '../rpmPackages';
import type { IndexSource } from '../types';
import { formatBytes } from '../units';
import { distroSources } from './distroSources';
import type { PackageIndexData } from './indexData';
import { repoSources } from './repoSources';
import { IndexSet } from './resolve';

export interface IndexInstall {
  format: IndexSource['format'];
  /** `apt-get install`, for the note. */
  cmd: string;
  /** Requested package names (pins as written; no package files). */
  names: string[];
  recommends: boolean;
  /** Factor on installed sizes: documentation the image excludes. */
  docs: number;
  /** The stage's added repositories, and those of this command only (`apk add --repository`). */
  repos: readonly AddedRepo[];
  group?: string;
  /** `, no docs`: what else the note says. */
  detail?: string;
}

export interface IndexInstallResult {
  /** Names left for the tables. */
  rest: string[];
  /** Why the tables size them, for the note: a lookup failed, or no index is known. */
  fallback?: string;
  /** Lookups are on (what the tables add is labelled as the table's). */
  on: boolean;
}

const NS = { deb: 'deb:', apk: 'apk:', rpm: 'rpm:' } as const;

export function installFromIndex(ctx: RunCtx, req: IndexInstall): IndexInstallResult {
  const lookup = ctx.io?.packageIndex;
  if (!lookup || !req.names.length) return { rest: req.names, on: !!lookup };
  const plan = distroSources(req.format, ctx.figure, ctx.stage.platform);
  if ('reason' in plan) return { rest: req.names, on: true, fallback: `no package index read: ${plan.reason}` };
  const unreadable: AddedRepo[] = [];
  const repoIndexes: IndexSource[] = [];
  for (const repo of [...req.repos].reverse()) {
    const own = repoSources(req.format, repo, plan.release);
    if (own.length) repoIndexes.push(...own);
    else unreadable.push(repo);
  }
  const failed: string[] = [];
  let pending = false;
  const read = (list: IndexSource[]): PackageIndexData[] =>
    list.flatMap((s) => {
      const a = lookup(s);
      if (!a) pending = true;
      else if (!a.ok) failed.push(`${s.label}: ${a.reason}`);
      return a?.ok ? a.value : [];
    });
  const added = read(repoIndexes);
  const own = read(plan.sources);
  if (failed.length) return { rest: req.names, on: true, fallback: `package index lookup failed (${failed.slice(0, 2).join('; ')}${failed.length > 2 ? `; +${failed.length - 2} more` : ''})` };
  if (pending || !own.length) return { rest: req.names, on: true };
  const claimed = req.names.filter((n) => vendorFor(unreadable, n.toLowerCase()));
  const wanted = req.names.filter((n) => !claimed.includes(n));
  const set = new IndexSet([...added, ...own]);
  const distro = new IndexSet(own);
  const base = baseSet(req.format, distro, ctx);
  const ns = NS[req.format];
  const r = set.install(wanted, { installed: (n) => base.has(n) || ctx.installed.has(ns + n), recommends: req.recommends }, req.format === 'rpm');
  const found = wanted.filter((n) => !r.unknown.includes(n));
  if (found.length) {
    const bytes = r.bytes * req.docs;
    const n = r.added.length;
    const shown = found.slice(0, 3).join(' ') + (found.length > 3 ? ` +${found.length - 3}` : '');
    const note = `${req.cmd} ${shown} ≈ ${formatBytes(bytes)}: ${n} new package${n === 1 ? '' : 's'} including dependencies${req.recommends ? ', recommends included' : ''}${req.detail ?? ''}; installed sizes from the index (${r.from.join(', ') || 'nothing new'})`;
    ctx.addPackages({ bytes, added: r.added.map((a) => ns + a), unknown: [], derived: false }, found, { bytes, low: bytes * 0.97, high: bytes * 1.03 }, note, req.group);
    ctx.added[ctx.added.length - 1].origin = 'index';
  }
  return { rest: [...claimed, ...r.unknown], on: true };
}

const rpmBases = new WeakMap<PackageIndexData, Map<boolean, Set<string>>>();

function baseSet(format: IndexSource['format'], distro: IndexSet, ctx: RunCtx): ReadonlySet<string> {
  if (format === 'apk') return new Set(ALPINE_BASE);
  if (format === 'deb') return new Set(distro.required());
  const key = distro.views[0]?.data;
  if (!key) return new Set();
  const minimal = rpmFlavor(ctx.figure).minimal;
  let byKind = rpmBases.get(key);
  if (!byKind) rpmBases.set(key, (byKind = new Map()));
  let s = byKind.get(minimal);
  if (!s) {
    const seeds = ['setup', 'filesystem', 'basesystem', 'bash', 'glibc', 'glibc-minimal-langpack', 'coreutils-single', 'rpm', minimal ? 'microdnf' : 'dnf'];
    s = new Set(distro.install(seeds, { installed: () => false, recommends: false }, true).added);
    byKind.set(minimal, s);
  }
  return s;
}

/** Labels what the tables added for this command as the table's, and puts the fallback note on the first of it. */
export function markTable(ctx: RunCtx, from: number, fallback: string | undefined): void {
  let noted = false;
  for (const it of ctx.added.slice(from) as Item[]) {
    if (it.kind !== 'package' || it.origin) continue;
    it.origin = 'table';
    if (fallback && !noted) {
      it.note += `; ${fallback}: the table's figure`;
      noted = true;
    }
  }
}
