// Every setting the server reads is declared in package.json (what VS Code's Settings editor shows)
// with the server's default and a description, and has a line in the README's settings table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';

const ROOT = join(__dirname, '..', '..');
const declared = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).contributes.configuration.properties as Record<string, { default?: unknown; description?: string; markdownDescription?: string }>;
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

test('every server setting: declared with the same default and a description, and in the README table', () => {
  for (const [key, value] of Object.entries(DEFAULT_SETTINGS)) {
    const d = declared[`dockerfileStages.${key}`];
    assert.ok(d, `dockerfileStages.${key} is declared`);
    assert.deepEqual(d.default, value, `dockerfileStages.${key} default`);
    assert.ok((d.description ?? d.markdownDescription ?? '').length > 20, `dockerfileStages.${key} is described`);
    assert.ok(readme.includes(`| \`${key}\` | \`${JSON.stringify(value).replace(/^"(.*)"$/, '$1') || '""'}\` |`), `README lists ${key}`);
  }
});

test('the network lookups are off by default', () => {
  for (const key of ['dockerEngineLookup', 'registryLookup', 'packageIndexLookup', 'downloadLookup'] as const) {
    assert.equal(DEFAULT_SETTINGS[key], false, key);
    assert.equal(declared[`dockerfileStages.${key}`].default, false, key);
  }
});
