// Size findings and size hints over stdio: the findings follow the stage diagnostics once typing
// pauses (the context's .git included once the context is indexed), each quick fix carries its
// saving, the .dockerignore fix creates the file, and the inlay hints give what each line adds.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, InlayHint } from 'vscode-languageserver/node';
import { TestClient } from '../helpers/lspClient';

const dir = mkdtempSync(join(tmpdir(), 'size-findings-'));
mkdirSync(join(dir, '.git', 'objects'), { recursive: true });
writeFileSync(join(dir, '.git', 'objects', 'pack'), Buffer.alloc(3_000_000));
writeFileSync(join(dir, 'app.sh'), 'echo hi\n');
const uri = pathToFileURL(join(dir, 'Dockerfile')).href;
const TEXT = ['FROM debian:bookworm-slim', 'COPY . /app', 'RUN apt-get update && apt-get install -y curl', 'CMD ["/app/app.sh"]', ''].join('\n');
let client: TestClient;
let found: Diagnostic[];

before(async () => {
  client = new TestClient();
  await client.initialize();
  const first = await client.open(uri, TEXT);
  assert.ok(!first.some((d) => String(d.code).startsWith('size-')), 'the first publish carries the stage diagnostics only');
  found = await client.waitDiagnostics(uri, 1, 20_000, (ds) => ds.some((d) => d.code === 'size-context'));
});
after(() => client.stop());

test('the findings arrive after the stage diagnostics, with their savings', () => {
  const codes = found.filter((d) => String(d.code).startsWith('size-')).map((d) => [d.range.start.line, d.code, d.severity, d.source]);
  assert.deepEqual(codes, [
    [1, 'size-context', 4, 'dockerfile-stages'],
    [2, 'size-apt-lists', 3, 'dockerfile-stages'],
    [2, 'size-recommends', 4, 'dockerfile-stages'],
  ]);
  assert.match(String(found.find((d) => d.code === 'size-context')!.message), /COPY \. brings \.git \(≈ 3 MB\) into the image/);
  assert.match(String(found.find((d) => d.code === 'size-apt-lists')!.message), /\(≈ 19 MB\)/);
});

test('the quick fixes carry the saving in their titles; the .dockerignore one creates the file', async () => {
  const at = (line: number, character: number) => ({ start: { line, character }, end: { line, character } });
  const onRun = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 2, character: 0 }, end: { line: 2, character: 44 } }, context: { diagnostics: [] } });
  const titles = onRun.map((a) => a.title);
  assert.ok(titles.includes('Remove apt lists in the same RUN (≈ −19 MB)'), titles.join(' | '));
  assert.ok(titles.some((t) => /^Add --no-install-recommends \(≈ −\d/.test(t)), titles.join(' | '));
  const apt = onRun.find((a) => a.title.startsWith('Remove apt lists'))!;
  assert.equal(apt.kind, 'quickfix');
  assert.deepEqual(apt.edit!.changes![uri], [{ range: at(2, 45), newText: ' && rm -rf /var/lib/apt/lists/*' }]);
  const onCopy = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: at(1, 5), context: { diagnostics: [] } });
  const ignore = onCopy.find((a) => a.title.startsWith('Add .git to .dockerignore'))!;
  assert.match(ignore.title, /\(≈ −3 MB\)$/);
  const ignoreUri = pathToFileURL(join(dir, '.dockerignore')).href;
  assert.deepEqual(ignore.edit!.documentChanges, [
    { kind: 'create', uri: ignoreUri, options: { ignoreIfExists: true } },
    { textDocument: { uri: ignoreUri, version: null }, edits: [{ range: at(0, 0), newText: '.git\n' }] },
  ]);
});

test('inlay hints give what each instruction adds', async () => {
  const hints = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 4, character: 0 } } });
  const labels = hints.map((h) => [h.position.line, h.label]);
  assert.ok(labels.some(([line, label]) => line === 1 && /^\+3 MB$/.test(String(label))), JSON.stringify(labels));
  assert.ok(labels.some(([line, label]) => line === 2 && /^\+[\d.]+ MB$/.test(String(label))), JSON.stringify(labels));
});

test('a keystroke keeps the findings of the stage shown while the new ones are computed', async () => {
  const next = await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# a comment\n' }]);
  assert.deepEqual(next.filter((d) => String(d.code).startsWith('size-')).map((d) => d.range.start.line), [2, 3, 3]);
});
