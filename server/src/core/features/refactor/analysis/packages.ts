// Package manager commands in RUN (apt-get, apk, dnf/yum/microdnf): what they install or remove,
// which packages are build tools or headers (left in the builder) and which the program needs at
// run time, the runtime library a -dev package stands for, and how to install packages on a
// runtime image.
import { DEFAULT_DEBIAN, type PackageManager } from './images';
import { commandName, operands, type SimpleCommand } from './shell';

export interface PackageOp {
  manager: PackageManager;
  op: 'install' | 'remove';
  packages: string[];
  /** apk's `--virtual NAME`: a name the packages can be removed by. */
  virtual?: string;
}

const APT_OPTS_WITH_VALUE = new Set(['-o', '-c', '-t', '--target-release', '--option']);
const APK_OPTS_WITH_VALUE = new Set(['-t', '--virtual', '-X', '--repository', '--root', '-p', '--arch']);
const DNF_OPTS_WITH_VALUE = new Set(['--setopt', '--enablerepo', '--disablerepo', '--releasever', '--installroot', '-x', '--exclude']);

/** The package operation of one command, with `$VARS` in package lists expanded by `expand`. */
export function packageOp(cmd: SimpleCommand, expand: (word: string) => string): PackageOp | undefined {
  const name = commandName(cmd);
  const words = cmd.words;
  const args = (withValue: ReadonlySet<string>) => operands(words, 1, withValue);
  const packages = (rest: { value: string }[]) =>
    rest
      .flatMap((w) => expand(w.value).split(/\s+/))
      .filter((p) => p && !p.startsWith('-'))
      .map(stripVersion);
  if (name === 'apt-get' || name === 'apt' || name === 'aptitude') {
    const [verb, ...rest] = args(APT_OPTS_WITH_VALUE);
    if (verb?.value === 'install') return { manager: 'apt', op: 'install', packages: packages(rest) };
    if (verb?.value === 'purge' || verb?.value === 'remove') return { manager: 'apt', op: 'remove', packages: packages(rest) };
    return undefined;
  }
  if (name === 'apk') {
    const [verb, ...rest] = args(APK_OPTS_WITH_VALUE);
    if (verb?.value !== 'add' && verb?.value !== 'del') return undefined;
    const v = words.findIndex((w) => w.value === '--virtual' || w.value === '-t');
    const virtual = v !== -1 ? words[v + 1]?.value : words.find((w) => w.value.startsWith('--virtual='))?.value.slice(10);
    return { manager: 'apk', op: verb.value === 'add' ? 'install' : 'remove', packages: packages(rest), virtual };
  }
  if (name === 'dnf' || name === 'yum' || name === 'microdnf' || name === 'tdnf') {
    const [verb, ...rest] = args(DNF_OPTS_WITH_VALUE);
    const manager: PackageManager = name === 'tdnf' ? 'dnf' : name;
    const group = verb?.value === 'groupinstall' || (verb?.value === 'group' && rest[0]?.value === 'install');
    if (verb?.value === 'install' || group) {
      if (group) return { manager, op: 'install', packages: ['gcc', 'make'] };
      const pkgs = packages(rest);
      return { manager, op: 'install', packages: pkgs.some((p) => p.startsWith('@')) ? [...pkgs, 'gcc', 'make'] : pkgs };
    }
    if (verb?.value === 'remove' || verb?.value === 'erase' || verb?.value === 'autoremove') return { manager, op: 'remove', packages: packages(rest) };
  }
  return undefined;
}

function stripVersion(p: string): string {
  const eq = p.indexOf('=');
  let out = eq > 0 ? p.slice(0, eq) : p;
  const tilde = out.indexOf('~');
  if (tilde > 0 && out[tilde - 1] === '>') out = out.slice(0, tilde - 1);
  return out;
}

/** Tools a build needs and the program does not. */
const BUILD_TOOLS = new Set([
  'gcc', 'g++', 'gcc-c++', 'cpp', 'c++', 'cc', 'make', 'cmake', 'autoconf', 'automake', 'libtool', 'libtool-bin', 'pkg-config', 'pkgconf',
  'pkgconfig', 'build-essential', 'build-base', 'musl-dev', 'libc-dev', 'libc6-dev', 'glibc-devel', 'linux-headers', 'linux-libc-dev',
  'kernel-headers', 'binutils', 'clang', 'llvm', 'lld', 'git', 'curl', 'wget', 'unzip', 'xz-utils', 'bzip2', 'go', 'golang', 'golang-go',
  'golang-bin', 'rust', 'rustc', 'cargo', 'rustup', 'bison', 'flex', 're2c', 'file', 'dpkg-dev', 'dpkg', 'patch', 'ninja', 'ninja-build',
  'meson', 'python3-dev', 'python-dev', 'python3-devel', 'python3-pip', 'python3-venv', 'python3-wheel', 'python3-setuptools', 'py3-pip',
  'py3-setuptools', 'py3-wheel', 'maven', 'gradle', 'ant', 'upx', 'ccache', 'scons', 'swig', 'texinfo', 'm4', 'gperf', 'yasm', 'nasm', 'gnupg',
  'gnupg2', 'dirmngr', 'openssh-client', 'subversion', 'mercurial', 'autoconf-archive', 'gettext', 'help2man', 'devscripts', 'debhelper',
  'fakeroot', 'zip', 'php-pear', 'npm', 'yarn', 'nodejs-npm', 'protobuf-compiler', 'protoc', 'rpm-build', 'rpmdevtools', 'redhat-rpm-config',
]);

export type PackageRole = 'build' | 'dev' | 'runtime';

export function packageRole(name: string): PackageRole {
  if (BUILD_TOOLS.has(name) || name.startsWith('@') || /^openjdk-\d+-jdk/.test(name) || /^java-[\d.]+-openjdk-devel/.test(name) || /^(gcc|g\+\+|clang|llvm)-\d+$/.test(name)) return 'build';
  if (name.endsWith('-dev') || name.endsWith('-devel') || name.endsWith('-headers')) return 'dev';
  if (name.startsWith('.') || name === '$PHPIZE_DEPS') return 'build';
  return 'runtime';
}

/** Runtime libraries of common -dev packages on Debian, by release where sonames differ. */
const DEBIAN_RUNTIME: Record<string, string | Record<string, string>> = {
  'libpq-dev': 'libpq5',
  'libzip-dev': { bullseye: 'libzip4', bookworm: 'libzip4', trixie: 'libzip5' },
  'libpng-dev': { bullseye: 'libpng16-16', bookworm: 'libpng16-16', trixie: 'libpng16-16t64' },
  'libjpeg-dev': { bullseye: 'libjpeg62-turbo', bookworm: 'libjpeg62-turbo', trixie: 'libjpeg62-turbo' },
  'libjpeg62-turbo-dev': 'libjpeg62-turbo',
  'libfreetype6-dev': 'libfreetype6',
  'libfreetype-dev': 'libfreetype6',
  'libwebp-dev': { bullseye: 'libwebp6', bookworm: 'libwebp7', trixie: 'libwebp7' },
  'libicu-dev': { bullseye: 'libicu67', bookworm: 'libicu72', trixie: 'libicu76' },
  'libxml2-dev': { bullseye: 'libxml2', bookworm: 'libxml2', trixie: 'libxml2' },
  'libonig-dev': 'libonig5',
  'libcurl4-openssl-dev': { bullseye: 'libcurl4', bookworm: 'libcurl4', trixie: 'libcurl4t64' },
  'libssl-dev': { bullseye: 'libssl1.1', bookworm: 'libssl3', trixie: 'libssl3t64' },
  'zlib1g-dev': 'zlib1g',
  'libgmp-dev': 'libgmp10',
  'libsodium-dev': 'libsodium23',
  'libxslt1-dev': 'libxslt1.1',
  'libxslt-dev': 'libxslt1.1',
  'libldap2-dev': { bullseye: 'libldap-2.4-2', bookworm: 'libldap-2.5-0', trixie: 'libldap2' },
  'libyaml-dev': 'libyaml-0-2',
  'libbz2-dev': 'libbz2-1.0',
  'libffi-dev': { bullseye: 'libffi7', bookworm: 'libffi8', trixie: 'libffi8' },
  'libsqlite3-dev': 'libsqlite3-0',
  'libmemcached-dev': 'libmemcached11',
  'libmagickwand-dev': { bullseye: 'libmagickwand-6.q16-6', bookworm: 'libmagickwand-6.q16-6', trixie: 'libmagickwand-7.q16-10' },
  'default-libmysqlclient-dev': { bullseye: 'libmariadb3', bookworm: 'libmariadb3', trixie: 'libmariadb3' },
  'libmariadb-dev': 'libmariadb3',
  'libmariadb-dev-compat': 'libmariadb3',
  'librabbitmq-dev': 'librabbitmq4',
  'libevent-dev': { bullseye: 'libevent-2.1-7', bookworm: 'libevent-2.1-7', trixie: 'libevent-2.1-7t64' },
  'libreadline-dev': 'libreadline8',
  'libncurses-dev': 'libncursesw6',
  'libgd-dev': 'libgd3',
  'libtidy-dev': 'libtidy5deb1',
  'libgeoip-dev': 'libgeoip1',
  'liblz4-dev': 'liblz4-1',
  'libzstd-dev': 'libzstd1',
  'libpcre3-dev': 'libpcre3',
  'libpcre2-dev': 'libpcre2-8-0',
  'libuv1-dev': 'libuv1',
  'libsnappy-dev': 'libsnappy1v5',
  'libkrb5-dev': 'libkrb5-3',
  'libssh2-1-dev': 'libssh2-1',
  'libc-ares-dev': 'libc-ares2',
  'libopenblas-dev': 'libopenblas0',
  'liblapack-dev': 'liblapack3',
  'libhdf5-dev': 'libhdf5-103-1',
  'libgl1-mesa-dev': 'libgl1',
  'libglib2.0-dev': 'libglib2.0-0',
  'libcairo2-dev': 'libcairo2',
  'libpango1.0-dev': 'libpango-1.0-0',
  'libgdal-dev': 'gdal-bin',
  'libgeos-dev': 'libgeos-c1v5',
  'libproj-dev': 'proj-bin',
  'libavif-dev': 'libavif15',
};

/** Ubuntu: most sonames differ from Debian's (and noble renamed many for 64-bit time_t). */
const UBUNTU_RUNTIME: Record<string, Record<string, string>> = {
  'libpq-dev': { focal: 'libpq5', jammy: 'libpq5', noble: 'libpq5' },
  'zlib1g-dev': { focal: 'zlib1g', jammy: 'zlib1g', noble: 'zlib1g' },
  'libssl-dev': { focal: 'libssl1.1', jammy: 'libssl3', noble: 'libssl3t64' },
  'libcurl4-openssl-dev': { focal: 'libcurl4', jammy: 'libcurl4', noble: 'libcurl4t64' },
  'libzip-dev': { focal: 'libzip5', jammy: 'libzip4', noble: 'libzip4t64' },
  'libpng-dev': { focal: 'libpng16-16', jammy: 'libpng16-16', noble: 'libpng16-16t64' },
  'libjpeg-dev': { focal: 'libjpeg8', jammy: 'libjpeg8', noble: 'libjpeg8' },
  'libicu-dev': { focal: 'libicu66', jammy: 'libicu70', noble: 'libicu74' },
  'libxml2-dev': { focal: 'libxml2', jammy: 'libxml2', noble: 'libxml2' },
  'libffi-dev': { focal: 'libffi7', jammy: 'libffi8', noble: 'libffi8' },
  'libfreetype6-dev': { focal: 'libfreetype6', jammy: 'libfreetype6', noble: 'libfreetype6' },
  'libonig-dev': { focal: 'libonig5', jammy: 'libonig5', noble: 'libonig5' },
  'libsqlite3-dev': { focal: 'libsqlite3-0', jammy: 'libsqlite3-0', noble: 'libsqlite3-0' },
  'libyaml-dev': { focal: 'libyaml-0-2', jammy: 'libyaml-0-2', noble: 'libyaml-0-2' },
  'libgmp-dev': { focal: 'libgmp10', jammy: 'libgmp10', noble: 'libgmp10' },
  'libbz2-dev': { focal: 'libbz2-1.0', jammy: 'libbz2-1.0', noble: 'libbz2-1.0' },
  'libxslt1-dev': { focal: 'libxslt1.1', jammy: 'libxslt1.1', noble: 'libxslt1.1' },
  'default-libmysqlclient-dev': { focal: 'libmysqlclient21', jammy: 'libmysqlclient21', noble: 'libmysqlclient21' },
};
const UBUNTU = new Set(['focal', 'jammy', 'noble', 'bionic']);

/** Runtime libraries of -dev packages on Alpine (the -dev name without the suffix is right for most). */
const ALPINE_RUNTIME: Record<string, string | null> = {
  'openssl-dev': null,
  'zlib-dev': 'zlib',
  'icu-dev': 'icu-libs',
  'imagemagick-dev': 'imagemagick-libs',
  'postgresql-dev': 'libpq',
  'libpq-dev': 'libpq',
  'libzip-dev': 'libzip',
  'libpng-dev': 'libpng',
  'libjpeg-turbo-dev': 'libjpeg-turbo',
  'jpeg-dev': 'libjpeg-turbo',
  'freetype-dev': 'freetype',
  'libwebp-dev': 'libwebp',
  'libxml2-dev': 'libxml2',
  'oniguruma-dev': 'oniguruma',
  'curl-dev': 'libcurl',
  'gmp-dev': 'gmp',
  'libsodium-dev': 'libsodium',
  'libxslt-dev': 'libxslt',
  'openldap-dev': 'libldap',
  'yaml-dev': 'yaml',
  'bzip2-dev': 'libbz2',
  'libffi-dev': 'libffi',
  'sqlite-dev': 'sqlite-libs',
  'libmemcached-dev': 'libmemcached-libs',
  'mariadb-dev': 'mariadb-connector-c',
  'mariadb-connector-c-dev': 'mariadb-connector-c',
  'rabbitmq-c-dev': 'rabbitmq-c',
  'libevent-dev': 'libevent',
  'readline-dev': 'readline',
  'ncurses-dev': 'ncurses-libs',
  'gd-dev': 'gd',
  'tidyhtml-dev': 'tidyhtml-libs',
  'lz4-dev': 'lz4-libs',
  'zstd-dev': 'zstd-libs',
  'pcre-dev': 'pcre',
  'pcre2-dev': 'pcre2',
  'libuv-dev': 'libuv',
  'krb5-dev': 'krb5-libs',
  'libssh2-dev': 'libssh2',
  'c-ares-dev': 'c-ares',
  'gettext-dev': 'libintl',
  'libavif-dev': 'libavif',
  'linux-headers': null,
  'musl-dev': null,
  'libc-dev': null,
};

/** Runtime package for a -dev package, null when none is needed, undefined when unknown. */
export function runtimeLibraryOf(dev: string, manager: PackageManager, release?: string): string | null | undefined {
  if (manager === 'apt' && release && UBUNTU.has(release)) return UBUNTU_RUNTIME[dev]?.[release];
  if (manager === 'apt') {
    const entry = DEBIAN_RUNTIME[dev];
    if (entry === undefined) return undefined;
    if (typeof entry === 'string') return entry;
    return entry[release ?? DEFAULT_DEBIAN];
  }
  if (manager === 'apk') return dev in ALPINE_RUNTIME ? ALPINE_RUNTIME[dev] : undefined;
  if (dev === 'openssl-devel') return 'openssl-libs';
  if (dev === 'glibc-devel' || dev === 'kernel-headers') return null;
  if (dev.endsWith('-devel')) return dev.slice(0, -6);
  return undefined;
}

/** A RUN instruction installing `packages` with `manager`, cleaning up after itself. */
export function installInstruction(manager: PackageManager, packages: string[], run = 'RUN'): string {
  const list = packages.join(' ');
  switch (manager) {
    case 'apt':
      return `${run} apt-get update \\\n    && apt-get install -y --no-install-recommends ${list} \\\n    && rm -rf /var/lib/apt/lists/*`;
    case 'apk':
      return `${run} apk add --no-cache ${list}`;
    case 'microdnf':
      return `${run} microdnf install -y ${list} && microdnf clean all`;
    case 'yum':
      return `${run} yum install -y ${list} && yum clean all`;
    default:
      return `${run} dnf install -y ${list} && dnf clean all`;
  }
}
