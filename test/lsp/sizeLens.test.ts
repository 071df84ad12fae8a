// Size lenses over stdio: the list is one stub per FROM, resolve gives the title and a command that
// names the stage only, and the breakdown is asked for with dockerfileStages/sizeBreakdown.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeLens } from 'vscode-languageserver/node';
import { TestClient } from '../helpers/lspClient';
import { SIZE_BREAKDOWN_REQUEST, type SizeBreakdown, type SizeLensArgs } from '../../server/src/protocol';

const uri = 'untitled:size-lens';
let client: TestClient;

before(async () => {
  client = new TestClient();
  await client.initialize();
  await client.open(uri, 'FROM golang:1.22-alpine AS build\nRUN apk add --no-cache git\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n');
});
after(() => client.stop());

test('size lenses resolve to a title and a command that carries the stage, not the breakdown', async () => {
  const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
  assert.deepEqual(lenses.map((l) => l.range.start.line), [0, 3]);
  const resolved = await client.request<CodeLens>('codeLens/resolve', lenses[1]);
  assert.match(resolved.command!.title, /final image$/);
  assert.equal(resolved.command!.command, 'dockerfileStages.showSizeBreakdown');
  assert.deepEqual(resolved.command!.arguments, [{ uri, stage: 1 } satisfies SizeLensArgs]);
});

test('the lens list is written by hand as JSON: an empty range at each FROM keyword, indented ones too', async () => {
  const indented = 'untitled:size-lens-indented';
  await client.open(indented, 'FROM alpine AS base\n  \tfrom base\n');
  const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: indented } });
  const at = (line: number, character: number) => ({ start: { line, character }, end: { line, character } });
  assert.deepEqual(lenses.map((l) => l.range), [at(0, 0), at(1, 3)]);
  assert.deepEqual(lenses.map((l) => (l.data as number[])[1]), [0, 1]);
  assert.deepEqual(lenses.map((l) => Object.keys(l)), [['range', 'data'], ['range', 'data']]);
});

test('a lens whose data names no open document or is not ours comes back as it was sent', async () => {
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  for (const data of [[99, 0], ['constructor', 0], [0, 'x'], { uri, stage: 0 }, null]) {
    const lens = { range, data };
    assert.deepEqual(await client.request<CodeLens>('codeLens/resolve', lens), lens, JSON.stringify(data));
  }
});

test('the breakdown request answers the stage breakdown, largest first after the base', async () => {
  const b = await client.request<SizeBreakdown>(SIZE_BREAKDOWN_REQUEST, { textDocument: { uri }, stage: 0 });
  assert.equal(b.stage.name, 'build');
  assert.equal(b.items[0].instruction, 'FROM');
  assert.match(b.base.resolved, /^golang:1\.22-alpine/);
  const rest = b.items.slice(1).map((i) => i.bytes);
  assert.deepEqual(rest, rest.slice().sort((x, y) => y - x));
  assert.ok(b.items.some((i) => i.instruction === 'RUN' && /go build/.test(i.note)));
  const final = await client.request<SizeBreakdown>(SIZE_BREAKDOWN_REQUEST, { textDocument: { uri }, stage: 1 });
  assert.deepEqual(final.items.map((i) => [i.instruction, i.bytes > 0]), [['FROM', false], ['COPY', true]]);
});

test('the breakdown request answers null for a stage or document that does not exist', async () => {
  assert.equal(await client.request(SIZE_BREAKDOWN_REQUEST, { textDocument: { uri }, stage: 9 }), null);
  assert.equal(await client.request(SIZE_BREAKDOWN_REQUEST, { textDocument: { uri: 'file:///nope' }, stage: 0 }), null);
  assert.equal(await client.request(SIZE_BREAKDOWN_REQUEST, { bogus: true }), null);
});
