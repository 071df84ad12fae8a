// Generic file work in RUN: downloads (curl, wget; sized by downloads.ts from the URL), unpacking
// (tar, unzip: all of an archive or the members named), `git clone`, `rm` (removes what the same
// RUN added), `mv`/`cp`, `chown -R`/`chmod -R` (which rewrite earlier layers' files into this
// one), and `strip`/`upx` (shrink a binary just built).
import { knownDownload, spreadRange, unknownArchive, type KnownDownload } from '../downloads';
import type { Item } from '../ledger';
import { expandSimple, isTreeTop, isUnder, UNRESOLVED } from '../ledger';
import type { RunCtx } from '../runContext';
import { flagValue, operands, program } from '../shell';
import { KB, MB, formatBytes } from '../units';
import { r } from './common';

/** Where curl or wget writes (`-o`, `-O`, `-P`, `--output-dir`), `-` for standard output. */
function outputOf(words: string[], p: string, url: string, stdout: string | undefined): string | undefined {
  const base = urlBaseName(url);
  if (p === 'curl') {
    const dir = flagValue(words, ['--output-dir']);
    const named = flagValue(words, ['-o', '--output']) ?? (words.some((w) => w === '-O' || w === '--remote-name' || w === '--remote-name-all' || (w.length > 1 && w[0] === '-' && w[1] !== '-' && w.includes('O'))) ? base : undefined);
    if (named) return dir && !named.startsWith('/') ? `${dir}/${named}` : named;
    return stdout ?? '-';
  }
  if (words.includes('-qO-') || words.includes('-O-') || words.includes('-qO') && words[words.indexOf('-qO') + 1] === '-') return stdout ?? '-';
  const named = flagValue(words, ['-O', '--output-document']);
  if (named) return named;
  const dir = flagValue(words, ['-P', '--directory-prefix']);
  return dir ? `${dir}/${base}` : base;
}

/** The file name a URL saves as (`.../go1.22.3.linux-amd64.tar.gz?x=1` -> `go1.22.3.linux-amd64.tar.gz`). */
function urlBaseName(url: string): string {
  const q = url.search(/[?#]/);
  const path = q === -1 ? url : url.slice(0, q);
  return path.slice(path.lastIndexOf('/') + 1) || 'index.html';
}

/** `Go toolchain 1.22.3`: the release and its version, as the name says. */
function described(known: KnownDownload): string {
  const v = known.name?.version;
  return v && !known.unknown && !known.what.includes(v) ? `${known.what} ${v}` : known.what;
}

/** A script piped into a shell runs: rustup, uv and Poetry are sized by name, others are named unknowns. */
function isInstaller(known: KnownDownload): boolean {
  return known.what.includes('rustup') || known.what === 'uv' || known.what === 'Poetry' || known.name?.kind === 'installer';
}

export function download(raw: string[], ctx: RunCtx, p: string): boolean {
  const vars = ctx.envAndVars();
  const words = raw.map((w) => (w.includes('$') ? expandSimple(w, vars) : w));
  const url = words.find((w) => /^(https?|ftp):\/\//.test(w)) ?? '';
  if (!url) return true;
  const known = knownDownload(url);
  const out = outputOf(words, p, url, ctx.stdout);
  const small = known.name?.kind === 'signature' || known.name?.kind === 'checksum';
  if (!small) ctx.lastDownload = known;
  if (!out || out === '-' || out === '/dev/stdout') {
    if (isInstaller(known)) ctx.pipedInstaller = known;
    return true;
  }
  if (out === '/dev/null') return true;
  const item: Item = { path: ctx.path(out), size: spreadRange(known.archive, known.spread), kind: 'download', note: `${p}: ${described(known)} ≈ ${formatBytes(known.archive)}`, archive: known };
  if (known.unknown) item.unknown = known.unknown;
  ctx.add(item);
  return true;
}

interface Unpack {
  extract: boolean;
  file?: string;
  dir?: string;
  strip: boolean;
  /** Members named after the archive (`tar xzf x.tgz bin/tool`): only those are unpacked. */
  members: string[];
}

/** Long tar options that take the next word as their value. */
const TAR_VALUED = new Set(['--file', '--directory', '--exclude', '--transform', '--xform', '--owner', '--group', '--mode', '--files-from', '--exclude-from', '--use-compress-program', '--strip-components']);

function tarArgs(words: string[]): Unpack {
  const u: Unpack = { extract: false, strip: false, members: [] };
  for (let k = 1; k < words.length; k++) {
    const w = words[k];
    if (w.startsWith('--')) {
      const eq = w.indexOf('=');
      const flag = eq === -1 ? w : w.slice(0, eq);
      const value = eq === -1 ? (TAR_VALUED.has(flag) ? words[++k] : undefined) : w.slice(eq + 1);
      if (flag === '--extract' || flag === '--get') u.extract = true;
      else if (flag === '--file') u.file = value;
      else if (flag === '--directory') u.dir = value;
      else if (flag === '--strip-components' || flag === '--strip') u.strip = true;
      continue;
    }
    // Short options, bundled (`-xzf x.tgz`) or in the old style as the first word (`tar xzf x.tgz`).
    if ((w.length > 1 && w[0] === '-') || (k === 1 && /^[a-zA-Z]+$/.test(w))) {
      const letters = w[0] === '-' ? w.slice(1) : w;
      for (let i = 0; i < letters.length; i++) {
        const c = letters[i];
        if (c === 'x') u.extract = true;
        else if (c === 'f' || c === 'C' || c === 'T' || c === 'X') {
          const value = i < letters.length - 1 ? letters.slice(i + 1) : words[++k];
          if (c === 'f') u.file = value;
          else if (c === 'C') u.dir = value;
          break;
        }
      }
      continue;
    }
    u.members.push(w);
  }
  return u;
}

function unzipArgs(words: string[]): Unpack {
  const ops = operands(words, 1, ['-d', '-x', '-P']);
  return { extract: !words.includes('-l') && !words.includes('-t'), file: ops[0], dir: flagValue(words, ['-d']), strip: false, members: ops.slice(1) };
}

/** The archive a tar or unzip reads: a download of this RUN or an earlier one, else what its name says, else the last download. */
function archiveOf(file: string | undefined, ctx: RunCtx): KnownDownload {
  if (file && file !== '-') {
    const path = ctx.path(file);
    const dl = ctx.added.find((it) => it.kind === 'download' && it.path === path) ?? ctx.stage.items.all().find((it) => it.kind === 'download' && it.path === path);
    if (dl?.archive) return dl.archive;
    const byName = knownDownload(file);
    if (!byName.unknown && (byName.name?.version || byName.source)) return byName;
    // This RUN's downloads are found by path: a file that is none of them came from elsewhere.
    const tracked = ctx.added.some((it) => it.kind === 'download');
    return (!tracked && ctx.lastDownload) || (byName.unknown ? unknownArchive(file) : byName);
  }
  return ctx.lastDownload ?? unknownArchive('read from standard input');
}

export function extract(words: string[], ctx: RunCtx, p: string): boolean {
  const args = p === 'unzip' ? unzipArgs(words) : tarArgs(words);
  if (!args.extract) return true;
  const known = archiveOf(args.file, ctx);
  if (!args.file || args.file === '-') ctx.lastDownload = known;
  const dest = ctx.path(args.dir ?? '.');
  let size = spreadRange(known.unpacked, known.spread);
  let what = `${described(known)} unpacked ≈ ${formatBytes(known.unpacked)}`;
  const members = args.members.filter((m) => !m.startsWith('-'));
  if (members.length) {
    // Only the named files: part of the archive, at most all of it.
    const sw = known.name?.software;
    const main = !known.source && members.some((m) => m.slice(m.lastIndexOf('/') + 1).toLowerCase() === sw);
    const share = Math.min(1, (main ? 0.9 : 0) + members.length * (known.unknown ? 0.15 : 0.5));
    const bytes = known.unpacked * share;
    size = { bytes, low: Math.min(bytes, members.length * 4 * KB), high: Math.max(bytes, size.high) };
    what = `${members.length} file${members.length === 1 ? '' : 's'} of ${described(known)} ≈ ${formatBytes(bytes)}`;
  }
  // An unknown archive unpacked where sources are built is a source tree, not something installed.
  const source = known.source || (!!known.unknown && /^\/(usr\/src|tmp|src|build)(\/|$)/.test(dest));
  const tree: Item = { path: dest, size, kind: source ? 'tree' : 'artifact', note: `${p}: ${what}`, fuzzy: true, many: true, archive: known };
  if (known.unknown) tree.unknown = `contents of ${known.unknown.replace(/^download of /, '')}`;
  if (!args.strip && !members.length) {
    const top = known.topDir ?? (known.source ? known.name?.stem : undefined);
    if (top) tree.top = top;
  }
  ctx.add(tree);
  ctx.lastTree = tree;
  return true;
}

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
  const dest = ctx.path(ops[ops.length - 1]);
  for (const src of ops.slice(0, -1).map((s) => ctx.path(s))) {
    const moved = ctx.added.filter((it) => isUnder(it.path, src) || (it.fuzzy && (it.kind === 'artifact' || it.kind === 'tree') && isUnder(src, it.path)));
    for (const it of moved) {
      if (deepInside(src, it)) {
        // A path deep inside a tree: the release's own binary (`linux-amd64/helm`) is most of it, anything else a small part.
        const main = isMainBinary(src, it);
        const f = main ? 0.9 : 0.05;
        const of = it.archive?.what ?? it.note.split(':')[0];
        ctx.add({ path: dest, size: r(it.size.bytes * f, it.size.low * f * (main ? 0.5 : 0.1), Math.min(it.size.high, it.size.high * f * 4)), kind: 'artifact', note: `${p} ${src}: ${main ? 'the program' : 'a part'} of ${of}`, ...(it.unknown ? { unknown: it.unknown } : {}) });
      } else if (p === 'mv') it.path = dest;
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

export function chown(words: string[], ctx: RunCtx): boolean {
  if (!words.some((w) => w === '-R' || w === '--recursive' || /^-[a-zA-Z]*R/.test(w))) return true;
  const ops = operands(words, 1, ['--reference']);
  for (const target of ops.slice(1).map((t) => ctx.path(t))) {
    const earlier = ctx.stage.items.filter((it) => isUnder(it.path, target) && it.kind !== 'package');
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
