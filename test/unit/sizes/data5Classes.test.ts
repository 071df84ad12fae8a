// Classes found on the calibration rows of the data5 round of small examples (docs/SIZES-ACCURACY.md
// "Fifth round: small examples in C, PHP and others (data5)"), each on a Dockerfile of its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { estimateStages } from '../../../server/src/core/sizes/estimator';
import { KB, MB } from '../../../server/src/core/sizes/units';

const finalStage = (text: string) => estimateStages(parseDockerfile(text)).find((s) => s.final)!;

test('a static C program linked with -s is sized as a stripped binary, not with its symbol table', () => {
  const text = (flags: string) => `FROM alpine:3.20 AS cc
RUN apk add --no-cache gcc musl-dev
COPY tool.c /src/tool.c
RUN gcc ${flags} -o /out/tool /src/tool.c

FROM scratch
COPY --from=cc /out/tool /tool
ENTRYPOINT ["/tool"]
`;
  const plain = finalStage(text('-static -O2'));
  const stripped = finalStage(text('-static -O2 -s'));
  const viaLinker = finalStage(text('-static -Wl,--strip-all'));
  // Unstripped musl static: ~80 KB (tonym.us); stripped: ~13 KB (Eta Labs' libc comparison).
  assert.ok(plain.bytes > 60 * KB, `${plain.bytes}`);
  assert.ok(stripped.bytes < 30 * KB && stripped.bytes > 8 * KB, `${stripped.bytes}`);
  assert.equal(viaLinker.bytes, stripped.bytes);
  assert.ok(stripped.low >= 5 * KB && stripped.high >= 1.9 * stripped.bytes, JSON.stringify([stripped.low, stripped.high]));
  // glibc's static libc stays large when stripped.
  const glibc = finalStage(text('-static -s').replace('FROM alpine:3.20 AS cc\nRUN apk add --no-cache gcc musl-dev', 'FROM gcc:13-bookworm AS cc'));
  assert.ok(glibc.bytes > 500 * KB && glibc.bytes < 900 * KB, `${glibc.bytes}`);
});

test('`cargo rustc` and `cargo b` build a binary into target/, like `cargo build`', () => {
  const text = (cmd: string) => `FROM rust:1.97-alpine3.22 AS build
WORKDIR /src
COPY . .
RUN ${cmd}

FROM scratch
COPY --from=build /src/target/release/tool /tool
ENTRYPOINT ["/tool"]
`;
  const build = finalStage(text('cargo build --release'));
  const viaRustc = finalStage(text('cargo rustc --release -- -C opt-level=z -C lto'));
  const short = finalStage(text('cargo b -r'));
  // The sources are not in the context: the binary is the release guess, with its range, for all three.
  assert.equal(viaRustc.bytes, build.bytes);
  assert.equal(short.bytes, build.bytes);
  assert.ok(viaRustc.low < 0.5 * MB && viaRustc.high >= 10 * MB, JSON.stringify([viaRustc.low, viaRustc.high]));
  assert.ok(!viaRustc.unknowns.some((u) => u.includes('/src/target/release/tool')), viaRustc.unknowns.join('; '));
});
