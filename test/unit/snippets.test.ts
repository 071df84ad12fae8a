// Every multi-stage snippet expands (placeholders at their defaults) to a Dockerfile that has no
// stage diagnostic, has tab stops, and leaves shell variables alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDockerfile } from '../../server/src/core/model/parse';
import { stageDiagnostics } from '../../server/src/core/features/diagnostics';
import { expandSnippet } from '../helpers/snippets';

interface Snippet {
  prefix: string | string[];
  description: string;
  body: string[];
}

const ROOT = join(__dirname, '..', '..');
const snippets = JSON.parse(readFileSync(join(ROOT, 'snippets', 'dockerfile.json'), 'utf8')) as Record<string, Snippet>;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

test('snippets: the manifest contributes the snippet file for dockerfile', () => {
  assert.deepEqual(pkg.contributes.snippets, [{ language: 'dockerfile', path: './snippets/dockerfile.json' }]);
});

test('snippets: the required templates exist', () => {
  const prefixes = Object.values(snippets).flatMap((s) => s.prefix);
  for (const p of ['go-alpine', 'go-scratch', 'go-distroless', 'c-alpine', 'c-scratch', 'php-extension', 'rust', 'node', 'python', 'java']) {
    assert.ok(prefixes.includes(`multistage-${p}`), p);
  }
});

for (const [name, snippet] of Object.entries(snippets)) {
  test(`snippet ${name}: expands to a Dockerfile without stage diagnostics`, () => {
    const { text, tabstops, variables } = expandSnippet(snippet.body);
    assert.deepEqual(variables, [], 'a `$VAR` meant for the shell must be written `\\$VAR`');
    assert.ok(name === 'Builder stage' || tabstops.size >= 3, 'tab stops for names and paths');
    assert.ok(snippet.description.length > 10);
    const model = parseDockerfile(text);
    assert.ok(model.stages.length >= 1);
    assert.deepEqual(stageDiagnostics(model).map((d) => `${d.range.start.line + 1}: ${d.code} ${d.message}`), []);
  });
}

test('snippets: multi-stage templates copy from a named earlier stage', () => {
  for (const [name, snippet] of Object.entries(snippets)) {
    if (!name.includes('→') && !/Node|Python|Java|PHP/.test(name)) continue;
    const model = parseDockerfile(expandSnippet(snippet.body).text);
    assert.ok(model.stages.length >= 2, name);
    assert.ok(model.refs.some((r) => r.kind === 'copy' && r.resolution.kind === 'stage' && r.resolution.by === 'name'), name);
  }
});

test('snippet expander: defaults, mirrors, choices, escapes, variables', () => {
  const e = expandSnippet(['FROM ${1:alpine} AS ${2:b}', 'COPY --from=$2 \\$HOME ${3|x,y|} ${TM_FILENAME}']);
  assert.equal(e.text, 'FROM alpine AS b\nCOPY --from=b $HOME x ');
  assert.deepEqual([...e.tabstops].sort(), [1, 2, 3]);
  assert.deepEqual(e.variables, ['TM_FILENAME']);
});
