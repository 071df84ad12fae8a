// Replays every input the fuzz suite once failed on (test/fixtures/fuzz/) through the same checks
// over stdio: no crash, error or logged error, no hang, diagnostics for every version, proposed
// edits that apply and parse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateDockerfile } from '../../bench/generate';
import { random } from '../fuzz/cases';
import { FuzzSession } from '../fuzz/driver';
import { FIXTURES } from '../helpers/fixtures';

const dir = join(FIXTURES, 'fuzz');
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.in'))
  .sort()
  .map((f) => ({ name: f, text: readFileSync(join(dir, f), 'utf8') }));
// Too large to keep as a file: the outline of 5,000 stages took 550 ms to send after an edit.
cases.push({ name: '5,000 generated stages (outline)', text: generateDockerfile(5000) });

test('fuzz regressions pass every check', async () => {
  // Test files run in parallel here, so the time bounds only catch hangs; npm run fuzz and the
  // benchmark hold the real ones.
  const session = new FuzzSession({ requestMs: 2000, bigRequestMs: 5000, diagnosticsMs: 20_000 });
  try {
    for (const kase of cases) {
      const problems = await session.run(kase, random(1));
      assert.deepEqual(problems, [], kase.name);
    }
  } finally {
    await session.stop();
  }
});
