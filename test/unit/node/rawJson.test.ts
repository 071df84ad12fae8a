// Answers written ahead as JSON: the array text is the items' JSON, in pieces of bounded size; the
// stdio writer frames it as a response; any other writer gets the same JSON through toJSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { rawJsonArray } from '../../../server/src/lsp/rawJson';
import { BatchedMessageWriter } from '../../../server/src/node/batchedWriter';
import type { Message } from 'vscode-languageserver/node';

const items = Array.from({ length: 5000 }, (_, i) => ({ range: { start: { line: i * 10, character: 0 }, end: { line: i * 10, character: 4 } }, data: [0, i], note: i % 7 ? undefined : 'é 🐳' }));

test('an array written item by item is the items JSON, in pieces under 40 K characters', () => {
  const raw = rawJsonArray((emit) => items.forEach(emit));
  assert.equal(raw.pieces.join(''), JSON.stringify(items));
  assert.ok(raw.pieces.length > 5);
  assert.ok(raw.pieces.every((p) => p.length < 40_000));
  assert.equal(JSON.stringify({ result: raw }), JSON.stringify({ result: items }), 'toJSON for other writers');
  assert.equal(rawJsonArray(() => {}).pieces.join(''), '[]');
  assert.equal(rawJsonArray((emit) => emit(undefined)).pieces.join(''), '[null]');
});

test('the stdio writer sends a written-ahead answer as the response it stands for', async () => {
  const chunks: Buffer[] = [];
  const out = new Writable({ write(chunk, _e, done) { chunks.push(Buffer.from(chunk)); done(); } });
  const writer = new BatchedMessageWriter(out);
  void writer.write({ jsonrpc: '2.0', id: 7, result: rawJsonArray((emit) => items.forEach(emit)) } as unknown as Message);
  await new Promise((r) => setImmediate(r));
  await new Promise((r) => setImmediate(r));
  const bytes = Buffer.concat(chunks);
  const headerEnd = bytes.indexOf('\r\n\r\n');
  const length = Number(/Content-Length: (\d+)/.exec(bytes.subarray(0, headerEnd).toString())?.[1]);
  assert.equal(length, bytes.length - headerEnd - 4);
  assert.deepEqual(JSON.parse(bytes.subarray(headerEnd + 4).toString('utf8')), { jsonrpc: '2.0', id: 7, result: JSON.parse(JSON.stringify(items)) });
  writer.dispose();
});
