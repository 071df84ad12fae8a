// Source builds: which project a tree is (the download it came from, its directory name, the
// ./configure prefix), what its install adds (the release table's published install, with debug
// info when built with -g and not stripped), counted once per tree however many install targets
// run; Go's make.bash, which leaves the whole toolchain in the tree; `python setup.py install`.
import { DEBUG_FACTOR, releaseDownload, type KnownDownload } from '../downloads';
import { readDownloadName } from '../downloadName';
import { isUnder, type Item } from '../ledger';
import type { RunCtx } from '../runContext';
import type { SizeRange } from '../types';
import { MB, formatBytes } from '../units';
import { r, sitePackages } from './common';
import { described } from './fetch';

/** Names a directory or prefix goes by -> the release table's name. */
const ALIASES: Record<string, string> = { erlang: 'otp', 'otp-src': 'otp', postgres: 'postgresql', pgsql: 'postgresql', apache2: 'httpd', apache: 'httpd', nodejs: 'node', golang: 'go', cpython: 'python', python3: 'python', valkey: 'redis', keydb: 'redis' };

/** The unpacked tree `where` lies in: an item of this RUN or an earlier one, else the last one unpacked. */
export function treeAt(ctx: RunCtx, where: string): Item | undefined {
  const inside = (it: Item) => (it.kind === 'tree' || it.archive) && it.many && isUnder(where, it.path);
  for (let k = ctx.added.length - 1; k >= 0; k--) if (inside(ctx.added[k])) return ctx.added[k];
  const earlier = ctx.stage.items.all();
  for (let k = earlier.length - 1; k >= 0; k--) if (inside(earlier[k])) return earlier[k];
  return ctx.lastTree;
}

/** The project a build in `where` is: the tree's download, else the directory names, else the prefix. */
export function projectAt(ctx: RunCtx, where: string): KnownDownload | undefined {
  const tree = treeAt(ctx, where);
  if (tree?.archive?.installs || tree?.archive?.built) return tree.archive;
  const names = [tree?.archive?.name?.software, ...where.split('/').reverse().slice(0, 3), ctx.configurePrefix?.split('/').pop()];
  for (const n of names) {
    if (!n) continue;
    const sw = readDownloadName(n).software ?? n.toLowerCase();
    const found = releaseDownload(ALIASES[sw] ?? sw, 'source');
    if (found?.installs || found?.built) return found;
  }
  return ctx.lastDownload?.installs ? ctx.lastDownload : undefined;
}

/**
 * `CFLAGS` given without -g: no debug info, whatever the project's default. Flags computed by
 * `dpkg-buildflags` carry -g; other computed flags leave the project's default.
 */
function debugBuild(ctx: RunCtx, projectDefault: boolean): boolean {
  if (ctx.stripped) return false;
  const flags = [...ctx.configureFlags.filter((f) => f.startsWith('CFLAGS=')).map((f) => f.slice(7)), ctx.env('CFLAGS') ?? ''].filter(Boolean);
  if (flags.some((f) => f.includes('dpkg-buildflags'))) return true;
  const known = flags.filter((f) => !f.includes('$(') && !f.includes('`'));
  if (!known.length) return projectDefault;
  return known.some((f) => f.split(/\s/).some((w) => w === '-g' || w === '-ggdb' || /^-g[1-3]$/.test(w)));
}

/** What `make install` (or `cmake --install`, `ninja install`) of the tree in `where` adds. */
export function installOf(ctx: RunCtx, where: string): { size: SizeRange; why: string; unknown?: string } {
  const project = projectAt(ctx, where);
  const known = project?.installs;
  if (known) {
    const debug = known.debug && debugBuild(ctx, true);
    const units = known.units?.(ctx.configureFlags) ?? 1;
    const bytes = (known.native * units * (debug ? DEBUG_FACTOR : 1) + known.rest) * MB;
    return { size: r(bytes, bytes * 0.6, bytes * 1.6), why: `${project!.what.replace(' source tree', '')}${units !== 1 ? `, ${units} programs` : ''}${debug ? ', not stripped' : ''}` };
  }
  const tree = treeAt(ctx, where);
  if (tree) ctx.builtTrees.add(tree);
  const label = tree?.archive?.name?.file ?? where;
  // A binary distribution (GHC's `./configure && make install`) copies what it unpacked into the prefix.
  if (tree?.archive && isBinaryDistribution(tree.archive)) {
    const { bytes, low, high } = tree.size;
    const known = !tree.archive.unknown;
    return { size: r(bytes, low, high), why: `${known ? described(tree.archive) : label}: a binary distribution installs what it unpacked`, unknown: known ? undefined : `what make install of ${label} installs` };
  }
  const bytes = Math.max(1 * MB, (tree?.size.bytes ?? 40 * MB) * 0.5);
  // The tree's size is a guess (an archive the table does not know, or no tree seen): the install may be one small program.
  const guessed = !tree || !!tree.archive?.unknown || !tree.archive;
  return { size: r(bytes, guessed ? Math.min(bytes * 0.1, SMALL_INSTALL) : bytes * 0.1, bytes * 3), why: 'half the source tree', unknown: `what make install of ${label} installs` };
}

/** What a small C tool's `make install` adds: a stripped program and its man page, about 100 KB. */
const SMALL_INSTALL = 0.1 * MB;

/** A prebuilt release (its name gives an os or arch, or the table knows it as one), not sources. */
function isBinaryDistribution(d: KnownDownload): boolean {
  if (d.source || d.installs || d.built) return false;
  const name = d.name;
  return !!name && name.kind === 'binary' && (!d.unknown || !!name.os || !!name.arch);
}

/** The install of this tree in this RUN, if one was already counted (`make install && make install-docs`). */
export function installedBefore(ctx: RunCtx, where: string): boolean {
  const key = installKey(ctx, where);
  if (ctx.installedTrees.has(key)) return true;
  ctx.installedTrees.add(key);
  return false;
}

function installKey(ctx: RunCtx, where: string): string {
  const tree = treeAt(ctx, where);
  return tree && isUnder(where, tree.path) ? `${tree.path}|${tree.note}` : where;
}

/** `./make.bash` (Go): the source tree becomes the toolchain in place, and the build cache stays unless removed. */
export function goBootstrap(ctx: RunCtx): boolean {
  const where = ctx.cwd ?? ctx.workdir;
  const tree = treeAt(ctx, where);
  const built = tree?.archive?.built;
  if (tree && built && ctx.added.includes(tree)) {
    tree.size = r(built, built * 0.8, built * 1.25);
    tree.kind = 'artifact';
    tree.note = `make.bash: Go toolchain built in place ≈ ${formatBytes(built)}`;
  } else ctx.add({ path: where, size: r(100 * MB, 30 * MB, 300 * MB), kind: 'artifact', note: 'make.bash: Go toolchain ≈ 100 MB', fuzzy: true, many: true, unknown: 'the Go source tree make.bash built' });
  const cache = ctx.path(ctx.env('GOCACHE') ?? '/root/.cache/go-build');
  ctx.add({ path: cache, size: r(120 * MB, 50 * MB, 300 * MB), kind: 'residue', note: 'make.bash: Go build cache ≈ 120 MB' });
  return true;
}

/** `python setup.py install`: the package from the tree in the working directory, into site-packages. */
export function setupPyInstall(ctx: RunCtx): boolean {
  const where = ctx.cwd ?? ctx.workdir;
  if (installedBefore(ctx, where)) return true;
  const tree = treeAt(ctx, where);
  const bytes = Math.max(0.2 * MB, (tree?.size.bytes ?? 5 * MB) * 0.6);
  const label = tree?.archive?.name?.file ?? where;
  ctx.add({ path: sitePackages(ctx), size: r(bytes, bytes * 0.1, bytes * 3), kind: 'artifact', note: `setup.py install of ${label} ≈ ${formatBytes(bytes)}`, unknown: `what setup.py install of ${label} installs` });
  return true;
}
