// A small differential run in every `npm test` (the full one: `npm run differential`): generated
// files, our verdict (any error: the build fails) against the reference model of BuildKit's
// convert.go in test/differential/reference.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { differential } from '../../differential/run';

test('differential: 300 generated files, verdicts agree with the BuildKit reference model', () => {
  const r = differential(300, 7);
  assert.deepEqual(r.disagreements.slice(0, 3), []);
  assert.ok(r.bothFail > 50 && r.agree - r.bothFail > 50, `a mix of failing (${r.bothFail}) and building (${r.agree - r.bothFail}) files`);
});
