// The size limits: what is past them, and the parser refusing a stage that is too long.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateDockerfile } from '../../bench/generate';
import { StageParser } from '../../server/src/core/model/parse';
import { LIMITS, overLimits } from '../../server/src/limits';

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

test('StageParser with maxStageLines: a longer stage or an unclosed heredoc gives an empty model, and it recovers', () => {
  const parser = new StageParser(100);
  const ok = 'FROM alpine AS a\n' + 'RUN x\n'.repeat(99) + 'FROM a AS b\n';
  assert.equal(parser.parse(ok, 1).stages.length, 2);
  assert.equal(parser.rejected, undefined);
  const long = 'FROM alpine AS a\n' + 'RUN x\n'.repeat(101) + 'FROM a AS b\n';
  assert.equal(parser.parse(long, 2).stages.length, 0);
  assert.match(parser.rejected ?? '', /stage starting on line 1 has more than 100 lines/);
  const heredoc = 'FROM alpine AS a\nRUN <<EOF\n' + 'FROM b AS c\n'.repeat(150);
  assert.equal(parser.parse(heredoc, 3).stages.length, 0);
  assert.ok(parser.rejected);
  assert.equal(parser.parse(ok, 4).stages.length, 2);
  assert.equal(parser.rejected, undefined);
});
