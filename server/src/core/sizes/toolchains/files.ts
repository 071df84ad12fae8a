// Generic file work in RUN (downloads: fetch.ts, unpacking: unpack.ts): `git clone`, `rm` and
// `find -delete` (remove what the same RUN added), `mv`/`cp` (a release's own program moved out of
// its archive is most of it), `chown -R`/`chmod -R` (which rewrite earlier layers' files into
// this one), and `strip`/`upx` (shrink a binary just built).
import type { Item } from '../ledger';
import { isTreeTop, isUnder, UNRESOLVED } from '../ledger';
import type { RunCtx } from '../runContext';
import { flagValue, operands, program } from '../shell';
import { KB, MB, formatBytes } from '../units';
import { r } from './common';

export function git(words: string[], ctx: RunCtx): boolean {
  if (words[1] !== 'clone') return true;
  const ops = operands(words, 2, ['-b', '--branch', '--depth', '--filter', '-c', '--config']);
  const url = ops[0] ?? '';
  const dest = ops[1] ?? (url.split('/').pop() ?? 'repo').replace(/\.git$/, '');
  const shallow = words.some((w) => w.startsWith('--depth'));
  const size = shallow ? r(8 * MB, 1 * MB, 80 * MB) : r(25 * MB, 3 * MB, 300 * MB);
  const tree: Item = { path: ctx.path(dest), size, kind: 'tree', note: `git clone${shallow ? ' --depth' : ''} ≈ ${formatBytes(size.bytes)}`, many: true };
  ctx.add(tree);
  ctx.lastTree = tree;
  return true;
}

export function rm(words: string[], ctx: RunCtx): boolean {
  for (const p of operands(words, 1)) ctx.removePath(p);
  return true;
}

/** Tests of `find` that pick some files; without them a `-delete` takes everything under the start. */
const FIND_FILTERS = new Set(['-type', '-path', '-ipath', '-regex', '-newer', '-size', '-mtime', '-mmin', '-perm', '-user', '-group', '-empty', '-links', '-executable', '-wholename']);

/** `find DIR -mindepth 1 -delete`, `find DIR -name '*.tar.gz' -delete`, `-exec rm -rf {} +`. */
export function find(words: string[], ctx: RunCtx): boolean {
  const exec = words.indexOf('-exec');
  if (!words.includes('-delete') && !(exec > 0 && program([words[exec + 1] ?? '']) === 'rm')) return true;
  const dirs: string[] = [];
  for (let k = 1; k < words.length && !words[k].startsWith('-') && words[k] !== '(' && words[k] !== '!'; k++) dirs.push(words[k]);
  const names: string[] = [];
  for (let k = 1; k < words.length; k++) if (words[k] === '-name' || words[k] === '-iname') names.push(words[k + 1] ?? '');
  const filtered = words.some((w) => FIND_FILTERS.has(w));
  const below = Number(flagValue(words, ['-mindepth']) ?? '0') >= 1;
  for (const dir of dirs.length ? dirs : ['.']) {
    if (names.length) ctx.removeNamed(dir, names);
    else if (!filtered) ctx.removePath(below ? `${dir.endsWith('/') ? dir.slice(0, -1) : dir}/*` : dir);
  }
  return true;
}

/** `src` names a part of the unpacked tree `it`: neither the whole of it nor the archive's own top directory. */
function deepInside(src: string, it: Item): boolean {
  if (!it.fuzzy || src === it.path || !isUnder(src, it.path)) return false;
  // A build output whose file name is unknown (`cargo build` into target/release): a file named right in it is that output.
  if (!it.many && src.lastIndexOf('/') === it.path.length && !/[*?[]/.test(src)) return false;
  return !isTreeTop(src, it);
}

/** `helm` of a Helm release: a file named like the software of a binary (not source) archive. */
function isMainBinary(src: string, it: Item): boolean {
  const sw = it.archive?.name?.software;
  return !!sw && !it.archive?.source && src.slice(src.lastIndexOf('/') + 1).toLowerCase() === sw;
}

export function moveOrCopy(words: string[], ctx: RunCtx, p: string): boolean {
  const ops = operands(words, 1, ['-t', '--target-directory']);
  if (ops.length < 2) return true;
  const target = ctx.path(ops[ops.length - 1]);
  // `cp a b /dir` (or `cp a /dir/`): the target is a directory, so each source lands at /dir/<name>.
  const intoDir = ops.length > 2 || ops[ops.length - 1].endsWith('/');
  for (const src of ops.slice(0, -1).map((s) => ctx.path(s))) {
    const name = src.slice(src.lastIndexOf('/') + 1);
    const dest = intoDir && name && !/[*?[]/.test(name) ? `${target === '/' ? '' : target}/${name}` : target;
    const moved = ctx.added.filter((it) => isUnder(it.path, src) || (it.fuzzy && (it.kind === 'artifact' || it.kind === 'tree') && isUnder(src, it.path)));
    const holders = moved.filter((it) => !isUnder(it.path, src));
    // A path inside a tree or a build's output, and nothing at it: one file of them, counted once however many hold it.
    if (holders.length === moved.length && holders.length && (holders.some((it) => deepInside(src, it)) || SMALL_NAME.test(src.slice(src.lastIndexOf('/') + 1)))) {
      copyOneFile(ctx, p, src, dest, holders);
      continue;
    }
    for (const it of moved) {
      if (p === 'mv') it.path = dest;
      else if (it.lazy) ctx.add({ path: dest, size: UNRESOLVED, kind: 'artifact', note: '', lazy: { kind: 'sum', of: [it], template: 'cp of {size}', tight: false } });
      else ctx.add({ ...it, path: dest, kind: 'artifact', note: `cp ${it.note}` });
    }
    if (!moved.length && p === 'cp') {
      const earlier = ctx.stage.items.filter((it) => isUnder(it.path, src) && it.kind !== 'package');
      for (const it of earlier) ctx.add({ path: dest, size: UNRESOLVED, kind: 'copied', note: '', lazy: { kind: 'sum', of: [it], template: 'cp duplicates {size} into this layer', tight: false } });
    }
  }
  return true;
}

/** Names of small files: documentation, configuration, scripts, headers, certificates. */
const SMALL_NAME = /^(readme|license|licence|copying|notice|authors|changelog|changes|news|makefile)([._-].*)?$|\.(md|txt|rst|conf|cfg|ini|ya?ml|json|toml|xml|h|hpp|c|cc|go|rs|py|pl|rb|js|sh|bash|1|[2-8]|html|css|pc|service|desktop|crt|pem|key|sample|example|in)$/i;
const SMALL_FILE = r(8 * KB, 0.5 * KB, 150 * KB);

/**
 * One file (`cp src/tool /usr/local/bin/`, `install -m 0755 tool-2.1/tool ...`) out of the items
 * `holders` of this RUN that contain it (an unpacked tree, a build's output): the release's own
 * program, else a program the build in that tree made (its output, once per RUN however many files
 * are copied out of it), else a small file by its name, else a small part of the tree.
 */
export function copyOneFile(ctx: RunCtx, p: string, src: string, dest: string, holders: Item[]): void {
  const tree = holders.find((it) => it.many || it.archive) ?? holders[0];
  if (/[*?[]/.test(src.slice(src.lastIndexOf('/')))) return copySliver(ctx, p, src, dest, tree, 0.05);
  const main = holders.find((it) => isMainBinary(src, it));
  if (main) return copySliver(ctx, p, src, dest, main, 0.9);
  const name = src.slice(src.lastIndexOf('/') + 1);
  if (SMALL_NAME.test(name)) {
    ctx.add({ path: dest, size: SMALL_FILE, kind: 'artifact', note: `${p} ${src}: a small file` });
    return;
  }
  const output = holders.find((it) => it.kind === 'artifact' && !it.many && !it.archive && !it.lazy);
  if (output) {
    if (ctx.copiedOutputs.has(output)) return;
    ctx.copiedOutputs.add(output);
    // `mv target/*.jar app.jar`, `mv target/release/app .`: the output itself moves, it is not there twice.
    if (p === 'mv') {
      output.path = dest;
      output.fuzzy = false;
      return;
    }
    // Its size rests on the tree's, which may be a guess.
    const unknown = output.unknown ?? holders.find((it) => it.unknown !== undefined)?.unknown;
    ctx.add({ path: dest, size: r(output.size.bytes, output.size.low * 0.5, output.size.high), kind: 'artifact', note: `${p} ${src}: a program the build made (${output.note})`, ...(unknown ? { unknown } : {}) });
    return;
  }
  copySliver(ctx, p, src, dest, tree, 0.05);
}

/** A share `f` of `it` copied to `dest`: the release's own binary (`linux-amd64/helm`) is most of it, anything else a small part. */
function copySliver(ctx: RunCtx, p: string, src: string, dest: string, it: Item, f: number): void {
  const main = f > 0.5;
  const of = it.archive?.what ?? it.note.split(':')[0];
  ctx.add({ path: dest, size: r(it.size.bytes * f, it.size.low * f * (main ? 0.5 : 0.1), Math.min(it.size.high, it.size.high * f * 4)), kind: 'artifact', note: `${p} ${src}: ${main ? 'the program' : 'a part'} of ${of}`, ...(it.unknown ? { unknown: it.unknown } : {}) });
}

/**
 * coreutils `install [-D] [-m MODE] SRC... DEST` copies single files: an output this RUN made at
 * that exact path (`go build -o /tmp/app && install /tmp/app /usr/local/bin/`) is copied; a file
 * picked out of a source or build tree is one file of it (copyOneFile). `install -d` makes directories.
 */
export function installFiles(words: string[], ctx: RunCtx): boolean {
  if (words.some((w) => w === '--directory' || (/^-[a-zA-Z]+$/.test(w) && w.includes('d')))) return true;
  const ops = operands(words, 1, ['-m', '--mode', '-o', '--owner', '-g', '--group', '-S', '--suffix', '-t', '--target-directory']);
  if (ops.length < 2) return true;
  const dest = ctx.path(ops[ops.length - 1]);
  for (const src of ops.slice(0, -1).map((s) => ctx.path(s))) {
    const exact = ctx.added.filter((x) => x.path === src && x.kind === 'artifact');
    for (const it of exact) {
      if (it.lazy) ctx.add({ path: dest, size: UNRESOLVED, kind: 'artifact', note: '', lazy: { kind: 'sum', of: [it], template: 'install of {size}', tight: false } });
      else ctx.add({ ...it, path: dest, kind: 'artifact', note: `install ${it.note}` });
    }
    if (exact.length) continue;
    const holders = ctx.added.filter((it) => it.fuzzy && (it.kind === 'artifact' || it.kind === 'tree') && isUnder(src, it.path) && src !== it.path);
    if (holders.length) copyOneFile(ctx, 'install', src, dest, holders);
  }
  return true;
}

export function chown(words: string[], ctx: RunCtx): boolean {
  if (!words.some((w) => w === '-R' || w === '--recursive' || /^-[a-zA-Z]*R/.test(w))) return true;
  const ops = operands(words, 1, ['--reference']);
  for (const target of ops.slice(1).map((t) => ctx.path(t))) {
    // Files an earlier chown/chmod/chgrp -R of this RUN already rewrote are in this layer once.
    const earlier = ctx.stage.items.filter((it) => isUnder(it.path, target) && it.kind !== 'package' && !ctx.rewritten.has(it));
    for (const it of earlier) ctx.rewritten.add(it);
    if (earlier.length) ctx.add({ path: target, size: UNRESOLVED, kind: 'copied', note: '', lazy: { kind: 'sum', of: earlier, template: `${program(words)} -R rewrites {size} of earlier layers into this one`, tight: true } });
  }
  return true;
}

export function shrink(words: string[], ctx: RunCtx, factor: number): boolean {
  for (const target of operands(words, 1).map((t) => ctx.path(t))) {
    for (const it of ctx.added) if (it.kind === 'artifact' && (it.path === target || (it.fuzzy && isUnder(target, it.path)))) it.size = { bytes: it.size.bytes * factor, low: it.size.low * factor, high: it.size.high * factor };
  }
  return true;
}
