// The estimator's mechanisms added for accuracy and honest ranges: runtime libraries kept when
// build dependencies go, Debian recommends, known source builds (stripped or not), commands in
// eval / sh -c and xx- wrappers, parts of unpacked archives, uncertainties added in quadrature,
// and the lens title on a base image the table does not know.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { resolveSizeLens, resolveSizeLensCommand } from '../../../server/src/core/features/sizeLens';
import { estimateStages } from '../../../server/src/core/sizes/estimator';
import { normalizePath } from '../../../server/src/core/sizes/ledger';
import type { SizeIO } from '../../../server/src/core/sizes/types';
import { MB, RangeSum, formatEstimate } from '../../../server/src/core/sizes/units';

const io: SizeIO = { contextSize: () => ({ bytes: 10_000, files: 3 }) };
const est = (text: string) => estimateStages(parseDockerfile(text), { io });
const run = (text: string) => est(text)[0].layers.find((l) => l.instruction === 'RUN')!;

test('a purge after apt-mark auto keeps the runtime libraries of the -dev packages, not the build tools', () => {
  const purged = run(`FROM debian:bookworm-slim\nRUN savedAptMark="$(apt-mark showmanual)"; apt-get update; apt-get install -y --no-install-recommends gcc make libssl-dev; apt-mark auto '.*' > /dev/null; apt-mark manual $savedAptMark; apt-get purge -y --auto-remove; rm -rf /var/lib/apt/lists/*\n`);
  assert.match(purged.note, /runtime libraries the build links to/);
  // libssl3 (about 6 MB) stays; gcc (tens of MB) does not.
  assert.ok(purged.bytes > 4 * MB && purged.bytes < 9 * MB, `${purged.bytes}`);
});

test('apk run-deps computed with scanelf keep the runtime libraries when the virtual build group is deleted', () => {
  const text = `FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc make libevent-dev; runDeps="$(scanelf --needed --nobanner -R /usr/local | awk '{print}')"; apk add --no-network --virtual .run-deps $runDeps; apk del --no-network .build-deps\n`;
  const layer = run(text);
  assert.match(layer.note, /runtime libraries/);
  assert.ok(layer.bytes < 10 * MB, `${layer.bytes}`);
  assert.doesNotMatch(layer.note, /apk index cache/);
});

test('apt installs what packages recommend unless told --no-install-recommends', () => {
  const bare = run('FROM debian:bookworm\nRUN apt-get install -y --no-install-recommends python3-pip\n');
  const recommends = run('FROM debian:bookworm\nRUN apt-get install -y python3-pip\n');
  // python3-pip recommends build-essential and python3-dev.
  assert.ok(recommends.bytes > bare.bytes + 100 * MB, `${bare.bytes} -> ${recommends.bytes}`);
});

test('make install of a known source project: the Debian-sized install, larger when built with -g and not stripped', () => {
  const build = (strip: string) => `FROM debian:bookworm-slim\nRUN wget -O redis.tar.gz http://download.redis.io/releases/redis-7.2.5.tar.gz && mkdir -p /usr/src/redis && tar -xzf redis.tar.gz -C /usr/src/redis --strip-components=1 && rm redis.tar.gz && make -C /usr/src/redis && make -C /usr/src/redis install${strip} && rm -r /usr/src/redis\n`;
  const debug = run(build(''));
  const stripped = run(build(' && strip /usr/local/bin/redis-server'));
  assert.match(debug.note, /Redis, not stripped/);
  assert.ok(debug.bytes > 20 * MB && debug.bytes < 35 * MB, `${debug.bytes}`);
  assert.ok(stripped.bytes < debug.bytes / 2, `${stripped.bytes}`);
});

test('commands inside eval and sh -c are read; xx-go builds like go', () => {
  const evaled = run(`FROM debian:bookworm-slim\nRUN wget -O h.tar.gz https://www.haproxy.org/download/3.2/src/haproxy-3.2.6.tar.gz && mkdir -p /usr/src/haproxy && tar -xzf h.tar.gz -C /usr/src/haproxy --strip-components=1 && eval "make -C /usr/src/haproxy all" && eval "make -C /usr/src/haproxy install-bin" && rm -rf /usr/src/haproxy h.tar.gz\n`);
  assert.match(evaled.note, /make install into \/usr\/local/);
  const shc = run('FROM golang:1.22\nRUN sh -c "go build -o /app ."\n');
  assert.match(shc.note, /go build/);
  const xx = run('FROM golang:1.22\nRUN xx-go build -o /app .\n');
  assert.match(xx.note, /go build: binary/);
});

test('a file named inside an unpacked archive is a part of it, the archive top directory all of it', () => {
  const [, part] = est('FROM alpine:3.20 AS get\nWORKDIR /opt/cni/bin\nRUN wget -qO- https://example.com/plugins.tgz | tar xz\nFROM scratch\nCOPY --from=get /opt/cni/bin/bridge /bridge\n');
  const [, whole] = est('FROM alpine:3.20 AS get\nRUN wget -O go.tgz https://dl.google.com/go/go1.22.9.linux-amd64.tar.gz && tar -C /usr/local -xzf go.tgz && rm go.tgz\nFROM scratch\nCOPY --from=get /usr/local/go /usr/local/go\n');
  assert.ok(part.bytes < 10 * MB, `part ${part.bytes}`);
  assert.ok(whole.bytes > 150 * MB, `whole ${whole.bytes}`);
});

test('independent uncertainties add in quadrature; ranges of ordinary builds stay readable', () => {
  const sum = new RangeSum();
  for (let k = 0; k < 4; k++) sum.add({ bytes: 10 * MB, low: 5 * MB, high: 20 * MB });
  assert.equal(sum.range.bytes, 40 * MB);
  assert.equal(sum.range.low, 30 * MB);
  assert.equal(sum.range.high, 60 * MB);
  const [builder, final] = est('FROM golang:1.22-alpine AS b\nWORKDIR /src\nCOPY . .\nRUN go mod download\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM scratch\nCOPY --from=b /out/app /app\n');
  assert.ok(builder.high / builder.low < 2.5, `builder ${formatEstimate(builder)}`);
  assert.ok(final.high / final.low < 3.5, `final ${formatEstimate(final)}`);
  assert.equal(formatEstimate({ bytes: 50_000, low: 250, high: 3 * MB }), '≈ 50 KB (up to 3 MB)');
});

test('issue 22: one number on the lens, what the stage adds on an unknown base, unknowns named; the range in the tooltip', () => {
  const model = parseDockerfile('FROM example.com/team/tool:1.0 AS t\nFROM example.com/team/base:2\nRUN apk add --no-cache curl\nFROM alpine:3.20 AS g\nRUN ./install.sh --prefix /opt\n');
  assert.match(resolveSizeLens(model, 0, 'uncompressed', { io }), /^t · example\.com\/team\/tool:1\.0 \(size unknown\) · /);
  assert.match(resolveSizeLens(model, 1, 'uncompressed', { io }), /^stage 1 · ≈ [\d.]+ MB on top of example\.com\/team\/base:2 \(size unknown\) · /);
  const g = resolveSizeLensCommand(model, 2, 'uncompressed', { io })!;
  assert.match(g.title, /^≈ [\d.]+ MB \+ \.\/install\.sh --prefix \/opt \(size unknown\) · final image$/);
  assert.doesNotMatch(g.title, /–/, 'no range on the lens');
  assert.match(g.tooltip, /^Estimated [\d.]+( MB)?–[\d.]+ MB, most likely ≈ [\d.]+ MB\.\nGuessed or not sized: \.\/install\.sh --prefix \/opt\.\nClick for the breakdown\.$/);
});

test('paths already normal are kept as they are; others are normalized', () => {
  const cases: [string, string][] = [['/', '/'], ['/a', '/a'], ['/a/', '/a'], ['/a//b', '/a/b'], ['/a/./b', '/a/b'], ['/a/../b', '/b'], ['/.a', '/.a'], ['/a/..b', '/a/..b'], ['a/b', '/w/a/b'], ['/..', '/']];
  for (const [p, want] of cases) assert.equal(normalizePath(p, '/w'), want, p);
});
