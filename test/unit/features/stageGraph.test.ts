// The stage graph behind the diagram: nodes, deduplicated edges by kind, what the target builds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../server/src/core/model/parse';
import { estimatedSizes, stageGraph } from '../../../server/src/core/features/stageGraph';
import { corpusFiles } from '../../helpers/corpus';

const DOCKERFILE = [
  'FROM golang:1.22 AS deps', // 0
  'RUN go mod download',
  'FROM deps AS build', // 2
  'RUN --mount=type=cache,target=/root/.cache,from=deps go build -o /app',
  'COPY --from=deps /go/pkg /go/pkg',
  'COPY --from=deps /etc/x /etc/x',
  'FROM alpine:3.20 AS test', // 6
  'COPY --from=build /app /app',
  'FROM scratch', // 8
  'COPY --from=build /app /app',
  '',
].join('\n');

test('stage graph: nodes with base, target and built flags', () => {
  const g = stageGraph(parseDockerfile(DOCKERFILE), 'file:///Dockerfile');
  assert.equal(g.target, 3);
  assert.deepEqual(g.nodes.map((n) => [n.label, n.image, n.baseStage, n.built, n.isTarget]), [
    ['deps', 'golang:1.22', undefined, true, false],
    ['build', 'deps', 0, true, false],
    ['test', 'alpine:3.20', undefined, false, false],
    ['stage 3', 'scratch', undefined, true, true],
  ]);
  assert.equal(g.nodes[3].name, undefined);
  assert.equal(g.nodes[1].range.start.line, 2);
});

test('stage graph: one edge per dependency and kind', () => {
  const g = stageGraph(parseDockerfile(DOCKERFILE), 'file:///Dockerfile');
  assert.deepEqual(g.edges.map((e) => `${e.from}->${e.to}:${e.kind}@${e.range.start.line}`), [
    '1->0:from@2', '1->0:mount@3', '1->0:copy@4', '2->1:copy@7', '3->1:copy@9',
  ]);
});

test('stage graph: a named target changes what is built', () => {
  const g = stageGraph(parseDockerfile(DOCKERFILE), 'file:///Dockerfile', 'TEST');
  assert.equal(g.target, 2);
  assert.deepEqual(g.nodes.map((n) => n.built), [true, true, true, false]);
});

test('stage graph: sizes come from the injected lookup', () => {
  const g = stageGraph(parseDockerfile(DOCKERFILE), 'u', undefined, (_m, i) => (i === 2 ? { bytes: 8_000_000, text: '8.0 MB' } : undefined));
  assert.deepEqual(g.nodes.map((n) => n.size?.text), [undefined, undefined, '8.0 MB', undefined]);
});

test('stage graph: empty and stage-less documents give an empty graph', () => {
  for (const text of ['', '# just a comment\n', 'ARG X=1\n']) {
    assert.deepEqual(stageGraph(parseDockerfile(text), 'u'), { uri: 'u', target: -1, nodes: [], edges: [] });
  }
});

test('stage graph: every edge of a real-world Dockerfile joins two of its nodes', () => {
  for (const { name, text } of corpusFiles()) {
    const g = stageGraph(parseDockerfile(text), name);
    assert.ok(g.nodes.length >= 1, name);
    for (const e of g.edges) assert.ok(e.from < g.nodes.length && e.to < g.nodes.length && e.from !== e.to, `${name}: ${JSON.stringify(e)}`);
    assert.ok(g.nodes[g.target].built, name);
  }
});

test('stage graph: estimated sizes from the estimator, smaller for the scratch stage', () => {
  const g = stageGraph(parseDockerfile(DOCKERFILE), 'u', undefined, estimatedSizes('uncompressed', {}));
  for (const n of g.nodes) assert.ok(n.size && n.size.bytes >= 0 && n.size.text.length > 0, n.label);
  assert.ok(g.nodes[3].size!.bytes < g.nodes[2].size!.bytes, 'scratch + one binary is smaller than alpine');
});
