#!/usr/bin/env node
// Builds data/deb-packages.json: Debian 12 (bookworm, amd64) Installed-Size and first-alternative
// dependencies for the closure of packages commonly installed in Dockerfiles, plus the named
// package sets that base images already contain (so an install can subtract them).
// Input: `apt-cache dumpavail` of the bookworm main lists (run `apt-get update` first) and the
// shared table ../shared/data/deb-bookworm-packages.json. Output keys are short to keep the bundle
// small: p = {name: [installedKiB, "dep dep ...", "recommended ..."]}, v = virtual -> provider,
// s = package sets. Recommends matter: apt installs them unless told --no-install-recommends.
// Usage: node data/tools/build-deb.mjs
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const shared = JSON.parse(readFileSync(join(root, '..', '..', 'shared', 'data', 'deb-bookworm-packages.json'), 'utf8'));
const avail = execFileSync('apt-cache', ['dumpavail'], { maxBuffer: 1 << 30 }).toString();

const all = new Map();
const provides = new Map();
for (const block of avail.split('\n\n')) {
  const f = {};
  let key = '';
  for (const line of block.split('\n')) {
    if (line.startsWith(' ')) { if (key) f[key] += line; continue; }
    const c = line.indexOf(':');
    if (c < 0) continue;
    key = line.slice(0, c);
    f[key] = line.slice(c + 1).trim();
  }
  if (!f.Package || (f.Architecture !== 'amd64' && f.Architecture !== 'all')) continue;
  const list = (text) => (text || '').split(',').map((d) => d.split('|').map((a) => a.trim().split(/[\s(:]/)[0]).filter(Boolean)).filter((a) => a.length);
  const deps = list([f['Pre-Depends'], f.Depends].filter(Boolean).join(','));
  const recs = list(f.Recommends);
  const prev = all.get(f.Package);
  if (prev) continue;
  all.set(f.Package, { size: Number(f['Installed-Size'] || 0), deps, recs, prio: f.Priority, ess: f.Essential === 'yes' });
  for (const p of (f.Provides || '').split(',')) {
    const name = p.trim().split(/[\s(]/)[0];
    if (name && !provides.has(name)) provides.set(name, f.Package);
  }
}
for (const [v, p] of Object.entries(shared.virtual_provides)) if (!provides.has(v)) provides.set(v, p);
provides.set('awk', 'mawk');

const resolve1 = (n) => (all.has(n) ? n : provides.get(n));
// A dependency is a list of alternatives: take one of priority required if any (what a base image has), else the first.
const resolve = (alts) => {
  if (typeof alts === 'string') return resolve1(alts);
  const names = alts.map(resolve1).filter(Boolean);
  if (names.includes('usr-is-merged')) return 'usr-is-merged'; // images are built with a merged /usr
  return names.find((n) => all.get(n)?.prio === 'required') ?? names[0];
};
function closure(roots, into = new Set(), withRecommends = false) {
  const stack = roots.map(resolve).filter(Boolean);
  while (stack.length) {
    const n = stack.pop();
    if (into.has(n)) continue;
    into.add(n);
    const v = all.get(n);
    for (const d of [...(v?.deps ?? []), ...(withRecommends ? v?.recs ?? [] : [])]) { const r = resolve(d); if (r && !into.has(r)) stack.push(r); }
  }
  return into;
}

// Package sets of base images (docker-library Dockerfiles: debian, buildpack-deps, python/node slim).
provides.set('awk', 'mawk');
const required = [...all].filter(([k, v]) => v.prio === 'required' && k !== 'usrmerge').map(([k]) => k);
const sets = {};
sets.base = closure([...required, 'apt', 'ca-certificates']).size ? [...closure([...required, 'apt'])] : [];
const curl = ['ca-certificates', 'curl', 'gnupg', 'netbase', 'sq', 'wget'];
const scm = ['git', 'mercurial', 'openssh-client', 'subversion', 'procps'];
const full = ['autoconf', 'automake', 'bzip2', 'default-libmysqlclient-dev', 'dpkg-dev', 'file', 'g++', 'gcc', 'imagemagick', 'libbz2-dev', 'libc6-dev', 'libcurl4-openssl-dev', 'libdb-dev', 'libevent-dev', 'libffi-dev', 'libgdbm-dev', 'libglib2.0-dev', 'libgmp-dev', 'libjpeg-dev', 'libkrb5-dev', 'liblzma-dev', 'libmagickcore-dev', 'libmagickwand-dev', 'libmaxminddb-dev', 'libncurses5-dev', 'libncursesw5-dev', 'libpng-dev', 'libpq-dev', 'libreadline-dev', 'libsqlite3-dev', 'libssl-dev', 'libtool', 'libwebp-dev', 'libxml2-dev', 'libxslt-dev', 'libyaml-dev', 'make', 'patch', 'unzip', 'xz-utils', 'zlib1g-dev'];
sets.curl = [...closure([...sets.base, ...curl])];
sets.scm = [...closure([...sets.curl, ...scm])];
sets.full = [...closure([...sets.scm, ...full])];
sets.slim = [...closure([...sets.base, 'ca-certificates', 'netbase', 'tzdata'])];
sets.gobuild = [...closure([...sets.scm, 'g++', 'gcc', 'libc6-dev', 'make', 'pkg-config'])];
sets.rust = [...closure([...sets.base, 'ca-certificates', 'gcc', 'libc6-dev', 'wget'])];

const extraRoots = [
  ...full, ...curl, ...scm, 'build-essential', 'cmake', 'ninja-build', 'clang', 'llvm', 'lld', 'python3-full', 'python3-setuptools', 'python3-wheel',
  'python3-numpy', 'nodejs', 'npm', 'yarnpkg', 'golang-go', 'rustc', 'cargo', 'openjdk-17-jdk-headless', 'openjdk-17-jre-headless', 'maven', 'gradle',
  'ruby-full', 'php-cli', 'php-fpm', 'php-mysql', 'php-pgsql', 'php-curl', 'php-xml', 'php-mbstring', 'php-zip', 'php-gd', 'php-intl', 'composer',
  'libpq5', 'libssl3', 'libffi8', 'libjpeg62-turbo', 'libpng16-16', 'libxml2', 'libzip-dev', 'libonig-dev', 'libicu-dev', 'libfreetype6-dev',
  'libjpeg62-turbo-dev', 'libmariadb-dev', 'libmariadb-dev-compat', 'mariadb-client', 'postgresql', 'postgresql-client', 'redis-server', 'sqlite3',
  'nginx', 'apache2', 'supervisor', 'cron', 'rsync', 'openssh-server', 'htop', 'vim', 'nano', 'less', 'jq', 'zip', 'unzip', 'p7zip-full',
  'ffmpeg', 'imagemagick', 'ghostscript', 'poppler-utils', 'tesseract-ocr', 'fonts-liberation', 'chromium', 'firefox-esr', 'xvfb', 'libgl1',
  'libglib2.0-0', 'libsm6', 'libxext6', 'libxrender1', 'libnss3', 'libgbm1', 'libasound2', 'libgtk-3-0', 'locales', 'tzdata', 'tini', 'gosu',
  'dumb-init', 'iputils-ping', 'dnsutils', 'net-tools', 'iproute2', 'netcat-openbsd', 'telnet', 'traceroute', 'sudo', 'gnupg2', 'dirmngr',
  'apt-transport-https', 'software-properties-common', 'lsb-release', 'gettext', 'git-lfs', 'gcc-multilib', 'gfortran', 'libopenblas-dev',
  'liblapack-dev', 'libgomp1', 'libstdc++6', 'libc6', 'musl-tools', 'upx-ucl', 'strace', 'gdb', 'valgrind', 'protobuf-compiler', 'pkgconf',
  'python3-venv', 'python3-dev', 'python3-pip', 'pipx', 'default-jre-headless', 'default-jdk-headless', 'ant', 'awscli', 'docker.io',
  'libsqlite3-0', 'libcurl4', 'libevent-2.1-7', 'libyaml-0-2', 'libgdbm6', 'libreadline8', 'libncursesw6', 'libbz2-1.0', 'liblzma5', 'zlib1g',
  'texinfo', 'bison', 'flex', 'm4', 'gawk', 'bc', 'xz-utils', 'zstd', 'lz4', 'pigz', 'ca-certificates-java', 'fontconfig', 'fonts-dejavu-core',
  'libvips-dev', 'libvips42', 'graphicsmagick', 'wkhtmltopdf', 'pandoc', 'r-base', 'perl', 'libdbi-perl', 'cpanminus', 'lua5.4', 'tcl', 'erlang',
  'elixir', 'ghc', 'mono-runtime', 'dotnet-host', 'openjdk-17-jdk', 'unixodbc-dev', 'freetds-dev', 'libldap2-dev', 'libsasl2-dev', 'swig',
];
const keep = closure([...shared.requested_roots, ...Object.keys(shared.packages), ...extraRoots]);
// What the roots recommend, for installs without --no-install-recommends (the roots' own closure
// with recommends; packages that only the added ones recommend are left out to keep the table small).
const recommended = closure([...shared.requested_roots, ...extraRoots], new Set(), true);
for (const n of recommended) keep.add(n);
for (const s of Object.values(sets)) for (const n of s) keep.add(n);

const p = {};
for (const n of [...keep].sort()) {
  const v = all.get(n);
  if (!v) continue;
  const deps = [...new Set(v.deps.map(resolve).filter((d) => d && d !== n))];
  const recs = [...new Set(v.recs.map(resolve).filter((d) => d && d !== n && keep.has(d) && !deps.includes(d)))];
  p[n] = recs.length ? [v.size, deps.join(' '), recs.join(' ')] : deps.length ? [v.size, deps.join(' ')] : [v.size];
}
const virt = {};
const referenced = new Set();
for (const n of keep) for (const d of all.get(n)?.deps ?? []) for (const a of d) referenced.add(a);
for (const [v, target] of provides) if (keep.has(target) && !all.has(v) && referenced.has(v)) virt[v] = target;
const out = {
  src: 'apt-cache dumpavail, Debian 12 bookworm main amd64 (deb.debian.org lists), ' + new Date().toISOString().slice(0, 10) + '; Installed-Size KiB incl. docs',
  p, v: virt,
  s: Object.fromEntries(Object.entries(sets).map(([k, v]) => [k, v.filter((n) => p[n]).sort().join(' ')])),
};
writeFileSync(join(root, 'data', 'deb-packages.json'), JSON.stringify(out));
console.log(`packages ${Object.keys(p).length}, virtual ${Object.keys(virt).length}, bytes ${JSON.stringify(out).length}`);
for (const [k, v] of Object.entries(sets)) console.log(k, v.length, Math.round(v.reduce((a, n) => a + (all.get(n)?.size ?? 0), 0) / 1024), 'MiB');
