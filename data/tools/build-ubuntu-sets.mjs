#!/usr/bin/env node
// Builds data/ubuntu-sets.json: the package sets of Ubuntu base images, per release, in the names
// of the Debian suite that release is sized with (bullseye for focal 20.04, bookworm for jammy
// 22.04, trixie for noble 24.04; server/src/core/sizes/debSuites.ts). server/src/core/sizes/
// ubuntuSets.ts reads it, so an install on ubuntu:* or buildpack-deps:<codename>-curl does not count
// what the image already has.
//
// Source: ubuntu-image-packages.json, the dpkg lists of ubuntu:<version> and
// buildpack-deps:<codename>-curl from docker-library/repo-info (path, commit and Created date per image).
// Mapping, per Ubuntu binary name: the same name when the suite has that package; else with `t64`
// added or dropped (the 64-bit time_t renames: libssl3t64 in noble, libssl3 in bookworm); else the
// same library at the suite's nearest version (focal's libnettle7 -> bullseye's libnettle8); else
// unmapped (Ubuntu-only packages such as ubuntu-keyring), listed in the file.
// base and curl are the recorded lists; scm, full, slim, gobuild and rust are computed like Debian's
// (imageSets.mjs): the parent set plus the closure of what the docker-library Dockerfiles install.
// Usage: node --import tsx data/tools/build-ubuntu-sets.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DebIndex } from '../../server/src/core/sizes/debIndex.ts';
import { ubuntuSuite } from '../../server/src/core/sizes/debSuites.ts';
import { SETS } from './imageSets.mjs';

const root = join(import.meta.dirname, '..', '..');
const lists = JSON.parse(readFileSync(join(import.meta.dirname, 'ubuntu-image-packages.json'), 'utf8'));
const indexes = new Map();
const index = (suite) => indexes.get(suite) ?? indexes.set(suite, new DebIndex(JSON.parse(readFileSync(join(root, 'data', `deb-${suite}.json`), 'utf8')))).get(suite);

/** The suite's package for an Ubuntu binary name, and how it was found. */
function mapName(idx, name) {
  if (idx.sizeKiB(name) !== undefined) return [name, 'same'];
  const t64 = name.endsWith('t64') ? name.slice(0, -3) : name + 't64';
  if (idx.sizeKiB(t64) !== undefined) return [t64, 't64'];
  for (const n of [name, t64]) {
    const v = idx.nearestVersion(n);
    if (v) return [v, 'version'];
  }
  return [undefined, 'none'];
}

const releases = {};
for (const img of lists.images) {
  const suite = ubuntuSuite(img.version);
  const idx = index(suite);
  const r = (releases[img.release] ??= { version: img.version, suite, sources: {}, sets: {}, renamed: {}, unmapped: {} });
  const names = [];
  const unmapped = [];
  for (const n of img.packages.split(' ')) {
    const [to, how] = mapName(idx, n);
    if (!to) unmapped.push(n);
    else names.push(to);
    if (to && to !== n) r.renamed[n] = to;
  }
  r.sets[img.set] = [...new Set(names)];
  if (unmapped.length) r.unmapped[img.set] = unmapped;
  r.sources[img.set] = `${img.repo} ${img.path}@${img.commit.slice(0, 12)} (${img.image}, created ${img.created}, ${img.packages.split(' ').length} packages)`;
}

for (const [name, r] of Object.entries(releases)) {
  const idx = index(r.suite);
  for (const [key, [parent, extra]] of Object.entries(SETS)) {
    if (r.sets[key]) continue;
    const have = new Set(r.sets[parent]);
    const added = idx.install(extra, { installed: (n) => have.has(n), recommends: false });
    if (added.unknown.length) console.log(`${name} ${key}: not in ${r.suite}: ${added.unknown.join(' ')}`);
    r.sets[key] = [...have, ...added.added];
    r.sources[key] = `computed: ${parent} + ${extra.join(' ')} (closure in ${r.suite}, no recommends)`;
  }
  const kib = (set) => Math.round(set.reduce((a, n) => a + (idx.sizeKiB(n) ?? 0), 0) / 1024);
  console.log(`${name} (${r.version}, ${r.suite}): ${Object.entries(r.sets).map(([k, v]) => `${k} ${v.length} (${kib(v)} MiB)`).join(', ')}`);
  console.log(`  renamed: ${Object.entries(r.renamed).map(([a, b]) => `${a}->${b}`).join(' ') || '-'}`);
  console.log(`  unmapped: ${Object.entries(r.unmapped).map(([k, v]) => `${k}: ${v.join(' ')}`).join('; ') || '-'}`);
  for (const k of Object.keys(r.sets)) r.sets[k] = r.sets[k].join(' ');
}

const out = {
  src: 'docker-library/repo-info dpkg lists of ubuntu:<version> and buildpack-deps:<codename>-curl (data/tools/ubuntu-image-packages.json: path, commit, Created date per image), mapped to the names of the Debian suite each release is sized with; built ' + new Date().toISOString().slice(0, 10),
  note: 'sets.base and sets.curl are the images\' own lists; the other sets are computed like the Debian ones (data/tools/imageSets.mjs). renamed: Ubuntu name -> suite name (t64 rename or nearest version of the same library); unmapped: Ubuntu names the suite lacks (not counted as installed). A release without its own sets reads the nearest release sized with the same suite (server/src/core/sizes/ubuntuSets.ts).',
  releases,
};
writeFileSync(join(root, 'data', 'ubuntu-sets.json'), JSON.stringify(out));
console.log(`data/ubuntu-sets.json: ${JSON.stringify(out).length} bytes`);
