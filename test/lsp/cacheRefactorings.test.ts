// The cache refactorings through the bundled server over stdio, for a client that resolves edits:
// "Add cache mounts" on the Go fixture is listed as refactor.rewrite without its edit, with what
// leaves the image in the title, and codeAction/resolve gives the after fixture. Run `npm run build` first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lspDriver';
import { extractCursors, readFixture } from '../helpers/fixtures';
import { applyAction } from '../helpers/edits';

test('Add cache mounts: listed without its edit, codeAction/resolve gives the after fixture', async () => {
  const uri = 'file:///refactor/cache-mounts/Dockerfile';
  const { text, cursors } = extractCursors(readFixture('refactor/cache-mounts/go.before.Dockerfile'));
  const client = LspClient.ours();
  try {
    await client.initialize();
    await client.openAndWait(uri, text);
    const pos = cursors[0];
    const listed = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: pos, end: pos }, context: { diagnostics: [], only: ['refactor.rewrite'], triggerKind: 2 } });
    assert.equal(listed.kind, 'result');
    const action = listed.kind === 'result' ? listed.result.find((a) => a.title.startsWith('Add cache mounts')) : undefined;
    assert.ok(action && !action.edit && action.data, JSON.stringify(action));
    assert.equal(action.kind, 'refactor.rewrite');
    assert.match(action.title, /^Add cache mounts \(≈ −\d+ MB Go module cache leaves the image\)$/);
    const resolved = await client.request<CodeAction>('codeAction/resolve', action);
    assert.equal(resolved.kind, 'result');
    if (resolved.kind === 'result') assert.equal(applyAction(text, resolved.result, uri), readFixture('refactor/cache-mounts/go.after.Dockerfile'));
  } finally {
    await client.shutdown();
  }
});
