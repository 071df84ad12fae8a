// What a new user reads about a base image's size: one plain sentence per kind of figure, with the
// table's own note kept apart as a Source/Basis line, in the hover and in the breakdown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { aboutBaseImage } from '../../../server/src/core/features/baseImageAbout';
import { imageHover } from '../../../server/src/core/features/imageHover';
import { stageSizeBreakdown } from '../../../server/src/core/features/sizeLens';
import { resolveBaseImage } from '../../../server/src/core/sizes/baseImage';

/** Words of the size table's notes that mean nothing to someone who has not read it. */
const INTERNAL = /derived|repo-info|\.md\b|not in the table|nearest row|variant|content drifts/;

test('a published measurement names the image and date; its listing is the Source line', () => {
  const a = aboutBaseImage(resolveBaseImage('golang:1.26-alpine3.23'));
  // 1.26-alpine3.23 is rebuilt for every 1.26.x: the row is a measurement of one build.
  assert.equal(a.about, 'Published size of `golang:1.26.6-alpine3.23` (2026-08-13). The tag moves to newer images, so its size drifts.');
  assert.equal(a.sourceLine, 'Source: docker-library/repo-info repos/golang/local/1.26-alpine3.23.md');
});

test("the issue's example: a tag the table lacks, sized by a derived row, reads as a sentence", () => {
  const a = aboutBaseImage(resolveBaseImage('golang:1.23-alpine'));
  assert.equal(a.about, 'Not in the built-in size table: sized as the nearest known tag, `golang:1.22-alpine3.19` (2024-06), whose size is estimated from related images.');
  assert.equal(a.short, 'nearest known tag, `golang:1.22-alpine3.19` (2024-06)');
  assert.match(a.sourceLine, /^Basis: measured golang 1\.26-alpine3\.23 \(241\.35 MB\)/);
  assert.doesNotMatch(a.sourceLine, /not in the table/, 'how the tag was matched is in the sentence, not repeated in the basis');
});

test('floating tags say the size drifts; derived rows say they are estimates', () => {
  assert.equal(aboutBaseImage(resolveBaseImage('golang:alpine')).about, 'Published size of `golang:1.26.6-alpine3.23` (2026-08-13). The tag moves to newer images, so its size drifts.');
  assert.equal(aboutBaseImage(resolveBaseImage('alpine:3.20')).about, 'Estimated from the published sizes of related images (2024-06). The tag moves to newer images, so its size drifts.');
});

test('unknown, scratch, engine and registry figures each get their own sentence and no source line', () => {
  const unknown = aboutBaseImage(resolveBaseImage('example.com/team/tool:1'));
  assert.match(unknown.about, /^Not in the built-in size table: its size is unknown/);
  assert.equal(unknown.sourceLine, '');
  assert.equal(aboutBaseImage(resolveBaseImage('scratch')).about, 'An empty image.');
  const engine = resolveBaseImage('alpine:3.20', { engineImage: () => ({ bytes: 8e6 }) });
  assert.match(aboutBaseImage(engine).about, /local Docker engine/);
  const registry = resolveBaseImage('example.com/x:1', { registryImage: () => ({ compressed: 1e6 }) });
  assert.match(aboutBaseImage(registry).about, /compressed size the registry reports/);
});

test('the hover and the breakdown show the sentence; the table note only on its Source/Basis line', () => {
  const model = parseDockerfile('FROM golang:1.23-alpine AS build\nRUN go build -o /app .\n');
  const hover = (imageHover(model, { line: 0, character: 8 })!.contents as { value: string }).value;
  const lines = hover.split('\n');
  assert.ok(lines.includes('Not in the built-in size table: sized as the nearest known tag, `golang:1.22-alpine3.19` (2024-06), whose size is estimated from related images.'), hover);
  assert.match(hover, /Compressed \(pull\): ≈ [\d.]+ MB, estimated from the uncompressed size/);
  for (const l of lines.filter((x) => !x.startsWith('Basis: '))) assert.doesNotMatch(l, INTERNAL, l);
  const b = stageSizeBreakdown(model, 0, 'uncompressed', {})!;
  assert.equal(b.items[0].note, '`golang:1.23-alpine`: nearest known tag, `golang:1.22-alpine3.19` (2024-06)');
  assert.doesNotMatch(b.base.about, INTERNAL);
  assert.match(b.base.sourceLine, /^Basis: /);
});
