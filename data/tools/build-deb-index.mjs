#!/usr/bin/env node
// Builds data/deb-<suite>.json: EVERY package of Debian bullseye (11), bookworm (12) and trixie (13),
// main, amd64 (Architecture amd64 and all), with its Installed-Size, Depends + Pre-Depends (OR
// groups kept), Recommends, the virtual names it Provides, the Essential/Priority-required set, and
// the package sets of the base images built on that suite (server/src/core/sizes/debIndex.ts reads it).
//
// Source: the Debian archive's dists/<suite>/main/binary-amd64/Packages index, fetched with apt
// itself (signed InRelease checked) into a private state dir, so the machine's own apt is untouched:
//   apt-get -o Dir::Etc::sourcelist=F -o Dir::Etc::sourceparts=/nonexistent -o Dir::State::Lists=D update
// where F holds one "deb [arch=amd64] <mirror> <suite> main" line per suite, <mirror> being the
// Debian mirror the machine's apt already uses (bullseye is still served there beside bookworm and
// trixie). The index's own Date (InRelease) and the fetch date are written into each file.
// Licence note: only factual metadata of Debian's public Packages index is kept (names,
// Installed-Size, relations, Provides, Essential/Priority), no descriptions, maintainer fields or
// package contents; Debian publishes the index for everyone's use (Debian Social Contract).
// Fetched 2026-12-07: bullseye 11.11 (index dated 2025-08-09), bookworm 12.15 (2026-07-11),
// trixie 13.8 (2026-11-21); each file's `src` says so.
//
// Format (names interned as indexes, written in base 36; a few big strings rather than a string
// per package: they parse 2-3x faster, and a package's relations are decoded only when reached):
//   names: " a b ... "  real packages first (most depended-on first, so common deps get short
//          indexes), then virtual-only names; real, virtual = how many of each.
//   size:  Installed-Size in KiB per real package.
//   dep, rec: per real package ","-separated: groups separated by " ", OR-alternatives by "|"
//          (first = apt's pick).
//   prov:  per virtual-only name ","-separated: its providers ("|"-separated, Priority order).
//   req:   Essential: yes or Priority: required (in every Debian system).
//   sets:  base-image package sets (see SETS below), as index lists.
// Usage: node --import tsx data/tools/build-deb-index.mjs [--lists DIR | --measure]
//   without --lists it runs the apt-get update above into a temporary directory (needs root and the mirror);
//   --measure only prints each shipped file's size and load time (fresh processes).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DebIndex } from '../../server/src/core/sizes/debIndex.ts';
import { encodeSuite, parsePackages } from './debPackages.ts';
import { SETS } from './imageSets.mjs';

const root = join(import.meta.dirname, '..', '..');
const SUITES = { bullseye: '11', bookworm: '12', trixie: '13' };
// The Debian mirror the machine's own apt uses for its bookworm lists (or DEB_MIRROR).
const mirror = () => process.env.DEB_MIRROR ?? execFileSync('apt-get', ['indextargets', '--format', '$(REPO_URI)', 'Release: bookworm', 'Created-By: Packages'], { encoding: 'utf8' }).split('\n')[0].replace(/\/$/, '');
const imageSets = JSON.parse(readFileSync(join(process.env.SHARED_DIR ?? join(root, '..', 'shared'), 'data', 'image-package-sets.json'), 'utf8'));

function fetchLists() {
  const dir = mkdtempSync(join(tmpdir(), 'deb-index-'));
  mkdirSync(join(dir, 'lists', 'partial'), { recursive: true });
  mkdirSync(join(dir, 'cache', 'archives', 'partial'), { recursive: true });
  const uri = mirror();
  const sources = Object.keys(SUITES).map((s) => `deb [arch=amd64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] ${uri} ${s} main\n`).join('');
  writeFileSync(join(dir, 'sources.list'), sources);
  const o = (k, v) => ['-o', `${k}=${v}`];
  execFileSync('apt-get', [...o('Dir::Etc::sourcelist', join(dir, 'sources.list')), ...o('Dir::Etc::sourceparts', '/nonexistent'), ...o('Dir::State::Lists', join(dir, 'lists')),
    ...o('Dir::Cache', join(dir, 'cache')), ...o('Acquire::GzipIndexes', 'false'), ...o('Acquire::Languages', 'none'), ...o('APT::Sandbox::User', 'root'), 'update'], { stdio: 'inherit' });
  return join(dir, 'lists');
}

function readSuite(listsDir, suite) {
  const file = readdirSync(listsDir).find((f) => f.endsWith(`_dists_${suite}_main_binary-amd64_Packages`));
  const release = readFileSync(join(listsDir, readdirSync(listsDir).find((f) => f.endsWith(`_dists_${suite}_InRelease`))), 'utf8');
  // A suite may hold two versions of a package (linux-doc): apt takes the newer.
  const pkgs = parsePackages(readFileSync(join(listsDir, file), 'utf8'), dpkgGreater);
  const date = release.match(/^Date: (.*)$/m)?.[1];
  const version = release.match(/^Version: (.*)$/m)?.[1];
  const src = `Debian ${SUITES[suite]} (${suite}${version ? ' ' + version : ''}) main amd64 Packages index, dated ${date}; fetched ${new Date().toISOString().slice(0, 10)}`;
  return { pkgs, date, src };
}

function dpkgGreater(a, b) {
  try {
    execFileSync('dpkg', ['--compare-versions', a, 'gt', b]);
    return true;
  } catch {
    return false;
  }
}

// Package sets of base images built on each suite: base is the real debian:<suite>-slim list where
// one was recorded (image-package-sets.json), else the closure of the required packages and apt;
// the others follow the recipes of imageSets.mjs.
// Which images read each suite besides Debian's own (server/src/core/sizes/debSuites.ts).
const ALSO = {
  bullseye: 'Debian buster and older; Ubuntu up to 21.04 (focal 20.04, and bionic 18.04 and older for want of buster)',
  bookworm: 'Ubuntu 21.10 to 23.04 (jammy 22.04); images whose suite is unknown',
  trixie: 'Debian forky and sid; Ubuntu 23.10 on (noble 24.04, resolute 26.04)',
};

function note(suite, recordedBase) {
  return `Every package of the suite's main amd64 index (Architecture amd64 and all). Also read for ${ALSO[suite]}. Ubuntu's archive is not reachable where this is built, so an Ubuntu image is sized with the Debian suite of the same vintage (Ubuntu imports from Debian unstable about six months before it releases); names only Ubuntu has are unknown. `
    + 'Relations keep OR groups (apt takes the first installable alternative); versions and arch qualifiers are dropped; Rust crate and Haskell ABI alias names (librust-*, libghc-*) point at their one provider and are not kept as names. '
    + (recordedBase ? `sets.base is debian:${suite}-slim's recorded package list (docker-library/repo-info, via image-package-sets.json)` : 'sets.base is computed: the Essential and Priority: required packages, usr-is-merged and apt, with their dependencies (no recorded list for this suite)')
    + '; the other sets add what the docker-library Dockerfiles install with --no-install-recommends (buildpack-deps curl/scm/full, python/node slim, golang, rust).';
}

function addSets(suite, data) {
  const idx = new DebIndex(data);
  const names = data.names.trim().split(' ');
  const at = new Map(names.map((n, i) => [n, i.toString(36)]));
  const recorded = imageSets.images.find((r) => r[0] === 'debian' && r[3] === 'dpkg' && r[4] === suite);
  let base;
  if (recorded) base = imageSets.sets[recorded[5]].filter((n) => at.has(n));
  // Images are built with a merged /usr: usr-is-merged, not the usrmerge converter (which pulls perl).
  else base = idx.install([...idx.required().filter((n) => n !== 'usrmerge'), 'usr-is-merged', 'apt'], { recommends: false }).added;
  if (recorded) {
    const missing = imageSets.sets[recorded[5]].filter((n) => !at.has(n));
    if (missing.length) console.log(`${suite}: recorded base names not in the index: ${missing.join(' ')}`);
  }
  const sets = { base: [...new Set(base)] };
  for (const [key, [parent, extra]] of Object.entries(SETS)) {
    const have = new Set(sets[parent]);
    const r = idx.install(extra, { installed: (n) => have.has(n), recommends: false });
    if (r.unknown.length) console.log(`${suite} ${key}: not in this suite: ${r.unknown.join(' ')}`);
    sets[key] = [...have, ...r.added];
  }
  for (const [k, v] of Object.entries(sets)) data.sets[k] = v.map((n) => at.get(n)).join(' ');
  data.note = note(suite, !!recorded);
  return sets;
}

/** Raw and gzipped size, and the median over 7 fresh processes of require + new DebIndex (what a server pays once per suite). */
function measure(suite) {
  const file = join(root, 'data', `deb-${suite}.json`);
  const text = readFileSync(file);
  const code = `const { DebIndex } = require(${JSON.stringify(join(root, 'server/src/core/sizes/debIndex.ts'))}); const t = performance.now(); new DebIndex(require(${JSON.stringify(file)})); process.stdout.write(String(performance.now() - t));`;
  const runs = Array.from({ length: 7 }, () => Number(execFileSync(process.execPath, ['--import', 'tsx', '-e', code], { encoding: 'utf8' }))).sort((a, b) => a - b);
  return `${text.length} bytes (${gzipSync(text).length} gzipped), load ${runs[3].toFixed(1)} ms median (${runs[0].toFixed(1)}-${runs[6].toFixed(1)})`;
}

if (process.argv.includes('--measure')) {
  for (const suite of Object.keys(SUITES)) console.log(`${suite}: ${measure(suite)}`);
  process.exit(0);
}

const listsArg = process.argv.indexOf('--lists');
const lists = listsArg > 0 ? process.argv[listsArg + 1] : fetchLists();
for (const suite of Object.keys(SUITES)) {
  const parsed = readSuite(lists, suite);
  const data = encodeSuite(suite, parsed.src, parsed.pkgs);
  const sets = addSets(suite, data);
  writeFileSync(join(root, 'data', `deb-${suite}.json`), JSON.stringify(data));
  console.log(`${suite}: ${data.real} packages, ${data.virtual} virtual; ${measure(suite)}; index dated ${parsed.date}`);
  console.log(`  sets: ${Object.entries(sets).map(([k, v]) => `${k} ${v.length} (${Math.round(v.reduce((a, n) => a + parsed.pkgs.get(n).size, 0) / 1024)} MiB)`).join(', ')}`);
}
