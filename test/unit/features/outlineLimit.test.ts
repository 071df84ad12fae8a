// The outline of a very large document lists its stages without their instructions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { documentSymbols } from '../../../server/src/core/features/symbols';

test('documentSymbols with instructions: false keeps every stage and drops the children', () => {
  const model = parseDockerfile('ARG A=1\nFROM alpine AS a\nRUN x\nCOPY . .\nFROM a AS b\nRUN y\n');
  const full = documentSymbols(model);
  const reduced = documentSymbols(model, { instructions: false });
  assert.deepEqual(full.map((s) => s.name), ['A', 'a', 'b']);
  assert.deepEqual(reduced.map((s) => s.name), ['A', 'a', 'b']);
  assert.deepEqual(full.map((s) => s.children?.length ?? 0), [0, 2, 1]);
  assert.deepEqual(reduced.map((s) => s.children?.length ?? 0), [0, 0, 0]);
});
