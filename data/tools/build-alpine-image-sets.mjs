#!/usr/bin/env node
// Builds data/alpine-image-sets.json: the apk packages that official images built on Alpine ship
// (php, node, python, golang, nginx, postgres, redis), per image and Alpine branch, from
// ../shared/data/image-package-sets.json (the complete apk lists of docker-library/repo-info's
// repos/<image>/local/<tag>.md). server/src/core/sizes/tables.ts reads it, so `apk add curl` on
// php:*-alpine does not count what the image already has. Plain alpine rows are left out (its base
// list is derivedPackages.ts ALPINE_BASE).
// Usage: node data/tools/build-alpine-image-sets.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const shared = process.env.SHARED_DIR ?? join(root, '..', 'shared');
const src = JSON.parse(readFileSync(join(shared, 'data', 'image-package-sets.json'), 'utf8'));
const col = Object.fromEntries(src.columns.map((c, i) => [c, i]));

const images = {};
for (const row of src.images) {
  const image = row[col.image];
  if (row[col.pkg] !== 'apk' || image === 'alpine') continue;
  const branch = row[col.release];
  const names = src.sets[row[col.set]];
  // One list per image and branch: the longest when several tags share a branch.
  const byBranch = (images[image] ??= {});
  if (!byBranch[branch] || byBranch[branch].split(' ').length < names.length) byBranch[branch] = [...names].sort().join(' ');
}
const out = {
  src: 'docker-library/repo-info repos/<image>/local/<tag>.md apk lists, via shared/data/image-package-sets.json (' + src.asOf + ')',
  note: 'images: image -> Alpine branch -> space-separated apk package names the image ships (names only, no sizes)',
  images,
};
writeFileSync(join(root, 'data', 'alpine-image-sets.json'), JSON.stringify(out));
console.log(Object.entries(images).map(([i, b]) => `${i}: ${Object.keys(b).join(',')}`).join('; '));
