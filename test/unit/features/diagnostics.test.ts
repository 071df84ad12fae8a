// Stage diagnostics on annotated fixtures, and none (but hints) on real-world Dockerfiles.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { stageDiagnostics } from '../../../server/src/core/features/diagnostics';
import { diffDiagnostics, fixtureFiles, readFixture } from '../../helpers/fixtures';
import { corpusFiles } from '../../helpers/corpus';
import { RULE_BY_CODE } from '../../../server/src/core/features/checks/rules';

for (const file of fixtureFiles('diagnostics')) {
  test(`diagnostics: ${file}`, () => {
    const text = readFixture(file);
    const problems = diffDiagnostics(text, stageDiagnostics(parseDockerfile(text)));
    assert.deepEqual(problems, []);
  });
}

// BuildKit's own lint warnings are expected here (corpus-real checks them against BuildKit).
test('real-world Dockerfiles get no stage error, warning or information', () => {
  for (const { name, text } of corpusFiles()) {
    const serious = stageDiagnostics(parseDockerfile(text)).filter((d) => d.severity !== 4 && !RULE_BY_CODE.has(String(d.code)));
    assert.deepEqual(serious.map((d) => `${name}:${d.range.start.line + 1} ${d.code} ${d.message}`), []);
  }
});

test('every diagnostic carries the source and a code', () => {
  const text = readFixture('diagnostics/references.Dockerfile');
  for (const d of stageDiagnostics(parseDockerfile(text))) {
    assert.equal(d.source, 'dockerfile-stages');
    assert.equal(typeof d.code, 'string');
  }
});
