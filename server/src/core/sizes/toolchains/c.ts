// C and C++: a compiler call (binary at -o or a.out, static or dynamic, musl or glibc), `make` and
// `ninja` (objects and the build tree as residue, binaries in place; a project copied from the build
// context is sized by its sources, static when its Makefile says so), `make install` (into the
// ./configure prefix, or a PHP extension after phpize), `make clean`, and `cmake --build/--install`.
import type { RunCtx } from '../runContext';
import { flagValue, operands, program } from '../shell';
import { KB, MB, formatBytes } from '../units';
import { isUnder, type Item } from '../ledger';
import { installedBefore, installOf } from './sourceBuild';
import { artifact, bareDir, r, residue } from './common';
import { goMakeBinaries, hasGo } from './goMake';

export function cc(words: string[], ctx: RunCtx): boolean {
  if (words.includes('-E') || words.includes('--version') || words.includes('-v')) return true;
  const isStatic = words.includes('-static');
  const objectOnly = words.includes('-c');
  const musl = ctx.figure.distro === 'alpine' || program(words) === 'musl-gcc';
  const sources = words.filter((w) => /\.(c|cc|cpp|cxx|C)$/.test(w)).length || 1;
  const per = 15 * KB * sources;
  const stripped = isStatic && !objectOnly && strips(words);
  // A stripped static program is the published stripped hello plus 15 KB per further source file.
  const bin = stripped ? strippedStaticHello(musl) + per - 15 * KB : isStatic ? staticLibc(musl) + per : per + 2 * KB;
  const out = flagValue(words, ['-o']) ?? (objectOnly ? undefined : 'a.out');
  const note = `${program(words)}${isStatic ? ' -static' : ''}${stripped ? ' -s' : ''}: ${objectOnly ? 'objects' : 'binary'} ≈ ${formatBytes(bin)}`;
  const size = stripped ? r(bin, bin * 0.5, bin * 2) : r(bin, bin * 0.5, bin * 3);
  if (out) artifact(ctx, ctx.path(out), size, note);
  else residue(ctx, ctx.workdir, size, note);
  return true;
}

/** The link drops the symbol table: `-s`, `-Wl,-s`, `-Wl,--strip-all`. */
function strips(words: string[]): boolean {
  return words.some((w) => w === '-s' || /^-Wl,(.*,)?(-s|--strip-all)(,|$)/.test(w));
}

/**
 * A stripped static hello world using printf: 13 KB on musl, 662 KB on glibc ("Static hello (using
 * printf)", Eta Labs, Comparison of C/POSIX standard library implementations for Linux,
 * http://www.etalabs.net/compare_libcs.html), measured before linkers page-aligned each segment
 * (binutils 2.31's default -z separate-code on x86-64 Linux): the read-only, code, read-only and
 * data segments now start on their own 4 KiB page, up to 12 KB of padding a tiny binary carries.
 */
function strippedStaticHello(musl: boolean): number {
  return (musl ? 13 : 662) * KB + 12 * KB;
}

/**
 * What a static link adds: a static C hello world is ~80 KB on musl (tonym.us: an 82.7 kB scratch
 * image) and 760 KB on glibc (jpetazzo, "The Quest for Minimal Docker Images", part 1).
 */
function staticLibc(musl: boolean): number {
  return musl ? 65 * KB : 745 * KB;
}

function treeSize(ctx: RunCtx): number {
  return ctx.lastTree?.size.bytes ?? 40 * MB;
}

interface ContextTree {
  /** Bytes of the sources, or undefined when the build context was not read. */
  bytes: number | undefined;
  /** The Makefile links statically (`-static` in it); undefined when it could not be read. */
  isStatic: boolean | undefined;
}

/** Sources COPY put under `dir` from the build context (`COPY . ./` then `make`), when no archive was unpacked in this RUN. */
function contextTree(ctx: RunCtx, dir: string): ContextTree | undefined {
  if (ctx.lastTree) return undefined;
  const items = ctx.contextItems().filter((it) => isUnder(it.path, dir));
  if (!items.length) return undefined;
  const known = items.every((it) => it.size.low === it.size.high);
  let isStatic: boolean | undefined;
  for (const it of items) {
    for (const src of it.sources ?? []) {
      const base = bareDir(src);
      const text = ctx.io?.contextText?.(base ? `${base}/Makefile` : 'Makefile') ?? (/(^|\/)(GNUm|m|M)akefile$/.test(base) ? ctx.io?.contextText?.(base) : undefined);
      if (text !== undefined) isStatic = (isStatic ?? false) || /(^|\s)-static(\s|$)/m.test(text);
    }
  }
  return { bytes: known ? items.reduce((a, it) => a + it.size.bytes, 0) : undefined, isStatic };
}

/** Where `make install` writes: `PREFIX=`/`prefix=` on the command line, else the configure prefix, under `DESTDIR` (`make install DESTDIR=/out`). */
function installPrefix(words: string[], ctx: RunCtx): string {
  const assigned = (name: string) => words.find((w) => w.startsWith(name + '='))?.slice(name.length + 1);
  const prefix = assigned('PREFIX') ?? assigned('prefix') ?? ctx.configurePrefix ?? '/usr/local';
  const dest = assigned('DESTDIR') ?? ctx.env('DESTDIR');
  return dest ? ctx.path(`${dest}/${prefix}`) : ctx.path(prefix);
}

export function make(words: string[], ctx: RunCtx): boolean {
  const targets = operands(words, 1, ['-C', '-f', '-j']).filter((w) => !w.includes('='));
  const dir = flagValue(words, ['-C']);
  const where = dir ? ctx.path(dir) : ctx.cwd ?? ctx.workdir;
  const tree = treeSize(ctx);
  if (targets.some((t) => t === 'install' || t.startsWith('install-') || t.startsWith('install_'))) {
    if (ctx.phpize) {
      artifact(ctx, ctx.path(ctx.env('PHP_EXTENSION_DIR') ?? '/usr/local/lib/php/extensions'), r(1.2 * MB, 0.2 * MB, 12 * MB), 'make install: PHP extension .so ≈ 1.2 MB');
      return true;
    }
    // Several install targets of one tree (`make install install-docs`, `make install && make install-lib`) install it once.
    if (installedBefore(ctx, where)) return true;
    const prefix = installPrefix(words, ctx);
    const { size, why, unknown } = installOf(ctx, where);
    const item: Item = { path: prefix, size, kind: 'artifact', note: `${program(words)} install into ${prefix} ≈ ${formatBytes(size.bytes)} (${why})`, fuzzy: true, many: true };
    if (unknown) item.unknown = unknown;
    ctx.add(item);
    return true;
  }
  if (targets.some((t) => t === 'clean' || t === 'distclean')) {
    ctx.removePath(where + '/__objects__');
    return true;
  }
  if (targets.some((t) => t === 'test' || t === 'check' || t === 'tests')) return true;
  const own = ctx.phpize ? undefined : contextTree(ctx, where);
  if (own) {
    // The project's own sources: object code about as large as the source, binaries a fraction of it.
    const musl = ctx.figure.distro === 'alpine';
    const src = own.bytes;
    const objects = src === undefined ? 5 * MB : Math.max(16 * KB, src * 1.2);
    const bin = (src === undefined ? 1 * MB : Math.max(16 * KB, src * 0.4)) + (own.isStatic ? staticLibc(musl) : 0);
    residue(ctx, where + '/__objects__', src === undefined ? r(objects, 50 * KB, 60 * MB) : r(objects, objects * 0.3, objects * 3), `make: objects ≈ ${formatBytes(objects)}`);
    const why = `${src === undefined ? 'build context not read' : `${formatBytes(src)} of sources`}${own.isStatic ? ', static (Makefile)' : ''}`;
    artifact(ctx, where, src === undefined ? r(bin, 16 * KB, 20 * MB) : r(bin, bin * 0.4, bin * 4 + (own.isStatic === undefined ? staticLibc(musl) : 0)), `make: built binaries ≈ ${formatBytes(bin)} (${why})`, true);
    return true;
  }
  // `make -C libfoo && make -C bar prog`: parts of one tree; its objects and binaries are counted once.
  const treeKey = ctx.lastTree ?? `dir:${ctx.cwd ?? ctx.workdir}`;
  if (ctx.builtTrees.has(treeKey)) return true;
  ctx.builtTrees.add(treeKey);
  const objects = ctx.phpize ? 4 * MB : Math.max(2 * MB, tree * 1.2);
  residue(ctx, where + '/__objects__', r(objects, objects * 0.4, objects * 2.5), `make: objects and build tree ≈ ${formatBytes(objects)}`);
  if (!ctx.phpize && hasGo(ctx)) goMakeBinaries(targets, where, ctx);
  else if (!ctx.phpize) artifact(ctx, where, r(objects * 0.15, objects * 0.05, objects * 0.5), 'make: built binaries', true);
  return true;
}

/** `meson setup --prefix`, `meson install -C build` (and `ninja install`, read as make). */
export function meson(words: string[], ctx: RunCtx): boolean {
  const prefix = flagValue(words, ['--prefix']);
  if (prefix) ctx.configurePrefix = ctx.path(prefix);
  const dir = flagValue(words, ['-C']);
  if (words[1] === 'install') return make(['meson', 'install', ...(dir ? ['-C', dir] : [])], ctx);
  if (words[1] === 'compile') return make(['meson', ...(dir ? ['-C', dir] : [])], ctx);
  return true;
}

export function cmake(words: string[], ctx: RunCtx): boolean {
  const prefix = flagValue(words, ['--prefix']) ?? words.find((w) => w.startsWith('-DCMAKE_INSTALL_PREFIX='))?.slice(23);
  if (prefix) ctx.configurePrefix = ctx.path(prefix);
  const dir = flagValue(words, ['--install', '--build']);
  if (words.includes('--install')) return make(['cmake', 'install', ...(dir ? ['-C', dir] : [])], ctx);
  if (words.includes('--build')) return make(['cmake', ...(dir ? ['-C', dir] : [])], ctx);
  return true;
}
