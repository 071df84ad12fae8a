// The real-Dockerfile size data set (test/fixtures/sizes-real) is well-formed: every file has its
// headers, sizes parse, splits follow the README's rule, no held-out family appears, and every file
// still parses as a Dockerfile. It says nothing about the estimator's accuracy (npm run sizes:accuracy).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { parseSize } from '../../../server/src/core/sizes/units';
import { HELD_OUT, REAL_DIR, REQUIRED, TUNED, realContextDir, realEntries, splitFor } from '../../helpers/sizesReal';

const entries = realEntries();

test('sizes-real: every file has the headers, a size and a split by the rule', () => {
  assert.ok(entries.length > 0);
  for (const e of entries) {
    for (const key of REQUIRED) assert.ok(e.head.get(key), `${e.file}: # ${key}:`);
    const real = parseSize(e.head.get('size-real')!);
    assert.ok(real !== undefined && real > 0, `${e.file}: size-real parses`);
    const family = e.head.get('size-family')!;
    assert.equal(e.head.get('size-split'), splitFor(family), `${e.file}: split of ${family}`);
    assert.match(e.head.get('size-kind')!, /^(official|example)$/, `${e.file}: size-kind`);
    assert.match(e.head.get('size-match')!, /^(exact|approximate)\b/, `${e.file}: size-match`);
    if (e.head.get('size-kind') === 'official') assert.match(e.head.get('size-source')!, /^docker-library\/repo-info@[0-9a-f]{7,40} repos\//, `${e.file}: repo-info source`);
    assert.match(e.head.get('dockerfile-source')!, /^\S+@[0-9a-f]{7,40} \S|^https?:\/\/\S+/, `${e.file}: dockerfile-source names a commit or a URL`);
    assert.ok(!e.head.has('size-base-known') || /^(no|nearest)\b/.test(e.head.get('size-base-known')!), `${e.file}: size-base-known is "no" or "nearest ..."`);
  }
});

test('sizes-real: no held-out family, and validation holds no tuned family', () => {
  for (const e of entries) {
    const family = e.head.get('size-family')!;
    assert.ok(!HELD_OUT.includes(family), `${e.file}: ${family} is held out`);
    assert.ok(!HELD_OUT.some((h) => new RegExp(`^${h}-[0-9]`).test(e.file)), `${e.file}: named after a held-out family`);
    if (e.head.get('size-split') === 'validation') assert.ok(!TUNED.includes(family), `${e.file}: tuned family in validation`);
  }
});

test('sizes-real: files parse as Dockerfiles with at least one stage', () => {
  for (const e of entries) assert.ok(parseDockerfile(e.text).stages.length > 0, e.file);
});

test('sizes-real: the README lists every file under its split', () => {
  const readme = readFileSync(join(REAL_DIR, 'README.md'), 'utf8');
  for (const e of entries) {
    const name = e.file.replace(/\.Dockerfile$/, '');
    const line = readme.split('\n').find((l) => l.includes(`\`${name}\``));
    assert.ok(line, `README lists ${name}`);
    assert.ok(line!.includes(e.head.get('size-split')!), `README line of ${name} names its split`);
  }
});

/** Files under a folder, recursively, with their sizes. */
function filesUnder(dir: string): { rel: string; size: number }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => {
      const full = join(d.parentPath, d.name);
      return { rel: full.slice(dir.length + 1), size: statSync(full).size };
    });
}

test('sizes-real: a named build context exists, is not empty, and its top folder has a README', () => {
  const named = new Set<string>();
  for (const e of entries) {
    const dir = realContextDir(e);
    if (!dir) continue;
    const folder = e.head.get('size-context')!;
    assert.ok(!folder.split('/').includes('..'), `${e.file}: size-context stays under context/`);
    assert.ok(existsSync(dir) && statSync(dir).isDirectory(), `${e.file}: context/${folder} exists`);
    assert.ok(filesUnder(dir).some((f) => f.rel !== 'README'), `${e.file}: context/${folder} is not empty`);
    named.add(folder.split('/')[0]);
  }
  assert.ok(named.size > 0);
  const top = readdirSync(join(REAL_DIR, 'context'));
  for (const folder of top) {
    assert.ok(named.has(folder), `context/${folder} is named by some file`);
    const files = filesUnder(join(REAL_DIR, 'context', folder));
    assert.ok(files.some((f) => f.rel === 'README'), `context/${folder}/README says where each file comes from`);
    assert.ok(files.reduce((n, f) => n + f.size, 0) <= 200_000, `context/${folder} stays under 200 KB`);
  }
});

test('sizes-real: no build context belongs to a held-out family', () => {
  for (const folder of readdirSync(join(REAL_DIR, 'context'))) {
    assert.ok(!HELD_OUT.some((h) => folder === h || folder.startsWith(`${h}-`)), `context/${folder} is named after a held-out family`);
  }
  for (const e of entries) if (e.head.has('size-context')) assert.ok(!HELD_OUT.includes(e.head.get('size-family')!), `${e.file}: held-out family with a context`);
});
