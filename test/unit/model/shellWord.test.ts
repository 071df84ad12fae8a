// BuildKit's word processing on nested `${`: ordinary nesting expands, a pathological depth (the
// fuzz suite's 5,000 `${`) is an unterminated word instead of a stack overflow that failed every
// request on the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { processWord } from '../../../server/src/core/model/shellWord';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { prepareStageRename } from '../../../server/src/core/features/rename';

test('nested defaults expand as BuildKit does', () => {
  const r = processWord('${A:-${B:-${C:-deep}}}', (n) => (n === 'B' ? 'set' : undefined));
  assert.equal(r.value, 'set');
  assert.equal(r.error, undefined);
  assert.deepEqual([...r.unmatched].sort(), ['A', 'C']);
});

test('5,000 nested ${ are an unterminated word, not a stack overflow', () => {
  const r = processWord('${'.repeat(5000));
  assert.equal(r.error, 'missing }');
  const text = 'FROM alpine\nENV A=' + '${'.repeat(5000) + '\nCOPY --from=' + '${'.repeat(5000) + ' a b\nFROM ' + '${'.repeat(5000) + '\n';
  const model = parseDockerfile(text);
  for (let line = 0; line < 4; line++) assert.doesNotThrow(() => prepareStageRename(model, { line, character: 12 }));
});
