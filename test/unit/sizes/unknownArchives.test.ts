// An archive no table knows, unpacked whole: kept to the end of its RUN it is sized as an
// application distribution (the fitted guess, docs/SIZES-ACCURACY.md "Unknown archives"); a tree
// the same RUN builds from and deletes keeps the small source-tree guess for what it leaves behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { estimateStages } from '../../../server/src/core/sizes/estimator';
import { MB } from '../../../server/src/core/sizes/units';
import { UNKNOWN_DISTRIBUTION } from '../../../server/src/core/sizes/toolchains/unpack';

const runLayers = (text: string) => estimateStages(parseDockerfile(text)).find((e) => e.final)!.layers.filter((l) => l.instruction === 'RUN');

test('an unknown application archive unpacked into /opt and kept is sized as a distribution, and named', () => {
  const [layer] = runLayers(`FROM debian:bookworm-slim
RUN curl -fsSL -o app.tar.gz https://downloads.example.org/acme-server/acme-server-4.2.1-bin.tar.gz \\
 && mkdir -p /opt/acme && tar -xzf app.tar.gz -C /opt/acme --strip-components=1 \\
 && rm app.tar.gz
`);
  assert.ok(layer.bytes >= 0.9 * UNKNOWN_DISTRIBUTION.bytes, `${layer.bytes}: ${layer.note}`);
  assert.match(layer.note, /kept/);
  assert.ok(layer.high >= 5 * layer.bytes, 'the range says it is a guess');
  const stage = estimateStages(parseDockerfile(`FROM debian:bookworm-slim
RUN curl -fsSL -o app.tar.gz https://downloads.example.org/acme-server/acme-server-4.2.1-bin.tar.gz && tar -xzf app.tar.gz -C /opt && rm app.tar.gz
`)).find((e) => e.final)!;
  assert.ok(stage.unknowns.some((u) => u.includes('acme-server')), stage.unknowns.join('; '));
});

test('an unknown source tree built and deleted in the same RUN leaves only what the build installed', () => {
  const [layer] = runLayers(`FROM alpine:3.22
RUN apk add --no-cache --virtual .build gcc make musl-dev \\
 && wget -O /tmp/tool.tar.gz https://downloads.example.org/tool/tool-1.6.2.tar.gz \\
 && mkdir -p /build/tool && tar -xzf /tmp/tool.tar.gz -C /build/tool --strip-components=1 && rm /tmp/tool.tar.gz \\
 && make -C /build/tool && install -s -m755 /build/tool/tool /usr/local/bin/tool \\
 && apk del .build && rm -rf /build
`);
  assert.ok(layer.bytes < 30 * MB, `${layer.bytes}: ${layer.note}`);
});

test('a tool archive unpacked into a bin directory, and a tar pipe that copies files, are not application distributions', () => {
  const [tool] = runLayers(`FROM debian:bookworm-slim
RUN curl -fsSL -o t.tgz https://downloads.example.org/tool/v1.2.0/tool-linux-amd64.tgz && tar -xzf t.tgz -C /usr/local/bin && rm t.tgz
`);
  // A program's release (50 MB, platformRelease.test.ts), not the guess for an application distribution.
  assert.ok(tool.bytes < UNKNOWN_DISTRIBUTION.bytes, `${tool.bytes}: ${tool.note}`);
  assert.doesNotMatch(tool.note, /application distribution/);
  const [copy] = runLayers(`FROM debian:bookworm-slim
RUN mkdir -p /opt/out && cd /src && git ls-files | tar -cf - --files-from - | tar -C /opt/out -xf -
`);
  assert.ok(copy.bytes < 0.5 * UNKNOWN_DISTRIBUTION.bytes, `${copy.bytes}: ${copy.note}`);
});
