// What a downloaded file is and how large: the name reader (downloadName.ts) says what it is, the
// release table (releases.ts) how large it is and what it unpacks to; installer scripts are known
// by their URL. Otherwise an estimate from what the name says (a source tarball, a .jar, a .deb)
// with a wide range, or, when it says nothing, a named unknown: never a silent fixed price.
import { readDownloadName, type DownloadName } from './downloadName';
import { findRelease, type Release, type SourceInstall } from './releases';
import { KB, MB } from './units';

export { DEBUG_FACTOR, type SourceInstall } from './releases';

export interface KnownDownload {
  /** Bytes of the archive as downloaded. */
  archive: number;
  /** Bytes once unpacked (or installed, for an installer script). */
  unpacked: number;
  what: string;
  /** For source trees: what `make install` puts in the prefix. */
  installs?: SourceInstall;
  /** The directory everything in the archive lies in, when it has one. */
  topDir?: string;
  /** Bytes of a source tree once built in place (Go's make.bash). */
  built?: number;
  /** Relative uncertainty of the figures. */
  spread: number;
  /** MB of well-known parts of the unpacked tree that Dockerfiles delete (`lib/src.zip` of a JDK). */
  parts?: Record<string, number>;
  /** A source tree: unpacked where it is built, not an install. */
  source?: boolean;
  /** What the estimator cannot size, for the user (`download of example.com/foo.tar.gz`). */
  unknown?: string;
  name?: DownloadName;
  /** The archive's length was asked of the network (`a HEAD request`): `archive` is exact. */
  measured?: string;
  /** Bytes once unpacked, low and high (measured downloads: the length times the ratio range of the type). */
  unpackedRange?: [number, number];
}

/** Installer scripts and tools known by their URL rather than a release name. */
const BY_URL: [string, Omit<KnownDownload, 'spread'>][] = [
  // rustup-init itself; the toolchain it installs is sized when it runs (toolchains/rust.ts).
  ['sh.rustup.rs', { archive: 0.02 * MB, unpacked: 0.02 * MB, what: 'Rust toolchain (rustup)' }],
  ['rustup', { archive: 15 * MB, unpacked: 15 * MB, what: 'Rust toolchain (rustup)' }],
  ['get-pip.py', { archive: 2.5 * MB, unpacked: 15 * MB, what: 'pip' }],
  ['install-poetry', { archive: 0.03 * MB, unpacked: 45 * MB, what: 'Poetry' }],
  ['install.python-poetry.org', { archive: 0.03 * MB, unpacked: 45 * MB, what: 'Poetry' }],
  ['astral.sh/uv', { archive: 0.02 * MB, unpacked: 40 * MB, what: 'uv' }],
  // The nvm and SDKMAN! scripts themselves; what `nvm install` and `sdk install` fetch is sized when they run (versionManagers.ts).
  ['nvm-sh/nvm', { archive: 0.02 * MB, unpacked: 1.5 * MB, what: 'nvm' }],
  ['get.sdkman.io', { archive: 0.02 * MB, unpacked: 15 * MB, what: 'SDKMAN!' }],
  ['awscli-exe', { archive: 60 * MB, unpacked: 230 * MB, what: 'AWS CLI v2' }],
];

/** Unpacked / archive of a source tree, by compression (typical of C and C++ release tarballs). */
const SOURCE_RATIO: Record<string, number> = { 'tar.gz': 4.5, 'tar.xz': 6.5, 'tar.bz2': 5, 'tar.zst': 5.5, zip: 4, tar: 1 };

export function knownDownload(written: string): KnownDownload {
  // `go$(awk '/^go/ {print $2}' go.mod).linux-amd64.tar.gz`: what a command computes is unknown, not part of the name.
  const url = withoutSubstitutions(written);
  const u = url.toLowerCase();
  for (const [needle, d] of BY_URL) if (u.includes(needle)) return { ...d, spread: 0.3 };
  const name = readDownloadName(url);
  if (name.kind === 'text') return { archive: 5 * KB, unpacked: 5 * KB, what: `file ${name.file}`, spread: 10, name };
  if (name.kind === 'signature' || name.kind === 'checksum') {
    const what = name.signs ? `${name.kind} of ${name.signs}` : `${name.kind} file ${name.file}`;
    return { archive: 2 * KB, unpacked: 2 * KB, what, spread: 3, name };
  }
  const row = findRelease({ ...name, unversionedArchive: !name.version && !name.os && !name.arch && !!name.archive?.startsWith('tar') });
  return row ? fromRow(row, name) : fromName(url, name);
}

function fromRow(row: Release, name?: DownloadName): KnownDownload {
  const d: KnownDownload = { archive: row.archive * MB, unpacked: row.unpacked * MB, what: row.what, installs: row.installs, topDir: row.topDir, spread: row.spread ?? 0.2, source: row.kind === 'source', parts: row.parts, name };
  if (row.built) d.built = row.built * MB;
  return d;
}

/** No row: what the name alone says, with a wide range; a name that says nothing is a named unknown. */
function fromName(url: string, name: DownloadName): KnownDownload {
  const label = shortUrl(url);
  const archiveRatio = name.archive ? SOURCE_RATIO[name.archive] ?? 1 : 1;
  switch (name.kind) {
    case 'source': {
      // A versioned tarball without a platform is probably sources, but the name does not say whose.
      // Guessed, it may as well be an application kept as unpacked (a PHP or Java release): the
      // range of an unknown archive.
      const unknown = name.guessed ? `download of ${label} (not in the release table)` : undefined;
      return { archive: 5 * MB, unpacked: 5 * MB * archiveRatio, what: `${name.software ?? 'unknown'} source tree`, source: true, spread: unknown ? 15 : 3, unknown, name };
    }
    case 'package':
      return { archive: 2 * MB, unpacked: 2 * MB * (name.archive === 'whl' ? 2.5 : 3), what: `${name.archive} package ${name.file}`, spread: 3, name };
    case 'installer':
      // The script itself is KB; what it installs when piped into a shell is the unknown (toolchains/index.ts).
      return { archive: 20 * KB, unpacked: 30 * MB, what: `installer script ${label}`, spread: 4, name };
    default:
      if (name.archive === 'jar' || name.archive === 'war') return { archive: 5 * MB, unpacked: 5 * MB, what: `${name.archive} ${name.file}`, spread: 3, name };
      // A file served from a repository's tree (a script, a config, a fatpacked tool): KB, rarely MB.
      if (!name.archive && isRepositoryFile(url)) return { archive: 200 * KB, unpacked: 200 * KB, what: `file ${name.file || label} from a repository`, spread: 12, name };
      // A single program (most are statically linked Go or Rust tools of 5-100 MB), or an archive of one.
      if (!name.archive) return { archive: 15 * MB, unpacked: 15 * MB, what: `download ${name.file || label}`, spread: 6, unknown: `download of ${label}`, name };
      // A release built for a platform (`caddy_2.11.4_linux_amd64.tar.gz`) is a program: 50 MB, the median of
      // the single-program releases the table knows (tini 0.9 MB to the Docker binaries 200 MB; helm,
      // kubectl, terraform, golangci-lint, bazel, deno, bun: 45-136 MB).
      if (name.os || name.arch) return { archive: 50 * MB / Math.max(2.5, archiveRatio * 0.6), unpacked: 50 * MB, what: `download ${name.file}`, spread: 5, unknown: `download of ${label}`, name };
      return { archive: 10 * MB, unpacked: 10 * MB * Math.max(2.5, archiveRatio * 0.6), what: `download ${name.file}`, spread: 5, unknown: `download of ${label}`, name };
  }
}

/** `raw.githubusercontent.com/...`, `gitlab.com/.../-/raw/...`: a file of a repository, not a release asset. */
function isRepositoryFile(url: string): boolean {
  const u = url.toLowerCase();
  return u.includes('://raw.githubusercontent.com/') || u.includes('://gist.githubusercontent.com/') || u.includes('/-/raw/') || /^https?:\/\/(github\.com|bitbucket\.org)\/[^/]+\/[^/]+\/raw\//.test(u);
}

/**
 * An archive the table does not know: a guess in the middle of what archives in Dockerfiles hold
 * (a helper tool of a few MB to an application of hundreds), with a range that says so.
 */
export function unknownArchive(label: string): KnownDownload {
  return { archive: 10 * MB, unpacked: 25 * MB, what: `archive ${label}`, spread: 15, unknown: `archive ${label}` };
}

/** `example.com/foo/bar.tar.gz`: host and path, shortened in the middle when long. */
function shortUrl(url: string): string {
  const scheme = url.indexOf('://');
  const s = (scheme === -1 ? url : url.slice(scheme + 3)).split('?')[0];
  return s.length <= 80 ? s : `${s.slice(0, 30)}…${s.slice(-45)}`;
}

/** The release row of a known project, when a tool names it without a URL (`docker-php-source extract`). */
export function releaseDownload(software: string, kind: 'source' | 'binary'): KnownDownload | undefined {
  const row = findRelease({ software, kind });
  return row && fromRow(row);
}

/** The downloaded file's size: exact when measured, else the table's spread. */
export function archiveRange(d: KnownDownload): { bytes: number; low: number; high: number } {
  return d.measured ? { bytes: d.archive, low: d.archive, high: d.archive } : spreadRange(d.archive, d.spread);
}

/** What the download unpacks to. */
export function unpackedRange(d: KnownDownload): { bytes: number; low: number; high: number } {
  return d.unpackedRange ? { bytes: d.unpacked, low: d.unpackedRange[0], high: d.unpackedRange[1] } : spreadRange(d.unpacked, d.spread);
}

/** A size range around `bytes` with a relative spread (0.2: 0.8x-1.25x). */
export function spreadRange(bytes: number, spread: number): { bytes: number; low: number; high: number } {
  const low = spread >= 1 ? bytes / (1 + spread) : bytes * (1 - spread);
  return { bytes, low, high: bytes * (1 + spread * 1.25) };
}

/** The text without its command substitutions (`$(...)`, backquotes), quotes inside them skipped; linear. */
export function withoutSubstitutions(text: string): string {
  if (!text.includes('$(') && !text.includes('`')) return text;
  let out = '';
  let depth = 0;
  let quote = '';
  let backquote = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (backquote) {
      if (c === '`') backquote = false;
      continue;
    }
    if (depth === 0) {
      if (c === '$' && text[i + 1] === '(') {
        depth = 1;
        i++;
      } else if (c === '`') backquote = true;
      else out += c;
      continue;
    }
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
  }
  return out;
}
