// `check --format sarif` is valid SARIF 2.1.0 (checked against the schema with ajv) and says what
// code scanning needs: rule ids and levels, relative locations, 1-based regions.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { runCliIn, tempTree } from '../../helpers/cli';
import { FIXTURES } from '../../helpers/fixtures';

const schema = JSON.parse(readFileSync(join(FIXTURES, 'sarif', 'sarif-2.1.0-rtm.5.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }) // the schema's language pattern is not valid with the u flag;
addFormats(ajv);
const validate = ajv.compile(schema);

const tree = tempTree({
  'Dockerfile': 'FROM alpine AS Build\nCOPY --from=build /a /b\n',
  'services/web app/Dockerfile': 'FROM alpine\nCOPY --from=3 /a /b\n',
  'clean/Dockerfile': 'FROM alpine\n',
});
after(() => tree.cleanup());

function assertValid(log: unknown): void {
  const ok = validate(log);
  assert.ok(ok, JSON.stringify(validate.errors, null, 2));
}

test('the schema rejects a broken log (the validator is live)', () => {
  assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }), false);
  assert.equal(validate({ version: '2.0.0', runs: [] }), false);
});

test('sarif output validates against the SARIF 2.1.0 schema, with results', async () => {
  const r = await runCliIn(tree.dir, ['check', '--format', 'sarif', '.']);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, '');
  const log = JSON.parse(r.stdout);
  assertValid(log);
  const run = log.runs[0];
  assert.equal(run.tool.driver.name, 'dockerfile-stages');
  const results = run.results as { ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> } }[] }[];
  assert.deepEqual(results.map((x) => [x.ruleId, x.level, x.locations[0].physicalLocation.artifactLocation.uri]), [
    ['stage-name-casing', 'warning', 'Dockerfile'],
    ['self-reference', 'error', 'Dockerfile'],
    ['index-out-of-range', 'error', 'services/web%20app/Dockerfile'],
  ]);
  const self = results[1];
  assert.deepEqual(self.locations[0].physicalLocation.region, { startLine: 2, startColumn: 13, endLine: 2, endColumn: 18 });
  assert.equal(self.locations[0].physicalLocation.artifactLocation.uriBaseId, '%SRCROOT%');
  assert.equal(run.tool.driver.rules[self.ruleIndex].id, 'self-reference');
  assert.match(run.originalUriBaseIds['%SRCROOT%'].uri, /^file:\/\/.*\/$/);
});

test('a clean run is a valid log with no results, exit 0', async () => {
  const r = await runCliIn(tree.dir, ['check', '-f', 'sarif', 'clean']);
  assert.equal(r.code, 0);
  const log = JSON.parse(r.stdout);
  assertValid(log);
  assert.deepEqual(log.runs[0].results, []);
});

test('files outside the current directory get absolute file URIs, still valid', async () => {
  const r = await runCliIn(join(tree.dir, 'clean'), ['check', '-f', 'sarif', join(tree.dir, 'Dockerfile')]);
  const log = JSON.parse(r.stdout);
  assertValid(log);
  const location = log.runs[0].results[0].locations[0].physicalLocation.artifactLocation;
  assert.equal(location.uriBaseId, undefined);
  assert.match(location.uri, /^file:\/\/\/.*\/Dockerfile$/);
});
