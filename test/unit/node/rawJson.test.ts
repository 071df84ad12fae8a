// Answers written ahead as JSON, as text or as bytes: the array is the items' JSON, in pieces of
// bounded size; the stdio writer frames it as a response; any other writer gets the same JSON
// through toJSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { rawJsonArray, rawJsonBytes, type RawJson } from '../../../server/src/lsp/rawJson';
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

/** The same items written as bytes: numbers with number(), the rest (keys, the note) with text(). */
function itemsAsBytes(list: typeof items): RawJson {
  return rawJsonBytes((out) => {
    for (const item of list) {
      const { start, end } = item.range;
      out.item();
      out.text('{"range":{"start":{"line":');
      out.number(start.line);
      out.text(',"character":');
      out.number(start.character);
      out.text('},"end":{"line":');
      out.number(end.line);
      out.text(',"character":');
      out.number(end.character);
      out.text('}},"data":[');
      out.number(item.data[0]);
      out.text(',');
      out.number(item.data[1]);
      out.text(item.note === undefined ? ']}' : `],"note":${JSON.stringify(item.note)}}`);
    }
  });
}

/** The messages in a stream of framed LSP messages. */
function messagesIn(stream: Buffer): unknown[] {
  const messages: unknown[] = [];
  for (let bytes = stream; bytes.length > 0; ) {
    const headerEnd = bytes.indexOf('\r\n\r\n');
    const length = Number(/Content-Length: (\d+)/.exec(bytes.subarray(0, headerEnd).toString())?.[1]);
    messages.push(JSON.parse(bytes.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')));
    bytes = bytes.subarray(headerEnd + 4 + length);
  }
  return messages;
}

const bytesText = (raw: RawJson) => Buffer.concat(raw.pieces.map((p) => (typeof p === 'string' ? Buffer.from(p) : p))).toString('utf8');

test('an array written as bytes is the items JSON, in pieces of at most 32 KB, non-ASCII text included', () => {
  const raw = itemsAsBytes(items);
  assert.equal(bytesText(raw), JSON.stringify(items));
  assert.ok(raw.pieces.length > 5);
  assert.ok(raw.pieces.every((p) => typeof p !== 'string' && p.length <= 32 * 1024));
  assert.equal(JSON.stringify({ result: raw }), JSON.stringify({ result: items }), 'toJSON for other writers');
  assert.equal(bytesText(rawJsonBytes(() => {})), '[]');
});

test('a text longer than a piece, not ASCII, is written whole and read back whole', () => {
  const text = `${'a'.repeat(32 * 1024 - 3)}🐳é`;
  const raw = rawJsonBytes((out) => (out.item(), out.text(JSON.stringify(text)), out.item(), out.number(7)));
  assert.equal(bytesText(raw), JSON.stringify([text, 7]));
  assert.deepEqual(JSON.parse(JSON.stringify(raw)), [text, 7]);
});

test('an answer written as bytes is emptied once the stdio writer has copied it, and the next one reuses its memory intact', async () => {
  const chunks: Buffer[] = [];
  const out = new Writable({ write(chunk, _e, done) { chunks.push(Buffer.from(chunk)); done(); } });
  const writer = new BatchedMessageWriter(out);
  const first = itemsAsBytes(items);
  void writer.write({ jsonrpc: '2.0', id: 1, result: first } as unknown as Message);
  assert.equal(first.pieces.length, 0);
  const others = items.map((item) => ({ ...item, data: [9, 9] }));
  const second = itemsAsBytes(others);
  void writer.write({ jsonrpc: '2.0', id: 2, result: second } as unknown as Message);
  await new Promise((r) => setImmediate(r));
  await new Promise((r) => setImmediate(r));
  const results = messagesIn(Buffer.concat(chunks)).map((m) => (m as { result: unknown }).result);
  assert.deepEqual(results, [JSON.parse(JSON.stringify(items)), JSON.parse(JSON.stringify(others))]);
  writer.dispose();
});

test('numbers written as bytes: every digit count, and anything but a small whole number as JSON.stringify writes it', () => {
  const numbers = [0, 1, 9, 10, 99, 100, 101, 1000, 65535, 1e6, 123456789, 2 ** 31 - 1, 2 ** 31, 2 ** 53, -1, -0, 0.5, 1e21, NaN, Infinity];
  const raw = rawJsonBytes((out) => numbers.forEach((n) => (out.item(), out.number(n))));
  assert.equal(bytesText(raw), JSON.stringify(numbers));
});

for (const [kind, answer] of [['text', () => rawJsonArray((emit) => items.forEach(emit))], ['bytes', () => itemsAsBytes(items)]] as const) {
  test(`the stdio writer sends a written-ahead answer (${kind}) as the response it stands for`, async () => {
    const chunks: Buffer[] = [];
    const out = new Writable({ write(chunk, _e, done) { chunks.push(Buffer.from(chunk)); done(); } });
    const writer = new BatchedMessageWriter(out);
    void writer.write({ jsonrpc: '2.0', id: 7, result: answer() } as unknown as Message);
    void writer.write({ jsonrpc: '2.0', id: 8, result: null } as unknown as Message);
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(messagesIn(Buffer.concat(chunks)), [{ jsonrpc: '2.0', id: 7, result: JSON.parse(JSON.stringify(items)) }, { jsonrpc: '2.0', id: 8, result: null }]);
    writer.dispose();
  });
}

test('a batch buffer is reused only after the stream is done with it: a slow stream still gets every message intact', async () => {
  const chunks: Buffer[] = [];
  // Reads each chunk only when it finishes writing it, a millisecond later.
  const out = new Writable({ write(chunk, _e, done) { setTimeout(() => { chunks.push(Buffer.from(chunk)); done(); }, 1); } });
  const writer = new BatchedMessageWriter(out);
  const expected: unknown[] = [];
  for (let id = 0; id < 4; id++) {
    const list = items.map((item) => ({ ...item, data: [id, id] }));
    expected.push({ jsonrpc: '2.0', id, result: JSON.parse(JSON.stringify(list)) });
    void writer.write({ jsonrpc: '2.0', id, result: id % 2 ? itemsAsBytes(list) : rawJsonArray((emit) => list.forEach(emit)) } as unknown as Message);
    await new Promise((r) => setTimeout(r, 5));
  }
  // The stream drains at its own pace, slower still on a loaded machine: wait for every message, not a fixed time.
  const whole = () => {
    try {
      return messagesIn(Buffer.concat(chunks)).length === expected.length;
    } catch {
      return false;
    }
  };
  for (const deadline = Date.now() + 10_000; !whole() && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(messagesIn(Buffer.concat(chunks)), expected);
  writer.dispose();
});
