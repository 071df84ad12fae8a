// Classes found on the calibration rows of the data8 round of small examples (docs/SIZES-ACCURACY.md
// "Eighth round: small examples (data8)"), each on a Dockerfile of its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { estimateStages } from '../../../server/src/core/sizes/estimator';
import { MB } from '../../../server/src/core/sizes/units';

const finalStage = (text: string) => estimateStages(parseDockerfile(text)).find((s) => s.final)!;
const copyOf = (text: string, path: string) => finalStage(text).layers.find((l) => l.instruction === 'COPY' && l.note.includes(path))!;

const jlinkAfter = (jdepsRun: string, modules = '$(cat mods.txt)') => `FROM example/jdk:21 AS jre
WORKDIR /work
RUN unzip -q /opt/service.jar -d unpacked
${jdepsRun}
RUN jlink --add-modules ${modules} --compress=2 --no-header-files --no-man-pages --output /runtime
FROM alpine:3.20
COPY --from=jre /runtime /opt/java
`;

test('jlink of the modules jdeps printed for a Spring Boot jar (BOOT-INF/lib) holds about two dozen modules, not java.base and four', () => {
  const spring = copyOf(jlinkAfter("RUN jdeps --ignore-missing-deps -q --print-module-deps --class-path 'unpacked/BOOT-INF/lib/*' /opt/service.jar > mods.txt"), '/runtime');
  const plain = copyOf(jlinkAfter('RUN jdeps --ignore-missing-deps -q --print-module-deps /opt/service.jar > mods.txt'), '/runtime');
  assert.match(spring.note, /Spring Boot application/, spring.note);
  assert.ok(spring.bytes > 55 * MB && spring.bytes < 65 * MB, `${spring.bytes / MB} MB: ${spring.note}`);
  assert.ok(spring.low > plain.low * 1.3 && spring.high < plain.high, `${spring.low / MB}–${spring.high / MB} vs ${plain.low / MB}–${plain.high / MB}`);
  // Another application's list stays the named guess between java.base and java.se.
  assert.match(plain.note, /java\.base and ≈ 4 more \(a guess\)/);
  // jdeps run inside the substitution reads the same way.
  const inline = copyOf(jlinkAfter('RUN true', "$(jdeps --print-module-deps --class-path 'unpacked/BOOT-INF/lib/*' /opt/service.jar)"), '/runtime');
  assert.equal(inline.bytes, spring.bytes);
  // A list written to another file than the one jlink reads is not taken for it.
  const other = copyOf(jlinkAfter("RUN jdeps --print-module-deps --class-path 'unpacked/BOOT-INF/lib/*' /opt/service.jar > other.txt"), '/runtime');
  assert.equal(other.bytes, plain.bytes);
});

const stages = (text: string) => estimateStages(parseDockerfile(text));
const runLayer = (s: ReturnType<typeof stages>[number], word: string) => s.layers.find((l) => l.instruction === 'RUN' && l.note.includes(word))!;

test('cargo chef: prepare writes a recipe of a few KB, cook builds the dependencies once, and the build after it adds only the program', () => {
  const all = stages(`FROM rust:1.80 AS chef
RUN cargo install cargo-chef
WORKDIR /src
FROM chef AS planner
COPY . .
RUN cargo chef prepare --recipe-path recipe.json
FROM chef AS builder
COPY --from=planner /src/recipe.json recipe.json
RUN cargo chef cook --release --recipe-path recipe.json
COPY . .
RUN cargo build --release
FROM debian:bookworm-slim
COPY --from=builder /src/target/release/server /usr/local/bin/server
`);
  const builder = all.find((s) => s.name === 'builder')!;
  const recipe = builder.layers.find((l) => l.instruction === 'COPY' && l.note.includes('recipe'))!;
  assert.ok(recipe.bytes < 100_000, `${recipe.bytes}: ${recipe.note}`);
  const cook = runLayer(builder, 'cargo chef cook');
  assert.ok(cook.bytes >= 100 * MB, `${cook.bytes / MB} MB: ${cook.note}`);
  const build = runLayer(builder, 'cargo build');
  assert.ok(build.bytes < 30 * MB, `${build.bytes / MB} MB: ${build.note}`);
  assert.match(build.note, /dependencies built by an earlier layer/);
});

test('a dummy-main build before the sources are copied: the second cargo build does not count the dependencies again', () => {
  const builder = stages(`FROM rust:1.80 AS build
WORKDIR /app
COPY Cargo.toml Cargo.lock ./
RUN mkdir src && echo "fn main() {}" > src/main.rs && cargo build --release
COPY src ./src
RUN touch src/main.rs && cargo build --release
`)[0];
  const builds = builder.layers.filter((l) => l.instruction === 'RUN' && l.note.includes('cargo build'));
  assert.equal(builds.length, 2);
  assert.ok(builds[0].bytes > 100 * MB, `${builds[0].bytes / MB} MB`);
  assert.ok(builds[1].bytes < builds[0].bytes / 5, `${builds[1].bytes / MB} MB: ${builds[1].note}`);
});
