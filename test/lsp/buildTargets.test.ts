// Compose and Bake files over stdio: target diagnostics, completion, definition, and references and
// rename of a stage across the Dockerfile, Compose and Bake files of a workspace on disk.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { CompletionList, Location, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TestClient } from '../helpers/lspClient';
import { tempTree } from '../helpers/cli';

const DOCKERFILE = [
  'FROM golang:1.22 AS deps', // 0
  'FROM deps AS build',       // 1
  'RUN go build -o /app .',   // 2
  'FROM alpine AS runtime',   // 3
  'COPY --from=build /app /app', // 4
  '',
].join('\n');
const COMPOSE = [
  'services:',             // 0
  '  api:',                // 1
  '    build:',            // 2
  '      context: app',    // 3
  '      target: buidl',   // 4
  '  web:',                // 5
  '    build:',            // 6
  '      context: ./app',  // 7
  '      target: build',   // 8
  '  escape:',             // 9
  '    build:',            // 10
  '      context: ../outside', // 11
  '      target: nothing-here', // 12
  '',
].join('\n');
const BAKE_HCL = [
  'target "app" {',          // 0
  '  context = "app"',       // 1
  '  target = "BUILD"',      // 2
  '}',                       // 3
  'target "typing" {',       // 4
  '  context = "app"',       // 5
  '  target = ',             // 6
  '}',                       // 7
  'target "bad" {',          // 8
  '  context = "app"',       // 9
  '  target = "runtim"',     // 10
  '}',                       // 11
  '',
].join('\n');
const BAKE_JSON = '{\n  "target": {\n    "app": { "context": "app", "target": "build" },\n    "x": { "context": "app", "target": "nope" }\n  }\n}\n';

const tree = tempTree({
  'ws/app/Dockerfile': DOCKERFILE,
  'ws/compose.yaml': COMPOSE,
  'ws/docker-bake.hcl': BAKE_HCL,
  'ws/docker-bake.json': BAKE_JSON,
  'outside/Dockerfile': 'FROM alpine AS only\n',
});
const ws = join(tree.dir, 'ws');
const uriOf = (path: string) => pathToFileURL(join(ws, path)).href;
const dockerfile = uriOf('app/Dockerfile');
const compose = uriOf('compose.yaml');
const bakeHcl = uriOf('docker-bake.hcl');
const bakeJson = uriOf('docker-bake.json');
let client: TestClient;
const diagnostics: Record<string, Awaited<ReturnType<TestClient['open']>>> = {};

before(async () => {
  client = new TestClient();
  await client.initialize(undefined, [pathToFileURL(ws).href]);
  diagnostics.compose = await client.open(compose, COMPOSE, 'dockercompose');
  diagnostics.hcl = await client.open(bakeHcl, BAKE_HCL, 'hcl');
  diagnostics.json = await client.open(bakeJson, BAKE_JSON, 'json');
});
after(async () => {
  await client.stop();
  tree.cleanup();
});

const at = (line: number, character: number) => ({ line, character });

test('compose: a target that is no stage is an error with did-you-mean; a Dockerfile outside the workspace is never read', () => {
  assert.deepEqual(diagnostics.compose.map((d) => [d.range.start.line, d.range.start.character, d.range.end.character, d.severity, d.code, d.source, d.message]), [
    [4, 14, 19, 1, 'undefined-target', 'dockerfile-stages', 'target stage "buidl" could not be found in ./app/Dockerfile (did you mean "build"?)'],
  ]);
});

test('bake: the same diagnostic in HCL and JSON; target names match case-insensitively', () => {
  assert.deepEqual(diagnostics.hcl.map((d) => [d.range.start.line, d.code, d.message]), [
    [10, 'undefined-target', 'target stage "runtim" could not be found in ./app/Dockerfile (did you mean "runtime"?)'],
  ]);
  assert.deepEqual(diagnostics.json.map((d) => [d.range.start.line, d.range.start.character, d.message]), [
    [3, 40, 'target stage "nope" could not be found in ./app/Dockerfile'],
  ]);
});

test('completion of build.target lists the stages of the Dockerfile the context points to', async () => {
  const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri: compose }, position: at(8, 16) });
  assert.deepEqual(list.items.map((i) => [i.label, i.detail]), [
    ['deps', 'stage 0 of ./app/Dockerfile'], ['build', 'stage 1 of ./app/Dockerfile'], ['runtime', 'stage 2 of ./app/Dockerfile (the default target)'],
  ].filter(([label]) => label.startsWith('bu')));
  const item = list.items[0];
  assert.deepEqual(item.textEdit, { range: { start: at(8, 14), end: at(8, 19) }, newText: 'build' });
});

test('completion after an empty bake `target =` inserts a quoted stage name', async () => {
  const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri: bakeHcl }, position: at(6, 11) });
  assert.deepEqual(list.items.map((i) => (i.textEdit as { newText: string }).newText), ['"deps"', '"build"', '"runtime"']);
});

test('go to definition from a target lands on the FROM ... AS line', async () => {
  const fromCompose = await client.request<Location>('textDocument/definition', { textDocument: { uri: compose }, position: at(8, 15) });
  assert.deepEqual(fromCompose, { uri: dockerfile, range: { start: at(1, 13), end: at(1, 18) } });
  const fromHcl = await client.request<Location>('textDocument/definition', { textDocument: { uri: bakeHcl }, position: at(2, 13) });
  assert.deepEqual(fromHcl, { uri: dockerfile, range: { start: at(1, 13), end: at(1, 18) } });
  assert.equal(await client.request('textDocument/definition', { textDocument: { uri: compose }, position: at(4, 15) }), null);
});

test('references of a stage in its Dockerfile include the Compose and Bake targets of the workspace', async () => {
  await client.open(dockerfile, DOCKERFILE);
  const refs = await client.request<Location[]>('textDocument/references', { textDocument: { uri: dockerfile }, position: at(1, 14), context: { includeDeclaration: true } });
  assert.deepEqual(refs.map((r) => `${r.uri.slice(r.uri.lastIndexOf('/') + 1)}:${r.range.start.line}:${r.range.start.character}`).sort(), [
    'Dockerfile:1:13', 'Dockerfile:4:12', 'compose.yaml:8:14', 'docker-bake.hcl:2:12', 'docker-bake.json:2:42',
  ]);
});

test('references from a Compose target: the stage, its uses, and every other target naming it', async () => {
  const refs = await client.request<Location[]>('textDocument/references', { textDocument: { uri: compose }, position: at(8, 16), context: { includeDeclaration: true } });
  assert.equal(refs.length, 5);
});

test('rename from the Dockerfile also edits the Compose and Bake targets', async () => {
  const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: dockerfile }, position: at(1, 14), newName: 'compile' });
  const changes = edit.changes!;
  assert.deepEqual(Object.keys(changes).sort(), [dockerfile, compose, bakeHcl, bakeJson].sort());
  assert.deepEqual(changes[compose], [{ range: { start: at(8, 14), end: at(8, 19) }, newText: 'compile' }]);
  assert.deepEqual(changes[bakeHcl], [{ range: { start: at(2, 12), end: at(2, 17) }, newText: 'compile' }]);
  assert.equal(changes[dockerfile].length, 2);
});

test('rename from a Bake target renames the stage in the Dockerfile and every target', async () => {
  const prepared = await client.request<{ range: unknown; placeholder: string }>('textDocument/prepareRename', { textDocument: { uri: bakeHcl }, position: at(2, 14) });
  assert.deepEqual(prepared, { range: { start: at(2, 12), end: at(2, 17) }, placeholder: 'BUILD' });
  const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: bakeHcl }, position: at(2, 14), newName: 'compile' });
  assert.deepEqual(Object.keys(edit.changes!).sort(), [dockerfile, compose, bakeHcl, bakeJson].sort());
  await assert.rejects(client.request('textDocument/rename', { textDocument: { uri: bakeHcl }, position: at(2, 14), newName: 'deps' }), /already exists/);
});

test('editing the open Dockerfile updates the Compose diagnostics', async () => {
  // Other publishes for the Compose file (a background re-index) may come first: wait for a changed one.
  const before = JSON.stringify(client.diagnostics.get(compose)?.diagnostics);
  const next = client.waitDiagnostics(compose, undefined, 10000, (d) => JSON.stringify(d) !== before);
  await client.change(dockerfile, [{ range: { start: at(1, 13), end: at(1, 18) }, text: 'buidl' }]);
  const updated = await next;
  assert.deepEqual(updated.map((d) => [d.range.start.line, d.code]), [[8, 'undefined-target']]);
});

test('no stage diagnostics, hover or symbols on Compose files', async () => {
  assert.equal(await client.request('textDocument/hover', { textDocument: { uri: compose }, position: at(4, 15) }), null);
  assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri: compose } }), []);
});

test('quick fix: change a mistyped target to the suggested stage', async () => {
  const d = diagnostics.compose[0];
  const actions = await client.request<{ title: string; edit: WorkspaceEdit }[]>('textDocument/codeAction', { textDocument: { uri: compose }, range: d.range, context: { diagnostics: [d] } });
  assert.deepEqual(actions.map((a) => [a.title, a.edit.changes![compose]]), [['Change to "build"', [{ range: d.range, newText: 'build' }]]]);
});
