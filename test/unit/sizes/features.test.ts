// Size lens titles and breakdown, the base-image hover, units, and the sizes CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { resolveSizeLens, sizeLensStubs, sizeBreakdown } from '../../../server/src/core/features/sizeLens';
import { imageHover } from '../../../server/src/core/features/imageHover';
import { estimateStages } from '../../../server/src/core/sizes/estimator';
import { formatBytes, formatEstimate, parseSize, MB } from '../../../server/src/core/sizes/units';
import { ContextIndex } from '../../../server/src/node/contextIndex';
import { SizeIOProvider } from '../../../server/src/node/sizeIO';
import { runCli } from '../../../server/src/cli/main';
import type { Io } from '../../../server/src/cli/io';

const MULTI = 'FROM golang:1.22-alpine AS builder\nRUN apk add --no-cache git\nCOPY . .\nRUN go build -o /out/app .\n\nFROM alpine:3.20\nCOPY --from=builder /out/app /usr/local/bin/app\n';

test('one lens stub per FROM, titles name the role', () => {
  const model = parseDockerfile(MULTI);
  const stubs = sizeLensStubs(model);
  assert.deepEqual(stubs.map((s) => s.range.start.line), [0, 5]);
  const io = { contextSize: () => ({ bytes: 10_000, files: 3 }), contextText: (p: string) => (p === 'go.mod' ? 'module example.com/app\n\ngo 1.22\n' : undefined) };
  const builder = resolveSizeLens(model, 0, 'uncompressed', { io });
  const final = resolveSizeLens(model, 1, 'uncompressed', { io });
  assert.match(builder, /^builder · ≈ .* · not in final image \(.+ copied from it\)$/);
  assert.match(final, /^≈ .* · final image$/);
  assert.match(resolveSizeLens(model, 1, 'compressed', { io }), /compressed · final image$/);
  // Without its go.mod or sources the program's size is a guess, and the title says so.
  const blind = resolveSizeLens(model, 1, 'uncompressed', { io: { contextSize: io.contextSize } });
  assert.match(blind, /^≈ .* \+ the Go program \(size unknown: go\.mod and sources not read\) · final image$/);
});

test('breakdown: base first with its resolved tag and date, then largest first', () => {
  const estimates = estimateStages(parseDockerfile(MULTI), { io: { contextSize: () => ({ bytes: 1, files: 1 }) } });
  const b = sizeBreakdown(estimates[0], 'uncompressed')!;
  assert.equal(b.base.resolved, 'golang:1.22-alpine3.19');
  assert.ok(b.base.date.length >= 4);
  assert.equal(b.items[0].instruction, 'FROM');
  const sizes = b.items.slice(1).map((i) => i.bytes);
  assert.deepEqual(sizes, sizes.slice().sort((x, y) => y - x));
});

test('hover on a base image gives both sizes and the source; none on a stage name', () => {
  const model = parseDockerfile('FROM node:22-alpine3.23 AS a\nFROM a\n');
  const hover = imageHover(model, { line: 0, character: 7 });
  const text = (hover!.contents as { value: string }).value;
  assert.match(text, /Uncompressed: \*\*≈ 168 MB\*\*/);
  assert.match(text, /Compressed \(pull\): ≈ /);
  assert.match(text, /repo-info/);
  assert.equal(imageHover(model, { line: 1, character: 5 }), null);
  assert.equal(imageHover(model, { line: 0, character: 26 }), null);
});

test('units print like the Docker CLI and parse budgets', () => {
  assert.equal(formatBytes(6_500_000), '6.5 MB');
  assert.equal(formatBytes(321_000_000), '321 MB');
  assert.equal(formatBytes(1_100_000_000), '1.1 GB');
  assert.equal(formatEstimate({ bytes: 6 * MB, low: 4 * MB, high: 9 * MB }), '≈ 4–9 MB');
  assert.equal(formatEstimate({ bytes: 6.5 * MB, low: 6 * MB, high: 7 * MB }), '≈ 6.5 MB');
  assert.equal(parseSize('50MB'), 50_000_000);
  assert.equal(parseSize('1.5 GiB'), 1_610_612_736);
  assert.equal(parseSize('fifty'), undefined);
});

function tempContext(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dfs-sizes-'));
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src', 'main.go'), 'x'.repeat(1000));
  writeFileSync(join(dir, 'big.bin'), 'x'.repeat(5000));
  writeFileSync(join(dir, '.dockerignore'), '*.bin\n');
  symlinkSync('/etc', join(dir, 'escape'));
  writeFileSync(join(dir, 'Dockerfile'), 'FROM golang:1.22-alpine AS build\nCOPY . .\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n');
  return dir;
}

test('context index: .dockerignore honoured, no path leaves the context, symlinks not followed', async () => {
  const dir = tempContext();
  const index = new ContextIndex(dir);
  await index.build();
  const all = index.size(['.'])!;
  assert.ok(all.bytes < 2000, `ignored big.bin: ${all.bytes}`);
  assert.equal(index.size(['src'])!.bytes, 1000);
  assert.equal(index.size(['src/*.go'])!.bytes, 1000);
  assert.equal(index.size(['../'])!.bytes, 0);
  assert.equal(index.size(['escape/passwd'])!.bytes, 0);
});

test('CLI sizes --json has the documented shape; --budget fails CI when exceeded', async () => {
  const dir = tempContext();
  const chunks: string[] = [];
  const io = (write: (s: string) => unknown): Io => ({ stdout: { write }, stderr: { write: () => true }, cwd: process.cwd(), env: {}, readStdin: async () => Buffer.alloc(0) });
  const sizes = (argv: string[], out: Io) => runCli(['sizes', ...argv], out);
  const code = await sizes(['--json', join(dir, 'Dockerfile')], io((s) => chunks.push(s)));
  assert.equal(code, 0);
  const json = JSON.parse(chunks.join(''));
  assert.equal(json.file, join(dir, 'Dockerfile'));
  assert.deepEqual(Object.keys(json.stages[0]), ['index', 'name', 'base', 'bytes', 'low', 'high', 'final', 'unknownBase', 'unknowns', 'layers']);
  assert.deepEqual(Object.keys(json.stages[0].layers[0]), ['line', 'instruction', 'bytes', 'note']);
  assert.equal(json.stages[0].name, 'build');
  assert.equal(json.stages[1].name, null);
  assert.equal(json.stages[1].final, true);
  const sink = io(() => true);
  assert.equal(await sizes(['--budget', '1KB', join(dir, 'Dockerfile')], sink), 1);
  assert.equal(await sizes(['--budget', '1GB', join(dir, 'Dockerfile')], sink), 0);
  assert.equal(await sizes(['--budget', 'lots', join(dir, 'Dockerfile')], sink), 2);
  assert.equal(await sizes([join(dir, 'missing')], sink), 2);
});

test('estimates print as one value, a moderate range, or the likeliest value with a wide range', () => {
  assert.equal(formatEstimate({ bytes: 6.5 * MB, low: 6 * MB, high: 7 * MB }), '≈ 6.5 MB');
  assert.equal(formatEstimate({ bytes: 6 * MB, low: 4 * MB, high: 9 * MB }), '≈ 4–9 MB');
  assert.equal(formatEstimate({ bytes: 9 * MB, low: 2.7 * MB, high: 27 * MB }), '≈ 9 MB (2.7–27 MB)');
});

test('size I/O: a rebuild of an unchanged context keeps the I/O (cached sizes stay valid, no refresh); a changed file makes a new one', async () => {
  const dir = tempContext();
  let updates = 0;
  const provider = new SizeIOProvider(() => updates++, -1);
  const options = { dockerEngineLookup: false, registryLookup: false, trusted: false };
  provider.ioFor(dir, join(dir, 'Dockerfile'), options);
  await provider.indexing;
  const first = provider.ioFor(dir, join(dir, 'Dockerfile'), options);
  assert.equal(updates, 1);
  assert.equal(first.contextSize!(['src'])!.bytes, 1000);
  await provider.indexing;
  assert.equal(provider.ioFor(dir, join(dir, 'Dockerfile'), options), first);
  assert.equal(updates, 1);
  writeFileSync(join(dir, 'src', 'main.go'), 'x'.repeat(3000));
  await provider.indexing;
  const changed = provider.ioFor(dir, join(dir, 'Dockerfile'), options);
  assert.equal(updates, 2);
  assert.notEqual(changed, first);
  assert.equal(changed.contextSize!(['src'])!.bytes, 3000);
});
