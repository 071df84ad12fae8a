// Download sizes asked of the network (when the lookups are on): the URL's length (a HEAD request,
// or a ranged GET where HEAD is refused) replaces the table's archive size, and what it unpacks to
// is that length times the ratio of its type (or of its release row, when the table knows the
// release). A URL carrying credentials (user-info, a query that looks like a token) or a variable
// is never asked; a failed lookup leaves the table's figure with a note.
import { knownDownload, type KnownDownload } from '../downloads';
import type { FigureOrigin } from '../ledger';
import type { SizeIO } from '../types';

/** Unpacked / downloaded, [low, typical, high], by archive type. */
const RATIOS: Record<string, [number, number, number]> = {
  'tar.gz': [1.5, 2.8, 5], 'tar.xz': [2, 4, 8], 'tar.bz2': [1.8, 3.2, 6], 'tar.zst': [1.8, 3.2, 6], tar: [1, 1, 1.05], zip: [1.2, 2.2, 4.5], '7z': [2, 4, 8],
  gz: [1.5, 3, 6], xz: [2, 4, 8], bz2: [1.8, 3.2, 6],
};
const ONE: [number, number, number] = [1, 1, 1];

const TOKEN_KEYS = ['token', 'sig', 'auth', 'key', 'secret', 'passw', 'credential', 'session', 'x-amz-', 'x-goog-', 'expires'];
const SAS_KEYS = new Set(['se', 'sp', 'sv', 'st', 'sr', 'skoid', 'sktid']);

/** Why a URL is not asked for its length, or undefined when it may be. */
export function unaskable(url: string): string | undefined {
  if (!url.startsWith('https://') && !url.startsWith('http://')) return 'not an http(s) URL';
  if (url.includes('$') || url.includes('`')) return 'the URL holds a variable';
  const rest = url.slice(url.indexOf('://') + 3);
  let end = 0;
  while (end < rest.length && !'/?#'.includes(rest[end])) end++;
  if (rest.slice(0, end).includes('@')) return 'the URL carries credentials';
  const q = url.indexOf('?');
  if (q >= 0 && tokenQuery(url.slice(q + 1).split('#')[0])) return 'the URL carries a token';
  return undefined;
}

function tokenQuery(query: string): boolean {
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    const key = (eq < 0 ? pair : pair.slice(0, eq)).toLowerCase();
    const value = eq < 0 ? '' : pair.slice(eq + 1);
    if (TOKEN_KEYS.some((k) => key.includes(k)) || SAS_KEYS.has(key) || looksRandom(value)) return true;
  }
  return false;
}

/** 32+ characters of letters and digits (and base64 or URL-safe marks) with both in it: a token, not a file name. */
function looksRandom(v: string): boolean {
  if (v.length < 32) return false;
  let letters = 0;
  let digits = 0;
  for (const c of v) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) letters++;
    else if (c >= '0' && c <= '9') digits++;
    else if (!'-_+/=%'.includes(c)) return false;
  }
  return letters > 0 && digits > 0;
}

/** The ratio range of a download: its release row's own (within 15-20%), else its archive type's. */
function ratioOf(known: KnownDownload): [number, number, number] {
  if (!known.unknown && known.archive > 0 && known.name?.kind !== 'source' && known.unpacked !== known.archive) {
    const r = known.unpacked / known.archive;
    return [r * 0.85, r, r * 1.2];
  }
  const type = known.name?.archive;
  return (type && RATIOS[type]) || ONE;
}

/** The download as measured: the archive's length exact, its unpacked size by the ratio range. */
export function measuredDownload(known: KnownDownload, bytes: number, via: string): KnownDownload {
  const installer = known.name?.kind === 'installer' || known.what.includes('rustup');
  const [lo, mid, hi] = installer ? [known.unpacked / bytes, known.unpacked / bytes, known.unpacked / bytes] : ratioOf(known);
  const d: KnownDownload = { ...known, archive: bytes, unpacked: bytes * mid, unpackedRange: [bytes * lo, bytes * hi], measured: via, unknown: undefined };
  if (known.built && known.archive > 0) d.built = (known.built * bytes) / known.archive;
  return d;
}

export interface RemoteDownload {
  known: KnownDownload;
  /** Set when the lookups are on. */
  origin?: FigureOrigin;
  /** `; length from a HEAD request`, or why the table's figure stands. */
  note: string;
}

/** What a URL downloads: the table's figure, measured when a lookup answered. */
export function remoteDownload(url: string, io: SizeIO | undefined): RemoteDownload {
  const known = knownDownload(url);
  const lookup = io?.remoteSize;
  if (!lookup) return { known, note: '' };
  const why = unaskable(url);
  if (why) return { known, origin: 'table', note: `; not looked up (${why}): the table's figure` };
  const a = lookup(url);
  if (!a) return { known, origin: 'table', note: '' };
  if (!a.ok) return { known, origin: 'table', note: `; length lookup failed (${a.reason}): the table's figure` };
  const via = a.value.via === 'HEAD' ? 'a HEAD request' : 'a ranged GET (HEAD refused)';
  return { known: measuredDownload(known, a.value.bytes, via), origin: 'HEAD request', note: `; length from ${via}` };
}
