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
  const list = completeStages(model, cursors[5], { editRangeDefault: true })!;
  assert.deepEqual(list.itemDefaults?.editRange, { start: { line: 14, character: 9 }, end: { line: 14, character: 15 } });
  assert.ok(list.items.every((i) => i.textEdit === undefined));
});
test('what is typed matches like VS Code: its characters in order, the first one where a word starts', () => {
  const typed = extractCursors(
    'FROM alpine AS builder\nFROM alpine AS release\nFROM alpine AS my-builder\nFROM alpine AS go.build\nFROM alpine AS rebuild\nFROM scratch\n' +
      'COPY --from=bld<|> /a /a\nCOPY --from=ld<|> /a /a\nCOPY --from=B<|> /a /a\n',
  );
  const m = parseDockerfile(typed.text);
  assert.deepEqual(completeStages(m, typed.cursors[0])?.items.map((it) => it.label), ['go.build', 'my-builder', 'builder']);
  assert.deepEqual(completeStages(m, typed.cursors[1])?.items.map((it) => it.label), []);
  assert.deepEqual(completeStages(m, typed.cursors[2])?.items.map((it) => it.label), ['go.build', 'my-builder', 'builder'], 'not rebuild: its b is inside a word');
});
test('a list over the limit keeps the nearest stages and says it is incomplete, so the editor asks again as the user types', () => {
  const stages = Array.from({ length: 30 }, (_, i) => `FROM alpine AS s${i}\n`).join('');
  const many = extractCursors(`${stages}FROM scratch\nCOPY --from=<|> /a /a\nCOPY --from=s5<|> /a /a\n`);
  const m = parseDockerfile(many.text);
  const capped = completeStages(m, many.cursors[0], { limit: 10 })!;
  assert.equal(capped.isIncomplete, true);
  assert.deepEqual(capped.items.map((it) => it.label), ['s29', 's28', 's27', 's26', 's25', 's24', 's23', 's22', 's21', 's20']);
  assert.equal(completeStages(m, many.cursors[0], { limit: 0 })!.items.length, 30);
  assert.equal(completeStages(m, many.cursors[0], { limit: 30 })!.isIncomplete, false);
  const narrowed = completeStages(m, many.cursors[1], { limit: 10 })!;
  assert.deepEqual([narrowed.isIncomplete, narrowed.items.map((it) => it.label)], [false, ['s25', 's15', 's5']]);
});
test('items carry no data: resolve finds the stage from the sortText, and leaves an item alone once the label names another stage', () => {
  const list = completeStages(model, cursors[3])!;
  assert.ok(list.items.every((i) => i.data === undefined));
  assert.deepEqual(list.items.map((item) => resolveStageItem(model, item).detail), ['stage tester · line 7', 'stage 1 · line 4', 'stage builder · line 1']);
  const moved = { ...list.items[2], label: 'renamed' };
  assert.equal(resolveStageItem(model, moved), moved);
});
test('resolve leaves the listed items alone; sortText puts the nearest first in string order', () => {
  const first = completeStages(model, cursors[3])!;
  resolveStageItem(model, first.items[0]);
  const again = completeStages(model, cursors[3])!;
  assert.equal(again.items[0].detail, undefined);
  assert.deepEqual(again.items.map((i) => i.sortText), first.items.map((i) => i.sortText));
  assert.ok(first.items.every((item, n) => n === 0 || item.sortText! > first.items[n - 1].sortText!), 'nearest first in string order');
});
