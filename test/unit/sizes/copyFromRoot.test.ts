// A relative COPY --from source is resolved from the root of the stage it names, not from that
// stage's WORKDIR (BuildKit joins it to "/"; docker init's Java template copies
// `build/target/extracted/...` out of a stage whose WORKDIR is /build).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { estimateStages } from '../../../server/src/core/sizes/estimator';
import { MB } from '../../../server/src/core/sizes/units';

const io = {
  contextSize: () => ({ bytes: 2_000, files: 2 }),
  contextText: (p: string) => (p === 'go.mod' ? 'module example.com/app\n\ngo 1.22\n' : undefined),
  contextGoImports: (d: string) => (d === '' || d === '.' ? ['net/http'] : undefined),
};

const text = (src: string) => `FROM golang:1.22-alpine AS build
WORKDIR /build
COPY . .
RUN go build -o out/server .
FROM scratch
COPY --from=build ${src} /server
`;

const copied = (src: string) => estimateStages(parseDockerfile(text(src)), { io })[1].layers.find((l) => l.instruction === 'COPY')!;

test('COPY --from=build build/out/server finds the program the build wrote at /build/out/server', () => {
  const layer = copied('build/out/server');
  assert.match(layer.note, /go build: binary/);
  assert.ok(layer.bytes >= 6 * MB, layer.note);
  assert.equal(copied('/build/out/server').bytes, layer.bytes, 'the same file as the absolute path');
});

test('COPY --from=build out/server is /out/server, which the build never wrote', () => {
  assert.doesNotMatch(copied('out/server').note, /go build: binary/);
});
