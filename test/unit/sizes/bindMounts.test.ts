// Sources a RUN reads through `--mount=type=bind` (what `docker init` writes for Go, Rust and Node):
// the build context is read for sizing as if COPY had put it there, and none of it is in the image.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { estimateStages } from '../../../server/src/core/sizes/estimator';
import type { SizeIO } from '../../../server/src/core/sizes/types';
import { MB } from '../../../server/src/core/sizes/units';

/** A context of 40 MB (vendored sources, say) with go.mod and a main.go that imports net/http. */
const io: SizeIO = {
  contextSize: () => ({ bytes: 40 * MB, files: 900 }),
  contextText: (p) => (p === 'go.mod' ? 'module example.com/server\n\ngo 1.22\n' : undefined),
  contextGoImports: (d) => (d === '' || d === '.' || d === 'main.go' ? ['fmt', 'net/http'] : undefined),
};

const DOCKER_INIT = `FROM golang:1.22 AS build
WORKDIR /src
RUN --mount=type=cache,target=/go/pkg/mod/ \\
    --mount=type=bind,source=go.mod,target=go.mod \\
    go mod download -x
RUN --mount=type=cache,target=/go/pkg/mod/ \\
    --mount=type=bind,target=. \\
    CGO_ENABLED=0 go build -o /bin/server .
FROM alpine:3.20
COPY --from=build /bin/server /bin/
`;

const stages = (text: string) => estimateStages(parseDockerfile(text), { io });

test('a Go program built from a bind-mounted context is sized from its imports, as after COPY . .', () => {
  const bound = stages(DOCKER_INIT);
  const copied = stages(DOCKER_INIT.replace('WORKDIR /src', 'WORKDIR /src\nCOPY . .'));
  const [b, c] = [bound[1], copied[1]];
  assert.deepEqual(b.unknowns, []);
  assert.equal(b.bytes, c.bytes, 'the same program either way');
  const program = b.layers.find((l) => l.instruction === 'COPY')!;
  assert.match(program.note, /from its imports \(standard library only: fmt, net\/http\)/);
  assert.ok(program.bytes >= 6 * MB, `net/http binary: ${program.bytes}`);
});

test('what a bind mount shows is not in the image: the builder is smaller than with COPY . . by the context', () => {
  const bound = stages(DOCKER_INIT)[0].bytes;
  const copied = stages(DOCKER_INIT.replace('WORKDIR /src', 'WORKDIR /src\nCOPY . .'))[0].bytes;
  assert.ok(Math.abs(copied - bound - 40 * MB) < 1 * MB, `COPY ${copied}, bind ${bound}`);
});

test('a bind mount without type= is a bind mount (BuildKit\'s default) and is read too', () => {
  const untyped = stages(DOCKER_INIT.replace('--mount=type=bind,target=.', '--mount=target=.'))[1];
  assert.match(untyped.layers.find((l) => l.instruction === 'COPY')!.note, /from its imports/);
});

test('a bind mount from another stage or image is not the build context', () => {
  const text = DOCKER_INIT.replace('--mount=type=bind,target=.', '--mount=type=bind,from=golang:1.22,source=/usr/local/go/src,target=.');
  const final = stages(text)[1];
  assert.doesNotMatch(final.layers.find((l) => l.instruction === 'COPY')!.note, /from its imports/);
});

test('go build -mod=vendor downloads no module: no module cache, whether the flag is on the command or in GOFLAGS', () => {
  const text = (build: string) => `FROM golang:1.22-alpine AS build\nWORKDIR /src\nRUN --mount=target=. --mount=type=cache,target=/root/.cache ${build}\n`;
  const notes = (build: string) => estimateStages(parseDockerfile(text(build)), { io: { contextSize: () => ({ bytes: 0, files: 0 }) } })[0].layers.map((l) => l.note).join(' | ');
  assert.match(notes('go build -o /out/tool ./cmd/tool'), /module cache/);
  assert.doesNotMatch(notes('go build -mod=vendor -o /out/tool ./cmd/tool'), /module cache/);
  assert.doesNotMatch(notes('GOFLAGS=-mod=vendor go build -o /out/tool ./cmd/tool'), /module cache/);
});

test('a program built into a cache mount is not in the image; the copy the same RUN makes of it is (docker init for Rust)', () => {
  const lock = 'version = 3\n\n[[package]]\nname = "server"\nversion = "0.1.0"\n';
  const rust: SizeIO = { contextSize: () => ({ bytes: 4_000, files: 3 }), contextText: (p) => (p === 'Cargo.lock' ? lock : undefined) };
  const text = `FROM rust:1.80-alpine AS build
WORKDIR /app
RUN --mount=type=bind,source=src,target=src \\
    --mount=type=bind,source=Cargo.toml,target=Cargo.toml \\
    --mount=type=bind,source=Cargo.lock,target=Cargo.lock \\
    --mount=type=cache,target=/app/target/ \\
    cargo build --locked --release && \\
    cp ./target/release/server /bin/server
`;
  const runOf = (t: string) => estimateStages(parseDockerfile(t), { io: rust })[0].layers.find((l) => l.instruction === 'RUN') ?? { bytes: 0, note: 'no layer listed' };
  const built = runOf(text.replace(' && \\\n    cp ./target/release/server /bin/server', ''));
  const copied = runOf(text);
  assert.equal(built.bytes, 0, `nothing of target/ is in the image: ${built.note}`);
  assert.ok(copied.bytes > 0 && copied.bytes < 1_000_000, `the copy alone: ${copied.note}`);
});
