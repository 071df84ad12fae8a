// Size hints: the inlay hint at the end of each instruction that adds at least the threshold, its
// label (`+296 MB`, `+? MB`) and tooltip (the instruction's items by kind), and only the lines of
// the range on a 5,000-stage file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { sizeInlayHints } from '../../../server/src/core/features/sizeHints';
import { generateDockerfile } from '../../../bench/generate';
import type { InlayHint, MarkupContent } from 'vscode-languageserver-types';

const ALL = { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } };
const DOC = [
  'FROM debian:bookworm',
  'RUN apt-get update && \\',
  '    apt-get install -y gcc make curl',
  'RUN ghost install',
  'ENV A=1',
  'RUN pip install numpy',
  'RUN echo hi > /etc/motd',
  'FROM alpine:3.20',
  'RUN apk add git',
  '',
].join('\n');

const tip = (h: InlayHint) => (h.tooltip as MarkupContent).value;

test('a hint at the end of each instruction adding at least 1 MB, +? MB where the size is not known', () => {
  const hints = sizeInlayHints(parseDockerfile(DOC), ALL, { threshold: 1 });
  assert.deepEqual(hints.map((h) => [h.position.line, h.position.character, h.label]), [
    [2, 36, '+296 MB'],
    [3, 17, '+? MB'],
    [5, 21, '+56 MB'],
    [8, 15, '+23.3 MB'],
  ]);
  assert.match(tip(hints[0]), /^\*\*RUN adds ≈ 296 MB\*\* \(\d+–\d+ MB\)/);
  assert.match(tip(hints[0]), /- packages: ≈ 277 MB: apt-get install gcc make curl/);
  assert.match(tip(hints[0]), /- residue \(caches, indexes\): ≈ 19 MB: apt lists/);
  assert.match(tip(hints[1]), /adds a size not known\*\* \(up to 500 MB\)[\s\S]*Not sized: ghost install\./);
  assert.match(tip(hints[2]), /- build output: ≈ 40 MB: pip install numpy/);
});

test('the threshold and the metric', () => {
  const model = parseDockerfile(DOC);
  assert.deepEqual(sizeInlayHints(model, ALL, { threshold: 50 }).map((h) => h.label), ['+296 MB', '+? MB', '+56 MB']);
  const packed = sizeInlayHints(model, ALL, { threshold: 1, metric: 'compressed' });
  assert.ok(packed.length >= 3);
  assert.ok(parseFloat(String(packed[0].label).slice(1)) < 296);
  assert.match(tip(packed[0]), /, uncompressed/);
});

test('only the instructions in the range get hints', () => {
  const hints = sizeInlayHints(parseDockerfile(DOC), { start: { line: 5, character: 0 }, end: { line: 6, character: 0 } }, { threshold: 1 });
  assert.deepEqual(hints.map((h) => h.label), ['+56 MB']);
});

test('a screen of the 5,000-stage benchmark file: hints only on its lines (its speed: npm run bench, keystroke→inlayHint)', () => {
  const model = parseDockerfile(generateDockerfile(5000));
  const line = 25_000;
  const range = { start: { line: line - 30, character: 0 }, end: { line: line + 30, character: 0 } };
  const hints = sizeInlayHints(model, range, { threshold: 0 });
  assert.ok(hints.length > 0);
  for (const h of hints) assert.ok(h.position.line >= range.start.line && h.position.line <= range.end.line);
});
