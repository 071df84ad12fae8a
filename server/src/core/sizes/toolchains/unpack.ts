// Unpacking in RUN: `tar` (bundled, old-style and long options) and `unzip`, of a download of this
// RUN or an earlier one, or of a file the name of which says what it is; all of the archive, or the
// members named after it (the release's own program is most of it).
import { knownDownload, spreadRange, unknownArchive, unpackedRange, type KnownDownload } from '../downloads';
import type { Item } from '../ledger';
import type { RunCtx } from '../runContext';
import { flagValue, operands } from '../shell';
import type { SizeRange } from '../types';
import { KB, MB, formatBytes } from '../units';
import { described } from './fetch';

interface Unpack {
  extract: boolean;
  file?: string;
  dir?: string;
  strip: boolean;
  /** Members named after the archive (`tar xzf x.tgz bin/tool`): only those are unpacked. */
  members: string[];
}

/** Long tar options that take the next word as their value. */
const TAR_VALUED = new Set(['--file', '--directory', '--exclude', '--transform', '--xform', '--owner', '--group', '--mode', '--files-from', '--exclude-from', '--use-compress-program', '--strip-components', '--strip']);

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
    // The download saved at that path, or saved into its directory under that name (`ADD <url> /usr/local`).
    const base = path.slice(path.lastIndexOf('/') + 1);
    const saved = (it: Item) => it.kind === 'download' && (it.path === path || (it.archive?.name?.file === base && path === `${it.path}/${base}`));
    const dl = ctx.added.find(saved) ?? ctx.stage.items.all().find(saved);
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
  // `tar -cf - ... | tar -xf -` copies files: no archive was downloaded.
  const copyPipe = (!args.file || args.file === '-') && !ctx.lastDownload;
  const known = archiveOf(args.file, ctx);
  if (!args.file || args.file === '-') ctx.lastDownload = known;
  const dest = ctx.path(args.dir ?? '.');
  let size = unpackedRange(known);
  let what = `${described(known)} unpacked ≈ ${formatBytes(known.unpacked)}${known.measured ? ` (its length from ${known.measured}, times ${(known.unpacked / known.archive).toFixed(1)})` : ''}`;
  const members = args.members.filter((m) => !m.startsWith('-'));
  let memberUnknown: string | undefined;
  if (members.length) {
    const part = membersShare(members, known);
    size = part.size;
    what = part.what;
    memberUnknown = part.unknown;
  }
  // An unknown archive unpacked where sources are built is a source tree, not something installed.
  const source = known.source || (!!known.unknown && /^\/(usr\/src|tmp|src|build)(\/|$)/.test(dest));
  const tree: Item = { path: dest, size, kind: source ? 'tree' : 'artifact', note: `${p}: ${what}`, fuzzy: true, many: true, archive: known };
  if (known.unknown && !members.length && !known.measured && (APP_HOME.test(dest) || (dest === '/' && isPackagePayload(args.file))) && !copyPipe) {
    tree.kept = { size: UNKNOWN_DISTRIBUTION, note: `${p}: ${described(known)} unpacked and kept ≈ ${formatBytes(UNKNOWN_DISTRIBUTION.bytes)} (the guess for an application distribution)` };
  }
  if (known.unknown) tree.unknown = `contents of ${known.unknown.replace(/^download of /, '')}`;
  else if (memberUnknown) tree.unknown = memberUnknown;
  if (ctx.io?.remoteSize && known.name) tree.origin = known.measured ? 'HEAD request' : 'table';
  if (!args.strip && !members.length) {
    const top = known.topDir ?? (known.source ? known.name?.stem : undefined);
    if (top) tree.top = top;
  }
  ctx.add(tree);
  ctx.lastTree = tree;
  return true;
}

/** Where applications are unpacked to live (`/opt/cassandra`, `/var/www/html`, `/usr/src/nextcloud`), not a bin directory, /tmp or a build tree. */
const APP_HOME = /^\/(opt|srv|app|home|var\/www|var\/lib|usr\/share|usr\/src|usr\/lib|usr\/local\/(?!s?bin(\/|$))[^/]+)(\/|$)/;

/**
 * A package's files unpacked over the root: the `data.tar.*` member of a .deb (`ar x x.deb data.tar.gz`)
 * or a tarball of packages (`kong.apk.tar.gz`, `x.rpm.tar.xz`). Installed like an application, not a helper.
 */
function isPackagePayload(file: string | undefined): boolean {
  const base = (file ?? '').slice((file ?? '').lastIndexOf('/') + 1).toLowerCase();
  return /^data\.tar(\.[a-z0-9]+)?$/.test(base) || /\.(deb|apk|rpm)\.(tar(\.[a-z0-9]+)?|tgz)$/.test(base);
}

/**
 * What an archive no table knows holds when it is unpacked whole where applications live (APP_HOME).
 * Most such archives in real Dockerfiles are the image's own product, an application distribution (Cassandra, JRuby, Nextcloud,
 * Monica, phpMyAdmin, EMQX: 68-790 MB). The centre is the median of those six calibration files,
 * where each size is implied by the recorded image size. Held-out check and method:
 * docs/SIZES-ACCURACY.md, "Unknown archives". Before this, the guess was 25 MB. A tree the same RUN
 * deletes (sources built and removed) keeps the smaller guess for what was built or copied from it.
 */
export const UNKNOWN_DISTRIBUTION: SizeRange = { bytes: 100 * MB, low: 2 * MB, high: 1000 * MB };

/** The archive's own sizes of well-known parts (`parts` of its release row) that a member names: `jdk-21/jmods`, `swift-6.1-RELEASE-ubuntu22.04/usr/lib/swift/linux`. */
function knownPart(member: string, parts: Record<string, number> | undefined): number | undefined {
  if (!parts) return undefined;
  let m = member.startsWith('./') ? member.slice(2) : member;
  while (m.endsWith('/')) m = m.slice(0, -1);
  for (const [key, mb] of Object.entries(parts)) if (m === key || m.endsWith('/' + key)) return mb * MB;
  return undefined;
}

/**
 * Only the members named after the archive (`tar -x -f x.tgz bin/tool`, `tar -x ... usr/lib/swift/linux`):
 * a part the release table sizes takes that size; the release's own program is most of a small
 * release; any other member of a large toolchain is a named unknown, from a few KB up to all of it.
 */
function membersShare(members: string[], known: KnownDownload): { size: SizeRange; what: string; unknown?: string } {
  const count = `${members.length} file${members.length === 1 ? '' : 's'}`;
  const whole = unpackedRange(known);
  const sized = members.map((m) => knownPart(m, known.parts));
  if (sized.every((b) => b !== undefined)) {
    const bytes = Math.min(known.unpacked, sized.reduce((a, b) => a + b!, 0));
    const range = spreadRange(bytes, known.spread);
    return { size: { bytes, low: range.low, high: Math.min(range.high, whole.high) }, what: `${members.map((m) => m.slice(m.indexOf('/') + 1)).join(', ')} of ${described(known)} ≈ ${formatBytes(bytes)}` };
  }
  const sw = known.name?.software;
  const main = !known.source && members.some((m) => m.slice(m.lastIndexOf('/') + 1).toLowerCase() === sw);
  // A member of a small release is a good share of it; of a toolchain of hundreds of MB, a directory among many.
  const perMember = known.unknown ? 0.15 : 0.5 * Math.min(1, Math.sqrt(LARGE_RELEASE / Math.max(known.unpacked, 1)));
  const share = Math.min(1, (main ? 0.9 : 0) + members.length * perMember);
  const bytes = known.unpacked * share;
  const size = { bytes, low: Math.min(bytes, members.length * 4 * KB), high: Math.max(bytes, whole.high) };
  const unnamed = !main && !known.unknown && known.unpacked > LARGE_RELEASE;
  const unknown = unnamed ? `share of ${described(known)} in ${members.map((m) => m.slice(m.indexOf('/') + 1)).join(', ')} (not in the release table)` : undefined;
  return { size, what: `${count} of ${described(known)} ≈ ${formatBytes(bytes)}`, unknown };
}

/** Unpacked size above which a release is a toolchain of many parts rather than one program and its files. */
const LARGE_RELEASE = 50 * MB;
