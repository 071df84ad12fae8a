// The example Dockerfiles that `npm start` opens have no stage error, warning or information
// (hints are fine: the debug targets are meant to be faded when the release is the target).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDockerfile } from '../../server/src/core/model/parse';
import { stageDiagnostics } from '../../server/src/core/features/diagnostics';

for (const name of ['go', 'c', 'php']) {
  test(`examples/${name}/Dockerfile has no stage problem`, () => {
    const text = readFileSync(join(__dirname, '..', '..', 'examples', name, 'Dockerfile'), 'utf8');
    const model = parseDockerfile(text);
    assert.ok(model.stages.length >= 2);
    assert.deepEqual(stageDiagnostics(model).filter((d) => d.severity !== 4).map((d) => `${d.range.start.line + 1} ${d.code}`), []);
  });
}
