// Sizes of things Dockerfiles commonly download (toolchain tarballs, installers), and what they
// unpack to. Compressed and unpacked sizes of recent releases (linux/amd64), rounded; derived
// from the published archives and the official images that install them.
import { MB } from './units';

export interface KnownDownload {
  /** Bytes of the archive as downloaded. */
  archive: number;
  /** Bytes once unpacked (or installed, for an installer script). */
  unpacked: number;
  what: string;
  /** For source trees: what `make install` puts in the prefix (see INSTALLS). */
  installs?: SourceInstall;
  /** The directory everything in the archive lies in, when it has one. */
  topDir?: string;
}

/**
 * What building a source tree and `make install` adds, in MB: `native` is the compiled code as a
 * distribution ships it (stripped), `rest` the scripts, data and headers. Built with the project's
 * default flags and not stripped, the native part keeps its debug info (DEBUG_FACTOR times larger).
 * Derived from the Debian 12 packages of the same software (apt-cache Installed-Size), with the
 * libraries a from-source build links in statically added.
 */
export interface SourceInstall {
  native: number;
  rest: number;
  /** The default build compiles with -g (autoconf's `-g -O2`, Redis, HAProxy, nginx, CPython). */
  debug: boolean;
  /** How many copies of `native` the ./configure flags build (PHP links its core into every SAPI). */
  units?: (configureFlags: string[]) => number;
}

/** PHP's SAPIs: cli and cgi unless disabled, phpdbg, embed and fpm when enabled. */
function phpSapis(flags: string[]): number {
  const has = (f: string) => flags.some((w) => w === f || w.startsWith(f + '='));
  return (has('--disable-cli') ? 0 : 1) + (has('--disable-cgi') ? 0 : 1) + (has('--enable-phpdbg') ? 1 : 0) + (has('--enable-embed') ? 1 : 0) + (has('--enable-fpm') ? 1 : 0) || 1;
}

/** Unstripped -g builds: DWARF debug info is typically 2-3x the code it describes. */
export const DEBUG_FACTOR = 3.5;

const INSTALLS: Record<string, SourceInstall> = {
  // redis-tools 5,837 KiB + jemalloc 872 + lua5.1 425 + hiredis 95 (linked in statically).
  redis: { native: 7.4, rest: 0, debug: true },
  // memcached 597 KiB: the binary, man page, headers.
  memcached: { native: 0.5, rest: 0.1, debug: true },
  // haproxy 4,223 KiB: the binary (Lua, PCRE2, OpenSSL linked dynamically), docs, examples.
  haproxy: { native: 3.6, rest: 0.7, debug: true },
  // nginx 1,336 KiB (the binary with the common modules built in).
  nginx: { native: 1.3, rest: 0.1, debug: true },
  // python3.11-minimal 6,743 + libpython3.11-minimal 5,232 + -stdlib 8,334 + libpython3.11 7,626 KiB,
  // pip 6,678, idle 1,343, tk 457: without the test suite and .pyc files, which builds delete.
  python: { native: 15, rest: 21, debug: true },
  // Each SAPI (php, php-cgi, phpdbg, libphp.so, php-fpm) links the PHP core and the built-in
  // extensions, ~17.5 MB stripped: php:8.2-cli-bookworm (cli, cgi, phpdbg, embed; 527.48 MB) and
  // php:8.2-fpm-bookworm (cli, fpm; 492.83 MB), docker-library/repo-info 2026, differ by two of
  // them. Headers, PEAR and build files ≈ 10 MB.
  php: { native: 17.5, rest: 10, debug: true, units: phpSapis },
  // postgresql-15 54,254 KiB (server, contrib, timezone and extension data).
  postgres: { native: 38, rest: 16, debug: false },
  // libruby3.1 25,037 + ruby3.1 738 KiB: native code and extensions, and the .rb standard library.
  ruby: { native: 10, rest: 16, debug: true },
  // GCC with c, c++, fortran and go (`make install-strip`): gcc:13.4.0 (1.39 GB) minus
  // buildpack-deps:bookworm (929.95 MB), both docker-library/repo-info, 2026-07: ~460 MB.
  gcc: { native: 420, rest: 40, debug: true },
};

const TABLE: [string[], KnownDownload][] = [
  [['go1.', 'linux-'], { archive: 70 * MB, unpacked: 225 * MB, what: 'Go toolchain', topDir: 'go' }],
  // node 22 linux-x64: bin/node ≈ 118 MB, npm and corepack ≈ 13 MB, headers ≈ 7 MB, docs.
  [['node-v', 'linux-'], { archive: 28 * MB, unpacked: 142 * MB, what: 'Node.js' }],
  [['python-3', '.tar'], { archive: 21 * MB, unpacked: 105 * MB, what: 'Python source tree', installs: INSTALLS.python }],
  // rustup-init itself; the toolchain it installs is sized when it runs (toolchains/rust.ts).
  [['sh.rustup.rs'], { archive: 0.02 * MB, unpacked: 0.02 * MB, what: 'Rust toolchain (rustup)' }],
  [['rustup'], { archive: 15 * MB, unpacked: 15 * MB, what: 'Rust toolchain (rustup)' }],
  [['openjdk', 'jdk'], { archive: 190 * MB, unpacked: 320 * MB, what: 'JDK' }],
  [['temurin', 'jre'], { archive: 50 * MB, unpacked: 140 * MB, what: 'JRE' }],
  [['apache-maven'], { archive: 9 * MB, unpacked: 10 * MB, what: 'Maven' }],
  [['gradle-', '.zip'], { archive: 130 * MB, unpacked: 145 * MB, what: 'Gradle' }],
  [['docker-', '.tgz'], { archive: 70 * MB, unpacked: 200 * MB, what: 'Docker CLI and engine' }],
  [['kubectl'], { archive: 50 * MB, unpacked: 50 * MB, what: 'kubectl' }],
  [['helm-'], { archive: 16 * MB, unpacked: 50 * MB, what: 'Helm' }],
  [['terraform_'], { archive: 27 * MB, unpacked: 85 * MB, what: 'Terraform' }],
  [['awscli-exe'], { archive: 60 * MB, unpacked: 230 * MB, what: 'AWS CLI v2' }],
  [['get-pip.py'], { archive: 2.5 * MB, unpacked: 15 * MB, what: 'pip' }],
  [['install-poetry', 'python-poetry'], { archive: 0.03 * MB, unpacked: 45 * MB, what: 'Poetry' }],
  [['astral.sh/uv'], { archive: 0.02 * MB, unpacked: 40 * MB, what: 'uv' }],
  [['tini'], { archive: 0.9 * MB, unpacked: 0.9 * MB, what: 'tini' }],
  [['gosu'], { archive: 2.3 * MB, unpacked: 2.3 * MB, what: 'gosu' }],
  [['php-', '.tar'], { archive: 13 * MB, unpacked: 110 * MB, what: 'PHP source tree', installs: INSTALLS.php }],
  [['nginx-', '.tar'], { archive: 1.2 * MB, unpacked: 7 * MB, what: 'nginx source tree', installs: INSTALLS.nginx }],
  [['redis-', '.tar'], { archive: 3.5 * MB, unpacked: 20 * MB, what: 'Redis source tree', installs: INSTALLS.redis }],
  [['memcached-', '.tar'], { archive: 1.1 * MB, unpacked: 4 * MB, what: 'memcached source tree', installs: INSTALLS.memcached }],
  [['haproxy-', '.tar'], { archive: 4.8 * MB, unpacked: 28 * MB, what: 'HAProxy source tree', installs: INSTALLS.haproxy }],
  [['postgresql-', '.tar'], { archive: 27 * MB, unpacked: 160 * MB, what: 'PostgreSQL source tree', installs: INSTALLS.postgres }],
  [['ruby-', '.tar'], { archive: 21 * MB, unpacked: 120 * MB, what: 'Ruby source tree', installs: INSTALLS.ruby }],
  [['/gcc-', '.tar'], { archive: 88 * MB, unpacked: 850 * MB, what: 'GCC source tree', installs: INSTALLS.gcc }],
  // Yarn 1 release tarball (lib/cli.js and the bin scripts).
  [['yarn-v', '.tar.gz'], { archive: 1.3 * MB, unpacked: 5.3 * MB, what: 'Yarn' }],
];

export function knownDownload(url: string): KnownDownload | undefined {
  const u = url.toLowerCase();
  for (const [needles, d] of TABLE) {
    if (needles.length > 1 && needles.every((n) => u.includes(n))) return d;
    if (needles.length === 1 && u.includes(needles[0])) return d;
  }
  return undefined;
}

/** A download we know nothing about. */
export const UNKNOWN_DOWNLOAD: KnownDownload = { archive: 10 * MB, unpacked: 30 * MB, what: 'download' };
