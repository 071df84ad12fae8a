// The bundled server driven over stdio as an editor drives it (run `npm run build` first).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TestClient } from '../helpers/lspClient';
import { readFixture } from '../helpers/fixtures';
import type { CompletionList, Hover, Location, LocationLink, WorkspaceEdit } from 'vscode-languageserver-protocol';

const PROBE = [
  '# syntax=docker/dockerfile:1',
  'ARG BASE=alpine:3.19',
  'FROM golang:1.22 AS builder',
  'WORKDIR /src',
  'RUN go build -o /out/app .',
  '',
  'FROM ${BASE} AS Runtime-Base',
  'RUN apk add --no-cache ca-certificates',
  '',
  'FROM builder AS tester',
  'RUN go test ./...',
  '',
  'FROM runtime-base AS final',
  'COPY --from=builder /out/app /usr/bin/app',
  'COPY --from=0 /etc/passwd /etc/passwd',
  'COPY --link --from=builder /out/app /usr/bin/app3',
  'RUN --mount=type=bind,from=tester,target=/t true',
  'COPY --from=biulder /x /x',
  '',
].join('\n');
const uri = 'file:///probe/Dockerfile';
let client: TestClient;
let diagnostics: Awaited<ReturnType<TestClient['open']>>;

before(async () => {
  client = new TestClient();
  await client.initialize();
  diagnostics = await client.open(uri, PROBE);
});
after(() => client.stop());

test('advertises incremental sync and the stage features', () => {
  const c = client.capabilities;
  assert.equal(c.textDocumentSync, 2);
  for (const key of ['completionProvider', 'definitionProvider', 'referencesProvider', 'renameProvider', 'documentHighlightProvider', 'documentSymbolProvider', 'hoverProvider', 'inlayHintProvider', 'semanticTokensProvider', 'codeActionProvider', 'foldingRangeProvider'] as const) {
    assert.ok(c[key], key);
  }
});

test('publishes stage diagnostics with source and code on open', () => {
  const serious = diagnostics.filter((d) => d.severity !== 4);
  assert.deepEqual(serious.map((d) => [d.range.start.line, d.code, d.source]), [
    [6, 'stage-name-casing', 'dockerfile-stages'],
    [17, 'undefined-stage', 'dockerfile-stages'],
  ]);
});

test('completion after COPY --link --from= lists the earlier stages, not the current one', async () => {
  const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 15, character: 19 } });
  assert.deepEqual(list.items.map((i) => i.label), ['tester', 'runtime-base', 'builder']);
});

test('definition from --link --from=builder, a mount and FROM <stage>', async () => {
  for (const [line, character, expected] of [[15, 22, 2], [16, 30, 9], [12, 8, 6], [14, 12, 2]] as const) {
    const result = await client.request<Location | LocationLink[]>('textDocument/definition', { textDocument: { uri }, position: { line, character } });
    const got = Array.isArray(result) ? result[0].targetSelectionRange.start.line : result.range.start.line;
    assert.equal(got, expected, `${line}:${character}`);
  }
});

test('references, rename and hover', async () => {
  const refs = await client.request<Location[]>('textDocument/references', { textDocument: { uri }, position: { line: 2, character: 22 }, context: { includeDeclaration: true } });
  assert.deepEqual(refs.map((r) => r.range.start.line), [2, 9, 13, 14, 15]);
  const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: { line: 13, character: 14 }, newName: 'build' });
  assert.equal(edit.changes?.[uri].length, 4);
  await assert.rejects(client.request('textDocument/rename', { textDocument: { uri }, position: { line: 13, character: 14 }, newName: 'tester' }), /already exists/);
  const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 22 } });
  assert.match(JSON.stringify(hover.contents), /Used by/);
});

test('an incremental edit republishes diagnostics for the new version only', async () => {
  const fixed = await client.change(uri, [{ range: { start: { line: 17, character: 12 }, end: { line: 17, character: 19 } }, text: 'builder' }]);
  assert.equal(fixed.filter((d) => d.code === 'undefined-stage').length, 0);
});

// BuildKit v0.24.0 itself warns UndefinedVar for $GOPATH in buildkit.Dockerfile (corpus-real,
// moby__buildkit__Dockerfile line 53): that one warning, from the BuildKit checks.
test('the corpus opens with no stage error or warning, and only the BuildKit check BuildKit reports', async () => {
  const expected: Record<string, string[]> = { 'buildkit.Dockerfile': ["undefined-var Usage of undefined variable '$GOPATH' (did you mean $PATH?)"], 'docker-cli.Dockerfile': [] };
  for (const name of ['buildkit.Dockerfile', 'docker-cli.Dockerfile']) {
    const diags = await client.open(`file:///corpus/${name}`, readFixture(`corpus/${name}`));
    assert.deepEqual(diags.filter((d) => d.severity! < 3).map((d) => `${d.code} ${d.message}`), expected[name], name);
  }
});
