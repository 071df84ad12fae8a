// The frame reader: every message of a byte stream, whatever the chunks (cut inside headers and
// inside multi-byte characters), in order; bad frames are reported and skipped, not fatal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { contentLength, FrameReader } from '../../../server/src/node/frameReader';

function frame(msg: unknown, extraHeader = ''): Buffer {
  const body = Buffer.from(JSON.stringify(msg), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n${extraHeader}\r\n`, 'ascii'), body]);
}

function read(chunks: Buffer[]): { messages: unknown[]; errors: string[] } {
  const input = new PassThrough();
  const reader = new FrameReader(input);
  const messages: unknown[] = [];
  const errors: string[] = [];
  reader.onError((e) => errors.push(String(e instanceof Error ? e.message : e)));
  reader.listen((m) => messages.push(m));
  // PassThrough emits 'data' synchronously on write in flowing mode.
  for (const c of chunks) input.write(c);
  return { messages, errors };
}

const MESSAGES = [
  { jsonrpc: '2.0', id: 1, method: 'codeLens/resolve', params: { data: { uri: 'file:///a/Dockerfile', stage: 3 } } },
  { jsonrpc: '2.0', method: 'textDocument/didChange', params: { text: 'FROM alpine AS é\nRUN echo "日本語 ✓"\n' } },
  { jsonrpc: '2.0', id: 2, result: null },
];

test('every message, with the stream cut at every byte', () => {
  const stream = Buffer.concat([frame(MESSAGES[0]), frame(MESSAGES[1], 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n'), frame(MESSAGES[2])]);
  for (let cut = 0; cut <= stream.length; cut++) {
    const { messages, errors } = read([stream.subarray(0, cut), stream.subarray(cut)]);
    assert.deepEqual(messages, MESSAGES, `cut at ${cut}`);
    assert.deepEqual(errors, []);
  }
  const { messages } = read([...stream].map((b) => Buffer.from([b])));
  assert.deepEqual(messages, MESSAGES, 'one byte per chunk');
});

test('a large message in many chunks, cut inside multi-byte characters', () => {
  const big = { jsonrpc: '2.0', method: 'textDocument/didOpen', params: { text: 'RUN echo é 🐳\n'.repeat(50_000) } };
  const stream = Buffer.concat([frame(big), frame(MESSAGES[2])]);
  const chunks: Buffer[] = [];
  for (let at = 0; at < stream.length; at += 65_536) chunks.push(stream.subarray(at, at + 65_536));
  assert.deepEqual(read(chunks).messages, [big, MESSAGES[2]]);
});

test('a frame without a valid length or with a body that is not JSON is reported and skipped', () => {
  const bad = Buffer.from('Content-Type: text/plain\r\n\r\n', 'ascii');
  const notJson = Buffer.from('Content-Length: 5\r\n\r\nhello', 'ascii');
  const { messages, errors } = read([frame(MESSAGES[0]), bad, notJson, frame(MESSAGES[2])]);
  assert.deepEqual(messages, [MESSAGES[0], MESSAGES[2]]);
  assert.equal(errors.length, 2);
});

test('input without a header end is dropped once past the header limit', () => {
  const { messages, errors } = read([Buffer.alloc(70_000, 'x'), frame(MESSAGES[2])]);
  assert.deepEqual(messages, [MESSAGES[2]]);
  assert.equal(errors.length, 1);
});

test('contentLength: any case, other fields ignored, digits only', () => {
  assert.equal(contentLength('Content-Length: 12'), 12);
  assert.equal(contentLength('content-type: x\r\ncontent-length:7'), 7);
  assert.equal(contentLength('Content-Length: -1'), undefined);
  assert.equal(contentLength('Content-Length: 1e3'), undefined);
  assert.equal(contentLength('Content-Type: x'), undefined);
  assert.equal(contentLength('Content-Length: '), undefined);
  assert.equal(contentLength('Content-Length: 12\r\nContent-Type: x'), 12);
  assert.equal(contentLength('Content-Length: 12 '), 12);
});
