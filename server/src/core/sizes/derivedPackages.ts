// Alpine and RPM package sizes. The Alpine APKINDEX and RPM repodata are not reachable from the
// machines this was built on, so these are DERIVED, not measured: Alpine installed sizes for the
// packages that dominate Dockerfiles (toolchains, interpreters), set from the repo-info apk
// listings where they exist (musl, busybox, libcrypto3; gcc, binutils, musl-dev and their libraries
// from rust:1-alpine3.22, curl, libxml2, oniguruma ... from php:8.2-cli-alpine3.23) and otherwise from the
// Debian Installed-Size of the same software without docs; every other Alpine name falls back to
// its Debian counterpart x 0.55 (tables.ts). RPM names map to their Debian counterparts.

const JRE_HEADLESS_DEPS = 'java-common java-cacerts p11-kit-trust';
const JRE_GUI_DEPS = 'libx11 libxext libxi libxrender libxtst alsa-lib freetype giflib lcms2 libjpeg-turbo';

/** Alpine package -> [installed KiB, "deps"] (derived, see above). */
export const APK: Record<string, [number, string?]> = {
  // Base of alpine:3.2x (repo-info listings, installed size).
  musl: [650], busybox: [794], 'alpine-baselayout': [25], 'apk-tools': [380], libcrypto3: [5095], libssl3: [819, 'libcrypto3'], zlib: [105],
  'ca-certificates-bundle': [177], 'ca-certificates': [720, 'ca-certificates-bundle'], scanelf: [65], 'musl-utils': [54], ssl_client: [14],
  libgcc: [169], 'libstdc++': [2706, 'libgcc'], tzdata: [450], 'sqlite-libs': [1577], readline: [292, 'libncursesw'], libncursesw: [334, 'ncurses-terminfo-base'],
  'ncurses-terminfo-base': [98], libffi: [38], 'xz-libs': [221], libbz2: [76], gdbm: [71], 'krb5-libs': [1800], libuuid: [29], libintl: [133],
  // C/C++ toolchain: build-base pulls ~190 MB.
  'build-base': [4, 'binutils file fortify-headers g++ gcc libc-dev make patch'], binutils: [10240, 'zlib zstd-libs jansson'], gcc: [140288, 'binutils libgcc libstdc++ libgomp libatomic gmp mpfr4 mpc1 isl26 zstd-libs musl-dev'],
  'g++': [36000, 'gcc libstdc++-dev musl-dev'], 'libstdc++-dev': [18000, 'libstdc++'], 'musl-dev': [9680, 'musl'], 'libc-dev': [4, 'musl-dev'], make: [270], patch: [120],
  file: [40, 'libmagic'], libmagic: [8600], 'fortify-headers': [100], gmp: [417], mpfr4: [665, 'gmp'], mpc1: [113, 'gmp mpfr4'], isl26: [2130, 'gmp'],
  libgomp: [322], libatomic: [25], 'zstd-libs': [701], jansson: [81], 'linux-headers': [7200], clang: [110000, 'llvm-libs gcc'], 'llvm-libs': [125000, 'libffi libxml2 zstd-libs'],
  cmake: [38000, 'libarchive libcurl libuv rhash-libs jsoncpp'], libarchive: [900], libuv: [200], 'rhash-libs': [200], jsoncpp: [250], samurai: [150], ninja: [4, 'samurai'],
  autoconf: [2500, 'm4 perl'], automake: [1700, 'perl'], libtool: [2000, 'bash libltdl'], libltdl: [50], m4: [300], perl: [40000], pkgconf: [150], re2c: [800], bison: [1900, 'm4'], flex: [900, 'm4'],
  // Tools.
  curl: [273, 'libcurl'], libcurl: [693, 'c-ares libidn2 libpsl nghttp2-libs brotli-libs zstd-libs'], 'c-ares': [237], libidn2: [193, 'libunistring'], libunistring: [1877], libpsl: [73],
  'nghttp2-libs': [129], 'brotli-libs': [957], wget: [500, 'libidn2 pcre2'], pcre2: [700], git: [14500, 'libcurl expat pcre2 zlib'], expat: [200], 'openssh-client': [3400],
  bash: [1300, 'readline'], coreutils: [1100], jq: [450, 'oniguruma'], oniguruma: [547], tar: [399], gzip: [100], xz: [162, 'xz-libs'], unzip: [300], zip: [400], upx: [1500],
  tini: [40], 'su-exec': [20], 'dumb-init': [40], 'libc6-compat': [100], gcompat: [100], shadow: [3400], sudo: [3000], vim: [31000], nano: [900], less: [300],
  openssl: [801, 'libssl3'], 'openssl-dev': [3000, 'openssl'], gettext: [9000], 'gettext-dev': [3000, 'gettext'],
  // Interpreters and runtimes.
  python3: [45000, 'sqlite-libs libffi xz-libs libbz2 gdbm readline'], 'py3-pip': [11000, 'python3'], 'py3-setuptools': [5000, 'python3'], 'python3-dev': [6500, 'python3'],
  nodejs: [45000, 'icu-libs libuv c-ares brotli-libs'], 'icu-libs': [36000, 'icu-data-en'], 'icu-data-en': [800], 'icu-data-full': [30000], npm: [9500, 'nodejs'], yarn: [5500, 'nodejs'],
  go: [230000], rust: [180000, 'llvm-libs gcc musl-dev'], cargo: [22000, 'rust'], maven: [10000, 'openjdk17-jre-headless'], ruby: [28000, 'gmp yaml libffi'], yaml: [150],
  // OpenJDK (alpineJdk.ts maps other majors to the nearest of these). 11: installed sizes of openjdk11-jre-headless 11.0.17_p8-r1 (154 MiB)
  // and openjdk11-jre (2504 KiB) and of the libraries below, Alpine 3.16 (repo-info@72e4be79 repos/bonita/local/7.15.md); 17, 21: est.
  'openjdk11-jre-headless': [157696, JRE_HEADLESS_DEPS], 'openjdk11-jre': [2504, 'openjdk11-jre-headless ' + JRE_GUI_DEPS], 'openjdk11-jdk': [75000, 'openjdk11-jre-headless'],
  'openjdk17-jre-headless': [185000, JRE_HEADLESS_DEPS], 'openjdk17-jre': [2504, 'openjdk17-jre-headless ' + JRE_GUI_DEPS], 'openjdk17-jdk': [75000, 'openjdk17-jre-headless'],
  'openjdk21-jre-headless': [190000, JRE_HEADLESS_DEPS], 'openjdk21-jre': [2504, 'openjdk21-jre-headless ' + JRE_GUI_DEPS], 'openjdk21-jdk': [80000, 'openjdk21-jre-headless'],
  'java-common': [12], 'java-cacerts': [32], 'p11-kit': [1204, 'libffi libtasn1'], 'p11-kit-trust': [452, 'p11-kit'], libtasn1: [84],
  libx11: [3192, 'libxcb'], libxcb: [992, 'libxau libxdmcp'], libxau: [28], libxdmcp: [40], libxext: [84, 'libx11'], libxi: [76, 'libxext'], libxrender: [56, 'libx11'],
  libxtst: [40, 'libxi'], 'alsa-lib': [1488], freetype: [752, 'libpng brotli-libs'], libpng: [204], giflib: [52], lcms2: [348], 'libjpeg-turbo': [1140],
  php83: [5600, 'libxml2 pcre2 argon2-libs'], php82: [5400, 'libxml2 pcre2 argon2-libs'], libxml2: [1046], 'argon2-libs': [41], 'php83-fpm': [4000, 'php83'], 'php82-fpm': [3900, 'php82'],
  // Servers and media.
  nginx: [1300, 'pcre2'], supervisor: [3000, 'python3 py3-setuptools'], 'postgresql16-client': [4000, 'libpq'], 'postgresql-client': [4, 'postgresql16-client'], libpq: [450],
  'mariadb-client': [15000], 'mysql-client': [4, 'mariadb-client'], redis: [3000], imagemagick: [22000], ffmpeg: [92000], chromium: [450000], 'font-noto': [25000], ttf_freefont: [2000],
};

/** Packages of alpine:3.2x itself (repo-info). */
export const ALPINE_BASE = ['musl', 'busybox', 'busybox-binsh', 'alpine-baselayout', 'alpine-baselayout-data', 'alpine-keys', 'alpine-release', 'apk-tools', 'libapk', 'libcrypto3', 'libssl3', 'zlib', 'ca-certificates-bundle', 'scanelf', 'musl-utils', 'ssl_client'];

/** Alpine names whose Debian counterpart has another name. */
export const APK_TO_DEB: Record<string, string> = {
  'build-base': 'build-essential', 'musl-dev': 'libc6-dev', 'zlib-dev': 'zlib1g-dev', 'openssl-dev': 'libssl-dev', 'libffi-dev': 'libffi-dev', 'jpeg-dev': 'libjpeg-dev',
  'libjpeg-turbo-dev': 'libjpeg-dev', 'libpng-dev': 'libpng-dev', 'freetype-dev': 'libfreetype6-dev', 'postgresql-dev': 'libpq-dev', 'libpq-dev': 'libpq-dev',
  'mariadb-dev': 'libmariadb-dev', libsasl: 'libsasl2-2', 'mariadb-connector-c-dev': 'libmariadb-dev', 'sqlite-dev': 'libsqlite3-dev', 'curl-dev': 'libcurl4-openssl-dev', 'icu-dev': 'libicu-dev',
  'libxml2-dev': 'libxml2-dev', 'libxslt-dev': 'libxslt1-dev', 'yaml-dev': 'libyaml-dev', 'readline-dev': 'libreadline-dev', 'ncurses-dev': 'libncurses-dev',
  'bzip2-dev': 'libbz2-dev', 'xz-dev': 'liblzma-dev', 'gmp-dev': 'libgmp-dev', 'libzip-dev': 'libzip-dev', 'oniguruma-dev': 'libonig-dev', 'linux-headers': 'linux-libc-dev',
  'py3-numpy': 'python3-numpy', 'bind-tools': 'dnsutils', 'iputils': 'iputils-ping',
  'procps-ng': 'procps', procps: 'procps', 'net-tools': 'net-tools', 'openssh': 'openssh-client', 'ttf-dejavu': 'fonts-dejavu-core', fontconfig: 'fontconfig',
  // Alpine splits or names these differently (ip6tables is iptables' IPv6 half, shadow-uidmap Debian's uidmap, libcap the setcap/getcap tools).
  ip6tables: 'iptables', 'shadow-uidmap': 'uidmap', 'linux-pam': 'libpam-modules', 'linux-pam-dev': 'libpam0g-dev', libcap: 'libcap2-bin', 'libcap-utils': 'libcap2-bin',
  'util-linux-misc': 'util-linux', sqlite: 'sqlite3', protoc: 'protobuf-compiler', pkgconfig: 'pkgconf', 'openssh-server-pam': 'openssh-server', cfssl: 'golang-cfssl',
  'openssl-libs-static': 'libssl-dev',
};

/** RPM names whose Debian counterpart has another name ("a b": several). */
export const RPM_TO_DEB: Record<string, string> = {
  'gcc-c++': 'g++', 'openssl-devel': 'libssl-dev', 'zlib-devel': 'zlib1g-dev', 'python3-devel': 'python3-dev', 'libffi-devel': 'libffi-dev', 'bzip2-devel': 'libbz2-dev',
  'xz-devel': 'liblzma-dev', 'readline-devel': 'libreadline-dev', 'sqlite-devel': 'libsqlite3-dev', 'ncurses-devel': 'libncurses-dev', 'libcurl-devel': 'libcurl4-openssl-dev',
  'postgresql-devel': 'libpq-dev', 'libpq-devel': 'libpq-dev', 'mysql-devel': 'libmariadb-dev', 'mariadb-devel': 'libmariadb-dev', 'glibc-devel': 'libc6-dev',
  'java-17-openjdk-headless': 'openjdk-17-jre-headless', 'java-17-openjdk-devel': 'openjdk-17-jdk-headless', 'java-17-openjdk': 'openjdk-17-jre-headless',
  'java-21-openjdk-headless': 'openjdk-17-jre-headless', 'java-21-openjdk-devel': 'openjdk-17-jdk-headless', golang: 'golang-go', httpd: 'apache2', 'procps-ng': 'procps',
  'shadow-utils': 'passwd', which: 'debianutils', 'iputils': 'iputils-ping', 'bind-utils': 'dnsutils', 'openssh-clients': 'openssh-client', 'python3-pip': 'python3-pip',
  '@development-tools': 'build-essential autoconf automake libtool pkg-config gettext bison flex', 'development tools': 'build-essential autoconf automake libtool pkg-config gettext bison flex',
  shadow: 'passwd', freetype: 'libfreetype6', 'redhat-rpm-config': 'dpkg-dev', 'nodejs': 'nodejs', 'npm': 'npm', 'git': 'git', 'tar': 'tar', 'gzip': 'gzip', 'unzip': 'unzip', 'findutils': 'findutils', 'make': 'make', 'gcc': 'gcc',
};
