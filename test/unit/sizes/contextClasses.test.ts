// Classes found by estimating the small examples with their published build context (issue 22,
// test/fixtures/sizes-real/context): a Go program with modules is never smaller than the standard
// library its own sources import, and go.mod is read where the built folder came from, not only at
// the context's root.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { estimateStages } from '../../../server/src/core/sizes/estimator';
import type { SizeIO } from '../../../server/src/core/sizes/types';
import { MB } from '../../../server/src/core/sizes/units';

const GOMOD = 'module server\n\ngo 1.20\n\nrequire github.com/acme/web v1.2.0\n';
const IMPORTS = ['net/http', 'os', 'github.com/acme/web'];

/** A build context with go.mod and main.go under `dir` ('' for the root). */
function context(dir: string): SizeIO {
  const at = (p: string) => (dir ? `${dir}/${p}` : p);
  return {
    contextSize: () => ({ bytes: 2_000, files: 2 }),
    contextText: (p) => (p === at('go.mod') ? GOMOD : undefined),
    contextGoImports: (d) => (d === dir || d === at('main.go') ? IMPORTS : undefined),
  };
}

const finalOf = (text: string, io: SizeIO) => estimateStages(parseDockerfile(text), { io }).find((e) => e.final)!;

test('a Go server with one module that imports net/http is at least a net/http binary (about 7 MB)', () => {
  const final = finalOf('FROM golang:1.20 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /server .\nFROM scratch\nCOPY --from=build /server /server\n', context(''));
  assert.ok(final.bytes >= 7 * MB, `binary ${final.bytes}: not the 2.7 MB that one requirement alone gives`);
  assert.ok(final.bytes < 12 * MB, `binary ${final.bytes}`);
});

test('go.mod is read in the context folder a stage copied and builds (COPY ./backend .)', () => {
  const text = 'FROM golang:1.20 AS build\nWORKDIR /src\nCOPY ./backend .\nRUN CGO_ENABLED=0 go build -o /server\nFROM scratch\nCOPY --from=build /server /server\n';
  const nested = finalOf(text, context('backend'));
  const root = finalOf(text.replace('COPY ./backend .', 'COPY . .'), context(''));
  assert.equal(nested.bytes, root.bytes, 'the same module, wherever it sits in the context');
  assert.ok(nested.high / nested.low > 5, 'sized from go.mod (the fitted range), not the unknown-service guess');
});

test('a lockfileVersion 1 package-lock.json (npm 6) is counted like a current one', () => {
  const entry = (name: string, dev: boolean) => `"${name}": { "version": "1.0.0", "resolved": "https://registry.npmjs.org/${name}/-/${name}-1.0.0.tgz", "integrity": "sha512-x"${dev ? ', "dev": true' : ''} }`;
  const names = Array.from({ length: 300 }, (_, k) => `pkg${k}`);
  const v1 = `{ "name": "app", "version": "1.0.0", "lockfileVersion": 1, "requires": true, "dependencies": { ${names.map((n, k) => entry(n, k % 3 === 0)).join(', ')} } }`;
  const v3 = `{ "name": "app", "version": "1.0.0", "lockfileVersion": 3, "packages": { "": { "name": "app" }, ${names.map((n, k) => entry(`node_modules/${n}`, k % 3 === 0)).join(', ')} } }`;
  const size = (lock: string, install: string) => {
    const io: SizeIO = { contextSize: () => ({ bytes: 50_000, files: 3 }), contextText: (p) => (p === 'package-lock.json' ? lock : p === 'package.json' ? '{"name":"app"}' : undefined) };
    return estimateStages(parseDockerfile(`FROM node:22-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN ${install}\n`), { io })[0].layers.filter((l) => l.instruction === 'RUN').pop()!;
  };
  for (const install of ['npm ci', 'npm ci --omit=dev']) {
    const [a, b] = [size(v1, install), size(v3, install)];
    assert.equal(a.bytes, b.bytes, `${install}: v1 ${a.note} / v3 ${b.note}`);
    assert.doesNotMatch(a.note, /no lockfile read/);
  }
});

test('a release build on Rust before 1.77 keeps the standard library debug info (about 4 MB), a current one does not', () => {
  const text = (tag: string) => `FROM rust:${tag} AS build\nWORKDIR /src\nCOPY . .\nRUN cargo build --release\nFROM scratch\nCOPY --from=build /src/target/release/hello /hello\n`;
  const io: SizeIO = { contextSize: () => ({ bytes: 2_000, files: 2 }), contextText: (p) => (p === 'Cargo.lock' ? 'version = 3\n\n[[package]]\nname = "hello"\nversion = "0.1.0"\n' : undefined) };
  const old = finalOf(text('1.70-alpine'), io);
  const current = finalOf(text('1.80-alpine'), io);
  assert.ok(old.bytes > 3 * MB && old.bytes < 6 * MB, `rust 1.70: ${old.bytes}`);
  assert.ok(current.bytes < 1 * MB, `rust 1.80: ${current.bytes}`);
});

test('a Rust program without its Cargo.lock is named as a guess, and a copy from the target path a builder config sets still finds it', () => {
  // The builder image's .cargo/config sets the target: the program lands in target/<triple>/release.
  const text = 'FROM rust:1.80-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN cargo build --release\nFROM scratch\nCOPY --from=build /src/target/x86_64-unknown-linux-musl/release/hello /hello\n';
  const final = finalOf(text, { contextSize: () => ({ bytes: 2_000, files: 2 }) });
  assert.ok(final.unknowns.includes('the Rust program (Cargo.lock not read)'), final.unknowns.join('; '));
  // The copy is the program's guess (5 MB), not the 10 MB of an output nothing visible wrote.
  assert.ok(final.bytes < 6 * MB, `${final.bytes}`);
});

test('on a builder image that is not rust:*, the Rust version is unknown: the range allows for the standard library debug info', () => {
  const io: SizeIO = { contextSize: () => ({ bytes: 2_000, files: 2 }), contextText: (p) => (p === 'Cargo.lock' ? 'version = 3\n\n[[package]]\nname = "hello"\nversion = "0.1.0"\n' : undefined) };
  const text = (from: string) => `FROM ${from} AS build\nWORKDIR /src\nCOPY . .\nRUN cargo build --release\nFROM scratch\nCOPY --from=build /src/target/release/hello /hello\n`;
  const other = finalOf(text('example.com/team/rust-builder:stable'), io);
  const current = finalOf(text('rust:1.80-alpine'), io);
  assert.equal(other.bytes, current.bytes);
  assert.ok(other.high > 4 * MB && current.high < 1 * MB, `other ${other.high}, current ${current.high}`);
});
