// Published sizes of the releases Dockerfiles commonly download: the archive, what it unpacks to,
// and for source releases what `make install` installs, by version range where sizes changed.
// MB = 10^6 bytes; Debian Installed-Size (KiB) converted. Each row names its source; "est." marks
// a figure inferred from neighbouring ones, and such rows carry a wider spread.

/**
 * What building a source tree and `make install` adds, in MB: `native` is the compiled code as a
 * distribution ships it (stripped), `rest` the scripts, data and headers. Built with the project's
 * default flags and not stripped, the native part keeps its debug info (DEBUG_FACTOR times larger).
 */
export interface SourceInstall {
  native: number;
  rest: number;
  /** The default build compiles with -g (autoconf's `-g -O2`, Redis, HAProxy, nginx, CPython). */
  debug: boolean;
  /** How many copies of `native` the ./configure flags build (PHP links its core into every SAPI). */
  units?: (configureFlags: string[]) => number;
}

/** Unstripped -g builds: DWARF debug info is typically 2-3x the code it describes. */
export const DEBUG_FACTOR = 3.5;

/** PHP's SAPIs: cli and cgi unless disabled, phpdbg, embed and fpm when enabled. */
function phpSapis(flags: string[]): number {
  const has = (f: string) => flags.some((w) => w === f || w.startsWith(f + '='));
  return (has('--disable-cli') ? 0 : 1) + (has('--disable-cgi') ? 0 : 1) + (has('--enable-phpdbg') ? 1 : 0) + (has('--enable-embed') ? 1 : 0) + (has('--enable-fpm') ? 1 : 0) || 1;
}

export type ReleaseKind = 'binary' | 'source' | 'jdk' | 'jre';

export interface Release {
  sw: string;
  kind: ReleaseKind;
  /** Versions [from, to), compared part by part (`1.20` < `1.21.3`); open when absent. */
  from?: string;
  to?: string;
  what: string;
  /** MB downloaded and MB once unpacked. */
  archive: number;
  unpacked: number;
  /** A source tree after its own build, in place (Go's make.bash leaves the whole toolchain there). */
  built?: number;
  installs?: SourceInstall;
  /** The directory the archive unpacks into, when it is fixed (`go`). */
  topDir?: string;
  /** MB of parts of the unpacked tree that Dockerfiles often delete, by path inside it. */
  parts?: Record<string, number>;
  /** Relative uncertainty of the figures (0.2 when measured, wider when estimated). */
  spread?: number;
  source: string;
}

/** `make install` of known source releases (MB). Rows derived from Debian packages add what a from-source build links in statically. */
export const INSTALLS = {
  // Debian bookworm redis-tools 5,837 KiB + jemalloc 872 + lua5.1 425 + hiredis 95 (linked in statically).
  redis: { native: 7.4, rest: 0, debug: true },
  // Debian bookworm memcached 597 KiB: the binary, man page, headers.
  memcached: { native: 0.5, rest: 0.1, debug: true },
  // Debian bookworm haproxy 4,223 KiB: the binary (Lua, PCRE2, OpenSSL linked dynamically), docs, examples.
  haproxy: { native: 3.6, rest: 0.7, debug: true },
  // Debian bookworm nginx 1,336 KiB (the binary with the common modules built in).
  nginx: { native: 1.3, rest: 0.1, debug: true },
  // Debian bookworm python3.11-minimal 6,743 + libpython3.11-minimal 5,232 + -stdlib 8,334 + libpython3.11 7,626 KiB,
  // pip 6,678, idle 1,343, tk 457: without the test suite and .pyc files, which builds delete.
  python: { native: 15, rest: 21, debug: true },
  // Each SAPI (php, php-cgi, phpdbg, libphp.so, php-fpm) links the PHP core and the built-in
  // extensions, ~17.5 MB stripped: php:8.2-cli-bookworm (cli, cgi, phpdbg, embed; 527.48 MB) and
  // php:8.2-fpm-bookworm (cli, fpm; 492.83 MB), docker-library/repo-info 2026, differ by two of
  // them. Headers, PEAR and build files ≈ 10 MB.
  php: { native: 17.5, rest: 10, debug: true, units: phpSapis },
  // Debian bookworm postgresql-15 54,254 KiB (server, contrib, timezone and extension data).
  postgres: { native: 38, rest: 16, debug: false },
  // GCC with c, c++, fortran and go (`make install-strip`): gcc:13.4.0 (1.39 GB) minus
  // buildpack-deps:bookworm (929.95 MB), both docker-library/repo-info, 2026-07: ~460 MB.
  gcc: { native: 420, rest: 40, debug: true },
  // Debian trixie erlang-* without doc, manpages and examples: 141.8 MB (OTP 27); bookworm (OTP 25) 120.4 MB.
  erlang25: { native: 15, rest: 105, debug: true },
  erlang26: { native: 15, rest: 127, debug: true },
  // Debian bookworm libruby3.1 25,005 + ruby3.1 728 KiB; trixie libruby3.3 29,840 + ruby3.3 898 KiB.
  ruby: { native: 10, rest: 16, debug: true },
  ruby33: { native: 11, rest: 20, debug: true },
  // Debian bookworm apache2-bin 5,140 + apache2-data 847 + apache2-utils 448 + apache2-dev 1,129 KiB, and the manual (apache2-doc 26,366 KiB).
  httpd: { native: 5.5, rest: 29, debug: true },
  // Debian trixie bash 7,196 + bash-doc 3,123 KiB (the binary, loadables, man and info pages, translations).
  bash: { native: 1.5, rest: 9, debug: true },
  // Debian bookworm openssl 2,310 + libssl3 6,030 + libssl-dev 12,190 KiB (headers, static libraries); the man pages `make install` adds.
  openssl: { native: 8.5, rest: 20, debug: false },
  // Debian bookworm git 44,890 + git-man 2,107 KiB.
  git: { native: 12, rest: 36, debug: true },
  // Debian bookworm perl 670 + perl-base 7,639 + libperl5.36 28,864 + perl-modules-5.36 17,817 KiB.
  perl: { native: 8, rest: 50, debug: false },
  // Debian bookworm sqlite3 533 + libsqlite3-0 1,682 + libsqlite3-dev 3,150 KiB.
  sqlite: { native: 2.2, rest: 3.4, debug: true },
  // Debian trixie elixir 8,812 KiB: .beam files and scripts, no native code.
  elixir: { native: 0, rest: 9, debug: false },
  // Debian bookworm cmake 28,897 + cmake-data 10,456 KiB.
  cmake: { native: 30, rest: 11, debug: false },
  // Debian bookworm libtcnative-1 488 KiB (the library); a from-source install adds the static library and headers.
  tcnative: { native: 0.5, rest: 0.5, debug: true },
  // node:22-alpine3.23 167.63 MB (built from source) − alpine 8.42 − yarn ≈ 6 − libstdc++ ≈ 3 (repo-info): bin/node, npm, corepack, headers.
  node: { native: 115, rest: 35, debug: false },
} satisfies Record<string, SourceInstall>;

const GO_BIN = 'go.dev/dl linux-amd64 archive sizes';
const NODE_IMG = 'node:<v>-slim (repo-info Virtual Size) − debian:<suite>-slim − yarn ≈ 6 MB: the nodejs.org linux-x64 tarball as installed';
const JAVA = 'Temurin JDK 21 325 MB installed (foojay.io "The Files in JDK 21", 2023: lib/modules 134, jmods 79, src.zip 50 MB); JDK 24+ archive −35%, installed −15% without jmods (adoptium.net news, JEP 493)';
const JRE = 'a jlinked runtime of the java.se modules: lib/modules ≈ 100 MB (zulu-openjdk/zulu-openjdk#334: 49 modules 99.6 MB, all 71 modules 147 MB) plus libjvm and the native libraries (est.)';
const DEBJDK = 'Debian openjdk-N-jre-headless + jdk-headless Installed-Size (11: 251, 17: 265, 21: 293 MB) plus src.zip and jmods';

/** foojay.io "The Files in JDK 21": src.zip 50 MB, jmods 79 MB (JDK 8: src.zip at the top, ≈ 21 MB est.). */
const JDK_PARTS = { 'lib/src.zip': 50, jmods: 79 };

export const RELEASES: Release[] = [
  // Go binary releases: pkg/ held the compiled standard library (and its race build) until 1.20.
  { sw: 'go', kind: 'binary', to: '1.20', what: 'Go toolchain', archive: 135, unpacked: 465, topDir: 'go', source: `${GO_BIN} (go1.18 135 MB, go1.19 142 MB); Debian bookworm golang-1.19-go 334,790 + golang-1.19-src 118,541 KiB (bin, src, std and race .a)` },
  { sw: 'go', kind: 'binary', from: '1.20', to: '1.21', what: 'Go toolchain', archive: 96, unpacked: 300, topDir: 'go', spread: 0.35, source: 'packagecloud.io meter/public golang-go 1.20.6 (the go.dev tarball as a .deb): 96 MB; unpacked est. between 1.19 and 1.21 in proportion to the archive' },
  { sw: 'go', kind: 'binary', from: '1.21', what: 'Go toolchain', archive: 66, unpacked: 225, topDir: 'go', source: 'packagecloud.io meter/public golang-go 1.26.0/1.26.2: 64.2 MB, Installed Size 216 MB; golang:1.25.13-alpine3.24 215.26 MB − alpine 8.42 MB (repo-info)' },
  { sw: 'go', kind: 'source', to: '1.20', what: 'Go source tree', archive: 22, unpacked: 121, built: 320, topDir: 'go', source: 'go.dev/dl go1.18.x.src.tar.gz ≈ 22 MB; Debian bookworm golang-1.19-src 118,541 KiB; after make.bash: golang:1.18.10-alpine3.17 329.69 − alpine:3.17.1 7.04 MB (repo-info)' },
  { sw: 'go', kind: 'source', from: '1.20', what: 'Go source tree', archive: 28, unpacked: 138, built: 225, topDir: 'go', spread: 0.3, source: 'go.dev/dl go1.2x.src.tar.gz ≈ 27-30 MB; Debian trixie golang-1.24-src 135,186 KiB; after make.bash ≈ the binary release (no .a since 1.20)' },

  { sw: 'node', kind: 'binary', to: '20', what: 'Node.js', archive: 23, unpacked: 157, source: `${NODE_IMG}: node:18-buster-slim 233.14 − 69.25` },
  { sw: 'node', kind: 'binary', from: '20', to: '24', what: 'Node.js', archive: 28, unpacked: 145, source: `${NODE_IMG}: node:22-bookworm-slim 227.34 − 74.83` },
  { sw: 'node', kind: 'binary', from: '24', to: '26', what: 'Node.js', archive: 30, unpacked: 150, source: `${NODE_IMG}: node:24-trixie-slim 234.17 − 78.64` },
  { sw: 'node', kind: 'binary', from: '26', what: 'Node.js', archive: 33, unpacked: 172, source: `${NODE_IMG}: node:26-slim 257.93 − 78.64` },
  { sw: 'node', kind: 'source', what: 'Node.js source tree', archive: 45, unpacked: 330, installs: INSTALLS.node, spread: 0.35, source: 'nodejs.org/dist node-v22 tar.xz ≈ 45 MB; unpacked est. (xz ×7)' },

  { sw: 'python', kind: 'source', what: 'Python source tree', archive: 21, unpacked: 105, installs: INSTALLS.python, source: 'python.org/ftp Python-3.1x.tar.xz ≈ 20 MB; unpacked est. (xz ×5)' },
  { sw: 'pypy', kind: 'binary', to: '3', what: 'PyPy', archive: 27, unpacked: 95, spread: 0.4, source: 'est.: downloads.python.org/pypy pypy2.7-v7.3.x-linux64.tar.bz2 ≈ 27 MB (bz2 ×3.5: the JIT binary and the stdlib)' },
  { sw: 'pypy', kind: 'binary', from: '3', what: 'PyPy', archive: 32, unpacked: 115, spread: 0.4, source: 'est.: downloads.python.org/pypy pypy3.1x-v7.3.x-linux64.tar.bz2 ≈ 30-34 MB' },
  { sw: 'php', kind: 'source', what: 'PHP source tree', archive: 13, unpacked: 110, installs: INSTALLS.php, source: 'php.net/distributions php-8.x.tar.xz ≈ 12-13 MB; unpacked est.' },
  { sw: 'ruby', kind: 'source', to: '3.3', what: 'Ruby source tree', archive: 21, unpacked: 120, installs: INSTALLS.ruby, spread: 0.3, source: 'cache.ruby-lang.org ruby-3.x.tar.gz ≈ 21 MB (tar.xz ≈ 15 MB); unpacked est.' },
  { sw: 'ruby', kind: 'source', from: '3.3', what: 'Ruby source tree', archive: 22, unpacked: 125, installs: INSTALLS.ruby33, spread: 0.3, source: 'cache.ruby-lang.org ruby-3.3+ tar.gz ≈ 22 MB; unpacked est.' },
  { sw: 'otp', kind: 'source', to: '26', what: 'Erlang/OTP source tree', archive: 60, unpacked: 330, installs: INSTALLS.erlang25, spread: 0.4, source: 'github.com/erlang/otp releases otp_src_2x.tar.gz ≈ 60 MB (est.); unpacked est.' },
  { sw: 'otp', kind: 'source', from: '26', what: 'Erlang/OTP source tree', archive: 65, unpacked: 360, installs: INSTALLS.erlang26, spread: 0.4, source: 'github.com/erlang/otp releases otp_src_2x.tar.gz ≈ 60-70 MB (est.); unpacked est.' },
  { sw: 'elixir', kind: 'source', what: 'Elixir source tree', archive: 3.3, unpacked: 14, installs: INSTALLS.elixir, spread: 0.4, source: 'github.com/elixir-lang/elixir archive v1.1x.tar.gz ≈ 3 MB (est.)' },
  { sw: 'elixir', kind: 'binary', what: 'Elixir', archive: 7, unpacked: 10, spread: 0.4, source: 'elixir-otp-2x.zip ≈ 7 MB (est.); Debian trixie elixir 8,812 KiB' },
  { sw: 'julia', kind: 'binary', to: '1.10', what: 'Julia', archive: 130, unpacked: 430, spread: 0.5, source: 'est.: Debian bullseye julia 1.5 (julia + libjulia1 + julia-common) 241 MB against system LLVM and BLAS; the binary release bundles them and a larger system image' },
  { sw: 'julia', kind: 'binary', from: '1.10', what: 'Julia', archive: 160, unpacked: 520, spread: 0.5, source: 'est.: 0.7 was 600 MB with 250 MB of debug libraries, later dropped (JuliaLang/julia#27753); the system image alone is ≈ 300 MB in 1.12 (sys.dll, JuliaLang/julia#60590), plus LLVM, BLAS and the stdlib' },

  // Java: the JRE is a jlinked runtime without compiler, jmods or sources.
  { sw: 'openjdk', kind: 'jdk', to: '9', what: 'JDK 8', archive: 100, unpacked: 200, spread: 0.3, parts: { 'src.zip': 21 }, source: 'est.: Temurin OpenJDK8U jdk tar.gz ≈ 100 MB (rt.jar, tools.jar, src.zip)' },
  { sw: 'openjdk', kind: 'jdk', from: '9', to: '21', what: 'JDK', archive: 190, unpacked: 310, spread: 0.25, parts: JDK_PARTS, source: DEBJDK },
  { sw: 'openjdk', kind: 'jdk', from: '21', to: '24', what: 'JDK', archive: 200, unpacked: 330, parts: JDK_PARTS, source: JAVA },
  { sw: 'openjdk', kind: 'jdk', from: '24', what: 'JDK', archive: 135, unpacked: 280, spread: 0.25, parts: { 'lib/src.zip': 50 }, source: JAVA },
  { sw: 'openjdk', kind: 'jre', to: '9', what: 'JRE 8', archive: 40, unpacked: 120, spread: 0.3, source: 'est.: Temurin OpenJDK8U jre tar.gz ≈ 40 MB' },
  { sw: 'openjdk', kind: 'jre', from: '9', to: '21', what: 'JRE', archive: 45, unpacked: 135, spread: 0.3, source: `${JRE}; a JRE 17 headless 141 MB (chainguard-images/images#297)` },
  { sw: 'openjdk', kind: 'jre', from: '21', what: 'JRE', archive: 50, unpacked: 145, spread: 0.3, source: JRE },

  { sw: 'tomcat', kind: 'binary', what: 'Apache Tomcat', archive: 12.5, unpacked: 16, spread: 0.3, source: 'dlcdn.apache.org apache-tomcat-10.1.x.tar.gz ≈ 12-13 MB; Debian libtomcat10-java 7,472 KiB of jars plus bin, conf and webapps (est.)' },
  { sw: 'maven', kind: 'binary', what: 'Maven', archive: 9, unpacked: 10, source: 'dlcdn.apache.org apache-maven-3.9.x-bin.tar.gz ≈ 9 MB (jars, already compressed)' },
  { sw: 'gradle', kind: 'binary', what: 'Gradle', archive: 130, unpacked: 145, source: 'services.gradle.org gradle-8.x-bin.zip ≈ 130 MB (jars, already compressed)' },
  { sw: 'kafka', kind: 'binary', what: 'Apache Kafka', archive: 110, unpacked: 120, spread: 0.3, source: 'downloads.apache.org kafka_2.13-3.x.tgz ≈ 100-120 MB (jars) (est.)' },
  { sw: 'zookeeper', kind: 'binary', what: 'Apache ZooKeeper', archive: 14, unpacked: 18, spread: 0.4, source: 'downloads.apache.org apache-zookeeper-3.8.x-bin.tar.gz ≈ 14 MB (jars and docs) (est.)' },
  { sw: 'elasticsearch', kind: 'binary', what: 'Elasticsearch (with its bundled JDK)', archive: 600, unpacked: 1100, spread: 0.4, source: 'artifacts.elastic.co elasticsearch-8.x-linux-x86_64.tar.gz ≈ 600 MB (est.)' },
  { sw: 'jetty-home', kind: 'binary', what: 'Jetty', archive: 14, unpacked: 17, spread: 0.4, source: 'repo1.maven.org jetty-home-12.x.tar.gz ≈ 14 MB (jars) (est.); Debian trixie jetty12 1,083 KiB' },
  { sw: 'jetty-distribution', kind: 'binary', what: 'Jetty', archive: 11, unpacked: 14, spread: 0.4, source: 'jetty-distribution-9.4.x.tar.gz ≈ 11 MB (est.)' },
  { sw: 'dotnet-sdk', kind: 'binary', what: '.NET SDK', archive: 215, unpacked: 520, spread: 0.3, source: 'sdk/8.0.200 folder 289,120 KiB (du in dotnet/sdk#37315) plus the shared runtimes and targeting packs (est.); SDK 10 packages 239 MB to download (dotnet/sdk#51680)' },
  { sw: 'dotnet-runtime', kind: 'binary', what: '.NET runtime', archive: 31, unpacked: 72, spread: 0.3, source: 'est.: dotnet-runtime-8.0.x-linux-x64.tar.gz ≈ 31 MB' },
  { sw: 'aspnetcore-runtime', kind: 'binary', what: 'ASP.NET Core runtime', archive: 45, unpacked: 105, spread: 0.3, source: 'est.: aspnetcore-runtime-8.0.x-linux-x64.tar.gz ≈ 45 MB (with the .NET runtime)' },
  { sw: 'rust', kind: 'binary', what: 'Rust standalone toolchain', archive: 280, unpacked: 900, spread: 0.4, source: 'est.: rust-1.x-x86_64-unknown-linux-gnu.tar.gz; Debian trixie rustc + cargo + libstd-rust 304 MB, and the standalone installer adds rust-docs' },
  { sw: 'cmake', kind: 'binary', what: 'CMake', archive: 50, unpacked: 150, spread: 0.35, source: 'est.: github.com/Kitware/CMake releases cmake-3.2x-linux-x86_64.tar.gz ≈ 50 MB (binaries, modules, HTML docs)' },
  { sw: 'cmake', kind: 'source', what: 'CMake source tree', archive: 11, unpacked: 70, installs: INSTALLS.cmake, spread: 0.35, source: 'cmake-3.2x.tar.gz ≈ 11 MB (est.)' },
  { sw: 'bazel', kind: 'binary', what: 'Bazel', archive: 55, unpacked: 55, spread: 0.3, source: 'est.: github.com/bazelbuild/bazel releases bazel-7.x-linux-x86_64 ≈ 55 MB (one binary)' },
  { sw: 'bazelisk', kind: 'binary', what: 'Bazelisk', archive: 6, unpacked: 6, spread: 0.3, source: 'est.: bazelisk-linux-amd64 ≈ 6 MB' },
  { sw: 'kubectl', kind: 'binary', what: 'kubectl', archive: 50, unpacked: 50, spread: 0.2, source: 'dl.k8s.io kubectl 1.2x linux/amd64 ≈ 48-57 MB; Debian trixie kubectl 79,265 KiB' },
  { sw: 'helm', kind: 'binary', what: 'Helm', archive: 16, unpacked: 50, source: 'get.helm.sh helm-v3.x-linux-amd64.tar.gz ≈ 16 MB' },
  { sw: 'terraform', kind: 'binary', what: 'Terraform', archive: 27, unpacked: 85, source: 'releases.hashicorp.com terraform_1.x_linux_amd64.zip ≈ 25-28 MB' },
  { sw: 'docker', kind: 'binary', what: 'Docker CLI and engine', archive: 70, unpacked: 200, source: 'download.docker.com/linux/static docker-2x.tgz ≈ 70 MB' },
  { sw: 'tini', kind: 'binary', what: 'tini', archive: 0.9, unpacked: 0.9, source: 'github.com/krallin/tini releases tini-static ≈ 0.9 MB' },
  { sw: 'gosu', kind: 'binary', what: 'gosu', archive: 2.3, unpacked: 2.3, source: 'github.com/tianon/gosu releases gosu-amd64 ≈ 2.3 MB' },
  { sw: 'yarn', kind: 'binary', what: 'Yarn', archive: 1.3, unpacked: 5.3, source: 'yarnpkg.com yarn-v1.22.x.tar.gz ≈ 1.3 MB (lib/cli.js)' },
  { sw: 'jenkins', kind: 'binary', what: 'Jenkins (jenkins.war)', archive: 90, unpacked: 90, spread: 0.3, source: 'est.: get.jenkins.io war-stable 2.4xx jenkins.war ≈ 85-95 MB' },
  { sw: 'ninja', kind: 'binary', what: 'Ninja', archive: 0.15, unpacked: 0.3, spread: 0.5, source: 'est.: github.com/ninja-build/ninja releases ninja-linux.zip (one binary of ≈ 300 KB)' },
  { sw: 'rabbitmq-server', kind: 'binary', what: 'RabbitMQ', archive: 17, unpacked: 40, spread: 0.4, source: 'est.: github.com/rabbitmq/rabbitmq-server releases rabbitmq-server-generic-unix-3.x.tar.xz ≈ 17 MB (plugins as .ez archives)' },

  // Language toolchains and SDKs shipped as one archive (issue 22: the Dart SDK zip, Swift's toolchain, GHC's binary distribution).
  { sw: 'dart', kind: 'binary', what: 'Dart SDK', archive: 220, unpacked: 540, topDir: 'dart-sdk', spread: 0.3, source: 'dartsdk-linux-x64-release.zip: 220.33 MB at 2.6.1 (dart-lang/sdk#39439, the SDK archive page); /usr/lib/dart of the official dart image 515 MiB (du -b, Dart 3.0, khoa-io/git-lfs-server#42, 2023); 3.x archive est. as 2.6' },
  { sw: 'swift', kind: 'binary', from: '5', what: 'Swift toolchain', archive: 1000, unpacked: 2300, spread: 0.35, source: 'download.swift.org swift-6.2.4-RELEASE-ubi9.tar.gz 978,356 KiB, 6.3 1,036,824 KiB (swiftlang/swift#88414); unpacked: Debian trixie swiftlang 2,123,013 + libswiftlang 84,365 KiB (Swift 6.0, stripped); older 5.x toolchains est. the same' },
  { sw: 'ghc', kind: 'binary', from: '9', what: 'GHC binary distribution', archive: 199, unpacked: 2600, spread: 0.3, source: 'downloads.haskell.org ghc-9.6.2-x86_64-deb10-linux.tar.xz 199 MB, unpacked 2.6 GB (du, NixOS/nixpkgs#66277, GHC maintainer 2023-06; profiling libraries and docs included: share/doc 659 MB at 9.6.6, 773 MB at 9.10.1, haskell/ghcup-hs#1233); other 9.x releases est. the same' },
  { sw: 'stack', kind: 'binary', what: 'Haskell Stack', archive: 20, unpacked: 80, spread: 0.4, source: 'Debian trixie haskell-stack 78,205 KiB (one statically linked program); stack-3.x-linux-x86_64.tar.gz est. ≈ 20 MB' },
  { sw: 'cabal-install', kind: 'binary', what: 'cabal-install', archive: 12, unpacked: 48, spread: 0.4, source: 'Debian trixie cabal-install 46,793 KiB (the cabal program); the downloads.haskell.org tar.xz est. ≈ 12 MB' },
  { sw: 'zig', kind: 'binary', what: 'Zig toolchain', archive: 45, unpacked: 310, spread: 0.4, source: 'ziglang.org zig-linux-x86_64-0.6.0.tar.xz 44,766,320 bytes (download index.json, quoted in goto-bus-stop/setup-zig#75); unpacked est. (xz ×7: the compiler and the libc headers and sources it bundles)' },
  { sw: 'deno', kind: 'binary', to: '2', what: 'Deno', archive: 34, unpacked: 91, spread: 0.2, source: 'github.com/denoland/deno releases v1.23.2: zip 33.8 MB, executable 91.2 MB (denoland/manual#350)' },
  { sw: 'deno', kind: 'binary', from: '2', what: 'Deno', archive: 50, unpacked: 136, spread: 0.3, source: 'deno 2 executable 136 MB (denoland/deno#26516, 2024); zip est. in the 1.x ratio' },
  { sw: 'bun', kind: 'binary', what: 'Bun', archive: 32, unpacked: 88, spread: 0.25, source: 'bun executable 88 MB, 32 MB zipped (oven-sh/bun#10051, 2024)' },
  { sw: 'golangci-lint', kind: 'binary', what: 'golangci-lint', archive: 13.5, unpacked: 45, spread: 0.3, source: 'golangci-lint-2.1.6-linux-amd64.tar.gz 13,544 KB (release asset list quoted in openshift/release#85282); unpacked est. (a Go program, tar.gz ×3.3)' },
  { sw: 'protoc', kind: 'binary', what: 'protoc', archive: 3, unpacked: 10, spread: 0.5, source: 'protoc-3.20.0-osx-aarch_64.zip 2,644 KB (protocolbuffers/protobuf#9747): bin/protoc and include/*.proto; unpacked est.' },
  { sw: 'flutter', kind: 'binary', what: 'Flutter SDK', archive: 700, unpacked: 1500, spread: 0.5, source: 'Flutter 2.x SDK archives ≈ 700 MB; 2.0.0 unpacked: bin/cache 1,153 MB, .pub-cache 203 MB, the rest 137 MB (flutter/flutter#78765, Windows; Linux est. the same order)' },

  // Source releases built with ./configure && make && make install.
  { sw: 'openssl', kind: 'source', what: 'OpenSSL source tree', archive: 17, unpacked: 80, installs: INSTALLS.openssl, spread: 0.3, source: 'openssl.org/source openssl-3.x.tar.gz ≈ 17 MB; unpacked est.' },
  { sw: 'httpd', kind: 'source', what: 'Apache httpd source tree', archive: 7.5, unpacked: 45, installs: INSTALLS.httpd, spread: 0.3, source: 'downloads.apache.org httpd-2.4.x.tar.bz2 ≈ 7.5 MB; unpacked est.' },
  { sw: 'bash', kind: 'source', what: 'Bash source tree', archive: 10.5, unpacked: 45, installs: INSTALLS.bash, spread: 0.3, source: 'ftp.gnu.org bash-5.x.tar.gz ≈ 10-11 MB; unpacked est.' },
  { sw: 'git', kind: 'source', what: 'Git source tree', archive: 7.5, unpacked: 45, installs: INSTALLS.git, spread: 0.3, source: 'kernel.org git-2.4x.tar.xz ≈ 7.5 MB; unpacked est.' },
  { sw: 'perl', kind: 'source', what: 'Perl source tree', archive: 19, unpacked: 90, installs: INSTALLS.perl, spread: 0.3, source: 'cpan.org perl-5.3x.tar.gz ≈ 19 MB; unpacked est.' },
  { sw: 'nginx', kind: 'source', what: 'nginx source tree', archive: 1.2, unpacked: 7, installs: INSTALLS.nginx, source: 'nginx.org/download nginx-1.2x.tar.gz ≈ 1.2 MB' },
  { sw: 'redis', kind: 'source', what: 'Redis source tree', archive: 3.5, unpacked: 20, installs: INSTALLS.redis, source: 'download.redis.io redis-7.x.tar.gz ≈ 3.5 MB' },
  { sw: 'memcached', kind: 'source', what: 'memcached source tree', archive: 1.1, unpacked: 4, installs: INSTALLS.memcached, source: 'memcached.org memcached-1.6.x.tar.gz ≈ 1.1 MB' },
  { sw: 'haproxy', kind: 'source', what: 'HAProxy source tree', archive: 4.8, unpacked: 28, installs: INSTALLS.haproxy, source: 'haproxy.org haproxy-3.x.tar.gz ≈ 4.8 MB' },
  { sw: 'postgresql', kind: 'source', what: 'PostgreSQL source tree', archive: 27, unpacked: 160, installs: INSTALLS.postgres, source: 'ftp.postgresql.org postgresql-1x.tar.bz2 ≈ 22-27 MB' },
  { sw: 'gcc', kind: 'source', what: 'GCC source tree', archive: 88, unpacked: 850, installs: INSTALLS.gcc, source: 'ftp.gnu.org gcc-13.x.tar.xz ≈ 88 MB' },
  { sw: 'tomcat-native', kind: 'source', what: 'Tomcat Native source tree', archive: 0.45, unpacked: 2, installs: INSTALLS.tcnative, spread: 0.4, source: 'est.: tomcat-native-2.0.x-src.tar.gz ≈ 450 KB (shipped in Tomcat as bin/tomcat-native.tar.gz)' },
  { sw: 'sqlite-autoconf', kind: 'source', what: 'SQLite source tree', archive: 3.2, unpacked: 14, installs: INSTALLS.sqlite, spread: 0.3, source: 'sqlite.org sqlite-autoconf-3xxxxxx.tar.gz ≈ 3.2 MB' },
];

/** `1.22.3` vs `1.21`: numeric part by part; a missing part counts as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = leadingNumber(pa[i]) - leadingNumber(pb[i]);
    if (d) return d;
  }
  return 0;
}

function leadingNumber(s: string | undefined): number {
  let n = 0;
  for (const c of s ?? '') {
    if (c < '0' || c > '9') break;
    n = n * 10 + (c.charCodeAt(0) - 48);
  }
  return n;
}

/** The Java feature release of a version as file names write it (`1.8.0_392` and `8u392` -> 8, `21.0.1` -> 21). */
export function javaMajor(version: string): string {
  if (version.startsWith('1.')) return String(leadingNumber(version.slice(2)));
  return String(leadingNumber(version));
}

/** Vendors whose JDK and JRE archives are sized like OpenJDK's. */
const JAVA_VENDORS = new Set(['openjdk', 'temurin', 'zulu', 'corretto', 'liberica', 'bellsoft', 'graalvm', 'microsoft', 'semeru', 'sapmachine', 'dragonwell', 'jdk', 'jre']);

/** `temurin`, `zulu21`, and vendors named after a prefix: `ibm-semeru-open`, `amazon-corretto`. */
function isJavaVendor(software: string): boolean {
  return JAVA_VENDORS.has(software) || software.split('-').some((part) => [...JAVA_VENDORS].some((v) => part.startsWith(v)));
}

export interface ReleaseQuery {
  software?: string;
  version?: string;
  kind: string;
  /** The kind was only guessed from a name without os or arch. */
  guessed?: boolean;
  /** A tarball whose name has neither version nor platform. */
  unversionedArchive?: boolean;
}

/** The row for a download as the name reader read it, or undefined. */
export function findRelease(q: ReleaseQuery): Release | undefined {
  const java = q.kind === 'jdk' || q.kind === 'jre';
  const sw = java && (!q.software || isJavaVendor(q.software)) ? 'openjdk' : q.software;
  if (!sw) return undefined;
  const version = q.version && java ? javaMajor(q.version) : q.version;
  let last: Release | undefined;
  for (const row of RELEASES) {
    if (row.sw !== sw || !kindMatches(row.kind, q)) continue;
    last = row;
    if (!version) continue;
    if ((row.from && compareVersions(version, row.from) < 0) || (row.to && compareVersions(version, row.to) >= 0)) continue;
    return row;
  }
  // No version in the name: the newest release's row (`latest` URLs).
  return version ? undefined : last;
}

function kindMatches(row: ReleaseKind, q: ReleaseQuery): boolean {
  if (row === q.kind) return true;
  // `bin/tomcat-native.tar.gz`: an archive named without version or platform may hold sources.
  if (row === 'source' && q.kind === 'binary' && !q.version && q.unversionedArchive) return true;
  // `apache-tomcat-10.1.17.tar.gz` names no platform but is a binary release; CMake's `.sh` is a self-extracting one.
  return row === 'binary' && (q.guessed || q.kind === 'installer');
}
