// The estimator's mechanisms on small Dockerfiles: what a builder stage pays and the final image
// does not, removals within and across layers, caches, COPY --from by path, package subtraction.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile, StageParser } from '../../../server/src/core/model/parse';
import { estimateStages, stageLayoutOf } from '../../../server/src/core/sizes/estimator';
import type { SizeIO } from '../../../server/src/core/sizes/types';
import { MB } from '../../../server/src/core/sizes/units';

const ctx: SizeIO = { contextSize: (s) => ({ bytes: s.includes('.') ? 2 * MB : 50_000, files: 10 }) };
const est = (text: string, io: SizeIO = ctx, target?: string) => estimateStages(parseDockerfile(text), { io, target });

test('a Go builder stays out of the final image; the final gets only the binary', () => {
  const [builder, final] = est('FROM golang:1.22-alpine AS builder\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=builder /out/app /app\n');
  assert.equal(builder.final, false);
  assert.equal(final.final, true);
  assert.ok(builder.bytes > 200 * MB, `builder ${builder.bytes}`);
  assert.ok(final.bytes > 1 * MB && final.bytes < 40 * MB, `final ${final.bytes}`);
  assert.ok(builder.copiedOut > 0 && builder.copiedOut === final.bytes);
});

test('apt lists stay unless removed in the same RUN; a later rm does not shrink the image', () => {
  const kept = est('FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n')[0];
  const cleaned = est('FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n')[0];
  const later = est('FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nRUN rm -rf /var/lib/apt/lists/*\n')[0];
  assert.ok(kept.bytes - cleaned.bytes > 5 * MB);
  assert.equal(later.bytes, kept.bytes);
});

test('packages the base already has cost nothing', () => {
  const [s] = est('FROM debian:bookworm\nRUN apt-get install -y --no-install-recommends bash coreutils\n');
  assert.equal(s.layers.find((l) => l.instruction === 'RUN')?.bytes ?? 0, 0);
});

test('apk --no-cache leaves no index; apk del of a --virtual group in the same RUN removes it', () => {
  const cached = est('FROM alpine:3.20\nRUN apk add curl\n')[0];
  const nocache = est('FROM alpine:3.20\nRUN apk add --no-cache curl\n')[0];
  assert.ok(cached.bytes > nocache.bytes);
  const virtual = est('FROM alpine:3.20\nRUN apk add --no-cache --virtual .build build-base && make && apk del .build\n')[0];
  const kept = est('FROM alpine:3.20\nRUN apk add --no-cache build-base\n')[0];
  assert.ok(kept.bytes > 150 * MB, `build-base ${kept.bytes}`);
  assert.ok(virtual.bytes < kept.bytes / 2);
});

test('a cache mount keeps the Go build cache out of the layer', () => {
  const plain = est('FROM golang:1.22\nRUN go build -o /app .\n')[0];
  const mounted = est('FROM golang:1.22\nRUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/root/go/pkg/mod go build -o /app .\n')[0];
  assert.ok(plain.bytes - mounted.bytes > 50 * MB);
});

test('FROM <stage> starts from that stage; the target decides what is final and built', () => {
  const text = 'FROM alpine:3.20 AS base\nRUN apk add --no-cache python3\nFROM base AS app\nCOPY app.py /app.py\nFROM base AS other\nRUN apk add --no-cache git\n';
  const [base, app, other] = est(text, ctx, 'app');
  assert.ok(app.bytes >= base.bytes);
  assert.equal(app.final, true);
  assert.equal(other.built, false);
  assert.equal(app.baseStage, 0);
});

test('COPY from the context uses the injected sizes; without I/O the range stays open', () => {
  const [s] = est('FROM scratch\nCOPY . /src\n');
  assert.equal(s.bytes, 2 * MB);
  const [unknown] = est('FROM scratch\nCOPY . /src\n', {});
  assert.equal(unknown.bytes, 0);
  assert.ok(unknown.high > 0);
});

test('chown -R in a later RUN duplicates the files it touches', () => {
  const [s] = est('FROM debian:bookworm-slim\nCOPY . /app\nRUN chown -R 1000 /app\n');
  const run = s.layers.find((l) => l.instruction === 'RUN')!;
  assert.equal(run.bytes, 2 * MB);
});

test('issue 22 class 8: an unknown base image is named, not priced; the estimate is what the stage adds on top of it', () => {
  const [s] = est('ARG BASE\nFROM ${BASE}\nRUN make\n');
  assert.match(s.unknownBase ?? '', /BASE/);
  const [t] = est('FROM example.com/team/image:1.0\nRUN pip install numpy\n');
  assert.equal(t.unknownBase, 'example.com/team/image:1.0');
  assert.equal(t.layers[0].bytes, 0);
  assert.ok(t.bytes > 20 * MB && t.bytes < 200 * MB, `numpy alone: ${t.bytes}`);
  const [, child] = est('FROM example.com/tools/xx:1.6 AS xx\nFROM xx\nCOPY --from=xx /usr/bin/xx-info /usr/bin/\n');
  assert.equal(child.unknownBase, 'example.com/tools/xx:1.6', 'inherited through FROM <stage>');
});

test('layouts are cached per stage: an edit elsewhere reuses untouched stages, an edit of a stage redoes it and what is built FROM it', () => {
  const parser = new StageParser();
  const text = (n: number) => `FROM alpine:3.20 AS a\nRUN apk add --no-cache git\nFROM alpine:3.20 AS b\nRUN echo ${n}\nFROM b\nCOPY --from=a /usr /usr\n`;
  const a = parser.parse(text(1), 1);
  const first = [0, 1, 2].map((i) => stageLayoutOf(a, i, { io: ctx }));
  const b = parser.parse(text(2), 2);
  const second = [0, 1, 2].map((i) => stageLayoutOf(b, i, { io: ctx }));
  assert.equal(second[0], first[0]);
  assert.notEqual(second[1], first[1]);
  assert.notEqual(second[2], first[2]);
  assert.equal(estimateStages(b, { io: ctx })[2].layers.length, 2);
});
