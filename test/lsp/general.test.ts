// General Dockerfile features (dockerfile-language-service) behind the stage features, bounded:
// lint in a worker with a time limit, nothing on stages, off when another Docker extension is there.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TestClient } from '../helpers/lspClient';
import type { CodeAction, CompletionItem, CompletionList, Diagnostic, Hover, TextEdit } from 'vscode-languageserver-protocol';

let client: TestClient;
before(async () => {
  client = new TestClient();
  await client.initialize();
});
after(() => client.stop());

/** Waits until the server publishes diagnostics from the general lint for the document. */
async function withGeneral(uri: string, text: string, on = client): Promise<Diagnostic[]> {
  let diags = await on.open(uri, text);
  for (let i = 0; i < 50 && !diags.some((d) => d.source === 'dockerfile-utils'); i++) diags = await on.waitDiagnostics(uri, 1);
  return diags;
}

// With Docker DX (buildkitChecks: auto), our ConsistentInstructionCasing is off, so the general
// lint's casing warning and its quick fix show.
test('general lint arrives after the stage diagnostics, without stage checks of its own', async () => {
  const dx = new TestClient();
  await dx.initialize({ dockerDx: true });
  try {
    const uri = 'file:///general/a/Dockerfile';
    const diags = await withGeneral(uri, 'FROM alpine AS web\nrun echo hi\nFROM alpine AS web\nCOPY --from=web /a /b\n', dx);
    assert.ok(diags.some((d) => d.source === 'dockerfile-utils' && d.range.start.line === 1), 'casing of run');
    assert.deepEqual(diags.filter((d) => /duplicate/i.test(String(d.message))).map((d) => d.source), ['dockerfile-stages']);
    const actions = await dx.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diags.find((d) => d.source === 'dockerfile-utils')!.range, context: { diagnostics: diags.filter((d) => d.source === 'dockerfile-utils') } });
    const upper = actions.find((a) => /upper/i.test(a.title));
    assert.deepEqual(upper?.edit?.changes?.[uri], [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } }, newText: 'RUN' }]);
  } finally {
    await dx.stop();
  }
});

test('without Docker DX our BuildKit check replaces the general lint on the same range', async () => {
  const uri = 'file:///general/e/Dockerfile';
  const diags = await client.open(uri, 'FROM alpine\nrun echo hi\nRUN echo two\nRUN echo three\n');
  assert.deepEqual(diags.filter((d) => d.range.start.line === 1).map((d) => `${d.source} ${d.code}`), ['dockerfile-stages consistent-instruction-casing']);
});

test('instruction completion and hover where no stage can be named', async () => {
  const uri = 'file:///general/b/Dockerfile';
  await client.open(uri, 'FROM alpine\nWOR\n');
  const list = await client.request<CompletionItem[] | CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 3 } });
  const items = Array.isArray(list) ? list : list.items;
  assert.ok(items.some((i) => i.label.startsWith('WORKDIR')));
  const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } });
  assert.match(JSON.stringify(hover.contents), /baseImage/);
  const edits = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } });
  assert.ok(Array.isArray(edits));
});

test('a validator input that hangs for seconds does not hold anything up', async () => {
  const uri = 'file:///general/c/Dockerfile';
  const text = `FROM alpine AS ${'n'.repeat(500)}"${'n'.repeat(500)}\nFROM alpine\nCOPY --from= /a /b\n`;
  const started = Date.now();
  const diags = await client.open(uri, text);
  assert.ok(diags.some((d) => d.code === 'invalid-stage-name'));
  await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 2 } });
  assert.ok(Date.now() - started < 2000, `answered after ${Date.now() - started} ms`);
});

test('off when the client reports another Docker extension (auto), on when set so', async () => {
  const other = new TestClient();
  await other.initialize({ otherDockerExtensions: true });
  const uri = 'file:///general/d/Dockerfile';
  await other.open(uri, 'FROM alpine\nWOR\n');
  const list = await other.request<CompletionItem[] | CompletionList | null>('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 3 } });
  assert.equal(list, null);
  await other.stop();
});
