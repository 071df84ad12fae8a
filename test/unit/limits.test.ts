// The size limits: what is past them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateDockerfile } from '../../bench/generate';
import { LIMITS, longLine, overLimits } from '../../server/src/limits';

test('overLimits: document size and line length, with every kind of line break', () => {
  assert.equal(overLimits(generateDockerfile(5000)), undefined);
  assert.match(overLimits('x'.repeat(LIMITS.maxDocumentChars + 1)) ?? '', /characters \(limit/);
  const long = 'a'.repeat(LIMITS.maxLineChars + 1);
  assert.match(overLimits(`FROM alpine\nRUN ${long}\n`) ?? '', /^line 2 /);
  assert.match(overLimits(`FROM alpine\r\nRUN x\r\nRUN ${long}`) ?? '', /^line 3 /);
  assert.match(overLimits(`FROM alpine\rRUN x\rRUN x\r${long}`) ?? '', /^line 4 /);
  assert.equal(overLimits(`FROM alpine\r${'RUN x\r'.repeat(LIMITS.maxLineChars)}`), undefined);
  assert.equal(overLimits(''), undefined);
});

test('longLine: the first line over the bound, with its 0-based number and length', () => {
  assert.equal(longLine('a\nbb\nccc', 3), undefined);
  assert.deepEqual(longLine('a\nbbbb\ncccccc', 3), { line: 1, length: 4 });
  assert.deepEqual(longLine('a\r\nb\rcccc', 3), { line: 2, length: 4 });
  assert.deepEqual(longLine('FROM a\nRUN ' + 'x'.repeat(LIMITS.maxGeneralLineChars), LIMITS.maxGeneralLineChars), { line: 1, length: LIMITS.maxGeneralLineChars + 4 });
});
