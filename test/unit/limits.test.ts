// The size limits: what is past them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateDockerfile } from '../../bench/generate';
import { textSource } from '../../server/src/core/model/parse';
import { LIMITS, longLine, overLimits, overLimitsAfterEdit } from '../../server/src/limits';

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

test('overLimitsAfterEdit: looks only around the edit, and finds every line the edit pushed past the limit', () => {
  const max = LIMITS.maxLineChars;
  const filler = 'RUN echo filler\n'.repeat(20_000);
  const nearlyLong = 'RUN ' + 'a'.repeat(max - 4);
  const base = `FROM alpine\n${filler}${nearlyLong}\n${filler}`;
  assert.equal(overLimits(base), undefined);
  const at = base.indexOf(nearlyLong) + 10;
  const typed = base.slice(0, at) + 'x' + base.slice(at);
  assert.equal(overLimitsAfterEdit(textSource(typed), at, 1), overLimits(typed));
  assert.match(overLimitsAfterEdit(textSource(typed), at, 1) ?? '', /^line 20002 has 100001 characters/);
  const half = 'RUN ' + 'b'.repeat(max / 2 + 10);
  const two = `FROM alpine\n${filler}${half}\n${half}\n${filler}`;
  const join = two.indexOf(half) + half.length;
  const joined = two.slice(0, join) + two.slice(join + 1);
  assert.ok(overLimitsAfterEdit(textSource(joined), join, 0), 'two lines joined into one too long');
  const paste = `FROM alpine\n${filler}RUN ${'p'.repeat(2 * max)}\n${filler}`;
  assert.ok(overLimitsAfterEdit(textSource(paste), paste.indexOf('RUN p'), 2 * max + 5));
  const fine = base.slice(0, 20) + 'y' + base.slice(20);
  assert.equal(overLimitsAfterEdit(textSource(fine), 20, 1), undefined);
});

test('overLimitsAfterEdit: the same answer as overLimits whatever the line lengths around the windows it searches in, and the line breaks', () => {
  const max = LIMITS.maxLineChars;
  for (const br of ['\n', '\r\n', '\r']) {
    for (const length of [0, 255, 256, 257, 1023, 1024, 1025, 4097, 65_536, max - 1, max]) {
      const line = 'RUN ' + 'c'.repeat(Math.max(0, length - 4));
      const text = `FROM a${br}${'RUN x' + br}${line}${br}RUN y${br}`;
      const lineAt = text.indexOf(line);
      for (const at of [lineAt, lineAt + 1, lineAt + Math.floor(line.length / 2), lineAt + line.length]) {
        for (const insert of ['', 'z', 'zz']) {
          const edited = text.slice(0, at) + insert + text.slice(at);
          assert.equal(overLimitsAfterEdit(textSource(edited), at, insert.length), overLimits(edited), `${JSON.stringify(br)} line ${length}, at ${at - lineAt}, +${insert.length}`);
        }
      }
    }
  }
});
