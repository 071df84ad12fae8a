// Generic file work in RUN: downloads (curl, wget; known archives by URL), unpacking (tar, unzip),
// `git clone`, `rm` (removes what the same RUN added), `mv`/`cp`, `chown -R`/`chmod -R` (which
// rewrite earlier layers' files into this one), and `strip`/`upx` (shrink a binary just built).
import { knownDownload, UNKNOWN_DOWNLOAD, type KnownDownload } from '../downloads';
import type { Item } from '../ledger';
import { expandSimple, isUnder, UNRESOLVED } from '../ledger';
import type { RunCtx } from '../runContext';
import { flagValue, operands, program } from '../shell';
import { MB, formatBytes } from '../units';
import { r } from './common';

export function download(raw: string[], ctx: RunCtx, p: string): boolean {
  const vars = ctx.envAndVars();
  const words = raw.map((w) => (w.includes('$') ? expandSimple(w, vars) : w));
  const url = words.find((w) => /^(https?|ftp):\/\//.test(w)) ?? '';
  if (!url) return true;
  const known = knownDownload(url) ?? UNKNOWN_DOWNLOAD;
  const out = p === 'curl' ? flagValue(words, ['-o', '--output']) ?? (words.some((w) => w === '-O' || w === '--remote-name' || (/^-[a-zA-Z]*$/.test(w) && w.includes('O'))) ? url.split('/').pop() : undefined) : flagValue(words, ['-O', '--output-document']) ?? (words.includes('-qO-') || words.includes('-O-') ? '-' : url.split('/').pop());
  ctx.lastDownload = known;
  if (!out || out === '-' || out === '/dev/stdout') {
    if (known.what.includes('rustup') || known.what === 'uv' || known.what === 'Poetry') ctx.pipedInstaller = known;
    return true;
  }
  const size = known === UNKNOWN_DOWNLOAD ? r(known.archive, 0.5 * MB, 100 * MB) : r(known.archive, known.archive * 0.8, known.archive * 1.3);
  ctx.add({ path: ctx.path(out), size, kind: 'download', note: `${p}: ${known.what} ≈ ${formatBytes(known.archive)}`, archive: { unpacked: known.unpacked, what: known.what, installs: known.installs, topDir: known.topDir } });
  return true;
}

export function extract(words: string[], ctx: RunCtx, p: string): boolean {
  const isExtract = p === 'unzip' || words.some((w, k) => w === '--extract' || (/^-[a-zA-Z]*$/.test(w) && w.includes('x')) || (k === 1 && /^[a-zA-Z]*$/.test(w) && w.includes('x')));
  if (!isExtract) return true;
  const file = p === 'unzip' ? operands(words, 1, ['-d'])[0] : flagValue(words, ['-f', '--file']) ?? words.slice(1).find((w) => /\.(tar|tgz|gz|xz|bz2|zst|zip)$/.test(w));
  const dest = ctx.path(flagValue(words, p === 'unzip' ? ['-d'] : ['-C', '--directory']) ?? '.');
  let known: KnownDownload | undefined;
  if (file && file !== '-') {
    const path = ctx.path(file);
    const dl = ctx.added.find((it) => it.kind === 'download' && it.path === path);
    known = dl ? { archive: dl.size.bytes, unpacked: dl.archive?.unpacked ?? dl.size.bytes * 3, what: dl.archive?.what ?? 'archive', installs: dl.archive?.installs, topDir: dl.archive?.topDir } : knownDownload(file) ?? ctx.lastDownload;
  } else known = ctx.lastDownload;
  known ??= UNKNOWN_DOWNLOAD;
  ctx.lastDownload = known;
  const size = known === UNKNOWN_DOWNLOAD ? r(known.unpacked, 3 * MB, 300 * MB) : r(known.unpacked, known.unpacked * 0.8, known.unpacked * 1.25);
  // An unknown archive unpacked where sources are built is a source tree, not something installed.
  const source = known.what.includes('source') || (known === UNKNOWN_DOWNLOAD && /^\/(usr\/src|tmp|src|build)(\/|$)/.test(dest));
  const tree: Item = { path: dest, size, kind: source ? 'tree' : 'artifact', note: `${p}: ${known.what} unpacked ≈ ${formatBytes(known.unpacked)}`, fuzzy: true, many: true, archive: { unpacked: known.unpacked, what: known.what, installs: known.installs } };
  if (p === 'tar' && known.topDir && !words.some((w) => w.startsWith('--strip'))) tree.top = known.topDir;
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

/** `src` names a part of the unpacked tree `it`: neither the whole of it nor the archive's own top directory. */
function deepInside(src: string, it: Item): boolean {
  if (!it.fuzzy || src === it.path || !isUnder(src, it.path)) return false;
  // A build output whose file name is unknown (`cargo build` into target/release): a file named right in it is that output.
  if (!it.many && src.lastIndexOf('/') === it.path.length && !/[*?[]/.test(src)) return false;
  return src.slice(it.path.length + 1) !== it.top;
}

export function moveOrCopy(words: string[], ctx: RunCtx, p: string): boolean {
  const ops = operands(words, 1, ['-t', '--target-directory']);
  if (ops.length < 2) return true;
  const dest = ctx.path(ops[ops.length - 1]);
  for (const src of ops.slice(0, -1).map((s) => ctx.path(s))) {
    const moved = ctx.added.filter((it) => isUnder(it.path, src) || (it.fuzzy && (it.kind === 'artifact' || it.kind === 'tree') && isUnder(src, it.path)));
    for (const it of moved) {
      if (deepInside(src, it)) {
        // A directory deep inside a tree (example files of a source tree): a small part of it.
        const f = 0.05;
        ctx.add({ path: dest, size: r(it.size.bytes * f, it.size.low * f * 0.1, it.size.high * f * 4), kind: 'artifact', note: `${p} of ${src}: part of ${it.note.split(':')[0]}` });
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
