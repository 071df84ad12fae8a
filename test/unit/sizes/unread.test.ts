// What the estimator cannot read is named, never silently priced (issue 22): an installer no
// handler knows (`ghost install`, `./build.sh`, `sdk install java`) is listed among the stage's
// unknowns with a range that allows for it; everyday commands (useradd, sed, ln) are not. Wrappers
// that run a command as another user are seen through.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { estimateStages } from '../../../server/src/core/sizes/estimator';
import { MB } from '../../../server/src/core/sizes/units';

const final = (text: string) => estimateStages(parseDockerfile(text)).find((e) => e.final)!;

test('an installer no handler reads is named, and the range allows for it', () => {
  const e = final('FROM node:18-alpine\nRUN su-exec node ghost install 4.48.2 --db sqlite3 --no-prompt && ./build.sh all\n');
  assert.deepEqual(e.unknowns, ['ghost install 4.48.2', './build.sh all']);
  assert.ok(e.high > e.bytes + 200 * MB, `${e.bytes} ${e.high}`);
});

test('everyday commands are not unknowns', () => {
  const e = final("FROM debian:bookworm-slim\nRUN useradd -m app && sed -i 's/a/b/' /etc/x && ln -s /a /b && echo ok > /tmp/x && update-ca-certificates\n");
  assert.deepEqual(e.unknowns, []);
});

test('gosu, su-exec, runuser and su -c run the command they wrap', () => {
  const e = final('FROM node:18-bookworm-slim\nRUN gosu node npm install -g typescript@5 && su node -c "npm install -g pnpm" && runuser -u node -- npm install -g yarn\n');
  const run = e.layers.find((l) => l.instruction === 'RUN')!;
  assert.match(run.note, /npm install -g/);
  assert.deepEqual(e.unknowns, []);
});

test('apt-get dist-clean (apt 2.7.8+) removes the lists apt-get update fetched, as rm -rf /var/lib/apt/lists/* does', () => {
  const lists = (clean: string) => final(`FROM debian:trixie-slim\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && ${clean}\n`).layers.find((l) => l.instruction === 'RUN')!;
  assert.doesNotMatch(lists('apt-get dist-clean').note, /apt lists/);
  assert.match(lists('apt-get clean').note, /apt lists/);
});
