// The refactorings through the bundled server over stdio, as an editor drives them (the light bulb
// asks for code actions at the cursor, the editor applies the workspace edit): the split of the Go
// fixture arrives as refactor.extract with sizes in the title and gives the expected Dockerfile:
// in the list for a client without codeAction/resolve, through codeAction/resolve for one with it.
// Run `npm run build` first.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { TestClient } from '../helpers/lspClient';
import { LspClient } from '../helpers/lspDriver';
import { extractCursors, readFixture } from '../helpers/fixtures';
import { applyAction } from '../helpers/edits';

const uri = 'file:///refactor/split/Dockerfile';
const { text, cursors } = extractCursors(readFixture('refactor/split/go-golang.before.Dockerfile'));
let client: TestClient;

before(async () => {
  client = new TestClient();
  await client.initialize();
  await client.open(uri, text);
});
after(() => client.stop());

function actionsAt(line: number, character: number, only?: string[]): Promise<CodeAction[]> {
  const pos = { line, character };
  return client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: pos, end: pos }, context: { diagnostics: [], only, triggerKind: 2 } });
}

test('the server advertises the refactoring kinds', () => {
  const provider = client.capabilities.codeActionProvider;
  assert.ok(typeof provider === 'object' && provider.codeActionKinds?.includes('refactor.extract'));
});

test('"Split into builder stage" at the cursor: sizes in the title, the edit gives the after fixture', async () => {
  const actions = await actionsAt(cursors[0].line, cursors[0].character);
  const split = actions.find((a) => a.title.startsWith('Split into builder stage'));
  assert.ok(split, JSON.stringify(actions.map((a) => a.title)));
  assert.equal(split.kind, 'refactor.extract');
  assert.match(split.title, /^Split into builder stage \(≈ [\d.]+ GB → ≈ [\d.]+ MB\)$/);
  assert.equal(applyAction(text, split, uri), readFixture('refactor/split/go-golang.after.Dockerfile'));
});

test('only=refactor.extract keeps the split; only=quickfix drops it', async () => {
  const extract = await actionsAt(cursors[0].line, 0, ['refactor.extract']);
  assert.ok(extract.some((a) => a.title.startsWith('Split into builder stage')));
  assert.ok(extract.every((a) => a.kind?.startsWith('refactor.extract')));
  const fixes = await actionsAt(cursors[0].line, 0, ['quickfix']);
  assert.ok(!fixes.some((a) => a.title.startsWith('Split')));
});

test('after applying the split, the new document offers no split and reports no stage problem', async () => {
  const split = (await actionsAt(cursors[0].line, cursors[0].character)).find((a) => a.title.startsWith('Split'))!;
  const result = applyAction(text, split, uri);
  const diagnostics = await client.change(uri, [{ text: result }]);
  assert.deepEqual(diagnostics, []);
  for (let line = 0; line < result.split('\n').length; line++) {
    const again = await actionsAt(line, 0);
    assert.ok(!again.some((a) => a.title.startsWith('Split')), `line ${line + 1}`);
  }
});

test('a client that resolves edits gets the split without its edit, and codeAction/resolve gives it', async () => {
  const lazy = LspClient.ours();
  try {
    await lazy.initialize();
    const provider = lazy.capabilities.codeActionProvider;
    assert.ok(typeof provider === 'object' && provider.resolveProvider);
    await lazy.openAndWait(uri, text);
    const pos = { line: cursors[0].line, character: cursors[0].character };
    const listed = await lazy.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: pos, end: pos }, context: { diagnostics: [], triggerKind: 2 } });
    assert.equal(listed.kind, 'result');
    const split = listed.kind === 'result' ? listed.result.find((a) => a.title.startsWith('Split into builder stage')) : undefined;
    assert.ok(split && !split.edit && split.data, JSON.stringify(split));
    const resolved = await lazy.request<CodeAction>('codeAction/resolve', split);
    assert.equal(resolved.kind, 'result');
    if (resolved.kind === 'result') assert.equal(applyAction(text, resolved.result, uri), readFixture('refactor/split/go-golang.after.Dockerfile'));

    // Once the document no longer offers that split, resolving the old action gives no edit.
    lazy.change(uri, 2, [{ text: text.replace('RUN go build', 'RUN echo') }]);
    const stale = await lazy.request<CodeAction>('codeAction/resolve', split);
    assert.equal(stale.kind, 'result');
    if (stale.kind === 'result') assert.equal(stale.result.edit, undefined);
  } finally {
    await lazy.shutdown();
  }
});
