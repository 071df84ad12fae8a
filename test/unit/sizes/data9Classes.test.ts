// Classes found on the calibration rows of the data9 round of official images (docs/SIZES-ACCURACY.md
// "Ninth round: official images (data9)"), each on a Dockerfile of its own: `make` in a Go project
// builds Go programs, and `cp a b /dir` puts each source at /dir/<name>.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { estimateStages } from '../../../server/src/core/sizes/estimator';
import { MB } from '../../../server/src/core/sizes/units';

const finalStage = (text: string) => estimateStages(parseDockerfile(text)).find((s) => s.final)!;
const copyOf = (text: string, path: string) => finalStage(text).layers.find((l) => l.instruction === 'COPY' && l.note.includes(path))!;

const goMake = (builder: string, prelude: string) => `FROM ${builder} AS build
RUN apk add --no-cache git make
WORKDIR /src/proxy
RUN set -eux; \\
	git clone --depth 1 https://example.org/acme/proxy.git .; \\
	${prelude} \\
	make ./out/proxyd; \\
	cp ./out/proxyd /usr/local/bin/proxyd
FROM alpine:3.20
COPY --from=build /usr/local/bin/proxyd /usr/local/bin/
`;

test('make in a Go project (golang image, or go ran before it) builds a Go program of ~9 MB, not 15% of the clone', () => {
  for (const [builder, prelude] of [
    ['golang:1.22-alpine3.19', 'true;'],
    ['alpine:3.19', 'apk add --no-cache go; go mod download;'],
  ]) {
    const copied = copyOf(goMake(builder, prelude), '/usr/local/bin/proxyd');
    assert.ok(copied.bytes >= 6 * MB && copied.bytes <= 14 * MB, `${builder}: ${copied.bytes} (${copied.note})`);
    assert.match(copied.note, /Go program/);
  }
  // Without Go in the stage, make is a C build: its binaries stay a fraction of the tree.
  const c = copyOf(goMake('alpine:3.19', 'apk add --no-cache gcc musl-dev;'), '/usr/local/bin/proxyd');
  assert.ok(c.bytes < 4 * MB, `${c.bytes} (${c.note})`);
});

test('cp of two built programs into / puts each at /<name>: COPY --from of one takes one', () => {
  const text = `FROM golang:1.22-alpine3.19 AS build
WORKDIR /src/notes
RUN git clone --depth 1 https://example.org/acme/notes.git . && \\
	make ./bin/notes-api ./bin/notes-worker && \\
	cp -vL ./bin/notes-api ./bin/notes-worker /
FROM alpine:3.20
COPY --from=build /notes-api /app/
`;
  const one = copyOf(text, '/notes-api');
  const both = copyOf(text.replace('COPY --from=build /notes-api /app/', 'COPY --from=build / /app/'), 'from stage build');
  assert.ok(one.bytes >= 6 * MB && one.bytes <= 14 * MB, `${one.bytes} (${one.note})`);
  assert.ok(both.bytes >= one.bytes * 1.8, `${both.bytes} vs ${one.bytes}`);
});
