// The codeLens/resolve answer written ahead: the same JSON as the lens object with its command, for
// lenses as clients send them (extra keys, none, a command already there), framed by the stdio
// writer as the response; the command's JSON is reused only for the same title, uri and stage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import type { CodeLens, Message } from 'vscode-languageserver/node';
import { SHOW_SIZE_BREAKDOWN } from '../../../server/src/core/features/sizeLens';
import { lensWithBreakdown } from '../../../server/src/lsp/lensAnswer';
import { RawJson } from '../../../server/src/lsp/rawJson';
import { BatchedMessageWriter } from '../../../server/src/node/batchedWriter';

const shown = { title: 's2 · ≈ 12 MB · not in final image', tooltip: 'Estimated 8–15 MB, most likely ≈ 12 MB.\nGuessed or not sized: "/opt/x" from stage s1.\nClick for the breakdown.' };
const range = { start: { line: 40, character: 0 }, end: { line: 40, character: 0 } };
const command = (uri: string, stage: number) => ({ title: shown.title, tooltip: shown.tooltip, command: SHOW_SIZE_BREAKDOWN, arguments: [{ uri, stage }] });
const json = (lens: CodeLens) => JSON.stringify(lens);

test('the answer is the JSON of the lens as it came with the command added last', () => {
  const lenses: CodeLens[] = [{ range, data: [0, 2] }, { data: [0, 2], range, isResolved: false } as CodeLens, {} as CodeLens];
  for (const lens of lenses) {
    const expected = JSON.stringify({ ...lens, command: command('file:///a/Dockerfile', 2) });
    const answer = lensWithBreakdown(JSON.parse(JSON.stringify(lens)), shown, 'file:///a/Dockerfile', 2);
    assert.ok(answer instanceof RawJson);
    const pieces = (answer as unknown as RawJson).pieces.map((p) => (typeof p === 'string' ? p : Buffer.from(p).toString('utf8'))).join('');
    assert.equal(pieces, expected);
    assert.equal(json(answer), expected, 'toJSON for other writers');
  }
});

test('a lens that came with a command keeps its keys in place', () => {
  const lens = { command: { title: '', command: '' }, range } as CodeLens;
  assert.equal(json(lensWithBreakdown(lens, shown, 'file:///a/Dockerfile', 2)), JSON.stringify({ command: command('file:///a/Dockerfile', 2), range }));
});

test('the command JSON kept for a title is not reused for another document or stage', () => {
  for (const [uri, stage] of [['file:///a/Dockerfile', 2], ['file:///b/Dockerfile', 2], ['file:///b/Dockerfile', 3], ['file:///a/Dockerfile', 2]] as const) {
    assert.equal(json(lensWithBreakdown({ range } as CodeLens, shown, uri, stage)), JSON.stringify({ range, command: command(uri, stage) }));
  }
});

test('the stdio writer frames it as the response the object would be', async () => {
  const chunks: Buffer[] = [];
  const out = new Writable({ write(chunk, _e, done) { chunks.push(Buffer.from(chunk)); done(); } });
  const writer = new BatchedMessageWriter(out);
  for (let id = 1; id <= 3; id++) await writer.write({ jsonrpc: '2.0', id, result: lensWithBreakdown({ range, data: [0, id] } as CodeLens, shown, 'file:///a/Dockerfile', id) } as Message);
  writer.dispose();
  await new Promise((r) => setImmediate(r));
  const expected = [1, 2, 3].map((id) => JSON.stringify({ jsonrpc: '2.0', id, result: { range, data: [0, id], command: command('file:///a/Dockerfile', id) } })).map((body) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`).join('');
  assert.equal(Buffer.concat(chunks).toString('utf8'), expected);
});
