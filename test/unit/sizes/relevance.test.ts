// The size estimator parses a RUN script only when a word of it can change a layer's size
// (run.ts SIZE_WORDS): every program a handler reads must be in that list, or its commands would
// be skipped unseen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mayChangeSize, REPO_WRITERS, SIZE_WORDS } from '../../../server/src/core/sizes/run';

const SIZES = join(__dirname, '..', '..', '..', 'server', 'src', 'core', 'sizes');

/** Program names the handlers compare against: `case 'x':` and `p === 'x'`. */
function handled(): string[] {
  const files = [join(SIZES, 'packages.ts'), join(SIZES, 'run.ts'), ...readdirSync(join(SIZES, 'toolchains')).map((f) => join(SIZES, 'toolchains', f))];
  const names = new Set<string>();
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/case '([a-z0-9+._-]+)':/g)) names.add(m[1]);
    for (const m of text.matchAll(/\bp === '([a-z0-9+._-]+)'/g)) names.add(m[1]);
  }
  return [...names].filter((n) => n !== 'cd' && n !== '.');
}

test('every program a size handler reads is a size word', () => {
  assert.deepEqual(handled().filter((n) => !SIZE_WORDS.has(n) && !REPO_WRITERS.has(n)), []);
});

test('scripts without a size word are not parsed; any size word, xx- wrapper or installer name makes them parsed', () => {
  assert.equal(mayChangeSize('mkdir -p /opt/s1/bin && echo "stage 1" > /opt/s1/id && ls -la /prev'), false);
  assert.equal(mayChangeSize('echo "deb https://apt.example.com stable main" > /etc/apt/sources.list.d/x.list'), true, 'a repository written with echo');
  for (const s of ['apt-get install x', 'echo;rm -rf /x', 'xx-apk add gcc', './build.sh', 'ghost install', 'A=1 sh -c "x"', '/usr/bin/make']) assert.equal(mayChangeSize(s), true, s);
});
