// dockerfileStages/stageGraph over stdio, as the VS Code client asks for it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TestClient } from '../helpers/lspClient';
import { STAGE_GRAPH_REQUEST, type StageGraph } from '../../server/src/protocol';

const uri = 'file:///graph/Dockerfile';
let client: TestClient;

before(async () => {
  client = new TestClient();
  await client.initialize();
  await client.open(uri, 'FROM golang:1.22 AS build\nRUN go build -o /app\nFROM alpine AS test\nFROM scratch\nCOPY --from=build /app /app\n');
});
after(() => client.stop());

test('stageGraph answers the stages, edges and target of an open document', async () => {
  const g = await client.request<StageGraph>(STAGE_GRAPH_REQUEST, { textDocument: { uri } });
  assert.deepEqual(g.nodes.map((n) => [n.label, n.built, n.isTarget]), [['build', true, false], ['test', false, false], ['stage 2', true, true]]);
  assert.deepEqual(g.edges.map((e) => [e.from, e.to, e.kind]), [[2, 0, 'copy']]);
});

test('stageGraph takes an explicit target', async () => {
  const g = await client.request<StageGraph>(STAGE_GRAPH_REQUEST, { textDocument: { uri }, target: 'test' });
  assert.equal(g.target, 1);
});

test('stageGraph answers an empty graph for an unknown document or bad params', async () => {
  assert.deepEqual(await client.request<StageGraph>(STAGE_GRAPH_REQUEST, { textDocument: { uri: 'file:///nope' } }), { uri: 'file:///nope', target: -1, nodes: [], edges: [] });
  assert.equal((await client.request<StageGraph>(STAGE_GRAPH_REQUEST, { bogus: 1 })).nodes.length, 0);
});
