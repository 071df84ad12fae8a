// Toolchain and file-work models behind the accuracy fixtures: rustup toolchains (version, host
// libc, profile) and cargo binaries from Cargo.lock, PHP's SAPIs, make on sources from the build
// context (static per the Makefile), standard-library Go programs, glob removals, and commands
// that only print their version.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { estimateStages } from '../../../server/src/core/sizes/estimator';
import type { SizeIO } from '../../../server/src/core/sizes/types';
import { KB, MB } from '../../../server/src/core/sizes/units';

const empty: SizeIO = { contextSize: () => ({ bytes: 0, files: 0 }) };
const est = (text: string, io: SizeIO = empty) => estimateStages(parseDockerfile(text), { io });
const final = (text: string, io: SizeIO = empty) => est(text, io).find((s) => s.final)!;
const run = (text: string, io: SizeIO = empty) => est(text, io)[0].layers.filter((l) => l.instruction === 'RUN').pop() ?? { bytes: 0, note: '' };
/** A build context of the given files (path -> text). */
const context = (files: Record<string, string>): SizeIO => ({
  contextSize: (sources) => {
    const hit = Object.entries(files).filter(([p]) => sources.some((s) => s === '.' || p === s || p.startsWith(s.replace(/\/$/, '') + '/')));
    return { bytes: hit.reduce((a, [, t]) => a + t.length, 0), files: hit.length };
  },
  contextText: (p) => files[p],
});

const rustupInit = (version: string, host: string, profile = ' --profile minimal') =>
  `RUN set -eux; wget "https://static.rust-lang.org/rustup/archive/1.28.2/${host}/rustup-init"; chmod +x rustup-init; ./rustup-init -y --no-modify-path${profile} --default-toolchain ${version} --default-host ${host}; rm rustup-init; rustup --version; cargo --version; rustc --version\n`;

test('rustup-init installs one toolchain; rustup --version installs nothing', () => {
  const layer = run(`FROM debian:bookworm-slim\n${rustupInit('1.97.1', 'x86_64-unknown-linux-gnu')}`);
  assert.ok(layer.bytes > 600 * MB && layer.bytes < 700 * MB, `${layer.bytes}`);
  assert.equal(layer.note.match(/toolchain/g)?.length, 1, layer.note);
});

test('a rustup toolchain grows with the version, is larger on a musl host and with the default profile (rust-docs)', () => {
  const size = (v: string, host: string, profile?: string) => run(`FROM debian:bookworm-slim\n${rustupInit(v, host, profile)}`).bytes;
  const gnu = size('1.97.1', 'x86_64-unknown-linux-gnu');
  assert.ok(size('1.66.1', 'x86_64-unknown-linux-gnu') < gnu * 0.85);
  assert.ok(size('1.97.1', 'x86_64-unknown-linux-musl') > gnu * 1.2);
  assert.ok(size('1.97.1', 'x86_64-unknown-linux-gnu', '') > gnu + 400 * MB);
  const piped = run('FROM debian:bookworm-slim\nRUN curl --proto "=https" -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal\n');
  assert.ok(piped.bytes > 550 * MB && piped.bytes < 750 * MB, piped.note);
});

test('cargo sizes the binary from Cargo.lock, found where COPY took the project from', () => {
  const text = 'FROM rust:1.97-alpine3.22 AS build\nWORKDIR /src\nCOPY app .\nRUN cargo build --release\nFROM scratch\nCOPY --from=build /src/target/release/app /app\n';
  const lock = (n: number) => Array.from({ length: n }, (_, k) => `[[package]]\nname = "crate${k}"\n`).join('\n');
  const small = final(text, context({ 'app/Cargo.toml': '[package]\nname = "app"\n\n[dependencies]\n', 'app/Cargo.lock': lock(1) })).bytes;
  const service = final(text, context({ 'app/Cargo.toml': '[package]\nname = "app"\n', 'app/Cargo.lock': lock(150) })).bytes;
  assert.ok(small < 1 * MB, `${small}`);
  assert.ok(service > 5 * MB && service < 12 * MB, `${service}`);
});

test('cargo install in the rust image lands in CARGO_HOME (/usr/local/cargo/bin)', () => {
  const s = final('FROM rust:alpine AS build\nWORKDIR /w\nCOPY . .\nRUN cargo install --path .\nFROM scratch\nCOPY --from=build /usr/local/cargo/bin/app /app\n');
  assert.match(s.layers[1].note, /cargo install/);
});

test('PHP: each SAPI ./configure builds links the core again (fpm without cgi and phpdbg is smaller than cli with embed)', () => {
  const build = (flags: string) => run(`FROM debian:bookworm-slim\nRUN curl -fsSL -o php.tar.xz https://www.php.net/distributions/php-8.2.33.tar.xz && mkdir -p /usr/src/php && tar -xf php.tar.xz -C /usr/src/php --strip-components=1 && cd /usr/src/php && ./configure ${flags} && make -j 2 && make install && find /usr/local -type f -perm '/0111' -exec sh -euxc 'strip --strip-all "$@" || :' -- '{}' + && make clean && rm -rf /usr/src/php\n`).bytes;
  const cli = build('--enable-phpdbg --enable-embed');
  const fpm = build('--disable-cgi --enable-fpm');
  assert.ok(cli - fpm > 25 * MB && cli - fpm < 45 * MB, `${cli - fpm}`);
});

test('make on sources copied from the build context: tiny for a hello world, static per its Makefile', () => {
  const text = 'FROM alpine:3.22 AS builder\nWORKDIR /build\nRUN apk add --no-cache gcc make libc-dev\nCOPY . ./\nRUN make\nFROM scratch\nCOPY --from=builder /build/hello .\n';
  const hello = '#include <stdio.h>\nint main(void) { puts("hi"); return 0; }\n';
  const dynamic = final(text, context({ 'hello.c': hello, Makefile: 'hello: hello.c\n\tgcc -o $@ $<\n' })).bytes;
  const stat = final(text, context({ 'hello.c': hello, Makefile: 'hello: hello.c\n\tgcc -o $@ $< -static\n' })).bytes;
  assert.ok(dynamic < 40 * KB, `${dynamic}`);
  assert.ok(stat > 60 * KB && stat < 150 * KB, `${stat}`);
  const unread = final(text, { contextSize: () => undefined }).bytes;
  assert.ok(unread > 100 * KB && unread < 5 * MB, `${unread}`);
});

test('go build of named .go files with no go.mod is a standard-library program: no module cache, a few MB', () => {
  const std = est('FROM golang:1.26\nWORKDIR /src\nCOPY hello.go .\nRUN go build hello.go\n')[0].layers.pop()!;
  assert.doesNotMatch(std.note, /module cache/);
  const mod = est('FROM golang:1.26\nWORKDIR /src\nCOPY go.mod go.sum ./\nCOPY *.go ./\nRUN go build main.go\n')[0].layers.pop()!;
  assert.match(mod.note, /module cache/);
  const bin = final('FROM golang:1.26 AS b\nWORKDIR /src\nCOPY hello.go .\nRUN go build hello.go\nFROM scratch\nCOPY --from=b /src/hello /\n').bytes;
  assert.ok(bin > 1.5 * MB && bin < 6 * MB, `${bin}`);
});

test('rm with a glob removes what matches it, not the whole directory', () => {
  const layer = run('FROM debian:bookworm-slim\nRUN cd /usr/src && curl -fsSL -o redis.tar.gz http://download.redis.io/releases/redis-7.2.5.tar.gz && mkdir redis && tar -xzf redis.tar.gz -C redis --strip-components=1 && rm /usr/src/*.tar.gz\n');
  assert.match(layer.note, /unpacked/);
  assert.doesNotMatch(layer.note, /curl: Redis/);
  const root = run('FROM debian:bookworm-slim\nRUN curl -fL https://ftpmirror.gnu.org/gcc/gcc-13.4.0/gcc-13.4.0.tar.xz -o gcc.tar.xz && rm gcc.tar.xz*\n');
  assert.ok(root.bytes < 1 * MB, root.note);
});

test('yarn --version and npm -v only print', () => {
  const layer = run('FROM node:22-bookworm-slim\nRUN yarn --version && npm -v\n');
  assert.equal(layer.bytes, 0, layer.note);
});

test('pip installs a package with its usual dependencies once: numpy after matplotlib adds nothing', () => {
  const text = 'FROM python:3.12-slim-bookworm\nRUN pip install --no-cache-dir matplotlib\nRUN pip install --no-cache-dir numpy\n';
  const [stage] = est(text);
  const runs = stage.layers.filter((l) => l.instruction === 'RUN');
  assert.equal(runs.length, 1, runs.map((l) => l.note).join(' | '));
  assert.ok(runs[0].bytes > 80 * MB, runs[0].note);
});
