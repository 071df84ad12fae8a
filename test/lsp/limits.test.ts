// Over stdio: documents past the limits get empty answers and one log line, and do not disturb
// the other documents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from '../helpers/lspDriver';

const REQUESTS = ['textDocument/completion', 'textDocument/definition', 'textDocument/hover', 'textDocument/references', 'textDocument/documentSymbol', 'textDocument/codeLens', 'textDocument/foldingRange'];

test('a 50 MB document and a 1 MB line degrade to empty answers, logged once; a normal document keeps working', async () => {
  const client = LspClient.ours();
  try {
    await client.initialize();
    const stage = 'FROM alpine AS base\nRUN echo hi\nFROM base AS next\nCOPY --from=nosuch /a /b\n';
    const huge = stage + 'RUN echo filler filler filler filler filler filler filler\n'.repeat(900_000);
    const longLine = stage + 'RUN ' + 'a'.repeat(1 << 20) + '\n';
    const docs = { 'file:///limits/huge': huge, 'file:///limits/long-line': longLine, 'file:///limits/normal': stage };
    for (const [uri, text] of Object.entries(docs)) {
      const diagnostics = await client.openAndWait(uri, text, 1, 30_000);
      assert.ok(diagnostics, `no diagnostics for ${uri}`);
      assert.equal(diagnostics.length, uri.endsWith('normal') ? 1 : 0, uri);
    }
    for (const uri of Object.keys(docs)) {
      for (const method of REQUESTS) {
        if (!client.capabilities[`${method.split('/')[1]}Provider` as keyof typeof client.capabilities]) continue;
        const position = { line: 3, character: 14 };
        const r = await client.request(method, { textDocument: { uri }, position, context: { includeDeclaration: true, triggerKind: 1 } }, 10_000);
        assert.equal(r.kind, 'result', `${method} on ${uri}: ${r.kind}`);
        const result = r.kind === 'result' ? r.result : undefined;
        const empty = result == null || (Array.isArray(result) && result.length === 0) || (typeof result === 'object' && 'items' in result && (result as { items: unknown[] }).items.length === 0);
        if (!uri.endsWith('normal')) assert.ok(empty, `${method} on ${uri} answered ${JSON.stringify(result).slice(0, 200)}`);
      }
    }
    // Typing in the big documents: still answered, still logged only once each.
    for (const [v, uri] of [[2, 'file:///limits/huge'], [3, 'file:///limits/huge'], [2, 'file:///limits/long-line']] as const) {
      const next = client.nextDiagnostics(uri, v, 30_000);
      client.change(uri, v, [{ range: { start: { line: 1, character: 3 }, end: { line: 1, character: 3 } }, text: 'x' }]);
      assert.ok(await next);
    }
    const warnings = client.logs.filter((l) => l.message.includes('stage features are off'));
    assert.equal(warnings.length, 2, warnings.map((w) => w.message).join('\n'));
    assert.match(warnings.find((w) => w.message.includes('huge'))!.message, /characters \(limit/);
    assert.match(warnings.find((w) => w.message.includes('long-line'))!.message, /line 5 has 1048580 characters/);
    assert.deepEqual(client.errorLogs(), []);
  } finally {
    await client.shutdown();
  }
});

test('completion offers the nearest 1,000 earlier stages by default, compactly, and says there are more; what is typed narrows it', async () => {
  const client = LspClient.ours();
  try {
    await client.initialize();
    const uri = 'file:///limits/many-stages';
    const stages = Array.from({ length: 1200 }, (_, i) => `FROM alpine AS s${i}\nRUN true\n`).join('');
    const text = stages + 'FROM alpine AS last\nCOPY --from= /a /b\n';
    await client.openAndWait(uri, text);
    const line = text.split('\n').length - 2;
    const all = await client.request<{ isIncomplete: boolean; items: { label: string }[] }>('textDocument/completion', { textDocument: { uri }, position: { line, character: 12 } });
    assert.equal(all.kind, 'result');
    const list = all.kind === 'result' ? all.result : undefined;
    assert.deepEqual([list?.isIncomplete, list?.items.length], [true, 1000]);
    assert.deepEqual([list?.items[0].label, list?.items[999].label], ['s1199', 's200']);
    assert.ok(list?.items.every((i) => !('textEdit' in i) && !('data' in i)), 'nothing typed yet: the label is inserted at the cursor; resolve needs no data');
    const resolved = await client.request<{ detail?: string }>('completionItem/resolve', list!.items[1]);
    assert.equal(resolved.kind === 'result' && resolved.result.detail, 'stage s1198 · line 2397');
    client.change(uri, 2, [{ range: { start: { line, character: 12 }, end: { line, character: 12 } }, text: 's11' }]);
    const narrowed = await client.request<{ isIncomplete: boolean; items: { label: string }[] }>('textDocument/completion', { textDocument: { uri }, position: { line, character: 15 } });
    const items = narrowed.kind === 'result' ? narrowed.result.items : [];
    assert.equal(narrowed.kind === 'result' && narrowed.result.isIncomplete, false);
    assert.ok(items.every((i) => /^s.*1.*1/.test(i.label)));
    assert.ok(items.some((i) => i.label === 's11') && items.some((i) => i.label === 's101'), 'the characters in order, as the editor filters, from every stage: s11 was past the first 1,000');
  } finally {
    await client.shutdown();
  }
});

test('completionLimit 0 offers every earlier stage; another limit keeps that many', async () => {
  for (const [limit, expected] of [[0, [false, 1200, 's0']], [50, [true, 50, 's1150']]] as const) {
    const client = LspClient.ours({ settings: { completionLimit: limit } });
    try {
      await client.initialize();
      const uri = 'file:///limits/unlimited';
      const text = Array.from({ length: 1200 }, (_, i) => `FROM alpine AS s${i}\n`).join('') + 'FROM alpine\nCOPY --from= /a /b\n';
      await client.openAndWait(uri, text);
      const r = await client.request<{ isIncomplete: boolean; items: { label: string }[] }>('textDocument/completion', { textDocument: { uri }, position: { line: 1201, character: 12 } });
      assert.deepEqual(r.kind === 'result' ? [r.result.isIncomplete, r.result.items.length, r.result.items.at(-1)?.label] : r, expected);
    } finally {
      await client.shutdown();
    }
  }
});
