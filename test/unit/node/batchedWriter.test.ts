// The batched stdout writer: every message framed as vscode-jsonrpc frames it, in order; a lone
// message leaves on the next loop turn, a burst (answered as the connection answers: one message
// per turn, the next turn queued before the answer) in few writes of bounded size.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import type { Message } from 'vscode-languageserver/node';
import { BatchedMessageWriter } from '../../../server/src/node/batchedWriter';
import { stdioTransport } from '../../../server/src/node/stdio';

function sink(): { out: Writable; chunks: Buffer[] } {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  return { out, chunks };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));
const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await turn();
};

/** The messages in a byte stream of Content-Length frames (lengths in UTF-8 bytes). */
function frames(bytes: Buffer): unknown[] {
  const out: unknown[] = [];
  let at = 0;
  while (at < bytes.length) {
    const headerEnd = bytes.indexOf('\r\n\r\n', at);
    const header = bytes.subarray(at, headerEnd).toString('ascii');
    const length = Number(/^Content-Length: (\d+)$/.exec(header)?.[1]);
    assert.ok(length > 0, `bad header ${header}`);
    out.push(JSON.parse(bytes.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')));
    at = headerEnd + 4 + length;
  }
  return out;
}

test('a lone message is written on the next loop turn, framed with its length in bytes', async () => {
  const { out, chunks } = sink();
  const writer = new BatchedMessageWriter(out);
  const msg = { jsonrpc: '2.0', id: 1, result: { title: '≈ 6.5 MB · final image' } };
  await writer.write(msg);
  assert.equal(chunks.length, 0);
  await turns(1);
  assert.deepEqual(frames(Buffer.concat(chunks)), [msg]);
  writer.dispose();
});

test('a burst goes out in order, in few writes (4 ms at most apart) of at most about 64 KB each', async () => {
  const { out, chunks } = sink();
  const writer = new BatchedMessageWriter(out);
  const sent = Array.from({ length: 2000 }, (_, id) => ({ jsonrpc: '2.0', id, result: { command: { title: `stage ${id} · ≈ ${id} MB`, arguments: [{ uri: 'file:///x', stage: id }] } } }));
  // As vscode-jsonrpc's connection answers them: one message per loop turn, the next turn queued
  // before the handler's answer is written (in a microtask).
  await new Promise<void>((done) => {
    let k = 0;
    const step = () => {
      if (k === sent.length) return done();
      const msg = sent[k++];
      setImmediate(step);
      queueMicrotask(() => void writer.write(msg));
    };
    setImmediate(step);
  });
  await turns(2);
  assert.deepEqual(frames(Buffer.concat(chunks)), sent);
  assert.ok(chunks.length <= 200, `${chunks.length} writes for 2,000 messages`);
  assert.ok(Math.max(...chunks.map((c) => c.length)) < 70 * 1024);
  writer.dispose();
});

test('a message larger than a batch goes out in 64 KB writes, characters cut nowhere', async () => {
  const { out, chunks } = sink();
  const writer = new BatchedMessageWriter(out);
  // Two-, three- and four-byte characters (a surrogate pair) at every alignment against 64 KB.
  const text = Array.from({ length: 40_000 }, (_, i) => ['é', '日本', '🐳', 'x'][i % 4] + 'x'.repeat(i % 7)).join('\n');
  const sent = [{ jsonrpc: '2.0', method: 'a' }, { jsonrpc: '2.0', id: 1, result: { text } }, { jsonrpc: '2.0', method: 'b' }] as unknown as Message[];
  for (const m of sent) void writer.write(m);
  await turns(2);
  assert.ok(Buffer.byteLength(text) > 4 * 65_536);
  assert.ok(chunks.every((c) => c.length <= 65_536), `writes of ${Math.max(...chunks.map((c) => c.length))} bytes`);
  assert.deepEqual(frames(Buffer.concat(chunks)), sent);
  writer.dispose();
});

test('dispose writes what is pending; a message that cannot be encoded is refused', async () => {
  const { out, chunks } = sink();
  const writer = new BatchedMessageWriter(out);
  void writer.write({ jsonrpc: '2.0', method: 'a' } as Message);
  const cyclic: Record<string, unknown> = { jsonrpc: '2.0', method: 'b' };
  cyclic.self = cyclic;
  await assert.rejects(writer.write(cyclic as never));
  writer.dispose();
  assert.deepEqual(frames(Buffer.concat(chunks)), [{ jsonrpc: '2.0', method: 'a' }]);
});

test('stdioTransport: only when --stdio is the transport the command line names first', () => {
  assert.ok(stdioTransport(['--stdio']));
  assert.ok(stdioTransport(['--clientProcessId=12', '--stdio']));
  assert.equal(stdioTransport(['--node-ipc']), undefined);
  assert.equal(stdioTransport(['--socket=5007', '--stdio']), undefined);
  assert.equal(stdioTransport([]), undefined);
});
