// Semantic tokens: stage names and references merged in document order and made relative, equal to
// encoding every token after a plain sort; and when the model hands references out of order, the
// fallback sort gives the same answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { semanticTokens } from '../../../server/src/core/features/semanticTokens';
import type { StageModel } from '../../../server/src/core/model/types';

const CORPUS = join(__dirname, '..', '..', 'fixtures', 'corpus');

/** The tokens as absolute [line, character, length, type, modifiers], from LSP's relative encoding. */
function absolute(data: number[]): number[][] {
  const out: number[][] = [];
  let line = 0;
  let ch = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    ch = data[i] === 0 ? ch + data[i + 1] : data[i + 1];
    out.push([line, ch, data[i + 2], data[i + 3], data[i + 4]]);
  }
  return out;
}

function sortedByPosition(tokens: number[][]): boolean {
  return tokens.every((t, i) => i === 0 || tokens[i - 1][0] < t[0] || (tokens[i - 1][0] === t[0] && tokens[i - 1][1] < t[1]));
}

const cases: [string, string][] = [
  ...readdirSync(CORPUS).filter((f) => f.endsWith('.Dockerfile')).map((f): [string, string] => [f, readFileSync(join(CORPUS, f), 'utf8')]),
  ['continued FROM', 'FROM golang:1.22 \\\n  AS build\nFROM alpine AS run\nCOPY --from=build /a /b\nRUN --mount=from=run,target=/x true\nFROM run\n'],
];

test('every token once, in document order, on the corpus and a continued FROM', () => {
  for (const [name, text] of cases) {
    const model = parseDockerfile(text);
    const tokens = absolute(semanticTokens(model).data);
    assert.ok(sortedByPosition(tokens), name);
    const names = model.stages.filter((s) => s.nameRange).length;
    assert.equal(tokens.filter((t) => t[4] === 1).length, names, `${name}: one declaration per named stage`);
  }
});

test('references handed out of order give the same tokens', () => {
  for (const [name, text] of cases) {
    const model = parseDockerfile(text);
    const reversed = Object.create(model, { refs: { value: [...model.refs].reverse() } }) as StageModel;
    assert.deepEqual(semanticTokens(reversed).data, semanticTokens(model).data, name);
  }
});

test('a range keeps only the tokens on its lines', () => {
  const text = cases.at(-1)![1];
  const model = parseDockerfile(text);
  const all = absolute(semanticTokens(model).data);
  const some = absolute(semanticTokens(model, { start: { line: 2, character: 0 }, end: { line: 3, character: 0 } }).data);
  assert.deepEqual(some, all.filter((t) => t[0] >= 2 && t[0] <= 3));
  assert.ok(some.length > 0);
});
