// Stage completion at each `<|>` of the fixture: the labels offered, nearest stage first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { completeStages, resolveStageItem } from '../../../server/src/core/features/completion';
import { extractCursors, readFixture } from '../../helpers/fixtures';

const { text, cursors } = extractCursors(readFixture('completion/stages.Dockerfile'));
const model = parseDockerfile(text);
const labels = (i: number) => completeStages(model, cursors[i])?.items.map((it) => it.label) ?? null;

test('COPY --from= offers earlier stages only: names, and indexes of unnamed ones', () => {
  assert.deepEqual(labels(0), ['1', 'builder']);
});
test('mount from= offers names only: from=0 would be an image', () => {
  assert.deepEqual(labels(1), ['builder']);
});
test('FROM offers earlier named stages, never the current one', () => {
  assert.deepEqual(labels(2), ['tester', 'builder']);
});
test('other flags before --from do not matter', () => {
  assert.deepEqual(labels(3), ['tester', '1', 'builder']);
});
test('prefixes match case-insensitively', () => {
  assert.deepEqual(labels(4), ['builder']);
});
test('a --from value on a continuation line, cursor inside the word', () => {
  assert.deepEqual(labels(5), ['tester']);
  const item = completeStages(model, cursors[5])!.items[0];
  assert.deepEqual(item.textEdit && 'range' in item.textEdit ? item.textEdit.range : null, { start: { line: 14, character: 9 }, end: { line: 14, character: 15 } });
});
test('mount from= after other options and flags', () => {
  assert.deepEqual(labels(6), ['builder']);
});
test('nothing after ADD --from=, in comments or in heredocs', () => {
  assert.equal(labels(7), null);
  assert.equal(labels(8), null);
  assert.equal(labels(9), null);
});
test('FROM prefix inside the image word', () => {
  assert.deepEqual(labels(10), ['builder']);
});
test('nothing on a stage name being declared, nor in ONBUILD triggers', () => {
  assert.equal(labels(11), null);
  assert.equal(labels(12), null);
});
test('items resolve to documentation with the base image and line', () => {
  const item = resolveStageItem(model, completeStages(model, cursors[0])!.items[1]);
  assert.match(String(item.detail), /stage builder · line 1/);
  assert.match(JSON.stringify(item.documentation), /golang:1\.22/);
});
test('with itemDefaults.editRange the range is sent once, not per item', () => {
  const list = completeStages(model, cursors[5], true)!;
  assert.deepEqual(list.itemDefaults?.editRange, { start: { line: 14, character: 9 }, end: { line: 14, character: 15 } });
  assert.ok(list.items.every((i) => i.textEdit === undefined));
});
