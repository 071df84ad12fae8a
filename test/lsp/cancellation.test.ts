// Over stdio: cancelled requests are not answered with a result, and diagnostics are never
// published for a document version that is no longer current.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateDockerfile } from '../../bench/generate';
import { LspClient } from '../helpers/lspDriver';

const REQUEST_CANCELLED = -32800;

test('a request cancelled while it waits behind others gets RequestCancelled, the next one an answer', async () => {
  const client = LspClient.ours();
  try {
    await client.initialize();
    const uri = 'file:///cancel/Dockerfile';
    const text = generateDockerfile(2000);
    await client.openAndWait(uri, text);
    // An edit and an outline of 2,000 stages keep the server busy while the next requests queue up.
    client.change(uri, 2, [{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, text: 'x' }]);
    const busy = client.request('textDocument/documentSymbol', { textDocument: { uri } }, 30_000);
    const doomed = client.request('textDocument/documentSymbol', { textDocument: { uri } }, 30_000, 0);
    const kept = client.request('textDocument/foldingRange', { textDocument: { uri } }, 30_000);
    const [b, d, k] = await Promise.all([busy, doomed, kept]);
    assert.equal(b.kind, 'result');
    assert.equal(d.kind, 'error', `cancelled request answered: ${d.kind}`);
    assert.equal(d.kind === 'error' && d.code, REQUEST_CANCELLED);
    assert.equal(k.kind, 'result');
    assert.ok(Array.isArray(k.kind === 'result' && k.result) && (k.result as unknown[]).length === 2000);
    assert.deepEqual(client.errorLogs(), []);
  } finally {
    await client.shutdown();
  }
});

test('a burst of changes publishes versions in order, the last one for the final text; close publishes nothing after its clear', async () => {
  const client = LspClient.ours();
  try {
    await client.initialize();
    const uri = 'file:///stale/Dockerfile';
    const base = generateDockerfile(1000);
    await client.openAndWait(uri, base);
    const since = client.published.length;
    // Each version renames the copy source of the last stage; only the final one names no stage.
    const lines = base.split('\n');
    const line = lines.map((l, i) => (l.startsWith('COPY --from=s') ? i : -1)).reduce((a, b) => Math.max(a, b));
    const old = lines[line];
    const value = 'COPY --from='.length;
    let current = old.slice(value, old.indexOf(' ', value));
    for (let v = 2; v <= 30; v++) {
      const next = v === 30 ? 'nosuchstage' : `s${v}`;
      client.change(uri, v, [{ range: { start: { line, character: value }, end: { line, character: value + current.length } }, text: next }]);
      current = next;
    }
    const last = await client.settledDiagnostics(uri, 30, 30_000);
    assert.ok(last, 'no diagnostics for the final version');
    const versions = client.published.slice(since).filter((p) => p.params.uri === uri).map((p) => p.params.version ?? -1);
    assert.deepEqual([...versions].sort((a, b) => a - b), versions, `published out of order: ${versions}`);
    assert.equal(versions.at(-1), 30);
    assert.ok(last.params.diagnostics.some((d) => d.code === 'undefined-stage' && d.range.start.line === line), 'final diagnostics do not match the final text');

    // Changes then a close at once: after the clearing publish, nothing more arrives for the uri.
    client.change(uri, 31, [{ range: { start: { line, character: value }, end: { line, character: value + current.length } }, text: 's1' }]);
    client.close(uri);
    const sync = await client.request('textDocument/foldingRange', { textDocument: { uri: 'file:///other' } });
    assert.equal(sync.kind, 'result');
    await new Promise((r) => setTimeout(r, 50));
    const after = client.published.filter((p) => p.params.uri === uri).at(-1);
    assert.deepEqual(after?.params.diagnostics, []);
    assert.equal(after?.params.version, undefined);
  } finally {
    await client.shutdown();
  }
});
