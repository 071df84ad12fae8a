// Definition, references, highlights, rename, hover and inlay hints on the navigation fixture.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { findDefinition } from '../../../server/src/core/features/definition';
import { stageHighlights, stageReferences } from '../../../server/src/core/features/references';
import { prepareStageRename, renameStage, renameStageAt } from '../../../server/src/core/features/rename';
import { stageHover } from '../../../server/src/core/features/hover';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stageInlayHints } from '../../../server/src/core/features/inlayHints';
import { documentSymbols, stageFoldingRanges } from '../../../server/src/core/features/symbols';
import { semanticTokens } from '../../../server/src/core/features/semanticTokens';
import { extractCursors, readFixture } from '../../helpers/fixtures';
import type { TextEdit } from 'vscode-languageserver-types';

const { text, cursors } = extractCursors(readFixture('navigation/stages.Dockerfile'));
const model = parseDockerfile(text);
const lines = text.split('\n');
const at = (line: number, ch: number) => ({ line, character: ch });

function apply(source: string, edits: TextEdit[]): string {
  const ls = source.split('\n');
  for (const e of [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character)) {
    assert.equal(e.range.start.line, e.range.end.line);
    const l = ls[e.range.start.line];
    ls[e.range.start.line] = l.slice(0, e.range.start.character) + e.newText + l.slice(e.range.end.character);
  }
  return ls.join('\n');
}

test('definition from a name in any case, an index, a mount and FROM <stage> lands on AS name', () => {
  for (const i of [2, 3, 5]) assert.equal(findDefinition(model, cursors[i])?.selection.start.line, [0, 0, 2, 2, 2, 8][i], `cursor ${i}`);
  assert.deepEqual(findDefinition(model, cursors[4])?.selection, { start: at(2, 20), end: at(2, 27) });
  assert.deepEqual(findDefinition(model, at(18, 15))?.selection.start, at(2, 20), 'quoted --from');
});
test('definition from a variable in FROM lands on its global ARG', () => {
  assert.equal(findDefinition(model, cursors[1])?.selection.start.line, 0);
});
test('FROM Builder is no reference to builder; an image is no stage', () => {
  assert.equal(findDefinition(model, at(11, 7)), undefined);
  assert.equal(findDefinition(model, cursors[6]), undefined);
});
test('references include every kind of reference, and the declaration on request', () => {
  const refs = stageReferences(model, cursors[0], true).map((r) => `${r.start.line}:${r.start.character}`);
  assert.deepEqual(refs, ['2:20', '8:5', '12:5', '14:12', '15:19', '18:13']);
  assert.equal(stageReferences(model, cursors[2], false).length, 5);
  assert.deepEqual(stageHighlights(model, cursors[0]).map((h) => h.kind), [3, 2, 2, 2, 2, 2]);
});
test('rename changes the declaration and name references, not the index or the variable', () => {
  const edits = renameStageAt(model, cursors[3], 'build');
  assert.ok(Array.isArray(edits));
  const out = apply(text, edits).split('\n');
  assert.equal(out[2], 'FROM golang:1.22 AS build');
  assert.equal(out[8], 'FROM build AS tester');
  assert.equal(out[11], 'FROM Builder AS broken');
  assert.equal(out[1], 'ARG STAGE=build');
  assert.equal(out[12], 'FROM ${STAGE} AS via-arg');
  assert.equal(out[14], 'COPY --from=build /out/app /usr/bin/app');
  assert.equal(out[15], lines[15]);
  assert.equal(out[18], 'COPY --from="build" /out/app /usr/bin/app3');
  const after = parseDockerfile(out.join('\n'));
  assert.equal(after.refs.filter((r) => r.resolution.kind === 'stage' && r.resolution.target === 0).length, 5);
});
test('rename refuses invalid, reserved, taken and capturing names', () => {
  const err = (name: string) => {
    const r = renameStage(model, 0, name);
    return 'error' in r ? r.error : '';
  };
  assert.match(err('1abc'), /not a valid stage name/);
  assert.match(err('web:dev'), /not a valid stage name/);
  assert.match(err('scratch'), /reserved/);
  assert.match(err('Tester'), /already exists/);
  assert.match(err('alpine'), /means an image or build context/);
  const check = prepareStageRename(model, cursors[4]);
  assert.ok(check && 'error' in check && /by index/.test(check.error));
  assert.deepEqual(prepareStageRename(model, cursors[5]), { range: { start: at(17, 27), end: at(17, 33) }, placeholder: 'tester' });
});
test('hover tells the base, what the stage copies and who uses it', () => {
  const hover = JSON.stringify(stageHover(model, cursors[0]));
  assert.match(hover, /golang:1\.22/);
  assert.match(hover, /Used by: `tester` \(FROM, line 9\)/);
  assert.match(hover, /`final` \(COPY --from, line 15\)/);
  assert.match(JSON.stringify(stageHover(model, at(13, 16))), /Copies from: `builder`/);
});
test('inlay hints name index references and mark FROM <stage>', () => {
  const hints = stageInlayHints(model, { start: at(0, 0), end: at(99, 0) }).map((h) => `${h.position.line}:${h.label}`);
  assert.deepEqual(hints, ['8:stage 0', '12:stage 0', '15:: builder', '16:: FROM ${BASE}']);
});
test('inlay hints of a range are those of the whole file that fall in it (only the stages shown are read)', () => {
  const dir = join(__dirname, '../../fixtures/corpus');
  const files = [text, ...readdirSync(dir).filter((f) => f.endsWith('.Dockerfile')).map((f) => readFileSync(join(dir, f), 'utf8'))];
  let compared = 0;
  for (const source of files) {
    const m = parseDockerfile(source);
    const count = source.split('\n').length;
    const all = stageInlayHints(m, { start: at(0, 0), end: at(count, 0) });
    for (const size of [0, 2, 7, 30]) {
      for (let start = 0; start < count; start++) {
        const expected = all.filter((h) => h.position.line >= start && h.position.line <= start + size);
        assert.deepEqual(stageInlayHints(m, { start: at(start, 0), end: at(start + size, 0) }), expected, `lines ${start}-${start + size}`);
        compared += expected.length;
      }
    }
  }
  assert.ok(compared > 100);
});
test('outline: global ARGs, then stages holding their instructions; one fold per stage', () => {
  const symbols = documentSymbols(model);
  assert.deepEqual(symbols.map((s) => s.name), ['BASE', 'STAGE', 'builder', 'stage 1', 'tester', 'broken', 'via-arg', 'final']);
  assert.deepEqual(symbols[7].children?.map((c) => c.name.split(' ')[0]), ['COPY', 'COPY', 'COPY', 'RUN', 'COPY', 'COPY']);
  assert.deepEqual(stageFoldingRanges(model).map((f) => [f.startLine, f.endLine]), [[2, 3], [5, 6], [8, 9], [13, 19]]);
});
test('semantic tokens: stage names as class, images as type', () => {
  const data = semanticTokens(model).data;
  const tokens: string[] = [];
  let line = 0, ch = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    ch = data[i] === 0 ? ch + data[i + 1] : data[i + 1];
    tokens.push(`${line}:${ch}:${lines[line].slice(ch, ch + data[i + 2])}:${data[i + 3]}`);
  }
  assert.ok(tokens.includes('2:20:builder:0'));
  assert.ok(tokens.includes('2:5:golang:1.22:1'));
  assert.ok(tokens.includes('8:5:builder:0'));
  assert.ok(tokens.includes('19:12:alpine:3.19:1'));
  assert.ok(!tokens.some((t) => t.startsWith('11:5:')), 'FROM Builder is neither');
});
